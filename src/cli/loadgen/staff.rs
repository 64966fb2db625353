//! The simulated staff: who plays which desk, and how a desk works its
//! queue the way the workstation does.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::plan::Desk;
use super::report::Tally;
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::iin::{Iin, Sex};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{RefusalGround, Status};
use crate::ops::backend::Backend;
use crate::ops::{ActKind, ActRequest, OpsError, SubmitRequest};
use crate::server::remote::{News, Remote};
use crate::store::model::Summary;

/// What all clients share.
pub(super) struct Shared {
    pub stop: AtomicBool,
    /// Applications this run took in and that are not closed yet: operators
    /// take new ones in only while there are fewer than `cap`, so queues
    /// stay at a working size instead of growing for the whole run.
    pub open: Mutex<HashSet<String>>,
    pub cap: usize,
    /// The services each lane's provider renders with a State Corporation intake.
    pub services: Vec<Vec<String>>,
    /// Lanes with a clerk, a head and a specialist at work.
    pub staffed: Vec<usize>,
    /// The specialists at work in each lane (heads assign to them only).
    pub specialists: Vec<Vec<&'static str>>,
    pub serial: AtomicUsize,
    /// Open loop: when each piece of work is due.
    pub arrivals: Option<Arrivals>,
    /// Closed loop: each client's pause after a piece of work.
    pub think: Option<Duration>,
    /// Every acknowledged transition, with `--acknowledged`.
    pub acks: Option<super::acks::Acks>,
    /// Desks of one login split its list (`--split-queues`) instead of
    /// racing for the same most urgent entries.
    pub split: bool,
}

/// Pieces of work due at a fixed rate from `start`: the k-th at
/// `start + k * every`, taken by whichever client is free.
pub(super) struct Arrivals {
    /// Set when the clock starts, before any client takes work.
    pub start: OnceLock<Instant>,
    every: Duration,
    next: AtomicUsize,
}

impl Arrivals {
    pub fn at_rate(per_s: f64) -> Arrivals {
        Arrivals {
            start: OnceLock::new(),
            every: Duration::from_secs_f64(1.0 / per_s),
            next: AtomicUsize::new(0),
        }
    }

    /// When the next piece of work is due.
    pub fn take(&self) -> Instant {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        let start = *self.start.get_or_init(Instant::now);
        start + self.every.mul_f64(k as f64)
    }
}

/// One desk's connection and what it last saw.
pub(super) struct Seat {
    /// The desk's organisation, whose queues it works.
    org: String,
    desk: Desk,
    pub remote: Remote,
    /// Told of every notice to any desk of this client.
    pub news: Arc<News>,
    pub seen: u64,
    pub read_at: Option<Instant>,
    list: Vec<Summary>,
    rng: u64,
    turn: bool,
}

/// How often the workstation looks at the revision.
pub(super) const RELOAD: Duration = Duration::from_millis(50);
/// A client takes one of this many most urgent applications on its list.
const PICK_FROM: usize = 8;

const RESOLUTION: &str = "Рассмотреть и подготовить проект решения в установленный срок";
const REPORT: &str = "Акт обследования составлен, условия соответствуют требованиям";
const RECEIPT_MARK: &str = "Журнал получения результатов, запись 1";
const REFUSAL: &str = "Среднедушевой доход семьи превышает установленный порог";
const RETURN: &str = "Уточнить расчёт размера выплаты и дату назначения";
const NAMES: [&str; 6] = [
    "Сейтова Динара Маратқызы",
    "Жұмабаев Ерлан Серікұлы",
    "Омарова Айгүл Болатқызы",
    "Қасымов Дәурен Қанатұлы",
    "Ахметова Мадина Ерланқызы",
    "Нұрланов Арман Бақытұлы",
];

impl Seat {
    fn random(&mut self, n: usize) -> usize {
        // xorshift: enough to spread choices, and reproducible per desk.
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        (x % n.max(1) as u64) as usize
    }

    /// Follows the queue as the workstation does: when notices came, at
    /// most once a tick, patching the entries they carry; a whole read at
    /// the start and whenever the changes are unknown.
    fn refresh(&mut self, tally: &mut Tally) {
        let Ok(rev) = self.remote.revision() else {
            return;
        };
        if rev == self.seen || self.read_at.is_some_and(|t| t.elapsed() < RELOAD) {
            return;
        }
        if self.read_at.is_some()
            && let Ok(Some(changes)) = self.remote.changes_since(self.desk.login, self.seen)
        {
            for s in changes {
                self.patch(s);
            }
            self.seen = rev;
            self.read_at = Some(Instant::now());
            return;
        }
        let start = Instant::now();
        match self.remote.queue(self.desk.login) {
            Ok(q) => {
                tally.reads.add(start.elapsed());
                self.seen = rev;
                self.read_at = Some(Instant::now());
                self.list = q;
            }
            Err(e) => tally.error(&e),
        }
    }

    /// Puts an application's latest summary in its place on the list, or
    /// takes it off when it no longer waits here.
    fn patch(&mut self, s: Summary) {
        self.list.retain(|x| x.number != s.number);
        if self.waits_here(&s) {
            let key = |x: &Summary| (x.step_due.is_none(), x.step_due, x.id);
            let at = self.list.partition_point(|x| key(x) < key(&s));
            self.list.insert(at, s);
        }
    }

    /// What `Ops::queue` would list for this desk.
    fn waits_here(&self, s: &Summary) -> bool {
        let holder = s.holder.as_ref();
        holder.is_some_and(|h| match h.login.as_deref() {
            Some(l) => l == self.desk.login,
            None => h.actor.role == self.desk.role && s.holder_org.as_deref() == Some(&self.org),
        })
    }

    /// Where in the list this desk may take from: the most urgent entries,
    /// or with split queues the most urgent of those that fall to it.
    fn candidates(&self, shared: &Shared) -> Vec<usize> {
        let share = self.desk.share;
        (0..self.list.len())
            .filter(|&i| !shared.split || share.takes(self.list[i].id))
            .take(PICK_FROM)
            .collect()
    }

    /// Whether this desk has something to do now (its list followed first).
    pub fn has_work(&mut self, shared: &Shared, tally: &mut Tally) -> bool {
        self.refresh(tally);
        !self.candidates(shared).is_empty()
            || (self.desk.role == Role::Operator
                && !shared.staffed.is_empty()
                && shared.open.lock().expect("open").len() < shared.cap)
    }

    /// One piece of work; false when there was nothing to do. Its latency
    /// counts from `due` when given (open loop), else from its request.
    pub fn work(&mut self, shared: &Shared, tally: &mut Tally, due: Option<Instant>) -> bool {
        self.refresh(tally);
        let candidates = self.candidates(shared);
        if self.desk.role == Role::Operator {
            self.turn = !self.turn;
            let room = shared.open.lock().expect("open").len() < shared.cap;
            let issue = !candidates.is_empty() && (self.turn || !room);
            if !issue {
                return room && self.submit(shared, tally, due);
            }
        }
        if candidates.is_empty() {
            return false;
        }
        let i = candidates[self.random(candidates.len())];
        let s = self.list.remove(i);
        let Some((label, kind, req)) = self.request(&s, shared) else {
            return true;
        };
        let start = due.unwrap_or_else(Instant::now);
        let r = self.remote.act(
            self.desk.login,
            &s.number,
            kind,
            req,
            crate::cli::admin::now(),
        );
        let took = start.elapsed();
        match r {
            Ok(rec) => {
                tally.acts.entry(label).or_default().add(took);
                if let Some(acks) = &shared.acks {
                    acks.add(&rec);
                }
                if !matches!(rec.app.status, Status::InProgress | Status::ResultReady) {
                    shared.open.lock().expect("open").remove(&rec.number);
                }
                // No notice comes back to the connection that acted: what
                // waits here next (the centre's receipt, then the issue) is
                // known from the answer, as the workstation knows it.
                self.patch(Summary::of(&rec));
            }
            Err(e) => {
                if matches!(e, OpsError::Stale { .. }) {
                    tally.stale_latency.add(took);
                }
                tally.error(&e);
            }
        }
        true
    }

    fn submit(&mut self, shared: &Shared, tally: &mut Tally, due: Option<Instant>) -> bool {
        if shared.staffed.is_empty() {
            return false;
        }
        let n = shared.serial.fetch_add(1, Ordering::Relaxed);
        let lane = shared.staffed[n % shared.staffed.len()];
        let services = &shared.services[lane];
        let service = services[self.random(services.len())].clone();
        let req = SubmitRequest {
            service,
            channel: Channel::StateCorp,
            iin: applicant(n).to_string(),
            name: NAMES[n % NAMES.len()].into(),
            phone: Some(format!(
                "+7 701 {:03} {:02} {:02}",
                n % 1000,
                n % 97,
                n % 89
            )),
            representative: None,
            org: None,
            documents: None,
            district: Some(crate::demo::DISTRICT.into()),
            expired: Vec::new(),
            notarised: false,
        };
        let start = due.unwrap_or_else(Instant::now);
        let r = self
            .remote
            .submit(self.desk.login, req, crate::cli::admin::now());
        let took = start.elapsed();
        match r {
            Ok(rec) => {
                tally.acts.entry("submit".into()).or_default().add(took);
                if let Some(acks) = &shared.acks {
                    acks.add(&rec);
                }
                if !rec.app.status.is_closed() {
                    shared.open.lock().expect("open").insert(rec.number);
                }
            }
            Err(e) => tally.error(&e),
        }
        true
    }

    /// The act for what waits at this desk, as the workstation would send it.
    fn request(&mut self, s: &Summary, shared: &Shared) -> Option<(String, ActKind, ActRequest)> {
        let mut req = ActRequest {
            version: Some(s.version),
            ..ActRequest::default()
        };
        if s.status == Status::ResultReady {
            // The centre marks the result's receipt before it issues it.
            if s.holder.as_ref().map(|h| h.action) == Some(StepAction::Receive) {
                req.comment = Some(RECEIPT_MARK.into());
                return Some(("receive".into(), ActKind::Receive, req));
            }
            req.recipient = Some(s.iin.to_string());
            return Some(("issue".into(), ActKind::Issue, req));
        }
        let holder = s.holder.as_ref()?;
        let action = holder.action;
        let mut kind = ActKind::Step(action);
        let mut label = match action {
            StepAction::Execute => "decide".to_string(),
            other => other.as_str().to_string(),
        };
        match action {
            StepAction::Assign => {
                let specialists = &shared.specialists[self.desk.lane];
                if specialists.is_empty() {
                    return None;
                }
                req.to = Some(specialists[self.random(specialists.len())].into());
                req.comment = Some(RESOLUTION.into());
            }
            StepAction::Execute => {
                // One decision in ten is a motivated refusal.
                if self.random(10) == 0 {
                    req.approve = Some(false);
                    req.ground = Some(RefusalGround::RequirementsNotMet);
                    req.comment = Some(REFUSAL.into());
                } else {
                    req.approve = Some(true);
                }
            }
            StepAction::Inspect | StepAction::Conclude => req.comment = Some(REPORT.into()),
            StepAction::Issue => {
                kind = ActKind::Issue;
                req.recipient = Some(s.iin.to_string());
            }
            // One draft in twenty goes back for rework.
            StepAction::Sign if self.random(20) == 0 => {
                kind = ActKind::Return;
                label = "return".into();
                req.comment = Some(RETURN.into());
            }
            _ => {}
        }
        Some((label, kind, req))
    }
}

/// The n-th applicant: valid IINs of people born on spread-out days.
pub(super) fn applicant(n: usize) -> Iin {
    let base = NaiveDate::from_ymd_opt(1975, 1, 1).expect("a date");
    let birth = base + chrono::Duration::days((n % 9000) as i64);
    let sex = if n.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    let mut serial = 100 + 20 * (n / 9000 % 400) as u16;
    loop {
        // About one serial in eleven has no check digit: take the next.
        if let Some(iin) = Iin::compose(birth, sex, serial) {
            return iin;
        }
        serial += 1;
    }
}

/// Whether every step of the service's counter route is done by staff the
/// load generator plays (a rural akim's office is not).
pub(super) fn workable(service: &crate::domain::catalog::Service) -> bool {
    service.channels.contains(&Channel::StateCorp)
        && service
            .route_for(Channel::StateCorp)
            .is_some_and(|r| r.steps.iter().all(|s| s.org != OrgKind::AkimOffice))
}

pub(super) fn sit_down(
    socket: &Path,
    desks: Vec<Desk>,
    password: &str,
    client: usize,
) -> Result<Vec<Seat>, String> {
    let news = Arc::new(News::default());
    desks
        .into_iter()
        .enumerate()
        .map(|(j, desk)| {
            let remote =
                Remote::connect_telling(socket, news.clone()).map_err(|e| e.to_string())?;
            let (_, org) = remote
                .login(desk.login, password, crate::cli::admin::now())
                .map_err(|e| format!("{}: {e}", desk.login))?;
            Ok(Seat {
                desk,
                org: org.code,
                remote,
                news: news.clone(),
                seen: 0,
                read_at: None,
                list: Vec::new(),
                rng: 0x9e37_79b9_7f4a_7c15 ^ ((client as u64) << 8 | j as u64),
                turn: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicants_have_valid_distinct_iins() {
        let iins: HashSet<String> = (0..20_000).map(|n| applicant(n).to_string()).collect();
        assert_eq!(iins.len(), 20_000);
        for i in iins.iter().take(100) {
            assert!(Iin::parse(i).is_ok(), "{i}");
        }
    }
}

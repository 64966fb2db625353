//! `qyzmet loadgen`: simulated staff working a server at once, to see what
//! it holds. Each client is one connection signed in as a demo user (an
//! operator, a provider's clerk, head or specialist) that works its queue
//! the way the workstation does: it reloads the queue when a notice says
//! something changed (at most every 50 ms, like the workstation's tick),
//! takes one of the most urgent applications and performs its step with
//! the version it saw. Operators take new applications in and hand results
//! out. Someone else having acted first (a stale version) is expected and
//! counted, not an error. At the end: transitions per second, latency per
//! kind, errors by kind, and `qyzmet check` run through the server.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;

use super::{Context, Failure, Outcome, outln};
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::iin::{Iin, Sex};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{RefusalGround, Status};
use crate::ops::backend::Backend;
use crate::ops::{ActKind, ActRequest, OpsError, SubmitRequest};
use crate::server::remote::Remote;
use crate::store::model::Summary;

#[derive(Debug, Args)]
pub struct LoadgenArgs {
    /// Simulated staff, each on its own connection (fewer than four: each plays several roles).
    #[arg(long, default_value_t = 50, value_parser = parse_clients)]
    pub clients: usize,
    /// How long to work: 30s, 2m, 1500ms (a plain number is seconds).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub duration: Duration,
    /// The demo users' password.
    #[arg(long, default_value = crate::demo::PASSWORD)]
    pub password: String,
    /// Do not run `qyzmet check` through the server afterwards.
    #[arg(long)]
    pub no_check: bool,
    /// The report as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_clients(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of clients"))?;
    if !(1..=2000).contains(&n) {
        return Err(format!("{n} clients: use 1 to 2000"));
    }
    Ok(n)
}

/// `30s`, `2m`, `1500ms`, `1h`, or a plain number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration: use e.g. 30s, 2m or 1500ms"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!("{s:?}: unknown unit {other:?}; use ms, s, m or h"));
        }
    };
    if !secs.is_finite() || secs <= 0.0 || secs > 24.0 * 3600.0 {
        return Err(format!("{s:?}: use a duration above zero and up to 24h"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// One provider's staff in the demo region.
struct Lane {
    org: &'static str,
    clerk: &'static str,
    head: &'static str,
    specialists: &'static [&'static str],
}

const LANES: [Lane; 3] = [
    Lane {
        org: crate::demo::EDUCATION,
        clerk: "clerk",
        head: "head",
        specialists: &["specialist", "specialist2"],
    },
    Lane {
        org: crate::demo::SOCIAL,
        clerk: "sp-clerk",
        head: "sp-head",
        specialists: &["sp-specialist"],
    },
    Lane {
        org: crate::demo::EMPLOYMENT,
        clerk: "ec-clerk",
        head: "ec-head",
        specialists: &["ec-specialist"],
    },
];

const ROLES: [Role; 4] = [Role::Operator, Role::Clerk, Role::Head, Role::Specialist];

/// A desk one client works at: a login in a lane (operators belong to the centre).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub login: &'static str,
    pub role: Role,
    pub lane: usize,
}

/// Who plays what: client i is role i mod 4 of lane (i div 4) mod 3, so
/// every block of four clients staffs a lane from counter to result; with
/// fewer than four clients, each plays several desks of the first lane in
/// turn, each desk on its own connection.
pub fn desks(clients: usize) -> Vec<Vec<Desk>> {
    let mut specialists = [0usize; LANES.len()];
    let mut desk = |lane: usize, role: Role| {
        let l = &LANES[lane];
        let login = match role {
            Role::Operator => "operator",
            Role::Clerk => l.clerk,
            Role::Head => l.head,
            Role::Specialist => {
                let s = l.specialists[specialists[lane] % l.specialists.len()];
                specialists[lane] += 1;
                s
            }
        };
        Desk { login, role, lane }
    };
    if clients < ROLES.len() {
        (0..clients)
            .map(|i| {
                (0..ROLES.len())
                    .filter(|r| r % clients == i)
                    .map(|r| desk(0, ROLES[r]))
                    .collect()
            })
            .collect()
    } else {
        (0..clients)
            .map(|i| {
                vec![desk(
                    (i / ROLES.len()) % LANES.len(),
                    ROLES[i % ROLES.len()],
                )]
            })
            .collect()
    }
}

/// The latency samples of one kind of request, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples(Vec<u64>);

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Percentiles {
    pub count: usize,
    #[serde(rename = "p50_milliseconds")]
    pub p50_ms: f64,
    #[serde(rename = "p99_milliseconds")]
    pub p99_ms: f64,
    #[serde(rename = "max_milliseconds")]
    pub max_ms: f64,
}

impl Samples {
    fn add(&mut self, d: Duration) {
        self.0.push(d.as_micros().min(u128::from(u64::MAX)) as u64);
    }

    /// Nearest-rank percentiles; None without samples.
    pub fn percentiles(&self) -> Option<Percentiles> {
        if self.0.is_empty() {
            return None;
        }
        let mut v = self.0.clone();
        v.sort_unstable();
        let rank = |p: f64| {
            let k = ((p / 100.0) * v.len() as f64).ceil() as usize;
            v[k.clamp(1, v.len()) - 1] as f64 / 1000.0
        };
        Some(Percentiles {
            count: v.len(),
            p50_ms: rank(50.0),
            p99_ms: rank(99.0),
            max_ms: v[v.len() - 1] as f64 / 1000.0,
        })
    }
}

#[derive(Debug, Default)]
struct Tally {
    /// Transitions (submissions and acts) by kind.
    acts: BTreeMap<String, Samples>,
    /// Queue reads.
    reads: Samples,
    /// Someone else acted first: expected.
    stale: usize,
    /// How long a refused stale act took.
    stale_latency: Samples,
    errors: BTreeMap<String, usize>,
    /// The first message of each error kind, to show.
    examples: BTreeMap<String, String>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        for (k, s) in other.acts {
            self.acts.entry(k).or_default().0.extend(s.0);
        }
        self.reads.0.extend(other.reads.0);
        self.stale += other.stale;
        self.stale_latency.0.extend(other.stale_latency.0);
        for (k, n) in other.errors {
            *self.errors.entry(k).or_default() += n;
        }
        for (k, m) in other.examples {
            self.examples.entry(k).or_insert(m);
        }
    }

    fn error(&mut self, e: &OpsError) {
        let kind = match e {
            OpsError::Forbidden(_) => "forbidden",
            OpsError::NotFound(_) => "not_found",
            OpsError::Invalid(_) => "invalid",
            OpsError::Conflict(_) => "conflict",
            OpsError::Stale { .. } => {
                self.stale += 1;
                return;
            }
            OpsError::Transition(_) => "transition",
            OpsError::Submit(_) => "submit",
            OpsError::Login(_) => "login",
            OpsError::Store(_) => "store",
            OpsError::Unavailable(_) => "unavailable",
            OpsError::SessionExpired => "session_expired",
            OpsError::Queue(_) => "queue",
        };
        *self.errors.entry(kind.into()).or_default() += 1;
        self.examples
            .entry(kind.into())
            .or_insert_with(|| e.to_string());
    }
}

/// What all clients share.
struct Shared {
    stop: AtomicBool,
    /// Applications this run took in and that are not closed yet: operators
    /// take new ones in only while there are fewer than `cap`, so queues
    /// stay at a working size instead of growing for the whole run.
    open: Mutex<HashSet<String>>,
    cap: usize,
    /// The services each lane's provider renders with a State Corporation intake.
    services: Vec<Vec<String>>,
    /// Lanes with a clerk, a head and a specialist at work.
    staffed: Vec<usize>,
    /// The specialists at work in each lane (heads assign to them only).
    specialists: Vec<Vec<&'static str>>,
    serial: AtomicUsize,
}

/// One desk's connection and what it last saw.
struct Seat {
    /// The desk's organisation, whose queues it works.
    org: String,
    desk: Desk,
    remote: Remote,
    seen: u64,
    read_at: Option<Instant>,
    list: Vec<Summary>,
    rng: u64,
    turn: bool,
}

/// How often the workstation looks at the revision.
const RELOAD: Duration = Duration::from_millis(50);
/// A client takes one of this many most urgent applications on its list.
const PICK_FROM: usize = 8;

const RESOLUTION: &str = "Рассмотреть и подготовить проект решения в установленный срок";
const REPORT: &str = "Акт обследования составлен, условия соответствуют требованиям";
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
                self.list.retain(|x| x.number != s.number);
                if self.waits_here(&s) {
                    let key = |x: &Summary| (x.step_due.is_none(), x.step_due, x.id);
                    let at = self.list.partition_point(|x| key(x) < key(&s));
                    self.list.insert(at, s);
                }
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

    /// What `Ops::queue` would list for this desk.
    fn waits_here(&self, s: &Summary) -> bool {
        let holder = s.holder.as_ref();
        holder.is_some_and(|h| match h.login.as_deref() {
            Some(l) => l == self.desk.login,
            None => h.actor.role == self.desk.role && s.holder_org.as_deref() == Some(&self.org),
        })
    }

    /// One piece of work; false when there was nothing to do.
    fn work(&mut self, shared: &Shared, tally: &mut Tally) -> bool {
        self.refresh(tally);
        if self.desk.role == Role::Operator {
            self.turn = !self.turn;
            let room = shared.open.lock().expect("open").len() < shared.cap;
            let issue = !self.list.is_empty() && (self.turn || !room);
            if !issue {
                return room && self.submit(shared, tally);
            }
        }
        if self.list.is_empty() {
            return false;
        }
        let i = self.random(self.list.len().min(PICK_FROM));
        let s = self.list.remove(i);
        let Some((label, kind, req)) = self.request(&s, shared) else {
            return true;
        };
        let start = Instant::now();
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
                if !matches!(rec.app.status, Status::InProgress | Status::ResultReady) {
                    shared.open.lock().expect("open").remove(&rec.number);
                }
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

    fn submit(&mut self, shared: &Shared, tally: &mut Tally) -> bool {
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
        };
        let start = Instant::now();
        let r = self
            .remote
            .submit(self.desk.login, req, crate::cli::admin::now());
        let took = start.elapsed();
        match r {
            Ok(rec) => {
                tally.acts.entry("submit".into()).or_default().add(took);
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
fn applicant(n: usize) -> Iin {
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
fn workable(service: &crate::domain::catalog::Service) -> bool {
    service.channels.contains(&Channel::StateCorp)
        && service
            .route_for(Channel::StateCorp)
            .is_some_and(|r| r.steps.iter().all(|s| s.org != OrgKind::AkimOffice))
}

#[derive(Debug, serde::Serialize)]
pub struct Report {
    pub socket: String,
    pub clients: usize,
    pub connections: usize,
    /// Connecting and signing in, before the clock starts.
    #[serde(rename = "setup_seconds")]
    pub setup_s: f64,
    #[serde(rename = "duration_seconds")]
    pub duration_s: f64,
    pub transitions: usize,
    #[serde(rename = "transitions_per_second")]
    pub transitions_per_s: f64,
    /// All transitions, then each kind (submit, register, assign, decide...).
    pub latency: BTreeMap<String, Percentiles>,
    pub queue_reads: Option<Percentiles>,
    /// Someone else acted first on the same version: expected, not errors.
    pub stale_conflicts: usize,
    pub stale_latency: Option<Percentiles>,
    /// Every request answered: transitions, stale acts, errors, queue reads.
    pub requests: usize,
    #[serde(rename = "requests_per_second")]
    pub requests_per_s: f64,
    pub errors: BTreeMap<String, usize>,
    pub error_examples: BTreeMap<String, String>,
    pub check: Check,
}

#[derive(Debug, serde::Serialize)]
pub struct Check {
    pub ran: bool,
    pub passed: bool,
    pub output: String,
}

pub fn run(ctx: &Context, args: LoadgenArgs) -> Outcome {
    let Some(socket) = ctx.server() else {
        return Err(Failure::usage(
            "loadgen works a server: start `qyzmet serve` and pass --connect SOCKET (or QYZMET_CONNECT)",
        ));
    };
    let report = generate(&socket, &args)?;
    if args.json {
        super::print_json(&report);
    } else {
        print_report(&report);
    }
    let sound = report.errors.is_empty() && (args.no_check || report.check.passed);
    Ok(if sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn generate(socket: &Path, args: &LoadgenArgs) -> Result<Report, Failure> {
    let fail = |m: String| Failure {
        code: 1,
        message: m,
    };
    // One connection first: the catalogue, and a clear message when the
    // server is not there or not a demo region.
    let probe = Remote::connect(socket).map_err(|e| fail(e.to_string()))?;
    probe
        .login("operator", &args.password, crate::cli::admin::now())
        .map_err(|e| {
            fail(format!(
                "signing in as the demo operator: {e} (loadgen needs a demo region: `qyzmet init --demo`, password --password)"
            ))
        })?;
    let services: Vec<Vec<String>> = LANES
        .iter()
        .map(|l| {
            probe
                .catalog()
                .iter()
                .filter(|s| crate::demo::intended_provider(s) == Some(l.org) && workable(s))
                .map(|s| s.id.clone())
                .collect()
        })
        .collect();
    drop(probe);

    let plan = desks(args.clients);
    let played = |lane: usize, role: Role| {
        plan.iter()
            .flatten()
            .filter(|d| d.lane == lane && d.role == role)
            .map(|d| d.login)
            .collect::<Vec<_>>()
    };
    let staffed: Vec<usize> = (0..LANES.len())
        .filter(|&l| {
            !services[l].is_empty()
                && [Role::Clerk, Role::Head, Role::Specialist]
                    .iter()
                    .all(|&r| !played(l, r).is_empty())
        })
        .collect();
    let specialists = (0..LANES.len())
        .map(|l| {
            let mut s = played(l, Role::Specialist);
            s.dedup();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    let shared = Arc::new(Shared {
        stop: AtomicBool::new(false),
        open: Mutex::new(HashSet::new()),
        cap: (2 * args.clients).max(16),
        services,
        staffed,
        specialists,
        serial: AtomicUsize::new(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as usize % 100_000),
        ),
    });

    let connections: usize = plan.iter().map(Vec::len).sum();
    let setup = Instant::now();
    // Everyone connects and signs in, then all start together.
    let ready = Arc::new(Barrier::new(plan.len() + 1));
    let failed = Arc::new(Mutex::new(Vec::<String>::new()));
    let threads: Vec<_> = plan
        .into_iter()
        .enumerate()
        .map(|(i, desks)| {
            let (shared, ready, failed) = (shared.clone(), ready.clone(), failed.clone());
            let socket = socket.to_path_buf();
            let password = args.password.clone();
            std::thread::spawn(move || {
                let seats = sit_down(&socket, desks, &password, i);
                if let Err(e) = &seats {
                    failed.lock().expect("failed").push(e.clone());
                }
                // Signed in; then the start (or, when someone failed, the end).
                ready.wait();
                ready.wait();
                match seats {
                    Ok(mut seats) => client(&mut seats, &shared),
                    Err(_) => Tally::default(),
                }
            })
        })
        .collect();
    ready.wait();
    let setup_s = setup.elapsed().as_secs_f64();
    let failures = failed.lock().expect("failed").clone();
    let start = Instant::now();
    if !failures.is_empty() {
        shared.stop.store(true, Ordering::SeqCst);
    }
    ready.wait();
    if failures.is_empty() {
        std::thread::sleep(args.duration);
    }
    shared.stop.store(true, Ordering::SeqCst);
    let mut tally = Tally::default();
    for t in threads {
        tally.merge(t.join().unwrap_or_default());
    }
    let elapsed = start.elapsed().as_secs_f64();
    if let Some(first) = failures.first() {
        return Err(fail(format!(
            "{} of {} clients could not start: {first}",
            failures.len(),
            args.clients
        )));
    }

    let mut all = Samples::default();
    let mut latency = BTreeMap::new();
    for (kind, s) in &tally.acts {
        all.0.extend(&s.0);
        if let Some(p) = s.percentiles() {
            latency.insert(kind.clone(), p);
        }
    }
    let transitions = all.0.len();
    let requests =
        transitions + tally.stale + tally.errors.values().sum::<usize>() + tally.reads.0.len();
    if let Some(p) = all.percentiles() {
        latency.insert("all".into(), p);
    }
    let check = if args.no_check {
        Check {
            ran: false,
            passed: false,
            output: "not run (--no-check)".into(),
        }
    } else {
        check(socket)
    };
    Ok(Report {
        socket: socket.display().to_string(),
        clients: args.clients,
        connections,
        setup_s,
        duration_s: elapsed,
        transitions,
        transitions_per_s: transitions as f64 / elapsed.max(1e-9),
        latency,
        queue_reads: tally.reads.percentiles(),
        stale_conflicts: tally.stale,
        stale_latency: tally.stale_latency.percentiles(),
        requests,
        requests_per_s: requests as f64 / elapsed.max(1e-9),
        errors: tally.errors,
        error_examples: tally.examples,
        check,
    })
}

fn sit_down(
    socket: &Path,
    desks: Vec<Desk>,
    password: &str,
    client: usize,
) -> Result<Vec<Seat>, String> {
    desks
        .into_iter()
        .enumerate()
        .map(|(j, desk)| {
            let remote = Remote::connect(socket).map_err(|e| e.to_string())?;
            let (_, org) = remote
                .login(desk.login, password, crate::cli::admin::now())
                .map_err(|e| format!("{}: {e}", desk.login))?;
            Ok(Seat {
                desk,
                org: org.code,
                remote,
                seen: 0,
                read_at: None,
                list: Vec::new(),
                rng: 0x9e37_79b9_7f4a_7c15 ^ ((client as u64) << 8 | j as u64),
                turn: false,
            })
        })
        .collect()
}

/// One simulated person at their desks until the run stops.
fn client(seats: &mut [Seat], shared: &Shared) -> Tally {
    let mut tally = Tally::default();
    while !shared.stop.load(Ordering::Relaxed) {
        let mut busy = false;
        for seat in seats.iter_mut() {
            busy |= seat.work(shared, &mut tally);
        }
        if !busy {
            // Nothing waits: until a notice comes (or a tick passes). The
            // connection that made a change gets no notice of it, the
            // others (this client's other desks too) do.
            let idle = Instant::now();
            while idle.elapsed() < RELOAD && !shared.stop.load(Ordering::Relaxed) {
                let due = seats.iter().any(|s| {
                    s.remote.revision().unwrap_or(0) != s.seen
                        && s.read_at.is_none_or(|t| t.elapsed() >= RELOAD)
                });
                if due {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        if seats.iter().any(|s| !s.remote.online()) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    tally
}

/// `qyzmet check` on the server's store, through the socket.
fn check(socket: &Path) -> Check {
    match crate::server::remote::run_cli(socket, vec!["check".into()], None) {
        Ok(run) => {
            let mut output = String::from_utf8_lossy(&run.stdout).trim().to_string();
            let err = String::from_utf8_lossy(&run.stderr).trim().to_string();
            if !err.is_empty() {
                if !output.is_empty() {
                    output.push('\n');
                }
                output.push_str(&err);
            }
            let refused = run.code == 2 && err.contains("not allowed");
            if refused {
                output.push_str(&format!(
                    "\nrun it as the server's OS user: qyzmet --connect {} check",
                    socket.display()
                ));
            }
            Check {
                ran: !refused,
                passed: run.code == 0,
                output,
            }
        }
        Err(e) => Check {
            ran: false,
            passed: false,
            output: format!(
                "could not run check: {e}; run: qyzmet --connect {} check",
                socket.display()
            ),
        },
    }
}

fn print_report(r: &Report) {
    outln!(
        "{} clients ({} connections) on {}: signed in in {:.1} s, worked {:.1} s",
        r.clients,
        r.connections,
        r.socket,
        r.setup_s,
        r.duration_s
    );
    outln!(
        "{} transitions, {:.1}/s; {} stale-version conflicts (someone acted first: expected)",
        r.transitions,
        r.transitions_per_s,
        r.stale_conflicts
    );
    outln!(
        "{:<12} {:>8} {:>10} {:>10} {:>10}",
        "latency",
        "count",
        "p50 ms",
        "p99 ms",
        "max ms"
    );
    let row = |name: &str, p: &Percentiles| {
        outln!(
            "{:<12} {:>8} {:>10.2} {:>10.2} {:>10.2}",
            name,
            p.count,
            p.p50_ms,
            p.p99_ms,
            p.max_ms
        );
    };
    if let Some(p) = r.latency.get("all") {
        row("all", p);
    }
    for (k, p) in r.latency.iter().filter(|(k, _)| *k != "all") {
        row(k, p);
    }
    if let Some(p) = &r.stale_latency {
        row("(stale act)", p);
    }
    if let Some(p) = &r.queue_reads {
        row("(queue read)", p);
    }
    outln!(
        "{} requests in all (transitions, stale acts, queue reads), {:.1}/s",
        r.requests,
        r.requests_per_s
    );
    if r.errors.is_empty() {
        outln!("errors: none");
    } else {
        for (k, n) in &r.errors {
            outln!(
                "errors: {k}: {n} (e.g. {})",
                r.error_examples.get(k).map(String::as_str).unwrap_or("")
            );
        }
    }
    if r.check.ran {
        outln!(
            "check: {} ({})",
            if r.check.passed { "passed" } else { "FAILED" },
            r.check.output
        );
    } else {
        outln!("check: {}", r.check.output);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_bad_ones_say_why() {
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(
            parse_duration("1500ms").unwrap(),
            Duration::from_millis(1500)
        );
        assert_eq!(parse_duration("5").unwrap(), Duration::from_secs(5));
        assert!(parse_duration("0s").unwrap_err().contains("above zero"));
        assert!(
            parse_duration("3 weeks")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(parse_duration("s").unwrap_err().contains("not a duration"));
        assert!(parse_clients("0").unwrap_err().contains("1 to 2000"));
        assert!(parse_clients("many").is_err());
    }

    #[test]
    fn every_role_is_played_whatever_the_number_of_clients() {
        for n in [1, 2, 3, 4, 5, 12, 50, 200] {
            let plan = desks(n);
            assert_eq!(plan.len(), n);
            let roles: HashSet<Role> = plan.iter().flatten().map(|d| d.role).collect();
            assert_eq!(roles.len(), 4, "{n} clients: {plan:?}");
            // Lane 0 always has a full team.
            for r in ROLES {
                assert!(plan.iter().flatten().any(|d| d.lane == 0 && d.role == r));
            }
        }
        assert_eq!(desks(1)[0].len(), 4);
        assert_eq!(desks(12).iter().filter(|d| d[0].lane == 2).count(), 4);
        // Two specialists in the education department share the work.
        let specs: HashSet<&str> = desks(8)
            .iter()
            .flatten()
            .filter(|d| d.role == Role::Specialist && d.lane == 0)
            .map(|d| d.login)
            .collect();
        assert_eq!(specs.len(), 1, "client 3 only in lane 0 for 8 clients");
        let specs: HashSet<&str> = desks(16)
            .iter()
            .flatten()
            .filter(|d| d.role == Role::Specialist && d.lane == 0)
            .map(|d| d.login)
            .collect();
        assert_eq!(specs.len(), 2);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut s = Samples::default();
        assert!(s.percentiles().is_none());
        for ms in 1..=100u64 {
            s.add(Duration::from_millis(ms));
        }
        let p = s.percentiles().unwrap();
        assert_eq!(p.count, 100);
        assert_eq!(p.p50_ms, 50.0);
        assert_eq!(p.p99_ms, 99.0);
        assert_eq!(p.max_ms, 100.0);
    }

    #[test]
    fn applicants_have_valid_distinct_iins() {
        let iins: HashSet<String> = (0..20_000).map(|n| applicant(n).to_string()).collect();
        assert_eq!(iins.len(), 20_000);
        for i in iins.iter().take(100) {
            assert!(Iin::parse(i).is_ok(), "{i}");
        }
    }
}

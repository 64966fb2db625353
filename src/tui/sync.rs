//! Following the store: the lists loaded at sign-in and on refresh, then
//! patched row by row from the changes since the revision seen (this
//! user's own at once, others' at the next tick); deadlines reassessed every
//! minute; the operator's desk reloaded when the centre's queue moves.

use chrono::{Duration, NaiveDateTime};

use crate::domain::calendar::{SlaState, TimeAmount};
use crate::domain::route::{Status, step_sla};
use crate::store::model::{Record, Summary};

use super::app::App;
use super::i18n;
use super::panes::list::Row;
use super::screens::work::{PaneKind, Work};
use super::search::fold_letters;
use super::state::*;

/// How often deadlines are recoloured without reading the store.
const REASSESS_SECONDS: i64 = 60;

impl App {
    /// The clock moved: expire toasts; reload the lists when the store
    /// changed, and reassess their deadlines every minute.
    /// Returns whether the screen may show something new (the clock's
    /// second included), so the event loop draws only then.
    pub fn tick(&mut self, now: NaiveDateTime) -> bool {
        let second = now.and_utc().timestamp() != self.state.now.and_utc().timestamp();
        let before = (self.state.online, self.state.toasts.len());
        self.state.now = now;
        self.state.online = self.backend.online();
        self.state.toasts.retain(|t| t.until > now);
        let shown = second || before != (self.state.online, self.state.toasts.len());
        if self.state.work().is_none() {
            return shown;
        }
        let changed = self
            .backend
            .revision()
            .is_ok_and(|r| Some(r) != self.seen_revision);
        if changed && self.state.overlays.is_empty() {
            self.catch_up();
            return true;
        }
        let mut moved = false;
        if self
            .last_refresh
            .is_none_or(|l| now - l >= Duration::seconds(REASSESS_SECONDS))
        {
            self.reassess();
            moved = true;
        }
        self.poll_queue() || moved || shown
    }

    /// Each row's SLA at the current time, without reading the store.
    pub(super) fn reassess(&mut self) {
        self.last_refresh = Some(self.state.now);
        let now = self.state.now;
        let (catalog, deadlines) = (self.backend.catalog(), self.backend.deadlines());
        if let Screen::Work(w) = &mut self.state.screen {
            for list in &mut w.lists {
                list.reassess(|r| row_sla(r, catalog, deadlines, now));
            }
        }
    }

    /// Applications changed (by this user or, through a server, by others):
    /// their rows move, the rest of each list stays as loaded.
    pub fn apply_changes(&mut self, changes: &[Summary]) {
        let now = self.state.now;
        let (catalog, deadlines) = (self.backend.catalog(), self.backend.deadlines());
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let panes = w.panes();
        let user = w.user.login.clone();
        for s in changes {
            let fits: Vec<bool> = panes.iter().map(|&p| belongs(s, w, p)).collect();
            for list in w.lists.iter_mut().filter(|l| panes.contains(&l.kind)) {
                let fit = fits[panes.iter().position(|&p| p == list.kind).expect("listed")];
                list.patch(&s.number, fit.then(|| row(s, catalog, deadlines, now)));
            }
        }
        let open = w.case.as_ref().map(|c| c.rec.number.clone());
        if let Some(number) = open.filter(|n| changes.iter().any(|s| s.number == *n))
            && let Ok(rec) = self.backend.show(&user, &number)
            && let Some(case) = &mut w.case
        {
            case.rec = rec;
        }
    }

    /// This user's own change: patch its row at once, then whatever else
    /// changed meanwhile.
    pub(super) fn changed_here(&mut self, rec: &Record) {
        self.apply_changes(&[Summary::of(rec)]);
        self.catch_up();
    }

    /// The store moved on: patch the rows of what changed since the
    /// revision seen, or reload when that is unknown or too much.
    pub(super) fn catch_up(&mut self) {
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        let (Some(seen), Ok(now)) = (self.seen_revision, self.backend.revision()) else {
            return self.refresh();
        };
        match self.backend.changes_since(&login, seen) {
            Ok(Some(changes)) => {
                self.seen_revision = Some(now);
                self.apply_changes(&changes);
            }
            _ => self.refresh(),
        }
    }

    /// Reloads the lists of the current role from the store.
    pub fn refresh(&mut self) {
        self.last_refresh = Some(self.state.now);
        // Read before loading: a change made meanwhile shows at the next tick.
        self.seen_revision = self.backend.revision().ok();
        self.refresh_queue();
        self.refresh_reports();
        let now = self.state.now;
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let records = match self.backend.queue(&w.user.login) {
            Ok(r) => r,
            Err(e) => {
                self.fail(&e);
                return;
            }
        };
        let login = w.user.login.clone();
        let catalog = self.backend.catalog();
        let deadlines = self.backend.deadlines();
        let panes = w.panes();
        let fits: Vec<Vec<bool>> = panes
            .iter()
            .map(|&p| records.iter().map(|s| belongs(s, w, p)).collect())
            .collect();
        for list in w.lists.iter_mut().filter(|l| panes.contains(&l.kind)) {
            let fit = &fits[panes.iter().position(|&p| p == list.kind).expect("listed")];
            let mut rows: Vec<Row> = records
                .iter()
                .zip(fit)
                .filter(|(_, f)| **f)
                .map(|(s, _)| s)
                .map(|s| row(s, catalog, deadlines, now))
                .collect();
            // Nearly in order already (the store lists by urgency): cheap.
            rows.sort_by(|a, b| list.kind.order(a).cmp(&list.kind.order(b)));
            list.set_rows(rows);
        }
        if let Some(case) = &mut w.case
            && let Ok(rec) = self.backend.show(&login, &case.rec.number)
        {
            case.rec = rec;
        }
    }

    pub(super) fn has_pane(&self, kind: PaneKind) -> bool {
        self.state.work().is_some_and(|w| w.panes().contains(&kind))
    }

    /// Loads the operator's desk and the head's figures, when the role has them.
    pub fn refresh_queue(&mut self) {
        let now = self.state.now;
        let lang = self.state.lang;
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let panes = w.panes();
        if panes.contains(&PaneKind::Queue) {
            match self.backend.queue_desk(&w.user.login, now) {
                Ok(d) => {
                    w.queue.desk = Some(d);
                    w.queue.error = None;
                }
                Err(e) => {
                    w.queue.desk = None;
                    w.queue.error = Some(i18n::error_text(lang, &e));
                }
            }
        }
        if panes.contains(&PaneKind::QueueStats) {
            let day = *w.stats.day.get_or_insert(now.date());
            let centre = w.org.code.clone();
            let loaded = self.backend.queue_config(&centre).and_then(|c| {
                let s = self.backend.queue_stats(&w.user.login, &centre, day)?;
                Ok((c, s))
            });
            match loaded {
                Ok((c, s)) => {
                    w.stats.config = Some(c);
                    w.stats.stats = Some(s);
                    w.stats.error = None;
                }
                Err(e) => {
                    w.stats.stats = None;
                    w.stats.error = Some(i18n::error_text(lang, &e));
                }
            }
        }
    }

    /// Reloads the desk when the centre's queue changed (one read per tick).
    /// Reloads the queue pane when the centre's queue changed; true then.
    pub fn poll_queue(&mut self) -> bool {
        if !self.state.overlays.is_empty() || !self.has_pane(PaneKind::Queue) {
            return false;
        }
        let Some(w) = self.state.work() else {
            return false;
        };
        let Some(seen) = w.queue.desk.as_ref().map(|d| d.revision) else {
            return false;
        };
        let moved = self
            .backend
            .queue_revision(&w.org.code)
            .is_ok_and(|r| r != seen);
        if moved {
            self.refresh_queue();
        }
        moved
    }
}

/// Whether an application belongs in a pane of this user in this role: it
/// waits for them by name, or for their role in their organisation.
fn belongs(s: &Summary, w: &Work, pane: PaneKind) -> bool {
    s.holder.as_ref().is_some_and(|h| {
        let mine = match h.login.as_deref() {
            Some(l) => l == w.user.login,
            None => s.holder_org.as_deref() == Some(w.org.code.as_str()),
        };
        mine && h.actor.role == w.role && pane.holds(h.action)
    })
}

/// What the list filter (`/`) looks in: the number, the IIN, the applicant
/// and the service's names in every language.
fn search_fields(s: &Summary, catalog: &crate::domain::catalog::Catalog) -> Vec<String> {
    let mut fields = vec![s.number.clone(), s.iin.to_string(), s.name.clone()];
    fields.extend(s.numbers.iter().cloned());
    if let Some(svc) = catalog.get(&s.service) {
        fields.extend([&svc.name_ru, &svc.name_kk, &svc.name_en].map(String::clone));
    }
    fields.iter().map(|f| fold_letters(f)).collect()
}

pub fn row(
    s: &Summary,
    catalog: &crate::domain::catalog::Catalog,
    deadlines: &crate::domain::route::Deadlines,
    now: NaiveDateTime,
) -> Row {
    let iin = s.iin.to_string();
    let mut r = Row {
        haystack: search_fields(s, catalog),
        number: s.number.clone(),
        service: s.service.clone(),
        name: s.name.clone(),
        iin,
        status: s.status,
        action: s.holder.as_ref().map(|h| h.action),
        received: s.step_started,
        due: s.step_due,
        overall_due: s.overall_due,
        sla: None,
        channel: s.channel,
        version: s.version,
        route: s.route.clone(),
        step: s.step,
    };
    r.sla = row_sla(&r, catalog, deadlines, now);
    r
}

pub fn row_sla(
    r: &Row,
    catalog: &crate::domain::catalog::Catalog,
    deadlines: &crate::domain::route::Deadlines,
    now: NaiveDateTime,
) -> Option<(SlaState, TimeAmount)> {
    if r.status != Status::InProgress {
        return None;
    }
    let service = catalog.get(&r.service)?;
    let sla = step_sla(
        service, &r.route, r.step, r.received, r.due?, deadlines, now,
    )?;
    Some((sla.state, sla.amount))
}

//! What a workstation needs from the operations API. The embedded store
//! implements it here; the server's client implements it over a socket, so
//! the TUI runs unchanged on either.

use chrono::NaiveDateTime;

use chrono::NaiveDate;

use super::queue::{Board, Desk, QueueAct, Taken};
use super::report::{Report, ReportQuery};
use super::{ActKind, ActRequest, Ops, OpsResult, SpecialistLoad, SubmitRequest};
use crate::demo::DemoSummary;
use crate::domain::catalog::Catalog;
use crate::domain::queue::stats::DayStats;
use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::domain::route::Deadlines;
use crate::store::model::{Organisation, Person, Record, Summary, User};

/// How many applications the demo offered on an empty store carries.
pub const DEMO_APPLICATIONS: usize = 240;

pub trait Backend {
    fn catalog(&self) -> &Catalog;
    fn deadlines(&self) -> &Deadlines;
    /// Where the data lives, for the frame: a store path or a server socket.
    fn location(&self) -> String;
    fn has_users(&self) -> OpsResult<bool>;
    /// The demo users the store holds (login, role, organisation), for the login screen.
    fn demo_users(&self) -> OpsResult<Vec<(String, String, String)>>;
    /// (login, full name) of every user, for naming people on screen.
    fn staff_names(&self, login: &str) -> OpsResult<Vec<(String, String)>>;
    /// Fills an empty store with the demo region.
    fn create_demo(&self, at: NaiveDateTime) -> OpsResult<DemoSummary>;
    fn login(
        &self,
        login: &str,
        password: &str,
        at: NaiveDateTime,
    ) -> OpsResult<(User, Organisation)>;
    fn orgs(&self) -> OpsResult<Vec<Organisation>>;
    fn person(&self, login: &str, iin: &str) -> OpsResult<Option<Person>>;
    fn submit(&self, login: &str, req: SubmitRequest, at: NaiveDateTime) -> OpsResult<Record>;
    fn act(
        &self,
        login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Record>;
    /// What waits for the user, as summaries, most urgent first.
    fn queue(&self, login: &str) -> OpsResult<Vec<Summary>>;
    /// Changes whenever the store does: lists reload only then.
    fn revision(&self) -> OpsResult<u64>;
    /// False while the server is out of reach (the client reconnects).
    fn online(&self) -> bool {
        true
    }
    /// The applications changed since `revision` (as `revision` gave it),
    /// as lists show them; None: too many or unknown, reload.
    fn changes_since(&self, login: &str, revision: u64) -> OpsResult<Option<Vec<Summary>>>;
    /// The user the OS signed in (a server mapping the connecting OS user).
    fn peer_user(&self) -> Option<(User, Organisation)> {
        None
    }
    fn show(&self, login: &str, number: &str) -> OpsResult<Record>;
    fn specialists(&self, login: &str, at: NaiveDateTime) -> OpsResult<Vec<SpecialistLoad>>;

    // ---- the electronic queue of a State Corporation centre
    fn queue_config(&self, centre: &str) -> OpsResult<QueueConfig>;
    /// Raised by every change of the centre's queue: poll it, reload on change.
    fn queue_revision(&self, centre: &str) -> OpsResult<u64>;
    /// The kiosk: a ticket in a category (priority: barrier-free service).
    fn queue_take(
        &self,
        centre: &str,
        category: char,
        priority: Option<PriorityReason>,
        at: NaiveDateTime,
    ) -> OpsResult<Taken>;
    /// The kiosk: an appointment checked in by its code.
    fn queue_check_in(&self, centre: &str, code: &str, at: NaiveDateTime) -> OpsResult<Taken>;
    fn queue_board(&self, centre: &str, at: NaiveDateTime) -> OpsResult<Board>;
    fn queue_desk(&self, login: &str, at: NaiveDateTime) -> OpsResult<Desk>;
    fn queue_act(&self, login: &str, act: QueueAct, at: NaiveDateTime) -> OpsResult<Desk>;
    fn queue_stats(&self, login: &str, centre: &str, day: NaiveDate) -> OpsResult<DayStats>;

    // ---- reports (heads, the region's supervisors)
    /// A report within what `login` may read, as of `at`.
    fn report(&self, login: &str, query: ReportQuery, at: NaiveDateTime) -> OpsResult<Report>;
}

impl Backend for Ops {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }
    fn location(&self) -> String {
        self.store.path().display().to_string()
    }
    fn has_users(&self) -> OpsResult<bool> {
        Ops::has_users(self)
    }
    fn demo_users(&self) -> OpsResult<Vec<(String, String, String)>> {
        Ops::demo_users(self)
    }
    fn staff_names(&self, login: &str) -> OpsResult<Vec<(String, String)>> {
        Ops::staff_names(self, login)
    }
    fn create_demo(&self, at: NaiveDateTime) -> OpsResult<DemoSummary> {
        if Ops::has_users(self)? {
            return Err(super::OpsError::Invalid(super::Refusal::StoreHasUsers));
        }
        crate::demo::populate(self, at, DEMO_APPLICATIONS, &mut |_| {})
    }
    fn login(
        &self,
        login: &str,
        password: &str,
        at: NaiveDateTime,
    ) -> OpsResult<(User, Organisation)> {
        Ops::login(self, login, password, at)
    }
    fn orgs(&self) -> OpsResult<Vec<Organisation>> {
        Ok(self.store.orgs()?)
    }
    fn person(&self, login: &str, iin: &str) -> OpsResult<Option<Person>> {
        Ops::person(self, login, iin)
    }
    fn submit(&self, login: &str, req: SubmitRequest, at: NaiveDateTime) -> OpsResult<Record> {
        Ops::submit(self, login, req, at)
    }
    fn act(
        &self,
        login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Record> {
        Ops::act(self, login, number, kind, req, at)
    }
    fn queue(&self, login: &str) -> OpsResult<Vec<Summary>> {
        Ops::queue(self, login)
    }
    fn revision(&self) -> OpsResult<u64> {
        Ok(self.store.revision()?)
    }
    fn changes_since(&self, login: &str, revision: u64) -> OpsResult<Option<Vec<Summary>>> {
        Ops::changes_since(self, login, revision)
    }
    fn show(&self, login: &str, number: &str) -> OpsResult<Record> {
        Ops::show(self, login, number)
    }
    fn specialists(&self, login: &str, at: NaiveDateTime) -> OpsResult<Vec<SpecialistLoad>> {
        Ops::specialists(self, login, at)
    }
    fn queue_config(&self, centre: &str) -> OpsResult<QueueConfig> {
        Ops::queue_config(self, centre)
    }
    fn queue_revision(&self, centre: &str) -> OpsResult<u64> {
        Ops::queue_revision(self, centre)
    }
    fn queue_take(
        &self,
        centre: &str,
        category: char,
        priority: Option<PriorityReason>,
        at: NaiveDateTime,
    ) -> OpsResult<Taken> {
        Ops::queue_take(self, centre, category, priority, at)
    }
    fn queue_check_in(&self, centre: &str, code: &str, at: NaiveDateTime) -> OpsResult<Taken> {
        Ops::queue_check_in(self, centre, code, at)
    }
    fn queue_board(&self, centre: &str, at: NaiveDateTime) -> OpsResult<Board> {
        Ops::queue_board(self, centre, at)
    }
    fn queue_desk(&self, login: &str, at: NaiveDateTime) -> OpsResult<Desk> {
        Ops::queue_desk(self, login, at)
    }
    fn queue_act(&self, login: &str, act: QueueAct, at: NaiveDateTime) -> OpsResult<Desk> {
        Ops::queue_act(self, login, act, at)
    }
    fn queue_stats(&self, login: &str, centre: &str, day: NaiveDate) -> OpsResult<DayStats> {
        Ops::queue_stats(self, Some(login), centre, day)
    }
    fn report(&self, login: &str, query: ReportQuery, at: NaiveDateTime) -> OpsResult<Report> {
        Ops::report(self, login, query, at)
    }
}

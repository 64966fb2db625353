//! The workstation's `Backend` over the socket: each operation a request
//! and its reply; the revision and the changes come from the notices.

use std::sync::atomic::Ordering;

use chrono::{NaiveDate, NaiveDateTime};

use crate::demo::DemoSummary;
use crate::domain::catalog::Catalog;
use crate::domain::queue::stats::DayStats;
use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::domain::route::Deadlines;
use crate::ops::backend::Backend;
use crate::ops::queue::{Board, Desk, QueueAct, Taken};
use crate::ops::report::{Report, ReportQuery};
use crate::ops::{ActKind, ActRequest, OpsError, OpsResult, SpecialistLoad, SubmitRequest};
use crate::server::protocol::{Reply, Request};
use crate::store::model::{Organisation, Person, Record, Summary, User};

use super::Remote;

/// A reply of the wrong kind, named by its kind only: its contents (a
/// user's record, a password hash) are no business of an error message.
pub(super) fn unexpected(r: Reply) -> OpsError {
    let kind = match r {
        Reply::Bool(_) => "yes/no",
        Reply::Demo(_) => "demo summary",
        Reply::LoggedIn(..) => "sign-in",
        Reply::Orgs(_) => "organisations",
        Reply::Person(_) => "person",
        Reply::Record(_) => "application",
        Reply::Queue(_) => "work queue",
        Reply::Specialists(_) => "specialists",
        Reply::QueueConfig(_) => "queue settings",
        Reply::Revision(_) => "revision",
        Reply::Taken(_) => "ticket",
        Reply::Board(_) => "board",
        Reply::Desk(_) => "window",
        Reply::Stats(_) => "figures",
        Reply::Cli { .. } => "command output",
        Reply::Users(_) => "users",
        Reply::Names(_) => "names",
        Reply::Status(_) => "server status",
        Reply::Report(_) => "report",
    };
    tracing::error!("unexpected reply from the server: {kind}");
    OpsError::Invalid(crate::ops::Refusal::UnexpectedReply)
}

impl Backend for Remote {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }
    fn location(&self) -> String {
        self.location.clone()
    }
    fn online(&self) -> bool {
        self.shared.online.load(Ordering::SeqCst)
    }
    fn peer_user(&self) -> Option<(User, Organisation)> {
        self.peer_user.clone()
    }
    fn has_users(&self) -> OpsResult<bool> {
        match self.call(Request::HasUsers)? {
            Reply::Bool(b) => Ok(b),
            r => Err(unexpected(r)),
        }
    }
    fn demo_users(&self) -> OpsResult<Vec<(String, String, String)>> {
        match self.call(Request::DemoUsers)? {
            Reply::Users(u) => Ok(u),
            r => Err(unexpected(r)),
        }
    }
    fn staff_names(&self, _login: &str) -> OpsResult<Vec<(String, String)>> {
        match self.call(Request::StaffNames)? {
            Reply::Names(n) => Ok(n),
            r => Err(unexpected(r)),
        }
    }
    fn create_demo(&self, _at: NaiveDateTime) -> OpsResult<DemoSummary> {
        match self.call(Request::CreateDemo)? {
            Reply::Demo(d) => Ok(d),
            r => Err(unexpected(r)),
        }
    }
    fn login(
        &self,
        login: &str,
        password: &str,
        _at: NaiveDateTime,
    ) -> OpsResult<(User, Organisation)> {
        let r = self.call(Request::Login {
            login: login.into(),
            password: password.into(),
        })?;
        match r {
            Reply::LoggedIn(u, o) => {
                *self.shared.credentials.lock().expect("credentials") =
                    Some((login.into(), password.into()));
                Ok((u, o))
            }
            r => Err(unexpected(r)),
        }
    }
    fn orgs(&self) -> OpsResult<Vec<Organisation>> {
        match self.call(Request::Orgs)? {
            Reply::Orgs(o) => Ok(o),
            r => Err(unexpected(r)),
        }
    }
    fn person(&self, _login: &str, iin: &str) -> OpsResult<Option<Person>> {
        match self.call(Request::Person { iin: iin.into() })? {
            Reply::Person(p) => Ok(p),
            r => Err(unexpected(r)),
        }
    }
    fn submit(&self, _login: &str, req: SubmitRequest, _at: NaiveDateTime) -> OpsResult<Record> {
        match self.call(Request::Submit(req))? {
            Reply::Record(r) => Ok(*r),
            r => Err(unexpected(r)),
        }
    }
    fn act(
        &self,
        _login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        _at: NaiveDateTime,
    ) -> OpsResult<Record> {
        let r = self.call(Request::Act {
            number: number.into(),
            kind,
            req,
        })?;
        match r {
            Reply::Record(r) => Ok(*r),
            r => Err(unexpected(r)),
        }
    }
    fn queue(&self, _login: &str) -> OpsResult<Vec<Summary>> {
        match self.call(Request::Queue)? {
            Reply::Queue(q) => Ok(q),
            r => Err(unexpected(r)),
        }
    }
    fn show(&self, _login: &str, number: &str) -> OpsResult<Record> {
        match self.call(Request::Show {
            number: number.into(),
        })? {
            Reply::Record(r) => Ok(*r),
            r => Err(unexpected(r)),
        }
    }
    fn specialists(&self, _login: &str, _at: NaiveDateTime) -> OpsResult<Vec<SpecialistLoad>> {
        match self.call(Request::Specialists)? {
            Reply::Specialists(s) => Ok(s),
            r => Err(unexpected(r)),
        }
    }
    /// Local: bumped by the server's notices, so polling costs nothing.
    fn revision(&self) -> OpsResult<u64> {
        Ok(self.shared.revision.load(Ordering::SeqCst))
    }
    /// What the notices told since the last call (the revision here is
    /// the local count of notices, so the argument adds nothing).
    fn changes_since(&self, _login: &str, _revision: u64) -> OpsResult<Option<Vec<Summary>>> {
        Ok(self
            .shared
            .pending
            .lock()
            .expect("pending")
            .replace(Vec::new()))
    }
    fn queue_config(&self, centre: &str) -> OpsResult<QueueConfig> {
        let centre = centre.into();
        match self.call(Request::QueueConfig { centre })? {
            Reply::QueueConfig(c) => Ok(c),
            r => Err(unexpected(r)),
        }
    }
    /// From the notices once known: asked of the server only the first time
    /// (and after a reconnection).
    fn queue_revision(&self, centre: &str) -> OpsResult<u64> {
        if let Some(r) = self.shared.queues.lock().expect("queues").get(centre) {
            return Ok(*r);
        }
        let r = match self.call(Request::QueueRevision {
            centre: centre.into(),
        })? {
            Reply::Revision(r) => r,
            r => return Err(unexpected(r)),
        };
        let mut known = self.shared.queues.lock().expect("queues");
        Ok(*known.entry(centre.to_string()).or_insert(r))
    }
    fn queue_take(
        &self,
        centre: &str,
        category: char,
        priority: Option<PriorityReason>,
        _at: NaiveDateTime,
    ) -> OpsResult<Taken> {
        let r = self.call(Request::QueueTake {
            centre: centre.into(),
            category,
            priority,
        })?;
        match r {
            Reply::Taken(t) => Ok(t),
            r => Err(unexpected(r)),
        }
    }
    fn queue_check_in(&self, centre: &str, code: &str, _at: NaiveDateTime) -> OpsResult<Taken> {
        let r = self.call(Request::QueueCheckIn {
            centre: centre.into(),
            code: code.into(),
        })?;
        match r {
            Reply::Taken(t) => Ok(t),
            r => Err(unexpected(r)),
        }
    }
    fn queue_board(&self, centre: &str, _at: NaiveDateTime) -> OpsResult<Board> {
        let centre = centre.into();
        match self.call(Request::QueueBoard { centre })? {
            Reply::Board(b) => Ok(b),
            r => Err(unexpected(r)),
        }
    }
    fn queue_desk(&self, _login: &str, _at: NaiveDateTime) -> OpsResult<Desk> {
        match self.call(Request::QueueDesk)? {
            Reply::Desk(d) => Ok(d),
            r => Err(unexpected(r)),
        }
    }
    fn queue_act(&self, _login: &str, act: QueueAct, _at: NaiveDateTime) -> OpsResult<Desk> {
        match self.call(Request::QueueAct(act))? {
            Reply::Desk(d) => Ok(d),
            r => Err(unexpected(r)),
        }
    }
    fn queue_stats(&self, _login: &str, centre: &str, day: NaiveDate) -> OpsResult<DayStats> {
        let centre = centre.into();
        match self.call(Request::QueueStats { centre, day })? {
            Reply::Stats(s) => Ok(s),
            r => Err(unexpected(r)),
        }
    }
    fn report(&self, _login: &str, query: ReportQuery, _at: NaiveDateTime) -> OpsResult<Report> {
        match self.call(Request::Report(query))? {
            Reply::Report(r) => Ok(*r),
            r => Err(unexpected(r)),
        }
    }
}

//! One request of a connection, run through `Ops` under the session's own
//! login: permissions are checked here, whatever a client claims.

use std::time::Instant;

use tracing::{info, warn};

use super::hub::Hub;
use super::protocol::{Reply, Request, WireError};
use super::serve::{Caller, Peer, ServeOptions};
use crate::ops::{Ops, OpsError, OpsResult};
use crate::store::model::{Organisation, Summary, User};

/// Who a connection is.
pub struct Session {
    pub peer: Peer,
    pub login: Option<(User, Organisation)>,
    /// Signed in by the OS (peer credentials): no inactivity limit, the OS
    /// session is the sign-in.
    pub by_peer: bool,
    pub last_seen: Instant,
    /// The server's own OS user, or root.
    pub admin: bool,
}

/// The centre whose queue a request may change.
pub fn queue_centre(req: &Request, s: &Session) -> Option<String> {
    match req {
        Request::QueueTake { centre, .. } | Request::QueueCheckIn { centre, .. } => {
            Some(centre.clone())
        }
        Request::QueueAct(_) => s.login.as_ref().map(|(_, o)| o.code.clone()),
        _ => None,
    }
}

/// What a change touched: the application as lists show it, and the
/// organisations whose panes show it (None: everyone).
pub type Touched = Option<(Option<Summary>, Option<Vec<String>>)>;

pub fn handle(
    ops: &Ops,
    opts: &ServeOptions,
    hub: &Hub,
    s: &mut Session,
    req: Request,
) -> (Result<Reply, WireError>, Touched) {
    let now = (opts.clock)();
    let idle = s.last_seen.elapsed() > opts.idle;
    s.last_seen = Instant::now();
    if idle && !s.by_peer && s.login.is_some() {
        info!(
            login = s.login.as_ref().map(|l| l.0.login.as_str()),
            "session expired"
        );
        s.login = None;
        return (Err(WireError::SessionExpired), None);
    }
    let login = s.login.as_ref().map(|(u, _)| u.login.clone());
    let need = || login.clone().ok_or(WireError::SessionExpired);
    let touched_by = |rec: &crate::store::model::Record| {
        let b = &rec.orgs;
        let mut orgs = vec![b.intake.clone(), b.provider.clone()];
        orgs.extend(b.akim.clone());
        Some((Some(Summary::of(rec)), Some(orgs)))
    };
    let record =
        |r: OpsResult<crate::store::model::Record>| -> Result<(Reply, Touched), WireError> {
            let rec = r?;
            let t = touched_by(&rec);
            Ok((Reply::Record(Box::new(rec)), t))
        };
    let everyone: Touched = Some((None, None));
    let result = (|| -> Result<(Reply, Touched), WireError> {
        Ok(match req {
            Request::HasUsers => (Reply::Bool(ops.has_users()?), None),
            Request::DemoUsers => (Reply::Users(ops.demo_users()?), None),
            Request::StaffNames => (Reply::Names(ops.staff_names(&need()?)?), None),
            Request::CreateDemo => {
                if ops.has_users()? {
                    return Err(WireError::Invalid("the store already has users".into()));
                }
                let n = crate::ops::backend::DEMO_APPLICATIONS;
                let demo = crate::demo::populate(ops, now, n, &mut |_| {})?;
                info!(uid = s.peer.uid, "demo region created");
                (Reply::Demo(demo), everyone)
            }
            Request::Login { login, password } => match ops.login(&login, &password, now) {
                Ok((u, o)) => {
                    info!(login = %u.login, "signed in with a password");
                    s.login = Some((u.clone(), o.clone()));
                    s.by_peer = false;
                    (Reply::LoggedIn(u, o), None)
                }
                Err(e) => {
                    warn!(login = %login, uid = s.peer.uid, "sign-in refused: {e}");
                    return Err(e.into());
                }
            },
            Request::Cli { args, input } => match opts.cli {
                Some(run) => {
                    let caller = Caller {
                        admin: s.admin,
                        uid: s.peer.uid,
                        os_user: s.peer.os_user.clone(),
                        login: s
                            .login
                            .as_ref()
                            .filter(|_| s.by_peer)
                            .map(|(u, _)| u.login.clone()),
                    };
                    info!(
                        uid = caller.uid,
                        os_user = caller.os_user.as_deref().unwrap_or("?"),
                        ?args,
                        "command"
                    );
                    (run(ops, &caller, &args, input), everyone)
                }
                None => return Err(WireError::Invalid("this server runs no commands".into())),
            },
            Request::Status => {
                if !s.admin {
                    return Err(WireError::Forbidden(
                        "only the server's OS user or root may ask for its status".into(),
                    ));
                }
                (Reply::Status(Box::new(hub.status(ops))), None)
            }
            // Names of organisations are public (the hall's kiosk and board,
            // which sign nobody in, show their centre's).
            Request::Orgs => (Reply::Orgs(ops.store.orgs().map_err(OpsError::from)?), None),
            Request::Person { iin } => (Reply::Person(ops.person(&need()?, &iin)?), None),
            Request::Submit(req) => {
                let login = need()?;
                let out = record(ops.submit(&login, req, now))?;
                info!(login = %login, number = ?out.1.as_ref().and_then(|t| t.0.as_ref().map(|s| s.number.clone())), "submitted");
                out
            }
            Request::Act { number, kind, req } => {
                let login = need()?;
                let out = record(ops.act(&login, &number, kind, req, now))?;
                info!(login = %login, number = %number, ?kind, "acted");
                out
            }
            Request::Queue => (Reply::Queue(ops.queue(&need()?)?), None),
            Request::Show { number } => {
                (Reply::Record(Box::new(ops.show(&need()?, &number)?)), None)
            }
            Request::Specialists => (Reply::Specialists(ops.specialists(&need()?, now)?), None),
            Request::QueueConfig { centre } => {
                (Reply::QueueConfig(ops.queue_config(&centre)?), None)
            }
            Request::QueueRevision { centre } => {
                (Reply::Revision(ops.queue_revision(&centre)?), None)
            }
            Request::QueueTake {
                centre,
                category,
                priority,
            } => (
                Reply::Taken(ops.queue_take(&centre, category, priority, now)?),
                None,
            ),
            Request::QueueCheckIn { centre, code } => {
                (Reply::Taken(ops.queue_check_in(&centre, &code, now)?), None)
            }
            Request::QueueBoard { centre } => (Reply::Board(ops.queue_board(&centre, now)?), None),
            Request::QueueDesk => (Reply::Desk(ops.queue_desk(&need()?, now)?), None),
            Request::QueueAct(act) => (Reply::Desk(ops.queue_act(&need()?, act, now)?), None),
            Request::QueueStats { centre, day } => (
                Reply::Stats(ops.queue_stats(Some(&need()?), &centre, day)?),
                None,
            ),
            // Read-only: the scope is the session user's, checked in ops.
            Request::Report(query) => (
                Reply::Report(Box::new(ops.report(&need()?, query, now)?)),
                None,
            ),
        })
    })();
    match result {
        Ok((reply, touched)) => (Ok(reply), touched),
        Err(e) => (Err(e), None),
    }
}

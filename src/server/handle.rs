//! One request of a connection, run through `Ops` under the session's own
//! login: permissions are checked here, whatever a client claims.

use std::time::Instant;

use tracing::{info, warn};

use super::hub::Hub;
use super::protocol::{Reply, Request, WireError};
use super::serve::{Caller, Peer, ServeOptions};
use crate::ops::views::Origin;
use crate::ops::{Ops, OpsError, OpsResult, Refusal};
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

/// A session signed in by peer credentials lasts while its OS user is
/// still mapped to that active user: removing the mapping (or disabling
/// the user) ends it at the next request.
fn still_mapped(ops: &Ops, s: &Session) -> bool {
    let Some((user, _)) = s.login.as_ref().filter(|_| s.by_peer) else {
        return true;
    };
    match ops.store.user(&user.login) {
        Ok(Some(now)) => now.active && now.os_user.is_some() && now.os_user == s.peer.os_user,
        // A store error is not a reason to keep a session the OS ended.
        _ => false,
    }
}

/// A sign-in with a password, counted against the peer uid's limit first
/// (administrators are not limited).
fn signing_in(
    ops: &Ops,
    opts: &ServeOptions,
    hub: &Hub,
    s: &Session,
    login: &str,
    password: &str,
    now: chrono::NaiveDateTime,
) -> OpsResult<(User, Organisation)> {
    let limit = opts.limits.sign_ins_per_minute;
    if !s.admin
        && let Err(wait) = hub.guard.allow(
            super::guard::Counted::SignIn,
            s.peer.uid,
            limit,
            Instant::now(),
        )
    {
        let seconds = wait.as_secs().max(1);
        return Err(crate::ops::LoginError::RateLimited { seconds }.into());
    }
    ops.login(login, password, now)
}

/// Where a connection's reads come from, for the access log.
fn origin(peer: &Peer) -> Origin {
    Origin::peer(peer.uid, peer.os_user.as_deref(), peer.pid)
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
    if let Err(over) = super::limits::check(&req) {
        warn!(
            uid = s.peer.uid,
            field = over.field,
            "refused: over a limit"
        );
        return (Err(WireError::Invalid(over.refusal())), None);
    }
    if !still_mapped(ops, s) {
        info!(
            uid = s.peer.uid,
            "the OS user is no longer mapped: session ended"
        );
        s.login = None;
        s.by_peer = false;
        return (Err(WireError::SessionExpired), None);
    }
    let login = s.login.as_ref().map(|(u, _)| u.login.clone());
    let need = || login.clone().ok_or(WireError::SessionExpired);
    let touched_by = |rec: &crate::store::model::Record| {
        let b = &rec.orgs;
        let mut orgs = vec![b.intake.clone(), b.provider.clone()];
        orgs.extend(b.akim.clone());
        orgs.extend(b.local_executive.clone());
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
                    return Err(WireError::Invalid(Refusal::StoreHasUsers));
                }
                let n = crate::ops::backend::DEMO_APPLICATIONS;
                let demo = crate::demo::populate(ops, now, n, &mut |_| {})?;
                info!(uid = s.peer.uid, "demo region created");
                (Reply::Demo(demo), everyone)
            }
            Request::Login { login, password } => {
                match signing_in(ops, opts, hub, s, &login, &password, now) {
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
                }
            }
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
                None => return Err(WireError::Invalid(Refusal::ServerRunsNoCommands)),
            },
            Request::Status => {
                if !s.admin {
                    return Err(WireError::Forbidden(Refusal::StatusForAdministrators));
                }
                (Reply::Status(Box::new(hub.status(ops))), None)
            }
            // Names of organisations are public (the hall's kiosk and board,
            // which sign nobody in, show their centre's).
            Request::Orgs => (Reply::Orgs(ops.store.orgs().map_err(OpsError::from)?), None),
            Request::Person { iin } => (
                Reply::Person(ops.person_from(&need()?, &iin, &origin(&s.peer), now)?),
                None,
            ),
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
                let rec = ops.show_from(&need()?, &number, &origin(&s.peer), now)?;
                (Reply::Record(Box::new(rec)), None)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::LoginError;
    use crate::server::guard::RateLimits;

    /// Sign-ins of one peer uid past the limit are refused before any
    /// password is checked; an administrator's are not counted.
    #[test]
    fn sign_ins_per_uid_are_limited() {
        let dir = tempfile::tempdir().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let store = crate::store::Store::create(dir.path(), at).unwrap();
        let calendar = crate::catalog_files::calendar(None).unwrap();
        let ops = Ops::new(
            store,
            crate::catalog_files::embedded().unwrap(),
            crate::domain::route::Deadlines::new(calendar),
        );
        let opts = ServeOptions {
            socket: dir.path().join("s"),
            idle: std::time::Duration::from_secs(60),
            sources: crate::catalog_files::Sources::load(None, None).unwrap(),
            clock: || chrono::NaiveDateTime::MIN,
            cli: None,
            anchor_every: 0,
            limits: RateLimits {
                connections_per_minute: 0,
                sign_ins_per_minute: 3,
            },
        };
        let hub = Hub::default();
        let session = |uid, admin| Session {
            peer: Peer {
                uid,
                pid: 1,
                os_user: None,
            },
            login: None,
            by_peer: false,
            last_seen: Instant::now(),
            admin,
        };
        let login = || Request::Login {
            login: "nobody-here".into(),
            password: "guess-1234".into(),
        };
        let mut s = session(1000, false);
        for _ in 0..3 {
            let (r, _) = handle(&ops, &opts, &hub, &mut s, login());
            assert!(matches!(
                r,
                Err(WireError::Login(LoginError::UnknownOrWrong { .. }))
            ));
        }
        let (r, _) = handle(&ops, &opts, &hub, &mut s, login());
        assert!(
            matches!(r, Err(WireError::Login(LoginError::RateLimited { seconds })) if seconds > 0),
            "{r:?}"
        );
        let mut other = session(1001, false);
        let (r, _) = handle(&ops, &opts, &hub, &mut other, login());
        assert!(matches!(
            r,
            Err(WireError::Login(LoginError::UnknownOrWrong { .. }))
        ));
        let mut admin = session(0, true);
        for _ in 0..4 {
            let (r, _) = handle(&ops, &opts, &hub, &mut admin, login());
            assert!(matches!(
                r,
                Err(WireError::Login(LoginError::UnknownOrWrong { .. }))
            ));
        }
    }
}

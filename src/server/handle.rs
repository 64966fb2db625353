//! One request of a connection, run through `Ops` under the session's own
//! login: permissions are checked here, whatever a client claims. The
//! session's expiry and the request's limits come first; then `dispatch`,
//! generated from the operations' table (`ops/operations.rs`), gives it to
//! its hook (`server/hooks.rs`) or its `Backend` method.

use std::time::Instant;

use tracing::{info, warn};

use super::hub::Hub;
use super::protocol::{Answer, Reply, Request, WireError};
use super::serve::{Peer, ServeOptions};
use crate::ops::Ops;
use crate::ops::backend::Backend;
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
    let mut cx = Cx {
        ops,
        opts,
        hub,
        s,
        now,
    };
    let answered = dispatch(&mut cx, req);
    // Idleness counts from the end of the last request: a slow sign-in (the
    // password's hash takes its time on a busy server) is no idle time.
    cx.s.last_seen = Instant::now();
    match answered {
        Ok((reply, touched)) => (Ok(reply), touched),
        Err(e) => {
            // The client says only that the store failed: the why is here.
            if let WireError::Store(why) | WireError::StoreUnavailable(why) = &e {
                warn!("the store failed a request: {why}");
            }
            (Err(e), None)
        }
    }
}

/// What answering one request has at hand.
pub struct Cx<'a> {
    pub ops: &'a Ops,
    pub opts: &'a ServeOptions,
    pub hub: &'a Hub,
    pub s: &'a mut Session,
    /// The server's clock when the request came.
    pub now: chrono::NaiveDateTime,
}

impl Cx<'_> {
    /// The session's user, which a request that needs one must have.
    pub fn login(&self) -> Result<String, WireError> {
        let login = self.s.login.as_ref().map(|(u, _)| u.login.clone());
        login.ok_or(WireError::SessionExpired)
    }
}

/// A request's answer and what it touched.
pub type Answered = Result<(Reply, Touched), WireError>;

/// The digest of the operations' table (`ops::operations`): `dispatch`.
macro_rules! dispatch {
    ({} $( [
        $attr:tt $kind:ident $V:ident $name:ident $flags:tt $ret:tt
        $oh:tt [$($sh:path)?] $rh:tt params $params:tt limits $limits:tt
        pattern ($($pattern:tt)*) variant $variant:tt request $request:tt
    ] )*) => {
        /// One request to its operation: the entry's `serve` hook
        /// (`server/hooks.rs`), else the `Backend` method on `Ops` as the
        /// session's user, at the server's clock, telling nobody.
        fn dispatch(cx: &mut Cx<'_>, req: Request) -> Answered {
            match req {
                $( $($pattern)* => dispatch!(@arm cx [$($sh)?] $name $flags $params), )*
            }
        }
    };
    (@arm $cx:ident [$sh:path] $name:ident $flags:tt [$($p:ident : $t:tt,)*]) => {
        $sh($cx, $($p),*)
    };
    (@arm $cx:ident [] $name:ident $flags:tt $params:tt) => {{
        let answer = crate::ops::operations::call!(
            <Ops as Backend>::$name, $cx.ops, $flags, &$cx.login()?, $cx.now, lend, $params
        )?;
        Ok((Answer::into_reply(answer), None))
    }};
}

crate::ops::operations::backend_operations! { dispatch {} }

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

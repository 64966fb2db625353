//! The workstation's `Backend` over the socket: each operation a request
//! and its reply, generated from the operations' table (`ops/operations.rs`);
//! the revision and the changes come from the notices.

use std::sync::atomic::Ordering;

use chrono::NaiveDateTime;

use crate::domain::catalog::Catalog;
use crate::domain::route::Deadlines;
use crate::ops::backend::Backend;
use crate::ops::operations::prelude::*;
use crate::ops::{OpsError, OpsResult};
use crate::server::protocol::{Answer, Reply, Request};

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
        Reply::Reports(_) => "reports",
    };
    tracing::error!("unexpected reply from the server: {kind}");
    OpsError::Invalid(crate::ops::Refusal::UnexpectedReply)
}

/// The digest of the operations' table (`ops::operations`): `Backend` for
/// `Remote`, with what this side answers itself passed in.
macro_rules! remote {
    ({ $($local:tt)* } $( [
        $attr:tt $kind:ident $V:ident $name:ident $flags:tt $ret:tt
        $oh:tt $sh:tt [$($rh:path)?] params $params:tt limits $limits:tt
        pattern $pattern:tt variant $variant:tt request $request:tt
    ] )*) => {
        impl Backend for Remote {
            $($local)*
            $( remote!(@method $kind [$($rh)?] $request $name $flags $params $ret); )*
        }
    };
    (@method served $($rest:tt)*) => {};
    (@method op $rh:tt $request:tt $name:ident $flags:tt $params:tt $ret:tt) => {
        crate::ops::operations::method! { remote_body! { $rh $request } [] $name $flags $params $ret }
    };
}

/// A method over the socket: its hook, else the request and its reply
/// (the signed-in user and the clock are the server's own).
macro_rules! remote_body {
    ([$rh:path] $request:tt [$self:ident $login:ident $at:ident] $flags:tt $params:tt) => {
        crate::ops::operations::call!($rh, $self, $flags, $login, $at, same, $params)
    };
    ([] ($($request:tt)*) [$self:ident $login:ident $at:ident] [$($flag:ident)*] $params:tt) => {{
        $( let _ = $flag; )*
        Answer::from_reply($self.call($($request)*)?).map_err(unexpected)
    }};
}

crate::ops::operations::backend_operations! { remote {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    fn deadlines(&self) -> &Deadlines {
        &self.deadlines
    }
    fn location(&self) -> String {
        self.location.clone()
    }
    /// False while the connection is lost or the server cannot reach its store.
    fn online(&self) -> bool {
        self.shared.online.load(Ordering::SeqCst) && !self.shared.store_down.load(Ordering::SeqCst)
    }
    fn peer_user(&self) -> Option<(User, Organisation)> {
        self.peer_user.clone()
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
} }

/// Signs in, and remembers the password to sign in again after a
/// reconnection.
pub(super) fn login_remembered(
    remote: &Remote,
    login: &str,
    password: &str,
    _at: NaiveDateTime,
) -> OpsResult<(User, Organisation)> {
    let r = remote.call(Request::Login {
        login: login.into(),
        password: password.into(),
    })?;
    match r {
        Reply::LoggedIn(u, o) => {
            *remote.shared.credentials.lock().expect("credentials") =
                Some((login.into(), password.into()));
            Ok((u, o))
        }
        r => Err(unexpected(r)),
    }
}

/// From the notices once known: asked of the server only the first time
/// (and after a reconnection).
pub(super) fn queue_revision(remote: &Remote, centre: &str) -> OpsResult<u64> {
    if let Some(r) = remote.shared.queues.lock().expect("queues").get(centre) {
        return Ok(*r);
    }
    let r = match remote.call(Request::QueueRevision {
        centre: centre.into(),
    })? {
        Reply::Revision(r) => r,
        r => return Err(unexpected(r)),
    };
    let mut known = remote.shared.queues.lock().expect("queues");
    Ok(*known.entry(centre.to_string()).or_insert(r))
}

//! The requests the server answers in its own way, named by the `serve`
//! hooks of the operations' table (`ops/operations.rs`): a sign-in changes
//! the session, a change tells the organisations it touches, a read of a
//! person's data is logged with where it came from, and the server's own
//! requests (status, a command) are not `Backend` operations at all.

use std::time::Instant;

use tracing::{info, warn};

use super::handle::{Answered, Cx, Session, Touched};
use super::hub::Hub;
use super::protocol::{Answer, Reply, WireError};
use super::serve::{Caller, Peer, ServeOptions};
use crate::ops::backend::Backend;
use crate::ops::operations::prelude::*;
use crate::ops::views::Origin;
use crate::ops::{Ops, OpsResult, Refusal};

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
    sign_in_allowed(opts, hub, s)?;
    ops.login(login, password, now)
}

/// The per-peer sign-in rate limit, for everything that checks a password.
fn sign_in_allowed(opts: &ServeOptions, hub: &Hub, s: &Session) -> OpsResult<()> {
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
    Ok(())
}

/// Where a connection's reads come from, for the access log.
fn origin(peer: &Peer) -> Origin {
    Origin::peer(peer.uid, peer.os_user.as_deref(), peer.pid)
}

/// The organisations an application's change is news to (here and on the
/// other serve nodes of the same database).
pub(super) fn touched_orgs(rec: &Record) -> Vec<String> {
    let b = &rec.orgs;
    let mut orgs = vec![b.intake.clone(), b.provider.clone()];
    orgs.extend(b.akim.clone());
    orgs.extend(b.local_executive.clone());
    orgs
}

/// Every workstation reloads.
const EVERYONE: Touched = Some((None, None));

/// A changed application, told to the organisations it is bound to.
fn changed(rec: Record) -> Answered {
    let touched = Some((Some(Summary::of(&rec)), Some(touched_orgs(&rec))));
    Ok((rec.into_reply(), touched))
}

pub fn create_demo(cx: &mut Cx<'_>) -> Answered {
    let demo = Backend::create_demo(cx.ops, cx.now)?;
    info!(uid = cx.s.peer.uid, "demo region created");
    Ok((demo.into_reply(), EVERYONE))
}

/// Signs the session in (the peer credentials' sign-in gives way to it).
pub fn login(cx: &mut Cx<'_>, login: String, password: String) -> Answered {
    let s = &mut *cx.s;
    match signing_in(cx.ops, cx.opts, cx.hub, s, &login, &password, cx.now) {
        Ok((u, o)) => {
            info!(login = %u.login, "signed in with a password");
            s.login = Some((u.clone(), o.clone()));
            s.by_peer = false;
            Ok(((u, o).into_reply(), None))
        }
        Err(e) => {
            warn!(login = %login, uid = s.peer.uid, "sign-in refused: {e}");
            Err(e.into())
        }
    }
}

/// One's own password changed: the current one is a sign-in attempt, so the
/// peer's sign-in rate limit applies to it as to `Login`.
pub fn change_password(cx: &mut Cx<'_>, current: String, new: String) -> Answered {
    let login = cx.login()?;
    sign_in_allowed(cx.opts, cx.hub, cx.s)?;
    match cx.ops.change_password(&login, &current, &new, cx.now) {
        Ok(done) => {
            info!(login = %login, "changed their password");
            Ok((done.into_reply(), None))
        }
        Err(e) => {
            warn!(login = %login, uid = cx.s.peer.uid, "password change refused: {e}");
            Err(e.into())
        }
    }
}

pub fn person(cx: &mut Cx<'_>, iin: String) -> Answered {
    let person = cx
        .ops
        .person_from(&cx.login()?, &iin, &origin(&cx.s.peer), cx.now)?;
    Ok((person.into_reply(), None))
}

pub fn show(cx: &mut Cx<'_>, number: String) -> Answered {
    let rec = cx
        .ops
        .show_from(&cx.login()?, &number, &origin(&cx.s.peer), cx.now)?;
    Ok((rec.into_reply(), None))
}

pub fn submit(cx: &mut Cx<'_>, req: SubmitRequest) -> Answered {
    let login = cx.login()?;
    let out = changed(cx.ops.submit(&login, req, cx.now)?)?;
    info!(login = %login, number = ?out.1.as_ref().and_then(|t| t.0.as_ref().map(|s| s.number.clone())), "submitted");
    Ok(out)
}

pub fn act(cx: &mut Cx<'_>, number: String, kind: ActKind, req: ActRequest) -> Answered {
    let login = cx.login()?;
    let out = changed(cx.ops.act(&login, &number, kind, req, cx.now)?)?;
    info!(login = %login, number = %number, ?kind, "acted");
    Ok(out)
}

pub fn status(cx: &mut Cx<'_>) -> Answered {
    if !cx.s.admin {
        return Err(WireError::Forbidden(Refusal::StatusForAdministrators));
    }
    Ok((Reply::Status(Box::new(cx.hub.status(cx.ops))), None))
}

/// A command line run by the server as the caller it maps to.
pub fn cli(cx: &mut Cx<'_>, args: Args, input: Input) -> Answered {
    let Some(run) = cx.opts.cli else {
        return Err(WireError::Invalid(Refusal::ServerRunsNoCommands));
    };
    let s = &cx.s;
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
    Ok((run(cx.ops, &caller, &args, input), EVERYONE))
}

//! `qyzmet serve`: owns the store and answers clients on a Unix socket.
//! One reactor thread (`reactor`) watches every socket and hands each
//! connection's requests, one after the other (a client waits for each
//! reply), to a fixed set of request workers (`workers`); a reply goes to
//! the connection's bounded outbox and out at once as far as the socket
//! takes it, the rest when the socket is writable again. Every change is
//! pushed as a notice to the outboxes of the connections it touches, sent
//! with their next reply or at the next notice tick. Nobody ever waits on
//! another client's socket. An idle workstation costs its socket and a few
//! hundred bytes; no thread.

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use tracing::{info, warn};

use super::guard::Counted;
use super::handle::{Session, handle, queue_centre};
use super::hub::{Conn, Hub};
use super::outbox::{Frame, NOTICE_TICK, Outbox};
use super::protocol::{
    ClientMsg, Hello, MAGIC, Notice, PROTOCOL, Reply, ServerMsg, Welcome, decode_body, encode_frame,
};
use super::workers::{Link, Live, WORKERS, Work, Workers};
use crate::catalog_files::Sources;
use crate::ops::{Ops, OpsResult};
use crate::store::model::{Organisation, User};

/// The notice ticker only copies bytes to sockets.
const TICKER_STACK: usize = 64 << 10;

pub struct ServeOptions {
    pub socket: PathBuf,
    /// Password sessions end after this long without a request.
    pub idle: Duration,
    pub sources: Sources,
    pub clock: fn() -> NaiveDateTime,
    /// Runs a CLI subcommand on the server's store for a client.
    pub cli: Option<CliRunner>,
    /// Connections and sign-ins per peer uid and minute.
    pub limits: super::guard::RateLimits,
    /// The chain's head is logged (an anchor, see `store::anchor`) each
    /// time the journal grows past a multiple of this; 0: never.
    pub anchor_every: u64,
}

pub use super::guard::RateLimits;

/// Runs a client's CLI command: (store, who asks, args, file input) -> reply.
pub type CliRunner = fn(&Ops, &Caller, &[String], Option<Vec<u8>>) -> Reply;

/// Who runs a CLI command through the server.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The server's own OS user, or root: may run every store command.
    pub admin: bool,
    pub uid: u32,
    pub os_user: Option<String>,
    /// The Qyzmet user the OS user is mapped to.
    pub login: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Peer {
    pub uid: u32,
    pub pid: i32,
    pub os_user: Option<String>,
}

/// Where a server listens by default: `$XDG_RUNTIME_DIR/qyzmet.sock` for
/// one started in a user's session, else the system's
/// `/run/qyzmet/qyzmet.sock` (the systemd unit's).
pub fn default_socket() -> PathBuf {
    default_sockets().remove(0)
}

/// Where clients look for a server, in order: the user's own, then the system's.
pub fn default_sockets() -> Vec<PathBuf> {
    let system = PathBuf::from("/run/qyzmet/qyzmet.sock");
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(d) if !d.is_empty() => vec![PathBuf::from(d).join("qyzmet.sock"), system],
        _ => vec![system],
    }
}

/// Binds the socket (mode 0660: the group decides who may connect). A
/// socket file nobody answers on is left from a crash and is replaced.
pub fn bind(path: &Path) -> io::Result<UnixListener> {
    if path.exists() {
        if UnixStream::connect(path).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                format!("a server already answers on {}", path.display()),
            ));
        }
        std::fs::remove_file(path)?;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let listener = UnixListener::bind(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))?;
    Ok(listener)
}

/// Serves until `stop` is set: then stops accepting, lets every connection
/// finish the request it is running, flushes the store and returns.
pub fn serve(
    ops: Ops,
    listener: UnixListener,
    opts: ServeOptions,
    stop: Arc<AtomicBool>,
) -> io::Result<()> {
    let server = Arc::new(Server {
        sources: encode_frame(&opts.sources)?.into(),
        ops,
        opts,
        hub: Arc::new(Hub::default()),
        uid: nix::unistd::geteuid().as_raw(),
    });
    info!(socket = %server.opts.socket.display(), store = %server.ops.store.path().display(), "serving");
    let mut threads = Vec::new();
    // Other serve nodes on a shared database: their changes told here too.
    threads.extend(super::peers::follow(server.clone(), stop.clone()));
    threads.push(notice_ticker(server.clone(), stop.clone())?);
    let (poll, done) = super::reactor::poll_and_done()?;
    let run = {
        let server = server.clone();
        Arc::new(move |link: &Link, work: Work| run_job(&server, link, work))
    };
    let workers = Workers::start(WORKERS, server.hub.clone(), done.clone(), run)?;
    let served = super::reactor::run(listener, &workers, poll, done, &stop, &|| {
        let _ = std::fs::remove_file(&server.opts.socket);
        server.hub.goodbye();
    });
    workers.finish();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        let _ = t.join();
    }
    served?;
    server
        .ops
        .store
        .flush()
        .map_err(|e| io::Error::other(e.to_string()))?;
    if let Ok(Some(head)) = server.ops.store.journal_head() {
        info!("{head}");
    }
    info!("stopped; store flushed");
    Ok(())
}

/// Sends the notices waiting, every tick, until the server stops: what a
/// connection is told between two ticks goes out in one write.
fn notice_ticker(
    server: Arc<Server>,
    stop: Arc<AtomicBool>,
) -> io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("notices".into())
        .stack_size(TICKER_STACK)
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(NOTICE_TICK);
                server.hub.flush_notices();
            }
        })
}

/// What every connection shares.
struct Server {
    ops: Ops,
    opts: ServeOptions,
    hub: Arc<Hub>,
    /// The catalogue and calendar, encoded once for every client.
    sources: Frame,
    /// The server's own OS user: an administrator, like root.
    uid: u32,
}

impl AsRef<Ops> for Server {
    fn as_ref(&self) -> &Ops {
        &self.ops
    }
}

impl AsRef<Hub> for Server {
    fn as_ref(&self) -> &Hub {
        &self.hub
    }
}

fn peer_of(stream: &UnixStream) -> io::Result<Peer> {
    use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
    let cred = getsockopt(stream, PeerCredentials).map_err(io::Error::from)?;
    let os_user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(cred.uid()))
        .ok()
        .flatten()
        .map(|u| u.name);
    Ok(Peer {
        uid: cred.uid(),
        pid: cred.pid(),
        os_user,
    })
}

/// The active Qyzmet user mapped to an OS user, with their organisation.
fn mapped_user(ops: &Ops, os_user: &str) -> OpsResult<Option<(User, Organisation)>> {
    let found = ops
        .store
        .users()?
        .into_iter()
        .find(|u| u.active && u.os_user.as_deref() == Some(os_user));
    match found {
        Some(u) => Ok(Some(ops.caller(&u.login)?)),
        None => Ok(None),
    }
}

/// Why the client's hello (its first frame, None if it said nothing in
/// time) is refused, if it is.
fn greet(hello: Option<&[u8]>) -> Option<String> {
    let hello: Option<Hello> = hello.and_then(|b| decode_body(b).ok());
    let ours = Hello::ours();
    match &hello {
        None => Some("no hello: not a Qyzmet client".to_string()),
        Some(h) if h.magic != MAGIC => Some("not a Qyzmet client".into()),
        Some(h) if h.protocol != PROTOCOL => Some(format!(
            "protocol mismatch: the server (Qyzmet {}) speaks protocol {PROTOCOL}, this client (Qyzmet {}) speaks {}; use the same Qyzmet version on both sides",
            ours.version, h.version, h.protocol
        )),
        _ => None,
    }
}

/// Runs a connection's frame; true when the connection is to end.
fn run_job(server: &Server, link: &Link, work: Work) -> bool {
    let ran = match work {
        Work::Hello(hello) => welcome(server, link, hello.as_deref()),
        Work::Request(body) => run_request(server, link, &body).map(|()| true),
    };
    match ran {
        Ok(keep) => !keep,
        Err(e) => {
            warn!(conn = link.id, "connection ended: {e}");
            true
        }
    }
}

/// A client's request: decoded, run under its session, timed.
fn run_request(server: &Server, link: &Link, body: &[u8]) -> io::Result<()> {
    let msg: ClientMsg = decode_body(body)?;
    let mut live = link.live.lock().expect("live");
    let Some(Live { conn, session }) = live.as_mut() else {
        return Err(io::Error::other("a request before the welcome"));
    };
    let start = Instant::now();
    request(server, link.id, conn, session, msg)?;
    server.hub.times.record(start);
    Ok(())
}

fn queue(outbox: &Outbox, msg: &impl serde::Serialize) -> io::Result<()> {
    if outbox.reply(encode_frame(msg)?.into()) {
        Ok(())
    } else {
        Err(io::Error::other("the client does not read its replies"))
    }
}

/// Why a new connection is refused, if it is: its hello (another protocol,
/// a stray client), or too many connections of its peer uid this minute
/// (administrators are not counted).
fn refusal(
    server: &Server,
    id: u64,
    hello: Option<&[u8]>,
    peer: &Peer,
    admin: bool,
) -> Option<String> {
    if let Some(reason) = greet(hello) {
        warn!(conn = id, uid = peer.uid, "refused: {reason}");
        return Some(reason);
    }
    let limit = server.opts.limits.connections_per_minute;
    if !admin
        && let Err(wait) =
            server
                .hub
                .guard
                .allow(Counted::Connection, peer.uid, limit, Instant::now())
    {
        warn!(conn = id, uid = peer.uid, "refused: too many connections");
        let reason = crate::i18n::tf(
            crate::tui::i18n::Lang::default(),
            "limit.connections",
            &[("n", &wait.as_secs().max(1))],
        );
        return Some(reason);
    }
    None
}

/// A new connection's hello: refused, or welcomed (the catalogue sent,
/// its session made, the hub told); false when it ends here.
fn welcome(server: &Server, link: &Link, hello: Option<&[u8]>) -> io::Result<bool> {
    let (ops, opts, hub, id) = (&server.ops, &server.opts, &server.hub, link.id);
    let outbox = &link.outbox;
    let peer = peer_of(&link.stream)?;
    let admin = peer.uid == server.uid || peer.uid == 0;
    if let Some(reason) = refusal(server, id, hello, &peer, admin) {
        let refused = Welcome::Refused {
            hello: Hello::ours(),
            reason,
        };
        return queue(outbox, &refused).map(|()| false);
    }
    let peer_user = match peer.os_user.as_deref() {
        Some(name) => mapped_user(ops, name).unwrap_or(None),
        None => None,
    };
    info!(
        conn = id,
        uid = peer.uid,
        pid = peer.pid,
        os_user = peer.os_user.as_deref().unwrap_or("?"),
        login = peer_user
            .as_ref()
            .map(|(u, _)| u.login.as_str())
            .unwrap_or("-"),
        "connected"
    );
    queue(
        outbox,
        &Welcome::Accepted {
            hello: Hello::ours(),
            location: format!("{} (server)", opts.socket.display()),
            peer_user: peer_user.clone(),
        },
    )?;
    if !outbox.reply(server.sources.clone()) {
        return Ok(false);
    }
    let conn = Arc::new(Conn::new(
        outbox.clone(),
        link.stream.clone(),
        peer_user.as_ref(),
    ));
    hub.add(id, conn.clone());
    let session = Session {
        by_peer: peer_user.is_some(),
        login: peer_user,
        admin,
        peer,
        last_seen: Instant::now(),
    };
    *link.live.lock().expect("live") = Some(Live { conn, session });
    Ok(true)
}

/// Logs the chain's head when the journal grew past a multiple of
/// `anchor_every` (the log is outside the store: see `store::anchor`).
fn log_anchor(server: &Server, before: u64, after: u64) {
    let every = server.opts.anchor_every;
    if every > 0
        && after / every > before / every
        && let Ok(Some(head)) = server.ops.store.journal_head()
    {
        info!("{head}");
    }
}

/// Runs one request, queues its reply, then tells the others what changed.
fn request(
    server: &Server,
    id: u64,
    conn: &Conn,
    session: &mut Session,
    msg: ClientMsg,
) -> io::Result<()> {
    let (ops, hub) = (&server.ops, &server.hub);
    let before = ops.store.revision().unwrap_or(0);
    let centre = queue_centre(&msg.request, session);
    let queue_before = centre
        .as_ref()
        .map(|c| ops.store.queue_revision(c).unwrap_or(0));
    let (result, changed) = handle(ops, &server.opts, hub, session, msg.request);
    conn.signed_in(session.login.as_ref());
    queue(&conn.outbox, &ServerMsg::Reply { id: msg.id, result })?;
    // Only a change this request made is news: other connections' writes
    // meanwhile send their own notices, and a sign-in's journal entry
    // changes no list.
    let after = ops.store.revision().unwrap_or(0);
    log_anchor(server, before, after);
    if after != before
        && let Some((summary, orgs)) = changed
    {
        let notice = Notice {
            revision: after,
            number: summary.as_ref().map(|s| s.number.clone()),
            summary,
            queue: None,
        };
        hub.notify(notice, orgs.as_deref(), id);
    }
    if let (Some(centre), Some(q0)) = (centre, queue_before) {
        let q1 = ops.store.queue_revision(&centre).unwrap_or(0);
        if q1 != q0 {
            hub.notify_all(Notice {
                revision: after,
                number: None,
                summary: None,
                queue: Some((centre, q1)),
            });
        }
    }
    Ok(())
}

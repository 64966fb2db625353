//! `qyzmet serve`: owns the store and answers clients on a Unix socket, one
//! thread per connection. Every request runs through `Ops` under the
//! session's own login, so permissions are checked here, whatever a client
//! claims; every change is pushed as a notice to the connections it touches.

use std::collections::HashMap;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use tracing::{info, warn};

use super::protocol::{
    ClientMsg, Hello, MAGIC, Notice, PROTOCOL, Reply, Request, ServerMsg, Welcome, WireError,
    read_frame, write_frame,
};
use crate::catalog_files::Sources;
use crate::ops::{Ops, OpsError, OpsResult};
use crate::store::model::{Organisation, Summary, User};

pub struct ServeOptions {
    pub socket: PathBuf,
    /// Password sessions end after this long without a request.
    pub idle: Duration,
    pub sources: Sources,
    pub clock: fn() -> NaiveDateTime,
    /// Runs a CLI subcommand on the server's store for a client.
    pub cli: Option<CliRunner>,
}

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

/// Who a connection is.
struct Session {
    peer: Peer,
    login: Option<(User, Organisation)>,
    /// Signed in by the OS (peer credentials): no inactivity limit, the OS
    /// session is the sign-in.
    by_peer: bool,
    last_seen: Instant,
}

#[derive(Debug, Clone)]
pub struct Peer {
    pub uid: u32,
    pub pid: i32,
    pub os_user: Option<String>,
}

/// The live connections, for notices and for shutdown.
#[derive(Default)]
struct Hub {
    next: AtomicU64,
    conns: Mutex<HashMap<u64, Conn>>,
}

struct Conn {
    writer: Arc<Mutex<UnixStream>>,
    /// The organisation and login signed in, for choosing whom to tell.
    who: Arc<Mutex<Option<(String, String)>>>,
}

impl Hub {
    /// A centre's queue changed: everyone hears (kiosks and boards sign in
    /// as nobody), the actor too, whose cached revision must move as well.
    fn notify_all(&self, notice: &Notice) {
        let conns = self.conns.lock().expect("hub");
        for c in conns.values() {
            let mut w = c.writer.lock().expect("writer");
            if write_frame(&mut *w, &ServerMsg::Notice(notice.clone())).is_err() {
                let _ = w.shutdown(std::net::Shutdown::Both);
            }
        }
    }

    /// Tells the connections whose panes the change touches: those of the
    /// organisations involved (all of them when `orgs` is None).
    fn notify(&self, notice: &Notice, orgs: Option<&[String]>, except: u64) {
        let conns = self.conns.lock().expect("hub");
        for (id, c) in conns.iter() {
            if *id == except {
                continue;
            }
            let who = c.who.lock().expect("who").clone();
            let Some((org, _)) = who else { continue };
            if orgs.is_some_and(|o| !o.contains(&org)) {
                continue;
            }
            let mut w = c.writer.lock().expect("writer");
            if write_frame(&mut *w, &ServerMsg::Notice(notice.clone())).is_err() {
                let _ = w.shutdown(std::net::Shutdown::Both);
            }
        }
    }
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
    let ops = Arc::new(ops);
    let opts = Arc::new(opts);
    let hub = Arc::new(Hub::default());
    let server_uid = nix::unistd::geteuid().as_raw();
    listener.set_nonblocking(true)?;
    info!(socket = %opts.socket.display(), store = %ops.store.path().display(), "serving");
    let mut threads = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false)?;
                let (ops, opts, hub) = (ops.clone(), opts.clone(), hub.clone());
                threads.push(std::thread::spawn(move || {
                    let id = hub.next.fetch_add(1, Ordering::Relaxed);
                    if let Err(e) = connection(&ops, &opts, &hub, id, stream, server_uid) {
                        warn!(conn = id, "connection ended: {e}");
                    }
                    hub.conns.lock().expect("hub").remove(&id);
                }));
                threads.retain(|t| !t.is_finished());
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => warn!("accept: {e}"),
        }
    }
    info!("stopping: no new connections; finishing requests in flight");
    drop(listener);
    let _ = std::fs::remove_file(&opts.socket);
    {
        // Wake the readers: a thread in the middle of a request finishes it
        // and writes its reply first (only the reading half is shut).
        let conns = hub.conns.lock().expect("hub");
        for c in conns.values() {
            let w = c.writer.lock().expect("writer");
            let _ = write_frame(
                &mut &*w,
                &ServerMsg::Bye {
                    reason: "server stopping".into(),
                },
            );
            let _ = w.shutdown(std::net::Shutdown::Read);
        }
    }
    for t in threads {
        let _ = t.join();
    }
    ops.store
        .flush()
        .map_err(|e| io::Error::other(e.to_string()))?;
    info!("stopped; store flushed");
    Ok(())
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

fn connection(
    ops: &Ops,
    opts: &ServeOptions,
    hub: &Hub,
    id: u64,
    stream: UnixStream,
    server_uid: u32,
) -> io::Result<()> {
    let peer = peer_of(&stream)?;
    let mut reader = stream.try_clone()?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    // A client that says nothing is not a client.
    reader.set_read_timeout(Some(Duration::from_secs(10)))?;
    let hello: Option<Hello> = read_frame(&mut reader).ok().flatten();
    reader.set_read_timeout(None)?;
    let writer = Arc::new(Mutex::new(stream));
    let send = |msg: &dyn Fn() -> Welcome| {
        let mut w = writer.lock().expect("writer");
        write_frame(&mut *w, &msg())
    };
    let ours = Hello::ours();
    let refuse = match &hello {
        None => Some("no hello: not a Qyzmet client".to_string()),
        Some(h) if h.magic != MAGIC => Some("not a Qyzmet client".into()),
        Some(h) if h.protocol != PROTOCOL => Some(format!(
            "protocol mismatch: the server (Qyzmet {}) speaks protocol {PROTOCOL}, this client (Qyzmet {}) speaks {}; use the same Qyzmet version on both sides",
            ours.version, h.version, h.protocol
        )),
        _ => None,
    };
    if let Some(reason) = refuse {
        warn!(conn = id, uid = peer.uid, "refused: {reason}");
        send(&|| Welcome::Refused {
            hello: Hello::ours(),
            reason: reason.clone(),
        })?;
        return Ok(());
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
    send(&|| Welcome::Accepted {
        hello: Hello::ours(),
        location: format!("{} (server)", opts.socket.display()),
        sources: opts.sources.clone(),
        peer_user: peer_user.clone(),
    })?;
    let who = Arc::new(Mutex::new(
        peer_user
            .as_ref()
            .map(|(u, o)| (o.code.clone(), u.login.clone())),
    ));
    hub.conns.lock().expect("hub").insert(
        id,
        Conn {
            writer: writer.clone(),
            who: who.clone(),
        },
    );
    let mut session = Session {
        by_peer: peer_user.is_some(),
        login: peer_user,
        peer,
        last_seen: Instant::now(),
    };
    let admin = session.peer.uid == server_uid || session.peer.uid == 0;
    while let Some(msg) = read_frame::<ClientMsg>(&mut reader)? {
        let before = ops.store.revision().unwrap_or(0);
        let centre = queue_centre(&msg.request, &session);
        let queue_before = centre
            .as_ref()
            .map(|c| ops.store.queue_revision(c).unwrap_or(0));
        let (result, changed) = handle(ops, opts, &mut session, admin, msg.request);
        *who.lock().expect("who") = session
            .login
            .as_ref()
            .map(|(u, o)| (o.code.clone(), u.login.clone()));
        {
            let mut w = writer.lock().expect("writer");
            write_frame(&mut *w, &ServerMsg::Reply { id: msg.id, result })?;
        }
        // Only a change this request made is news: other connections' writes
        // meanwhile send their own notices, and a sign-in's journal entry
        // changes no list.
        let after = ops.store.revision().unwrap_or(0);
        if after != before && changed.is_some() {
            let notice = Notice {
                revision: after,
                number: changed
                    .as_ref()
                    .and_then(|c| c.0.as_ref().map(|s| s.number.clone())),
                summary: changed.as_ref().and_then(|c| c.0.clone()),
                queue: None,
            };
            hub.notify(&notice, changed.as_ref().and_then(|c| c.1.as_deref()), id);
        }
        if let (Some(centre), Some(q0)) = (centre, queue_before) {
            let q1 = ops.store.queue_revision(&centre).unwrap_or(0);
            if q1 != q0 {
                hub.notify_all(&Notice {
                    revision: after,
                    number: None,
                    summary: None,
                    queue: Some((centre, q1)),
                });
            }
        }
    }
    info!(conn = id, "disconnected");
    Ok(())
}

/// The centre whose queue a request may change.
fn queue_centre(req: &Request, s: &Session) -> Option<String> {
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
type Touched = Option<(Option<Summary>, Option<Vec<String>>)>;

fn handle(
    ops: &Ops,
    opts: &ServeOptions,
    s: &mut Session,
    admin: bool,
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
                        admin,
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
        })
    })();
    match result {
        Ok((reply, touched)) => (Ok(reply), touched),
        Err(e) => (Err(e), None),
    }
}

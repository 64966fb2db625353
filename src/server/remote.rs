//! The client side: a `Backend` over the server's socket, so the workstation
//! runs unchanged on it. Notices from the server bump a local revision (the
//! panes reload at the next tick); a lost server is reported as unavailable
//! while a background thread reconnects and signs in again by itself.

use std::collections::HashMap;
use std::io;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};

use super::protocol::{
    ClientMsg, Hello, Reply, Request, ServerMsg, Welcome, WireError, read_frame, write_frame,
};
use crate::demo::DemoSummary;
use crate::domain::catalog::Catalog;
use crate::domain::queue::stats::DayStats;
use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::domain::route::Deadlines;
use crate::ops::backend::Backend;
use crate::ops::queue::{Board, Desk, QueueAct, Taken};
use crate::ops::report::{Report, ReportQuery};
use crate::ops::{ActKind, ActRequest, OpsError, OpsResult, SpecialistLoad, SubmitRequest};
use crate::store::model::{Organisation, Person, Record, Summary, User};

/// Past this many unread changes a reload is cheaper than patching.
const MAX_PENDING: usize = 10_000;

/// How long a request may take before the server counts as gone.
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot connect to the Qyzmet server at {path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("the server at {path} refused this client: {reason}")]
    Refused { path: PathBuf, reason: String },
    #[error("the server's catalogue or calendar is invalid: {0}")]
    Sources(String),
}

/// One live connection.
struct Link {
    writer: UnixStream,
    replies: Receiver<(u64, Result<Reply, WireError>)>,
    next: u64,
}

struct Shared {
    path: PathBuf,
    link: Mutex<Option<Link>>,
    /// Bumped by every notice and reconnection.
    revision: AtomicU64,
    online: AtomicBool,
    /// Which link is current: a reader of an older one must not mark it lost.
    generation: AtomicU64,
    /// Applications changed since the workstation last asked, as notices
    /// told them; None when some change came without one (reload then).
    pending: Mutex<Option<Vec<Summary>>>,
    /// Each centre's queue revision as the last notice told it.
    queues: Mutex<HashMap<String, u64>>,
    /// A password sign-in to repeat after reconnecting.
    credentials: Mutex<Option<(String, String)>>,
    closed: AtomicBool,
}

pub struct Remote {
    shared: Arc<Shared>,
    catalog: Catalog,
    deadlines: Deadlines,
    location: String,
    /// Signed in by the OS user at connection time.
    pub peer_user: Option<(User, Organisation)>,
}

struct Handshake {
    link: Link,
    location: String,
    sources: crate::catalog_files::Sources,
    peer_user: Option<(User, Organisation)>,
}

fn handshake(path: &Path, shared: &Arc<Shared>) -> Result<Handshake, ConnectError> {
    let io_err = |err| ConnectError::Io {
        path: path.to_path_buf(),
        err,
    };
    let stream = UnixStream::connect(path).map_err(io_err)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(io_err)?;
    let mut writer = stream.try_clone().map_err(io_err)?;
    write_frame(&mut writer, &Hello::ours()).map_err(io_err)?;
    let mut reader = stream;
    let welcome: Welcome = read_frame(&mut reader).map_err(io_err)?.ok_or_else(|| {
        io_err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection during the handshake",
        ))
    })?;
    let (location, sources, peer_user) = match welcome {
        Welcome::Refused { reason, .. } => {
            return Err(ConnectError::Refused {
                path: path.to_path_buf(),
                reason,
            });
        }
        Welcome::Accepted {
            location,
            peer_user,
            ..
        } => {
            let sources = read_frame(&mut reader).map_err(io_err)?.ok_or_else(|| {
                io_err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the connection before sending its catalogue",
                ))
            })?;
            (location, sources, peer_user)
        }
    };
    reader.set_read_timeout(None).map_err(io_err)?;
    let (tx, rx) = channel();
    spawn_reader(reader, tx, shared.clone());
    Ok(Handshake {
        link: Link {
            writer,
            replies: rx,
            next: 1,
        },
        location,
        sources,
        peer_user,
    })
}

/// Reads what the server sends: replies go to the waiting request, notices
/// bump the revision; the end of the stream marks the link lost.
fn spawn_reader(
    mut reader: UnixStream,
    tx: Sender<(u64, Result<Reply, WireError>)>,
    shared: Arc<Shared>,
) {
    let generation = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
    std::thread::spawn(move || {
        loop {
            match read_frame::<ServerMsg>(&mut reader) {
                Ok(Some(ServerMsg::Reply { id, result })) => {
                    if tx.send((id, result)).is_err() {
                        return;
                    }
                }
                // Notices were dropped for this client: as after a reconnection.
                Ok(Some(ServerMsg::Resync)) => forget_what_notices_told(&shared),
                Ok(Some(ServerMsg::Notice(n))) => match n.queue {
                    Some((centre, rev)) => {
                        shared.queues.lock().expect("queues").insert(centre, rev);
                    }
                    None => {
                        let mut pending = shared.pending.lock().expect("pending");
                        match (n.summary, pending.as_mut()) {
                            (Some(s), Some(list)) if list.len() < MAX_PENDING => list.push(s),
                            _ => *pending = None,
                        }
                        drop(pending);
                        shared.revision.fetch_add(1, Ordering::SeqCst);
                    }
                },
                Ok(Some(ServerMsg::Bye { .. })) | Ok(None) | Err(_) => {
                    if shared.generation.load(Ordering::SeqCst) == generation {
                        shared.online.store(false, Ordering::SeqCst);
                    }
                    return;
                }
            }
        }
    });
}

impl Remote {
    /// Connects, checks the protocol, and takes the server's catalogue and
    /// calendar. Starts the thread that reconnects after a loss.
    pub fn connect(path: &Path) -> Result<Remote, ConnectError> {
        let shared = Arc::new(Shared {
            path: path.to_path_buf(),
            link: Mutex::new(None),
            revision: AtomicU64::new(1),
            online: AtomicBool::new(true),
            generation: AtomicU64::new(0),
            queues: Mutex::new(HashMap::new()),
            pending: Mutex::new(Some(Vec::new())),
            credentials: Mutex::new(None),
            closed: AtomicBool::new(false),
        });
        let h = handshake(path, &shared)?;
        let catalog = h
            .sources
            .catalog()
            .map_err(|e| ConnectError::Sources(format!("{} problems", e.len())))?;
        let deadlines = Deadlines::new(h.sources.calendar().map_err(ConnectError::Sources)?);
        *shared.link.lock().expect("link") = Some(h.link);
        let weak = Arc::downgrade(&shared);
        std::thread::spawn(move || {
            while let Some(s) = weak.upgrade() {
                if s.closed.load(Ordering::SeqCst) {
                    return;
                }
                if !s.online.load(Ordering::SeqCst) {
                    let _ = reconnect(&s);
                }
                drop(s);
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        Ok(Remote {
            shared,
            catalog,
            deadlines,
            location: h.location,
            peer_user: h.peer_user,
        })
    }

    fn call(&self, request: Request) -> OpsResult<Reply> {
        call(&self.shared, request)
    }

    /// How the server fares (`qyzmet status`); administrators only.
    pub fn status(&self) -> OpsResult<super::status::ServerStatus> {
        match self.call(Request::Status)? {
            Reply::Status(s) => Ok(*s),
            r => Err(unexpected(r)),
        }
    }
}

impl Drop for Remote {
    fn drop(&mut self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        if let Some(l) = self.shared.link.lock().expect("link").take() {
            let _ = l.writer.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// A new link, signed in again with the remembered password if there was one.
/// The sign-in happens on the new link before it is published: a request
/// sent in between would reach a connection nobody has signed in on yet.
fn reconnect(s: &Arc<Shared>) -> OpsResult<()> {
    let mut guard = s.link.lock().expect("link");
    if s.online.load(Ordering::SeqCst) && guard.is_some() {
        return Ok(());
    }
    let mut link = handshake(&s.path, s)
        .map_err(|e| OpsError::Unavailable(e.to_string()))?
        .link;
    let creds = s.credentials.lock().expect("credentials").clone();
    let signed_in = match creds {
        Some((login, password)) => exchange(&mut link, Request::Login { login, password })
            .map_err(OpsError::Unavailable)?
            .is_ok(),
        None => true,
    };
    *guard = Some(link);
    s.online.store(true, Ordering::SeqCst);
    drop(guard);
    // Whatever happened meanwhile: reload.
    forget_what_notices_told(s);
    if !signed_in {
        // The password changed or the account was locked meanwhile: the
        // user signs in again by hand.
        *s.credentials.lock().expect("credentials") = None;
        return Err(OpsError::SessionExpired);
    }
    Ok(())
}

/// The lists and queue revisions the notices kept are no longer known: the
/// workstation reloads its lists at its next tick, and asks each queue's
/// revision again.
fn forget_what_notices_told(s: &Shared) {
    s.queues.lock().expect("queues").clear();
    *s.pending.lock().expect("pending") = None;
    s.revision.fetch_add(1, Ordering::SeqCst);
}

fn call(s: &Arc<Shared>, request: Request) -> OpsResult<Reply> {
    if !s.online.load(Ordering::SeqCst) {
        reconnect(s)?;
    }
    let mut guard = s.link.lock().expect("link");
    let result = match guard.as_mut() {
        Some(link) => exchange(link, request),
        None => Err("not connected".to_string()),
    };
    match result {
        Ok(reply) => reply.map_err(OpsError::from),
        Err(why) => {
            *guard = None;
            s.online.store(false, Ordering::SeqCst);
            Err(OpsError::Unavailable(why))
        }
    }
}

/// One request and its reply on a link; Err says why the link is lost.
fn exchange(link: &mut Link, request: Request) -> Result<Result<Reply, WireError>, String> {
    let id = link.next;
    link.next += 1;
    write_frame(&mut link.writer, &ClientMsg { id, request }).map_err(|e| e.to_string())?;
    loop {
        match link.replies.recv_timeout(REPLY_TIMEOUT) {
            Ok((rid, result)) if rid == id => return Ok(result),
            // A reply to a request given up on earlier.
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => {
                let _ = link.writer.shutdown(std::net::Shutdown::Both);
                return Err("no answer from the server".into());
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err("the connection was lost".into());
            }
        }
    }
}

/// A reply of the wrong kind, named by its kind only: its contents (a
/// user's record, a password hash) are no business of an error message.
fn unexpected(r: Reply) -> OpsError {
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

/// What a CLI command run by the server gave back.
pub struct CliRun {
    pub code: u8,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// A file the command produced (a backup), for the client to write.
    pub output: Option<Vec<u8>>,
}

/// Runs a CLI subcommand on the server.
pub fn run_cli(path: &Path, args: Vec<String>, input: Option<Vec<u8>>) -> Result<CliRun, String> {
    let remote = Remote::connect(path).map_err(|e| e.to_string())?;
    match remote.call(Request::Cli { args, input }) {
        Ok(Reply::Cli {
            code,
            stdout,
            stderr,
            output,
        }) => Ok(CliRun {
            code,
            stdout,
            stderr,
            output,
        }),
        Ok(r) => Err(unexpected(r).to_string()),
        Err(e) => Err(e.to_string()),
    }
}

//! The client side: a `Backend` over the server's socket, so the workstation
//! runs unchanged on it. Notices from the server bump a local revision (the
//! panes reload at the next tick); a lost server is reported as unavailable
//! while a background thread reconnects and signs in again by itself.

use std::collections::HashMap;
use std::io;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::protocol::{Reply, Request, WireError};
use crate::domain::catalog::Catalog;
use crate::domain::route::Deadlines;
use crate::ops::OpsResult;
use crate::store::model::{Organisation, Summary, User};

mod backend;
mod link;

use backend::unexpected;
use link::{call, handshake, reconnect};

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
    /// The server answered that it cannot reach its store (a database
    /// failing over): shown as offline until a request succeeds again.
    store_down: AtomicBool,
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
    /// Told of every notice, Resync and lost link.
    news: Arc<News>,
}

/// Wakes whoever waits for notices (loadgen's clients, which may share one
/// for several connections) instead of having them poll the revision.
#[derive(Default)]
pub struct News {
    told: Mutex<u64>,
    cv: Condvar,
}

impl News {
    /// How many times news came so far, to wait past.
    pub fn told(&self) -> u64 {
        *self.told.lock().expect("news")
    }

    /// Waits until news comes after `told` was read, or `timeout` passes.
    pub fn wait(&self, told: u64, timeout: Duration) {
        let guard = self.told.lock().expect("news");
        let _ = self
            .cv
            .wait_timeout_while(guard, timeout, |now| *now == told)
            .expect("news");
    }

    fn tell(&self) {
        *self.told.lock().expect("news") += 1;
        self.cv.notify_all();
    }
}

pub struct Remote {
    shared: Arc<Shared>,
    catalog: Catalog,
    deadlines: Deadlines,
    location: String,
    /// Signed in by the OS user at connection time.
    pub peer_user: Option<(User, Organisation)>,
}

impl Remote {
    /// Connects, checks the protocol, and takes the server's catalogue and
    /// calendar. Starts the thread that reconnects after a loss.
    pub fn connect(path: &Path) -> Result<Remote, ConnectError> {
        Remote::connect_telling(path, Arc::default())
    }

    /// As `connect`, telling `news` of every notice this connection gets.
    pub fn connect_telling(path: &Path, news: Arc<News>) -> Result<Remote, ConnectError> {
        let shared = Arc::new(Shared {
            path: path.to_path_buf(),
            link: Mutex::new(None),
            revision: AtomicU64::new(1),
            online: AtomicBool::new(true),
            store_down: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            queues: Mutex::new(HashMap::new()),
            pending: Mutex::new(Some(Vec::new())),
            credentials: Mutex::new(None),
            closed: AtomicBool::new(false),
            news,
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
                } else if s.store_down.load(Ordering::SeqCst) {
                    // Asks until the server has its store again.
                    let _ = call(&s, Request::HasUsers);
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

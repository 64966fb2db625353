//! The live connections: whom a change is told to, the server's status,
//! and the goodbye at shutdown. Telling is queueing: a notice is encoded
//! once and its bytes are pushed to each connection's outbox, outside the
//! hub's lock, which is held only to copy the list of connections. The
//! outboxes that got notices are flushed together at the next tick
//! (`flush_notices`, every `NOTICE_TICK`), so what one connection is told
//! between two ticks goes out in one write.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tracing::warn;

use super::outbox::{About, Counters, Frame, MAX_NOTICES, Outbox};
use super::protocol::{Notice, ServerMsg, encode_frame};
use super::status::{RequestTimes, ServerStatus, dir_bytes, process_cpu_seconds, process_memory};
use crate::ops::Ops;
use crate::store::model::{Organisation, User};

pub struct Hub {
    pub next: AtomicU64,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
    pub counters: Arc<Counters>,
    pub times: RequestTimes,
    started: Instant,
    /// Connections and sign-ins counted per peer uid (see `guard`).
    pub guard: super::guard::Guard,
    /// Outboxes with notices waiting for the next flush.
    due: Mutex<Vec<Arc<Outbox>>>,
}

/// One connection as the hub sees it.
pub struct Conn {
    pub outbox: Arc<Outbox>,
    /// The organisation and login signed in, for choosing whom to tell.
    pub who: Mutex<Option<(String, String)>>,
    /// The reading half, shut at shutdown to end the connection's reader.
    pub stream: Arc<UnixStream>,
    /// Whether the signed-in user is told of applications' changes: not a
    /// region supervisor, who reads reports and no case (`Ops::reads_cases`).
    pub hears_cases: AtomicBool,
}

impl Conn {
    pub fn new(
        outbox: Arc<Outbox>,
        stream: Arc<UnixStream>,
        user: Option<&(User, Organisation)>,
    ) -> Conn {
        let conn = Conn {
            outbox,
            who: Mutex::new(None),
            stream,
            hears_cases: AtomicBool::new(false),
        };
        conn.signed_in(user);
        conn
    }

    /// Who is signed in on this connection now.
    pub fn signed_in(&self, user: Option<&(User, Organisation)>) {
        *self.who.lock().expect("who") = user.map(|(u, o)| (o.code.clone(), u.login.clone()));
        let hears = user.is_some_and(|(u, _)| Ops::reads_cases(u).is_ok());
        self.hears_cases.store(hears, Ordering::Relaxed);
    }
}

impl Default for Hub {
    fn default() -> Hub {
        Hub {
            next: AtomicU64::new(0),
            conns: Mutex::default(),
            counters: Arc::default(),
            times: RequestTimes::default(),
            started: Instant::now(),
            guard: Default::default(),
            due: Mutex::default(),
        }
    }
}

/// The notice's bytes, and what it is about when a later one may replace it.
fn notice_frame(notice: Notice) -> Option<(Frame, Option<Arc<About>>)> {
    let about = match (&notice.queue, &notice.summary) {
        (Some((centre, _)), _) => Some(About::Queue(centre.clone())),
        // Without its summary, the notice means "reload": never replaced.
        (None, Some(s)) => Some(About::Application(s.number.clone())),
        (None, None) => None,
    };
    match encode_frame(&ServerMsg::Notice(notice)) {
        Ok(f) => Some((f.into(), about.map(Arc::new))),
        Err(e) => {
            warn!("a notice did not encode: {e}");
            None
        }
    }
}

impl Hub {
    pub fn add(&self, id: u64, conn: Arc<Conn>) {
        self.conns.lock().expect("hub").insert(id, conn);
    }

    pub fn remove(&self, id: u64) {
        self.conns.lock().expect("hub").remove(&id);
    }

    /// A centre's queue changed: everyone hears (kiosks and boards sign in
    /// as nobody), the actor too, whose cached revision must move as well.
    pub fn notify_all(&self, notice: Notice) {
        let Some((frame, about)) = notice_frame(notice) else {
            return;
        };
        let due = self
            .snapshot()
            .into_iter()
            .filter(|(_, c)| c.outbox.notice(&frame, about.as_ref()))
            .map(|(_, c)| c.outbox.clone());
        self.due.lock().expect("due").extend(due);
    }

    /// Sends every connection the notices waiting for it (the tick).
    pub fn flush_notices(&self) {
        let due = std::mem::take(&mut *self.due.lock().expect("due"));
        for outbox in due {
            outbox.flush();
        }
    }

    /// The connections now, so the hub's lock is not held while telling
    /// them (each may take a non-blocking write).
    fn snapshot(&self) -> Vec<(u64, Arc<Conn>)> {
        let conns = self.conns.lock().expect("hub");
        conns.iter().map(|(id, c)| (*id, c.clone())).collect()
    }

    /// Tells the connections whose panes the change touches: those of the
    /// organisations involved (all of them when `orgs` is None).
    pub fn notify(&self, notice: Notice, orgs: Option<&[String]>, except: u64) {
        let Some((frame, about)) = notice_frame(notice) else {
            return;
        };
        let mut due = Vec::new();
        for (id, c) in self.snapshot() {
            let told = id != except
                && c.hears_cases.load(Ordering::Relaxed)
                && c.who
                    .lock()
                    .expect("who")
                    .as_ref()
                    .is_some_and(|(org, _)| orgs.is_none_or(|o| o.contains(org)));
            if told && c.outbox.notice(&frame, about.as_ref()) {
                due.push(c.outbox.clone());
            }
        }
        self.due.lock().expect("due").extend(due);
    }

    /// Tells every connection the server stops, and ends their readers (a
    /// request in flight still finishes and queues its reply).
    pub fn goodbye(&self) {
        let bye = ServerMsg::Bye {
            reason: "server stopping".into(),
        };
        let Ok(frame) = encode_frame(&bye) else {
            return;
        };
        let frame: Frame = frame.into();
        self.flush_notices();
        for c in self.conns.lock().expect("hub").values() {
            c.outbox.reply(frame.clone());
            let _ = c.stream.shutdown(std::net::Shutdown::Read);
        }
    }

    pub fn status(&self, ops: &Ops) -> ServerStatus {
        let mut s = ServerStatus {
            version: env!("CARGO_PKG_VERSION").into(),
            uptime_s: self.started.elapsed().as_secs(),
            store: ops.store.path().display().to_string(),
            store_bytes: store_bytes(ops),
            notice_limit: MAX_NOTICES,
            notices_queued: self.counters.notices_queued.load(Ordering::Relaxed),
            notices_dropped: self.counters.notices_dropped.load(Ordering::Relaxed),
            notices_coalesced: self.counters.notices_coalesced.load(Ordering::Relaxed),
            notice_writes: self.counters.notice_writes.load(Ordering::Relaxed),
            resyncs_sent: self.counters.resyncs_sent.load(Ordering::Relaxed),
            ..ServerStatus::default()
        };
        let mut by_org = BTreeMap::new();
        for c in self.conns.lock().expect("hub").values() {
            s.connections += 1;
            if let Some((org, _)) = c.who.lock().expect("who").as_ref() {
                *by_org.entry(org.clone()).or_insert(0) += 1;
            }
            let d = c.outbox.depth();
            s.resynchronising += usize::from(d.resynchronising);
            s.queued_frames_max = s.queued_frames_max.max(d.frames);
            s.queued_bytes += d.bytes;
        }
        s.sessions_by_org = by_org;
        (
            s.requests_last_minute,
            s.requests_per_s,
            s.p99_ms_last_minute,
        ) = self.times.last_minute(self.started.elapsed());
        (s.rss_bytes, s.threads) = process_memory();
        s.cpu_seconds = process_cpu_seconds();
        s
    }
}

/// The store's size on disk: its directory, or its database's tables; 0
/// when the database cannot be asked just now.
fn store_bytes(ops: &Ops) -> u64 {
    match ops.store.size_on_disk() {
        Ok(Some(bytes)) => bytes,
        Ok(None) => dir_bytes(ops.store.path()),
        Err(e) => {
            tracing::warn!("the store's size: {e}");
            0
        }
    }
}

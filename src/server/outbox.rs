//! What the server sends one connection: a bounded queue of encoded frames.
//! Whoever has something to say (a request's reply, a notice for every desk
//! of an organisation) only pushes bytes here and never waits on the
//! socket, so a slow or frozen client (SIGSTOP, a stalled SSH session)
//! delays nobody else. A notice is encoded once and the same bytes are
//! queued for every connection.
//!
//! Notices are coalesced: they wait in the queue until the hub's next
//! flush (`NOTICE_TICK`) or the connection's next reply, whichever comes
//! first, and a notice about an application (or a centre's queue) replaces
//! one about the same still waiting. What waits then goes out in one
//! non-blocking write (MSG_DONTWAIT) by whoever flushes, so a client that
//! keeps up costs no thread wake-up and one write per tick however many
//! changes its organisation saw. Whatever the socket does not take stays
//! queued until the socket is writable again, when the server's reactor
//! (`server::reactor`) writes the rest. When a connection's notices pile
//! up past the limit they are dropped, and the client is told to
//! resynchronise (reload) once its queue has drained.

use std::collections::VecDeque;
use std::io::IoSlice;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use super::protocol::{ServerMsg, encode_frame};

/// A whole frame (length and body), shared by every queue it is in.
pub type Frame = Arc<[u8]>;

/// Notices a connection may have waiting before it is resynchronised.
pub const MAX_NOTICES: usize = 256;
/// Bytes of notices it may have waiting (a notice is ~300 bytes).
pub const MAX_NOTICE_BYTES: usize = 256 << 10;
/// Replies waiting: a client sends one request at a time and reads its
/// reply, so more than this is a client that writes and never reads.
pub const MAX_REPLIES: usize = 16;
/// How long a notice may wait to be coalesced with the next ones. The
/// workstation looks at its notices every 50 ms, so nobody sees the wait.
pub const NOTICE_TICK: Duration = Duration::from_millis(20);
/// Small frames go out together in one write of up to this much.
const BATCH: usize = 64 << 10;
/// Frames in one direct write (the kernel takes up to 1024 pieces).
const MAX_PIECES: usize = 64;

static RESYNC: LazyLock<Frame> = LazyLock::new(|| {
    encode_frame(&ServerMsg::Resync)
        .expect("a resync encodes")
        .into()
});

/// What a notice is about: a later notice about the same replaces an
/// earlier one that still waits (the client keeps only the latest anyway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    Application(String),
    Queue(String),
}

/// Totals over all connections, for `qyzmet status`.
#[derive(Default)]
pub struct Counters {
    pub notices_queued: AtomicU64,
    pub notices_dropped: AtomicU64,
    /// Notices replaced by a later one about the same before being sent.
    pub notices_coalesced: AtomicU64,
    /// Socket writes that carried notices.
    pub notice_writes: AtomicU64,
    pub resyncs_sent: AtomicU64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reply,
    Notice,
    /// The Resync owed: notices are dropped until it is written whole.
    Resync,
}

/// One frame waiting, or what is left of it after a partial write.
struct Queued {
    frame: Frame,
    kind: Kind,
    /// None once partly written: its rest can no longer be replaced.
    about: Option<Arc<About>>,
    /// Bytes of `frame` already out. A partly written frame keeps sharing
    /// the bytes every other queue holds: copying its rest cost 28 MiB when
    /// 200 clients' welcomes (the ~1 MB catalogue each) were cut short at
    /// once (docs/PERFORMANCE.md, run 9). Its rest must go out whatever
    /// else is dropped.
    written: usize,
}

impl Queued {
    fn new(frame: Frame, kind: Kind, about: Option<Arc<About>>) -> Queued {
        Queued {
            frame,
            kind,
            about,
            written: 0,
        }
    }

    /// What is still to be written.
    fn rest(&self) -> &[u8] {
        &self.frame[self.written..]
    }

    fn partial(&self) -> bool {
        self.written > 0
    }
}

#[derive(Default)]
struct Queue {
    frames: VecDeque<Queued>,
    notices: usize,
    notice_bytes: usize,
    replies: usize,
    /// Notices were dropped: a Resync is owed once the queue drains.
    resync: bool,
    closed: bool,
    /// The socket took less than what waits: `on_blocked` was called.
    blocked: bool,
    /// On the hub's list of outboxes to flush at its next tick.
    flush_due: bool,
}

impl Queue {
    fn push(&mut self, q: Queued) {
        match q.kind {
            Kind::Reply => self.replies += 1,
            Kind::Notice => {
                self.notices += 1;
                self.notice_bytes += q.rest().len();
            }
            Kind::Resync => {}
        }
        self.frames.push_back(q);
    }

    fn pop(&mut self) -> Option<Queued> {
        let q = self.frames.pop_front()?;
        match q.kind {
            Kind::Reply => self.replies -= 1,
            Kind::Notice => {
                self.notices -= 1;
                self.notice_bytes -= q.rest().len();
            }
            Kind::Resync => {}
        }
        Some(q)
    }

    /// Takes out a waiting notice about the same; whether there was one.
    fn replace(&mut self, about: &About) -> bool {
        let found = self
            .frames
            .iter()
            .position(|f| f.kind == Kind::Notice && f.about.as_deref().is_some_and(|a| a == about));
        let Some(at) = found else {
            return false;
        };
        let old = self.frames.remove(at).expect("a position found");
        self.notices -= 1;
        self.notice_bytes -= old.rest().len();
        true
    }

    /// The first `sent` bytes of the queue went out.
    fn sent(&mut self, mut sent: usize, counters: &Counters) {
        let mut notices = false;
        while sent > 0 {
            let front = self.frames.front_mut().expect("what was written is queued");
            notices |= front.kind == Kind::Notice;
            let len = front.rest().len();
            if sent < len {
                front.written += sent;
                front.about = None;
                if front.kind == Kind::Notice {
                    self.notice_bytes -= sent;
                }
                break;
            }
            sent -= len;
            if self.pop().is_some_and(|f| f.kind == Kind::Resync) {
                self.resync = false;
                counters.resyncs_sent.fetch_add(1, Ordering::Relaxed);
            }
        }
        if notices {
            counters.notice_writes.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// One connection's outgoing queue.
pub struct Outbox {
    queue: Mutex<Queue>,
    counters: Arc<Counters>,
    /// The socket, for writes that need not wait (None: always queue).
    direct: Option<Arc<UnixStream>>,
    /// Asks the reactor to watch for the socket to be writable again: it
    /// watches only then, since a client's every read would wake it.
    on_blocked: OnceLock<Box<dyn Fn() + Send + Sync>>,
}

/// A snapshot of a queue, for `qyzmet status`.
pub struct Depth {
    pub frames: usize,
    pub bytes: usize,
    pub resynchronising: bool,
}

impl Outbox {
    pub fn new(counters: Arc<Counters>, direct: Option<Arc<UnixStream>>) -> Arc<Outbox> {
        Arc::new(Outbox {
            queue: Mutex::default(),
            counters,
            direct,
            on_blocked: OnceLock::new(),
        })
    }

    pub fn on_blocked(&self, f: Box<dyn Fn() + Send + Sync>) {
        let _ = self.on_blocked.set(f);
    }

    /// The socket took less than what waits: the rest goes on once it is
    /// writable again.
    fn blocked(&self, q: &mut Queue) {
        if !q.blocked {
            q.blocked = true;
            if let Some(f) = self.on_blocked.get() {
                f();
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().expect("outbox")
    }

    /// Writes what waits, as far as the socket takes it without waiting,
    /// and the Resync owed once the rest is out; what is left waits for
    /// the socket to be writable again (`writable`). Called with the
    /// queue's lock held, so frames go out in order whoever writes.
    fn send_waiting(&self, q: &mut Queue) {
        let Some(stream) = &self.direct else {
            return;
        };
        use nix::sys::socket::{MsgFlags, UnixAddr, sendmsg};
        use std::os::fd::AsRawFd;
        let flags = MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_NOSIGNAL;
        loop {
            if q.frames.is_empty() {
                if !q.resync || q.closed {
                    return;
                }
                // Owed until it is written whole (see `Queue::sent`).
                q.push(Queued::new(RESYNC.clone(), Kind::Resync, None));
            }
            let mut size = 0;
            let mut pieces = Vec::with_capacity(q.frames.len().min(MAX_PIECES));
            for f in q.frames.iter().take(MAX_PIECES) {
                if size > 0 && size + f.rest().len() > BATCH {
                    break;
                }
                size += f.rest().len();
                pieces.push(IoSlice::new(f.rest()));
            }
            match sendmsg::<UnixAddr>(stream.as_raw_fd(), &pieces, &[], flags, None) {
                Ok(n) => {
                    drop(pieces);
                    q.sent(n, &self.counters);
                    if n < size {
                        return self.blocked(q);
                    }
                }
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => return self.blocked(q),
                Err(_) => {
                    // The client went away: the reactor reads its end.
                    q.closed = true;
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return;
                }
            }
        }
    }

    /// Queues a reply and sends it at once, with the notices waiting before
    /// it; false when the client has stopped reading replies (the
    /// connection should end).
    pub fn reply(&self, frame: Frame) -> bool {
        let mut q = self.lock();
        if q.closed || q.replies >= MAX_REPLIES {
            return false;
        }
        q.push(Queued::new(frame, Kind::Reply, None));
        self.send_waiting(&mut q);
        true
    }

    /// Queues a notice, replacing a waiting one about the same; past the
    /// limit, drops every notice waiting and owes the client a Resync
    /// instead (it reloads everything anyway). True when the outbox has
    /// to be put on the hub's list to flush.
    pub fn notice(&self, frame: &Frame, about: Option<&Arc<About>>) -> bool {
        let mut q = self.lock();
        if q.closed {
            return false;
        }
        if q.resync {
            self.counters
                .notices_dropped
                .fetch_add(1, Ordering::Relaxed);
            return false;
        }
        if about.is_some_and(|a| q.replace(a)) {
            self.counters
                .notices_coalesced
                .fetch_add(1, Ordering::Relaxed);
        }
        if q.notices >= MAX_NOTICES || q.notice_bytes + frame.len() > MAX_NOTICE_BYTES {
            let before = q.frames.len();
            q.frames.retain(|f| f.kind == Kind::Reply || f.partial());
            let dropped = (before - q.frames.len()) as u64 + 1;
            self.counters
                .notices_dropped
                .fetch_add(dropped, Ordering::Relaxed);
            let kept = q.frames.iter().filter(|f| f.kind == Kind::Notice);
            (q.notices, q.notice_bytes) =
                (kept.clone().count(), kept.map(|f| f.rest().len()).sum());
            q.resync = true;
            // The next flush sends the Resync if nothing else waits.
            let due = !q.flush_due;
            q.flush_due = true;
            return due;
        }
        self.counters.notices_queued.fetch_add(1, Ordering::Relaxed);
        q.push(Queued::new(frame.clone(), Kind::Notice, about.cloned()));
        let due = !q.flush_due;
        q.flush_due |= due;
        due
    }

    /// The hub's tick: sends the notices waiting.
    pub fn flush(&self) {
        let mut q = self.lock();
        q.flush_due = false;
        self.send_waiting(&mut q);
    }

    /// The socket is writable again: what is left goes on. True when
    /// nothing is left (the reactor stops watching for it).
    pub fn writable(&self) -> bool {
        let mut q = self.lock();
        q.blocked = false;
        self.send_waiting(&mut q);
        !q.blocked
    }

    /// No more frames: what is queued gets one last try.
    pub fn close(&self) {
        let mut q = self.lock();
        self.send_waiting(&mut q);
        q.closed = true;
    }

    pub fn depth(&self) -> Depth {
        let q = self.lock();
        Depth {
            frames: q.frames.len(),
            bytes: q.frames.iter().map(|f| f.rest().len()).sum(),
            resynchronising: q.resync,
        }
    }

    /// What a test's outbox without a socket would write next: the
    /// frames waiting, else the Resync owed; false when nothing waits.
    #[cfg(test)]
    fn next(&self, batch: &mut Vec<Frame>) -> bool {
        let mut q = self.lock();
        if q.frames.is_empty() && q.resync {
            q.resync = false;
            self.counters.resyncs_sent.fetch_add(1, Ordering::Relaxed);
            batch.push(RESYNC.clone());
            return true;
        }
        let mut notices = false;
        while let Some(f) = q.pop() {
            notices |= f.kind == Kind::Notice;
            batch.push(f.rest().into());
        }
        if notices {
            self.counters.notice_writes.fetch_add(1, Ordering::Relaxed);
        }
        !batch.is_empty()
    }
}

#[cfg(test)]
mod tests;

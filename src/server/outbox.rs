//! What the server sends one connection: a bounded queue of encoded frames,
//! drained by that connection's own writer thread. Whoever has something
//! to say (a request's reply, a notice for every desk of an organisation)
//! only pushes bytes here and never waits on the socket, so a slow or
//! frozen client (SIGSTOP, a stalled SSH session) delays nobody else. A
//! notice is encoded once and the same bytes are queued for every
//! connection. When a connection's notices pile up past the limit they are
//! dropped, and the client is told to resynchronise (reload) once its queue
//! has drained.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, LazyLock, Mutex};

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
/// A writer coalesces small frames into one write of up to this much.
const BATCH: usize = 64 << 10;

static RESYNC: LazyLock<Frame> = LazyLock::new(|| {
    encode_frame(&ServerMsg::Resync)
        .expect("a resync encodes")
        .into()
});

/// Totals over all connections, for `qyzmet status`.
#[derive(Default)]
pub struct Counters {
    pub notices_queued: AtomicU64,
    pub notices_dropped: AtomicU64,
    pub resyncs_sent: AtomicU64,
}

#[derive(Default)]
struct Queue {
    frames: VecDeque<(Frame, Kind)>,
    notices: usize,
    notice_bytes: usize,
    replies: usize,
    /// Notices were dropped: a Resync is owed once the queue drains.
    resync: bool,
    closed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Reply,
    Notice,
}

/// One connection's outgoing queue.
pub struct Outbox {
    queue: Mutex<Queue>,
    wake: Condvar,
    counters: Arc<Counters>,
}

/// A snapshot of a queue, for `qyzmet status`.
pub struct Depth {
    pub frames: usize,
    pub bytes: usize,
    pub resynchronising: bool,
}

impl Outbox {
    pub fn new(counters: Arc<Counters>) -> Arc<Outbox> {
        Arc::new(Outbox {
            queue: Mutex::default(),
            wake: Condvar::new(),
            counters,
        })
    }

    /// Queues a reply; false when the client has stopped reading replies
    /// (the connection should end).
    pub fn reply(&self, frame: Frame) -> bool {
        let mut q = self.queue.lock().expect("outbox");
        if q.closed || q.replies >= MAX_REPLIES {
            return false;
        }
        q.replies += 1;
        q.frames.push_back((frame, Kind::Reply));
        self.wake.notify_one();
        true
    }

    /// Queues a notice, or, past the limit, drops every notice waiting and
    /// owes the client a Resync instead (it reloads everything anyway).
    pub fn notice(&self, frame: &Frame) {
        let mut q = self.queue.lock().expect("outbox");
        if q.closed {
            return;
        }
        if q.resync {
            self.counters
                .notices_dropped
                .fetch_add(1, Ordering::Relaxed);
            return;
        }
        if q.notices >= MAX_NOTICES || q.notice_bytes + frame.len() > MAX_NOTICE_BYTES {
            let before = q.frames.len();
            q.frames.retain(|(_, k)| *k == Kind::Reply);
            let dropped = (before - q.frames.len()) as u64 + 1;
            self.counters
                .notices_dropped
                .fetch_add(dropped, Ordering::Relaxed);
            q.notices = 0;
            q.notice_bytes = 0;
            q.resync = true;
            self.wake.notify_one();
            return;
        }
        q.notices += 1;
        q.notice_bytes += frame.len();
        q.frames.push_back((frame.clone(), Kind::Notice));
        self.counters.notices_queued.fetch_add(1, Ordering::Relaxed);
        self.wake.notify_one();
    }

    /// No more frames: the writer sends what is queued and ends.
    pub fn close(&self) {
        self.queue.lock().expect("outbox").closed = true;
        self.wake.notify_one();
    }

    pub fn depth(&self) -> Depth {
        let q = self.queue.lock().expect("outbox");
        Depth {
            frames: q.frames.len(),
            bytes: q.frames.iter().map(|(f, _)| f.len()).sum(),
            resynchronising: q.resync,
        }
    }

    /// The next frames to write (up to `BATCH` bytes, at least one), the
    /// Resync once the queue is empty, or None when closed and drained.
    fn next(&self, batch: &mut Vec<Frame>) -> bool {
        let mut q = self.queue.lock().expect("outbox");
        loop {
            if !q.frames.is_empty() {
                let mut size = 0;
                while let Some((f, _)) = q.frames.front() {
                    if !batch.is_empty() && size + f.len() > BATCH {
                        break;
                    }
                    size += f.len();
                    let (f, kind) = q.frames.pop_front().expect("a front");
                    match kind {
                        Kind::Reply => q.replies -= 1,
                        Kind::Notice => {
                            q.notices -= 1;
                            q.notice_bytes -= f.len();
                        }
                    }
                    batch.push(f);
                }
                return true;
            }
            if q.resync {
                q.resync = false;
                self.counters.resyncs_sent.fetch_add(1, Ordering::Relaxed);
                batch.push(RESYNC.clone());
                return true;
            }
            if q.closed {
                return false;
            }
            q = self.wake.wait(q).expect("outbox");
        }
    }

    /// The writer: drains the queue into the socket until closed. A write
    /// error (the client went away) closes the queue and the socket, which
    /// ends the connection's reader too.
    pub fn drain(&self, stream: Arc<UnixStream>) {
        let mut stream = &*stream;
        let mut batch = Vec::new();
        let mut buf = Vec::with_capacity(BATCH);
        while self.next(&mut batch) {
            let sent = write_batch(&mut stream, &batch, &mut buf);
            batch.clear();
            if sent.is_err() {
                self.close();
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
        }
        let _ = stream.flush();
    }
}

/// One write for small frames together; a big frame is written as it is.
fn write_batch(stream: &mut &UnixStream, batch: &[Frame], buf: &mut Vec<u8>) -> io::Result<()> {
    if let [one] = batch {
        return stream.write_all(one);
    }
    buf.clear();
    for f in batch {
        buf.extend_from_slice(f);
    }
    stream.write_all(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(n: usize) -> Frame {
        vec![0u8; n].into()
    }

    #[test]
    fn a_full_queue_drops_its_notices_and_owes_one_resync() {
        let out = Outbox::new(Arc::default());
        assert!(out.reply(frame(10)));
        for _ in 0..MAX_NOTICES {
            out.notice(&frame(100));
        }
        assert!(!out.depth().resynchronising);
        out.notice(&frame(100));
        let d = out.depth();
        assert!(d.resynchronising);
        // The reply stays; the notices are gone.
        assert_eq!(d.frames, 1);
        out.notice(&frame(100));
        assert_eq!(out.depth().frames, 1);
        let mut batch = Vec::new();
        assert!(out.next(&mut batch));
        assert_eq!(batch.len(), 1);
        batch.clear();
        assert!(out.next(&mut batch));
        assert_eq!(batch[0], *RESYNC);
        assert!(!out.depth().resynchronising);
        // Notices flow again after the Resync.
        out.notice(&frame(100));
        assert_eq!(out.depth().frames, 1);
        assert_eq!(out.counters.notices_dropped.load(Ordering::Relaxed), 258);
    }

    #[test]
    fn a_client_that_never_reads_replies_is_refused_more() {
        let out = Outbox::new(Arc::default());
        for _ in 0..MAX_REPLIES {
            assert!(out.reply(frame(10)));
        }
        assert!(!out.reply(frame(10)));
    }

    #[test]
    fn small_frames_are_coalesced_up_to_a_batch() {
        let out = Outbox::new(Arc::default());
        for _ in 0..10 {
            assert!(out.reply(frame(BATCH / 4)));
        }
        let mut batch = Vec::new();
        assert!(out.next(&mut batch));
        assert_eq!(batch.len(), 4);
        out.close();
        batch.clear();
        let mut rounds = 0;
        while out.next(&mut batch) {
            batch.clear();
            rounds += 1;
        }
        assert_eq!(rounds, 2);
    }
}

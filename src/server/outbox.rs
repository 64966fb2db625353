//! What the server sends one connection: a bounded queue of encoded frames,
//! drained by that connection's own writer thread. Whoever has something
//! to say (a request's reply, a notice for every desk of an organisation)
//! only pushes bytes here and never waits on the socket, so a slow or
//! frozen client (SIGSTOP, a stalled SSH session) delays nobody else. A
//! notice is encoded once and the same bytes are queued for every
//! connection. While nothing waits in a queue and its writer is idle, the
//! one who queues tries the socket itself without blocking (MSG_DONTWAIT),
//! so a client that keeps up costs no thread wake-up; whatever the socket
//! does not take at once is queued for the writer.
//! When a connection's notices pile up past the limit they are
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
    /// The writer is writing a batch it took: nobody else may write.
    writing: bool,
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
    /// The socket, for writes that need not wait (None: always queue).
    direct: Option<Arc<UnixStream>>,
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
            wake: Condvar::new(),
            counters,
            direct,
        })
    }

    /// With nothing queued and the writer idle, writes what the socket
    /// takes without waiting; returns what is left to queue (None: all
    /// sent, or the connection is gone).
    fn try_direct(&self, q: &mut Queue, frame: &Frame) -> Option<Frame> {
        let Some(stream) = &self.direct else {
            return Some(frame.clone());
        };
        if !q.frames.is_empty() || q.writing || q.resync {
            return Some(frame.clone());
        }
        use nix::sys::socket::{MsgFlags, send};
        use std::os::fd::AsRawFd;
        let flags = MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_NOSIGNAL;
        let mut sent = 0;
        while sent < frame.len() {
            match send(stream.as_raw_fd(), &frame[sent..], flags) {
                Ok(n) => sent += n,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(nix::errno::Errno::EAGAIN) => break,
                Err(_) => {
                    // The client went away: the writer sees it and ends.
                    q.closed = true;
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    self.wake.notify_one();
                    return None;
                }
            }
        }
        match sent {
            n if n == frame.len() => None,
            0 => Some(frame.clone()),
            n => Some(frame[n..].into()),
        }
    }

    /// Queues a reply; false when the client has stopped reading replies
    /// (the connection should end).
    pub fn reply(&self, frame: Frame) -> bool {
        let mut q = self.queue.lock().expect("outbox");
        if q.closed || q.replies >= MAX_REPLIES {
            return false;
        }
        if let Some(rest) = self.try_direct(&mut q, &frame) {
            q.replies += 1;
            q.frames.push_back((rest, Kind::Reply));
            self.wake.notify_one();
        }
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
        self.counters.notices_queued.fetch_add(1, Ordering::Relaxed);
        if let Some(rest) = self.try_direct(&mut q, frame) {
            q.notices += 1;
            q.notice_bytes += rest.len();
            q.frames.push_back((rest, Kind::Notice));
            self.wake.notify_one();
        }
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
        q.writing = false;
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
                q.writing = true;
                return true;
            }
            if q.resync {
                q.resync = false;
                self.counters.resyncs_sent.fetch_add(1, Ordering::Relaxed);
                batch.push(RESYNC.clone());
                q.writing = true;
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
        // Grown only when frames are coalesced: an idle connection has none
        // (heaptrack showed 64 KiB per connection when it was made up front).
        let mut buf = Vec::new();
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
        let out = Outbox::new(Arc::default(), None);
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
        let out = Outbox::new(Arc::default(), None);
        for _ in 0..MAX_REPLIES {
            assert!(out.reply(frame(10)));
        }
        assert!(!out.reply(frame(10)));
    }

    #[test]
    fn a_reading_client_is_written_to_directly_and_a_full_socket_queues() {
        let (ours, mut theirs) = UnixStream::pair().unwrap();
        let out = Outbox::new(Arc::default(), Some(Arc::new(ours)));
        out.notice(&frame(100));
        assert_eq!(out.depth().frames, 0);
        let mut got = [0u8; 100];
        std::io::Read::read_exact(&mut theirs, &mut got).unwrap();
        // The peer stops reading: the socket fills, then the queue.
        let big = frame(64 << 10);
        while out.depth().frames == 0 {
            out.notice(&big);
        }
        let d = out.depth();
        assert!(
            d.frames == 1 && d.bytes <= big.len(),
            "{} {}",
            d.frames,
            d.bytes
        );
        // Nothing jumps the queue while it is not empty.
        out.notice(&frame(10));
        assert_eq!(out.depth().frames, 2);
    }

    #[test]
    fn small_frames_are_coalesced_up_to_a_batch() {
        let out = Outbox::new(Arc::default(), None);
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

//! The server's sockets, watched by one thread (epoll, through `mio`): it
//! accepts connections, cuts the frames a client sends out of what its
//! socket holds, hands each to the request workers (`server::workers`) and
//! writes what a connection's outbox has left once its socket takes more.
//! A connection runs one request at a time, in order: its next frame is
//! not read before the worker has queued the reply to the one before. So
//! an idle workstation costs its socket and a few bytes here, and however
//! many clients are busy, only the workers' threads run requests.

use std::collections::HashMap;
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token, Waker};
use tracing::{info, warn};

use super::outbox::Outbox;
use super::protocol::MAX_FRAME;
use super::workers::{Job, Link, Work, Workers};

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// How often the reactor looks at the stop flag and at clients that have
/// not said hello, when nothing else wakes it.
const LOOK: Duration = Duration::from_millis(200);
/// A client that says nothing is not a client.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// What one read takes from a socket.
const CHUNK: usize = 16 << 10;

/// What the workers tell the reactor: a connection's request is done.
pub struct Done {
    waker: Waker,
    list: Mutex<Vec<Finished>>,
    /// Connections whose socket took less than their outbox had.
    blocked: Mutex<Vec<u64>>,
}

pub struct Finished {
    pub id: u64,
    /// The connection ends (refused, or its client does not read).
    pub close: bool,
}

impl Done {
    pub fn push(&self, f: Finished) {
        self.list.lock().expect("done").push(f);
        self.wake();
    }

    fn blocked(&self, id: u64) {
        self.blocked.lock().expect("blocked").push(id);
        self.wake();
    }

    fn wake(&self) {
        if let Err(e) = self.waker.wake() {
            warn!("waking the reactor: {e}");
        }
    }
}

/// One connection as the reactor sees it.
struct Entry {
    link: Arc<Link>,
    /// What the client sent that is not yet a whole frame (or not yet run).
    input: Vec<u8>,
    /// A worker runs its request: read nothing more until it is done.
    busy: bool,
    /// The socket may hold more than `input` (edge-triggered: until a read
    /// would block).
    readable: bool,
    /// The client closed its end.
    eof: bool,
    /// Its hello was handed to a worker.
    greeted: bool,
    since: Instant,
}

fn token(id: u64) -> Token {
    Token(id as usize + 2)
}

/// Accepts and serves until `stop`; then tells every client goodbye (the
/// `goodbye` given), lets the requests in flight finish and returns.
pub fn run(
    listener: UnixListener,
    workers: &Workers,
    poll: Poll,
    done: Arc<Done>,
    stop: &AtomicBool,
    goodbye: &dyn Fn(),
) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let fd = listener.as_raw_fd();
    poll.registry()
        .register(&mut SourceFd(&fd), LISTENER, Interest::READABLE)?;
    let mut r = Reactor {
        poll,
        entries: HashMap::new(),
        workers,
        done: done.clone(),
    };
    let mut events = Events::with_capacity(1024);
    let mut listening = Some(listener);
    loop {
        if let Err(e) = r.poll.poll(&mut events, Some(LOOK))
            && e.kind() != io::ErrorKind::Interrupted
        {
            return Err(e);
        }
        for ev in events.iter() {
            match ev.token() {
                LISTENER => {
                    if let Some(l) = &listening {
                        r.accept(l);
                    }
                }
                WAKER => {}
                Token(t) => {
                    let readable = ev.is_readable() || ev.is_read_closed() || ev.is_error();
                    r.ready(t as u64 - 2, readable, ev.is_writable());
                }
            }
        }
        let finished = std::mem::take(&mut *done.list.lock().expect("done"));
        for f in finished {
            r.finished(f);
        }
        let blocked = std::mem::take(&mut *done.blocked.lock().expect("blocked"));
        for id in blocked {
            r.watch(id, Interest::READABLE | Interest::WRITABLE);
        }
        r.look_at_hellos();
        if stop.load(Ordering::Relaxed) {
            if let Some(l) = listening.take() {
                info!("stopping: no new connections; finishing requests in flight");
                let _ = r.poll.registry().deregister(&mut SourceFd(&l.as_raw_fd()));
                drop(l);
                goodbye();
            }
            if !r.entries.values().any(|e| e.busy) {
                return Ok(());
            }
        }
    }
}

struct Reactor<'a> {
    poll: Poll,
    entries: HashMap<u64, Entry>,
    workers: &'a Workers,
    done: Arc<Done>,
}

impl Reactor<'_> {
    fn accept(&mut self, listener: &UnixListener) {
        loop {
            match listener.accept() {
                Ok((stream, _)) => {
                    if let Err(e) = self.add(stream) {
                        warn!("a new connection: {e}");
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // Out of descriptors, say: the next connection tries again.
                    warn!("accept: {e}");
                    return;
                }
            }
        }
    }

    fn add(&mut self, stream: UnixStream) -> io::Result<()> {
        stream.set_nonblocking(true)?;
        let id = self.workers.next_id();
        let stream = Arc::new(stream);
        let outbox = Outbox::new(self.workers.counters(), Some(stream.clone()));
        self.poll.registry().register(
            &mut SourceFd(&stream.as_raw_fd()),
            token(id),
            Interest::READABLE,
        )?;
        let done = self.done.clone();
        outbox.on_blocked(Box::new(move || done.blocked(id)));
        let link = Arc::new(Link::new(id, stream, outbox));
        let entry = Entry {
            link,
            input: Vec::new(),
            busy: false,
            readable: true,
            eof: false,
            greeted: false,
            since: Instant::now(),
        };
        self.entries.insert(id, entry);
        self.pump(id);
        Ok(())
    }

    fn ready(&mut self, id: u64, readable: bool, writable: bool) {
        let Some(e) = self.entries.get_mut(&id) else {
            return;
        };
        if readable {
            e.readable = true;
        }
        if writable && e.link.outbox.writable() {
            // All out: stop watching until the socket fills again.
            self.watch(id, Interest::READABLE);
        }
        if readable {
            self.pump(id);
        }
    }

    fn finished(&mut self, f: Finished) {
        let Some(e) = self.entries.get_mut(&f.id) else {
            return;
        };
        e.busy = false;
        if f.close {
            self.end(f.id);
        } else {
            self.pump(f.id);
        }
    }

    /// What to watch a connection's socket for.
    fn watch(&mut self, id: u64, interest: Interest) {
        if let Some(e) = self.entries.get(&id) {
            let fd = e.link.stream.as_raw_fd();
            let watched = self
                .poll
                .registry()
                .reregister(&mut SourceFd(&fd), token(id), interest);
            if let Err(err) = watched {
                warn!(conn = id, "watching the socket: {err}");
            }
        }
    }

    /// Clients silent since they connected are refused as not ours.
    fn look_at_hellos(&mut self) {
        let late: Vec<u64> = self
            .entries
            .iter()
            .filter(|(_, e)| !e.greeted && !e.busy && e.since.elapsed() > HELLO_WITHIN)
            .map(|(id, _)| *id)
            .collect();
        for id in late {
            self.no_hello(id);
        }
    }

    /// A client that said nothing, or garbage, where a hello belongs: a
    /// worker refuses it as not ours.
    fn no_hello(&mut self, id: u64) {
        if let Some(e) = self.entries.get_mut(&id) {
            e.greeted = true;
            e.busy = true;
            e.input = Vec::new();
            self.workers.push(Job {
                link: e.link.clone(),
                work: Work::Hello(None),
            });
        }
    }

    /// Reads and hands the connection's next frame to a worker, unless one
    /// is at work for it; ends it when its client has gone.
    fn pump(&mut self, id: u64) {
        let Some(e) = self.entries.get_mut(&id) else {
            return;
        };
        if e.busy {
            return;
        }
        let body = match next_frame(e) {
            Ok(body) => body,
            // Garbage where a hello belongs: refused as not a client.
            Err(_) if !e.greeted => return self.no_hello(id),
            Err(err) => {
                warn!(conn = id, "connection ended: {err}");
                self.end(id);
                return;
            }
        };
        match body {
            Some(body) => {
                e.busy = true;
                let work = if e.greeted {
                    Work::Request(body)
                } else {
                    e.greeted = true;
                    Work::Hello(Some(body))
                };
                self.workers.push(Job {
                    link: e.link.clone(),
                    work,
                });
            }
            None if e.eof => {
                if e.greeted {
                    info!(conn = id, "disconnected");
                }
                self.end(id);
            }
            None => {}
        }
    }

    /// The connection is over: what its outbox holds gets one last try.
    fn end(&mut self, id: u64) {
        let Some(e) = self.entries.remove(&id) else {
            return;
        };
        let fd = e.link.stream.as_raw_fd();
        let _ = self.poll.registry().deregister(&mut SourceFd(&fd));
        e.link.outbox.close();
        self.workers.ended(id);
        let _ = e.link.stream.shutdown(std::net::Shutdown::Both);
    }
}

/// The next whole frame's body, reading from the socket while it has more
/// and no whole frame waits; None when none is whole yet.
fn next_frame(e: &mut Entry) -> io::Result<Option<Vec<u8>>> {
    loop {
        if let Some(body) = cut_frame(&mut e.input)? {
            return Ok(Some(body));
        }
        if !e.readable || e.eof {
            return Ok(None);
        }
        let mut chunk = [0u8; CHUNK];
        match (&*e.link.stream).read(&mut chunk) {
            Ok(0) => e.eof = true,
            Ok(n) => e.input.extend_from_slice(&chunk[..n]),
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => e.readable = false,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            // Reset by the peer: as good as gone.
            Err(_) => e.eof = true,
        }
    }
}

/// Takes a whole frame (a 4-byte length, then the body) off the front.
fn cut_frame(input: &mut Vec<u8>) -> io::Result<Option<Vec<u8>>> {
    let Some(len) = input.first_chunk::<4>() else {
        return Ok(None);
    };
    let len = u32::from_le_bytes(*len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit"),
        ));
    }
    if input.len() < 4 + len {
        return Ok(None);
    }
    let body = input[4..4 + len].to_vec();
    input.drain(..4 + len);
    if input.is_empty() {
        // An idle connection keeps no buffer.
        *input = Vec::new();
    }
    Ok(Some(body))
}

/// The reactor's poll and the workers' way to wake it, made before both.
pub fn poll_and_done() -> io::Result<(Poll, Arc<Done>)> {
    let poll = Poll::new()?;
    let waker = Waker::new(poll.registry(), WAKER)?;
    Ok((
        poll,
        Arc::new(Done {
            waker,
            list: Mutex::default(),
            blocked: Mutex::default(),
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_cut_whole_and_in_order() {
        let mut input = Vec::new();
        assert!(cut_frame(&mut input).unwrap().is_none());
        input.extend_from_slice(&3u32.to_le_bytes());
        input.extend_from_slice(b"ab");
        assert!(cut_frame(&mut input).unwrap().is_none());
        input.extend_from_slice(b"c");
        input.extend_from_slice(&1u32.to_le_bytes());
        assert_eq!(cut_frame(&mut input).unwrap().unwrap(), b"abc");
        assert!(cut_frame(&mut input).unwrap().is_none());
        input.push(b'd');
        assert_eq!(cut_frame(&mut input).unwrap().unwrap(), b"d");
        assert!(input.is_empty() && input.capacity() == 0);
    }

    #[test]
    fn a_frame_over_the_limit_ends_the_connection() {
        let mut input = ((MAX_FRAME + 1) as u32).to_le_bytes().to_vec();
        assert!(cut_frame(&mut input).is_err());
    }
}

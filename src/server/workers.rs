//! A fixed set of threads that run the connections' requests. The reactor
//! (`server::reactor`) hands them one frame at a time per connection, so a
//! connection's requests still run in order, one after the other, while
//! however many clients are busy only these threads compete for the CPU
//! (one thread per connection thrashed at 200 clients: docs/PERFORMANCE.md,
//! runs 7 and 8). A request blocks only its worker, never the reactor.

use std::collections::VecDeque;
use std::io;
use std::os::unix::net::UnixStream;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use tracing::warn;

use super::handle::Session;
use super::hub::{Conn, Hub};
use super::outbox::{Counters, Outbox};
use super::reactor::{Done, Finished};

/// Request workers. Sign-ins (argon2) and commits waiting for their
/// group's fdatasync hold a worker each, so there are more than cores:
/// enough for a busy office's concurrent commits to share one sync.
pub const WORKERS: usize = 16;
/// A worker runs requests (sled, argon2, CLI commands: clap needs more than
/// 512 KiB in a debug build).
const WORKER_STACK: usize = 2 << 20;

/// One connection, as the reactor and the workers share it.
pub struct Link {
    pub id: u64,
    pub stream: Arc<UnixStream>,
    pub outbox: Arc<Outbox>,
    /// Who it is, once its hello was welcomed.
    pub live: Mutex<Option<Live>>,
}

pub struct Live {
    pub conn: Arc<Conn>,
    pub session: Session,
}

impl Link {
    pub fn new(id: u64, stream: Arc<UnixStream>, outbox: Arc<Outbox>) -> Link {
        Link {
            id,
            stream,
            outbox,
            live: Mutex::new(None),
        }
    }
}

/// What a connection's frame asks of a worker.
pub enum Work {
    /// Its first frame (None: it said nothing in time).
    Hello(Option<Vec<u8>>),
    Request(Vec<u8>),
}

pub struct Job {
    pub link: Arc<Link>,
    pub work: Work,
}

#[derive(Default)]
struct Jobs {
    queue: Mutex<(VecDeque<Job>, bool)>,
    ready: Condvar,
}

impl Jobs {
    /// The next job, or None once closed and empty.
    fn next(&self) -> Option<Job> {
        let mut q = self.queue.lock().expect("jobs");
        loop {
            if let Some(job) = q.0.pop_front() {
                return Some(job);
            }
            if q.1 {
                return None;
            }
            q = self.ready.wait(q).expect("jobs");
        }
    }
}

/// Runs one job; true when the connection is to end.
pub type RunJob = dyn Fn(&Link, Work) -> bool + Send + Sync;

pub struct Workers {
    jobs: Arc<Jobs>,
    threads: Vec<JoinHandle<()>>,
    hub: Arc<Hub>,
}

impl Workers {
    pub fn start(
        n: usize,
        hub: Arc<Hub>,
        done: Arc<Done>,
        run: Arc<RunJob>,
    ) -> io::Result<Workers> {
        let jobs = Arc::new(Jobs::default());
        let mut threads = Vec::with_capacity(n);
        for i in 0..n {
            let (jobs, done, run) = (jobs.clone(), done.clone(), run.clone());
            let t = std::thread::Builder::new()
                .name(format!("worker-{i}"))
                .stack_size(WORKER_STACK)
                .spawn(move || work(&jobs, &done, &*run))?;
            threads.push(t);
        }
        Ok(Workers { jobs, threads, hub })
    }

    pub fn push(&self, job: Job) {
        self.jobs.queue.lock().expect("jobs").0.push_back(job);
        self.jobs.ready.notify_one();
    }

    pub fn next_id(&self) -> u64 {
        self.hub.next.fetch_add(1, Ordering::Relaxed)
    }

    pub fn counters(&self) -> Arc<Counters> {
        self.hub.counters.clone()
    }

    /// The connection is over: nobody tells it anything more.
    pub fn ended(&self, id: u64) {
        self.hub.remove(id);
    }

    /// Runs the jobs queued, then ends the workers.
    pub fn finish(self) {
        self.jobs.queue.lock().expect("jobs").1 = true;
        self.jobs.ready.notify_all();
        for t in self.threads {
            let _ = t.join();
        }
    }
}

fn work(jobs: &Jobs, done: &Done, run: &RunJob) {
    while let Some(Job { link, work }) = jobs.next() {
        // A bug in one request ends its connection, not the worker.
        let close = catch_unwind(AssertUnwindSafe(|| run(&link, work))).unwrap_or_else(|_| {
            warn!(
                conn = link.id,
                "a request failed unexpectedly; the connection ends"
            );
            true
        });
        done.push(Finished { id: link.id, close });
    }
}

//! How the simulated staff are driven: the closed loop (each client works
//! as soon as it can, or after its think time), the open loop (work comes
//! due at a fixed rate whatever the server does), and idle sessions.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::plan::LANES;
use super::report::Tally;
use super::staff::{RELOAD, Seat, Shared};
use crate::ops::backend::Backend;
use crate::server::remote::Remote;

/// One simulated person at their desks until the run stops.
pub(super) fn client(seats: &mut [Seat], shared: &Shared) -> Tally {
    if shared.arrivals.is_some() {
        return open_loop(seats, shared);
    }
    let mut tally = Tally::default();
    while !shared.stop.load(Ordering::Relaxed) {
        let mut busy = false;
        for seat in seats.iter_mut() {
            busy |= seat.work(shared, &mut tally, None);
        }
        if busy && let Some(think) = shared.think {
            std::thread::sleep(think);
        }
        if !busy {
            await_news(seats, shared);
        }
        if seats.iter().any(|s| !s.remote.online()) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    tally
}

/// Nothing waits: until a notice comes (or a tick passes). The connection
/// that made a change gets no notice of it, the others (this client's other
/// desks too) do. Sleeps on the client's `News` instead of polling: 200
/// idle clients polling every 2 ms cost the shared cores 100,000 wake-ups
/// a second.
fn await_news(seats: &[Seat], shared: &Shared) {
    let idle = Instant::now();
    let Some(news) = seats.first().map(|s| &s.news) else {
        return;
    };
    loop {
        // Read before looking, so news in between is not slept through.
        let told = news.told();
        let mut wait = RELOAD.saturating_sub(idle.elapsed());
        for s in seats.iter() {
            if s.remote.revision().unwrap_or(0) == s.seen {
                continue;
            }
            // Changed: due when its last read is a tick old.
            let due_in = s
                .read_at
                .map_or(Duration::ZERO, |t| RELOAD.saturating_sub(t.elapsed()));
            wait = wait.min(due_in);
        }
        if wait.is_zero() || shared.stop.load(Ordering::Relaxed) {
            return;
        }
        news.wait(told, wait);
    }
}

/// A client with something to do takes the next piece of work due, waits
/// for its time, and gives it to the first of its desks with work. A client still
/// busy when its next piece came due starts it late: that wait is in the
/// latency, as a queue at the counter would be.
fn open_loop(seats: &mut [Seat], shared: &Shared) -> Tally {
    let mut tally = Tally::default();
    let arrivals = shared.arrivals.as_ref().expect("an open loop");
    while !shared.stop.load(Ordering::Relaxed) {
        let mut ready = false;
        for seat in seats.iter_mut() {
            ready |= seat.has_work(shared, &mut tally);
        }
        if !ready {
            await_news(seats, shared);
            continue;
        }
        let due = arrivals.take();
        while Instant::now() < due {
            if shared.stop.load(Ordering::Relaxed) {
                return tally;
            }
            std::thread::sleep((due - Instant::now()).min(Duration::from_millis(20)));
        }
        let worked = seats
            .iter_mut()
            .any(|seat| seat.work(shared, &mut tally, Some(due)));
        if !worked {
            tally.idle_arrivals += 1;
        }
    }
    tally
}

/// Sessions that sign in and only receive notices, as idle workstations
/// do; signed in in parallel, spread over every lane's staff.
pub(super) fn idle_sessions(
    socket: &Path,
    n: usize,
    password: &str,
) -> Result<Vec<Remote>, String> {
    let logins: Vec<&'static str> = std::iter::once("operator")
        .chain(LANES.iter().flat_map(|l| [l.clerk, l.head]))
        .collect();
    let parallel = 8.min(n.max(1));
    let chunks: Vec<Vec<usize>> = (0..parallel)
        .map(|t| (t..n).step_by(parallel).collect())
        .collect();
    let signed: Vec<Result<Vec<Remote>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let logins = &logins;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&i| {
                            let login = logins[i % logins.len()];
                            let r = Remote::connect(socket).map_err(|e| e.to_string())?;
                            r.login(login, password, crate::cli::admin::now())
                                .map_err(|e| format!("{login}: {e}"))?;
                            Ok(r)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a sign-in thread failed".into()))
            })
            .collect()
    });
    let mut all = Vec::with_capacity(n);
    for s in signed {
        all.extend(s?);
    }
    Ok(all)
}

/// The notices idle sessions received (each bumps the local revision from 1).
pub(super) fn notices_received(idle: &[Remote]) -> u64 {
    idle.iter()
        .map(|r| r.revision().unwrap_or(1).saturating_sub(1))
        .sum()
}

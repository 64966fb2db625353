//! `qyzmet status`: how a running server fares, for administrators and for
//! loadgen's report. Requests are timed here; the process's memory and
//! threads come from /proc.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServerStatus {
    pub version: String,
    #[serde(rename = "uptime_seconds")]
    pub uptime_s: u64,
    pub store: String,
    /// The store's size on disk: its directory, or on PostgreSQL its tables.
    pub store_bytes: u64,
    pub connections: usize,
    /// Signed-in connections by organisation code.
    pub sessions_by_org: BTreeMap<String, usize>,
    /// Connections whose notices overflowed their queue: they get a Resync
    /// once they read again.
    pub resynchronising: usize,
    /// The longest outgoing queue, in frames, and all of them in bytes.
    pub queued_frames_max: usize,
    pub queued_bytes: usize,
    /// Each connection's limit on waiting notices.
    pub notice_limit: usize,
    pub notices_queued: u64,
    pub notices_dropped: u64,
    /// Notices replaced by a later one about the same before being sent.
    pub notices_coalesced: u64,
    /// Socket writes that carried notices: what the coalescing saved.
    pub notice_writes: u64,
    pub resyncs_sent: u64,
    pub requests_last_minute: usize,
    #[serde(rename = "requests_per_second")]
    pub requests_per_s: f64,
    /// Of the requests answered in the last minute, in milliseconds.
    #[serde(rename = "p99_milliseconds_last_minute")]
    pub p99_ms_last_minute: Option<f64>,
    pub rss_bytes: Option<u64>,
    pub threads: Option<u64>,
    /// CPU time the server has used since it started (user and system).
    pub cpu_seconds: Option<f64>,
}

const WINDOW: Duration = Duration::from_secs(60);
/// At most this many timings are kept (a minute at ~8,000 requests/s).
const MAX_TIMINGS: usize = 1 << 19;

/// How long each request of the last minute took.
#[derive(Default)]
pub struct RequestTimes {
    recent: Mutex<VecDeque<(Instant, u32)>>,
}

impl RequestTimes {
    pub fn record(&self, start: Instant) {
        let now = Instant::now();
        let micros = now.duration_since(start).as_micros().min(u32::MAX as u128) as u32;
        let mut r = self.recent.lock().expect("timings");
        if r.len() >= MAX_TIMINGS {
            r.pop_front();
        }
        r.push_back((now, micros));
        Self::prune(&mut r, now);
    }

    fn prune(r: &mut VecDeque<(Instant, u32)>, now: Instant) {
        while r
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) > WINDOW)
        {
            r.pop_front();
        }
    }

    /// Requests in the last minute, per second, and their p99 in ms.
    pub fn last_minute(&self, uptime: Duration) -> (usize, f64, Option<f64>) {
        let mut v: Vec<u32> = {
            let mut r = self.recent.lock().expect("timings");
            Self::prune(&mut r, Instant::now());
            r.iter().map(|(_, us)| *us).collect()
        };
        let span = uptime.min(WINDOW).as_secs_f64().max(1.0);
        if v.is_empty() {
            return (0, 0.0, None);
        }
        v.sort_unstable();
        let k = ((0.99 * v.len() as f64).ceil() as usize).clamp(1, v.len());
        (
            v.len(),
            v.len() as f64 / span,
            Some(f64::from(v[k - 1]) / 1000.0),
        )
    }
}

/// This process's resident memory and thread count (Linux /proc).
pub fn process_memory() -> (Option<u64>, Option<u64>) {
    let Ok(s) = std::fs::read_to_string("/proc/self/status") else {
        return (None, None);
    };
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
    };
    (field("VmRSS:").map(|kb| kb * 1024), field("Threads:"))
}

/// The CPU time (user and system) this process's threads have used.
pub fn process_cpu_seconds() -> Option<f64> {
    use nix::sys::resource::{UsageWho, getrusage};
    use nix::sys::time::TimeValLike;
    let u = getrusage(UsageWho::RUSAGE_SELF).ok()?;
    let micros = u.user_time().num_microseconds() + u.system_time().num_microseconds();
    Some(micros as f64 / 1e6)
}

/// The bytes of every file under `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_minute_counts_and_ranks_requests() {
        let t = RequestTimes::default();
        assert_eq!(t.last_minute(Duration::from_secs(5)), (0, 0.0, None));
        for _ in 0..10 {
            t.record(Instant::now());
        }
        let (n, per_s, p99) = t.last_minute(Duration::from_secs(5));
        assert_eq!(n, 10);
        assert_eq!(per_s, 2.0);
        assert!(p99.is_some());
    }

    #[test]
    fn this_process_has_memory_and_threads() {
        let (rss, threads) = process_memory();
        assert!(rss.unwrap() > 0);
        assert!(threads.unwrap() >= 1);
        // Burn a little CPU so the figure cannot be zero by chance.
        let start = std::time::Instant::now();
        let mut x = 0u64;
        while start.elapsed() < Duration::from_millis(30) {
            x = x.wrapping_mul(31).wrapping_add(1);
        }
        assert!(x != 1);
        assert!(process_cpu_seconds().unwrap() > 0.0);
    }
}

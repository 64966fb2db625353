//! What loadgen measured: latency samples, tallies, and the report.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::cli::outln;
use crate::ops::OpsError;
use crate::server::status::ServerStatus;

/// The latency samples of one kind of request, in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Samples(pub Vec<u64>);

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Percentiles {
    pub count: usize,
    #[serde(rename = "p50_milliseconds")]
    pub p50_ms: f64,
    #[serde(rename = "p99_milliseconds")]
    pub p99_ms: f64,
    #[serde(rename = "max_milliseconds")]
    pub max_ms: f64,
}

impl Samples {
    pub fn add(&mut self, d: Duration) {
        self.0.push(d.as_micros().min(u128::from(u64::MAX)) as u64);
    }

    /// Nearest-rank percentiles; None without samples.
    pub fn percentiles(&self) -> Option<Percentiles> {
        if self.0.is_empty() {
            return None;
        }
        let mut v = self.0.clone();
        v.sort_unstable();
        let rank = |p: f64| {
            let k = ((p / 100.0) * v.len() as f64).ceil() as usize;
            v[k.clamp(1, v.len()) - 1] as f64 / 1000.0
        };
        Some(Percentiles {
            count: v.len(),
            p50_ms: rank(50.0),
            p99_ms: rank(99.0),
            max_ms: v[v.len() - 1] as f64 / 1000.0,
        })
    }
}

#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Transitions (submissions and acts) by kind.
    pub acts: BTreeMap<String, Samples>,
    /// Queue reads.
    pub reads: Samples,
    /// Someone else acted first: expected.
    pub stale: usize,
    /// How long a refused stale act took.
    pub stale_latency: Samples,
    pub errors: BTreeMap<String, usize>,
    /// The first message of each error kind, to show.
    pub examples: BTreeMap<String, String>,
    /// Open loop: pieces of work that came due when the desk had nothing to do.
    pub idle_arrivals: usize,
}

impl Tally {
    pub fn merge(&mut self, other: Tally) {
        for (k, s) in other.acts {
            self.acts.entry(k).or_default().0.extend(s.0);
        }
        self.reads.0.extend(other.reads.0);
        self.stale += other.stale;
        self.stale_latency.0.extend(other.stale_latency.0);
        for (k, n) in other.errors {
            *self.errors.entry(k).or_default() += n;
        }
        for (k, m) in other.examples {
            self.examples.entry(k).or_insert(m);
        }
        self.idle_arrivals += other.idle_arrivals;
    }

    pub fn error(&mut self, e: &OpsError) {
        let kind = match e {
            OpsError::Forbidden(_) => "forbidden",
            OpsError::NotFound(_) => "not_found",
            OpsError::Invalid(_) => "invalid",
            OpsError::Conflict(_) => "conflict",
            OpsError::Stale { .. } => {
                self.stale += 1;
                return;
            }
            OpsError::Transition(_) => "transition",
            OpsError::Submit(_) => "submit",
            OpsError::Login(_) => "login",
            OpsError::Store(_) => "store",
            OpsError::Unavailable(_) => "unavailable",
            OpsError::SessionExpired => "session_expired",
            OpsError::Queue(_) => "queue",
        };
        *self.errors.entry(kind.into()).or_default() += 1;
        self.examples
            .entry(kind.into())
            .or_insert_with(|| e.to_string());
    }
}

#[derive(Debug, serde::Serialize)]
pub struct Report {
    pub socket: String,
    pub clients: usize,
    pub connections: usize,
    /// Connecting and signing in, before the clock starts.
    #[serde(rename = "setup_seconds")]
    pub setup_s: f64,
    #[serde(rename = "duration_seconds")]
    pub duration_s: f64,
    pub transitions: usize,
    #[serde(rename = "transitions_per_second")]
    pub transitions_per_s: f64,
    /// All transitions, then each kind (submit, register, assign, decide...).
    pub latency: BTreeMap<String, Percentiles>,
    pub queue_reads: Option<Percentiles>,
    /// Someone else acted first on the same version: expected, not errors.
    pub stale_conflicts: usize,
    pub stale_latency: Option<Percentiles>,
    /// Every request answered: transitions, stale acts, errors, queue reads.
    pub requests: usize,
    #[serde(rename = "requests_per_second")]
    pub requests_per_s: f64,
    pub errors: BTreeMap<String, usize>,
    pub error_examples: BTreeMap<String, String>,
    pub check: Check,
    /// closed (each client works as fast as it can, or with --think) or open (--rate).
    pub mode: String,
    #[serde(rename = "think_milliseconds")]
    pub think_ms: Option<f64>,
    /// Desks of one login split its list (`--split-queues`).
    #[serde(default)]
    pub split_queues: bool,
    #[serde(rename = "rate_per_second")]
    pub rate_per_s: Option<f64>,
    /// Open loop: pieces of work due when there was nothing to do.
    pub idle_arrivals: usize,
    /// Sessions that only received notices, and how many they received.
    pub idle_sessions: usize,
    pub idle_notices: u64,
    /// The server's own view (`qyzmet status`) before and after the run;
    /// None when it refused (loadgen is not run as the server's OS user).
    pub server_start: Option<ServerStatus>,
    pub server_end: Option<ServerStatus>,
    /// The largest RSS the server reported during the run (sampled each second).
    pub server_rss_peak_bytes: Option<u64>,
    /// Notices the server queued per second during the run (all connections).
    #[serde(rename = "notices_per_second")]
    pub notices_per_s: Option<f64>,
    /// The server's status every `--sample-every` of the run.
    pub server_samples: Vec<super::Sample>,
    /// The server's RSS from the middle of the run to its end.
    pub rss_growth_second_half: Option<super::Growth>,
    /// CPU seconds used during the run by this load generator and by the
    /// server (on a machine they share, the generator's part is not the server's).
    #[serde(rename = "loadgen_cpu_seconds")]
    pub loadgen_cpu_s: Option<f64>,
    #[serde(rename = "server_cpu_seconds")]
    pub server_cpu_s: Option<f64>,
}

#[derive(Debug, serde::Serialize)]
pub struct Check {
    pub ran: bool,
    pub passed: bool,
    pub output: String,
}

/// `qyzmet check` on the server's store, through the socket, in the
/// language of this command.
pub(super) fn check(socket: &Path) -> Check {
    let lang = crate::cli::say::lang().code();
    let args = vec!["--lang".into(), lang.into(), "check".into()];
    match crate::server::remote::run_cli(socket, args, None) {
        Ok(run) => {
            let mut output = String::from_utf8_lossy(&run.stdout).trim().to_string();
            let err = String::from_utf8_lossy(&run.stderr).trim().to_string();
            if !err.is_empty() {
                if !output.is_empty() {
                    output.push('\n');
                }
                output.push_str(&err);
            }
            let refused = run.code == 2 && err.contains("not allowed");
            if refused {
                output.push_str(&format!(
                    "\nrun it as the server's OS user: qyzmet --connect {} check",
                    socket.display()
                ));
            }
            Check {
                ran: !refused,
                passed: run.code == 0,
                output,
            }
        }
        Err(e) => Check {
            ran: false,
            passed: false,
            output: format!(
                "could not run check: {e}; run: qyzmet --connect {} check",
                socket.display()
            ),
        },
    }
}

pub(super) fn print_report(r: &Report) {
    outln!(
        "{} clients ({} connections) on {}: signed in in {:.1} s, worked {:.1} s",
        r.clients,
        r.connections,
        r.socket,
        r.setup_s,
        r.duration_s
    );
    outln!(
        "{} transitions, {:.1}/s; {} stale-version conflicts (someone acted first: expected)",
        r.transitions,
        r.transitions_per_s,
        r.stale_conflicts
    );
    outln!(
        "{:<12} {:>8} {:>10} {:>10} {:>10}",
        "latency",
        "count",
        "p50 ms",
        "p99 ms",
        "max ms"
    );
    let row = |name: &str, p: &Percentiles| {
        outln!(
            "{:<12} {:>8} {:>10.2} {:>10.2} {:>10.2}",
            name,
            p.count,
            p.p50_ms,
            p.p99_ms,
            p.max_ms
        );
    };
    if let Some(p) = r.latency.get("all") {
        row("all", p);
    }
    for (k, p) in r.latency.iter().filter(|(k, _)| *k != "all") {
        row(k, p);
    }
    if let Some(p) = &r.stale_latency {
        row("(stale act)", p);
    }
    if let Some(p) = &r.queue_reads {
        row("(queue read)", p);
    }
    outln!(
        "{} requests in all (transitions, stale acts, queue reads), {:.1}/s",
        r.requests,
        r.requests_per_s
    );
    print_mode(r);
    if r.errors.is_empty() {
        outln!("errors: none");
    } else {
        for (k, n) in &r.errors {
            outln!(
                "errors: {k}: {n} (e.g. {})",
                r.error_examples.get(k).map(String::as_str).unwrap_or("")
            );
        }
    }
    if r.check.ran {
        outln!(
            "check: {} ({})",
            if r.check.passed { "passed" } else { "FAILED" },
            r.check.output
        );
    } else {
        outln!("check: {}", r.check.output);
    }
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or("?".into(), |b| {
        format!("{:.1} MiB", b as f64 / f64::from(1 << 20))
    })
}

fn print_mode(r: &Report) {
    match (r.rate_per_s, r.think_ms) {
        (Some(rate), _) => outln!(
            "open loop at {rate:.1}/s: latency from when each piece of work was due; {} came due with nothing to do",
            r.idle_arrivals
        ),
        (None, Some(t)) => outln!("closed loop, {t:.0} ms think time per client"),
        (None, None) => outln!("closed loop, no think time"),
    }
    if r.split_queues {
        outln!("desks of one login split its list (--split-queues)");
    }
    if r.idle_sessions > 0 {
        outln!(
            "{} idle sessions received {} notices",
            r.idle_sessions,
            r.idle_notices
        );
    }
    let server = |s: &Option<ServerStatus>| match s {
        Some(s) => format!(
            "RSS {}, {} threads, {} connections",
            mib(s.rss_bytes),
            s.threads.map_or("?".into(), |t| t.to_string()),
            s.connections
        ),
        None => "not known (status refused: run loadgen as the server's OS user)".into(),
    };
    outln!("server at the start: {}", server(&r.server_start));
    outln!("server at the end:   {}", server(&r.server_end));
    if let Some(peak) = r.server_rss_peak_bytes {
        let notices = r.notices_per_s.map_or("?".into(), |n| format!("{n:.0}"));
        outln!(
            "server RSS peak: {}; notices queued: {notices}/s",
            mib(Some(peak))
        );
    }
    print_soak(r);
}

/// The server's curve over the run, the second half's growth, and the CPU
/// each process used.
fn print_soak(r: &Report) {
    if r.server_samples.len() > 2 {
        for s in &r.server_samples {
            outln!(
                "server at {:>6.0} s: RSS {}, {} threads, {} connections",
                s.at_s,
                mib(s.rss_bytes),
                s.threads.map_or("?".into(), |t| t.to_string()),
                s.connections
            );
        }
    }
    if let Some(g) = &r.rss_growth_second_half {
        outln!(
            "server RSS from {:.0} s to {:.0} s: {} -> {} ({:+.1}%)",
            g.from_s,
            g.to_s,
            mib(Some(g.from_bytes)),
            mib(Some(g.to_bytes)),
            g.ratio * 100.0
        );
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let secs = |c: Option<f64>| c.map_or("?".into(), |c| format!("{c:.1} s"));
    outln!(
        "CPU during the run: server {}, loadgen {} ({cores} cores for {:.1} s: {:.1} s in all)",
        secs(r.server_cpu_s),
        secs(r.loadgen_cpu_s),
        r.duration_s,
        cores as f64 * r.duration_s
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut s = Samples::default();
        assert!(s.percentiles().is_none());
        for ms in 1..=100u64 {
            s.add(Duration::from_millis(ms));
        }
        let p = s.percentiles().unwrap();
        assert_eq!(p.count, 100);
        assert_eq!(p.p50_ms, 50.0);
        assert_eq!(p.p99_ms, 99.0);
        assert_eq!(p.max_ms, 100.0);
    }
}

//! The server over the run, for a soak: its status is asked each second
//! (for the peak RSS), kept every `--sample-every` as the run's curve, and
//! the RSS growth over the run's second half (minute 5 to minute 10 of a
//! 10-minute soak) is what says whether memory stays flat. The CPU both
//! processes used tells how much of the shared cores the load generator
//! itself took.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::server::remote::Remote;
use crate::server::status::ServerStatus;

/// The server's status at one moment of the run.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    #[serde(rename = "at_seconds")]
    pub at_s: f64,
    pub rss_bytes: Option<u64>,
    pub threads: Option<u64>,
    pub connections: usize,
    pub cpu_seconds: Option<f64>,
    pub notices_queued: u64,
    #[serde(rename = "p99_milliseconds_last_minute")]
    pub p99_ms_last_minute: Option<f64>,
}

impl Sample {
    fn of(s: &ServerStatus, at: Duration) -> Sample {
        Sample {
            at_s: at.as_secs_f64(),
            rss_bytes: s.rss_bytes,
            threads: s.threads,
            connections: s.connections,
            cpu_seconds: s.cpu_seconds,
            notices_queued: s.notices_queued,
            p99_ms_last_minute: s.p99_ms_last_minute,
        }
    }
}

/// What watching the server gave.
#[derive(Debug, Default)]
pub struct Watched {
    pub peak: Option<u64>,
    pub samples: Vec<Sample>,
}

/// The RSS from the middle of the run to its end.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Growth {
    #[serde(rename = "from_seconds")]
    pub from_s: f64,
    #[serde(rename = "to_seconds")]
    pub to_s: f64,
    pub from_bytes: u64,
    pub to_bytes: u64,
    /// (to - from) / from: 0.05 is 5% more.
    pub ratio: f64,
}

/// Asks the server's status each second until `duration` has passed since
/// `start`; keeps a sample every `every`, the first and the last.
pub(super) fn watch(
    probe: &Remote,
    start: Instant,
    duration: Duration,
    every: Duration,
) -> Watched {
    let mut w = Watched::default();
    let mut next_sample = Duration::ZERO;
    while start.elapsed() < duration {
        let left = duration.saturating_sub(start.elapsed());
        std::thread::sleep(left.min(Duration::from_secs(1)));
        let Ok(s) = probe.status() else { continue };
        w.peak = w.peak.max(s.rss_bytes);
        let at = start.elapsed();
        if at >= next_sample || at >= duration {
            w.samples.push(Sample::of(&s, at));
            next_sample = at + every;
        }
    }
    w
}

/// The growth from the sample nearest half the run to the last one; None
/// with fewer than two samples or without RSS figures.
pub fn second_half_growth(samples: &[Sample]) -> Option<Growth> {
    let last = samples.last()?;
    let half = last.at_s / 2.0;
    let mid = samples[..samples.len() - 1]
        .iter()
        .min_by(|a, b| (a.at_s - half).abs().total_cmp(&(b.at_s - half).abs()))?;
    let (from, to) = (mid.rss_bytes?, last.rss_bytes?);
    Some(Growth {
        from_s: mid.at_s,
        to_s: last.at_s,
        from_bytes: from,
        to_bytes: to,
        ratio: (to as f64 - from as f64) / (from.max(1) as f64),
    })
}

/// CPU seconds this process (the load generator) has used so far.
pub(super) fn own_cpu_seconds() -> Option<f64> {
    crate::server::status::process_cpu_seconds()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: f64, rss: u64) -> Sample {
        Sample {
            at_s: s,
            rss_bytes: Some(rss),
            threads: None,
            connections: 0,
            cpu_seconds: None,
            notices_queued: 0,
            p99_ms_last_minute: None,
        }
    }

    #[test]
    fn the_growth_runs_from_the_middle_sample_to_the_last() {
        assert_eq!(second_half_growth(&[]), None);
        assert_eq!(second_half_growth(&[at(1.0, 100)]), None);
        let samples = [at(60.0, 90), at(290.0, 100), at(310.0, 101), at(600.0, 104)];
        let g = second_half_growth(&samples).unwrap();
        assert_eq!((g.from_s, g.to_s), (290.0, 600.0));
        assert_eq!((g.from_bytes, g.to_bytes), (100, 104));
        assert!((g.ratio - 0.04).abs() < 1e-9);
    }
}

//! `qyzmet loadgen`'s options and their parsing.

use std::time::Duration;

use clap::Args;

#[derive(Debug, Args)]
pub struct LoadgenArgs {
    /// Simulated staff, each on its own connection (fewer than four: each plays several roles).
    #[arg(long, default_value_t = 50, value_parser = parse_clients)]
    pub clients: usize,
    /// How long to work: 30s, 2m, 1500ms (a plain number is seconds).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub duration: Duration,
    /// The demo users' password.
    #[arg(long, default_value = crate::demo::PASSWORD)]
    pub password: String,
    /// Do not run `qyzmet check` through the server afterwards.
    #[arg(long)]
    pub no_check: bool,
    /// The report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Each client pauses this long after each piece of work (closed loop).
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub think: Option<Duration>,
    /// Open loop: pieces of work start at this rate in all (e.g. 500/s),
    /// whoever is free takes the next; latency counts from when each was
    /// due, so a server that falls behind shows it.
    #[arg(long, value_parser = parse_rate, value_name = "N/s")]
    pub rate: Option<f64>,
    /// Extra sessions that sign in and only receive notices, as idle
    /// workstations do.
    #[arg(long, default_value_t = 0, value_parser = parse_idle, value_name = "N")]
    pub idle: usize,
    /// Write every acknowledged transition to FILE (`number version
    /// unix-milliseconds` a line), to prove later that none was lost.
    #[arg(long, value_name = "FILE")]
    pub acknowledged: Option<std::path::PathBuf>,
    /// Desks signed in as one login split its list, each taking the
    /// applications that fall to it, as colleagues at one queue do;
    /// without it they race for the same most urgent ones and most of
    /// their acts find the application already moved on.
    #[arg(long)]
    pub split_queues: bool,
    /// How often the report keeps the server's status (RSS, threads, CPU)
    /// for the run's curve; the peak RSS is still taken each second.
    #[arg(long, default_value = "10s", value_parser = parse_duration, value_name = "DURATION")]
    pub sample_every: Duration,
}

fn parse_clients(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of clients"))?;
    if !(1..=2000).contains(&n) {
        return Err(format!("{n} clients: use 1 to 2000"));
    }
    Ok(n)
}

/// `30s`, `2m`, `1500ms`, `1h`, or a plain number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration: use e.g. 30s, 2m or 1500ms"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!("{s:?}: unknown unit {other:?}; use ms, s, m or h"));
        }
    };
    if !secs.is_finite() || secs <= 0.0 || secs > 24.0 * 3600.0 {
        return Err(format!("{s:?}: use a duration above zero and up to 24h"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `500/s`, `500` (per second) or `30000/m`.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (num, per) = match t.split_once('/') {
        Some((n, u)) => (n.trim(), u.trim()),
        None => (t, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a rate: use e.g. 500/s"))?;
    let per_s = match per {
        "s" => n,
        "m" | "min" => n / 60.0,
        other => return Err(format!("{s:?}: unknown unit {other:?}; use /s or /m")),
    };
    if !per_s.is_finite() || per_s <= 0.0 || per_s > 100_000.0 {
        return Err(format!("{s:?}: use a rate above zero and up to 100000/s"));
    }
    Ok(per_s)
}

fn parse_idle(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of sessions"))?;
    if n > 10_000 {
        return Err(format!("{n} idle sessions: use up to 10000"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_bad_ones_say_why() {
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(
            parse_duration("1500ms").unwrap(),
            Duration::from_millis(1500)
        );
        assert_eq!(parse_duration("5").unwrap(), Duration::from_secs(5));
        assert!(parse_duration("0s").unwrap_err().contains("above zero"));
        assert!(
            parse_duration("3 weeks")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(parse_duration("s").unwrap_err().contains("not a duration"));
        assert!(parse_clients("0").unwrap_err().contains("1 to 2000"));
        assert!(parse_clients("many").is_err());
    }

    #[test]
    fn rates_parse_and_bad_ones_say_why() {
        assert_eq!(parse_rate("500/s").unwrap(), 500.0);
        assert_eq!(parse_rate("50").unwrap(), 50.0);
        assert_eq!(parse_rate("600/m").unwrap(), 10.0);
        assert!(parse_rate("0/s").unwrap_err().contains("above zero"));
        assert!(parse_rate("5/h").unwrap_err().contains("unknown unit"));
        assert!(parse_rate("fast").unwrap_err().contains("not a rate"));
        assert!(parse_idle("20000").unwrap_err().contains("up to 10000"));
    }
}

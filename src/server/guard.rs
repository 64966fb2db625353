//! Rate limits per peer uid: how many connections and sign-ins one OS user
//! may open in a minute. A password guesser or a runaway script is slowed
//! down without touching anyone else; the server's own OS user and root
//! (the administrators, the load tests) are not limited.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The window the limits count in.
const WINDOW: Duration = Duration::from_secs(60);

/// How much one peer uid may do per minute; 0: unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub connections_per_minute: u32,
    pub sign_ins_per_minute: u32,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            connections_per_minute: 120,
            sign_ins_per_minute: 20,
        }
    }
}

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    Connection,
    SignIn,
}

/// The recent events of each (what, uid), oldest first.
#[derive(Default)]
pub struct Guard {
    seen: Mutex<HashMap<(Counted, u32), VecDeque<Instant>>>,
}

impl Guard {
    /// Counts one event of `uid` at `now`, or says how long to wait when
    /// the last minute already holds `limit` of them (nothing is counted then).
    pub fn allow(&self, what: Counted, uid: u32, limit: u32, now: Instant) -> Result<(), Duration> {
        if limit == 0 {
            return Ok(());
        }
        let mut seen = self.seen.lock().expect("guard");
        // Forget peers with nothing in the window, so the map stays small.
        seen.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        let recent = seen.entry((what, uid)).or_default();
        while recent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            recent.pop_front();
        }
        if recent.len() >= limit as usize {
            let oldest = *recent.front().expect("limit > 0");
            return Err(WINDOW - now.duration_since(oldest));
        }
        recent.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_over_its_limit_waits_and_others_do_not() {
        let g = Guard::default();
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(
                g.allow(Counted::SignIn, 1000, 3, t0 + Duration::from_secs(i)),
                Ok(())
            );
        }
        let wait = g
            .allow(Counted::SignIn, 1000, 3, t0 + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        // Another uid, and another kind of event, have their own counts.
        assert_eq!(g.allow(Counted::SignIn, 1001, 3, t0), Ok(()));
        assert_eq!(g.allow(Counted::Connection, 1000, 3, t0), Ok(()));
        // A minute after the first, one more is allowed.
        assert_eq!(g.allow(Counted::SignIn, 1000, 3, t0 + WINDOW), Ok(()));
        assert_eq!(g.allow(Counted::SignIn, 7, 0, t0), Ok(()), "0 is unlimited");
    }
}

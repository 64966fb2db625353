//! The day's figures, from the tickets' histories alone: waiting time (from
//! joining a queue to being called), service time (from the visitor coming
//! to the window to the visit's end or transfer), visits finished, no-shows.
//! A transferred visitor waits and is served once per queue they stood in,
//! each counted in the category and by the operator of that leg.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Ticket, TicketState};

/// Seconds: median and 90th percentile by nearest rank (the value at rank
/// ⌈p·n⌉ of the sorted sample), and the longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread {
    pub count: usize,
    // JSON names carry the unit in full, as every duration the CLI prints does.
    #[serde(rename = "median_seconds")]
    pub median: i64,
    #[serde(rename = "p90_seconds")]
    pub p90: i64,
    #[serde(rename = "max_seconds")]
    pub max: i64,
}

impl Spread {
    pub fn of(sample: &[i64]) -> Option<Spread> {
        if sample.is_empty() {
            return None;
        }
        let mut s = sample.to_vec();
        s.sort_unstable();
        Some(Spread {
            count: s.len(),
            median: percentile(&s, 50),
            p90: percentile(&s, 90),
            max: s[s.len() - 1],
        })
    }
}

/// Nearest-rank percentile of a sorted, non-empty sample.
pub fn percentile(sorted: &[i64], p: u32) -> i64 {
    let n = sorted.len();
    let rank = (n * p as usize).div_ceil(100).max(1);
    sorted[rank.min(n) - 1]
}

/// The figures of one category, one operator, or the whole centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Figures {
    /// Tickets taken (categories: taken in it; operators: called by them).
    pub tickets: usize,
    pub served: usize,
    pub no_shows: usize,
    pub transferred: usize,
    pub cancelled: usize,
    pub waiting: Option<Spread>,
    pub service: Option<Spread>,
    #[serde(skip)]
    waits: Vec<i64>,
    #[serde(skip)]
    services: Vec<i64>,
}

impl Figures {
    fn close(&mut self) {
        self.waiting = Spread::of(&self.waits);
        self.service = Spread::of(&self.services);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayStats {
    pub day: NaiveDate,
    pub total: Figures,
    pub categories: BTreeMap<char, Figures>,
    pub operators: BTreeMap<String, Figures>,
    /// Tickets taken in each hour of the day (index = hour).
    pub arrivals: Vec<u32>,
    /// Still waiting or at a window when the figures were taken.
    pub open: usize,
    /// Visits that filed or issued an application, timed against the
    /// regulation's minutes (issue 13 item 5); filled where the
    /// applications are read (`Ops::queue_stats`).
    pub regulation: NormFigures,
}

/// Visits with a norm of the regulation, and those that kept it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NormFigures {
    pub timed: usize,
    pub within: usize,
}

impl NormFigures {
    pub fn count(&mut self, within: bool) {
        self.timed += 1;
        self.within += usize::from(within);
    }
}

/// The figures of `day` from its tickets (tickets of other days are ignored).
pub fn day_stats(tickets: &[Ticket], day: NaiveDate) -> DayStats {
    let mut st = DayStats {
        day,
        total: Figures::default(),
        categories: BTreeMap::new(),
        operators: BTreeMap::new(),
        arrivals: vec![0; 24],
        open: 0,
        regulation: NormFigures::default(),
    };
    for t in tickets.iter().filter(|t| t.day == day) {
        let first = t.history.first().map_or(t.category, |e| e.category);
        st.total.tickets += 1;
        st.categories.entry(first).or_default().tickets += 1;
        st.arrivals[chrono::Timelike::hour(&t.taken_at) as usize] += 1;
        if t.state.is_queued() || t.state.at_window() {
            st.open += 1;
        }
        // Walk the history: a queue leg starts at Waiting/Transferred and
        // ends at the first call; a service leg runs from Serving to the next event.
        let mut queued_since = None;
        let mut serving: Option<(chrono::NaiveDateTime, char, String)> = None;
        let mut left = first;
        for e in &t.history {
            // A transfer's event stands in the new category; it is counted in the one left.
            let from = std::mem::replace(&mut left, e.category);
            let by = e.by.clone().unwrap_or_default();
            if let Some((from, cat, op)) = serving.take() {
                let secs = (e.at - from).num_seconds();
                for f in [
                    &mut st.total,
                    st.categories.entry(cat).or_default(),
                    st.operators.entry(op).or_default(),
                ] {
                    f.services.push(secs);
                }
            }
            let fig = |st: &mut DayStats, f: &dyn Fn(&mut Figures)| {
                f(&mut st.total);
                f(st.categories.entry(e.category).or_default());
                f(st.operators.entry(by.clone()).or_default());
            };
            match e.state {
                TicketState::Waiting => queued_since = Some(e.at),
                TicketState::Transferred => {
                    st.total.transferred += 1;
                    st.categories.entry(from).or_default().transferred += 1;
                    st.operators.entry(by.clone()).or_default().transferred += 1;
                    queued_since = Some(e.at);
                }
                TicketState::Called => {
                    if let Some(from) = queued_since.take() {
                        let secs = (e.at - from).num_seconds();
                        st.total.waits.push(secs);
                        st.categories
                            .entry(e.category)
                            .or_default()
                            .waits
                            .push(secs);
                        let op = st.operators.entry(by.clone()).or_default();
                        op.waits.push(secs);
                        op.tickets += 1;
                    }
                }
                TicketState::Serving => serving = Some((e.at, e.category, by.clone())),
                TicketState::Done => fig(&mut st, &|f| f.served += 1),
                TicketState::NoShow => fig(&mut st, &|f| f.no_shows += 1),
                TicketState::Cancelled => {
                    // Nobody's doing: the centre's and the category's figure only.
                    st.total.cancelled += 1;
                    st.categories.entry(e.category).or_default().cancelled += 1;
                }
            }
        }
    }
    st.total.close();
    for f in st.categories.values_mut().chain(st.operators.values_mut()) {
        f.close();
    }
    st
}

/// Minutes a visit of `category` takes today: the median of today's service
/// legs once there are three, else `assumed`.
pub fn visit_minutes(stats: &DayStats, category: char, assumed: u32) -> u32 {
    match stats.categories.get(&category).and_then(|f| f.service) {
        Some(s) if s.count >= 3 => ((s.median + 59) / 60).max(1) as u32,
        _ => assumed,
    }
}

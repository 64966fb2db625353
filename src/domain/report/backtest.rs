//! The forecast held against what then happened: at each cut, the forecast
//! from the events up to it; afterwards, whether each application's step
//! was in fact completed past its due (or still open past it at the end).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{AppFacts, Period, ReportFold, forecast};
use crate::domain::catalog::Catalog;
use crate::domain::route::{Deadlines, Event, EventKind};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backtest {
    /// Forecasts whose outcome is known (withdrawn ones and ones still
    /// within their due at the end are left out).
    pub judged: u32,
    /// Forecast to miss the step's due.
    pub predicted: u32,
    /// Missed it in fact.
    pub breached: u32,
    /// Both.
    pub hits: u32,
}

impl Backtest {
    pub fn precision(&self) -> Option<f64> {
        (self.predicted > 0).then(|| f64::from(self.hits) / f64::from(self.predicted))
    }

    pub fn recall(&self) -> Option<f64> {
        (self.breached > 0).then(|| f64::from(self.hits) / f64::from(self.breached))
    }
}

/// Whether the step an application was on after `cut` ended past `due`;
/// None when that is not known (withdrawn, or still within its due at `end`).
fn breached(
    history: &[Event],
    cut: NaiveDateTime,
    due: NaiveDateTime,
    end: NaiveDateTime,
) -> Option<bool> {
    match history.iter().find(|e| e.at > cut) {
        Some(e) if matches!(e.what, EventKind::Withdrawn { .. }) => None,
        Some(e) => Some(e.at > due),
        None if end > due => Some(true),
        None => None,
    }
}

/// Forecasts at every cut over `apps` (each with its whole history up to `end`).
pub fn backtest(
    catalog: &Catalog,
    deadlines: &Deadlines,
    apps: &[(AppFacts, Vec<Event>)],
    cuts: &[NaiveDateTime],
    end: NaiveDateTime,
) -> Backtest {
    let mut out = Backtest::default();
    let whole = Period {
        from: NaiveDateTime::MIN.date(),
        to: end.date(),
    };
    for &cut in cuts {
        let mut fold = ReportFold::new(catalog, deadlines, whole);
        for (facts, history) in apps {
            for e in history.iter().take_while(|e| e.at <= cut) {
                fold.apply(facts, e);
            }
        }
        let histories: std::collections::HashMap<&str, &[Event]> = apps
            .iter()
            .map(|(f, h)| (f.number.as_str(), h.as_slice()))
            .collect();
        for row in forecast(&fold, cut) {
            let (Some(due), Some(history)) = (row.step_due, histories.get(row.number.as_str()))
            else {
                continue;
            };
            let Some(fact) = breached(history, cut, due, end) else {
                continue;
            };
            out.judged += 1;
            out.predicted += u32::from(row.misses_step);
            out.breached += u32::from(fact);
            out.hits += u32::from(row.misses_step && fact);
        }
    }
    out
}

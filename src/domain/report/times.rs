//! A step's actual time in its norm's own unit: office minutes for minutes
//! and hours, working days for working days, calendar days for calendar
//! days. Units are never converted into one another.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Office;
use crate::domain::norm::{Norm, NormUnit};
use crate::domain::queue::stats::percentile;

/// The time from `from` to `to` counted as `unit` counts: office minutes
/// (minutes and hours), working days after the start day, or calendar days.
pub fn elapsed(office: Office<'_>, from: NaiveDateTime, to: NaiveDateTime, unit: NormUnit) -> i64 {
    match unit {
        NormUnit::Minutes | NormUnit::Hours => office.working_minutes_between(from, to),
        NormUnit::WorkingDays => i64::from(office.working_days_between(from.date(), to.date())),
        NormUnit::CalendarDays => (to.date() - from.date()).num_days().max(0),
    }
}

/// How long a step took, against its norm: median, 90th percentile (nearest
/// rank) and maximum, in the norm's unit (hours may have a fraction).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepTimes {
    pub norm: Norm,
    pub count: usize,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
}

impl StepTimes {
    /// `sample` as `elapsed` counts it for `norm`'s unit.
    pub fn of(norm: Norm, sample: &[i64]) -> Option<StepTimes> {
        if sample.is_empty() {
            return None;
        }
        let mut s = sample.to_vec();
        s.sort_unstable();
        let in_unit = |v: i64| match norm.unit {
            NormUnit::Hours => v as f64 / 60.0,
            _ => v as f64,
        };
        Some(StepTimes {
            norm,
            count: s.len(),
            median: in_unit(percentile(&s, 50)),
            p90: in_unit(percentile(&s, 90)),
            max: in_unit(s[s.len() - 1]),
        })
    }
}

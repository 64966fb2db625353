//! The period a report covers: whole days, from and to inclusive, named
//! ("this month", "last quarter") or given as dates.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::WorkingCalendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The periods people name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodName {
    Today,
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
}

impl PeriodName {
    pub const ALL: [PeriodName; 6] = [
        PeriodName::Today,
        PeriodName::ThisMonth,
        PeriodName::LastMonth,
        PeriodName::ThisQuarter,
        PeriodName::LastQuarter,
        PeriodName::ThisYear,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodName::Today => "today",
            PeriodName::ThisMonth => "this-month",
            PeriodName::LastMonth => "last-month",
            PeriodName::ThisQuarter => "this-quarter",
            PeriodName::LastQuarter => "last-quarter",
            PeriodName::ThisYear => "this-year",
        }
    }
}

impl std::str::FromStr for PeriodName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PeriodName::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown period {s:?}: use today, this-month, last-month, this-quarter, last-quarter or this-year"
                )
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period ends ({to}) before it starts ({from})")]
    Reversed { from: NaiveDate, to: NaiveDate },
}

fn month_start(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("the first of a month exists")
}

/// The last day of the month `months` after the one starting at `start`.
fn end_after(start: NaiveDate, months: u32) -> NaiveDate {
    let index = start.year() * 12 + start.month0() as i32 + months as i32;
    month_start(index.div_euclid(12), index.rem_euclid(12) as u32 + 1) - Duration::days(1)
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::Reversed { from, to });
        }
        Ok(Period { from, to })
    }

    /// A named period as seen on `today` ("this month" runs to its last day).
    pub fn named(name: PeriodName, today: NaiveDate) -> Period {
        let month = month_start(today.year(), today.month());
        let quarter = month_start(today.year(), today.month0() / 3 * 3 + 1);
        let (from, to) = match name {
            PeriodName::Today => (today, today),
            PeriodName::ThisMonth => (month, end_after(month, 1)),
            PeriodName::LastMonth => {
                let last = month - Duration::days(1);
                (month_start(last.year(), last.month()), last)
            }
            PeriodName::ThisQuarter => (quarter, end_after(quarter, 3)),
            PeriodName::LastQuarter => {
                let last = quarter - Duration::days(1);
                (month_start(last.year(), last.month0() / 3 * 3 + 1), last)
            }
            PeriodName::ThisYear => (
                month_start(today.year(), 1),
                end_after(month_start(today.year(), 1), 12),
            ),
        };
        Period { from, to }
    }

    pub fn contains(&self, at: NaiveDateTime) -> bool {
        (self.from..=self.to).contains(&at.date())
    }

    /// The working days the period holds on `calendar` (holidays and moved
    /// days off excluded, transferred working Saturdays included).
    pub fn working_days(&self, calendar: &WorkingCalendar) -> u32 {
        calendar.working_days_in(self.from, self.to + Duration::days(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn named_periods_cover_whole_months_and_quarters() {
        let today = d(2026, 2, 10);
        let p = |n| Period::named(n, today);
        assert_eq!(
            p(PeriodName::ThisMonth),
            Period {
                from: d(2026, 2, 1),
                to: d(2026, 2, 28)
            }
        );
        assert_eq!(
            p(PeriodName::LastMonth),
            Period {
                from: d(2026, 1, 1),
                to: d(2026, 1, 31)
            }
        );
        assert_eq!(
            p(PeriodName::ThisQuarter),
            Period {
                from: d(2026, 1, 1),
                to: d(2026, 3, 31)
            }
        );
        assert_eq!(
            p(PeriodName::LastQuarter),
            Period {
                from: d(2025, 10, 1),
                to: d(2025, 12, 31)
            }
        );
        assert_eq!(
            p(PeriodName::ThisYear),
            Period {
                from: d(2026, 1, 1),
                to: d(2026, 12, 31)
            }
        );
        assert_eq!(
            Period::named(PeriodName::ThisMonth, d(2026, 12, 31)).to,
            d(2026, 12, 31)
        );
        assert!(Period::new(d(2026, 2, 2), d(2026, 2, 1)).is_err());
    }
}

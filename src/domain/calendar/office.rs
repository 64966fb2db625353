//! An office's hours on the working calendar: its schedule, deadlines
//! computed in its working time, and how a deadline stands (the SLA).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::*;
use crate::domain::norm::{Norm, NormUnit};
use crate::domain::roles::OrgKind;

/// Office hours within a working day: opening, closing and breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub open: NaiveTime,
    pub close: NaiveTime,
    #[serde(default)]
    pub breaks: Vec<(NaiveTime, NaiveTime)>,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid literal time")
}

impl Schedule {
    /// Providers: 09:00-18:30 with a 13:00-14:30 break.
    pub fn provider() -> Schedule {
        Schedule {
            open: hm(9, 0),
            close: hm(18, 30),
            breaks: vec![(hm(13, 0), hm(14, 30))],
        }
    }

    /// State Corporation centres: 09:00-18:00 without a break.
    pub fn state_corp() -> Schedule {
        Schedule {
            open: hm(9, 0),
            close: hm(18, 0),
            breaks: vec![],
        }
    }

    pub fn default_for(org: OrgKind) -> Schedule {
        match org {
            OrgKind::StateCorp => Schedule::state_corp(),
            OrgKind::Provider
            | OrgKind::AkimOffice
            | OrgKind::Commission
            | OrgKind::LocalExecutive => Schedule::provider(),
        }
    }

    /// The working intervals of one day, in order.
    pub fn intervals(&self) -> Vec<(NaiveTime, NaiveTime)> {
        let mut out = Vec::new();
        let mut start = self.open;
        for &(a, b) in &self.breaks {
            out.push((start, a));
            start = b;
        }
        out.push((start, self.close));
        out.retain(|(a, b)| a < b);
        out
    }
}

/// The working calendar with one office schedule: where deadlines are computed.
#[derive(Debug, Clone, Copy)]
pub struct Office<'a> {
    pub calendar: &'a WorkingCalendar,
    pub schedule: &'a Schedule,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DueError {
    #[error("{0} is outside the years the calendar covers ({FIRST_YEAR}-{LAST_YEAR})")]
    OutOfRange(NaiveDate),
}

impl Office<'_> {
    fn close_of(&self, date: NaiveDate) -> NaiveDateTime {
        date.and_time(self.schedule.close)
    }

    /// When a step started at `from` with `norm` is due.
    pub fn due(&self, from: NaiveDateTime, norm: Norm) -> Result<NaiveDateTime, DueError> {
        let check = |d: NaiveDate| {
            if WorkingCalendar::in_range(d) {
                Ok(())
            } else {
                Err(DueError::OutOfRange(d))
            }
        };
        check(from.date())?;
        let due = match norm.unit {
            NormUnit::Minutes => self.add_working_minutes(from, i64::from(norm.value)),
            NormUnit::Hours => self.add_working_minutes(from, i64::from(norm.value) * 60),
            NormUnit::WorkingDays => {
                let mut d = from.date();
                if norm.value == 0 {
                    d = self.calendar.working_on_or_after(d);
                }
                for _ in 0..norm.value {
                    d = self.calendar.next_working(d);
                    check(d)?;
                }
                self.close_of(d)
            }
            NormUnit::CalendarDays => {
                // A norm of millions of days lands past any date chrono has:
                // out of range, like any date past the calendar.
                let d = from
                    .date()
                    .checked_add_signed(Duration::days(i64::from(norm.value)))
                    .unwrap_or(NaiveDate::MAX);
                check(d)?;
                self.close_of(self.calendar.working_on_or_after(d))
            }
        };
        check(due.date())?;
        Ok(due)
    }

    /// Adds working minutes: time outside office hours, breaks and days off do
    /// not count. A start outside office hours counts from the next opening.
    fn add_working_minutes(&self, from: NaiveDateTime, minutes: i64) -> NaiveDateTime {
        let intervals = self.schedule.intervals();
        let mut left = minutes;
        let mut day = from.date();
        let mut at = from.time();
        loop {
            if self.calendar.is_working(day) {
                for &(a, b) in &intervals {
                    if at >= b {
                        continue;
                    }
                    let start = at.max(a);
                    let avail = (b - start).num_minutes();
                    if left <= avail {
                        return day.and_time(start) + Duration::minutes(left);
                    }
                    left -= avail;
                }
            }
            day = self.calendar.next_working(day);
            at = NaiveTime::MIN;
            if !WorkingCalendar::in_range(day) {
                return day.and_time(self.schedule.close);
            }
        }
    }

    /// Working minutes between two moments (0 when `to` is not after `from`):
    /// the first and last day clipped, the days between counted whole.
    pub fn working_minutes_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        if to <= from {
            return 0;
        }
        let intervals = self.schedule.intervals();
        let within = |day: NaiveDate| -> i64 {
            if !self.calendar.is_working(day) {
                return 0;
            }
            intervals
                .iter()
                .map(|&(a, b)| {
                    let s = day.and_time(a).max(from);
                    let e = day.and_time(b).min(to);
                    if e > s { (e - s).num_minutes() } else { 0 }
                })
                .sum()
        };
        let (first, last) = (from.date(), to.date());
        if first == last {
            return within(first);
        }
        let whole_day: i64 = intervals.iter().map(|&(a, b)| (b - a).num_minutes()).sum();
        let between = self
            .calendar
            .working_days_in(first + Duration::days(1), last);
        within(first) + i64::from(between) * whole_day + within(last)
    }

    /// Working days d with a < d <= b.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        self.calendar
            .working_days_in(a + Duration::days(1), b + Duration::days(1))
    }

    /// SLA of something started at `start`, due at `due`, under `norm`, seen at `now`.
    pub fn sla(
        &self,
        start: NaiveDateTime,
        due: NaiveDateTime,
        norm: Norm,
        now: NaiveDateTime,
    ) -> Sla {
        let overdue = now > due;
        let (a, b) = if overdue { (due, now) } else { (now, due) };
        let amount = match norm.unit {
            NormUnit::Minutes | NormUnit::Hours => {
                TimeAmount::WorkingMinutes(self.working_minutes_between(a, b))
            }
            NormUnit::WorkingDays => {
                TimeAmount::WorkingDays(self.working_days_between(a.date(), b.date()))
            }
            NormUnit::CalendarDays => {
                TimeAmount::CalendarDays((b.date() - a.date()).num_days().max(0) as u32)
            }
        };
        let state = if overdue {
            SlaState::Overdue
        } else {
            let whole = self.working_minutes_between(start, due);
            let left = self.working_minutes_between(now, due);
            if whole > 0 && left * 4 < whole {
                SlaState::AtRisk
            } else {
                SlaState::OnTime
            }
        };
        Sla { state, due, amount }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    OnTime,
    /// Less than a quarter of the norm left.
    AtRisk,
    Overdue,
}

/// Time left or overdue, in the norm's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeAmount {
    WorkingMinutes(i64),
    WorkingDays(u32),
    CalendarDays(u32),
}

impl fmt::Display for TimeAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            TimeAmount::WorkingMinutes(m) if m >= 60 => write!(f, "{} h {:02} min", m / 60, m % 60),
            TimeAmount::WorkingMinutes(m) => write!(f, "{m} min"),
            TimeAmount::WorkingDays(d) => write!(f, "{d} working days"),
            TimeAmount::CalendarDays(d) => write!(f, "{d} calendar days"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sla {
    pub state: SlaState,
    pub due: NaiveDateTime,
    /// Left when on time or at risk, overdue by when overdue.
    pub amount: TimeAmount,
}

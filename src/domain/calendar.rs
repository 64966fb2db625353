//! The Kazakh working calendar, office schedules and norm arithmetic.
//!
//! The law fixes the holidays (`catalog/calendar/holidays.toml`, rules with
//! the years they hold: `super::holidays`); per-year data
//! (`catalog/calendar/kz-YYYY.toml`) adds what is set each year: the first day
//! of Kurban Ait and the days off the Government moves by decree. Everything
//! here is pure: "now" is an argument.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::norm::{Norm, NormUnit};
use super::roles::OrgKind;

pub use super::holidays::Holiday;
use super::holidays::{Announced, HolidayRules, line_of};

/// One decreed change: a day that becomes a day off, or a weekend day that
/// becomes a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decree {
    pub date: NaiveDate,
    /// true: a working day by decree (e.g. a Sunday); false: a day off by decree.
    pub working: bool,
    /// The act that ordered it.
    pub act: String,
}

/// What a year's data file (`kz-YYYY.toml`) holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearData {
    pub year: i32,
    /// The first day of Kurban Ait, as announced for the year.
    pub kurban_ait: Option<NaiveDate>,
    /// True while the Kurban Ait date is only a forecast.
    #[serde(default)]
    pub provisional: bool,
    #[serde(default)]
    pub decrees: Vec<Decree>,
}

/// A year file as written, with where each value stands (for messages).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearText {
    year: Spanned<i32>,
    kurban_ait: Option<Spanned<NaiveDate>>,
    #[serde(default)]
    provisional: bool,
    #[serde(default)]
    decrees: Vec<Spanned<Decree>>,
}

impl YearData {
    /// Parses and checks a year file; errors name the file and the line.
    pub fn from_toml(origin: &str, text: &str) -> Result<YearData, String> {
        let raw: YearText = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        let at = |span: std::ops::Range<usize>, why: String| {
            format!("{origin}:{}: {why}", line_of(text, span.start))
        };
        let year = *raw.year.get_ref();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            let why = format!("year {year} is outside {FIRST_YEAR}-{LAST_YEAR}");
            return Err(at(raw.year.span(), why));
        }
        if let Some(k) = &raw.kurban_ait
            && k.get_ref().year() != year
        {
            return Err(at(k.span(), format!("kurban_ait is not in {year}")));
        }
        let mut seen = BTreeSet::new();
        for d in &raw.decrees {
            let decree = d.get_ref();
            let why = if decree.date.year() != year {
                format!("decree date {} is not in {year}", decree.date)
            } else if !seen.insert(decree.date) {
                format!("a second decree for {}", decree.date)
            } else if decree.act.trim().is_empty() {
                format!("the decree for {} names no act", decree.date)
            } else {
                continue;
            };
            return Err(at(d.span(), why));
        }
        Ok(YearData {
            year,
            kurban_ait: raw.kurban_ait.map(Spanned::into_inner),
            provisional: raw.provisional,
            decrees: raw.decrees.into_iter().map(Spanned::into_inner).collect(),
        })
    }
}

/// Why a day is or is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayReason {
    Weekday,
    Weekend,
    Holiday {
        holiday: Holiday,
    },
    /// A holiday fell on a weekend; its day off moved here.
    MovedDayOff {
        holiday: Holiday,
        from: NaiveDate,
    },
    DecreedDayOff {
        act: String,
    },
    DecreedWorkingDay {
        act: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    pub date: NaiveDate,
    pub working: bool,
    pub reason: DayReason,
    /// The year has no data file, or its Kurban Ait date is a forecast.
    pub provisional: bool,
}

impl fmt::Display for DayInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.working {
            "working day"
        } else {
            "day off"
        };
        write!(
            f,
            "{} ({}): {what}",
            self.date,
            weekday_en(self.date.weekday())
        )?;
        match &self.reason {
            DayReason::Weekday => Ok(()),
            DayReason::Weekend => write!(f, ", weekend"),
            DayReason::Holiday { holiday } => write!(
                f,
                ", {} / {} / {}",
                holiday.name_en(),
                holiday.name_ru(),
                holiday.name_kk()
            ),
            DayReason::MovedDayOff { holiday, from } => write!(
                f,
                ", day off moved from {from} ({}, {}) which fell on a weekend",
                holiday.name_en(),
                holiday.name_ru()
            ),
            DayReason::DecreedDayOff { act } => write!(f, ", day off by decree: {act}"),
            DayReason::DecreedWorkingDay { act } => {
                write!(f, ", working day by decree: {act}")
            }
        }?;
        if self.provisional {
            write!(
                f,
                " (provisional: no confirmed calendar data for {})",
                self.date.year()
            )?;
        }
        Ok(())
    }
}

fn weekday_en(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The non-working days of one year, worked out once.
#[derive(Debug, Clone, Default)]
struct Year {
    holidays: BTreeMap<NaiveDate, Holiday>,
    moved: BTreeMap<NaiveDate, (Holiday, NaiveDate)>,
    decrees: BTreeMap<NaiveDate, Decree>,
    provisional: bool,
}

impl Year {
    fn build(year: i32, rules: &HolidayRules, data: Option<&YearData>) -> Year {
        let mut holidays: BTreeMap<NaiveDate, Holiday> = rules
            .fixed_in(year)
            .map(|(date, h)| (date, h.clone()))
            .collect();
        if let Some(k) = data.and_then(|d| d.kurban_ait)
            && let Some(h) = rules.announced_in(year, Announced::KurbanAit)
        {
            holidays.insert(k, h.clone());
        }
        // A holiday that moves, falling on a weekend, moves its day off to the
        // next day that is neither a weekend, a holiday nor an already moved day off.
        let mut moved = BTreeMap::new();
        let mut taken: BTreeSet<NaiveDate> = BTreeSet::new();
        for (&date, h) in &holidays {
            if !h.moved_if_weekend || !is_weekend(date) {
                continue;
            }
            let mut d = date + Duration::days(1);
            while is_weekend(d) || holidays.contains_key(&d) || taken.contains(&d) {
                d += Duration::days(1);
            }
            taken.insert(d);
            moved.insert(d, (h.clone(), date));
        }
        let decrees = data
            .map(|d| d.decrees.iter().map(|x| (x.date, x.clone())).collect())
            .unwrap_or_default();
        Year {
            holidays,
            moved,
            decrees,
            provisional: data.is_none_or(|d| d.provisional),
        }
    }
}

/// Kazakhstan's working days. Years without a data file still get the
/// holidays the rules give them and the moving rule, but are marked provisional.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, Year>,
    /// `before[i]`: working days from FIRST_YEAR-01-01 up to (not
    /// including) that day + i. Deadline arithmetic over a list of 100,000
    /// counts days by subtraction instead of walking them.
    before: Vec<u32>,
}

/// The earliest and latest years the calendar computes; a date outside is refused.
pub const FIRST_YEAR: i32 = 1991;
pub const LAST_YEAR: i32 = 2100;

impl WorkingCalendar {
    pub fn new(rules: &HolidayRules, data: impl IntoIterator<Item = YearData>) -> WorkingCalendar {
        let data: BTreeMap<i32, YearData> = data.into_iter().map(|d| (d.year, d)).collect();
        let years = (FIRST_YEAR..=LAST_YEAR)
            .map(|y| (y, Year::build(y, rules, data.get(&y))))
            .collect();
        let mut cal = WorkingCalendar {
            years,
            before: Vec::new(),
        };
        let (first, last) = (Self::first_day(), Self::last_day());
        let mut before = Vec::with_capacity((last - first).num_days() as usize + 2);
        let mut n = 0;
        before.push(0);
        let mut d = first;
        while d <= last {
            n += u32::from(cal.computed_working(d));
            before.push(n);
            d += Duration::days(1);
        }
        cal.before = before;
        cal
    }

    fn first_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("valid literal date")
    }

    fn last_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).expect("valid literal date")
    }

    /// Working days d with from <= d < to.
    pub fn working_days_in(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let (first, last) = (Self::first_day(), Self::last_day());
        if from >= first && to <= last + Duration::days(1) {
            let i = |d: NaiveDate| (d - first).num_days() as usize;
            return self.before[i(to)] - self.before[i(from)];
        }
        // Outside the calendar's years: walk (deadlines there are refused anyway).
        let mut n = 0;
        let mut d = from;
        while d < to {
            n += u32::from(self.is_working(d));
            d += Duration::days(1);
        }
        n
    }

    /// The years from `from` to `to` (inclusive) whose holidays are not
    /// confirmed (no data file, or Kurban Ait only forecast): a deadline
    /// reaching into one may still move.
    pub fn provisional_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year())
            .filter(|y| self.years.get(y).is_none_or(|d| d.provisional))
            .collect()
    }

    pub fn in_range(date: NaiveDate) -> bool {
        (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
    }

    pub fn day(&self, date: NaiveDate) -> DayInfo {
        let year = self.years.get(&date.year());
        let provisional = year.is_none_or(|y| y.provisional);
        let (working, reason) = match year {
            None => (
                !is_weekend(date),
                if is_weekend(date) {
                    DayReason::Weekend
                } else {
                    DayReason::Weekday
                },
            ),
            Some(y) => {
                if let Some(dec) = y.decrees.get(&date) {
                    let act = dec.act.clone();
                    if dec.working {
                        (true, DayReason::DecreedWorkingDay { act })
                    } else {
                        (false, DayReason::DecreedDayOff { act })
                    }
                } else if let Some(holiday) = y.holidays.get(&date) {
                    let holiday = holiday.clone();
                    (false, DayReason::Holiday { holiday })
                } else if let Some((holiday, from)) = y.moved.get(&date) {
                    let (holiday, from) = (holiday.clone(), *from);
                    (false, DayReason::MovedDayOff { holiday, from })
                } else if is_weekend(date) {
                    (false, DayReason::Weekend)
                } else {
                    (true, DayReason::Weekday)
                }
            }
        };
        DayInfo {
            date,
            working,
            reason,
            provisional,
        }
    }

    pub fn is_working(&self, date: NaiveDate) -> bool {
        let first = Self::first_day();
        match usize::try_from((date - first).num_days()) {
            Ok(i) if i + 1 < self.before.len() => self.before[i + 1] > self.before[i],
            _ => self.computed_working(date),
        }
    }

    /// What `day` decides, without building its explanation.
    fn computed_working(&self, date: NaiveDate) -> bool {
        match self.years.get(&date.year()) {
            None => !is_weekend(date),
            Some(y) => match y.decrees.get(&date) {
                Some(dec) => dec.working,
                None => {
                    !(y.holidays.contains_key(&date)
                        || y.moved.contains_key(&date)
                        || is_weekend(date))
                }
            },
        }
    }

    /// The first working day strictly after `date`.
    pub fn next_working(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date + Duration::days(1);
        // A year has far fewer than 60 consecutive days off; the bound only
        // guards against a data file that declares everything off.
        for _ in 0..366 {
            if self.is_working(d) {
                return d;
            }
            d += Duration::days(1);
        }
        d
    }

    /// `date` itself when it is a working day, else the next one.
    pub fn working_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working(date) {
            date
        } else {
            self.next_working(date)
        }
    }
}

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

//! The breach forecast: for each open application, when its holder will
//! reach it (the applications ahead of it in due order at that holder, and
//! the holder's pace of that step over the last working days), and whether
//! that misses the step's due and the overall due.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{HolderKey, OpenCase, ReportFold};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::catalog::StepAction;
use crate::domain::norm::{Norm, NormUnit};
use crate::domain::roles::OrgKind;

/// The working days (before today) the holder's pace is measured over.
pub const PACE_DAYS: u32 = 5;

/// How the holder's pace stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outlook {
    /// Completions of the step per working day.
    Pace { per_day: f64 },
    /// Nobody at this holder completed the step in the window.
    NoPace,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastRow {
    pub number: String,
    pub service: String,
    pub step: usize,
    pub action: StepAction,
    pub holder: HolderKey,
    /// Applications at this holder for this step due before it.
    pub ahead: u32,
    pub outlook: Outlook,
    /// When the holder is expected to have completed it (None: no pace).
    pub expected: Option<NaiveDateTime>,
    pub step_due: Option<NaiveDateTime>,
    pub overall_due: Option<NaiveDateTime>,
    pub misses_step: bool,
    pub misses_overall: bool,
}

impl ForecastRow {
    pub fn breaches(&self) -> bool {
        self.misses_step || self.misses_overall
    }
}

/// The first day of the pace window: `PACE_DAYS` working days before
/// `today`. Only the changes since then make a holder's pace.
pub fn pace_window_start(calendar: &WorkingCalendar, today: NaiveDate) -> NaiveDate {
    let mut d = today;
    let mut found = 0;
    for _ in 0..120 {
        if found == PACE_DAYS {
            break;
        }
        d -= Duration::days(1);
        if calendar.is_working(d) {
            found += 1;
        }
    }
    d
}

fn due_order(c: &OpenCase) -> (NaiveDateTime, NaiveDateTime, &str) {
    (
        c.step_due.unwrap_or(NaiveDateTime::MAX),
        c.step_started,
        c.number.as_str(),
    )
}

/// Every open application not yet past its step's due or the overall due,
/// with its forecast, in due order.
pub fn forecast(fold: &ReportFold<'_>, now: NaiveDateTime) -> Vec<ForecastRow> {
    let mut cases = fold.open_cases();
    cases.sort_by(|a, b| due_order(a).cmp(&due_order(b)));
    let from = pace_window_start(&fold.deadlines().calendar, now.date());
    let mut ahead: HashMap<(HolderKey, StepAction), u32> = Default::default();
    let mut pace: HashMap<(HolderKey, StepAction), u32> = Default::default();
    let mut reach = Reach::default();
    let mut rows = Vec::new();
    for case in &cases {
        let slot = ahead.entry((case.holder.clone(), case.action)).or_default();
        let before = *slot;
        *slot += 1;
        let late = |due: Option<NaiveDateTime>| due.is_some_and(|d| now > d);
        if late(case.step_due) || late(case.overall_due) {
            continue;
        }
        // Each holder's pace once, not once per application it holds.
        let done = *pace
            .entry((case.holder.clone(), case.action))
            .or_insert_with(|| fold.completions(&case.holder, case.action, from..now.date()));
        rows.push(row(fold, &mut reach, case, before, done, now));
    }
    rows
}

fn row(
    fold: &ReportFold<'_>,
    reach: &mut Reach,
    case: &OpenCase,
    ahead: u32,
    done: u32,
    now: NaiveDateTime,
) -> ForecastRow {
    let outlook = if done == 0 {
        Outlook::NoPace
    } else {
        Outlook::Pace {
            per_day: f64::from(done) / f64::from(PACE_DAYS),
        }
    };
    let expected = match outlook {
        Outlook::Pace { per_day } => reach.reached(fold, case, f64::from(ahead + 1) / per_day, now),
        Outlook::NoPace => None,
    };
    let (misses_step, misses_overall) = match expected {
        Some(at) => (
            case.step_due.is_some_and(|d| at > d),
            case.overall_due
                .is_some_and(|d| finished(fold, case, at).is_none_or(|f| f > d)),
        ),
        // Nobody moves it: whatever is due will be missed.
        None => (case.step_due.is_some(), case.overall_due.is_some()),
    };
    ForecastRow {
        number: case.number.clone(),
        service: case.service.clone(),
        step: case.step,
        action: case.action,
        holder: case.holder.clone(),
        ahead,
        outlook,
        expected,
        step_due: case.step_due,
        overall_due: case.overall_due,
        misses_step,
        misses_overall,
    }
}

/// Where each holder's queue has been reached so far: the working minutes
/// after `now` and the moment they end, by holder, step and office. A busy
/// desk's cases come in due order with ever more ahead of them, so each
/// moment is found from the last one (working minutes add up: `m` after the
/// moment `n` minutes after `now` is `n + m` after `now`), not by walking
/// the calendar from `now` again for each case, which at thousands of cases
/// ahead was quadratic.
#[derive(Default)]
struct Reach {
    cursors: HashMap<(HolderKey, StepAction, OrgKind), Cursor>,
}

#[derive(Clone, Copy)]
struct Cursor {
    minutes: u32,
    /// None once past the calendar's years.
    at: Option<NaiveDateTime>,
}

impl Reach {
    /// `days` working days of the holder's office after `now`.
    fn reached(
        &mut self,
        fold: &ReportFold<'_>,
        case: &OpenCase,
        days: f64,
        now: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        let service = fold.catalog().get(&case.service)?;
        let step = service.route(&case.route)?.steps.get(case.step)?;
        let office = fold.deadlines().office(step.org);
        let day: i64 = office
            .schedule
            .intervals()
            .iter()
            .map(|&(a, b)| (b - a).num_minutes())
            .sum();
        let minutes = (days * day as f64).ceil().clamp(1.0, f64::from(u32::MAX)) as u32;
        let after =
            |from: NaiveDateTime, m: u32| office.due(from, Norm::new(m, NormUnit::Minutes)).ok();
        let key = (case.holder.clone(), case.action, step.org);
        let at = match self.cursors.get(&key) {
            Some(c) if c.minutes == minutes => c.at,
            Some(c) if c.minutes < minutes => c.at.and_then(|at| after(at, minutes - c.minutes)),
            _ => after(now, minutes),
        };
        self.cursors.insert(key, Cursor { minutes, at });
        at
    }
}

/// When the route would end if the rest of its steps took their norms from `at`.
fn finished(fold: &ReportFold<'_>, case: &OpenCase, at: NaiveDateTime) -> Option<NaiveDateTime> {
    let service = fold.catalog().get(&case.service)?;
    let route = service.route(&case.route)?;
    let mut end = at;
    for step in route.steps.iter().skip(case.step + 1) {
        if let Some(norm) = step.norm {
            end = fold.deadlines().due(step.org, end, norm).ok()?;
        }
    }
    Some(end)
}

//! The compliance fold: events in, figures out. Each application's events
//! arrive in their order (applications may interleave, as in the journal);
//! the fold keeps where each application stands and the period's tallies.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::cells::DayCells;
use super::pace::PaceKey;
use super::times::{StepTimes, elapsed};
use super::{AppFacts, GroupBy, GroupKey, HolderKey, OpenCase, Period};
use crate::domain::catalog::{Catalog, Step, StepAction};
use crate::domain::norm::Norm;
use crate::domain::route::{
    Deadlines, Decision, Event, EventKind, StepOutput, bound_to_assignee, step_action,
};

/// The figures of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Taken in during the period (refusals at intake included).
    pub received: u32,
    /// Routes finished during the period (positive results and motivated refusals).
    pub completed: u32,
    /// Of those, finished by the overall due.
    pub completed_on_time: u32,
    /// Open now, and past the step's due or the overall due.
    pub overdue_now: u32,
    pub refused_at_intake: u32,
    /// Motivated refusals decided during the period.
    pub refused_motivated: u32,
    pub withdrawn: u32,
    /// Steps completed during the period, and of those by their due.
    pub steps_completed: u32,
    pub steps_on_time: u32,
}

/// What a step row adds: the step's action and norm, and its times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepInfo {
    pub action: StepAction,
    pub norm: Option<Norm>,
    pub times: Option<StepTimes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRow {
    pub key: GroupKey,
    pub tally: Tally,
    /// completed_on_time / completed (None: nothing completed).
    pub on_time_share: Option<f64>,
    /// steps_on_time / steps_completed.
    pub step_on_time_share: Option<f64>,
    pub step: Option<StepInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceReport {
    pub period: Period,
    pub working_days: u32,
    pub now: NaiveDateTime,
    /// The total first, then every grouping's rows in key order.
    pub rows: Vec<ComplianceRow>,
    /// Routes finished on each day of the period that saw any, in day order.
    pub daily_completed: Vec<DayCount>,
}

/// How many routes finished on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: NaiveDate,
    pub completed: u32,
}

impl ComplianceReport {
    pub fn total(&self) -> Option<&ComplianceRow> {
        self.rows.iter().find(|r| r.key == GroupKey::Total)
    }

    pub fn rows_by(&self, by: GroupBy) -> impl Iterator<Item = &ComplianceRow> {
        self.rows.iter().filter(move |r| r.key.group() == Some(by))
    }
}

/// The step an application is on, since when, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OnStep {
    step: usize,
    entered: NaiveDateTime,
    due: Option<NaiveDateTime>,
    /// Whether `due` is computed: a fold that only tracks computes it for
    /// the step an application stands on after its events, not for every
    /// step it passed (a calendar walk each).
    due_known: bool,
}

#[derive(Debug, Clone)]
struct Track {
    facts: AppFacts,
    on: Option<OnStep>,
    assignee: Option<String>,
}

/// Whether `e` sets where its application stands (`ReportFold::apply`
/// sets the step from the event alone for these, and leaves it for the
/// others): where a history leaves an application is the last such event's.
pub(super) fn moves_track(e: &Event) -> bool {
    !matches!(
        e.what,
        EventKind::PowerOfAttorneyChecked { .. }
            | EventKind::VisitCalled { .. }
            | EventKind::ResultReceived { .. }
    )
}

/// What the fold counts events into.
pub(super) enum Counting {
    /// The period's tallies: events on its days.
    Period,
    /// Every event, into the cell of its day (`cells_of`).
    Ledger(DayCells),
    /// Nothing: only where each application stands (`track`).
    Off,
}

/// The fold itself. `apply` every event, then `report` at any moment.
pub struct ReportFold<'a> {
    catalog: &'a Catalog,
    deadlines: &'a Deadlines,
    pub(super) period: Period,
    /// Where each application stands, shared by the folds of one scope
    /// (`share_tracks`): copied only if one of them is changed after.
    tracks: Arc<BTreeMap<String, Track>>,
    pub(super) tallies: BTreeMap<GroupKey, Tally>,
    pub(super) samples: BTreeMap<GroupKey, Vec<i64>>,
    /// How many steps each holder completed of each action, by day: the
    /// forecast's pace (from the events applied, or the cells' pace).
    pub(super) completions: HashMap<PaceKey, BTreeMap<NaiveDate, u32>>,
    /// Routes finished per day of the period.
    pub(super) daily: BTreeMap<NaiveDate, u32>,
    pub(super) counting: Counting,
    /// The day of the event being applied.
    day: NaiveDate,
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

impl<'a> ReportFold<'a> {
    pub fn new(catalog: &'a Catalog, deadlines: &'a Deadlines, period: Period) -> Self {
        ReportFold {
            catalog,
            deadlines,
            period,
            tracks: Arc::new(BTreeMap::new()),
            tallies: BTreeMap::new(),
            samples: BTreeMap::new(),
            completions: HashMap::new(),
            daily: BTreeMap::new(),
            counting: Counting::Period,
            day: period.from,
        }
    }

    fn step_def(&self, facts: &AppFacts, step: usize) -> Option<&'a Step> {
        let service = self.catalog.get(&facts.service)?;
        service.route(&facts.route)?.steps.get(step)
    }

    /// The application's rows, its organisation's being `org` (else the
    /// provider's).
    pub(super) fn app_keys(facts: &AppFacts, org: Option<&str>) -> [GroupKey; 4] {
        [
            GroupKey::Total,
            GroupKey::Region(facts.region.clone()),
            GroupKey::Org(org.unwrap_or(&facts.provider).to_string()),
            GroupKey::Service(facts.service.clone()),
        ]
    }

    fn step_key(facts: &AppFacts, step: usize) -> GroupKey {
        GroupKey::Step {
            service: facts.service.clone(),
            route: facts.route.clone(),
            step,
        }
    }

    /// Adds to the application's rows, under `org` instead of its provider
    /// when given, and to `extra` ones (in a ledger: `Total` stands for the
    /// application's rows, known from its cell, and `Org(org)` for them
    /// with `org` in the provider's place).
    fn count(
        &mut self,
        facts: &AppFacts,
        org: Option<&str>,
        extra: &[GroupKey],
        add: impl Fn(&mut Tally),
    ) {
        if let Counting::Ledger(cells) = &mut self.counting {
            let cell = cells.entry(self.day).or_default();
            let first = org.map_or(GroupKey::Total, |o| GroupKey::Org(o.to_string()));
            for key in std::iter::once(&first).chain(extra) {
                add(cell.tallies.entry(key.clone()).or_default());
            }
            return;
        }
        for key in Self::app_keys(facts, org).iter().chain(extra) {
            add(self.tallies.entry(key.clone()).or_default());
        }
    }

    /// One step time of `key`.
    fn sample(&mut self, key: GroupKey, taken: i64) {
        match &mut self.counting {
            Counting::Ledger(cells) => {
                let cell = cells.entry(self.day).or_default();
                *cell
                    .samples
                    .entry(key)
                    .or_default()
                    .entry(taken)
                    .or_default() += 1;
            }
            _ => self.samples.entry(key).or_default().push(taken),
        }
    }

    /// Where an application stands after `e`, counting nothing: the open
    /// cases next to figures added from cells.
    pub fn track(&mut self, facts: &AppFacts, e: &Event) {
        self.track_history(facts, std::slice::from_ref(e));
    }

    /// `track` of each of `events`, in order.
    pub fn track_history(&mut self, facts: &AppFacts, events: &[Event]) {
        let counting = std::mem::replace(&mut self.counting, Counting::Off);
        self.apply_history(facts, events);
        self.counting = counting;
    }

    fn enter(&self, facts: &AppFacts, step: usize, at: NaiveDateTime) -> OnStep {
        let due_known = !matches!(self.counting, Counting::Off);
        OnStep {
            step,
            entered: at,
            due: due_known.then(|| self.due_of(facts, step, at)).flatten(),
            due_known,
        }
    }

    fn due_of(&self, facts: &AppFacts, step: usize, at: NaiveDateTime) -> Option<NaiveDateTime> {
        let s = self.step_def(facts, step)?;
        s.norm
            .and_then(|norm| self.deadlines.due(s.org, at, norm).ok())
    }

    /// Who holds step `step` of an application: the assigned specialist by
    /// name, else the step's role at the application's organisation.
    fn holder_of(step: &Step, facts: &AppFacts, person: Option<&str>) -> HolderKey {
        let org = facts.org_for(step.org).to_string();
        match person {
            Some(login) if bound_to_assignee(step) => HolderKey::Person {
                login: login.to_string(),
                org,
            },
            _ => HolderKey::Office {
                org,
                role: step.role,
            },
        }
    }

    /// One event of the application `facts` describes.
    pub fn apply(&mut self, facts: &AppFacts, e: &Event) {
        self.apply_history(facts, std::slice::from_ref(e));
    }

    /// `apply` of each of `events`, in order: the application's track
    /// taken out of the fold once for them all.
    pub fn apply_history(&mut self, facts: &AppFacts, events: &[Event]) {
        let mut track = Arc::make_mut(&mut self.tracks)
            .remove(&facts.number)
            .unwrap_or_else(|| Track {
                facts: facts.clone(),
                on: None,
                assignee: None,
            });
        for e in events {
            self.event(&mut track, facts, e);
        }
        if let Some(on) = track.on.as_mut().filter(|on| !on.due_known) {
            on.due = self.due_of(facts, on.step, on.entered);
            on.due_known = true;
        }
        Arc::make_mut(&mut self.tracks).insert(facts.number.clone(), track);
    }

    /// Where the applications stand as `other` tracked them: folds of one
    /// scope read the applications in progress once and share what that
    /// found instead of each tracking them all again.
    pub fn share_tracks(&mut self, other: &ReportFold<'_>) {
        self.tracks = Arc::clone(&other.tracks);
    }

    fn event(&mut self, track: &mut Track, facts: &AppFacts, e: &Event) {
        self.day = e.at.date();
        let in_period = match self.counting {
            Counting::Period => self.period.contains(e.at),
            Counting::Ledger(_) => true,
            Counting::Off => false,
        };
        match &e.what {
            EventKind::Submitted { .. } => {
                if in_period {
                    self.count(facts, None, &[], |t| t.received += 1);
                }
                track.on = Some(self.enter(facts, e.to_step.unwrap_or(0), e.at));
            }
            EventKind::Completed { output, .. } => {
                if let Some(on) = track.on.take() {
                    self.completed_step(track, &on, e, in_period, output);
                }
                track.on = e.to_step.map(|n| self.enter(facts, n, e.at));
                if e.to_step.is_none() && in_period {
                    if matches!(self.counting, Counting::Period) {
                        *self.daily.entry(e.at.date()).or_default() += 1;
                    }
                    let on_time = facts.overall_due.is_none_or(|d| e.at <= d);
                    self.count(facts, None, &[], |t| {
                        t.completed += 1;
                        t.completed_on_time += u32::from(on_time);
                    });
                }
            }
            EventKind::Returned { .. } => {
                track.on = e.to_step.map(|n| self.enter(facts, n, e.at));
            }
            EventKind::IntakeRefused { .. } | EventKind::IntakeRefusedWith { .. } => {
                track.on = None;
                if in_period {
                    self.count(facts, None, &[], |t| t.refused_at_intake += 1);
                }
            }
            EventKind::Withdrawn { .. } => {
                track.on = None;
                if in_period {
                    self.count(facts, None, &[], |t| t.withdrawn += 1);
                }
            }
            EventKind::Issued { .. } => track.on = None,
            // Where the application stands is left as it was (`moves_track`).
            EventKind::PowerOfAttorneyChecked { .. }
            | EventKind::VisitCalled { .. }
            | EventKind::ResultReceived { .. } => {}
        }
    }

    /// A step completed by `e`: its time, its tallies, and the holder's pace.
    fn completed_step(
        &mut self,
        track: &mut Track,
        on: &OnStep,
        e: &Event,
        in_period: bool,
        output: &StepOutput,
    ) {
        let facts = track.facts.clone();
        if let StepOutput::Assigned { specialist, .. } = output {
            track.assignee = Some(specialist.clone());
        }
        let Some(step) = self.step_def(&facts, on.step) else {
            return;
        };
        let pace = PaceKey {
            holder: Self::holder_of(step, &facts, Some(&e.by)),
            action: step_action(step, facts.channel),
        };
        self.completed_by(pace, e.at.date());
        if !in_period {
            return;
        }
        let key = Self::step_key(&facts, on.step);
        if let Some(norm) = step.norm {
            let office = self.deadlines.office(step.org);
            let taken = elapsed(office, on.entered, e.at, norm.unit);
            self.sample(key.clone(), taken);
        }
        let on_time = on.due.is_none_or(|d| e.at <= d);
        let refused = matches!(output.decision(), Some(Decision::Refuse { .. }));
        let org = facts.step_org(step.org);
        self.count(&facts, org, &[key, GroupKey::Person(e.by.clone())], |t| {
            t.steps_completed += 1;
            t.steps_on_time += u32::from(on_time);
        });
        if refused {
            self.count(&facts, None, &[], |t| t.refused_motivated += 1);
        }
    }

    /// Open applications, where they stand now.
    pub fn open_cases(&self) -> Vec<OpenCase> {
        self.tracks
            .values()
            .filter_map(|t| {
                let on = t.on.as_ref()?;
                let step = self.step_def(&t.facts, on.step)?;
                Some(OpenCase {
                    number: t.facts.number.clone(),
                    service: t.facts.service.clone(),
                    route: t.facts.route.clone(),
                    step: on.step,
                    action: step_action(step, t.facts.channel),
                    holder: Self::holder_of(step, &t.facts, t.assignee.as_deref()),
                    step_started: on.entered,
                    step_due: on.due,
                    overall_due: t.facts.overall_due,
                })
            })
            .collect()
    }

    pub fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    pub fn deadlines(&self) -> &'a Deadlines {
        self.deadlines
    }

    /// The figures as they stand at `now` (overdue counts against `now`).
    pub fn report(&self, now: NaiveDateTime) -> ComplianceReport {
        let mut tallies = self.tallies.clone();
        for case in self.open_cases() {
            let late = |due: Option<NaiveDateTime>| due.is_some_and(|d| now > d);
            if !late(case.step_due) && !late(case.overall_due) {
                continue;
            }
            let Some(track) = self.tracks.get(&case.number) else {
                continue;
            };
            // Late at the akimat's step: the akimat's.
            let org = self
                .step_def(&track.facts, case.step)
                .and_then(|s| track.facts.step_org(s.org));
            let mut keys = Self::app_keys(&track.facts, org).to_vec();
            keys.push(Self::step_key(&track.facts, case.step));
            if let HolderKey::Person { login, .. } = &case.holder {
                keys.push(GroupKey::Person(login.clone()));
            }
            for key in keys {
                tallies.entry(key).or_default().overdue_now += 1;
            }
        }
        let rows = tallies
            .into_iter()
            .map(|(key, tally)| self.row(key, tally))
            .collect();
        ComplianceReport {
            period: self.period,
            working_days: self.period.working_days(&self.deadlines.calendar),
            now,
            rows,
            daily_completed: self
                .daily
                .iter()
                .map(|(&day, &completed)| DayCount { day, completed })
                .collect(),
        }
    }

    /// A step row's action (as the regulation names it), norm and times.
    fn step_info(&self, key: &GroupKey) -> Option<StepInfo> {
        let GroupKey::Step {
            service,
            route,
            step,
        } = key
        else {
            return None;
        };
        let def = self.catalog.get(service)?.route(route)?.steps.get(*step)?;
        let sample = self.samples.get(key).map_or(&[][..], Vec::as_slice);
        Some(StepInfo {
            action: def.action,
            norm: def.norm,
            times: def.norm.and_then(|n| StepTimes::of(n, sample)),
        })
    }

    fn row(&self, key: GroupKey, tally: Tally) -> ComplianceRow {
        let step = self.step_info(&key);
        ComplianceRow {
            on_time_share: share(tally.completed_on_time, tally.completed),
            step_on_time_share: share(tally.steps_on_time, tally.steps_completed),
            key,
            tally,
            step,
        }
    }
}

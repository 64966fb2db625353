//! Figures kept as the journal is written: what each application adds to
//! each day, as cells the store keeps per day, organisations and service.
//! A cell holds the fold's tallies for `GroupKey::Total` (standing for the
//! application's region, provider and service rows, which its cell's key
//! names), its steps and its people, and each step's times as a histogram.
//! A report over a period adds up the cells of its days (`ReportFold::add_cell`)
//! instead of reading every application. A cell also counts each holder's
//! completions of each action on its day: the forecast's pace, read from
//! the cells of the last working days instead of the applications closed
//! in them (`ReportFold::add_pace`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fold::{Counting, moves_track};
use super::pace::PaceKey;
use super::{AppFacts, GroupKey, Period, ReportFold, Tally};
use crate::domain::catalog::Catalog;
use crate::domain::route::{Deadlines, Event};

/// What the applications of one cell added on one day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub tallies: BTreeMap<GroupKey, Tally>,
    /// Step times in the norm's unit (as `elapsed` counts): value → how many.
    pub samples: BTreeMap<GroupKey, BTreeMap<i64, u32>>,
    /// Steps completed on the day, by holder and action.
    pub pace: BTreeMap<PaceKey, u32>,
}

/// Cells by day.
pub type DayCells = BTreeMap<NaiveDate, Cell>;

impl Tally {
    fn fields(&mut self) -> [&mut u32; 9] {
        [
            &mut self.received,
            &mut self.completed,
            &mut self.completed_on_time,
            &mut self.overdue_now,
            &mut self.refused_at_intake,
            &mut self.refused_motivated,
            &mut self.withdrawn,
            &mut self.steps_completed,
            &mut self.steps_on_time,
        ]
    }

    pub fn add(&mut self, other: &Tally) {
        let mut o = other.clone();
        for (a, b) in self.fields().into_iter().zip(o.fields()) {
            *a += *b;
        }
    }

    /// `self - other`, never below zero.
    pub fn sub(&mut self, other: &Tally) {
        let mut o = other.clone();
        for (a, b) in self.fields().into_iter().zip(o.fields()) {
            *a = a.saturating_sub(*b);
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Tally::default()
    }
}

impl Cell {
    pub fn add(&mut self, other: &Cell) {
        for (k, t) in &other.tallies {
            self.tallies.entry(k.clone()).or_default().add(t);
        }
        for (k, values) in &other.samples {
            let mine = self.samples.entry(k.clone()).or_default();
            for (&v, &n) in values {
                *mine.entry(v).or_default() += n;
            }
        }
        for (k, &n) in &other.pace {
            *self.pace.entry(k.clone()).or_default() += n;
        }
    }

    /// `self - other`, dropping what reaches zero.
    pub fn sub(&mut self, other: &Cell) {
        for (k, t) in &other.tallies {
            if let Some(mine) = self.tallies.get_mut(k) {
                mine.sub(t);
            }
        }
        self.tallies.retain(|_, t| !t.is_zero());
        for (k, values) in &other.samples {
            if let Some(mine) = self.samples.get_mut(k) {
                for (v, n) in values {
                    if let Some(m) = mine.get_mut(v) {
                        *m = m.saturating_sub(*n);
                    }
                }
                mine.retain(|_, n| *n > 0);
            }
        }
        self.samples.retain(|_, v| !v.is_empty());
        for (k, n) in &other.pace {
            if let Some(m) = self.pace.get_mut(k) {
                *m = m.saturating_sub(*n);
            }
        }
        self.pace.retain(|_, n| *n > 0);
    }

    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty() && self.samples.is_empty() && self.pace.is_empty()
    }
}

/// Folds that write cells, and read them.
impl<'a> ReportFold<'a> {
    /// A fold that counts every event into the cell of its day.
    pub fn ledger(catalog: &'a Catalog, deadlines: &'a Deadlines) -> Self {
        let day = NaiveDate::MIN;
        let mut fold = ReportFold::new(catalog, deadlines, Period { from: day, to: day });
        fold.counting = Counting::Ledger(DayCells::new());
        fold
    }

    /// The cells a ledger fold counted (empty for the others).
    pub fn into_cells(self) -> DayCells {
        match self.counting {
            Counting::Ledger(cells) => cells,
            _ => DayCells::new(),
        }
    }

    /// The figures of one day's cell of applications with these facts
    /// (region, provider, service), when the day is in the period.
    pub fn add_cell(&mut self, day: NaiveDate, facts: &AppFacts, cell: &Cell) {
        if !self.period.contains(day.and_time(chrono::NaiveTime::MIN)) {
            return;
        }
        for (key, tally) in &cell.tallies {
            let keys = match key {
                GroupKey::Total => Self::app_keys(facts, None).to_vec(),
                GroupKey::Org(org) => Self::app_keys(facts, Some(org)).to_vec(),
                other => vec![other.clone()],
            };
            for k in keys {
                self.tallies.entry(k).or_default().add(tally);
            }
        }
        for (key, values) in &cell.samples {
            let sample = self.samples.entry(key.clone()).or_default();
            for (&v, &n) in values {
                sample.extend(std::iter::repeat_n(v, n as usize));
            }
        }
        if let Some(t) = cell
            .tallies
            .get(&GroupKey::Total)
            .filter(|t| t.completed > 0)
        {
            *self.daily.entry(day).or_default() += t.completed;
        }
    }
}

/// What one application's events add to each day.
pub fn cells_of(
    catalog: &Catalog,
    deadlines: &Deadlines,
    facts: &AppFacts,
    history: &[Event],
) -> DayCells {
    let mut fold = ReportFold::ledger(catalog, deadlines);
    fold.apply_history(facts, history);
    fold.into_cells()
}

/// What changing an application from `before` (its facts and history) to
/// `facts` and `history` adds to each day, the days left as they were
/// omitted. An event counts on its own day, from where the application
/// stood before it, and where it stands after a history is set by the last
/// event that moves it (`moves_track`): so while the facts are the same and
/// the history only grew (every change), the old events add what they
/// added before and only the new ones are folded, from that last event;
/// anything else folds both histories whole (`cells_delta`).
pub fn cells_added(
    catalog: &Catalog,
    deadlines: &Deadlines,
    before: Option<(&AppFacts, &[Event])>,
    facts: &AppFacts,
    history: &[Event],
) -> DayCells {
    let Some((old_facts, old)) = before else {
        return cells_of(catalog, deadlines, facts, history);
    };
    if old_facts != facts || !history.starts_with(old) {
        return cells_delta(
            cells_of(catalog, deadlines, old_facts, old),
            cells_of(catalog, deadlines, facts, history),
        );
    }
    let mut fold = ReportFold::ledger(catalog, deadlines);
    if let Some(last) = old.iter().rev().find(|e| moves_track(e)) {
        fold.track(facts, last);
    }
    fold.apply_history(facts, &history[old.len()..]);
    let mut cells = fold.into_cells();
    cells.retain(|_, c| !c.is_empty());
    cells
}

/// What changing an application from the cells `before` to `after` adds to
/// each day: the new ones less the old (a history only grows, so nothing
/// goes negative); the days it leaves as they were are omitted.
pub fn cells_delta(before: DayCells, mut after: DayCells) -> DayCells {
    for (day, cell) in &before {
        if let Some(d) = after.get_mut(day) {
            d.sub(cell);
        }
    }
    after.retain(|_, c| !c.is_empty());
    after
}

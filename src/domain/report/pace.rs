//! The holders' pace, which the forecast measures: how many steps of each
//! action each holder completed, by day. A fold counting a period keeps its
//! own from the events; a ledger writes them to the day's cell, so that a
//! forecast adds up the cells of the last working days (`add_pace`) instead
//! of reading every application closed in them.

use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cells::Cell;
use super::fold::Counting;
use super::{HolderKey, ReportFold};
use crate::domain::catalog::StepAction;

/// Whose completions of what a cell's pace counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PaceKey {
    pub holder: HolderKey,
    pub action: StepAction,
}

impl ReportFold<'_> {
    /// A completion for the pace: on its day's cell in a ledger, with the
    /// fold's own when counting a period; a fold that only tracks counts
    /// none (its pace is the cells').
    pub(super) fn completed_by(&mut self, pace: PaceKey, day: NaiveDate) {
        match &mut self.counting {
            Counting::Ledger(cells) => {
                *cells.entry(day).or_default().pace.entry(pace).or_default() += 1;
            }
            Counting::Period => {
                *self
                    .completions
                    .entry(pace)
                    .or_default()
                    .entry(day)
                    .or_default() += 1;
            }
            Counting::Off => {}
        }
    }

    /// The completions a day's cell counts, whatever the period (the pace
    /// is measured over its own days: `forecast::pace_window_start`).
    pub fn add_pace(&mut self, day: NaiveDate, cell: &Cell) {
        for (key, &n) in &cell.pace {
            *self
                .completions
                .entry(key.clone())
                .or_default()
                .entry(day)
                .or_default() += n;
        }
    }

    /// How many steps of `action` `holder` completed on `days`.
    pub fn completions(
        &self,
        holder: &HolderKey,
        action: StepAction,
        days: Range<NaiveDate>,
    ) -> u32 {
        let key = PaceKey {
            holder: holder.clone(),
            action,
        };
        self.completions
            .get(&key)
            .map_or(0, |by_day| by_day.range(days).map(|(_, n)| n).sum())
    }
}

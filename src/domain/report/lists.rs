//! What is late, or will be late today, by holder: the list to act on.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{HolderKey, OpenCase, ReportFold};
use crate::domain::calendar::{SlaState, TimeAmount};
use crate::domain::catalog::StepAction;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueRow {
    pub number: String,
    pub service: String,
    /// 0-based index of the step in the route.
    pub step: usize,
    pub action: StepAction,
    pub holder: HolderKey,
    pub started: NaiveDateTime,
    pub due: NaiveDateTime,
    /// Overdue, or at risk (due today or less than a quarter of the norm left).
    pub state: SlaState,
    /// How long overdue, or left, in the norm's own terms.
    pub amount: TimeAmount,
}

/// Every open application past its step's due or due by the end of today,
/// grouped by holder, the most overdue first within each.
pub fn overdue(fold: &ReportFold<'_>, now: NaiveDateTime) -> Vec<OverdueRow> {
    let mut rows: Vec<OverdueRow> = fold
        .open_cases()
        .iter()
        .filter_map(|case| row(fold, case, now))
        .collect();
    rows.sort_by(|a, b| (&a.holder, a.due, &a.number).cmp(&(&b.holder, b.due, &b.number)));
    rows
}

fn row(fold: &ReportFold<'_>, case: &OpenCase, now: NaiveDateTime) -> Option<OverdueRow> {
    let service = fold.catalog().get(&case.service)?;
    let step = service.route(&case.route)?.steps.get(case.step)?;
    let due = case.step_due?;
    let sla = fold
        .deadlines()
        .office(step.org)
        .sla(case.step_started, due, step.norm?, now);
    let state = match sla.state {
        SlaState::OnTime if due.date() == now.date() => SlaState::AtRisk,
        SlaState::OnTime => return None,
        other => other,
    };
    Some(OverdueRow {
        number: case.number.clone(),
        service: case.service.clone(),
        step: case.step,
        action: case.action,
        holder: case.holder.clone(),
        started: case.step_started,
        due,
        state,
        amount: sla.amount,
    })
}

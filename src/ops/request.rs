//! What callers ask of the operations: an intake, an act on an application
//! and its kind, a list filter, and a specialist's load as the head sees it.

use crate::domain::catalog::{Channel, StepAction};
use crate::domain::route::{ActText, RefusalGround, Representative};

/// An intake as the counter fills it in.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SubmitRequest {
    pub service: String,
    pub channel: Channel,
    pub iin: String,
    pub name: String,
    pub phone: Option<String>,
    pub representative: Option<Representative>,
    /// The intake organisation; defaults to the acting user's.
    pub org: Option<String>,
    /// Documents handed in; None means the whole checklist.
    pub documents: Option<Vec<String>>,
    /// Of the documents handed in, those whose term of validity has run out
    /// (001:82): intake is refused naming them apart from the missing ones.
    pub expired: Vec<String>,
    /// The applicant's district, which decides the provider; default the intake office's.
    pub district: Option<String>,
    /// The representative's power is notarised: the State Corporation checks
    /// it in ЕНИС (003:290-302).
    pub notarised: bool,
}

/// What `app act` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ActKind {
    /// Complete the current step, whatever its action.
    Complete,
    /// Complete the current step, which must have this action.
    Step(StepAction),
    Return,
    Withdraw,
    RefuseIntake,
    /// Hand the ready result over at the counter.
    Issue,
    /// Record at the State Corporation's centre the result the provider
    /// handed over, with the journal's mark (in `comment`).
    Receive,
}

impl std::str::FromStr for ActKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "complete" => ActKind::Complete,
            "return" => ActKind::Return,
            "withdraw" => ActKind::Withdraw,
            "refuse-intake" | "refuse_intake" => ActKind::RefuseIntake,
            "issue" => ActKind::Issue,
            "receive" => ActKind::Receive,
            "decide" => ActKind::Step(StepAction::Execute),
            other => {
                // `issue` is its own act (with the collector's IIN) above.
                let action = StepAction::ALL
                    .into_iter()
                    .filter(|a| *a != StepAction::Issue)
                    .find(|a| a.as_str() == other)
                .ok_or_else(|| {
                    format!(
                        "unknown action {other:?}: use register, assign, review, inspect, decide, conclude, sign, \
                         forward, dispatch, receive, issue, return, withdraw, refuse-intake or complete"
                    )
                })?;
                ActKind::Step(action)
            }
        })
    }
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ActRequest {
    /// assign: the specialist.
    pub to: Option<String>,
    /// execute: approve (true) or refuse (false).
    pub approve: Option<bool>,
    /// execute/approve: the result kind (default: the service's first).
    pub result: Option<String>,
    pub ground: Option<RefusalGround>,
    /// resolution, refusal text, return comment, withdrawal reason, act text,
    /// the centre's journal mark on a receipt.
    pub comment: Option<String>,
    /// return: the step to go back to (1-based); default the decision step.
    pub to_step: Option<usize>,
    /// issue: who collects the result.
    pub recipient: Option<String>,
    /// refuse-intake: the missing documents.
    pub missing: Vec<String>,
    /// The version the caller saw; a stale one is a conflict.
    pub version: Option<u64>,
    /// execute: the texts of the acts the step draws up beside the decision.
    pub acts: Vec<ActText>,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only what waits for the caller (their organisation and role, or assigned to them).
    pub queue: bool,
    pub overdue: bool,
    pub iin: Option<String>,
    pub limit: Option<usize>,
}

/// A specialist and their load, for the head's assign dialog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpecialistLoad {
    pub login: String,
    pub full_name: String,
    /// Applications assigned to them and not closed.
    pub open: usize,
    /// Of those, the ones whose current step is past its deadline.
    pub overdue: usize,
}

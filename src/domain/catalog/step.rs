//! Routes, their steps, and the State Corporation's own process.

use serde::{Deserialize, Serialize};

use super::{Channel, ResultKind, StepAction};
use crate::domain::norm::Norm;
use crate::domain::roles::{Actor, OrgKind, Role};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub org: OrgKind,
    pub role: Role,
    pub action: StepAction,
    /// What the step produces, in the regulation's words ("резолюция", "акт обследования").
    pub produces_ru: String,
    pub produces_en: String,
    /// The norm exactly as the regulation states it; absent when it states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<Norm>,
    /// A head's reviewing step the text gives him (he signs or passes the
    /// draft on): he may return the application from it to an earlier step.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub returnable: bool,
    /// The applicant comes to the provider for the result after the portal
    /// notice (004:437-439, 000:355-357): the closing `issue` of a portal
    /// route handed over in person, to a collector whose IIN is checked.
    /// Without it a portal route's closing `issue` is the delivery to the
    /// personal cabinet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visit: bool,
    /// Taken only on this decision ("при положительном результате", 001:356):
    /// absent, the step is taken whatever the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<StepCondition>,
    /// What the step produces beside its decision where the text names it
    /// ("готовит акт обследования жилищно-бытовых условий …, затем готовит
    /// результат", 004:151-153): each is asked for and kept in the history.
    /// Only on `execute` (`catalog check`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts: Vec<StepAct>,
    /// The regulation's words for this step, verbatim (checked against the source).
    pub quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A document a step draws up beside its decision (an act of inspection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepAct {
    pub id: String,
    pub name_ru: String,
    pub name_kk: String,
    pub name_en: String,
}

/// The decision a conditional step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepCondition {
    /// Only after a positive decision.
    Approved,
    /// Only after a motivated refusal.
    Refused,
}

impl StepCondition {
    pub fn as_str(self) -> &'static str {
        match self {
            StepCondition::Approved => "approved",
            StepCondition::Refused => "refused",
        }
    }

    /// The decision kind this condition asks for.
    pub fn outcome(self) -> ResultKind {
        match self {
            StepCondition::Approved => ResultKind::Positive,
            StepCondition::Refused => ResultKind::Refusal,
        }
    }
}

impl Step {
    pub fn actor(&self) -> Actor {
        Actor {
            org: self.org,
            role: self.role,
        }
    }

    /// Whether an application with this decision (None: not decided yet)
    /// takes the step. A conditional step lies after the decision
    /// (`catalog check`), so an undecided application never reaches one.
    pub fn applies(&self, outcome: Option<ResultKind>) -> bool {
        self.when.is_none_or(|c| Some(c.outcome()) == outcome)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: String,
    pub name_ru: String,
    pub name_en: String,
    /// The intake channels whose applications follow this route.
    pub channels: Vec<Channel>,
    pub steps: Vec<Step>,
}

impl Route {
    /// The step after `step` that an application with this decision takes
    /// (conditional steps of the other decision are passed over); None at the end.
    pub fn next_step(&self, step: usize, outcome: Option<ResultKind>) -> Option<usize> {
        (step + 1..self.steps.len()).find(|&i| self.steps[i].applies(outcome))
    }

    /// The index of the decision (`execute`) step.
    pub fn execute_step(&self) -> Option<usize> {
        self.steps
            .iter()
            .position(|s| s.action == StepAction::Execute)
    }
}

/// What a State Corporation operator does for this service (its own norms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorStepKind {
    /// The applicant hands documents in through the electronic queue.
    Reception,
    /// Login and password into the State Corporation system.
    Authorisation,
    /// Choose the service, open the request form, enter the applicant's data.
    RequestForm,
    /// Query the state database of individuals (ГБД ФЛ).
    GbdFlLookup,
    /// Check the power of attorney in the notary system (ЕНИС) alone.
    EnisCheck,
    /// "условие 1" where it checks the person registry alone (ГБД ФЛ).
    GbdFlCheck,
    /// "условие 1" where it checks the person registry (ГБД ФЛ) and the
    /// power of attorney in ЕНИС together.
    GbdFlEnisCheck,
    /// A message that the data could not be obtained.
    NoDataMessage,
    /// Sign and send the request to the provider (АРМ РШЭП).
    Send,
    /// Registration of the electronic document at the provider (АРМ РШЭП).
    Registration,
    /// The provider checks the attached documents.
    DocumentCheck,
    /// A message refusing the service for faults in the documents.
    RefusalMessage,
    /// The applicant receives the result through the operator.
    Result,
    /// The centre's employee marks the result's receipt from the provider in
    /// the centre's journal (000:132-135).
    Receipt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorStep {
    pub kind: OperatorStepKind,
    pub name_ru: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<Norm>,
    pub quote: String,
}

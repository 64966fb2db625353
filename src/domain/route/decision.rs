//! What a decision and a completed step carry.

use serde::{Deserialize, Serialize};

use crate::domain::catalog::ResultKind;
use crate::domain::iin::Iin;

/// The legal grounds for a motivated refusal, as the service standards list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// The documents are found to be false or their data unreliable.
    FalseDocuments,
    /// The applicant or the documents do not meet the requirements.
    RequirementsNotMet,
    /// A court decision in force bars the applicant from the service.
    CourtDecision,
    /// Another ground the law provides, named in the text.
    Other,
}

impl RefusalGround {
    pub const ALL: [RefusalGround; 4] = [
        RefusalGround::FalseDocuments,
        RefusalGround::RequirementsNotMet,
        RefusalGround::CourtDecision,
        RefusalGround::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefusalGround::FalseDocuments => "false_documents",
            RefusalGround::RequirementsNotMet => "requirements_not_met",
            RefusalGround::CourtDecision => "court_decision",
            RefusalGround::Other => "other",
        }
    }

    pub fn name_ru(self) -> &'static str {
        match self {
            RefusalGround::FalseDocuments => {
                "установление недостоверности документов, представленных услугополучателем"
            }
            RefusalGround::RequirementsNotMet => {
                "несоответствие услугополучателя и (или) представленных данных требованиям"
            }
            RefusalGround::CourtDecision => {
                "вступившее в законную силу решение суда в отношении услугополучателя"
            }
            RefusalGround::Other => "иное основание, предусмотренное законом",
        }
    }
}

impl std::str::FromStr for RefusalGround {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RefusalGround::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                format!("unknown ground {s:?}: use false_documents, requirements_not_met, court_decision or other")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// A positive result of one of the service's kinds, without a text (as
    /// older builds stored every approval).
    Approve { result: String },
    /// A motivated refusal.
    Refuse { ground: RefusalGround, text: String },
    /// A positive result with the specialist's text for the head. Appended
    /// last so stored variants keep their indexes (the codec is bincode).
    ApproveWithText { result: String, text: String },
}

impl Decision {
    /// An approval, keeping the specialist's text when there is one.
    pub fn approve(result: String, text: &str) -> Decision {
        let text = text.trim();
        if text.is_empty() {
            Decision::Approve { result }
        } else {
            Decision::ApproveWithText {
                result,
                text: text.to_string(),
            }
        }
    }

    pub fn is_positive(&self) -> bool {
        !matches!(self, Decision::Refuse { .. })
    }

    /// Positive or refusal: what conditional steps wait for.
    pub fn kind(&self) -> ResultKind {
        if self.is_positive() {
            ResultKind::Positive
        } else {
            ResultKind::Refusal
        }
    }

    /// The positive result given, if any.
    pub fn result(&self) -> Option<&str> {
        match self {
            Decision::Approve { result } | Decision::ApproveWithText { result, .. } => Some(result),
            Decision::Refuse { .. } => None,
        }
    }

    /// What the specialist wrote (a refusal's reasons, an approval's note).
    pub fn text(&self) -> Option<&str> {
        match self {
            Decision::Approve { .. } => None,
            Decision::Refuse { text, .. } | Decision::ApproveWithText { text, .. } => Some(text),
        }
    }
}

/// What completing a step hands over; it must fit the step's action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutput {
    /// accept, review, forward, sign, issue-less steps: nothing beyond the act itself.
    Done,
    /// register, dispatch: the journal number given.
    Registered { number: String },
    /// assign: the responsible specialist and the resolution text.
    Assigned {
        specialist: String,
        resolution: String,
    },
    /// inspect: the act of inspection; conclude: the commission's conclusion.
    Report { text: String },
    /// execute: the decision.
    Decided(Decision),
    /// issue: who collected the result (their IIN is checked).
    Issued { recipient: Iin },
    /// execute where the step draws up more than the decision (an act of
    /// inspection of living conditions, 004:151-153): the decision and each
    /// act's text. Appended last: the codec is bincode.
    DecidedWithActs {
        decision: Decision,
        acts: Vec<ActText>,
    },
}

/// The text of one of a step's acts (`catalog::StepAct`, by its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActText {
    pub id: String,
    pub text: String,
}

impl StepOutput {
    /// A decision, with the acts drawn up beside it when there are any.
    pub fn decided(decision: Decision, acts: &[ActText]) -> StepOutput {
        if acts.is_empty() {
            StepOutput::Decided(decision)
        } else {
            StepOutput::DecidedWithActs {
                decision,
                acts: acts.to_vec(),
            }
        }
    }

    /// The decision it carries, if any.
    pub fn decision(&self) -> Option<&Decision> {
        match self {
            StepOutput::Decided(d) | StepOutput::DecidedWithActs { decision: d, .. } => Some(d),
            _ => None,
        }
    }
}

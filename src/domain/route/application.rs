//! The application, its history and the errors of its transitions.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::decision::{Decision, StepOutput};
use crate::domain::calendar::DueError;
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::iin::Iin;
use crate::domain::power::PowerOfAttorney;
use crate::domain::roles::Actor;
use crate::domain::unfit::Unfit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub iin: Iin,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// A representative acting by power of attorney: name and the attorney's number.
    #[serde(default)]
    pub representative: Option<Representative>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub iin: Option<Iin>,
    pub power_of_attorney: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Complete(StepOutput),
    /// Back to an earlier step (a head returns a draft), with a comment.
    Return {
        to_step: usize,
        comment: String,
    },
    /// Closed at intake: documents missing or expired.
    RefuseIntake {
        missing: Vec<String>,
    },
    /// The applicant withdraws the application.
    Withdraw {
        reason: String,
    },
    /// The result is handed to the applicant at the counter.
    Issue {
        recipient: Iin,
    },
    /// The State Corporation's centre records the result the provider handed
    /// over, with the mark made in its journal (000:125-135).
    Receive {
        mark: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Moving along the route.
    InProgress,
    /// The route is done; the result waits to be handed over.
    ResultReady,
    /// The result (positive or refusal) reached the applicant.
    Issued,
    RefusedAtIntake,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::InProgress,
        Status::ResultReady,
        Status::Issued,
        Status::RefusedAtIntake,
        Status::Withdrawn,
    ];

    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Issued | Status::RefusedAtIntake | Status::Withdrawn
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::ResultReady => "result_ready",
            Status::Issued => "issued",
            Status::RefusedAtIntake => "refused_at_intake",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// One entry of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: NaiveDateTime,
    pub by: String,
    pub actor: Actor,
    /// The step the application was on, and the step it moved to.
    pub from_step: Option<usize>,
    pub to_step: Option<usize>,
    pub what: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Submitted {
        channel: Channel,
        documents: Vec<String>,
    },
    Completed {
        action: StepAction,
        output: StepOutput,
    },
    Returned {
        comment: String,
    },
    IntakeRefused {
        missing: Vec<String>,
    },
    Withdrawn {
        reason: String,
    },
    Issued {
        recipient: Iin,
    },
    /// Refused at intake naming the missing documents and, apart, those whose
    /// term ran out (001:82). Appended last so stored variants keep their
    /// indexes (the codec is bincode).
    IntakeRefusedWith {
        missing: Vec<String>,
        expired: Vec<String>,
    },
    /// The representative's notarised power of attorney found valid in ЕНИС
    /// at intake (003:297-302), as ЕНИС holds it. Appended last as above.
    PowerOfAttorneyChecked {
        power: PowerOfAttorney,
    },
    /// The queue's call of the visit at the State Corporation's counter that
    /// took the application in or collects its result: the counter's part is
    /// timed from it (issue 13 item 5). Appended last as above.
    VisitCalled {
        ticket: String,
        called: NaiveDateTime,
    },
    /// The result handed over by the provider received at the State
    /// Corporation's centre: the employee's mark in the centre's journal
    /// ("отметка сотрудника Государственной корпорации в журнале о получении
    /// решения", 000:132-135) and the provider's outgoing number it came
    /// under. Who and when are the event's. Appended last as above.
    ResultReceived {
        mark: String,
        outgoing: Option<String>,
    },
}

/// The ticket whose call began a visit at the counter, and when it was called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketCall {
    pub ticket: String,
    pub called: NaiveDateTime,
}

impl EventKind {
    /// The result handed to the applicant: the counter's issue, or a step
    /// completed as `issue` (the tests and `check` count these).
    pub fn is_issue(&self) -> bool {
        matches!(
            self,
            EventKind::Issued { .. }
                | EventKind::Completed {
                    action: StepAction::Issue,
                    ..
                }
        )
    }
}

/// Who holds the application now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub actor: Actor,
    /// What the holder is to do: the step's action, or `issue` while the
    /// result waits at the counter.
    pub action: StepAction,
    /// A named person, when one was assigned (the responsible specialist).
    pub login: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: String,
    pub service: String,
    pub route: String,
    pub channel: Channel,
    pub applicant: Applicant,
    pub documents: Vec<String>,
    pub submitted_at: NaiveDateTime,
    pub status: Status,
    /// Index of the current step in the route (meaningful while in progress).
    pub step: usize,
    pub holder: Option<Holder>,
    pub step_started: NaiveDateTime,
    pub step_due: Option<NaiveDateTime>,
    pub overall_due: Option<NaiveDateTime>,
    pub assignee: Option<String>,
    pub decision: Option<Decision>,
    /// Journal numbers given along the way, in order.
    pub numbers: Vec<String>,
    pub history: Vec<Event>,
    /// Bumped by every transition; the store uses it for optimistic concurrency.
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TransitionError {
    #[error("the application is closed ({})", .0.as_str())]
    Closed(Status),
    #[error("this step belongs to {expected}, not {got}")]
    WrongActor { expected: Actor, got: Actor },
    #[error("this step is assigned to {0}")]
    NotAssignee(String),
    #[error("the current step is {action}; {what} does not fit it")]
    WrongStep { action: StepAction, what: String },
    #[error("the result is not ready to issue yet")]
    NotReady,
    #[error("the result must be issued to the applicant or the representative; {0} is neither")]
    WrongRecipient(Iin),
    #[error("{0} is not a result this service gives")]
    UnknownResult(String),
    #[error("{result} is not given to applications taken in on channel {channel}")]
    ResultNotOnChannel { result: String, channel: Channel },
    #[error("{0}")]
    Invalid(Unfit),
    #[error("a deadline could not be computed: {0}")]
    Deadline(#[from] DueError),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum SubmitError {
    #[error("service {0} was excluded from the regulations and takes no applications")]
    Excluded(String),
    #[error("service {service} takes no applications on channel {channel}")]
    Channel { service: String, channel: Channel },
    #[error("intake on channel {channel} is for {expected}, not {got}")]
    WrongActor {
        channel: Channel,
        expected: Actor,
        got: Actor,
    },
    #[error("unknown document {0:?} for this service")]
    UnknownDocument(String),
    #[error("{0}")]
    Invalid(Unfit),
    #[error("a deadline could not be computed: {0}")]
    Deadline(#[from] DueError),
    /// "условие 1 – проверка наличия данных услугополучателя в ГБД ФЛ; процесс
    /// 4 – формирование сообщения о невозможности получения данных" (000:186-188).
    #[error(
        "the applicant's data cannot be obtained: IIN {0} is not in the person registry (ГБД ФЛ)"
    )]
    NoPersonData(Iin),
    /// The rural akim takes the application in only "в случае отсутствия
    /// услугодателя по месту жительства" (003:102-103).
    #[error(
        "the applicant's locality {district} has a provider of this service ({provider}): apply there, not through the akim"
    )]
    ProviderInLocality { district: String, provider: String },
}

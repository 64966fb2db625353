//! The route engine: an `Application` moves along its service's route step by
//! step. Every transition is checked (who, which step, which state) and either
//! applies whole or returns a typed error and changes nothing.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::calendar::{DueError, Office, Schedule, Sla, WorkingCalendar};
use super::catalog::{Channel, ResultKind, Route, Service, Step, StepAction};
use super::iin::Iin;
use super::norm::Norm;
use super::roles::{Actor, OrgKind, Role};
use super::unfit::Unfit;

/// Where deadlines are computed: the calendar and each organisation kind's hours.
#[derive(Debug, Clone)]
pub struct Deadlines {
    pub calendar: WorkingCalendar,
    pub provider: Schedule,
    pub state_corp: Schedule,
}

impl Deadlines {
    pub fn new(calendar: WorkingCalendar) -> Deadlines {
        Deadlines {
            calendar,
            provider: Schedule::provider(),
            state_corp: Schedule::state_corp(),
        }
    }

    pub fn office(&self, org: OrgKind) -> Office<'_> {
        let schedule = match org {
            OrgKind::StateCorp => &self.state_corp,
            OrgKind::Provider | OrgKind::AkimOffice | OrgKind::Commission => &self.provider,
        };
        Office {
            calendar: &self.calendar,
            schedule,
        }
    }

    pub fn due(
        &self,
        org: OrgKind,
        from: NaiveDateTime,
        norm: Norm,
    ) -> Result<NaiveDateTime, DueError> {
        self.office(org).due(from, norm)
    }
}

/// The person acting: their login and the actor they act as.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Performer {
    pub login: String,
    pub actor: Actor,
}

impl Performer {
    pub fn new(login: &str, org: OrgKind, role: Role) -> Performer {
        Performer {
            login: login.to_string(),
            actor: Actor { org, role },
        }
    }
}

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

/// Who takes an application in on each channel. Portal requests arrive in the
/// provider's office, whose clerk registers them.
pub fn intake_actor(channel: Channel) -> Actor {
    let (org, role) = match channel {
        Channel::StateCorp => (OrgKind::StateCorp, Role::Operator),
        Channel::ProviderOffice | Channel::Portal => (OrgKind::Provider, Role::Clerk),
        Channel::RuralAkim => (OrgKind::AkimOffice, Role::Clerk),
    };
    Actor { org, role }
}

/// Who hands the result over at the end, when the route's last step does not.
pub fn issuing_actor(channel: Channel) -> Option<Actor> {
    match channel {
        Channel::Portal => None,
        other => Some(intake_actor(other)),
    }
}

/// What `step` does for an application taken in on `channel`. A route's
/// closing `issue` ("регистрирует … и выдает услугополучателю", 003:142-144)
/// hands the result to the applicant only where the applicant is served: when
/// another organisation's counter issues it (a State Corporation application),
/// the provider's last step sends the result there with an outgoing number
/// (000:125-135; "получение услугополучателем через работника ГК результата",
/// 003:320-323), and only that counter issues it.
///
/// On the portal a closing `issue` is the delivery to the personal cabinet
/// (a `dispatch` with no collector), unless the step is the applicant's
/// `visit` to the provider after the notice (004:437-439).
pub fn step_action(step: &Step, channel: Channel) -> StepAction {
    if step.action != StepAction::Issue {
        return step.action;
    }
    match issuing_actor(channel) {
        Some(counter) if counter.org != step.org => StepAction::Dispatch,
        None if !step.visit => StepAction::Dispatch,
        _ => step.action,
    }
}

/// Whether a step goes to the assigned specialist by name (the decision, an
/// inspection, a conclusion) rather than to a role of an organisation.
pub fn bound_to_assignee(step: &Step) -> bool {
    step.role == Role::Specialist
        && matches!(
            step.action,
            StepAction::Execute | StepAction::Inspect | StepAction::Conclude
        )
}

/// What an intake decided: the documents that were missing, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake<'a> {
    pub id: String,
    pub service: &'a Service,
    pub channel: Channel,
    pub applicant: Applicant,
    pub documents: Vec<String>,
    /// Of `documents`, those whose term of validity ran out.
    pub expired: Vec<String>,
}

impl Application {
    /// Takes an application in. Missing required documents close it at once
    /// as refused at intake (the receipt of refusal lists them).
    pub fn submit(
        intake: Intake<'_>,
        by: &Performer,
        at: NaiveDateTime,
        deadlines: &Deadlines,
    ) -> Result<Application, SubmitError> {
        let service = intake.service;
        if service.excluded {
            return Err(SubmitError::Excluded(service.id.clone()));
        }
        let route = service
            .route_for(intake.channel)
            .ok_or(SubmitError::Channel {
                service: service.id.clone(),
                channel: intake.channel,
            })?;
        let expected = intake_actor(intake.channel);
        if by.actor != expected {
            return Err(SubmitError::WrongActor {
                channel: intake.channel,
                expected,
                got: by.actor,
            });
        }
        if intake.applicant.name.trim().is_empty() {
            return Err(SubmitError::Invalid(Unfit::NameEmpty));
        }
        for d in &intake.documents {
            if !service.documents.iter().any(|x| &x.id == d) {
                return Err(SubmitError::UnknownDocument(d.clone()));
            }
        }
        if let Some(d) = intake
            .expired
            .iter()
            .find(|d| !intake.documents.contains(d))
        {
            return Err(SubmitError::Invalid(Unfit::ExpiredNotHandedIn {
                document: d.clone(),
            }));
        }
        let missing: Vec<String> = service
            .documents
            .iter()
            .filter(|d| d.is_required() && !intake.documents.contains(&d.id))
            .map(|d| d.id.clone())
            .collect();
        let first = &route.steps[0];
        let overall_due = overall_due(service, route, at, deadlines)?;
        let mut app = Application {
            id: intake.id,
            service: service.id.clone(),
            route: route.id.clone(),
            channel: intake.channel,
            applicant: intake.applicant,
            documents: intake.documents.clone(),
            submitted_at: at,
            status: Status::InProgress,
            step: 0,
            holder: Some(Holder {
                actor: first.actor(),
                action: step_action(first, intake.channel),
                login: None,
            }),
            step_started: at,
            step_due: step_due(first, at, deadlines)?,
            overall_due,
            assignee: None,
            decision: None,
            numbers: Vec::new(),
            history: Vec::new(),
            version: 0,
        };
        app.record(
            by,
            at,
            None,
            Some(0),
            EventKind::Submitted {
                channel: intake.channel,
                documents: intake.documents,
            },
        );
        let expired = intake.expired;
        if !missing.is_empty() || !expired.is_empty() {
            app.close(Status::RefusedAtIntake);
            app.overall_due = None;
            let what = if expired.is_empty() {
                EventKind::IntakeRefused { missing }
            } else {
                EventKind::IntakeRefusedWith { missing, expired }
            };
            app.record(by, at, Some(0), None, what);
        }
        Ok(app)
    }

    fn record(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        from: Option<usize>,
        to: Option<usize>,
        what: EventKind,
    ) {
        self.history.push(Event {
            at,
            by: by.login.clone(),
            actor: by.actor,
            from_step: from,
            to_step: to,
            what,
        });
        self.version += 1;
    }

    /// Moves onto step `index`; the specialist's own steps (the decision, an
    /// inspection, a conclusion) go to the assigned specialist.
    fn enter(&mut self, index: usize, step: &Step, at: NaiveDateTime, due: Option<NaiveDateTime>) {
        self.step = index;
        self.step_started = at;
        self.step_due = due;
        let login = bound_to_assignee(step)
            .then(|| self.assignee.clone())
            .flatten();
        self.holder = Some(Holder {
            actor: step.actor(),
            action: step_action(step, self.channel),
            login,
        });
    }

    fn close(&mut self, status: Status) {
        self.status = status;
        self.holder = None;
        self.step_due = None;
    }

    /// The current step of the route, while in progress.
    pub fn current_step<'s>(&self, service: &'s Service) -> Option<&'s Step> {
        if self.status != Status::InProgress {
            return None;
        }
        service.route(&self.route)?.steps.get(self.step)
    }

    /// The missing documents of a refused intake.
    pub fn missing_documents(&self) -> Option<&[String]> {
        self.history.iter().find_map(|e| match &e.what {
            EventKind::IntakeRefused { missing } | EventKind::IntakeRefusedWith { missing, .. } => {
                Some(missing.as_slice())
            }
            _ => None,
        })
    }

    /// The expired documents of a refused intake (empty when none was).
    pub fn expired_documents(&self) -> &[String] {
        self.history
            .iter()
            .find_map(|e| match &e.what {
                EventKind::IntakeRefusedWith { expired, .. } => Some(expired.as_slice()),
                _ => None,
            })
            .unwrap_or_default()
    }

    pub fn outcome(&self) -> Option<ResultKind> {
        self.decision.as_ref().map(Decision::kind)
    }

    /// SLA of the current step (None when it has no norm or is closed).
    pub fn step_sla(
        &self,
        service: &Service,
        deadlines: &Deadlines,
        now: NaiveDateTime,
    ) -> Option<Sla> {
        if self.status != Status::InProgress {
            return None;
        }
        let due = self.step_due?;
        step_sla(
            service,
            &self.route,
            self.step,
            self.step_started,
            due,
            deadlines,
            now,
        )
    }

    /// Applies a transition. On error nothing changes.
    pub fn apply(
        &mut self,
        service: &Service,
        by: &Performer,
        at: NaiveDateTime,
        transition: Transition,
        deadlines: &Deadlines,
    ) -> Result<(), TransitionError> {
        if self.status.is_closed() {
            return Err(TransitionError::Closed(self.status));
        }
        if service.id != self.service {
            return Err(TransitionError::Invalid(Unfit::OtherService {
                service: self.service.clone(),
            }));
        }
        let route = service.route(&self.route).ok_or_else(|| {
            TransitionError::Invalid(Unfit::RouteMissing {
                route: self.route.clone(),
            })
        })?;
        // Never record a moment before the last one: clocks of several
        // workstations may differ slightly.
        let at = self.history.last().map_or(at, |e| e.at.max(at));
        match transition {
            Transition::Complete(output) => {
                self.complete(service, route, by, at, output, deadlines)
            }
            Transition::Return { to_step, comment } => {
                self.go_back(route, by, at, to_step, comment, deadlines)
            }
            Transition::RefuseIntake { missing } => {
                let expected = intake_actor(self.channel);
                if by.actor != expected {
                    return Err(TransitionError::WrongActor {
                        expected,
                        got: by.actor,
                    });
                }
                if self.status != Status::InProgress || self.step != 0 || self.history.len() != 1 {
                    return Err(TransitionError::Invalid(Unfit::RefuseOnlyAtIntake));
                }
                if missing.is_empty() {
                    return Err(TransitionError::Invalid(Unfit::NameMissingDocuments));
                }
                self.close(Status::RefusedAtIntake);
                self.overall_due = None;
                self.record(by, at, Some(0), None, EventKind::IntakeRefused { missing });
                Ok(())
            }
            Transition::Withdraw { reason } => {
                let allowed = [
                    intake_actor(self.channel),
                    intake_actor(Channel::ProviderOffice),
                ];
                if !allowed.contains(&by.actor) {
                    return Err(TransitionError::WrongActor {
                        expected: allowed[0],
                        got: by.actor,
                    });
                }
                if reason.trim().is_empty() {
                    return Err(TransitionError::Invalid(Unfit::WithdrawalNeedsReason));
                }
                let from = (self.status == Status::InProgress).then_some(self.step);
                self.close(Status::Withdrawn);
                self.record(by, at, from, None, EventKind::Withdrawn { reason });
                Ok(())
            }
            Transition::Issue { recipient } => {
                if self.status != Status::ResultReady {
                    return Err(TransitionError::NotReady);
                }
                let expected = issuing_actor(self.channel).ok_or(TransitionError::NotReady)?;
                if by.actor != expected {
                    return Err(TransitionError::WrongActor {
                        expected,
                        got: by.actor,
                    });
                }
                self.check_recipient(&recipient)?;
                self.close(Status::Issued);
                self.record(by, at, None, None, EventKind::Issued { recipient });
                Ok(())
            }
        }
    }

    /// Only the applicant or their representative may collect the result.
    pub fn check_recipient(&self, recipient: &Iin) -> Result<(), TransitionError> {
        let representative = self.applicant.representative.as_ref().and_then(|r| r.iin);
        if *recipient == self.applicant.iin || Some(*recipient) == representative {
            Ok(())
        } else {
            Err(TransitionError::WrongRecipient(*recipient))
        }
    }

    fn complete(
        &mut self,
        service: &Service,
        route: &Route,
        by: &Performer,
        at: NaiveDateTime,
        output: StepOutput,
        deadlines: &Deadlines,
    ) -> Result<(), TransitionError> {
        if self.status != Status::InProgress {
            return Err(TransitionError::WrongStep {
                action: StepAction::Issue,
                what: "completing a step".into(),
            });
        }
        let step = &route.steps[self.step];
        if by.actor != step.actor() {
            return Err(TransitionError::WrongActor {
                expected: step.actor(),
                got: by.actor,
            });
        }
        if let Some(Holder {
            login: Some(who), ..
        }) = &self.holder
            && who != &by.login
        {
            return Err(TransitionError::NotAssignee(who.clone()));
        }
        let action = step_action(step, self.channel);
        let wrong = |what: &str| TransitionError::WrongStep {
            action,
            what: what.to_string(),
        };
        // The hand-over to another counter goes under an outgoing number; the
        // portal cabinet needs none.
        let hands_over = action != step.action && self.channel != Channel::Portal;
        match (action, &output) {
            (StepAction::Register | StepAction::Dispatch, StepOutput::Registered { number }) => {
                if number.trim().is_empty() {
                    return Err(TransitionError::Invalid(Unfit::RegistrationNumberEmpty));
                }
            }
            (StepAction::Dispatch, StepOutput::Done) if hands_over => {
                return Err(TransitionError::Invalid(Unfit::ResultGoesToCounter));
            }
            (StepAction::Register | StepAction::Dispatch, StepOutput::Done) => {}
            (StepAction::Assign, StepOutput::Assigned { specialist, .. }) => {
                if specialist.trim().is_empty() {
                    return Err(TransitionError::Invalid(Unfit::NameSpecialist));
                }
            }
            (StepAction::Inspect | StepAction::Conclude, StepOutput::Report { text }) => {
                if text.trim().is_empty() {
                    return Err(TransitionError::Invalid(Unfit::ActEmpty));
                }
            }
            (StepAction::Execute, StepOutput::Decided(decision)) => match decision {
                Decision::Approve { result } | Decision::ApproveWithText { result, .. } => {
                    if !service.positive_results().any(|r| &r.id == result) {
                        return Err(TransitionError::UnknownResult(result.clone()));
                    }
                    if !service
                        .positive_results_on(self.channel)
                        .any(|r| &r.id == result)
                    {
                        return Err(TransitionError::ResultNotOnChannel {
                            result: result.clone(),
                            channel: self.channel,
                        });
                    }
                }
                Decision::Refuse { text, .. } => {
                    if text.trim().is_empty() {
                        return Err(TransitionError::Invalid(Unfit::RefusalNeedsReasons));
                    }
                }
            },
            (StepAction::Issue, StepOutput::Issued { recipient }) => {
                self.check_recipient(recipient)?
            }
            (
                StepAction::Accept | StepAction::Review | StepAction::Sign | StepAction::Forward,
                StepOutput::Done,
            ) => {}
            (_, StepOutput::Done) => return Err(wrong("completing without its result")),
            (_, other) => {
                // Named in words: the output's debug form would show an IIN as digits in brackets.
                let what = match other {
                    StepOutput::Registered { .. } => "a registration number",
                    StepOutput::Assigned { .. } => "an assignment",
                    StepOutput::Report { .. } => "an act or conclusion",
                    StepOutput::Decided(_) => "a decision",
                    StepOutput::Issued { .. } => "an issue to a recipient",
                    StepOutput::Done => "nothing",
                };
                return Err(wrong(what));
            }
        }
        // Compute the next step's deadline before changing anything; a step
        // conditioned on the other decision is passed over.
        let outcome = match &output {
            StepOutput::Decided(d) => Some(d.kind()),
            _ => self.outcome(),
        };
        let next = route.next_step(self.step, outcome);
        let next_due = match next.map(|i| &route.steps[i]) {
            Some(s) => step_due(s, at, deadlines)?,
            None => None,
        };
        match &output {
            StepOutput::Registered { number } => self.numbers.push(number.clone()),
            StepOutput::Assigned { specialist, .. } => self.assignee = Some(specialist.clone()),
            StepOutput::Decided(d) => self.decision = Some(d.clone()),
            _ => {}
        }
        let from = self.step;
        let to = match next {
            Some(next) => {
                self.enter(next, &route.steps[next], at, next_due);
                Some(next)
            }
            None if self.channel == Channel::Portal || action == StepAction::Issue => {
                // The route itself handed the result over: in person where the
                // applicant came, or to the portal cabinet. A provider's "issue"
                // on a State Corporation application was a hand-over to the counter.
                self.close(Status::Issued);
                None
            }
            None => {
                self.status = Status::ResultReady;
                self.holder = issuing_actor(self.channel).map(|actor| Holder {
                    actor,
                    action: StepAction::Issue,
                    login: None,
                });
                self.step_started = at;
                self.step_due = None;
                None
            }
        };
        let what = EventKind::Completed { action, output };
        self.record(by, at, Some(from), to, what);
        Ok(())
    }

    fn go_back(
        &mut self,
        route: &Route,
        by: &Performer,
        at: NaiveDateTime,
        to: usize,
        comment: String,
        deadlines: &Deadlines,
    ) -> Result<(), TransitionError> {
        if self.status != Status::InProgress {
            return Err(TransitionError::Invalid(Unfit::ReturnOnlyInProgress));
        }
        let step = &route.steps[self.step];
        if !step.returnable {
            return Err(TransitionError::WrongStep {
                action: step.action,
                what: "returning".into(),
            });
        }
        if by.actor != step.actor() {
            return Err(TransitionError::WrongActor {
                expected: step.actor(),
                got: by.actor,
            });
        }
        if to >= self.step {
            return Err(TransitionError::Invalid(Unfit::NotEarlierStep {
                step: to + 1,
            }));
        }
        if comment.trim().is_empty() {
            return Err(TransitionError::Invalid(Unfit::ReturnNeedsComment));
        }
        let target = &route.steps[to];
        if !target.applies(self.outcome()) {
            return Err(TransitionError::Invalid(Unfit::StepNotTaken {
                step: to + 1,
            }));
        }
        let due = step_due(target, at, deadlines)?;
        if route.execute_step().is_some_and(|e| to <= e) {
            self.decision = None;
        }
        if route.steps[..to]
            .iter()
            .all(|s| s.action != StepAction::Assign)
        {
            self.assignee = None;
        }
        let from = self.step;
        self.enter(to, target, at, due);
        self.record(
            by,
            at,
            Some(from),
            Some(to),
            EventKind::Returned { comment },
        );
        Ok(())
    }

    /// Checks the invariants every reachable application keeps; the property
    /// tests call it after every transition.
    pub fn check_invariants(&self, service: &Service) -> Result<(), String> {
        let route = service.route(&self.route).ok_or("route missing")?;
        if self.version != self.history.len() as u64 {
            return Err(format!(
                "version {} but {} events",
                self.version,
                self.history.len()
            ));
        }
        if !matches!(
            self.history.first().map(|e| &e.what),
            Some(EventKind::Submitted { .. })
        ) {
            return Err("history does not start with the submission".into());
        }
        if self.history.windows(2).any(|w| w[0].at > w[1].at) {
            return Err("history goes back in time".into());
        }
        match self.status {
            Status::InProgress => {
                let step = route.steps.get(self.step).ok_or("step out of range")?;
                let holder = self.holder.as_ref().ok_or("no holder")?;
                if holder.actor != step.actor() || holder.action != step_action(step, self.channel)
                {
                    return Err("holder is not the step's actor".into());
                }
                if !step.applies(self.outcome()) {
                    return Err(format!(
                        "step {} is not taken after this decision",
                        self.step + 1
                    ));
                }
                if step.norm.is_some() != self.step_due.is_some() {
                    return Err("step due does not match the norm".into());
                }
                if let Some(due) = self.step_due
                    && due < self.step_started
                {
                    return Err("step due before it started".into());
                }
                let execute = route
                    .steps
                    .iter()
                    .position(|s| s.action == StepAction::Execute)
                    .ok_or("no execute")?;
                if (self.step > execute) != self.decision.is_some() {
                    let has = if self.decision.is_some() { "a" } else { "no" };
                    return Err(format!("{has} decision at step {}", self.step + 1));
                }
            }
            Status::ResultReady => {
                if self.decision.is_none() {
                    return Err("result ready without a decision".into());
                }
                if self.holder.as_ref().map(|h| h.actor) != issuing_actor(self.channel) {
                    return Err("result ready but not with the issuing counter".into());
                }
            }
            Status::Issued => {
                if self.decision.is_none() || self.holder.is_some() {
                    return Err("issued without a decision, or still held".into());
                }
            }
            Status::RefusedAtIntake => {
                let nothing = self.missing_documents().is_none_or(|m| m.is_empty())
                    && self.expired_documents().is_empty();
                if nothing || self.holder.is_some() {
                    return Err("refused at intake without missing documents".into());
                }
            }
            Status::Withdrawn => {
                if self.holder.is_some() {
                    return Err("withdrawn but still held".into());
                }
            }
        }
        Ok(())
    }
}

fn step_due(
    step: &Step,
    from: NaiveDateTime,
    deadlines: &Deadlines,
) -> Result<Option<NaiveDateTime>, DueError> {
    step.norm
        .map(|n| deadlines.due(step.org, from, n))
        .transpose()
}

/// SLA of step `step` of a route, started and due as given (None when the
/// step has no norm): for lists that hold an application's summary only.
pub fn step_sla(
    service: &Service,
    route: &str,
    step: usize,
    started: NaiveDateTime,
    due: NaiveDateTime,
    deadlines: &Deadlines,
    now: NaiveDateTime,
) -> Option<Sla> {
    let step = service.route(route)?.steps.get(step)?;
    Some(
        deadlines
            .office(step.org)
            .sla(started, due, step.norm?, now),
    )
}

/// The overall due time: the stated total term, else the steps' norms chained
/// from the submission (each step starting when the previous is due).
pub fn overall_due(
    service: &Service,
    route: &Route,
    from: NaiveDateTime,
    deadlines: &Deadlines,
) -> Result<Option<NaiveDateTime>, DueError> {
    if let Some(term) = service.total_term {
        return deadlines.due(OrgKind::Provider, from, term).map(Some);
    }
    // Undecided at intake: the longer of the two ways the decision may go.
    let mut latest = from;
    for outcome in [ResultKind::Positive, ResultKind::Refusal] {
        let mut at = from;
        for step in route.steps.iter().filter(|s| s.applies(Some(outcome))) {
            if let Some(due) = step_due(step, at, deadlines)? {
                at = due;
            }
        }
        latest = latest.max(at);
    }
    Ok((latest > from).then_some(latest))
}

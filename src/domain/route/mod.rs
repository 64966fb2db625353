//! The route engine: an `Application` moves along its service's route step by
//! step. Every transition is checked (who, which step, which state) and either
//! applies whole or returns a typed error and changes nothing.

mod application;
mod apply;
mod counter;
mod counter_clock;
mod decision;
mod invariants;
mod output;
mod submit;

pub use application::*;
pub use counter_clock::{CounterPhase, PhaseTiming, counter_minutes};
pub use decision::*;
pub use submit::Intake;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::calendar::{DueError, Office, Schedule, Sla, WorkingCalendar};
use super::catalog::{Channel, ResultKind, Route, Service, Step, StepAction};
use super::norm::Norm;
use super::roles::{Actor, OrgKind, Role};

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
            OrgKind::Provider
            | OrgKind::AkimOffice
            | OrgKind::Commission
            | OrgKind::LocalExecutive => &self.provider,
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

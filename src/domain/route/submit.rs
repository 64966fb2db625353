//! Taking an application in, and what it says about itself.

use chrono::NaiveDateTime;

use super::*;
use crate::domain::calendar::Sla;
use crate::domain::catalog::{Channel, ResultKind, Service, Step};
use crate::domain::power::{PowerCheck, PowerOfAttorney};
use crate::domain::unfit::Unfit;

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
    /// The representative's power as ЕНИС answered for it.
    pub power: PowerCheck,
    /// The queue's call of this visit, at a State Corporation counter.
    pub call: Option<TicketCall>,
}

/// Who takes it in, and what the form says: a name, the service's documents,
/// an expired document among those handed in.
fn check_intake(intake: &Intake<'_>, by: &Performer) -> Result<(), SubmitError> {
    let service = intake.service;
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
    Ok(())
}

/// The notarised power ЕНИС holds, checked for this applicant and
/// representative on the day of intake; None when ЕНИС is not asked.
fn checked_power(
    intake: &Intake<'_>,
    at: NaiveDateTime,
) -> Result<Option<PowerOfAttorney>, SubmitError> {
    let PowerCheck::Enis { number, found } = &intake.power else {
        return Ok(None);
    };
    let applicant = &intake.applicant;
    let representative = applicant.representative.as_ref().and_then(|r| r.iin);
    PowerOfAttorney::check(
        found.as_ref(),
        number,
        applicant.iin,
        representative,
        at.date(),
    )
    .map_err(SubmitError::Invalid)?;
    Ok(found.clone())
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
        check_intake(&intake, by)?;
        let power = checked_power(&intake, at)?;
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
        if let Some(call) = intake.call.filter(|_| intake.channel == Channel::StateCorp) {
            let TicketCall { ticket, called } = call;
            let called = called.min(at);
            app.record(
                by,
                at,
                Some(0),
                Some(0),
                EventKind::VisitCalled { ticket, called },
            );
        }
        if let Some(power) = power {
            app.record(
                by,
                at,
                Some(0),
                Some(0),
                EventKind::PowerOfAttorneyChecked { power },
            );
        }
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

    pub(super) fn record(
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
    pub(super) fn enter(
        &mut self,
        index: usize,
        step: &Step,
        at: NaiveDateTime,
        due: Option<NaiveDateTime>,
    ) {
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

    pub(super) fn close(&mut self, status: Status) {
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

    /// The power of attorney checked in ЕНИС at intake, if one was.
    pub fn checked_power(&self) -> Option<&PowerOfAttorney> {
        self.history.iter().find_map(|e| match &e.what {
            EventKind::PowerOfAttorneyChecked { power } => Some(power),
            _ => None,
        })
    }

    /// Nothing happened after the intake yet (the ЕНИС check belongs to it).
    pub fn only_taken_in(&self) -> bool {
        self.history.iter().skip(1).all(|e| {
            matches!(
                e.what,
                EventKind::PowerOfAttorneyChecked { .. } | EventKind::VisitCalled { .. }
            )
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
}

//! The transitions of an application along its route.

use chrono::NaiveDateTime;

use super::*;
use crate::domain::catalog::{Channel, Route, Service, StepAction};
use crate::domain::unfit::Unfit;

impl Application {
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
            Transition::RefuseIntake { missing } => self.refuse_intake(by, at, missing),
            Transition::Withdraw { reason } => self.withdraw(by, at, reason),
            Transition::Issue { recipient } => self.issue_at_counter(by, at, recipient),
            Transition::Receive { mark } => self.receive_at_centre(by, at, mark),
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
        self.check_output(service, step, action, &output)?;
        // Compute the next step's deadline before changing anything; a step
        // conditioned on the other decision is passed over.
        let outcome = output.decision().map(Decision::kind).or(self.outcome());
        let next = route.next_step(self.step, outcome);
        let next_due = match next.map(|i| &route.steps[i]) {
            Some(s) => step_due(s, at, deadlines)?,
            None => None,
        };
        match &output {
            StepOutput::Registered { number } => self.numbers.push(number.clone()),
            StepOutput::Assigned { specialist, .. } => self.assignee = Some(specialist.clone()),
            _ => {
                if let Some(d) = output.decision() {
                    self.decision = Some(d.clone());
                }
            }
        }
        let from = self.step;
        let to = self.advance(route, next, at, next_due, action);
        let what = EventKind::Completed { action, output };
        self.record(by, at, Some(from), to, what);
        Ok(())
    }

    /// Moves to the next step, else ends the route: closed where the route
    /// itself handed the result over, ready at the issuing counter otherwise.
    fn advance(
        &mut self,
        route: &Route,
        next: Option<usize>,
        at: NaiveDateTime,
        next_due: Option<NaiveDateTime>,
        action: StepAction,
    ) -> Option<usize> {
        match next {
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
                // The centre first marks the result's receipt (000:125-135).
                let action = match self.channel {
                    Channel::StateCorp => StepAction::Receive,
                    _ => StepAction::Issue,
                };
                self.holder = issuing_actor(self.channel).map(|actor| Holder {
                    actor,
                    action,
                    login: None,
                });
                self.step_started = at;
                self.step_due = None;
                None
            }
        }
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
}

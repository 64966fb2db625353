//! An application's history replayed against its route: what `qyzmet check`
//! asks of every stored application beyond the invariants of its present state.
//! A history may only record steps the route gives this application (its
//! channel), in the order the route allows, by the actors it names, and the
//! status must be what the last event left.

use super::catalog::{Channel, ResultKind, Route, Service, StepAction};
use super::route::{
    Application, Event, EventKind, Status, StepOutput, intake_actor, issuing_actor, step_action,
};

/// Where the replay stands after some events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replayed {
    /// On this step of the route.
    OnStep(usize),
    /// The route is done; the result waits at the counter.
    ResultReady,
    /// The result handed to the State Corporation recorded as received at
    /// its centre; it waits there for the applicant.
    Received,
    Closed(Status),
}

impl Application {
    /// Replays the history against the route; the first disagreement is the error.
    pub fn check_history(&self, service: &Service) -> Result<(), String> {
        let route = service
            .route(&self.route)
            .ok_or_else(|| format!("route {} is not in the catalogue", self.route))?;
        if !route.channels.contains(&self.channel) {
            return Err(format!(
                "route {} does not serve channel {}",
                route.id, self.channel
            ));
        }
        let mut events = self.history.iter().enumerate();
        match events.next() {
            Some((_, e)) if self.is_submission(e) => {}
            _ => return Err("history does not start with the submission on its channel".into()),
        }
        let mut at = Replayed::OnStep(0);
        // The decision as the history stands: conditional steps follow it.
        let mut outcome = None;
        for (i, e) in events {
            at = self
                .replay(route, at, outcome, e)
                .map_err(|why| format!("event {}: {why}", i + 1))?;
            outcome = decided_after(route, outcome, e);
        }
        let agrees = match at {
            Replayed::OnStep(step) => self.status == Status::InProgress && self.step == step,
            Replayed::ResultReady | Replayed::Received => self.status == Status::ResultReady,
            Replayed::Closed(status) => self.status == status,
        };
        if agrees {
            Ok(())
        } else {
            Err(format!(
                "status {} (step {}) is not what its history leaves ({at:?})",
                self.status.as_str(),
                self.step + 1
            ))
        }
    }

    fn is_submission(&self, e: &Event) -> bool {
        matches!(&e.what, EventKind::Submitted { channel, .. } if *channel == self.channel)
            && e.actor == intake_actor(self.channel)
            && e.to_step == Some(0)
    }

    /// One event after `at`: where it leaves the application, or why the route
    /// does not allow it.
    fn replay(
        &self,
        route: &Route,
        at: Replayed,
        outcome: Option<ResultKind>,
        e: &Event,
    ) -> Result<Replayed, String> {
        let on_step = match at {
            Replayed::OnStep(step) => Some(step),
            _ => None,
        };
        let step_actor = on_step.map(|s| route.steps[s].actor());
        match (&e.what, at) {
            (_, Replayed::Closed(status)) => Err(format!(
                "recorded after the application was closed ({})",
                status.as_str()
            )),
            (EventKind::Completed { action, output }, Replayed::OnStep(step)) => {
                let outcome = output.decision().map(|d| d.kind()).or(outcome);
                self.replay_completion(route, step, outcome, e, *action, output)
            }
            (EventKind::Returned { .. }, Replayed::OnStep(step)) => {
                if !route.steps[step].returnable {
                    return Err(format!("step {} cannot be returned", step + 1));
                }
                match e.to_step {
                    Some(to)
                        if to < step
                            && e.from_step == Some(step)
                            && route.steps[to].applies(outcome) => {}
                    _ => {
                        return Err(format!(
                            "a return from step {} goes nowhere earlier",
                            step + 1
                        ));
                    }
                }
                same_actor(e, step_actor)?;
                Ok(Replayed::OnStep(e.to_step.unwrap_or(0)))
            }
            (
                EventKind::IntakeRefused { .. } | EventKind::IntakeRefusedWith { .. },
                Replayed::OnStep(0),
            ) if e.actor == intake_actor(self.channel) => {
                Ok(Replayed::Closed(Status::RefusedAtIntake))
            }
            // The ЕНИС check is part of the intake, before the route moves.
            (EventKind::PowerOfAttorneyChecked { .. }, Replayed::OnStep(0))
                if e.actor == intake_actor(self.channel) && e.to_step == Some(0) =>
            {
                Ok(Replayed::OnStep(0))
            }
            // The queue's call of the intake visit, recorded with it.
            (EventKind::VisitCalled { .. }, Replayed::OnStep(0))
                if self.channel == Channel::StateCorp
                    && e.actor == intake_actor(self.channel)
                    && e.from_step == Some(0)
                    && e.to_step == Some(0) =>
            {
                Ok(Replayed::OnStep(0))
            }
            // The call of the visit that collects the result, before its issue.
            (EventKind::VisitCalled { .. }, Replayed::ResultReady | Replayed::Received)
                if self.channel == Channel::StateCorp && e.from_step.is_none() =>
            {
                same_actor(e, issuing_actor(self.channel))?;
                Ok(at)
            }
            // The centre's journal mark on the result handed over, once,
            // after the provider's last step (000:125-135).
            (EventKind::ResultReceived { .. }, Replayed::ResultReady)
                if self.channel == Channel::StateCorp
                    && e.from_step.is_none()
                    && e.to_step.is_none() =>
            {
                same_actor(e, issuing_actor(self.channel))?;
                Ok(Replayed::Received)
            }
            (EventKind::Withdrawn { .. }, _) => Ok(Replayed::Closed(Status::Withdrawn)),
            // Histories written before the centre recorded its receipt go
            // from the hand-over straight to the issue; the engine now
            // refuses that issue (Application::issue_at_counter).
            (EventKind::Issued { .. }, Replayed::ResultReady | Replayed::Received) => {
                same_actor(e, issuing_actor(self.channel))?;
                Ok(Replayed::Closed(Status::Issued))
            }
            (what, _) => Err(format!("{} does not fit {at:?}", event_name(what))),
        }
    }

    fn replay_completion(
        &self,
        route: &Route,
        step: usize,
        outcome: Option<ResultKind>,
        e: &Event,
        action: StepAction,
        output: &StepOutput,
    ) -> Result<Replayed, String> {
        let expected = step_action(&route.steps[step], self.channel);
        if action != expected || e.from_step != Some(step) {
            return Err(format!(
                "step {} of route {} is {expected} for a {} application, not {action}",
                step + 1,
                route.id,
                self.channel
            ));
        }
        same_actor(e, Some(route.steps[step].actor()))?;
        if (action == StepAction::Issue) != matches!(output, StepOutput::Issued { .. }) {
            return Err(format!("step {} records an issue it is not", step + 1));
        }
        if let Some(next) = route.next_step(step, outcome) {
            return match e.to_step {
                Some(to) if to == next => Ok(Replayed::OnStep(next)),
                _ => Err(format!(
                    "step {} does not lead to step {} after this decision",
                    step + 1,
                    next + 1
                )),
            };
        }
        if e.to_step.is_some() {
            return Err(format!("the last step {} leads on", step + 1));
        }
        // As the engine closes a route (Application::complete).
        if self.channel == Channel::Portal || action == StepAction::Issue {
            Ok(Replayed::Closed(Status::Issued))
        } else {
            Ok(Replayed::ResultReady)
        }
    }
}

/// The decision after event `e`: a decision records one, a return to the
/// decision step or before clears it (as `Application::go_back` does).
fn decided_after(route: &Route, outcome: Option<ResultKind>, e: &Event) -> Option<ResultKind> {
    match &e.what {
        EventKind::Completed { output, .. } if output.decision().is_some() => {
            output.decision().map(|d| d.kind())
        }
        EventKind::Returned { .. }
            if route
                .execute_step()
                .is_some_and(|x| e.to_step.is_some_and(|to| to <= x)) =>
        {
            None
        }
        _ => outcome,
    }
}

fn same_actor(e: &Event, expected: Option<super::roles::Actor>) -> Result<(), String> {
    match expected {
        Some(a) if a == e.actor => Ok(()),
        Some(a) => Err(format!("done by {} where the route names {a}", e.actor)),
        None => Err(format!("done by {} where the route names nobody", e.actor)),
    }
}

fn event_name(what: &EventKind) -> &'static str {
    match what {
        EventKind::Submitted { .. } => "a second submission",
        EventKind::Completed { .. } => "a completed step",
        EventKind::Returned { .. } => "a return",
        EventKind::IntakeRefused { .. } | EventKind::IntakeRefusedWith { .. } => {
            "a refusal of intake"
        }
        EventKind::Withdrawn { .. } => "a withdrawal",
        EventKind::Issued { .. } => "an issue at the counter",
        EventKind::PowerOfAttorneyChecked { .. } => "a check of the power of attorney",
        EventKind::VisitCalled { .. } => "a call of a visit",
        EventKind::ResultReceived { .. } => "a receipt at the centre",
    }
}

//! The invariants every reachable application keeps.

use super::*;
use crate::domain::catalog::{Service, StepAction};

impl Application {
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
                // The centre issues only after its receipt; a store from
                // before the receipt was recorded holds `issue` unreceived.
                let received = self.centre_receipt().is_some();
                let action = self.holder.as_ref().map(|h| h.action);
                if received && action != Some(StepAction::Issue)
                    || !received && !matches!(action, Some(StepAction::Issue | StepAction::Receive))
                {
                    return Err("result ready but waiting for the wrong act".into());
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

//! Whether what completing a step hands over fits the step.

use super::*;
use crate::domain::catalog::{Channel, Service, Step, StepAction};
use crate::domain::unfit::Unfit;

impl Application {
    /// Checks `output` against the step's action on this channel.
    pub(super) fn check_output(
        &self,
        service: &Service,
        step: &Step,
        action: StepAction,
        output: &StepOutput,
    ) -> Result<(), TransitionError> {
        let wrong = |what: &str| TransitionError::WrongStep {
            action,
            what: what.to_string(),
        };
        // The hand-over to another counter goes under an outgoing number; the
        // portal cabinet needs none.
        let hands_over = action != step.action && self.channel != Channel::Portal;
        match (action, output) {
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
            (StepAction::Execute, StepOutput::Decided(decision)) => {
                self.check_decision(service, decision)?;
                check_acts(step, &[])?
            }
            (StepAction::Execute, StepOutput::DecidedWithActs { decision, acts }) => {
                self.check_decision(service, decision)?;
                check_acts(step, acts)?
            }
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
                    StepOutput::Decided(_) | StepOutput::DecidedWithActs { .. } => "a decision",
                    StepOutput::Issued { .. } => "an issue to a recipient",
                    StepOutput::Done => "nothing",
                };
                return Err(wrong(what));
            }
        }
        Ok(())
    }

    /// A positive result the service gives on this channel, or a refusal with its reasons.
    fn check_decision(
        &self,
        service: &Service,
        decision: &Decision,
    ) -> Result<(), TransitionError> {
        match decision {
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
        }
        Ok(())
    }
}

/// Every act the step draws up has its text, and no other is given.
fn check_acts(step: &Step, acts: &[ActText]) -> Result<(), TransitionError> {
    if let Some(a) = acts
        .iter()
        .find(|a| !step.acts.iter().any(|s| s.id == a.id))
    {
        return Err(TransitionError::Invalid(Unfit::ActNotOfStep {
            act: a.id.clone(),
        }));
    }
    let given = |id: &str| acts.iter().any(|a| a.id == id && !a.text.trim().is_empty());
    match step.acts.iter().find(|s| !given(&s.id)) {
        Some(s) => Err(TransitionError::Invalid(Unfit::ActTextMissing {
            name_ru: s.name_ru.clone(),
            name_kk: s.name_kk.clone(),
            name_en: s.name_en.clone(),
        })),
        None => Ok(()),
    }
}

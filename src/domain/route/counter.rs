//! The counter's own transitions: refusing intake, a withdrawal, the issue.

use chrono::NaiveDateTime;

use super::*;
use crate::domain::catalog::Channel;
use crate::domain::iin::Iin;
use crate::domain::unfit::Unfit;

impl Application {
    pub(super) fn refuse_intake(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        missing: Vec<String>,
    ) -> Result<(), TransitionError> {
        let expected = intake_actor(self.channel);
        if by.actor != expected {
            return Err(TransitionError::WrongActor {
                expected,
                got: by.actor,
            });
        }
        if self.status != Status::InProgress || self.step != 0 || !self.only_taken_in() {
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

    pub(super) fn withdraw(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        reason: String,
    ) -> Result<(), TransitionError> {
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

    pub(super) fn issue_at_counter(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        recipient: Iin,
    ) -> Result<(), TransitionError> {
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
        // The centre issues only what it has recorded as received (000:132-135).
        if self.channel == Channel::StateCorp && self.centre_receipt().is_none() {
            return Err(TransitionError::Invalid(Unfit::NotReceivedYet));
        }
        self.close(Status::Issued);
        self.record(by, at, None, None, EventKind::Issued { recipient });
        Ok(())
    }

    /// The State Corporation's centre records the result the provider handed
    /// over: "результат – отметка сотрудника Государственной корпорации в
    /// журнале о получении решения" (000:132-135). Once, after the hand-over
    /// and before the issue; the provider's outgoing number is kept with it.
    pub(super) fn receive_at_centre(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        mark: String,
    ) -> Result<(), TransitionError> {
        if self.channel != Channel::StateCorp {
            return Err(TransitionError::Invalid(Unfit::ReceiptOnlyAtCentre));
        }
        if self.status != Status::ResultReady {
            return Err(TransitionError::NotReady);
        }
        let expected = intake_actor(self.channel);
        if by.actor != expected {
            return Err(TransitionError::WrongActor {
                expected,
                got: by.actor,
            });
        }
        if self.centre_receipt().is_some() {
            return Err(TransitionError::Invalid(Unfit::AlreadyReceived));
        }
        let mark = mark.trim().to_string();
        if mark.is_empty() {
            return Err(TransitionError::Invalid(Unfit::ReceiptNeedsMark));
        }
        let outgoing = self.handed_over_under();
        let what = EventKind::ResultReceived { mark, outgoing };
        self.record(by, at, None, None, what);
        if let Some(h) = self.holder.as_mut() {
            h.action = crate::domain::catalog::StepAction::Issue;
        }
        Ok(())
    }

    /// The centre's record of the result's receipt, if it made one.
    pub fn centre_receipt(&self) -> Option<&Event> {
        self.history
            .iter()
            .find(|e| matches!(e.what, EventKind::ResultReceived { .. }))
    }

    /// The outgoing number the provider's last step handed the result over
    /// under, if that step drew one (a dispatch).
    pub fn handed_over_under(&self) -> Option<String> {
        self.history.iter().rev().find_map(|e| match &e.what {
            EventKind::Completed {
                output: StepOutput::Registered { number },
                action: crate::domain::catalog::StepAction::Dispatch,
            } => Some(number.clone()),
            _ => None,
        })
    }

    /// The queue's call of the visit that collects the result at the State
    /// Corporation's counter, recorded just before the issue it leads to (in
    /// the same transaction), so the issue is timed from the call.
    pub fn note_issuing_call(
        &mut self,
        by: &Performer,
        at: NaiveDateTime,
        call: TicketCall,
    ) -> Result<(), TransitionError> {
        if self.status != Status::ResultReady || self.channel != Channel::StateCorp {
            return Err(TransitionError::NotReady);
        }
        let expected = intake_actor(self.channel);
        if by.actor != expected {
            return Err(TransitionError::WrongActor {
                expected,
                got: by.actor,
            });
        }
        let at = self.history.last().map_or(at, |e| e.at.max(at));
        let TicketCall { ticket, called } = call;
        let called = called.min(at);
        self.record(
            by,
            at,
            None,
            None,
            EventKind::VisitCalled { ticket, called },
        );
        Ok(())
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
}

//! An act on an application: a step completed, a return, a withdrawal, an
//! intake refused, the result issued.

use chrono::NaiveDateTime;

use super::{ActKind, ActRequest, Named, Ops, OpsError, OpsResult, Refusal};
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::iin::Iin;
use crate::domain::roles::{Actor, OrgKind, Role};
use crate::domain::route::{
    Decision, RefusalGround, StepOutput, Transition, TransitionError, intake_actor, issuing_actor,
    step_action,
};
use crate::store::NumberRequest;
use crate::store::model::{JournalKind, Record};

impl Ops {
    pub fn act(
        &self,
        login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Record> {
        let (user, org) = self.caller(login)?;
        let rec = self.find(number)?;
        // Someone acted since the caller looked: say who, before judging
        // the act against a state the caller has not seen.
        if req.version.is_some_and(|v| v != rec.app.version) && Self::may_see(&rec, &org) {
            return Err(self.named(crate::store::stale(&rec).into()));
        }
        let service = self.service(&rec.app.service)?;
        let app = &rec.app;
        // What the current step does for this application (a provider's closing
        // issue on a State Corporation application is its hand-over).
        let action = app
            .current_step(service)
            .map(|s| step_action(s, app.channel));
        // `issue` on an application whose route has its own issue step completes that step.
        let kind = match (kind, action) {
            (ActKind::Issue, Some(StepAction::Issue)) => ActKind::Step(StepAction::Issue),
            (other, _) => other,
        };
        if let (ActKind::Step(want), Some(action)) = (kind, action)
            && want != action
        {
            return Err(TransitionError::WrongStep {
                action,
                what: want.to_string(),
            }
            .into());
        }
        // The actor this act needs, to check the user's organisation and role.
        let needed: Actor = match kind {
            ActKind::Complete | ActKind::Step(_) | ActKind::Return => app
                .holder
                .as_ref()
                .map(|h| h.actor)
                .ok_or(TransitionError::Closed(app.status))?,
            ActKind::RefuseIntake => intake_actor(app.channel),
            ActKind::Issue => issuing_actor(app.channel).ok_or(TransitionError::NotReady)?,
            ActKind::Withdraw => {
                if org.kind == OrgKind::Provider {
                    intake_actor(Channel::ProviderOffice)
                } else {
                    intake_actor(app.channel)
                }
            }
        };
        if rec.orgs.org_for(needed.org) != Some(org.code.as_str()) || org.kind != needed.org {
            return Err(OpsError::Forbidden(Refusal::HandledElsewhere {
                number: rec.number.clone(),
                role: needed.role,
                kind: needed.org,
                login: user.login.clone(),
                org: Named::from(&org),
            }));
        }
        let performer = Self::performer(&user, &org, needed.role)?;
        let comment = req.comment.clone().unwrap_or_default();
        let mut number_req = None;
        let transition = match kind {
            ActKind::Complete | ActKind::Step(_) => {
                let action = action.ok_or(TransitionError::Closed(app.status))?;
                let output = match action {
                    StepAction::Register => {
                        // An application taken in at this office already has its incoming number.
                        if rec.orgs.intake == org.code && org.kind != OrgKind::StateCorp {
                            StepOutput::Registered {
                                number: rec.number.clone(),
                            }
                        } else {
                            number_req =
                                Some(NumberRequest::new(&org.code, JournalKind::Incoming, at));
                            StepOutput::Registered {
                                number: String::new(),
                            }
                        }
                    }
                    StepAction::Dispatch => {
                        number_req = Some(NumberRequest::new(&org.code, JournalKind::Outgoing, at));
                        StepOutput::Registered {
                            number: String::new(),
                        }
                    }
                    StepAction::Assign => {
                        let to = req
                            .to
                            .clone()
                            .ok_or(OpsError::Invalid(Refusal::AssignNeedsSpecialist))?;
                        let (spec, spec_org) = self.caller(&to)?;
                        if spec_org.code != org.code || !spec.roles.contains(&Role::Specialist) {
                            return Err(OpsError::Invalid(Refusal::NotSpecialistOf {
                                login: to,
                                org: Named::from(&org),
                            }));
                        }
                        StepOutput::Assigned {
                            specialist: to,
                            resolution: comment.clone(),
                        }
                    }
                    StepAction::Inspect | StepAction::Conclude => StepOutput::Report {
                        text: comment.clone(),
                    },
                    StepAction::Execute => match req.approve {
                        Some(true) => {
                            let result = match &req.result {
                                Some(r) => r.clone(),
                                None => service
                                    .positive_results_on(app.channel)
                                    .next()
                                    .map(|r| r.id.clone())
                                    .unwrap_or_default(),
                            };
                            StepOutput::Decided(Decision::approve(result, &comment))
                        }
                        Some(false) => StepOutput::Decided(Decision::Refuse {
                            ground: req.ground.unwrap_or(RefusalGround::RequirementsNotMet),
                            text: comment.clone(),
                        }),
                        None => {
                            return Err(OpsError::Invalid(Refusal::DecisionMissing));
                        }
                    },
                    StepAction::Issue => StepOutput::Issued {
                        recipient: self.recipient(&req, at)?,
                    },
                    StepAction::Accept
                    | StepAction::Review
                    | StepAction::Sign
                    | StepAction::Forward => StepOutput::Done,
                };
                Transition::Complete(output)
            }
            ActKind::Return => {
                let route = service.route(&app.route).ok_or_else(|| {
                    OpsError::NotFound(Refusal::RouteMissing {
                        number: rec.number.clone(),
                    })
                })?;
                let to_step = match req.to_step {
                    Some(n) if n >= 1 => n - 1,
                    Some(_) => return Err(OpsError::Invalid(Refusal::StepsFromOne)),
                    // Back to the decision when it lies behind, else one step back.
                    None => route
                        .steps
                        .iter()
                        .position(|s| s.action == StepAction::Execute)
                        .filter(|&e| e < app.step)
                        .or(app.step.checked_sub(1))
                        .ok_or(OpsError::Invalid(Refusal::NothingToReturnTo))?,
                };
                Transition::Return { to_step, comment }
            }
            ActKind::Withdraw => Transition::Withdraw { reason: comment },
            ActKind::RefuseIntake => Transition::RefuseIntake {
                missing: req.missing.clone(),
            },
            ActKind::Issue => Transition::Issue {
                recipient: self.recipient(&req, at)?,
            },
        };
        let rec = self.store.transition(
            rec.id,
            req.version.or(Some(app.version)),
            number_req.as_ref(),
            |r, n| {
                let t = match n {
                    Some(n) => fill_number(transition.clone(), &n),
                    None => transition.clone(),
                };
                r.app
                    .apply(service, &performer, at, t, &self.deadlines)
                    .map_err(OpsError::from)
            },
        );
        rec.map_err(|e| self.named(e))
    }

    pub(super) fn recipient(&self, req: &ActRequest, at: NaiveDateTime) -> OpsResult<Iin> {
        let raw = req
            .recipient
            .clone()
            .ok_or(OpsError::Invalid(Refusal::IssueNeedsCollector))?;
        Iin::from_input(&raw, at.date()).map_err(|e| OpsError::Invalid(Refusal::bad_iin(&raw, e)))
    }
}

fn fill_number(t: Transition, number: &str) -> Transition {
    match t {
        Transition::Complete(StepOutput::Registered { number: n }) if n.is_empty() => {
            Transition::Complete(StepOutput::Registered {
                number: number.to_string(),
            })
        }
        other => other,
    }
}

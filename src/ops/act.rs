//! An act on an application: a step completed, a return, a withdrawal, an
//! intake refused, the result received at the centre or issued. `Ops::act` reads the application,
//! judges the act against the current step (the one wrong-step check),
//! checks the caller's right, plans the transition and writes it.

use chrono::NaiveDateTime;

use super::{ActKind, ActRequest, Named, Ops, OpsError, OpsResult, Refusal};
use crate::domain::catalog::{Channel, Service, StepAction};
use crate::domain::iin::Iin;
use crate::domain::roles::{Actor, OrgKind, Role};
use crate::domain::route::{
    Application, Decision, RefusalGround, StepOutput, Transition, TransitionError, intake_actor,
    issuing_actor, step_action,
};
use crate::domain::unfit::Unfit;
use crate::store::model::{JournalKind, Organisation, Record, User};
use crate::store::{Known, NumberRequest};

/// An act as the application's current step makes it: the kind (an
/// `issue` on a route with its own issue step is that step) and what the
/// step does for this application.
struct Judged {
    kind: ActKind,
    action: Option<StepAction>,
}

/// The change an act asks the route engine for, and the journal number it
/// draws in the same transaction (filled in there).
struct Planned {
    transition: Transition,
    number: Option<NumberRequest>,
}

impl Planned {
    fn plain(transition: Transition) -> Planned {
        Planned {
            transition,
            number: None,
        }
    }
}

impl Ops {
    /// An act on application `number` as `login`, in four steps: read it
    /// (refusing a stale view), judge the act against its current step,
    /// check that the caller may perform it, then plan the change and write
    /// it in one transaction.
    pub fn act(
        &self,
        login: &str,
        number: &str,
        kind: ActKind,
        req: ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Record> {
        let (user, org) = self.caller(login)?;
        let known = self.read_to_act(&user, &org, number, &req)?;
        let rec = &known.rec;
        let service = self.service(&rec.app.service)?;
        let judged = judge(&rec.app, service, kind)?;
        let needed = needed_actor(&rec.app, &org, judged.kind)?;
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
        let planned = self.plan(rec, service, &org, &judged, &req, at)?;
        let Planned { transition, number } = planned;
        // The visit that collects a result at the centre is timed from its call.
        let call = match (&transition, rec.app.channel) {
            (Transition::Issue { .. }, Channel::StateCorp) => self.counter_call(&org, login)?,
            _ => None,
        };
        let rec = self.store.transition_known(
            &known,
            req.version.or(Some(rec.app.version)),
            number.as_ref(),
            |r, n| {
                let t = match n {
                    Some(n) => fill_number(transition.clone(), &n),
                    None => transition.clone(),
                };
                if let Some(call) = call.clone() {
                    r.app.note_issuing_call(&performer, at, call)?;
                }
                r.app
                    .apply(service, &performer, at, t, &self.deadlines)
                    .map_err(OpsError::from)
            },
        );
        rec.map_err(|e| self.named(e))
    }

    /// The application, unless someone acted since the caller looked: then
    /// say who, before judging the act against a state the caller has not seen.
    fn read_to_act(
        &self,
        user: &User,
        org: &Organisation,
        number: &str,
        req: &ActRequest,
    ) -> OpsResult<Known> {
        let known = self.find_known(number)?;
        let rec = &known.rec;
        if req.version.is_some_and(|v| v != rec.app.version)
            && Self::may_see(rec, org)
            && Self::reads_cases(user).is_ok()
        {
            return Err(self.named(crate::store::stale(rec).into()));
        }
        Ok(known)
    }

    /// The transition the act asks for.
    fn plan(
        &self,
        rec: &Record,
        service: &Service,
        org: &Organisation,
        judged: &Judged,
        req: &ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Planned> {
        let app = &rec.app;
        // Acts are drawn up beside a decision only: on any other act a given
        // act text would be lost, so it is refused rather than ignored.
        let decides = matches!(judged.kind, ActKind::Complete | ActKind::Step(_))
            && judged.action == Some(StepAction::Execute);
        if let Some(act) = req.acts.first().filter(|_| !decides) {
            return Err(TransitionError::Invalid(Unfit::ActNotOfStep {
                act: act.id.clone(),
            })
            .into());
        }
        let comment = req.comment.clone().unwrap_or_default();
        let transition = match judged.kind {
            ActKind::Complete | ActKind::Step(_) => {
                let action = judged.action.ok_or(TransitionError::Closed(app.status))?;
                return self.complete(rec, service, org, action, req, at);
            }
            ActKind::Return => Transition::Return {
                to_step: return_to(rec, service, req)?,
                comment,
            },
            ActKind::Withdraw => Transition::Withdraw { reason: comment },
            ActKind::RefuseIntake => Transition::RefuseIntake {
                missing: req.missing.clone(),
            },
            ActKind::Issue => Transition::Issue {
                recipient: self.recipient(req, at)?,
            },
            ActKind::Receive => Transition::Receive { mark: comment },
        };
        Ok(Planned::plain(transition))
    }

    /// The current step completed with what its action produces.
    fn complete(
        &self,
        rec: &Record,
        service: &Service,
        org: &Organisation,
        action: StepAction,
        req: &ActRequest,
        at: NaiveDateTime,
    ) -> OpsResult<Planned> {
        let comment = req.comment.clone().unwrap_or_default();
        let drawn = |kind| {
            let number = Some(NumberRequest::new(&org.code, kind, at));
            let output = StepOutput::Registered {
                number: String::new(),
            };
            (output, number)
        };
        let (output, number) = match action {
            // An application taken in at this office already has its incoming number.
            StepAction::Register
                if rec.orgs.intake == org.code && org.kind != OrgKind::StateCorp =>
            {
                let number = rec.number.clone();
                (StepOutput::Registered { number }, None)
            }
            StepAction::Register => drawn(JournalKind::Incoming),
            StepAction::Dispatch => drawn(JournalKind::Outgoing),
            StepAction::Assign => (self.assigned(org, req, comment)?, None),
            StepAction::Inspect | StepAction::Conclude => {
                (StepOutput::Report { text: comment }, None)
            }
            StepAction::Execute => (decided(&rec.app, service, req, comment)?, None),
            StepAction::Issue => {
                let recipient = self.recipient(req, at)?;
                (StepOutput::Issued { recipient }, None)
            }
            StepAction::Accept | StepAction::Review | StepAction::Sign | StepAction::Forward => {
                (StepOutput::Done, None)
            }
            // The centre's receipt is an act of its own, never a route step.
            StepAction::Receive => {
                return Err(TransitionError::Invalid(Unfit::ReceiptOnlyAtCentre).into());
            }
        };
        Ok(Planned {
            transition: Transition::Complete(output),
            number,
        })
    }

    /// The head's assignment: to a specialist of their own organisation.
    fn assigned(
        &self,
        org: &Organisation,
        req: &ActRequest,
        comment: String,
    ) -> OpsResult<StepOutput> {
        let to = req
            .to
            .clone()
            .ok_or(OpsError::Invalid(Refusal::AssignNeedsSpecialist))?;
        let (spec, spec_org) = self.caller(&to)?;
        if spec_org.code != org.code || !spec.roles.contains(&Role::Specialist) {
            return Err(OpsError::Invalid(Refusal::NotSpecialistOf {
                login: to,
                org: Named::from(org),
            }));
        }
        Ok(StepOutput::Assigned {
            specialist: to,
            resolution: comment,
        })
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

/// The one wrong-step check: an act naming a step must be the current
/// step's action.
fn judge(app: &Application, service: &Service, kind: ActKind) -> OpsResult<Judged> {
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
    Ok(Judged { kind, action })
}

/// The actor this act needs, to check the user's organisation and role.
fn needed_actor(app: &Application, org: &Organisation, kind: ActKind) -> OpsResult<Actor> {
    Ok(match kind {
        ActKind::Complete | ActKind::Step(_) | ActKind::Return => app
            .holder
            .as_ref()
            .map(|h| h.actor)
            .ok_or(TransitionError::Closed(app.status))?,
        ActKind::RefuseIntake => intake_actor(app.channel),
        ActKind::Issue => issuing_actor(app.channel).ok_or(TransitionError::NotReady)?,
        // Only the centre receives a result, and only one handed to it.
        ActKind::Receive if app.channel == Channel::StateCorp => intake_actor(app.channel),
        ActKind::Receive => return Err(TransitionError::Invalid(Unfit::ReceiptOnlyAtCentre).into()),
        ActKind::Withdraw => {
            if org.kind == OrgKind::Provider {
                intake_actor(Channel::ProviderOffice)
            } else {
                intake_actor(app.channel)
            }
        }
    })
}

/// The decision: the positive result asked for (default the service's
/// first on this channel), or a refusal on its ground.
fn decided(
    app: &Application,
    service: &Service,
    req: &ActRequest,
    comment: String,
) -> OpsResult<StepOutput> {
    Ok(match req.approve {
        Some(true) => {
            let result = match &req.result {
                Some(r) => r.clone(),
                None => service
                    .positive_results_on(app.channel)
                    .next()
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
            };
            StepOutput::decided(Decision::approve(result, &comment), &req.acts)
        }
        Some(false) => StepOutput::decided(
            Decision::Refuse {
                ground: req.ground.unwrap_or(RefusalGround::RequirementsNotMet),
                text: comment,
            },
            &req.acts,
        ),
        None => return Err(OpsError::Invalid(Refusal::DecisionMissing)),
    })
}

/// The step a return goes back to (1-based in the request): by default the
/// decision when it lies behind, else one step back.
fn return_to(rec: &Record, service: &Service, req: &ActRequest) -> OpsResult<usize> {
    let app = &rec.app;
    let route = service.route(&app.route).ok_or_else(|| {
        OpsError::NotFound(Refusal::RouteMissing {
            number: rec.number.clone(),
        })
    })?;
    Ok(match req.to_step {
        Some(n) if n >= 1 => n - 1,
        Some(_) => return Err(OpsError::Invalid(Refusal::StepsFromOne)),
        None => route
            .steps
            .iter()
            .position(|s| s.action == StepAction::Execute)
            .filter(|&e| e < app.step)
            .or(app.step.checked_sub(1))
            .ok_or(OpsError::Invalid(Refusal::NothingToReturnTo))?,
    })
}

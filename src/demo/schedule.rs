//! The demo office in time: how much each service is asked for, and each
//! application's next act scheduled from its last one and carried out.

use super::*;
use crate::domain::route::ActText;

/// Relative demand for a service: how many applications per hundred.
pub(super) fn demand(id: &str) -> u32 {
    match id {
        "krg-37-03-targeted-social-assistance" => 12,
        "krg-37-03-child-benefit" => 10,
        "krg-37-03-jobseeker-registration" => 9,
        "krg-37-03-unemployed-registration" => 7,
        "krg-37-03-tsa-recipient-certificate" => 6,
        "krg-37-03-active-employment-referral" => 6,
        "krg-34-17-guardian-allowance" => 6,
        "krg-34-18-summer-camp-referral" => 5,
        "krg-37-03-rural-specialist-fuel-aid" => 4,
        "krg-34-17-patronage-allowance" => 3,
        "krg-34-18-adoption-lump-sum" => 3,
        _ => 2,
    }
}

pub(super) fn intake_office(channel: Channel) -> OrgKind {
    crate::domain::route::intake_actor(channel).org
}

/// Performs the case's pending act (or its submission) at `at`, and
/// finishes the centre's visit behind it, if one was opened.
pub(super) fn carry_out(
    ops: &Ops,
    case: &mut Case<'_>,
    at: NaiveDateTime,
) -> Result<Record, OpsError> {
    let rec = match (case.number.take(), case.next.take()) {
        (None, _) => submit(ops, case, at)?,
        (Some(number), Some(p)) => ops.act(&p.login, &number, p.kind, p.req, at)?,
        (Some(number), None) => ops.find(&number)?,
    };
    visits::close(ops, case, &rec, at)?;
    Ok(rec)
}

/// The case's submission at `at`.
fn submit(ops: &Ops, case: &mut Case<'_>, at: NaiveDateTime) -> Result<Record, OpsError> {
    let documents = documents(case);
    ops.submit(
        case.intake,
        SubmitRequest {
            district: None,
            service: case.service.id.clone(),
            channel: case.channel,
            iin: case.person.iin.to_string(),
            name: case.person.name.clone(),
            phone: case.person.phone.clone(),
            representative: None,
            org: None,
            documents: Some(documents),
            expired: Vec::new(),
            notarised: false,
        },
        at,
    )
}

/// The documents handed in: the required ones and some optional ones, or only
/// the application form when the case is to be refused at intake.
pub(super) fn documents(case: &mut Case<'_>) -> Vec<String> {
    if case.fate == Fate::RefuseAtSubmit {
        return vec!["application".into()];
    }
    let mut out = Vec::new();
    for d in &case.service.documents {
        if d.is_required() || case.rng.chance(0.6) {
            out.push(d.id.clone());
        }
    }
    out
}

/// Decides the case's next act and when it happens; None when it stays put.
pub(super) fn schedule(
    ops: &Ops,
    case: &mut Case<'_>,
    rec: &Record,
) -> Result<Option<NaiveDateTime>, OpsError> {
    let app = &rec.app;
    let last = app.history.last().map_or(case.submit_at, |e| e.at);
    let version = Some(app.version);
    match app.status {
        Status::Issued | Status::RefusedAtIntake | Status::Withdrawn => return Ok(None),
        Status::InProgress | Status::ResultReady => {}
    }
    if let Some(at) = at_the_counter(ops, case, rec, last)? {
        return Ok(Some(at));
    }
    let holder = app.holder.as_ref().ok_or_else(|| {
        demo_broken(format!(
            "{} is {} without a holder",
            rec.number,
            app.status.as_str()
        ))
    })?;
    let org_code = rec
        .orgs
        .org_for(holder.actor.org)
        .ok_or_else(|| demo_broken(format!("{} has no akim's office", rec.number)))?;
    let login = match &holder.login {
        Some(l) => l.clone(),
        None => login_of(org_code, holder.actor.role)?.to_string(),
    };
    if app.status == Status::ResultReady
        && holder.action == StepAction::Receive
        && case.fate == Fate::Unmarked
    {
        return Ok(None);
    }
    if app.status == Status::ResultReady && holder.action == StepAction::Receive {
        // The result handed to the centre is marked in its journal soon after.
        let entry = case.rng.range(1, 400);
        let req = ActRequest {
            comment: Some(format!("Журнал получения результатов, запись {entry}")),
            version,
            ..ActRequest::default()
        };
        case.next = Some(Pending {
            login,
            kind: ActKind::Receive,
            req,
        });
        return later(ops, holder.actor.org, last, case.rng.range(5, 120)).map(Some);
    }
    if app.status == Status::ResultReady {
        // The applicant comes to collect the result, within a few days.
        let req = ActRequest {
            recipient: Some(app.applicant.iin.to_string()),
            version,
            ..ActRequest::default()
        };
        case.next = Some(Pending {
            login,
            kind: ActKind::Issue,
            req,
        });
        return later(ops, holder.actor.org, last, case.rng.range(20, 2400)).map(Some);
    }
    if case.fate == Fate::Stalled(app.step) {
        return Ok(None);
    }
    let service = case.service;
    let route = service
        .route(&app.route)
        .ok_or_else(|| demo_broken(format!("route {} of {}", app.route, service.id)))?;
    let step = &route.steps[app.step];
    let (kind, req) = step_act(case, rec, holder.action, step, org_code)?;
    let minutes = act_minutes(ops, case, app, step.org);
    case.next = Some(Pending { login, kind, req });
    later(ops, step.org, last, minutes).map(Some)
}

/// The counter's own acts on a case whose fate is decided there: the
/// operator finds a document missing, or the applicant withdraws.
fn at_the_counter(
    ops: &Ops,
    case: &mut Case<'_>,
    rec: &Record,
    last: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, OpsError> {
    let app = &rec.app;
    let version = Some(app.version);
    let service = case.service;
    let rng = &mut case.rng;
    if case.fate == Fate::RefuseIntake && app.history.len() == 1 {
        // The operator looks through the documents and finds one missing.
        let required: Vec<&str> = service
            .documents
            .iter()
            .filter(|d| d.is_required() && d.id != "application")
            .map(|d| d.id.as_str())
            .collect();
        let missing = if required.is_empty() {
            "application"
        } else {
            rng.pick(&required)
        };
        case.next = Some(Pending {
            login: case.intake.into(),
            kind: ActKind::RefuseIntake,
            req: ActRequest {
                missing: vec![missing.into()],
                version,
                ..ActRequest::default()
            },
        });
        return later(ops, intake_office(case.channel), last, rng.range(3, 15)).map(Some);
    }
    if let Fate::Withdraw(after) = case.fate
        && (app.status == Status::ResultReady || app.step >= after)
    {
        case.next = Some(Pending {
            login: case.intake.into(),
            kind: ActKind::Withdraw,
            req: ActRequest {
                comment: Some(rng.pick(WITHDRAWALS).to_string()),
                version,
                ..ActRequest::default()
            },
        });
        let office = intake_office(case.channel);
        return later(ops, office, last, rng.range(30, 1500)).map(Some);
    }
    Ok(None)
}

/// The holder's act on the current step, with what it carries.
fn step_act(
    case: &mut Case<'_>,
    rec: &Record,
    action: StepAction,
    step: &crate::domain::catalog::Step,
    org_code: &str,
) -> Result<(ActKind, ActRequest), OpsError> {
    let app = &rec.app;
    let service = case.service;
    let rng = &mut case.rng;
    let execute = service
        .route(&app.route)
        .and_then(|r| r.steps.iter().position(|s| s.action == StepAction::Execute));
    let mut req = ActRequest {
        version: Some(app.version),
        ..ActRequest::default()
    };
    // The holder's action, not the step's: a provider's closing issue on a
    // State Corporation application is the hand-over to the counter.
    let mut kind = ActKind::Step(action);
    match action {
        _ if step.returnable && case.give_back && execute.is_some_and(|e| e < app.step) => {
            // The head sends the draft back once, with what to correct.
            case.give_back = false;
            kind = ActKind::Return;
            req.comment = Some(rng.pick(RETURNS).to_string());
        }
        StepAction::Assign => {
            let specialists: Vec<&str> = users()
                .filter(|u| u.2 == org_code && u.3 == Role::Specialist)
                .map(|u| u.0)
                .collect();
            if specialists.is_empty() {
                return Err(demo_broken(format!(
                    "the demo has no specialist at {org_code}"
                )));
            }
            req.to = Some(rng.pick(&specialists).to_string());
            req.comment = Some(rng.pick(RESOLUTIONS).to_string());
        }
        StepAction::Inspect | StepAction::Conclude => {
            req.comment = Some(rng.pick(REPORTS).to_string());
        }
        StepAction::Execute => {
            // The acts the step draws up beside the decision (004:151-153).
            let texts = if case.refuse {
                UNFIT_HOMES
            } else {
                INSPECTIONS
            };
            req.acts = step
                .acts
                .iter()
                .map(|a| ActText {
                    id: a.id.clone(),
                    text: rng.pick(texts).to_string(),
                })
                .collect();
            if case.refuse {
                // Refused over what the inspection found, where one was made.
                let (ground, text) = match step.acts.is_empty() {
                    true => refusal(rng),
                    false => (RefusalGround::RequirementsNotMet, UNFIT_HOME_REFUSAL),
                };
                req.approve = Some(false);
                req.ground = Some(ground);
                req.comment = Some(text.into());
            } else {
                req.approve = Some(true);
                req.result = Some(result_for(service, case.channel, rng));
            }
        }
        StepAction::Issue => {
            kind = ActKind::Complete;
            req.recipient = Some(app.applicant.iin.to_string());
        }
        _ => {}
    }
    Ok((kind, req))
}

/// How long the act takes: most acts a share of the step's norm, some run
/// over it.
fn act_minutes(
    ops: &Ops,
    case: &mut Case<'_>,
    app: &crate::domain::route::Application,
    org: OrgKind,
) -> u32 {
    let office = ops.deadlines.office(org);
    let whole = app
        .step_due
        .map_or(240, |due| {
            office.working_minutes_between(app.step_started, due)
        })
        .max(1) as f64;
    let rng = &mut case.rng;
    let share = if rng.chance(case.late) {
        1.05 + rng.unit() * 0.9
    } else {
        0.05 + rng.unit() * (case.pace - 0.05)
    };
    (whole * share).round().clamp(1.0, f64::from(u32::MAX)) as u32
}

/// A positive result kind this channel's applications may get.
pub(super) fn result_for(service: &Service, channel: Channel, rng: &mut Rng) -> String {
    let choices: Vec<&str> = service
        .positive_results_on(channel)
        .map(|r| r.id.as_str())
        .collect();
    rng.pick(&choices).to_string()
}

//! An application as a person reads it (`app show`, and the short form after
//! `app submit`/`app act`): the same facts as the workstation's case view,
//! in the CLI's language, with people by name. Scripts use `--json`.

use chrono::NaiveDateTime;

use super::{outln, say};
use crate::domain::calendar::SlaState;
use crate::domain::catalog::{Channel, Service};
use crate::domain::roles::{Actor, OrgKind};
use crate::domain::route::{Decision, Event, EventKind, StepOutput};
use crate::ops::Ops;
use crate::store::model::Record;
use crate::tui::i18n::{self, date_time, opt_date_time};

/// Prints the card; `full` adds the history.
pub fn print(ops: &Ops, rec: &Record, at: NaiveDateTime, full: bool) {
    let lang = say::lang();
    let app = &rec.app;
    let service = ops.catalog.get(&app.service);
    let name = service.map_or(app.service.as_str(), |s| i18n::service_name(lang, s));
    let line = |key: &str, value: &dyn std::fmt::Display| {
        outln!("  {:<22} {value}", format!("{}:", say::t(key)));
    };
    outln!("{} — {name}", rec.number);
    line("card.service_id", &app.service);
    line(
        "card.applicant",
        &format!(
            "{}, {} {}",
            app.applicant.name,
            say::ui("list.iin"),
            app.applicant.iin
        ),
    );
    if let Some(p) = &app.applicant.phone {
        line("card.phone", p);
    }
    if let Some(r) = &app.applicant.representative {
        let iin = r.iin.map(|i| format!(", {i}")).unwrap_or_default();
        line(
            "card.representative",
            &say::tf(
                "card.representative_value",
                &[
                    ("name", &r.name),
                    ("iin", &iin),
                    ("poa", &r.power_of_attorney),
                ],
            ),
        );
    }
    line(
        "card.channel",
        &say::ui(&format!("channel.{}", app.channel.as_str())),
    );
    line("card.submitted", &date_time(app.submitted_at));
    line(
        "card.status",
        &say::ui(&format!("status.{}", app.status.as_str())),
    );
    if let Some(s) = service {
        current_step(ops, rec, s, at, &line);
    }
    line("card.overall_due", &opt_date_time(app.overall_due));
    if !app.numbers.is_empty() {
        line("card.numbers", &app.numbers.join(", "));
    }
    if let Some(d) = &app.decision {
        line("card.decision", &decision_text(service, d));
    }
    if let Some(missing) = app.missing_documents() {
        line("card.missing", &document_names(service, missing).join("; "));
    }
    line("card.version", &app.version);
    if let (true, Some(s), Channel::StateCorp) = (full, service, app.channel) {
        let office = ops.deadlines.office(OrgKind::StateCorp);
        outln!("  {}", i18n::t(say::lang(), "case.counter"));
        for l in i18n::counter_part(say::lang(), &app.counter_part(s, office, at)) {
            outln!("    {l}");
        }
    }
    if full {
        outln!("  {}:", say::t("card.history"));
        for e in &app.history {
            outln!(
                "    {}  {} — {}",
                date_time(e.at),
                who(ops, rec, e),
                event_text(ops, service, e)
            );
        }
    }
}

/// The current step: number, what, who, holder, due and the SLA in words.
fn current_step(
    ops: &Ops,
    rec: &Record,
    service: &Service,
    at: NaiveDateTime,
    line: &dyn Fn(&str, &dyn std::fmt::Display),
) {
    let app = &rec.app;
    let Some(step) = app.current_step(service) else {
        return;
    };
    let mut text = format!(
        "{}. {} — {}",
        app.step + 1,
        i18n::step_name(say::lang(), step.action),
        actor_text(ops, rec, step.actor())
    );
    if let Some(login) = app.holder.as_ref().and_then(|h| h.login.as_deref()) {
        text.push_str(&format!(" ({})", person_name(ops, login)));
    }
    line("card.step", &text);
    let Some(due) = app.step_due else { return };
    let mut due_text = date_time(due);
    if let Some(sla) = app.step_sla(service, &ops.deadlines, at) {
        let amount = crate::tui::chrome::widgets::amount(say::lang(), sla.amount);
        let left = i18n::tf(say::lang(), "list.left", &[("t", &amount)]);
        let words = match sla.state {
            SlaState::OnTime => format!("{}, {left}", say::ui("sla.on_time")),
            SlaState::AtRisk => format!("{}, {left}", say::ui("sla.at_risk")),
            SlaState::Overdue => i18n::tf(say::lang(), "list.late_by", &[("t", &amount)]),
        };
        due_text.push_str(&format!(" — {words}"));
    }
    line("card.step_due", &due_text);
}

/// "Канцелярия — Отдел образования (KRG-ED)": the role, and the organisation by name.
fn actor_text(ops: &Ops, rec: &Record, actor: Actor) -> String {
    let role = say::ui(&format!("role.{}", actor.role.as_str()));
    let Some(code) = rec.orgs.org_for(actor.org) else {
        return role.to_string();
    };
    match ops.store.org(code).ok().flatten() {
        Some(org) => format!("{role}, {} ({code})", i18n::org_name(say::lang(), &org)),
        None => format!("{role}, {code}"),
    }
}

/// A login as the person's name, with the login (an administrator's
/// `admin:NAME` and unknown logins stay as they are).
fn person_name(ops: &Ops, login: &str) -> String {
    match ops.store.user(login).ok().flatten() {
        Some(u) => format!("{} ({login})", u.full_name),
        None => login.to_string(),
    }
}

/// Who did it: the person, and in which role.
fn who(ops: &Ops, rec: &Record, e: &Event) -> String {
    format!(
        "{}, {}",
        person_name(ops, &e.by),
        actor_text(ops, rec, e.actor)
    )
}

fn document_names(service: Option<&Service>, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            service
                .and_then(|s| s.documents.iter().find(|d| d.id == *id))
                .map_or(id.clone(), |d| {
                    i18n::document_name(say::lang(), d).to_string()
                })
        })
        .collect()
}

fn result_name(service: Option<&Service>, result: &str) -> String {
    service
        .and_then(|s| s.results.iter().find(|r| r.id == result))
        .map_or(result.to_string(), |r| {
            i18n::result_name(say::lang(), r).to_string()
        })
}

fn ground_text(ground: crate::domain::route::RefusalGround) -> &'static str {
    i18n::ground_name(say::lang(), ground)
}

fn decision_text(service: Option<&Service>, d: &Decision) -> String {
    let lang = say::lang();
    match d {
        Decision::Approve { result } => i18n::tf(
            lang,
            "case.approved",
            &[("result", &result_name(service, result))],
        ),
        Decision::ApproveWithText { result, text } => format!(
            "{}. {text}",
            i18n::tf(
                lang,
                "case.approved",
                &[("result", &result_name(service, result))]
            )
        ),
        Decision::Refuse { ground, text } => i18n::tf(
            lang,
            "case.refused",
            &[("ground", &ground_text(*ground)), ("text", text)],
        ),
    }
}

/// One history entry in words, with every text the person typed.
pub fn event_text(ops: &Ops, service: Option<&Service>, e: &Event) -> String {
    let lang = say::lang();
    match &e.what {
        EventKind::Submitted { channel, .. } => i18n::tf(
            lang,
            "case.ev_submitted",
            &[(
                "channel",
                &say::ui(&format!("channel.{}", channel.as_str())),
            )],
        ),
        EventKind::Completed { action, output } => {
            let step = i18n::step_name(lang, *action);
            let detail = match output {
                StepOutput::Done => return step.to_string(),
                StepOutput::Registered { number } => format!("№ {number}"),
                StepOutput::Assigned {
                    specialist,
                    resolution,
                } => say::tf(
                    "card.assigned",
                    &[("to", &person_name(ops, specialist)), ("text", &resolution)],
                ),
                StepOutput::Report { text } => text.clone(),
                StepOutput::Decided(d) => decision_text(service, d),
                StepOutput::DecidedWithActs { decision, acts } => format!(
                    "{}{}",
                    decision_text(service, decision),
                    i18n::acts_text(lang, service, acts)
                ),
                StepOutput::Issued { recipient } => {
                    format!("{} {recipient}", say::ui("list.iin"))
                }
            };
            format!("{step}: {detail}")
        }
        EventKind::Returned { comment } => {
            i18n::tf(lang, "case.ev_returned", &[("comment", comment)])
        }
        EventKind::IntakeRefused { missing } => i18n::tf(
            lang,
            "case.ev_intake_refused",
            &[("docs", &document_names(service, missing).join("; "))],
        ),
        EventKind::IntakeRefusedWith { missing, expired } => {
            let names = |ids: &[String]| match document_names(service, ids).join("; ") {
                none if none.is_empty() => "—".to_string(),
                some => some,
            };
            i18n::tf(
                lang,
                "case.ev_intake_refused_expired",
                &[("docs", &names(missing)), ("expired", &names(expired))],
            )
        }
        EventKind::Withdrawn { reason } => {
            i18n::tf(lang, "case.ev_withdrawn", &[("reason", reason)])
        }
        EventKind::Issued { recipient } => i18n::tf(lang, "case.ev_issued", &[("iin", recipient)]),
        EventKind::PowerOfAttorneyChecked { power } => i18n::power_checked(lang, power),
        EventKind::VisitCalled { ticket, called } => i18n::visit_called(lang, ticket, *called),
        EventKind::ResultReceived { mark, outgoing } => {
            i18n::result_received(lang, mark, outgoing.as_deref())
        }
    }
}

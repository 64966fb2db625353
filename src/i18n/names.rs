//! The names of domain values (services, documents, organisations, steps,
//! statuses, norms, key names...) in the user's language: every run-time
//! label of a domain value goes through here, so no internal identifier
//! (`working_days`, `on_break`) reaches a screen, and a test can check that
//! every variant has a text in every language.

use chrono::NaiveDateTime;

use super::{Lang, t, tf};
use crate::domain::catalog::{Channel, Document, ResultDoc, ResultKind, Service, StepAction};
use crate::domain::norm::Norm;
use crate::domain::queue::{OperatorState, OutcomeKind, PriorityReason, TicketState};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{RefusalGround, Status};
use crate::ops::Named;
use crate::store::model::Organisation;
use crate::tui::action::Context;

/// `fn name(lang, value)` for enums whose texts live in one section, keyed
/// by the variant's stable code.
macro_rules! enum_names {
    ($($(#[$doc:meta])* $name:ident($ty:ty) => $section:literal;)*) => {$(
        $(#[$doc])*
        pub fn $name(lang: Lang, value: $ty) -> &'static str {
            t(lang, &format!(concat!($section, ".{}"), value.as_str()))
        }
    )*};
}

enum_names! {
    step_name(StepAction) => "step";
    status_name(Status) => "status";
    channel_name(Channel) => "channel";
    role_name(Role) => "role";
    ground_name(RefusalGround) => "ground";
    result_kind_name(ResultKind) => "result_kind";
    ticket_state_name(TicketState) => "ticket_state";
    outcome_name(OutcomeKind) => "outcome";
    operator_state_name(OperatorState) => "operator_state";
    priority_name(PriorityReason) => "priority";
    org_kind_name(OrgKind) => "org_kind";
    period_name(crate::domain::report::PeriodName) => "period";
}

/// A norm as a person says it: "15 минут", "1 рабочий день", "в день поступления".
pub fn norm_text(lang: Lang, norm: Norm) -> String {
    tf(
        lang,
        &format!("norm.{}", norm.unit.as_str()),
        &[("n", &norm.value)],
    )
}

/// The title of a keymap section in the help overlay.
pub fn help_section(lang: Lang, context: Context) -> &'static str {
    t(lang, &format!("help_section.{}", context.name()))
}

/// Dates as users write them.
pub fn date_time(at: NaiveDateTime) -> String {
    at.format("%d.%m.%Y %H:%M").to_string()
}

/// A step's act named in the user's language (the Russian name where the
/// data lacks that language).
pub fn step_act_name(lang: Lang, a: &crate::domain::catalog::StepAct) -> &str {
    in_lang(lang, [&a.name_ru, &a.name_kk, &a.name_en])
}

/// The acts a decision came with, each named as its step names it:
/// "; акт обследования жилищно-бытовых условий: …".
pub fn acts_text(
    lang: Lang,
    service: Option<&Service>,
    acts: &[crate::domain::route::ActText],
) -> String {
    let named = |id: &str| {
        service
            .into_iter()
            .flat_map(|s| &s.routes)
            .flat_map(|r| &r.steps)
            .flat_map(|st| &st.acts)
            .find(|a| a.id == id)
            .map(|a| in_lang(lang, [&a.name_ru, &a.name_kk, &a.name_en]).to_string())
    };
    acts.iter()
        .map(|a| {
            let name = named(&a.id).unwrap_or_else(|| t(lang, "case.act").to_string());
            format!("; {name}: {}", a.text)
        })
        .collect()
}

/// A notarised power of attorney as ЕНИС holds it, checked at intake.
pub fn power_checked(lang: Lang, p: &crate::domain::power::PowerOfAttorney) -> String {
    let day = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    tf(
        lang,
        "case.ev_power_checked",
        &[
            ("number", &p.number),
            ("representative", &p.representative),
            ("notary", &p.notary),
            ("from", &day(p.valid_from)),
            ("until", &day(p.valid_until)),
        ],
    )
}

pub fn opt_date_time(at: Option<NaiveDateTime>) -> String {
    at.map(date_time).unwrap_or_else(|| "—".into())
}

/// A name kept in three languages (`[ru, kk, en]`): the user's, or the
/// Russian one where the data lacks that language.
fn in_lang(lang: Lang, names: [&String; 3]) -> &str {
    let name = match lang {
        Lang::Ru => names[0],
        Lang::Kk => names[1],
        Lang::En => names[2],
    };
    if name.trim().is_empty() {
        names[0]
    } else {
        name
    }
}

pub fn service_name(lang: Lang, s: &Service) -> &str {
    in_lang(lang, [&s.name_ru, &s.name_kk, &s.name_en])
}

/// A document's name; the Russian one where the catalogue lacks a language.
pub fn document_name(lang: Lang, d: &Document) -> &str {
    in_lang(lang, [&d.name_ru, &d.name_kk, &d.name_en])
}

pub fn result_name(lang: Lang, r: &ResultDoc) -> &str {
    in_lang(lang, [&r.name_ru, &r.name_kk, &r.name_en])
}

/// An organisation's name; the Russian one where its record lacks a language.
pub fn org_name(lang: Lang, o: &Organisation) -> &str {
    in_lang(lang, [&o.name_ru, &o.name_kk, &o.name_en])
}

/// A queue category's name; the Russian one where the centre's setup lacks a language.
pub fn category_name(lang: Lang, c: &crate::domain::queue::Category) -> &str {
    in_lang(lang, [&c.name_ru, &c.name_kk, &c.name_en])
}

/// A queue category's names for a bilingual hall, `lang`'s first.
pub fn category_names(lang: Lang, c: &crate::domain::queue::Category) -> (&str, &str) {
    (category_name(lang, c), category_name(lang.partner(), c))
}

/// A name a refusal carries in three languages.
pub fn named(lang: Lang, n: &Named) -> &str {
    let name = match lang {
        Lang::Ru => &n.ru,
        Lang::Kk => &n.kk,
        Lang::En => &n.en,
    };
    if name.trim().is_empty() { &n.ru } else { name }
}

/// A history entry: the queue's call of a visit at the counter.
pub fn visit_called(lang: Lang, ticket: &str, called: NaiveDateTime) -> String {
    tf(
        lang,
        "case.ev_visit_called",
        &[("ticket", &ticket), ("time", &date_time(called))],
    )
}

/// A history entry: the result received at the State Corporation's centre,
/// with the journal's mark and the provider's outgoing number.
pub fn result_received(lang: Lang, mark: &str, outgoing: Option<&str>) -> String {
    match outgoing {
        Some(number) => tf(
            lang,
            "case.ev_received_under",
            &[("mark", &mark), ("number", &number)],
        ),
        None => tf(lang, "case.ev_received", &[("mark", &mark)]),
    }
}

/// The State Corporation's part of an application, a line per phase timed
/// against the regulation's minutes (issue 13 item 5).
pub fn counter_part(lang: Lang, timings: &[crate::domain::route::PhaseTiming]) -> Vec<String> {
    if timings.is_empty() {
        return vec![t(lang, "case.counter_none").to_string()];
    }
    timings
        .iter()
        .map(|p| {
            let phase = t(lang, &format!("counter.{}", p.phase.as_str()));
            let verdict = match p.within() {
                Some(true) => t(lang, "counter.within"),
                Some(false) => t(lang, "counter.over"),
                None => t(lang, "counter.under_way"),
            };
            match p.norm_minutes {
                Some(norm) => tf(
                    lang,
                    "case.counter_phase",
                    &[
                        ("phase", &phase),
                        ("minutes", &p.minutes),
                        ("norm", &norm),
                        ("verdict", &verdict),
                    ],
                ),
                None => tf(
                    lang,
                    "case.counter_phase_no_norm",
                    &[("phase", &phase), ("minutes", &p.minutes)],
                ),
            }
        })
        .collect()
}

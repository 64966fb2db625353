//! A typed refusal (`ops::Refusal`) as a sentence in the user's language:
//! one message `refusal-<kind>` per variant, domain values named through
//! `names`.

use super::errors::iin_reason;
use super::names::{self, date_time, named};
use super::{Arg, Lang, t, tf};
use crate::ops::{OrgNamed, Refusal, RefusalKind};

/// The message key of a refusal's kind: `refusal.no_user`...
pub fn refusal_key(kind: RefusalKind) -> String {
    let name: &'static str = kind.into();
    format!("refusal.{name}")
}

/// Organisations joined as a list: «Отдел образования» (KRG-ED), «Отдел занятости» (KRG-SP).
fn named_list(lang: Lang, many: &[OrgNamed]) -> String {
    many.iter()
        .map(|o| format!("«{}» ({})", named(lang, &o.name), o.code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A column of a powers file in words (the file's header names it in Latin).
fn power_column(lang: Lang, column: &str) -> String {
    t(lang, &format!("power_column.{column}")).to_string()
}

pub fn refusal_text(lang: Lang, r: &Refusal) -> String {
    let key = refusal_key(RefusalKind::from(r));
    let say = |args: &[(&str, &dyn Arg)]| tf(lang, &key, args);
    match r {
        Refusal::NoRoles
        | Refusal::PasswordUnhashable
        | Refusal::PasswordOneKind
        | Refusal::PasswordIsLogin
        | Refusal::StoreHasUsers
        | Refusal::AssignNeedsSpecialist
        | Refusal::DecisionMissing
        | Refusal::StepsFromOne
        | Refusal::NothingToReturnTo
        | Refusal::IssueNeedsCollector
        | Refusal::SlotTooShort
        | Refusal::RowUnreadable
        | Refusal::RowNoIin
        | Refusal::RowNoName
        | Refusal::RowPeriod
        | Refusal::ServerRunsNoCommands
        | Refusal::StatusForAdministrators
        | Refusal::UnexpectedReply
        | Refusal::ServerStore
        | Refusal::DemoInconsistent => t(lang, &key).to_string(),
        Refusal::NoUser { login }
        | Refusal::UserDisabled { login }
        | Refusal::UserExists { login }
        | Refusal::BadLogin { login }
        | Refusal::NotCentreHead { login }
        | Refusal::NotAnOperator { login }
        | Refusal::ReportsNotForRole { login }
        | Refusal::SupervisorReadsNoCases { login } => say(&[("login", login)]),
        Refusal::LacksRole { login, role } => {
            say(&[("login", login), ("role", &names::role_name(lang, *role))])
        }
        Refusal::PasswordTooShort { min } => say(&[("n", min)]),
        Refusal::OverLimit { field, max, items } => {
            let field = t(lang, &format!("limit.field.{field}"));
            let items = if *items { "yes" } else { "no" };
            say(&[("field", &field), ("max", max), ("items", &items)])
        }
        Refusal::NoOrganisation { code }
        | Refusal::OrganisationExists { code }
        | Refusal::ReportOutsideScope { code } => say(&[("code", code)]),
        Refusal::OrganisationMissing { login, code } => say(&[("login", login), ("code", code)]),
        Refusal::WorksElsewhere { login, org, asked } => say(&[
            ("login", login),
            ("org", &named(lang, org)),
            ("asked", asked),
        ]),
        Refusal::UnknownService { id } => say(&[("id", id)]),
        Refusal::AmbiguousService { id, variants } => say(&[("id", id), ("n", variants)]),
        Refusal::BadIin { input, reason } => {
            say(&[("input", input), ("reason", &iin_reason(lang, reason))])
        }
        Refusal::ChannelElsewhere {
            channel,
            needs,
            org,
            kind,
        } => say(&[
            ("channel", &names::channel_name(lang, *channel)),
            ("needs", &names::org_kind_name(lang, *needs)),
            ("org", &named(lang, org)),
            ("kind", &names::org_kind_name(lang, *kind)),
        ]),
        Refusal::OtherRegion { service, org } => say(&[
            ("service", &named(lang, service)),
            ("org", &named(lang, org)),
        ]),
        Refusal::NoProvider { service, district } => say(&[
            ("service", &named(lang, service)),
            ("district", &super::district_name(lang, district)),
        ]),
        Refusal::SeveralProviders { service, providers } => say(&[
            ("service", &named(lang, service)),
            ("providers", &named_list(lang, providers)),
        ]),
        Refusal::NoApplication { number }
        | Refusal::RouteMissing { number }
        | Refusal::NotTakenInHere { number } => say(&[("number", number)]),
        Refusal::NotYourApplication { number, org } => {
            say(&[("number", number), ("org", &named(lang, org))])
        }
        Refusal::HandledElsewhere {
            number,
            role,
            kind,
            login,
            org,
        } => say(&[
            ("number", number),
            ("role", &names::role_name(lang, *role)),
            ("kind", &names::org_kind_name(lang, *kind)),
            ("login", login),
            ("org", &named(lang, org)),
        ]),
        Refusal::NotSpecialistOf { login, org } => {
            say(&[("login", login), ("org", &named(lang, org))])
        }
        Refusal::RegistryHeader { columns } => say(&[("columns", columns)]),
        Refusal::ColumnTwice { column, columns } => {
            say(&[("column", column), ("columns", columns)])
        }
        Refusal::ColumnsMissing {
            missing,
            line,
            columns,
        } => say(&[
            ("missing", &missing.join(", ")),
            ("line", line),
            ("shape", &if line.is_empty() { "empty" } else { "line" }),
            ("columns", columns),
        ]),
        Refusal::IinTwice { iin, first } => say(&[("iin", iin), ("first", first)]),
        Refusal::RowNoValue { column } => say(&[("column", &power_column(lang, column))]),
        Refusal::RowBadDate { column, value } => {
            say(&[("column", &power_column(lang, column)), ("value", value)])
        }
        Refusal::PowerTwice { number, first } => say(&[("number", number), ("first", first)]),
        Refusal::PrincipalUnknown { iin } => say(&[("iin", iin)]),
        Refusal::NoLocalExecutive { district } => {
            say(&[("district", &super::district_name(lang, district))])
        }
        Refusal::NoQueue { centre } => say(&[("centre", centre)]),
        Refusal::NotACentre { org, kind } => say(&[
            ("org", &named(lang, org)),
            ("kind", &names::org_kind_name(lang, *kind)),
        ]),
        Refusal::WindowHasVisitor { window }
        | Refusal::NoWindow { window }
        | Refusal::NobodyAtWindow { window } => say(&[("window", &window.to_string())]),
        Refusal::NoCategory { centre, category } => {
            say(&[("centre", centre), ("category", category)])
        }
        Refusal::SlotPassed { start } => say(&[("start", &date_time(*start))]),
        Refusal::NoAppointment { code } => say(&[("code", code)]),
        Refusal::AppointmentAt { code, slot } => {
            say(&[("code", code), ("slot", &date_time(*slot))])
        }
        Refusal::AppointmentUsed { code, ticket } => say(&[("code", code), ("ticket", ticket)]),
        Refusal::NoTicket { ticket } => say(&[("ticket", ticket)]),
        Refusal::NotTheOutcome {
            number,
            status,
            outcome,
        } => say(&[
            ("number", number),
            ("status", &names::status_name(lang, *status)),
            ("outcome", &names::outcome_name(lang, *outcome)),
        ]),
    }
}

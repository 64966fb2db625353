//! Every kind of refusal has a text in every language, and the Russian and
//! Kazakh ones carry no identifier or English word around their values.

use strum::IntoEnumIterator;

use super::leaks::leaks;
use super::*;
use crate::domain::catalog::Channel;
use crate::domain::iin::IinError;
use crate::domain::queue::OutcomeKind;
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::Status;
use crate::ops::{Named, OrgNamed, Refusal, RefusalKind};

fn named() -> Named {
    Named {
        ru: "Отдел образования".into(),
        kk: "Білім бөлімі".into(),
        en: "Education department".into(),
    }
}

/// One refusal of each kind. The values stand for what users typed or own
/// (logins, codes) and are written in Cyrillic or capitals, so the check
/// reads the words around them. The match has no wildcard: a new kind does
/// not compile until it has a sample here, and then it needs its texts.
fn sample(kind: RefusalKind) -> Refusal {
    let login = || "айгерим".to_string();
    let code = || "KRG-ED".to_string();
    let number = || "KRG-SC-2026-000001".to_string();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    match kind {
        RefusalKind::NoUser => Refusal::NoUser { login: login() },
        RefusalKind::UserDisabled => Refusal::UserDisabled { login: login() },
        RefusalKind::UserExists => Refusal::UserExists { login: login() },
        RefusalKind::BadLogin => Refusal::BadLogin { login: login() },
        RefusalKind::NoRoles => Refusal::NoRoles,
        RefusalKind::LacksRole => Refusal::LacksRole {
            login: login(),
            role: Role::Clerk,
        },
        RefusalKind::PasswordTooShort => Refusal::PasswordTooShort { min: 8 },
        RefusalKind::PasswordUnhashable => Refusal::PasswordUnhashable,
        RefusalKind::PasswordOneKind => Refusal::PasswordOneKind,
        RefusalKind::PasswordIsLogin => Refusal::PasswordIsLogin,
        RefusalKind::OverLimit => Refusal::OverLimit {
            field: "comment".into(),
            max: 4000,
            items: false,
        },
        RefusalKind::NoOrganisation => Refusal::NoOrganisation { code: code() },
        RefusalKind::ReportsNotForRole => Refusal::ReportsNotForRole { login: login() },
        RefusalKind::SupervisorReadsNoCases => Refusal::SupervisorReadsNoCases { login: login() },
        RefusalKind::ReportOutsideScope => Refusal::ReportOutsideScope { code: code() },
        RefusalKind::OrganisationExists => Refusal::OrganisationExists { code: code() },
        RefusalKind::OrganisationMissing => Refusal::OrganisationMissing {
            login: login(),
            code: code(),
        },
        RefusalKind::WorksElsewhere => Refusal::WorksElsewhere {
            login: login(),
            org: named(),
            asked: code(),
        },
        RefusalKind::StoreHasUsers => Refusal::StoreHasUsers,
        RefusalKind::UnknownService => Refusal::UnknownService { id: code() },
        RefusalKind::AmbiguousService => Refusal::AmbiguousService {
            id: code(),
            variants: 2,
        },
        RefusalKind::BadIin => Refusal::BadIin {
            input: "800101".into(),
            reason: IinError::Length(6),
        },
        RefusalKind::ChannelElsewhere => Refusal::ChannelElsewhere {
            channel: Channel::StateCorp,
            needs: OrgKind::StateCorp,
            org: named(),
            kind: OrgKind::Provider,
        },
        RefusalKind::OtherRegion => Refusal::OtherRegion {
            service: named(),
            org: named(),
        },
        RefusalKind::NoProvider => Refusal::NoProvider {
            service: named(),
            district: "Казыбек би".into(),
        },
        RefusalKind::SeveralProviders => Refusal::SeveralProviders {
            service: named(),
            providers: vec![
                OrgNamed {
                    code: code(),
                    name: named(),
                };
                2
            ],
        },
        RefusalKind::NoApplication => Refusal::NoApplication { number: number() },
        RefusalKind::NotYourApplication => Refusal::NotYourApplication {
            number: number(),
            org: named(),
        },
        RefusalKind::HandledElsewhere => Refusal::HandledElsewhere {
            number: number(),
            role: Role::Head,
            kind: OrgKind::AkimOffice,
            login: login(),
            org: named(),
        },
        RefusalKind::AssignNeedsSpecialist => Refusal::AssignNeedsSpecialist,
        RefusalKind::NotSpecialistOf => Refusal::NotSpecialistOf {
            login: login(),
            org: named(),
        },
        RefusalKind::DecisionMissing => Refusal::DecisionMissing,
        RefusalKind::RouteMissing => Refusal::RouteMissing { number: number() },
        RefusalKind::StepsFromOne => Refusal::StepsFromOne,
        RefusalKind::NothingToReturnTo => Refusal::NothingToReturnTo,
        RefusalKind::IssueNeedsCollector => Refusal::IssueNeedsCollector,
        RefusalKind::RegistryHeader => Refusal::RegistryHeader {
            columns: "ИИН,ФИО".into(),
        },
        RefusalKind::ColumnTwice => Refusal::ColumnTwice {
            column: "ИИН".into(),
            columns: "ИИН,ФИО".into(),
        },
        RefusalKind::ColumnsMissing => Refusal::ColumnsMissing {
            missing: vec!["ИИН".into()],
            line: String::new(),
            columns: "ИИН,ФИО".into(),
        },
        RefusalKind::RowUnreadable => Refusal::RowUnreadable,
        RefusalKind::RowNoIin => Refusal::RowNoIin,
        RefusalKind::RowNoName => Refusal::RowNoName,
        RefusalKind::IinTwice => Refusal::IinTwice {
            iin: "800101300016".into(),
            first: 2,
        },
        RefusalKind::RowNoValue => Refusal::RowNoValue {
            column: "notary".into(),
        },
        RefusalKind::RowBadDate => Refusal::RowBadDate {
            column: "valid_until".into(),
            value: "31.02.2026".into(),
        },
        RefusalKind::RowPeriod => Refusal::RowPeriod,
        RefusalKind::PowerTwice => Refusal::PowerTwice {
            number: "НОТ-15".into(),
            first: 2,
        },
        RefusalKind::PrincipalUnknown => Refusal::PrincipalUnknown {
            iin: "800101300016".into(),
        },
        RefusalKind::NoLocalExecutive => Refusal::NoLocalExecutive {
            district: "Уральск".into(),
        },
        RefusalKind::NoQueue => Refusal::NoQueue { centre: code() },
        RefusalKind::NotACentre => Refusal::NotACentre {
            org: named(),
            kind: OrgKind::Commission,
        },
        RefusalKind::WindowHasVisitor => Refusal::WindowHasVisitor { window: 3 },
        RefusalKind::NoCategory => Refusal::NoCategory {
            centre: code(),
            category: 'B',
        },
        RefusalKind::SlotTooShort => Refusal::SlotTooShort,
        RefusalKind::SlotPassed => Refusal::SlotPassed { start: at },
        RefusalKind::NoAppointment => Refusal::NoAppointment {
            code: "000018".into(),
        },
        RefusalKind::AppointmentAt => Refusal::AppointmentAt {
            code: "000018".into(),
            slot: at,
        },
        RefusalKind::AppointmentUsed => Refusal::AppointmentUsed {
            code: "000018".into(),
            ticket: "B005".into(),
        },
        RefusalKind::NoTicket => Refusal::NoTicket {
            ticket: "B005".into(),
        },
        RefusalKind::NotCentreHead => Refusal::NotCentreHead { login: login() },
        RefusalKind::NotAnOperator => Refusal::NotAnOperator { login: login() },
        RefusalKind::NoWindow => Refusal::NoWindow { window: 9 },
        RefusalKind::NobodyAtWindow => Refusal::NobodyAtWindow { window: 1 },
        RefusalKind::NotTakenInHere => Refusal::NotTakenInHere { number: number() },
        RefusalKind::NotTheOutcome => Refusal::NotTheOutcome {
            number: number(),
            status: Status::InProgress,
            outcome: OutcomeKind::Issued,
        },
        RefusalKind::ServerRunsNoCommands => Refusal::ServerRunsNoCommands,
        RefusalKind::StatusForAdministrators => Refusal::StatusForAdministrators,
        RefusalKind::UnexpectedReply => Refusal::UnexpectedReply,
        RefusalKind::ServerStore => Refusal::ServerStore,
        RefusalKind::DemoInconsistent => Refusal::DemoInconsistent,
    }
}

/// Commands the texts tell an administrator to run are not words to translate.
fn without_commands(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("(qyzmet ") {
        let end = out[start..].find(')').map_or(out.len(), |e| start + e + 1);
        out.replace_range(start..end, "");
    }
    out.replace("root", "")
}

#[test]
fn every_refusal_is_said_without_identifiers() {
    let mut bad = vec![];
    for kind in RefusalKind::iter() {
        let refusal = sample(kind);
        assert_eq!(RefusalKind::from(&refusal), kind);
        for lang in Lang::ALL {
            let key = refusal_key(kind);
            assert!(lookup(lang, &key).is_some(), "{key} missing in {lang:?}");
            let text = refusal_text(lang, &refusal);
            assert!(
                !text.contains('⟨') && !text.contains('{'),
                "{key} ({lang:?}): {text}"
            );
            if lang != Lang::En {
                let found = leaks(&without_commands(&text), &[]);
                // Any Latin lower-case word is foreign here, listed or not.
                let latin = without_commands(&text)
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()));
                if !found.is_empty() || latin {
                    bad.push(format!("{key} ({}): {text} {found:?}", lang.code()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The shared leak check finds what it is meant to.
#[test]
fn leaks_finds_identifiers_debug_shapes_and_english() {
    assert!(
        leaks("1 working_days", &[])
            .iter()
            .any(|l| l.starts_with("working_days"))
    );
    assert!(!leaks("Submitted { channel }", &[]).is_empty());
    assert!(!leaks("Some(3)", &[]).is_empty());
    assert!(!leaks("Нет прав: does not have", &[]).is_empty());
    assert!(leaks("Нет прав: у пользователя нет роли «Канцелярия»", &[]).is_empty());
    assert!(leaks("KRG-SC-2026-000001 qyzmet", &[]).is_empty());
}

/// What the queue's rules refuse and what is wrong with its settings is
/// said in words too (these were English detail behind a heading).
#[test]
fn queue_refusals_are_said_without_identifiers() {
    use crate::domain::queue::{ConfigProblem, QueueError};
    let errors = [
        QueueError::NeedsReason,
        QueueError::ConsultationWithApplication,
        QueueError::UnknownCategory('D'),
        QueueError::AlreadyInCategory {
            number: "B005".into(),
            category: 'B',
        },
        QueueError::UnknownWindow(9),
        QueueError::AlreadyAtWindow {
            number: "B005".into(),
            window: 2,
        },
        QueueError::ServingNeedsCall,
        QueueError::Config(ConfigProblem::NoCategories),
        QueueError::Config(ConfigProblem::NoWindows),
        QueueError::Config(ConfigProblem::BadLetter('1')),
        QueueError::Config(ConfigProblem::CategoryTwice('A')),
        QueueError::Config(ConfigProblem::CategoryUnnamed('A')),
        QueueError::Config(ConfigProblem::WindowZero),
        QueueError::Config(ConfigProblem::WindowTwice(2)),
        QueueError::Config(ConfigProblem::WindowIdle(2)),
        QueueError::Config(ConfigProblem::WindowUnknownCategory {
            window: 2,
            category: 'Z',
        }),
        QueueError::Config(ConfigProblem::ZeroMinutes),
    ];
    for e in errors {
        for lang in [Lang::Ru, Lang::Kk] {
            let text = error_text(lang, &crate::ops::OpsError::Queue(e.clone()));
            assert!(!text.contains('⟨'), "{e:?}: {text}");
            assert!(
                leaks(&text, &[]).is_empty(),
                "{e:?}: {text} {:?}",
                leaks(&text, &[])
            );
        }
    }
}

//! Why an operation was refused, as data: `i18n::refusal_text` says it in
//! the user's language, so no English detail built where the refusal is
//! found reaches a screen, and a reason crosses the server as it is.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::catalog::{Channel, Service};
use crate::domain::iin::IinError;
use crate::domain::queue::OutcomeKind;
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::Status;
use crate::store::model::Organisation;

/// A name kept in the three languages (an organisation's, a service's), so
/// the reason names it in whichever language reads it. (Boxed strings keep
/// an error small on the stack.)
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Named {
    pub ru: Box<str>,
    pub kk: Box<str>,
    pub en: Box<str>,
}

impl From<&Organisation> for Named {
    fn from(o: &Organisation) -> Named {
        Named {
            ru: o.name_ru.as_str().into(),
            kk: o.name_kk.as_str().into(),
            en: o.name_en.as_str().into(),
        }
    }
}

impl From<&Service> for Named {
    fn from(s: &Service) -> Named {
        Named {
            ru: s.name_ru.as_str().into(),
            kk: s.name_kk.as_str().into(),
            en: s.name_en.as_str().into(),
        }
    }
}

/// An organisation as a refusal names it: its code (what an administrator
/// types) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgNamed {
    pub code: String,
    pub name: Named,
}

impl From<&Organisation> for OrgNamed {
    fn from(o: &Organisation) -> OrgNamed {
        OrgNamed {
            code: o.code.clone(),
            name: o.into(),
        }
    }
}

/// The reason of an `OpsError::{Forbidden, NotFound, Invalid}`. Codes a
/// person types (an organisation's, a centre's, a ticket's) stay codes;
/// names of domain values are named in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::EnumDiscriminants)]
#[strum_discriminants(name(RefusalKind), derive(strum::EnumIter, strum::IntoStaticStr))]
#[strum_discriminants(strum(serialize_all = "snake_case"))]
pub enum Refusal {
    // People and organisations.
    NoUser {
        login: String,
    },
    UserDisabled {
        login: String,
    },
    UserExists {
        login: String,
    },
    BadLogin {
        login: String,
    },
    NoRoles,
    LacksRole {
        login: String,
        role: Role,
    },
    PasswordTooShort {
        min: usize,
    },
    PasswordUnhashable,
    /// The password policy: letters, digits and other signs, two kinds at least.
    PasswordOneKind,
    PasswordIsLogin,
    NoOrganisation {
        code: String,
    },
    OrganisationExists {
        code: String,
    },
    OrganisationMissing {
        login: String,
        code: String,
    },
    WorksElsewhere {
        login: String,
        org: Named,
        asked: String,
    },
    StoreHasUsers,
    // Intake.
    UnknownService {
        id: String,
    },
    AmbiguousService {
        id: String,
        variants: usize,
    },
    BadIin {
        input: String,
        reason: IinError,
    },
    ChannelElsewhere {
        channel: Channel,
        needs: OrgKind,
        org: Named,
        kind: OrgKind,
    },
    OtherRegion {
        service: Named,
        org: Named,
    },
    NoProvider {
        service: Named,
        district: String,
    },
    SeveralProviders {
        service: Named,
        providers: Vec<OrgNamed>,
    },
    // Applications.
    NoApplication {
        number: String,
    },
    NotYourApplication {
        number: String,
        org: Named,
    },
    HandledElsewhere {
        number: String,
        role: Role,
        kind: OrgKind,
        login: String,
        org: Named,
    },
    AssignNeedsSpecialist,
    NotSpecialistOf {
        login: String,
        org: Named,
    },
    DecisionMissing,
    RouteMissing {
        number: String,
    },
    StepsFromOne,
    NothingToReturnTo,
    IssueNeedsCollector,
    // The registry file.
    /// `columns`: the columns a registry file may name, as it names them.
    RegistryHeader {
        columns: String,
    },
    ColumnTwice {
        column: String,
        columns: String,
    },
    RowUnreadable,
    RowNoIin,
    RowNoName,
    IinTwice {
        iin: String,
        first: usize,
    },
    /// `line`: the file's first line as it is; empty for an empty file.
    ColumnsMissing {
        missing: Vec<String>,
        line: String,
        columns: String,
    },
    // The electronic queue.
    NoQueue {
        centre: String,
    },
    NotACentre {
        org: Named,
        kind: OrgKind,
    },
    WindowHasVisitor {
        window: u16,
    },
    NoCategory {
        centre: String,
        category: char,
    },
    SlotTooShort,
    SlotPassed {
        start: NaiveDateTime,
    },
    NoAppointment {
        code: String,
    },
    AppointmentAt {
        code: String,
        slot: NaiveDateTime,
    },
    AppointmentUsed {
        code: String,
        ticket: String,
    },
    NoTicket {
        ticket: String,
    },
    NotCentreHead {
        login: String,
    },
    NotAnOperator {
        login: String,
    },
    NoWindow {
        window: u16,
    },
    NobodyAtWindow {
        window: u16,
    },
    NotTakenInHere {
        number: String,
    },
    NotTheOutcome {
        number: String,
        status: Status,
        outcome: OutcomeKind,
    },
    // The server.
    ServerRunsNoCommands,
    StatusForAdministrators,
    // Failures of the program rather than of the request.
    UnexpectedReply,
    ServerStore,
    DemoInconsistent,
    /// A request field over the server's limit; `field` is the `limit-field-*`
    /// name, `items` says the limit counts list items, not characters.
    /// Reports are read by heads (their organisation) and region
    /// supervisors (the region).
    ReportsNotForRole {
        login: String,
    },
    ReportOutsideScope {
        code: String,
    },
    OverLimit {
        field: String,
        max: usize,
        items: bool,
    },
    // A file of powers of attorney (ЕНИС's stand-in, issue 13 routes).
    /// A required cell of the row is empty.
    RowNoValue {
        column: String,
    },
    RowBadDate {
        column: String,
        value: String,
    },
    /// valid_until before valid_from.
    RowPeriod,
    PowerTwice {
        number: String,
        first: usize,
    },
    /// The principal is not in the person registry (import persons first).
    PrincipalUnknown {
        iin: String,
    },
    /// The route gives a step to the local executive body, and the region
    /// has none for this district (issue 13 routes).
    NoLocalExecutive {
        district: String,
    },
    /// A region supervisor reads reports, not applications or the registry.
    SupervisorReadsNoCases {
        login: String,
    },
}

impl Refusal {
    /// A typed IIN that is not one, kept as typed.
    pub fn bad_iin(input: &str, reason: IinError) -> Refusal {
        Refusal::BadIin {
            input: input.trim().into(),
            reason,
        }
    }
}

impl From<crate::domain::catalog::LookupError> for Refusal {
    fn from(e: crate::domain::catalog::LookupError) -> Refusal {
        use crate::domain::catalog::LookupError;
        match e {
            LookupError::Unknown(id) => Refusal::UnknownService { id },
            LookupError::Ambiguous { id, variants } => Refusal::AmbiguousService {
                id,
                variants: variants.len(),
            },
        }
    }
}

/// In English, for logs and for tests that read `to_string()`.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::refusal_text(crate::i18n::Lang::En, self))
    }
}

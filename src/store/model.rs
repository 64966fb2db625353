//! What the store keeps besides the domain's `Application`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::catalog::Channel;
use crate::domain::catalog::ProviderKind;
use crate::domain::iin::Iin;
use crate::domain::power::PowerOfAttorney;
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{Application, EventKind, Holder, Status};

/// An organisation: a State Corporation centre, a provider, a rural akim's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Short code used in registration numbers, e.g. "KRG-ED".
    pub code: String,
    pub name_ru: String,
    pub name_kk: String,
    pub kind: OrgKind,
    /// For providers: which kinds of provider it is (decides which services it renders).
    pub provider_kinds: Vec<ProviderKind>,
    /// The region key ("karaganda") and the district it serves.
    pub region: String,
    pub district: String,
    /// State Corporation centres: the service windows.
    pub windows: Vec<u16>,
    /// Providers: the services (catalogue `service` ids) it renders. Empty:
    /// every service whose provider kinds it has.
    pub services: Vec<String>,
    /// The English name (schema 5); empty: screens show the Russian one.
    #[serde(default)]
    pub name_en: String,
}

/// Schemas 2 to 4 of `Organisation`, before the English name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationV3 {
    pub code: String,
    pub name_ru: String,
    pub name_kk: String,
    pub kind: OrgKind,
    pub provider_kinds: Vec<ProviderKind>,
    pub region: String,
    pub district: String,
    pub windows: Vec<u16>,
    pub services: Vec<String>,
}

impl From<OrganisationV3> for Organisation {
    fn from(o: OrganisationV3) -> Organisation {
        Organisation {
            code: o.code,
            name_ru: o.name_ru,
            name_kk: o.name_kk,
            kind: o.kind,
            provider_kinds: o.provider_kinds,
            region: o.region,
            district: o.district,
            windows: o.windows,
            services: o.services,
            name_en: String::new(),
        }
    }
}

/// Schema 1 of `Organisation`, before providers listed their services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationV1 {
    pub code: String,
    pub name_ru: String,
    pub name_kk: String,
    pub kind: OrgKind,
    pub provider_kinds: Vec<ProviderKind>,
    pub region: String,
    pub district: String,
    pub windows: Vec<u16>,
}

impl From<OrganisationV1> for Organisation {
    fn from(o: OrganisationV1) -> Organisation {
        Organisation {
            code: o.code,
            name_ru: o.name_ru,
            name_kk: o.name_kk,
            kind: o.kind,
            provider_kinds: o.provider_kinds,
            region: o.region,
            district: o.district,
            windows: o.windows,
            services: Vec::new(),
            name_en: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub login: String,
    pub full_name: String,
    pub org: String,
    pub roles: Vec<Role>,
    /// argon2 PHC string.
    pub password_hash: String,
    pub active: bool,
    /// The OS account mapped to this user (server mode, SSH sessions).
    pub os_user: Option<String>,
    pub failed_logins: u32,
    pub locked_until: Option<NaiveDateTime>,
}

/// Schema 1 of `User`, before OS-user mapping and login lockout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserV1 {
    pub login: String,
    pub full_name: String,
    pub org: String,
    pub roles: Vec<Role>,
    pub password_hash: String,
    pub active: bool,
}

impl From<UserV1> for User {
    fn from(u: UserV1) -> User {
        User {
            login: u.login,
            full_name: u.full_name,
            org: u.org,
            roles: u.roles,
            password_hash: u.password_hash,
            active: u.active,
            os_user: None,
            failed_logins: 0,
            locked_until: None,
        }
    }
}

/// An individual in the person registry (the stand-in for the state database
/// of individuals): the intake form fills the applicant in from it. Keyed by IIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub iin: Iin,
    pub full_name: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub district: Option<String>,
    /// The notarised powers of attorney this person gave, as the notary
    /// system (ЕНИС) would find them by principal: the stand-in filled by
    /// `power import` (schema 7).
    pub powers: Vec<PowerOfAttorney>,
}

/// A person as schemas 2 to 6 stored them: no powers of attorney.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonV6 {
    pub iin: Iin,
    pub full_name: String,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub district: Option<String>,
}

impl From<PersonV6> for Person {
    fn from(p: PersonV6) -> Person {
        Person {
            iin: p.iin,
            full_name: p.full_name,
            phone: p.phone,
            address: p.address,
            district: p.district,
            powers: Vec::new(),
        }
    }
}

/// Which concrete organisations an application is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bindings {
    /// Where it was taken in (and where the result is issued).
    pub intake: String,
    pub provider: String,
    /// The rural akim's office on the akim route.
    pub akim: Option<String>,
    /// The local executive body (акимат of the district or city) where the
    /// route has a step of its own (001:356, 371); schema 7.
    pub local_executive: Option<String>,
}

impl Bindings {
    /// The organisation an actor of `kind` belongs to for this application.
    pub fn org_for(&self, kind: OrgKind) -> Option<&str> {
        match kind {
            OrgKind::StateCorp => Some(&self.intake),
            OrgKind::Provider | OrgKind::Commission => Some(&self.provider),
            OrgKind::AkimOffice => self.akim.as_deref(),
            OrgKind::LocalExecutive => self.local_executive.as_deref(),
        }
    }
}

/// An application as schemas 1 to 6 stored it: bound to no local executive body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordV6 {
    pub id: u64,
    pub number: String,
    pub orgs: BindingsV6,
    pub app: Application,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingsV6 {
    pub intake: String,
    pub provider: String,
    pub akim: Option<String>,
}

impl From<RecordV6> for Record {
    fn from(r: RecordV6) -> Record {
        Record {
            id: r.id,
            number: r.number,
            orgs: Bindings {
                intake: r.orgs.intake,
                provider: r.orgs.provider,
                akim: r.orgs.akim,
                local_executive: None,
            },
            app: r.app,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Internal id (key of the `apps` tree).
    pub id: u64,
    /// The intake registration number, e.g. "KRG-SC-2026-000123".
    pub number: String,
    pub orgs: Bindings,
    pub app: Application,
}

/// What a work list shows of an application. Kept in the application's
/// work-queue index entries, so a queue of 100,000 is listed without
/// reading and decoding the records themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: u64,
    pub number: String,
    pub service: String,
    pub route: String,
    pub step: usize,
    pub channel: Channel,
    pub iin: Iin,
    pub name: String,
    pub status: Status,
    pub holder: Option<Holder>,
    /// The organisation whose queue holds it (the holder's).
    pub holder_org: Option<String>,
    pub step_started: NaiveDateTime,
    pub step_due: Option<NaiveDateTime>,
    pub overall_due: Option<NaiveDateTime>,
    pub version: u64,
    /// The registration numbers given along the route (schema 6), so a list
    /// finds a row by the incoming number too.
    pub numbers: Vec<String>,
}

impl Summary {
    pub fn of(rec: &Record) -> Summary {
        let a = &rec.app;
        Summary {
            id: rec.id,
            number: rec.number.clone(),
            service: a.service.clone(),
            route: a.route.clone(),
            step: a.step,
            channel: a.channel,
            iin: a.applicant.iin,
            name: a.applicant.name.clone(),
            status: a.status,
            holder: a.holder.clone(),
            holder_org: a
                .holder
                .as_ref()
                .and_then(|h| rec.orgs.org_for(h.actor.org))
                .map(str::to_string),
            step_started: a.step_started,
            step_due: a.step_due,
            overall_due: a.overall_due,
            version: a.version,
            numbers: a.numbers.clone(),
        }
    }
}

/// One journal entry. `hash` = sha256(prev_hash || encoded entry without hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub seq: u64,
    pub at: NaiveDateTime,
    pub by: String,
    pub role: Option<Role>,
    pub org: Option<String>,
    pub app: Option<u64>,
    pub number: Option<String>,
    pub from_step: Option<usize>,
    pub to_step: Option<usize>,
    pub what: JournalWhat,
    pub comment: Option<String>,
    pub prev_hash: [u8; 32],
    pub hash: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalWhat {
    /// An application event (the same as in its history).
    Application(EventKind),
    StoreCreated,
    UserAdded {
        login: String,
    },
    UserDisabled {
        login: String,
    },
    PasswordChanged {
        login: String,
    },
    LoginFailed {
        login: String,
        locked: bool,
    },
    OrgAdded {
        code: String,
    },
    Restored {
        from: String,
    },
    // New variants go at the end: bincode stores the variant's index.
    /// A batch of the person registry was written (an import).
    PersonsImported {
        count: u64,
    },
    /// A user signed in to the workstation.
    LoggedIn {
        login: String,
    },
    /// A user's OS account mapping changed (None: removed).
    OsUserMapped {
        login: String,
        os_user: Option<String>,
    },
    /// A batch of powers of attorney (ЕНИС's stand-in) was written.
    PowersImported {
        count: u64,
    },
}

/// The journals registration numbers are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalKind {
    Incoming,
    Outgoing,
    /// State Corporation intake.
    Intake,
}

impl JournalKind {
    pub fn tag(self) -> &'static str {
        match self {
            JournalKind::Incoming => "IN",
            JournalKind::Outgoing => "OUT",
            JournalKind::Intake => "SC",
        }
    }
}

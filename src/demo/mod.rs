//! The demo region (`qyzmet init --demo`): a State Corporation centre, three
//! providers and a rural akim's office in Karaganda region, their staff, and
//! applications at every step and SLA state.
//!
//! Everything goes through the operations API, the same code paths a user's
//! actions take: organisations and users through `Ops::add_org`/`add_user`,
//! the person registry (every applicant and some people who have not applied
//! yet) through `Ops::import_persons` of a generated CSV file, applications
//! through `Ops::submit` and every later step through `Ops::act` by the user
//! who holds it. The office is simulated in time order: each
//! application's next act is scheduled from its last one (a share of the
//! step's norm, sometimes more), all acts are carried out chronologically,
//! and nothing happens after `now`, so at `now` some applications are on
//! time, some at risk and some overdue. The randomness is a fixed-seed
//! xorshift: the same `now` and scale always give the same region.

pub mod queue;

mod cases;
mod people;
mod registry;
mod schedule;
mod visits;

use cases::*;
use people::*;
use registry::*;
use schedule::*;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::catalog::{Channel, ProviderKind, Service, StepAction};
use crate::domain::iin::{Iin, Sex};
use crate::domain::norm::{Norm, NormUnit};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{RefusalGround, Status, TransitionError};
use crate::ops::{ActKind, ActRequest, Ops, OpsError, SubmitRequest, auth};
use crate::store::model::{Organisation, Record, User};

/// The password of every demo user.
pub const PASSWORD: &str = "qyzmet-demo";
pub const REGION: &str = "karaganda";
/// The district of the State Corporation centre and the district providers.
pub const DISTRICT: &str = "район имени Казыбек би";
/// The akim's settlement: no provider sits there, so its people may apply
/// through the akim ("в случае отсутствия услугодателя по месту жительства").
pub const VILLAGE: &str = "посёлок Доскей";

pub const CENTRE: &str = "KRG-SC";
pub const EDUCATION: &str = "KRG-ED";
pub const SOCIAL: &str = "KRG-SP";
pub const EMPLOYMENT: &str = "KRG-EC";
pub const AKIM: &str = "KRG-AK";
/// The city's akimat: the local executive body, where a regulation gives it
/// a step of its own (001:356, 371; none of Karaganda's does).
pub const AKIMAT: &str = "KRG-AKIMAT";

/// Who adds the organisations and users in the journal.
const ADMIN: &str = "demo";
/// Working days the applications are spread over, counted back from `now`.
const WINDOW: usize = 15;
const SEED: u64 = 0x5159_5a4d_4554_0001;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DemoSummary {
    pub orgs: usize,
    /// (login, role, organisation code)
    pub users: Vec<(String, String, String)>,
    pub password: String,
    pub applications: usize,
    /// People in the person registry: every applicant and some who are not yet.
    pub persons: usize,
}

struct OrgDef {
    code: &'static str,
    name_ru: &'static str,
    name_kk: &'static str,
    name_en: &'static str,
    kind: OrgKind,
    kinds: &'static [ProviderKind],
    district: &'static str,
    windows: &'static [u16],
    /// The services a provider renders (its share of the district's work).
    services: &'static [&'static str],
}

const ORGS: [OrgDef; 6] = [
    OrgDef {
        code: CENTRE,
        name_ru: "Отдел района имени Казыбек би города Караганды филиала НАО «Государственная корпорация «Правительство для граждан» по Карагандинской области",
        name_kk: "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» КЕАҚ Қарағанды облысы бойынша филиалының Қарағанды қаласы Қазыбек би ауданы бойынша бөлімі",
        name_en: "Kazybek Bi District Office, Karaganda, of the Karaganda Region Branch of the State Corporation “Government for Citizens”",
        kind: OrgKind::StateCorp,
        kinds: &[],
        district: DISTRICT,
        windows: &[1, 2, 3, 4, 5, 6],
        services: &[],
    },
    OrgDef {
        code: EDUCATION,
        name_ru: "ГУ «Отдел образования города Караганды»",
        name_kk: "«Қарағанды қаласының білім бөлімі» ММ",
        name_en: "Karaganda City Education Department",
        kind: OrgKind::Provider,
        kinds: &[
            ProviderKind::EducationDepartment,
            ProviderKind::DistrictExecutive,
            ProviderKind::EducationOrganisation,
        ],
        district: DISTRICT,
        windows: &[],
        services: &[
            "guardian-allowance",
            "patronage",
            "patronage-allowance",
            "adoption-lump-sum",
            "summer-camp-referral",
            "adoption-registration",
        ],
    },
    OrgDef {
        code: SOCIAL,
        name_ru: "ГУ «Отдел занятости и социальных программ района имени Казыбек би города Караганды»",
        name_kk: "«Қарағанды қаласы Қазыбек би ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі» ММ",
        name_en: "Employment and Social Programmes Department of Kazybek Bi District, Karaganda",
        kind: OrgKind::Provider,
        kinds: &[
            ProviderKind::EmploymentSocialDepartment,
            ProviderKind::DistrictExecutive,
        ],
        district: DISTRICT,
        windows: &[],
        services: &[
            "targeted-social-assistance",
            "child-benefit",
            "tsa-recipient-certificate",
            "special-social-services-institution",
            "special-social-services-home",
            "rural-specialist-fuel-aid",
        ],
    },
    OrgDef {
        code: EMPLOYMENT,
        name_ru: "КГУ «Центр занятости населения района имени Казыбек би города Караганды»",
        name_kk: "«Қарағанды қаласы Қазыбек би ауданының халықты жұмыспен қамту орталығы» КММ",
        name_en: "Employment Centre of Kazybek Bi District, Karaganda",
        kind: OrgKind::Provider,
        kinds: &[ProviderKind::EmploymentCentre],
        district: DISTRICT,
        windows: &[],
        services: &[
            "active-employment-referral",
            "jobseeker-registration",
            "unemployed-registration",
        ],
    },
    OrgDef {
        code: AKIM,
        name_ru: "ГУ «Аппарат акима посёлка Доскей»",
        name_kk: "«Доскей кенті әкімінің аппараты» ММ",
        name_en: "Office of the Akim of Doskey Settlement",
        kind: OrgKind::AkimOffice,
        kinds: &[ProviderKind::RuralAkim],
        district: VILLAGE,
        windows: &[],
        services: &[],
    },
    OrgDef {
        code: AKIMAT,
        name_ru: "ГУ «Аппарат акима города Караганды» (акимат города Караганды)",
        name_kk: "«Қарағанды қаласы әкімінің аппараты» ММ (Қарағанды қаласының әкімдігі)",
        name_en: "Akimat of the City of Karaganda",
        kind: OrgKind::LocalExecutive,
        kinds: &[],
        district: DISTRICT,
        windows: &[],
        services: &[],
    },
];

/// (login, full name, organisation, role)
const USERS: [(&str, &str, &str, Role); 19] = [
    (
        "operator",
        "Сәрсенбаева Әйгерім Болатқызы",
        CENTRE,
        Role::Operator,
    ),
    (
        "operator2",
        "Байжанов Нұрлан Ерболұлы",
        CENTRE,
        Role::Operator,
    ),
    // The centre's head: the queue's figures.
    ("sc-head", "Қалиева Гүлмира Сапарқызы", CENTRE, Role::Head),
    ("clerk", "Омарова Жанар Ерланқызы", EDUCATION, Role::Clerk),
    ("head", "Құрманов Асхат Серікұлы", EDUCATION, Role::Head),
    (
        "specialist",
        "Ахметова Динара Маратқызы",
        EDUCATION,
        Role::Specialist,
    ),
    (
        "specialist2",
        "Төлеуов Ержан Қанатұлы",
        EDUCATION,
        Role::Specialist,
    ),
    (
        "sp-clerk",
        "Исабекова Мадина Нұрланқызы",
        SOCIAL,
        Role::Clerk,
    ),
    ("sp-head", "Жұмабаев Бауыржан Талғатұлы", SOCIAL, Role::Head),
    (
        "sp-specialist",
        "Сейітова Гүлнар Асқарқызы",
        SOCIAL,
        Role::Specialist,
    ),
    (
        "ec-clerk",
        "Мұқанова Салтанат Бақытқызы",
        EMPLOYMENT,
        Role::Clerk,
    ),
    ("ec-head", "Ермеков Қайрат Мұратұлы", EMPLOYMENT, Role::Head),
    (
        "ec-specialist",
        "Қасымов Дәурен Жақсылықұлы",
        EMPLOYMENT,
        Role::Specialist,
    ),
    ("akim-clerk", "Әбілова Меруерт Ғабитқызы", AKIM, Role::Clerk),
    ("akim", "Тұрсынов Марат Болатұлы", AKIM, Role::Head),
    (
        "akim-specialist",
        "Бекова Айжан Серікқызы",
        AKIM,
        Role::Specialist,
    ),
    // The region's supervisor: reads the reports of every organisation of
    // the region and opens their applications, changes nothing. The account
    // is kept at the centre; its region is what counts.
    (
        "supervisor",
        "Нұрмағамбетова Ләззат Қайратқызы",
        CENTRE,
        Role::Supervisor,
    ),
    // The city's akimat: its akim signs the resolutions it adopts, its
    // office receives and sends the files.
    ("akimat", "Жақыпов Ерлан Сапарұлы", AKIMAT, Role::Head),
    (
        "akimat-clerk",
        "Нұрланова Әсел Бейбітқызы",
        AKIMAT,
        Role::Clerk,
    ),
];

fn users() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str, Role)> {
    USERS.iter()
}

/// The demo's users found in `stored` as the demo made them (same name,
/// organisation and role, still active): (login, role, organisation).
/// A store of real staff has none of them.
pub fn users_present(stored: &[User]) -> Vec<(String, String, String)> {
    users()
        .filter(|&&(login, name, org, role)| {
            stored.iter().any(|u| {
                u.login == login
                    && u.full_name == name
                    && u.org == org
                    && u.roles.contains(&role)
                    && u.active
            })
        })
        .map(|&(login, _, org, role)| (login.into(), role.as_str().into(), org.into()))
        .collect()
}

/// The login of the first user with `role` at `org`.
fn login_of(org: &str, role: Role) -> Result<&'static str, OpsError> {
    users()
        .find(|u| u.2 == org && u.3 == role)
        .map(|u| u.0)
        .ok_or_else(|| demo_broken(format!("the demo has no {role} at {org}")))
}

/// The provider meant to render a Karaganda service: family and children
/// (regulations 34/17 and 34/18: guardianship, patronage, adoption, summer
/// camps) → the education department; the employment centre's services → the
/// employment centre; the other social-labour services of 37/03 → the
/// department of employment and social programmes. None when the service is
/// not a Karaganda one, is excluded, or that provider does not render its kind.
pub fn intended_provider(service: &Service) -> Option<&'static str> {
    if service.excluded || service.region != REGION {
        return None;
    }
    let code = if service
        .provider_kinds
        .contains(&ProviderKind::EmploymentCentre)
    {
        EMPLOYMENT
    } else if service.id.starts_with("krg-34-") {
        EDUCATION
    } else {
        SOCIAL
    };
    let org = ORGS.iter().find(|o| o.code == code)?;
    org.kinds
        .iter()
        .any(|k| service.provider_kinds.contains(k))
        .then_some(code)
}

/// The channels the demo takes this service in on, with the login that takes
/// it in: the provider's clerk at its own counter and for portal requests,
/// the centre's operator and the akim's office otherwise (they find the
/// provider through the services each provider lists).
pub fn intake_channels(service: &Service) -> Vec<(Channel, &'static str)> {
    let Some(provider) = intended_provider(service) else {
        return Vec::new();
    };
    let Ok(clerk) = login_of(provider, Role::Clerk) else {
        return Vec::new();
    };
    service
        .channels
        .iter()
        .map(|&c| match c {
            Channel::ProviderOffice | Channel::Portal => (c, clerk),
            Channel::StateCorp => (c, "operator"),
            Channel::RuralAkim => (c, "akim-clerk"),
        })
        .collect()
}

// ---- the simulation

fn due_error(e: crate::domain::calendar::DueError) -> OpsError {
    OpsError::Transition(TransitionError::Deadline(e))
}

fn at_time(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time"))
}

/// The last `WINDOW` working days up to `now`, newest first; today only if
/// its office has been open an hour.
fn recent_days(ops: &Ops, now: NaiveDateTime) -> Vec<NaiveDate> {
    let cal = &ops.deadlines.calendar;
    let mut days = Vec::new();
    let mut d = now.date();
    for _ in 0..120 {
        if days.len() == WINDOW {
            break;
        }
        if cal.is_working(d) && at_time(d, 10, 0) <= now {
            days.push(d);
        }
        d -= Duration::days(1);
    }
    days
}

fn later(
    ops: &Ops,
    org: OrgKind,
    from: NaiveDateTime,
    minutes: u32,
) -> Result<NaiveDateTime, OpsError> {
    ops.deadlines
        .due(org, from, Norm::new(minutes.max(1), NormUnit::Minutes))
        .map_err(due_error)
}

/// The demo's organisations and users (login, role, organisation of each).
fn set_up(ops: &Ops, setup_at: NaiveDateTime) -> Result<Vec<(String, String, String)>, OpsError> {
    for o in &ORGS {
        let org = Organisation {
            code: o.code.into(),
            name_ru: o.name_ru.into(),
            name_kk: o.name_kk.into(),
            kind: o.kind,
            provider_kinds: o.kinds.to_vec(),
            region: REGION.into(),
            district: o.district.into(),
            windows: o.windows.to_vec(),
            services: o.services.iter().map(|s| s.to_string()).collect(),
            name_en: o.name_en.into(),
        };
        ops.add_org(org, ADMIN, setup_at)?;
    }
    let hash = auth::hash_password(PASSWORD)?;
    let mut summary_users = Vec::new();
    for &(login, full_name, org, role) in users() {
        ops.add_user(
            User {
                login: login.into(),
                full_name: full_name.into(),
                org: org.into(),
                roles: vec![role],
                password_hash: hash.clone(),
                active: true,
                os_user: None,
                failed_logins: 0,
                locked_until: None,
            },
            ADMIN,
            setup_at,
        )?;
        summary_users.push((
            login.to_string(),
            role.as_str().to_string(),
            org.to_string(),
        ));
    }
    Ok(summary_users)
}

/// Creates the demo region in `ops`' store. `progress(n)` is called as each
/// application reaches where it stays (n of `applications`).
pub fn populate(
    ops: &Ops,
    now: NaiveDateTime,
    applications: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<DemoSummary, OpsError> {
    let days = recent_days(ops, now);
    let Some(&first_day) = days.last() else {
        return Err(demo_broken(format!(
            "no working day before {now} to place the demo in"
        )));
    };
    let setup_at = at_time(first_day, 8, 30);
    let summary_users = set_up(ops, setup_at)?;
    let services = region_services(ops, applications)?;
    let (mut cases, queue) = draw_cases(ops, now, &days, &services, applications)?;
    let report = register_people(ops, &mut cases, setup_at)?;
    // The centre's queue first: its earlier days' visits take the
    // applications in and hand results over.
    ops.queue_setup(queue::config(), setup_at)?;
    act_out(ops, now, &mut cases, queue, progress)?;
    queue::populate(ops, now)?;

    Ok(DemoSummary {
        orgs: ORGS.len(),
        users: summary_users,
        password: PASSWORD.into(),
        applications,
        persons: report.imported,
    })
}

/// The demo's own data does not fit the catalogue or the store: a fault of
/// the program, logged with its detail; the user is told the demo failed.
fn demo_broken(detail: String) -> OpsError {
    tracing::error!("demo: {detail}");
    OpsError::Invalid(crate::ops::Refusal::DemoInconsistent)
}

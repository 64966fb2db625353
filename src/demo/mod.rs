//! The demo region (`qyzmet init --demo`): a State Corporation centre, three
//! providers, a rural akim's office and the city's akimat in Karaganda
//! region, a provider and its city's akimat in West Kazakhstan and a provider
//! in Zhambyl (whose regulations have route shapes Karaganda's do not), their
//! staff, and applications at every step and SLA state.
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
mod offices;
mod people;
mod registry;
mod schedule;
mod visits;

use cases::*;
use offices::*;
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
/// Karaganda: the demo's own region, with its centre, queue and most work.
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

/// West Kazakhstan: the city of Oral's education department, which
/// establishes guardianship, and the city's akimat, which adopts the
/// resolution (001:356, 371).
pub const WEST: &str = "west_kazakhstan";
pub const URALSK: &str = "город Уральск";
pub const ZKO_EDUCATION: &str = "ZKO-ED";
pub const ZKO_AKIMAT: &str = "ZKO-AKIMAT";
/// Zhambyl: the education department of Taraz (patronage, adoption
/// registration, with the act of inspection, 004:151-154).
pub const ZHAMBYL: &str = "zhambyl";
pub const TARAZ: &str = "город Тараз";
pub const ZHB_EDUCATION: &str = "ZHB-ED";

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

/// The provider meant to render a service: the demo provider of the
/// service's region that lists it (in Karaganda, family and children, 34/17
/// and 34/18, → the education department; the employment centre's services →
/// the employment centre; the other social-labour services of 37/03 → the
/// department of employment and social programmes). None when the service is
/// excluded or no demo provider of its region renders it.
pub fn intended_provider(service: &Service) -> Option<&'static str> {
    if service.excluded {
        return None;
    }
    ORGS.iter()
        .find(|o| {
            o.kind == OrgKind::Provider
                && o.region == service.region
                && o.services.contains(&service.service.as_str())
                && o.kinds.iter().any(|k| service.provider_kinds.contains(k))
        })
        .map(|o| o.code)
}

/// The login of the first user with `role` at the region's organisation of
/// `kind`, if the demo has one there.
fn counter_in(region: &str, kind: OrgKind, role: Role) -> Option<&'static str> {
    let org = ORGS.iter().find(|o| o.region == region && o.kind == kind)?;
    login_of(org.code, role).ok()
}

/// The channels the demo takes this service in on, with the login that takes
/// it in: the provider's clerk at its own counter and for portal requests,
/// the region's centre operator and akim's office otherwise (they find the
/// provider through the services each provider lists). A region without a
/// demo centre (or akim's office) takes nothing in on that channel: a
/// centre takes in its own region's services only.
pub fn intake_channels(service: &Service) -> Vec<(Channel, &'static str)> {
    let Some(provider) = intended_provider(service) else {
        return Vec::new();
    };
    let Ok(clerk) = login_of(provider, Role::Clerk) else {
        return Vec::new();
    };
    let region = service.region.as_str();
    service
        .channels
        .iter()
        .filter_map(|&c| match c {
            Channel::ProviderOffice | Channel::Portal => Some((c, clerk)),
            Channel::StateCorp => {
                counter_in(region, OrgKind::StateCorp, Role::Operator).map(|login| (c, login))
            }
            Channel::RuralAkim => {
                counter_in(region, OrgKind::AkimOffice, Role::Clerk).map(|login| (c, login))
            }
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
            region: o.region.into(),
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

//! Shared set-up for the store tests: a Karaganda State Corporation centre, the
//! district's education provider and its staff, built directly through `Ops`.

#![allow(dead_code)]

use std::path::Path;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Channel, ProviderKind, StepAction};
use qyzmet::domain::iin::{Iin, Sex};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{Deadlines, Status};
use qyzmet::ops::{ActKind, ActRequest, Ops, OpsResult, SubmitRequest};
use qyzmet::store::Store;
use qyzmet::store::model::{Organisation, Record, User};
use tempfile::TempDir;

pub const SERVICE: &str = "krg-34-17-guardian-allowance";
pub const CENTRE: &str = "KRG-SC";
pub const PROVIDER: &str = "KRG-ED";
pub const REGION: &str = "karaganda";
pub const DISTRICT: &str = "kazybek-bi";

pub const OPERATOR: &str = "op1";
pub const CLERK: &str = "clerk1";
pub const HEAD: &str = "head1";
pub const SPECIALIST: &str = "spec1";

/// Hashing is deliberately slow: hash once per test binary and reuse.
pub static PASSWORD_HASH: LazyLock<String> =
    LazyLock::new(|| qyzmet::ops::auth::hash_password("password1").expect("hash"));

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A Monday morning inside the embedded calendar.
pub fn now() -> NaiveDateTime {
    at("2026-11-23T10:00")
}

pub fn deadlines() -> Deadlines {
    Deadlines::new(catalog_files::calendar(None).unwrap())
}

pub fn ops_on(store: Store) -> Ops {
    Ops::new(store, catalog_files::embedded().unwrap(), deadlines())
}

/// A new store at `dir` with the organisations and staff.
pub fn create(dir: &Path) -> Ops {
    let ops = ops_on(Store::create(dir, now()).unwrap());
    seed(&ops);
    ops
}

/// The demo region, populated once per test binary; tests get copies.
static DEMO_TEMPLATE: LazyLock<TempDir> = LazyLock::new(|| {
    let dir = TempDir::new().unwrap();
    let ops = ops_on(Store::create(&dir.path().join("store"), now()).unwrap());
    qyzmet::demo::populate(
        &ops,
        now(),
        qyzmet::ops::backend::DEMO_APPLICATIONS,
        &mut |_| {},
    )
    .unwrap();
    drop(ops);
    dir
});

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the demo store, as `DIR/store`.
pub fn demo_store() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(
        &DEMO_TEMPLATE.path().join("store"),
        &dir.path().join("store"),
    );
    dir
}

pub fn org(
    code: &str,
    kind: OrgKind,
    provider_kinds: Vec<ProviderKind>,
    district: &str,
) -> Organisation {
    Organisation {
        code: code.into(),
        name_ru: format!("{code} (ru)"),
        name_kk: format!("{code} (kk)"),
        kind,
        provider_kinds,
        region: REGION.into(),
        district: district.into(),
        windows: if kind == OrgKind::StateCorp {
            vec![1, 2, 3]
        } else {
            Vec::new()
        },
        services: Vec::new(),
        name_en: format!("{code} (en)"),
    }
}

pub fn user(login: &str, org: &str, roles: Vec<Role>) -> User {
    User {
        login: login.into(),
        full_name: format!("User {login}"),
        org: org.into(),
        roles,
        password_hash: PASSWORD_HASH.clone(),
        active: true,
        os_user: None,
        failed_logins: 0,
        locked_until: None,
    }
}

pub fn provider_kinds() -> Vec<ProviderKind> {
    vec![
        ProviderKind::DistrictExecutive,
        ProviderKind::EducationDepartment,
        ProviderKind::EducationOrganisation,
    ]
}

pub fn orgs() -> Vec<Organisation> {
    vec![
        org(CENTRE, OrgKind::StateCorp, Vec::new(), DISTRICT),
        org(PROVIDER, OrgKind::Provider, provider_kinds(), DISTRICT),
    ]
}

pub fn users() -> Vec<User> {
    vec![
        user(OPERATOR, CENTRE, vec![Role::Operator]),
        user(CLERK, PROVIDER, vec![Role::Clerk]),
        user(HEAD, PROVIDER, vec![Role::Head]),
        user(SPECIALIST, PROVIDER, vec![Role::Specialist]),
    ]
}

/// Adds whatever of the organisations and staff is missing.
pub fn seed(ops: &Ops) {
    for o in orgs() {
        if ops.store.org(&o.code).unwrap().is_none() {
            ops.add_org(o, "admin", now()).unwrap();
        }
    }
    for u in users() {
        if ops.store.user(&u.login).unwrap().is_none() {
            ops.add_user(u, "admin", now()).unwrap();
        }
    }
}

/// The `n`-th valid applicant IIN (born 14 March 1985).
pub fn iin(n: usize) -> Iin {
    let birth = NaiveDate::from_ymd_opt(1985, 3, 14).unwrap();
    (0..10_000u16)
        .filter_map(|s| Iin::compose(birth, Sex::Female, s))
        .nth(n % 5_000)
        .expect("enough valid serials")
}

pub fn submit_request(n: usize) -> SubmitRequest {
    SubmitRequest {
        district: None,
        service: SERVICE.into(),
        channel: Channel::StateCorp,
        iin: iin(n).to_string(),
        name: "Ахметова Айгерим Серикқызы".into(),
        phone: Some("+7 701 123 45 67".into()),
        representative: None,
        org: None,
        documents: None,
        expired: Vec::new(),
        notarised: false,
    }
}

/// An operator takes in a complete application at the counter.
pub fn submit(ops: &Ops, n: usize) -> Record {
    ops.submit(OPERATOR, submit_request(n), now()).unwrap()
}

/// Who does the next step of the default route, and how; None once closed.
pub fn next_act(rec: &Record, ops: &Ops) -> Option<(&'static str, ActKind, ActRequest)> {
    let version = Some(rec.app.version);
    match rec.app.status {
        Status::InProgress => {
            let service = ops.service(&rec.app.service).unwrap();
            let step = rec.app.current_step(service).unwrap();
            let mut req = ActRequest {
                version,
                ..ActRequest::default()
            };
            let login = match step.action {
                StepAction::Register | StepAction::Dispatch => CLERK,
                StepAction::Assign => {
                    req.to = Some(SPECIALIST.into());
                    req.comment = Some("Рассмотреть в установленный срок".into());
                    HEAD
                }
                StepAction::Execute => {
                    req.approve = Some(true);
                    SPECIALIST
                }
                StepAction::Sign => HEAD,
                other => panic!("unexpected step {other} on the default route"),
            };
            Some((login, ActKind::Step(step.action), req))
        }
        // The centre marks the result's receipt in its journal, then issues it.
        Status::ResultReady if waits_for_receipt(rec) => Some((
            OPERATOR,
            ActKind::Receive,
            ActRequest {
                version,
                comment: Some("Журнал получения результатов, запись 1".into()),
                ..ActRequest::default()
            },
        )),
        Status::ResultReady => Some((
            OPERATOR,
            ActKind::Issue,
            ActRequest {
                version,
                recipient: Some(rec.app.applicant.iin.to_string()),
                ..ActRequest::default()
            },
        )),
        _ => None,
    }
}

/// Whether the result waits for the centre's mark of its receipt.
pub fn waits_for_receipt(rec: &Record) -> bool {
    rec.app.holder.as_ref().map(|h| h.action) == Some(StepAction::Receive)
}

/// Performs the next step of `rec` at the version it was read at.
pub fn advance(ops: &Ops, rec: &Record) -> Option<OpsResult<Record>> {
    let (login, kind, req) = next_act(rec, ops)?;
    Some(ops.act(login, &rec.number, kind, req, now()))
}

/// Drives an application to the end of its route (issued at the counter).
pub fn finish(ops: &Ops, number: &str) -> Record {
    loop {
        let rec = ops.find(number).unwrap();
        match advance(ops, &rec) {
            Some(r) => {
                r.unwrap();
            }
            None => return rec,
        }
    }
}

/// Drives an application until its current step is `action`.
pub fn advance_to(ops: &Ops, number: &str, action: StepAction) -> Record {
    loop {
        let rec = ops.find(number).unwrap();
        let service = ops.service(&rec.app.service).unwrap();
        if rec.app.current_step(service).map(|s| s.action) == Some(action) {
            return rec;
        }
        advance(ops, &rec)
            .unwrap_or_else(|| panic!("{number} closed before reaching {action}"))
            .unwrap();
    }
}

/// The 6-digit serial at the end of a registration number.
pub fn serial(number: &str) -> u64 {
    let (_, tail) = number.rsplit_once('-').expect("a registration number");
    assert_eq!(tail.len(), 6, "{number}: not a 6-digit serial");
    tail.parse().unwrap()
}

/// The journal a number belongs to: everything before its serial.
pub fn journal_of(number: &str) -> &str {
    number.rsplit_once('-').unwrap().0
}

/// Every registration number of every record (intake and along the route),
/// grouped by journal: each journal's serials must be exactly 1..=n.
pub fn assert_numbers_gapless<'a>(records: impl IntoIterator<Item = &'a Record>) -> usize {
    let mut by_journal: std::collections::BTreeMap<String, Vec<u64>> = Default::default();
    for r in records {
        // A record may list its intake number among its route's numbers too
        // (an akimat's intake): one number, drawn once.
        let own: std::collections::BTreeSet<&String> =
            std::iter::once(&r.number).chain(&r.app.numbers).collect();
        for n in own {
            by_journal
                .entry(journal_of(n).to_string())
                .or_default()
                .push(serial(n));
        }
    }
    for (journal, serials) in &mut by_journal {
        serials.sort_unstable();
        let expected: Vec<u64> = (1..=serials.len() as u64).collect();
        assert_eq!(
            *serials,
            expected,
            "journal {journal}: numbers are not exactly 1..={}",
            expected.len()
        );
    }
    by_journal.len()
}

pub fn assert_sound(store: &Store) {
    assert_eq!(store.verify_journal().unwrap(), Vec::<String>::new());
    assert_eq!(store.check(|_| {}).unwrap(), Vec::<String>::new());
}

pub fn records(store: &Store) -> Vec<Record> {
    store.records().collect::<Result<_, _>>().unwrap()
}

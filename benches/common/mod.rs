//! What the benches share: the Karaganda fixture (a State Corporation centre,
//! the district's education department and its four users), valid IINs, the
//! route's acts at the API and domain levels, and the bulk writer of a store
//! with many applications in the store's own layout.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use sha2::{Digest, Sha256};

use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Catalog, Channel, ProviderKind, Service};
use qyzmet::domain::iin::{Iin, Sex};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{
    Applicant, Application, Deadlines, Decision, Intake, Performer, StepOutput, Transition,
};
use qyzmet::ops::{ActKind, ActRequest, Ops};
use qyzmet::store::codec::{self, SCHEMA};
use qyzmet::store::model::{Bindings, JournalEntry, Organisation, Record, User};
use qyzmet::store::sled_engine::journal_file::{self, Appending, JournalFile};
use qyzmet::store::{Store, index_entries};

pub const SERVICE: &str = "krg-34-17-guardian-allowance";

pub const SC: &str = "KRG-SC";

pub const ED: &str = "KRG-ED";

pub static CATALOG: LazyLock<Catalog> = LazyLock::new(|| catalog_files::embedded().unwrap());

pub static DEADLINES: LazyLock<Deadlines> =
    LazyLock::new(|| Deadlines::new(catalog_files::calendar(None).unwrap()));

pub fn service() -> &'static Service {
    CATALOG.get(SERVICE).expect("service in the catalogue")
}

/// Every bench user's password.
pub const PASSWORD: &str = "bench-password";

static PASSWORD_HASH: LazyLock<String> =
    LazyLock::new(|| qyzmet::ops::auth::hash_password(PASSWORD).unwrap());

pub fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

pub fn organisations() -> [Organisation; 2] {
    [
        Organisation {
            code: SC.into(),
            name_ru: "ЦОН района имени Казыбек би".into(),
            name_kk: "Қазыбек би ауданының ХҚКО".into(),
            kind: OrgKind::StateCorp,
            provider_kinds: vec![],
            region: "karaganda".into(),
            district: "kazybek-bi".into(),
            windows: vec![1, 2, 3, 4],
            services: vec![],
            name_en: String::new(),
        },
        Organisation {
            code: ED.into(),
            name_ru: "Отдел образования района имени Казыбек би".into(),
            name_kk: "Қазыбек би ауданының білім бөлімі".into(),
            kind: OrgKind::Provider,
            provider_kinds: vec![
                ProviderKind::DistrictExecutive,
                ProviderKind::EducationDepartment,
                ProviderKind::EducationOrganisation,
            ],
            region: "karaganda".into(),
            district: "kazybek-bi".into(),
            windows: vec![],
            // Empty: every service of its provider kinds.
            services: vec![],
            name_en: String::new(),
        },
    ]
}

pub fn users() -> Vec<User> {
    let u = |login: &str, org: &str, role: Role| User {
        login: login.into(),
        full_name: format!("Bench {login}"),
        org: org.into(),
        roles: vec![role],
        // The transition benches take the login as given; the start-up bench
        // logs in with PASSWORD, as a user would.
        password_hash: PASSWORD_HASH.clone(),
        active: true,
        os_user: None,
        failed_logins: 0,
        locked_until: None,
    };
    vec![
        u("operator", SC, Role::Operator),
        u("clerk", ED, Role::Clerk),
        u("head", ED, Role::Head),
        u("specialist", ED, Role::Specialist),
    ]
}

pub fn new_ops(dir: &Path) -> Ops {
    let store = Store::create(dir, t0()).unwrap();
    let ops = Ops::new(store, CATALOG.clone(), DEADLINES.clone());
    for org in organisations() {
        ops.add_org(org, "admin", t0()).unwrap();
    }
    for user in users() {
        ops.add_user(user, "admin", t0()).unwrap();
    }
    ops
}

/// A valid IIN, different for each `i` (up to ~150 million).
pub fn iin_for(i: u64) -> Iin {
    let birth = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap() + TimeDelta::days((i % 15_000) as i64);
    let sex = if i.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    let mut serial = ((i / 15_000) * 2 % 10_000) as u16;
    loop {
        if let Some(iin) = Iin::compose(birth, sex, serial) {
            return iin;
        }
        serial = (serial + 1) % 10_000;
    }
}

pub fn applicant(iin: Iin) -> Applicant {
    Applicant {
        iin,
        name: "Ахметова Айгерим Серикқызы".into(),
        phone: Some("+7 701 123 45 67".into()),
        representative: None,
    }
}

/// The `step`-th act (0..7) of the route through the operations API.
pub fn act_for(step: usize, iin: Iin) -> (&'static str, ActKind, ActRequest) {
    use qyzmet::domain::catalog::StepAction as A;
    match step {
        0 => ("clerk", ActKind::Step(A::Register), ActRequest::default()),
        1 => (
            "head",
            ActKind::Step(A::Assign),
            ActRequest {
                to: Some("specialist".into()),
                comment: Some("Рассмотреть в установленный срок".into()),
                ..Default::default()
            },
        ),
        2 => (
            "specialist",
            ActKind::Step(A::Execute),
            ActRequest {
                approve: Some(true),
                ..Default::default()
            },
        ),
        3 => ("head", ActKind::Step(A::Sign), ActRequest::default()),
        4 => ("clerk", ActKind::Step(A::Dispatch), ActRequest::default()),
        // The centre marks the result's receipt in its journal, then issues it.
        5 => (
            "operator",
            ActKind::Receive,
            ActRequest {
                comment: Some("Журнал получения результатов, запись 1".into()),
                ..Default::default()
            },
        ),
        6 => (
            "operator",
            ActKind::Issue,
            ActRequest {
                recipient: Some(iin.to_string()),
                ..Default::default()
            },
        ),
        _ => unreachable!(),
    }
}

/// The same acts at the domain level (SQLite and bulk paths): the performer,
/// the transition, and which number journal it draws from (counter name, format).
pub fn transition_for(step: usize, iin: Iin) -> (Performer, Transition, Option<(String, bool)>) {
    let clerk = Performer::new("clerk", OrgKind::Provider, Role::Clerk);
    let head = Performer::new("head", OrgKind::Provider, Role::Head);
    let registered = |n: &str| {
        Transition::Complete(StepOutput::Registered {
            number: n.to_string(),
        })
    };
    match step {
        0 => (
            clerk,
            registered(""),
            Some((format!("{ED}/IN/2026"), false)),
        ),
        1 => (
            head,
            Transition::Complete(StepOutput::Assigned {
                specialist: "specialist".into(),
                resolution: "Рассмотреть в установленный срок".into(),
            }),
            None,
        ),
        2 => (
            Performer::new("specialist", OrgKind::Provider, Role::Specialist),
            Transition::Complete(StepOutput::Decided(Decision::Approve {
                result: service().positive_results().next().unwrap().id.clone(),
            })),
            None,
        ),
        3 => (head, Transition::Complete(StepOutput::Done), None),
        4 => (
            clerk,
            registered(""),
            Some((format!("{ED}/OUT/2026"), true)),
        ),
        5 => (
            Performer::new("operator", OrgKind::StateCorp, Role::Operator),
            Transition::Receive {
                mark: "Журнал получения результатов, запись 1".into(),
            },
            None,
        ),
        6 => (
            Performer::new("operator", OrgKind::StateCorp, Role::Operator),
            Transition::Issue { recipient: iin },
            None,
        ),
        _ => unreachable!(),
    }
}

pub fn number_text(outgoing: bool, n: u64) -> String {
    if outgoing {
        format!("{ED}-OUT-2026-{n:06}")
    } else {
        format!("{ED}-2026-{n:06}")
    }
}

pub fn with_number(t: Transition, number: &str) -> Transition {
    match t {
        Transition::Complete(StepOutput::Registered { .. }) => {
            Transition::Complete(StepOutput::Registered {
                number: number.into(),
            })
        }
        other => other,
    }
}

pub fn new_application(number: &str, iin: Iin, at: NaiveDateTime) -> Application {
    Application::submit(
        Intake {
            id: number.into(),
            service: service(),
            channel: Channel::StateCorp,
            applicant: applicant(iin),
            documents: service().documents.iter().map(|d| d.id.clone()).collect(),
            expired: Vec::new(),
            power: Default::default(),
            call: None,
        },
        &Performer::new("operator", OrgKind::StateCorp, Role::Operator),
        at,
        &DEADLINES,
    )
    .unwrap()
}

pub fn bindings() -> Bindings {
    Bindings {
        intake: SC.into(),
        provider: ED.into(),
        akim: None,
        local_executive: None,
    }
}

/// Links an entry into the hash chain (mirrors `store::append`).
pub fn chain(e: &mut JournalEntry, seq: u64, prev: [u8; 32]) {
    e.seq = seq;
    e.prev_hash = prev;
    e.hash = [0; 32];
    let mut h = Sha256::new();
    h.update(prev);
    h.update(codec::encode(&*e));
    e.hash = h.finalize().into();
}

pub struct BulkReport {
    pub apps: u64,
    pub journal_entries: u64,
    pub index_entries: u64,
    pub logical_bytes: u64,
    pub generate: Duration,
    pub write: Duration,
}

/// Writes a store of `n` applications directly with sled, in the store's layout:
/// the records as `Application::submit` + applies make them (a mix of every
/// state of the route), their index entries, their hash-chained journal, the
/// counters, the schema and journal head in `meta`, the organisations and users.
pub fn bulk_build(dir: &Path, n: u64) -> BulkReport {
    let db = sled::Config::new().path(dir).open().unwrap();
    let t = |name: &str| db.open_tree(name).unwrap();
    let (meta, orgs, users_t, apps, counters, index) = (
        t("meta"),
        t("orgs"),
        t("users"),
        t("apps"),
        t("counters"),
        t("index"),
    );
    let journal = JournalFile::open(&dir.join(journal_file::DIR), None).unwrap();
    meta.insert(b"schema", &SCHEMA.to_le_bytes()).unwrap();
    for o in organisations() {
        orgs.insert(o.code.as_bytes(), codec::encode(&o)).unwrap();
    }
    for u in users() {
        users_t
            .insert(u.login.as_bytes(), codec::encode(&u))
            .unwrap();
    }
    let base = NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (mut seq, mut prev) = (0u64, [0u8; 32]);
    let (mut n_in, mut n_out) = (0u64, 0u64);
    let mut report = BulkReport {
        apps: n,
        journal_entries: 0,
        index_entries: 0,
        logical_bytes: 0,
        generate: Duration::ZERO,
        write: Duration::ZERO,
    };
    const CHUNK: u64 = 20_000;
    let mut first = 1;
    while first <= n {
        let last = (first + CHUNK - 1).min(n);
        let g = Instant::now();
        let (mut b_apps, mut b_index) = (sled::Batch::default(), sled::Batch::default());
        let mut b_journal = Vec::new();
        for id in first..=last {
            let iin = iin_for(1_000_000_000 + id);
            let at =
                base + TimeDelta::days((id % 280) as i64) + TimeDelta::minutes((id % 420) as i64);
            let number = format!("{SC}-2026-{id:06}");
            let mut rec = Record {
                id,
                app: new_application(&number, iin, at),
                number,
                orgs: bindings(),
            };
            // 0..=7 acts: every step of the route, ready at the centre,
            // received there, issued.
            for step in 0..(id % 8) as usize {
                let (by, tr, journal_name) = transition_for(step, iin);
                let tr = match journal_name {
                    Some((_, outgoing)) => {
                        let c = if outgoing { &mut n_out } else { &mut n_in };
                        *c += 1;
                        with_number(tr, &number_text(outgoing, *c))
                    }
                    None => tr,
                };
                let when = at + TimeDelta::minutes(10 * (step as i64 + 1));
                rec.app.apply(service(), &by, when, tr, &DEADLINES).unwrap();
            }
            for (k, v) in index_entries(&rec) {
                report.logical_bytes += (k.len() + v.len()) as u64;
                report.index_entries += 1;
                b_index.insert(k, v);
            }
            for e in &rec.app.history {
                let mut entry = qyzmet::store::event_entry(&rec, e);
                seq += 1;
                chain(&mut entry, seq, prev);
                prev = entry.hash;
                let v = codec::encode(&entry);
                report.logical_bytes += 8 + v.len() as u64;
                report.journal_entries += 1;
                b_journal.push((seq, v));
            }
            let v = codec::encode(&rec);
            report.logical_bytes += 8 + v.len() as u64;
            b_apps.insert(&id.to_be_bytes(), v);
        }
        report.generate += g.elapsed();
        let w = Instant::now();
        apps.apply_batch(b_apps).unwrap();
        index.apply_batch(b_index).unwrap();
        let records = b_journal.iter().map(|(n, v)| (*n, v.as_slice()));
        journal.append(records, Appending::New).unwrap();
        report.write += w.elapsed();
        first = last + 1;
    }
    let w = Instant::now();
    let count = |name: String, v: u64| counters.insert(name.as_bytes(), &v.to_be_bytes()).unwrap();
    count("app_id".into(), n);
    count(format!("{SC}/SC/2026"), n);
    count(format!("{ED}/IN/2026"), n_in);
    count(format!("{ED}/OUT/2026"), n_out);
    let mut head = seq.to_be_bytes().to_vec();
    head.extend(prev);
    meta.insert(b"journal_head", head).unwrap();
    // The counts the store keeps (schema 6).
    meta.insert(b"count/apps", &n.to_be_bytes()).unwrap();
    meta.insert(b"count/persons", &0u64.to_be_bytes()).unwrap();
    let synced = journal.sync().unwrap();
    meta.insert(b"journal_synced", &synced.to_bytes()).unwrap();
    db.flush().unwrap();
    drop((meta, orgs, users_t, apps, journal, counters, index));
    drop(db);
    report.write += w.elapsed();
    report
}

/// (apparent bytes, allocated bytes, files) under `dir`.
pub fn dir_size(dir: &Path) -> (u64, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut out = (0, 0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let md = entry.metadata().unwrap();
        if md.is_dir() {
            let (a, b, c) = dir_size(&entry.path());
            out = (out.0 + a, out.1 + b, out.2 + c);
        } else {
            out = (out.0 + md.len(), out.1 + md.blocks() * 512, out.2 + 1);
        }
    }
    out
}

pub fn gib(b: u64) -> String {
    format!("{:.2} GiB ({b} bytes)", b as f64 / (1u64 << 30) as f64)
}

/// The bulk store of `n` applications kept in `workdir` between runs:
/// `DIR/qyzmet-bench-bulk-N`, complete once `DIR/qyzmet-bench-bulk-N.done`
/// (the writer's report) exists beside it.
pub fn kept_bulk_store(workdir: &Path, n: u64) -> (PathBuf, PathBuf) {
    let dir = workdir.join(format!("qyzmet-bench-bulk-{n}"));
    let done = workdir.join(format!("qyzmet-bench-bulk-{n}.done"));
    (dir, done)
}

/// Where the bulk store's applications wait, after `bulk_build`: `id % 8`
/// acts were taken, so each eighth of the store sits at one step (register
/// at the clerk, assign at the head, execute at `specialist`, sign at the
/// head, dispatch at the clerk, the receipt and then the issue at the
/// centre's operator) or is issued.
/// The sizes of the queue-index prefixes, as (prefix, entries).
pub fn queue_sizes(store: &Store) -> Vec<(String, usize)> {
    let prefixes: [&[&[u8]]; 6] = [
        &[b"q", ED.as_bytes(), b"clerk"],
        &[b"q", ED.as_bytes(), b"head"],
        &[b"q", ED.as_bytes(), b"specialist"],
        &[b"a", b"specialist"],
        &[b"q", SC.as_bytes(), b"operator"],
        &[b"s", b"issued"],
    ];
    prefixes
        .iter()
        .map(|p| {
            let name = p
                .iter()
                .map(|s| String::from_utf8_lossy(s))
                .collect::<Vec<_>>()
                .join("/");
            (name, store.scan(p, usize::MAX).unwrap().len())
        })
        .collect()
}

/// Asks the kernel to drop this directory's files from the page cache
/// (`dd iflag=nocache count=0` = posix_fadvise DONTNEED; affects only these files).
pub fn evict(dir: &Path) -> bool {
    let mut ok = true;
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            ok &= evict(&p);
        } else {
            ok &= std::process::Command::new("dd")
                .arg(format!("if={}", p.display()))
                .args(["iflag=nocache", "count=0", "status=none"])
                .status()
                .is_ok_and(|s| s.success());
        }
    }
    ok
}

/// Runs this bench binary again as a child (`cmd` says which part, by its
/// environment): what it printed, one line per "; ", and its wall time.
pub fn run_child(mut cmd: std::process::Command) -> (String, std::time::Duration) {
    let t = std::time::Instant::now();
    let out = cmd.output().unwrap();
    let wall = t.elapsed();
    assert!(
        out.status.success(),
        "child process failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout)
        .lines()
        .collect::<Vec<_>>()
        .join("; ");
    (text, wall)
}

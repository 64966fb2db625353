//! Stores written by schema 1 are migrated on open; stores written by a newer
//! Qyzmet are refused instead of misread.

mod common;

use std::path::Path;

use common::*;
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::store::codec::{self, SCHEMA, encode_as};
use qyzmet::store::model::{
    BindingsV6, JournalEntry, Organisation, OrganisationV1, OrganisationV3, Person, PersonV6,
    Record, RecordV6, User, UserV1,
};
use qyzmet::store::sled_engine::journal_file::{self, JournalFile};
use qyzmet::store::{Store, StoreError};
use sha2::{Digest, Sha256};

fn user_v1(login: &str, org: &str, roles: Vec<Role>) -> UserV1 {
    UserV1 {
        login: login.into(),
        full_name: format!("User {login}"),
        org: org.into(),
        roles,
        password_hash: PASSWORD_HASH.clone(),
        active: true,
    }
}

fn org_v1(o: &Organisation) -> OrganisationV1 {
    OrganisationV1 {
        code: o.code.clone(),
        name_ru: o.name_ru.clone(),
        name_kk: o.name_kk.clone(),
        kind: o.kind,
        provider_kinds: o.provider_kinds.clone(),
        region: o.region.clone(),
        district: o.district.clone(),
        windows: o.windows.clone(),
    }
}

/// Schemas 2 and 3 knew no English name.
fn org_v3(o: &Organisation) -> OrganisationV3 {
    OrganisationV3 {
        code: o.code.clone(),
        name_ru: o.name_ru.clone(),
        name_kk: o.name_kk.clone(),
        kind: o.kind,
        provider_kinds: o.provider_kinds.clone(),
        region: o.region.clone(),
        district: o.district.clone(),
        windows: o.windows.clone(),
        services: o.services.clone(),
    }
}

fn raw_schema(db: &sled::Db) -> Option<u16> {
    let v = db.open_tree("meta").unwrap().get(b"schema").unwrap()?;
    Some(u16::from_le_bytes([v[0], v[1]]))
}

/// Writes a minimal schema-1 store with raw sled: organisations and users.
fn write_v1_store(dir: &Path, orgs: &[OrganisationV1], users: &[UserV1]) {
    let db = sled::open(dir).unwrap();
    db.open_tree("meta")
        .unwrap()
        .insert(b"schema", &1u16.to_le_bytes())
        .unwrap();
    let tree = db.open_tree("orgs").unwrap();
    for o in orgs {
        tree.insert(o.code.as_bytes(), encode_as(1, o)).unwrap();
    }
    let tree = db.open_tree("users").unwrap();
    for u in users {
        tree.insert(u.login.as_bytes(), encode_as(1, u)).unwrap();
    }
    db.flush().unwrap();
}

#[test]
fn a_schema_1_store_is_migrated_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let v1_users = vec![
        user_v1(OPERATOR, CENTRE, vec![Role::Operator]),
        user_v1(CLERK, PROVIDER, vec![Role::Clerk]),
        UserV1 {
            active: false,
            ..user_v1(HEAD, PROVIDER, vec![Role::Head, Role::Specialist])
        },
    ];
    let v1_orgs: Vec<OrganisationV1> = orgs().iter().map(org_v1).collect();
    write_v1_store(dir, &v1_orgs, &v1_users);
    assert!(dir.join("db").exists());

    let store = Store::open(dir).unwrap();
    assert_eq!(store.schema().unwrap(), SCHEMA);
    for old in &v1_users {
        let u = store.user(&old.login).unwrap().expect("migrated user");
        assert_eq!(u.os_user, None);
        assert_eq!(u.failed_logins, 0);
        assert_eq!(u.locked_until, None);
        assert_eq!(u, User::from(old.clone()));
    }
    assert_eq!(store.users().unwrap().len(), v1_users.len());
    // Organisations gain an empty service list: they render whatever their
    // provider kinds cover, as before.
    let mut expected: Vec<Organisation> = v1_orgs.iter().cloned().map(Organisation::from).collect();
    expected.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(store.orgs().unwrap(), expected);
    assert!(expected.iter().all(|o| o.services.is_empty()));
    assert_eq!(
        store.org(PROVIDER).unwrap().unwrap().kind,
        OrgKind::Provider
    );
    assert_eq!(store.check(|_| {}).unwrap(), Vec::<String>::new());
    drop(store);

    // Migrated once: every value now carries the current header, and opening
    // again changes nothing.
    {
        let db = sled::open(dir).unwrap();
        assert_eq!(raw_schema(&db), Some(SCHEMA));
        for tree in ["orgs", "users"] {
            for kv in db.open_tree(tree).unwrap().iter() {
                let (k, v) = kv.unwrap();
                assert_eq!(codec::schema_of(&v).unwrap(), SCHEMA, "{tree}/{k:?}");
            }
        }
    }
    let ops = ops_on(Store::open(dir).unwrap());
    assert_eq!(
        ops.store.user(CLERK).unwrap(),
        Some(User::from(v1_users[1].clone()))
    );
    // And the migrated store works: the missing staff join, intake runs.
    seed(&ops);
    let number = submit(&ops, 0).number;
    assert_eq!(number, "KRG-SC-2026-000001");
    // The head was disabled under schema 1 and stays disabled.
    let rec = advance_to(&ops, &number, StepAction::Assign);
    assert!(
        advance(&ops, &rec).unwrap().is_err(),
        "a disabled user acted"
    );
    assert_sound(&ops.store);
}

/// Rewrites a current store as schema `to` (1, 2 or 3) would have written it:
/// every encoded value with that header, users and organisations in their
/// schema-1 shape for 1, the journal chain hashed over the old encoding, and
/// the work-queue index entries without the summaries schema 3 added (ids
/// in the index keys, counters: raw bytes in every schema).
fn downgrade(dir: &Path, to: u16) {
    let db = sled::open(dir).unwrap();
    // Persons before schema 7 gave no powers of attorney.
    let persons = db.open_tree("persons").unwrap();
    for kv in persons.iter() {
        let (k, v) = kv.unwrap();
        let p: Person = codec::decode(&v).unwrap();
        assert!(p.powers.is_empty(), "schema {to} cannot say {:?}", p.powers);
        let old = PersonV6 {
            iin: p.iin,
            full_name: p.full_name,
            phone: p.phone,
            address: p.address,
            district: p.district,
        };
        persons.insert(k, encode_as(to, &old)).unwrap();
    }
    // Applications before schema 7 were bound to no local executive body.
    let apps = db.open_tree("apps").unwrap();
    for kv in apps.iter() {
        let (k, v) = kv.unwrap();
        let r: Record = codec::decode(&v).unwrap();
        assert!(
            r.orgs.local_executive.is_none(),
            "schema {to} cannot say it"
        );
        let old = RecordV6 {
            id: r.id,
            number: r.number,
            orgs: BindingsV6 {
                intake: r.orgs.intake,
                provider: r.orgs.provider,
                akim: r.orgs.akim,
            },
            app: r.app,
        };
        apps.insert(k, encode_as(to, &old)).unwrap();
    }
    let index = db.open_tree("index").unwrap();
    for kv in index.iter() {
        let (k, v) = kv.unwrap();
        if k.starts_with(b"r/") {
            // Before schema 4 only an application's own number was indexed.
            if to < 4 {
                index.remove(k).unwrap();
            }
        } else if k.starts_with(b"q/") || k.starts_with(b"a/") {
            // Schema 3 kept the summary (same layout), older ones nothing.
            let old = if to >= 3 {
                [&to.to_le_bytes()[..], &v[2..]].concat()
            } else {
                Vec::new()
            };
            index.insert(k, old).unwrap();
        }
    }
    let orgs = db.open_tree("orgs").unwrap();
    for kv in orgs.iter() {
        let (k, v) = kv.unwrap();
        let o: Organisation = codec::decode(&v).unwrap();
        if to == 1 {
            assert!(
                o.services.is_empty(),
                "schema 1 cannot say {:?}",
                o.services
            );
            orgs.insert(k, encode_as(1, &org_v1(&o))).unwrap();
        } else if to < 5 {
            orgs.insert(k, encode_as(to, &org_v3(&o))).unwrap();
        } else {
            orgs.insert(k, encode_as(to, &o)).unwrap();
        }
    }
    let users = db.open_tree("users").unwrap();
    for kv in users.iter() {
        let (k, v) = kv.unwrap();
        let u: User = codec::decode(&v).unwrap();
        if to == 1 {
            let old = UserV1 {
                login: u.login,
                full_name: u.full_name,
                org: u.org,
                roles: u.roles,
                password_hash: u.password_hash,
                active: u.active,
            };
            users.insert(k, encode_as(1, &old)).unwrap();
        } else {
            users.insert(k, encode_as(to, &u)).unwrap();
        }
    }
    // Before its files the journal was sled's `journal` tree.
    let files = dir.join(journal_file::DIR);
    let entries: Vec<(u64, Vec<u8>)> = JournalFile::open(&files, None)
        .unwrap()
        .after(0)
        .map(|r| r.unwrap())
        .collect();
    std::fs::remove_dir_all(&files).unwrap();
    let journal = db.open_tree("journal").unwrap();
    let mut prev = [0u8; 32];
    let mut last = 0u64;
    for (seq, v) in entries {
        let k = seq.to_be_bytes();
        let mut e: JournalEntry = codec::decode(&v).unwrap();
        e.prev_hash = prev;
        e.hash = [0; 32];
        let mut h = Sha256::new();
        h.update(e.prev_hash);
        h.update(encode_as(to, &e));
        e.hash = h.finalize().into();
        journal.insert(k, encode_as(to, &e)).unwrap();
        prev = e.hash;
        last = e.seq;
    }
    let meta = db.open_tree("meta").unwrap();
    let mut head = last.to_be_bytes().to_vec();
    head.extend(prev);
    meta.insert(b"journal_head", head).unwrap();
    meta.remove(b"journal_synced").unwrap();
    meta.insert(b"schema", &to.to_le_bytes()).unwrap();
    db.flush().unwrap();
}

/// A store with applications at several steps, written by schema `from`,
/// opens whole: records, users, journal, the work queues' summaries.
fn migrates_whole(from: u16) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let queues = |ops: &qyzmet::ops::Ops| -> Vec<_> {
        [OPERATOR, CLERK, HEAD, SPECIALIST]
            .iter()
            .map(|l| ops.queue(l).unwrap())
            .collect()
    };
    let (records_before, users_before, orgs_before, journal_before, queues_before, numbers) = {
        let ops = create(&dir);
        let numbers: Vec<String> = (0..4).map(|n| submit(&ops, n).number).collect();
        finish(&ops, &numbers[0]);
        advance_to(&ops, &numbers[1], StepAction::Execute);
        advance_to(&ops, &numbers[2], StepAction::Dispatch);
        let store = &ops.store;
        (
            records(store),
            store.users().unwrap(),
            store.orgs().unwrap(),
            store.journal_len(),
            queues(&ops),
            numbers,
        )
    };
    // The clerk (register, dispatch) and the specialist have work waiting.
    assert!(!queues_before[1].is_empty() && !queues_before[3].is_empty());
    downgrade(&dir, from);

    let ops = ops_on(Store::open(&dir).unwrap());
    let store = &ops.store;
    assert_eq!(store.schema().unwrap(), SCHEMA);
    assert_eq!(records(store), records_before);
    assert_eq!(store.users().unwrap(), users_before);
    // Organisations written before schema 4 load without an English name
    // (screens then show the Russian one); nothing else of them changes.
    let without_english: Vec<Organisation> = orgs_before
        .iter()
        .cloned()
        .map(|o| Organisation {
            name_en: String::new(),
            ..o
        })
        .collect();
    assert!(orgs_before.iter().all(|o| !o.name_en.is_empty()));
    if from < 5 {
        assert_eq!(store.orgs().unwrap(), without_english);
        let org = &store.orgs().unwrap()[0];
        assert_eq!(
            qyzmet::i18n::org_name(qyzmet::i18n::Lang::En, org),
            org.name_ru
        );
    } else {
        assert_eq!(store.orgs().unwrap(), orgs_before);
    }
    assert_eq!(store.journal_len(), journal_before);
    assert_eq!(queues(&ops), queues_before, "work queues after migration");
    for r in &records_before {
        for number in std::iter::once(&r.number).chain(&r.app.numbers) {
            assert_eq!(
                store.app_by_number(number).unwrap().as_ref(),
                Some(r),
                "{number} of {} after migration",
                r.number
            );
        }
    }
    // The journal written under the old schema still verifies.
    assert_eq!(store.verify_journal().unwrap(), Vec::<String>::new());
    assert_eq!(store.check(|_| {}).unwrap(), Vec::<String>::new());
    // Work goes on where it stopped: numbers continue without a gap.
    let next = submit(&ops, 9).number;
    assert_eq!(next, "KRG-SC-2026-000005");
    finish(&ops, &numbers[1]);
    finish(&ops, &numbers[2]);
    finish(&ops, &next);
    let after = records(store);
    assert_eq!(assert_numbers_gapless(&after), 3);
    assert_sound(store);
}

#[test]
fn a_schema_1_store_with_applications_migrates_whole() {
    migrates_whole(1);
}

#[test]
fn a_schema_2_store_gains_queue_summaries() {
    migrates_whole(2);
}

/// Schema 4 finds an application by the registration numbers given along
/// its route (incoming, outgoing): an older store gains that index on open.
#[test]
fn a_schema_3_store_gains_its_registration_numbers() {
    migrates_whole(3);
}

/// Schema 4 (before organisations and queue categories had an English name)
/// opens whole.
#[test]
fn a_schema_4_store_with_applications_migrates_whole() {
    migrates_whole(3);
}

/// Schema 6 (before powers of attorney and the local executive body) opens whole.
#[test]
fn a_schema_6_store_with_applications_migrates_whole() {
    migrates_whole(6);
}

/// Schema 7 files the powers of attorney (ЕНИС's stand-in) under the persons
/// who gave them: a schema-6 registry opens with none, and a registry file
/// imported again keeps those imported since.
#[test]
fn a_schema_6_registry_gains_powers_of_attorney() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let persons = "iin,full_name,phone\n800101300016,Ахметов Серик,+77010000000\n900202400012,Сейітова Айгүл,\n";
    let before = {
        let ops = create(&dir);
        let report = ops.import_persons(persons, "admin", now()).unwrap();
        assert_eq!(report.imported, 2);
        let mut all = vec![];
        for iin in ["800101300016", "900202400012"] {
            all.push(ops.store.person(&iin.parse().unwrap()).unwrap().unwrap());
        }
        all
    };
    downgrade(&dir, 6);
    let ops = ops_on(Store::open(&dir).unwrap());
    assert_eq!(ops.store.schema().unwrap(), SCHEMA);
    for p in &before {
        assert_eq!(ops.store.person(&p.iin).unwrap().as_ref(), Some(p));
    }
    assert_eq!(ops.store.person_count(), 2);
    let powers = "number,principal_iin,representative_iin,valid_from,valid_until,notary\n\
                  НОТ-1,800101300016,900202400012,2026-01-01,2030-12-31,Нотариус Абенова\n";
    let report = ops.import_powers(powers, "admin", now()).unwrap();
    assert_eq!((report.imported, report.errors.len()), (1, 0));
    ops.import_persons(persons, "admin", now()).unwrap();
    let principal = ops.store.person(&before[0].iin).unwrap().unwrap();
    assert_eq!(principal.powers.len(), 1, "{principal:?}");
    assert_eq!(principal.powers[0].notary, "Нотариус Абенова");
    assert_eq!(ops.store.check(|_| {}).unwrap(), Vec::<String>::new());
}

/// `check` notices a work-queue entry whose summary is missing or stale.
#[test]
fn check_finds_a_stale_queue_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    {
        let ops = create(&dir);
        submit(&ops, 1);
    }
    {
        let db = sled::open(&dir).unwrap();
        let index = db.open_tree("index").unwrap();
        let k = index
            .iter()
            .keys()
            .map(|k| k.unwrap())
            .find(|k| k.starts_with(b"q/"))
            .expect("a queue entry");
        index.insert(k, &[]).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&dir).unwrap();
    let findings = store.check(|_| {}).unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("index entry out of date: q/")),
        "{findings:?}"
    );
}

#[test]
fn a_store_from_a_newer_qyzmet_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let newer = SCHEMA + 1;
    let org_bytes = encode_as(newer, &orgs()[0]);
    {
        let db = sled::open(dir).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert(b"schema", &newer.to_le_bytes())
            .unwrap();
        db.open_tree("orgs")
            .unwrap()
            .insert(CENTRE, org_bytes.clone())
            .unwrap();
        db.flush().unwrap();
    }
    for _ in 0..2 {
        let err = match Store::open(dir) {
            Ok(_) => panic!("opened a store of schema {newer}"),
            Err(e) => e,
        };
        // Refused for what it is (not "locked") every time.
        assert!(
            matches!(err, StoreError::Codec(codec::CodecError::Newer(v)) if v == newer),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("newer"), "{msg}");
        assert!(msg.contains(&newer.to_string()), "{msg}");
    }
    // Untouched.
    let db = sled::open(dir).unwrap();
    assert_eq!(raw_schema(&db), Some(newer));
    assert_eq!(
        db.open_tree("orgs").unwrap().get(CENTRE).unwrap().unwrap(),
        org_bytes
    );
    assert_eq!(db.open_tree("journal").unwrap().len(), 0);
}

#[test]
fn a_value_of_a_newer_schema_is_not_misread() {
    let newer = encode_as(SCHEMA + 1, &orgs()[0]);
    let err = codec::decode::<Organisation>(&newer).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
    let older = encode_as(1, &orgs()[0]);
    assert!(matches!(
        codec::decode::<Organisation>(&older),
        Err(codec::CodecError::Older(1))
    ));
    assert_eq!(
        codec::decode::<Organisation>(&encode_as(SCHEMA, &orgs()[0])).unwrap(),
        orgs()[0]
    );
}

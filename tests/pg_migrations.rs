//! A PostgreSQL store's values of an older schema are migrated as it opens
//! (`pg_engine/values.rs`), as the embedded store's are: rows written as
//! schema 6 wrote them, straight into the tables, open whole (records,
//! users, organisations, persons, queues, journal) and work goes on with
//! gapless numbers; a store written by a newer Qyzmet is refused, untouched.

#[path = "common/mod.rs"]
mod common;

#[path = "common/pg.rs"]
mod pg;

use std::path::Path;

use common::*;
use postgres::{Client, NoTls};
use qyzmet::domain::catalog::StepAction;
use qyzmet::store::codec::{self, SCHEMA, encode_as};
use qyzmet::store::model::{BindingsV6, JournalEntry, Person, PersonV6, Record, RecordV6};
use qyzmet::store::{Store, StoreError};
use sha2::{Digest, Sha256};

/// The schema the values are written back as.
const OLD: u16 = 6;

fn rows(db: &mut Client, table: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    db.query(
        &format!("SELECT k, v FROM qyzmet.\"{table}\" ORDER BY k"),
        &[],
    )
    .unwrap()
    .into_iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect()
}

fn put(db: &mut Client, table: &str, k: &[u8], v: &[u8]) {
    db.execute(
        &format!(
            "INSERT INTO qyzmet.\"{table}\" (k, v) VALUES ($1, $2) \
             ON CONFLICT (k) DO UPDATE SET v = excluded.v"
        ),
        &[&k, &v],
    )
    .unwrap();
}

/// The same values with the old header (their shape did not change).
fn reheader(db: &mut Client, table: &str) {
    for (k, v) in rows(db, table) {
        put(db, table, &k, &[&OLD.to_le_bytes()[..], &v[2..]].concat());
    }
}

/// Rewrites the store in the database as schema 6 wrote it: applications
/// without a local executive body, persons without powers of attorney,
/// every other value with the old header, the journal chain hashed over
/// the old encoding, the queue summaries in the index with the old header.
fn downgrade(url: &str) {
    let mut db = Client::connect(url, NoTls).unwrap();
    for (k, v) in rows(&mut db, "apps") {
        let r: Record = codec::decode(&v).unwrap();
        assert!(r.orgs.local_executive.is_none(), "schema 6 cannot say it");
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
        put(&mut db, "apps", &k, &encode_as(OLD, &old));
    }
    for (k, v) in rows(&mut db, "persons") {
        let p: Person = codec::decode(&v).unwrap();
        assert!(p.powers.is_empty(), "schema 6 cannot say {:?}", p.powers);
        let old = PersonV6 {
            iin: p.iin,
            full_name: p.full_name,
            phone: p.phone,
            address: p.address,
            district: p.district,
        };
        put(&mut db, "persons", &k, &encode_as(OLD, &old));
    }
    for table in [
        "users",
        "orgs",
        "queues",
        "tickets",
        "windows",
        "appointments",
    ] {
        reheader(&mut db, table);
    }
    for (k, v) in rows(&mut db, "index") {
        if k.starts_with(b"q/") || k.starts_with(b"a/") {
            put(
                &mut db,
                "index",
                &k,
                &[&OLD.to_le_bytes()[..], &v[2..]].concat(),
            );
        }
    }
    let (mut prev, mut last) = ([0u8; 32], 0u64);
    for (k, v) in rows(&mut db, "journal") {
        let mut e: JournalEntry = codec::decode(&v).unwrap();
        e.prev_hash = prev;
        e.hash = [0; 32];
        let mut h = Sha256::new();
        h.update(e.prev_hash);
        h.update(encode_as(OLD, &e));
        e.hash = h.finalize().into();
        put(&mut db, "journal", &k, &encode_as(OLD, &e));
        (prev, last) = (e.hash, e.seq);
    }
    let head = [&last.to_be_bytes()[..], &prev[..]].concat();
    put(&mut db, "meta", b"journal_head", &head);
    put(&mut db, "meta", b"schema", &OLD.to_le_bytes());
}

fn database(name: &str) -> Option<(tempfile::TempDir, String)> {
    let key = tempfile::tempdir().unwrap();
    let url = pg::database_for(&key.path().join(name))?;
    Some((key, url))
}

#[test]
fn a_schema_6_postgres_store_is_migrated_on_open() {
    let Some((_key, url)) = database("old") else {
        return;
    };
    let queues = |ops: &qyzmet::ops::Ops| -> Vec<_> {
        [OPERATOR, CLERK, HEAD, SPECIALIST]
            .iter()
            .map(|l| ops.queue(l).unwrap())
            .collect()
    };
    let (records_before, users_before, orgs_before, journal_before, queues_before, numbers) = {
        let ops = ops_on(Store::create(Path::new(&url), now()).unwrap());
        seed(&ops);
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
    assert!(!queues_before[1].is_empty() && !queues_before[3].is_empty());
    downgrade(&url);

    let ops = ops_on(Store::open(Path::new(&url)).unwrap());
    let store = &ops.store;
    assert_eq!(store.schema().unwrap(), SCHEMA);
    assert_eq!(records(store), records_before);
    assert_eq!(store.users().unwrap(), users_before);
    assert_eq!(store.orgs().unwrap(), orgs_before);
    assert_eq!(store.journal_len(), journal_before);
    assert_eq!(queues(&ops), queues_before, "work queues after migration");
    for r in &records_before {
        assert_eq!(store.app_by_number(&r.number).unwrap().as_ref(), Some(r));
    }
    assert_sound(store);
    // Work goes on where it stopped: numbers continue without a gap.
    let next = submit(&ops, 9).number;
    assert_eq!(next, "KRG-SC-2026-000005");
    finish(&ops, &numbers[1]);
    finish(&ops, &next);
    assert_numbers_gapless(&records(store));
    assert_sound(store);
    // A second opening finds nothing left to migrate.
    drop(ops);
    let again = Store::open(Path::new(&url)).unwrap();
    assert_eq!(again.schema().unwrap(), SCHEMA);
    assert_sound(&again);
}

#[test]
fn a_postgres_store_from_a_newer_qyzmet_is_refused_untouched() {
    let Some((_key, url)) = database("newer") else {
        return;
    };
    {
        let ops = ops_on(Store::create(Path::new(&url), now()).unwrap());
        seed(&ops);
        submit(&ops, 1);
    }
    let newer = SCHEMA + 1;
    let mut db = Client::connect(&url, NoTls).unwrap();
    put(&mut db, "meta", b"schema", &newer.to_le_bytes());
    let before = rows(&mut db, "apps");
    for _ in 0..2 {
        let err = match Store::open(Path::new(&url)) {
            Ok(_) => panic!("opened a store of schema {newer}"),
            Err(e) => e,
        };
        assert!(
            matches!(err, StoreError::Codec(codec::CodecError::Newer(v)) if v == newer),
            "{err:?}"
        );
        assert!(err.to_string().contains("newer"), "{err}");
    }
    assert_eq!(rows(&mut db, "apps"), before);
    let schema: Vec<u8> = db
        .query_one("SELECT v FROM qyzmet.meta WHERE k = 'schema'::bytea", &[])
        .unwrap()
        .get(0);
    assert_eq!(schema, newer.to_le_bytes());
}

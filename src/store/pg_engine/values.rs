//! Stored values of an older schema brought up to date when the store
//! opens, in the one transaction that holds the layout lock: every node
//! that opens the database afterwards finds it migrated, a failure leaves
//! it as it was, and a store written by a newer Qyzmet is refused. The
//! steps are the embedded store's (`sled_engine/migrate.rs`): values whose
//! shape changed are converted, every other value gets the new header, the
//! index is written again from the records (report cells kept, with the new
//! header) and the counts are counted.

use std::ops::Bound;

use postgres::Transaction;

use super::kv;
use super::schema::table;
use crate::store::codec::{self, CodecError, SCHEMA, encode};
use crate::store::engine::KeyValue;
use crate::store::index::index_entries;
use crate::store::model::{
    Organisation, OrganisationV1, OrganisationV3, Person, PersonV6, Record, RecordV6, User, UserV1,
};
use crate::store::sled_engine::{APPS_COUNT, PERSONS_COUNT, SCHEMA_KEY};
use crate::store::{StoreError, cells};

/// The tables whose values carry a schema header.
const WITH_HEADERS: [&str; 9] = [
    "apps",
    "journal",
    "users",
    "orgs",
    "persons",
    "queues",
    "tickets",
    "windows",
    "appointments",
];

/// Rows read and written back at a time.
const PAGE: i64 = 1000;

type Fail<'a> = &'a dyn Fn(postgres::Error) -> StoreError;

/// The value schema the store was written with (locking its row), migrated
/// to this build's within `tx`; a newer one is refused.
pub fn migrate(tx: &mut Transaction<'_>, fail: Fail<'_>) -> Result<(), StoreError> {
    let from = match kv::get(tx, "meta", SCHEMA_KEY, true).map_err(fail)? {
        Some(v) if v.len() == 2 => u16::from_le_bytes([v[0], v[1]]),
        _ => {
            return Err(StoreError::Codec(CodecError::Corrupt(
                "no schema version in meta".into(),
            )));
        }
    };
    if from > SCHEMA {
        return Err(CodecError::Newer(from).into());
    }
    if from == SCHEMA {
        return Ok(());
    }
    tracing::info!("migrating the store's values from schema {from} to {SCHEMA}");
    for tree in WITH_HEADERS {
        rewrite(tx, tree, fail, |v| upgraded(tree, v))?;
    }
    reindex(tx, fail)?;
    let count = |tx: &mut Transaction<'_>, tree: &str| -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) FROM {}", table(tree));
        let n: i64 = tx.query_one(&sql, &[]).map_err(fail)?.get(0);
        Ok(n as u64)
    };
    let (apps, persons) = (count(tx, "apps")?, count(tx, "persons")?);
    let meta = [
        (APPS_COUNT.to_vec(), apps.to_be_bytes().to_vec()),
        (PERSONS_COUNT.to_vec(), persons.to_be_bytes().to_vec()),
        (SCHEMA_KEY.to_vec(), SCHEMA.to_le_bytes().to_vec()),
    ];
    kv::put_many(tx, "meta", &meta).map_err(fail)
}

/// Every row of `tree` through `change`, page by page in key order; the
/// rows it changes are written back.
fn rewrite(
    tx: &mut Transaction<'_>,
    tree: &str,
    fail: Fail<'_>,
    change: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, StoreError>,
) -> Result<(), StoreError> {
    let mut after: Option<Vec<u8>> = None;
    loop {
        let from = after.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        let page = kv::range(tx, tree, from, None, PAGE).map_err(fail)?;
        let Some((last, _)) = page.last() else {
            return Ok(());
        };
        after = Some(last.clone());
        let mut changed: Vec<KeyValue> = Vec::new();
        for (k, v) in page {
            if let Some(nv) = change(&v)? {
                changed.push((k, nv));
            }
        }
        kv::put_many(tx, tree, &changed).map_err(fail)?;
    }
}

/// A value of `tree` in this build's schema, or None when it already is.
pub fn upgraded(tree: &str, v: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
    if v.len() < 2 {
        return Ok(None);
    }
    let schema = codec::schema_of(v)?;
    if schema >= SCHEMA {
        return Ok(None);
    }
    let shaped = match (tree, schema) {
        // 1 -> 2: users gain OS mapping and lockout fields.
        ("users", 1) => encode(&User::from(codec::decode_body::<UserV1>(v)?)),
        // 4 -> 5: organisations gain their English name (1 -> 2 their services).
        ("orgs", 1) => encode(&Organisation::from(codec::decode_body::<OrganisationV1>(
            v,
        )?)),
        ("orgs", 2..=4) => encode(&Organisation::from(codec::decode_body::<OrganisationV3>(
            v,
        )?)),
        // 6 -> 7: applications gain their local executive body, persons
        // the powers of attorney they gave.
        ("apps", _) => encode(&Record::from(codec::decode_body::<RecordV6>(v)?)),
        ("persons", _) => encode(&Person::from(codec::decode_body::<PersonV6>(v)?)),
        // 4 -> 5: queue categories gain their English name.
        ("queues", ..=4) => encode(&crate::store::sled_engine::migrate::upgrade_config(v)?),
        // Every other value only gets the new header.
        _ => {
            let mut nv = SCHEMA.to_le_bytes().to_vec();
            nv.extend_from_slice(&v[2..]);
            nv
        }
    };
    Ok(Some(shaped))
}

/// The index written again from the records; report cells stay, with the
/// new header.
fn reindex(tx: &mut Transaction<'_>, fail: Fail<'_>) -> Result<(), StoreError> {
    let mut cells: Vec<KeyValue> = Vec::new();
    let mut after: Option<Vec<u8>> = None;
    loop {
        let from = after.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        let page = kv::range(tx, "index", from, None, PAGE).map_err(fail)?;
        let Some((last, _)) = page.last() else { break };
        after = Some(last.clone());
        for (k, v) in page.into_iter().filter(|(k, _)| cells::is_cell_key(k)) {
            let v = upgraded("index", &v)?.unwrap_or(v);
            cells.push((k, v));
        }
    }
    tx.batch_execute(&format!("DELETE FROM {}", table("index")))
        .map_err(fail)?;
    kv::put_many(tx, "index", &cells).map_err(fail)?;
    let mut after: Option<Vec<u8>> = None;
    loop {
        let from = after.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
        let page = kv::range(tx, "apps", from, None, PAGE).map_err(fail)?;
        let Some((last, _)) = page.last() else {
            return Ok(());
        };
        after = Some(last.clone());
        let mut entries: Vec<KeyValue> = Vec::new();
        for (_, v) in page {
            entries.extend(index_entries(&codec::decode::<Record>(&v)?));
        }
        kv::put_many(tx, "index", &entries).map_err(fail)?;
    }
}

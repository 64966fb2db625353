//! The database's layout, created and migrated by the program. Every table
//! lives in the schema `qyzmet`; `qyzmet.migrations` lists the layout
//! versions applied, and a database migrated by a newer Qyzmet is refused.
//!
//! Each table is one of the embedded store's trees (`TREES`), with the same
//! keys and values as bytes (`k bytea` primary key, `v bytea`): keys sort as
//! bytes in both engines, so index scans, prefixes and the backup format are
//! the same, and a backup of either engine restores into the other.

use postgres::Transaction;

use super::connect::Target;
use crate::store::{DbProblem, StoreError};

/// The trees of the first layout (schema 6 of the values).
const FIRST_TREES: [&str; 14] = [
    "meta",
    "orgs",
    "users",
    "apps",
    "journal",
    "counters",
    "index",
    "persons",
    "queues",
    "tickets",
    "windows",
    "appointments",
    "queue_meta",
    "views",
];

/// One layout version: what it is for and its statements.
struct Migration {
    version: i32,
    description: &'static str,
    sql: String,
}

/// The layout versions this build knows, each applied once, in order. A
/// new tree or column is a new entry here, never an edit of an old one.
fn migrations() -> Vec<Migration> {
    let mut first: Vec<String> = FIRST_TREES
        .iter()
        .map(|tree| {
            format!(
                "CREATE TABLE {} (k bytea PRIMARY KEY, v bytea NOT NULL)",
                table(tree)
            )
        })
        .collect();
    first.push("CREATE SEQUENCE qyzmet.view_ids".into());
    vec![Migration {
        version: 1,
        description: "the trees as tables, the access log's id sequence",
        sql: first.join(";\n"),
    }]
}

/// Serialises layout changes of nodes starting at once on one database.
const LAYOUT_LOCK: i64 = 0x7179_7a6d_6574; // "qyzmet"

/// A table's name, quoted (`index` is a keyword).
pub fn table(tree: &str) -> String {
    format!("qyzmet.\"{tree}\"")
}

/// Whether the database holds a Qyzmet store.
pub fn exists(tx: &mut Transaction<'_>, target: &Target) -> Result<bool, StoreError> {
    let row = tx
        .query_one("SELECT to_regclass('qyzmet.migrations') IS NOT NULL", &[])
        .map_err(|e| target.fail(super::connect::problem_of(&e)))?;
    Ok(row.get(0))
}

/// Creates the layout in an empty database (within `tx`).
pub fn create(tx: &mut Transaction<'_>, target: &Target) -> Result<(), StoreError> {
    lock(tx, target)?;
    if exists(tx, target)? {
        return Err(StoreError::Exists(target.shown.clone().into()));
    }
    let fail = |e: postgres::Error| target.fail(super::connect::problem_of(&e));
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS qyzmet;
         CREATE TABLE qyzmet.migrations (
             version integer PRIMARY KEY,
             description text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .map_err(fail)?;
    migrate(tx, target)
}

/// Applies the migrations the database lacks; refuses a newer layout.
pub fn migrate(tx: &mut Transaction<'_>, target: &Target) -> Result<(), StoreError> {
    lock(tx, target)?;
    let fail = |e: postgres::Error| target.fail(super::connect::problem_of(&e));
    let row = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM qyzmet.migrations",
            &[],
        )
        .map_err(fail)?;
    let have: i32 = row.get(0);
    let all = migrations();
    let known = all.last().map_or(0, |m| m.version);
    if have > known {
        return Err(target.fail(DbProblem::NewerLayout { have, known }));
    }
    for m in all.iter().filter(|m| m.version > have) {
        tx.batch_execute(&m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO qyzmet.migrations (version, description) VALUES ($1, $2)",
            &[&m.version, &m.description],
        )
        .map_err(fail)?;
    }
    Ok(())
}

fn lock(tx: &mut Transaction<'_>, target: &Target) -> Result<(), StoreError> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LAYOUT_LOCK])
        .map_err(|e| target.fail(super::connect::problem_of(&e)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every tree of this build has its table in the layout.
    #[test]
    fn the_layout_has_a_table_for_every_tree() {
        let sql: String = super::migrations().into_iter().map(|m| m.sql).collect();
        for tree in crate::store::sled_engine::TREES {
            assert!(sql.contains(&super::table(tree)), "{tree}");
        }
    }
}

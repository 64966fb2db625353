//! Backup and restore: a consistent snapshot written in the backup format
//! (`store::backup`), and a backup of either engine loaded with COPY into a
//! database holding no store, all in one transaction.

use std::path::Path;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;
use postgres::{IsolationLevel, Transaction};

use super::connect::{Target, problem_of};
use super::schema::{self, table};
use super::{PgEngine, refuse_unsafe};
use crate::store::StoreError;
use crate::store::backup::BackupWriter;
use crate::store::codec::{CodecError, SCHEMA};
use crate::store::engine::KeyValue;
use crate::store::sled_engine::{SCHEMA_KEY, TREES};

impl PgEngine {
    /// Every table in one REPEATABLE READ snapshot: what was committed when
    /// the backup began, whole, while writers carry on.
    pub(super) fn write_backup(
        &self,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64, StoreError> {
        let mut conn = self.conn()?;
        let sql = |e| self.sql(e);
        let mut tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(sql)?;
        let mut w = BackupWriter::new(out)?;
        for tree in TREES {
            let count = format!("SELECT count(*) FROM {}", table(tree));
            let n: i64 = tx.query_one(&count, &[]).map_err(sql)?.get(0);
            w.table(tree, n as u64)?;
            let all = format!("SELECT k, v FROM {} ORDER BY k", table(tree));
            let mut rows = tx.query_raw(&all, std::iter::empty::<i32>()).map_err(sql)?;
            while let Some(row) = rows.next().map_err(sql)? {
                w.entry(row.get(0), row.get(1))?;
                progress(w.entries);
            }
        }
        tx.commit().map_err(sql)?;
        w.finish()
    }

    /// A new store in a database holding none, with a backup's tables.
    pub fn restore(
        location: &Path,
        tables: Vec<(String, Vec<KeyValue>)>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<PgEngine, StoreError> {
        refuse_other_schema(&tables)?;
        let target = Target::parse(location)?;
        let mut client = target.connect()?;
        refuse_unsafe(&mut client, &target)?;
        let fail = |e| target.fail(problem_of(&e));
        let mut tx = client.transaction().map_err(fail)?;
        schema::create(&mut tx, &target)?;
        let mut count = 0;
        for (tree, rows) in &tables {
            load(&mut tx, tree, rows, &mut |n| {
                count += n;
                progress(count)
            })
            .map_err(fail)?;
        }
        // New access-log keys come after every restored one.
        tx.batch_execute(
            "SELECT setval('qyzmet.view_ids', greatest(1, coalesce(( \
                 SELECT max(('x' || encode(substring(k FROM length(k) - 7), 'hex'))::bit(64)::int8) \
                 FROM qyzmet.views), 0) + 1), false)",
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(PgEngine::on(target))
    }
}

/// One table's rows through COPY, counting them as they go.
fn load(
    tx: &mut Transaction<'_>,
    tree: &str,
    rows: &[KeyValue],
    progress: &mut dyn FnMut(u64),
) -> Result<(), postgres::Error> {
    let sql = format!("COPY {} (k, v) FROM STDIN BINARY", table(tree));
    let mut w = BinaryCopyInWriter::new(tx.copy_in(&sql)?, &[Type::BYTEA, Type::BYTEA]);
    for (k, v) in rows {
        w.write(&[k, v])?;
        progress(1);
    }
    w.finish()?;
    Ok(())
}

/// This engine keeps values of this build's schema only: a backup of an
/// older embedded store goes through `qyzmet restore` into a directory
/// first, which migrates it.
fn refuse_other_schema(tables: &[(String, Vec<KeyValue>)]) -> Result<(), StoreError> {
    let schema = tables
        .iter()
        .filter(|(tree, _)| tree == "meta")
        .flat_map(|(_, rows)| rows)
        .find(|(k, _)| k == SCHEMA_KEY)
        .and_then(|(_, v)| <[u8; 2]>::try_from(v.as_slice()).ok())
        .map(u16::from_le_bytes);
    match schema {
        Some(SCHEMA) => Ok(()),
        Some(v) if v > SCHEMA => Err(CodecError::Newer(v).into()),
        Some(v) => Err(StoreError::Rejected(format!(
            "this backup holds schema {v}; restore it into a directory first (which brings it to schema {SCHEMA}), then move that store"
        ))),
        None => Err(StoreError::Rejected(
            "not a valid Qyzmet backup: no schema version".into(),
        )),
    }
}

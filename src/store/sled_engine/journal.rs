//! Where the engine's commits go once durable: sled's trees, and the
//! journal's entries to its own files (`journal_file`), which stand for
//! the `journal` tree everywhere else: in the write-ahead log (entries are
//! images of that tree), in a backup's `journal` table and in a restore.

use super::journal_file::Appending;
use super::{JOURNAL_SYNCED, SledEngine, TREES, wal};
use crate::store::StoreError;
use crate::store::backup::BackupWriter;
use crate::store::codec::{self, CodecError, SCHEMA};
use crate::store::engine::{Engine, KeyValue};
use crate::store::index::u64_of;

/// The journal's place in `TREES`, as the write-ahead log names it.
pub(super) const JOURNAL_TREE: u8 = 4;

fn corrupt(what: String) -> StoreError {
    StoreError::Codec(CodecError::Corrupt(what))
}

/// An entry's number from its key (eight bytes, big-endian).
fn number(key: &[u8]) -> Result<u64, StoreError> {
    match key.len() {
        8 => Ok(u64_of(key)),
        n => Err(corrupt(format!(
            "a journal entry's key has {n} bytes, not a number's 8"
        ))),
    }
}

/// An entry of an older schema gets the current header, as every other
/// value does when a store is migrated (`migrate_headers`); its hash still
/// covers the encoding it was written in, which `journal::verify` tries.
fn with_current_header(v: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut v = v.to_vec();
    if v.len() >= 2 && codec::schema_of(&v)? < SCHEMA {
        v[..2].copy_from_slice(&SCHEMA.to_le_bytes());
    }
    Ok(v)
}

impl SledEngine {
    /// Puts durable commits into sled's trees and the journal's files, in
    /// order, as plain writes (`how`: whether the files may have the
    /// entries already, as after a crash).
    pub(super) fn apply(&self, commits: Vec<wal::Entry>, how: Appending) -> Result<(), StoreError> {
        let mut entries = Vec::new();
        for image in commits.into_iter().flat_map(|c| c.images) {
            if image.tree == JOURNAL_TREE {
                let Some(value) = image.value else {
                    return Err(corrupt(
                        "the write-ahead log removes a journal entry".into(),
                    ));
                };
                entries.push((number(&image.key)?, value));
                continue;
            }
            let Some(tree) = self.t.by_id.get(usize::from(image.tree)) else {
                return Err(corrupt(format!(
                    "the write-ahead log names tree {}, which does not exist",
                    image.tree
                )));
            };
            match image.value {
                Some(v) => tree.insert(image.key, v)?,
                None => tree.remove(image.key)?,
            };
        }
        // A commit's images come in no order of their own (a body keeps its
        // writes by key); its entries go to the files by number.
        entries.sort_unstable_by_key(|(n, _)| *n);
        self.journal
            .append(entries.iter().map(|(n, v)| (*n, v.as_slice())), how)
    }

    /// A store written before the journal had its files keeps it in sled's
    /// `journal` tree: its entries move to the files, then the tree is
    /// emptied. A move cut short is taken up again on the next open (what
    /// the files have is skipped). A store of a newer schema is left alone.
    pub(super) fn move_journal_out_of_sled(&self) -> Result<(), StoreError> {
        if self.t.journal.is_empty() || self.schema().is_ok_and(|v| v > SCHEMA) {
            return Ok(());
        }
        tracing::info!(
            "moving {} journal entries out of sled's tree into their own files",
            self.t.journal.len()
        );
        const BATCH: usize = 10_000;
        let mut batch: Vec<(u64, Vec<u8>)> = Vec::with_capacity(BATCH);
        let flush = |batch: &mut Vec<(u64, Vec<u8>)>| {
            let r = self.journal.append(
                batch.iter().map(|(n, v)| (*n, v.as_slice())),
                Appending::Again,
            );
            batch.clear();
            r
        };
        for kv in self.t.journal.iter() {
            let (k, v) = kv?;
            batch.push((number(&k)?, with_current_header(&v)?));
            if batch.len() == BATCH {
                flush(&mut batch)?;
            }
        }
        flush(&mut batch)?;
        // Not a checkpoint: the log's commits are not applied yet.
        self.sync_journal()?;
        self.t.journal.clear()?;
        self.sync()
    }

    /// Makes the journal's files durable and keeps how far, for the next
    /// open (sled's next flush writes it).
    pub(super) fn sync_journal(&self) -> Result<(), StoreError> {
        let synced = self.journal.sync()?;
        self.t.meta.insert(JOURNAL_SYNCED, &synced.to_bytes())?;
        Ok(())
    }

    /// The backup's `journal` table, from the files.
    pub(super) fn backup_journal(
        &self,
        w: &mut BackupWriter<'_>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), StoreError> {
        w.table(TREES[usize::from(JOURNAL_TREE)], self.journal.count()?)?;
        for r in self.journal.after(0) {
            let (seq, entry) = r?;
            w.entry(&seq.to_be_bytes(), &entry)?;
            progress(w.entries);
        }
        Ok(())
    }

    /// A backup's `journal` table into the files of a new store, as the
    /// backup holds it (a journal tampered with stays so, for `verify`).
    pub(super) fn restore_journal(
        &self,
        kvs: Vec<KeyValue>,
        count: &mut u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), StoreError> {
        for chunk in kvs.chunks(10_000) {
            let entries = chunk
                .iter()
                .map(|(k, v)| Ok((number(k)?, v.as_slice())))
                .collect::<Result<Vec<_>, StoreError>>()?;
            self.journal.append(entries, Appending::New)?;
            *count += chunk.len() as u64;
            progress(*count);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_tree_is_where_the_log_says() {
        assert_eq!(TREES[usize::from(JOURNAL_TREE)], "journal");
    }
}

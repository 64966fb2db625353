//! The engine's write-ahead log. A commit is durable once its after-images
//! (every key it wrote, with the value or its removal) are appended to a log
//! of our own, one `fdatasync` for each group of commits. Only then are they
//! applied to sled, as plain inserts: a sled transaction writes sled's log
//! buffer out twice, each with a wait for the device (`PageCache::pin_log`,
//! docs/PERFORMANCE.md run 11), and sled's flush costs about three device
//! waits (run 10). sled's files catch up at a checkpoint (its flush and an
//! `fdatasync`) each time a log file fills, after which that file is
//! written over.
//!
//! Order: the commits are numbered under one lock (`order`) that spans the
//! body and the append to the pending buffer. A body reads the commits
//! logged but not yet applied first (`overlay`), then sled. The writer that
//! makes a group durable applies it to sled in order, so sled's trees only
//! ever hold durable commits, whole or in part while one is applied.
//!
//! Recovery: a checkpoint writes the number of the last commit applied
//! before sled's flush began to `wal-applied`, once the flush is durable.
//! On open, the log's records after it are applied again, in order: each is
//! a set of after-images, so applying one twice, or over a part of itself,
//! does no harm.
//!
//! Two files, `wal-0` and `wal-1`, written in turn, each grown with zeros a
//! MiB at a time so that most syncs write blocks the file already has (no
//! size change to journal). A record: length, CRC-32, number, images.
//! Reading stops at the first record that is torn, fails its CRC or does not
//! follow the one before (what a reused file holds past its new tail is
//! older). A binary older than this log would not replay it: after a crash,
//! open the store with this one first.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::overlay::Unapplied;
use crate::store::StoreError;
use crate::store::codec::CodecError;

/// Where the engine before `wal-applied` kept the last commit's number, in
/// `meta` and in `queue_meta` (each sled transaction wrote it): read on
/// open, never written.
pub(crate) const WAL_SEQ: &[u8] = b"wal_seq";
const FILES: [&str; 2] = ["wal-0", "wal-1"];
/// Two slots of the checkpoint marker, written in turn, so that a torn
/// write leaves the one before.
const MARKER: &str = "wal-applied";
const SLOT: u64 = 16;
/// A file this long is left for the other; its records go to sled's files
/// at the next checkpoint.
const ROTATE_AT: u64 = 8 << 20;
/// Files grow by this much of zeros at a time.
const GROW_BY: u64 = 1 << 20;
/// Length (u64: a person import is one commit, of any size), CRC-32 and
/// number.
const HEADER: usize = 20;

/// One key as a commit left it: its tree (an index into `TREES`), and its
/// value, or `None` where it was removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub tree: u8,
    pub key: Vec<u8>,
    pub value: Option<Vec<u8>>,
}

/// A commit read back from the log.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub seq: u64,
    pub images: Vec<Image>,
}

/// Commits done in memory and not yet applied; its lock orders the commits.
pub struct Pending {
    next: u64,
    /// The records of the commits not yet written.
    buf: Vec<u8>,
    /// The same commits, to apply once they are durable.
    commits: Vec<Entry>,
    /// Every key the commits not yet applied wrote.
    pub unapplied: Unapplied,
}

impl Pending {
    /// The number the commit being made will have.
    #[cfg(test)]
    pub fn next_seq(&self) -> u64 {
        self.next
    }

    /// Appends the commit numbered `next_seq`.
    pub fn push(&mut self, images: Vec<Image>) {
        let seq = self.next;
        self.next += 1;
        encode_record(&mut self.buf, seq, &images);
        self.unapplied.add(seq, &images);
        self.commits.push(Entry { seq, images });
    }
}

struct Writer {
    files: [File; 2],
    /// The file being appended to, and where.
    current: usize,
    offset: u64,
    /// Each file's length (zeros past what was written).
    len: [u64; 2],
    /// The other file, while sled's files may lack some of its records.
    unchecked: Option<usize>,
}

pub struct Wal {
    pending: Mutex<Pending>,
    writer: Mutex<Writer>,
    /// One checkpoint at a time (the writer that finds one due runs it).
    checkpointing: Mutex<()>,
    /// Every commit up to this number is in sled's trees.
    applied: AtomicU64,
    marker: Mutex<Marker>,
}

/// The checkpoint marker `wal-applied`: each slot holds a commit number and
/// its CRC-32; the larger whole one counts.
struct Marker {
    file: File,
    writes: u64,
}

/// sled's flush and an fdatasync of its files, then `Wal::mark`: every
/// commit applied so far is in them.
pub type Checkpoint<'a> = &'a dyn Fn() -> Result<(), StoreError>;

fn corrupt(what: String) -> StoreError {
    StoreError::Codec(CodecError::Corrupt(what))
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Wal {
    /// Opens the log files in `dir` (creating them) and reads back the
    /// commits after what sled's files hold (the marker, or `legacy` where
    /// that is larger), in order. The caller applies them and checkpoints
    /// before the first commit, since the first write goes over the start
    /// of `wal-0`.
    pub fn open(dir: &Path, legacy: u64) -> Result<(Wal, Vec<Entry>), StoreError> {
        let open = |name: &str| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(dir.join(name))
        };
        let files = [open(FILES[0])?, open(FILES[1])?];
        let marker = open(MARKER)?;
        let applied = read_marker(&marker)?.max(legacy);
        let mut runs = Vec::new();
        let mut len = [0; 2];
        for (i, f) in files.iter().enumerate() {
            let bytes = read_all(f)?;
            len[i] = bytes.len() as u64;
            runs.push(read_run(&bytes));
        }
        let entries = after(runs, applied)?;
        let last = entries.last().map_or(applied, |e| e.seq);
        let wal = Wal {
            pending: Mutex::new(Pending {
                next: last + 1,
                buf: Vec::new(),
                commits: Vec::new(),
                unapplied: Unapplied::default(),
            }),
            writer: Mutex::new(Writer {
                files,
                current: 0,
                offset: 0,
                len,
                unchecked: None,
            }),
            checkpointing: Mutex::new(()),
            // The caller applies `entries` before anything else.
            applied: AtomicU64::new(last),
            marker: Mutex::new(Marker {
                file: marker,
                writes: 0,
            }),
        };
        Ok((wal, entries))
    }

    /// The commit order: held from the body's first read to `Pending::push`.
    pub fn order(&self) -> MutexGuard<'_, Pending> {
        lock(&self.pending)
    }

    /// Writes every commit pushed so far, makes it durable and returns it,
    /// to be applied to sled in order (one writer at a time: group commit
    /// runs it). A failed write keeps the commits for the next try, so a
    /// later commit is never durable without them.
    pub fn write(&self, checkpoint: Checkpoint<'_>) -> Result<Vec<Entry>, StoreError> {
        let (buf, commits) = {
            let mut p = lock(&self.pending);
            (std::mem::take(&mut p.buf), std::mem::take(&mut p.commits))
        };
        if buf.is_empty() {
            return Ok(commits);
        }
        let mut w = lock(&self.writer);
        match w.append(&buf, checkpoint) {
            Ok(()) => Ok(commits),
            Err(e) => {
                let mut p = lock(&self.pending);
                let later = std::mem::replace(&mut p.buf, buf);
                p.buf.extend_from_slice(&later);
                let later = std::mem::replace(&mut p.commits, commits);
                p.commits.extend(later);
                Err(e)
            }
        }
    }

    /// The commits up to `upto` are in sled's trees.
    pub fn applied(&self, upto: u64) {
        lock(&self.pending).unapplied.applied(upto);
        self.applied.fetch_max(upto, Ordering::SeqCst);
    }

    /// The last commit in sled's trees (what a checkpoint begun now covers).
    pub fn applied_upto(&self) -> u64 {
        self.applied.load(Ordering::SeqCst)
    }

    /// After sled's files were made durable with every commit up to
    /// `upto`: says so in the marker, durably.
    pub fn mark(&self, upto: u64) -> Result<(), StoreError> {
        let mut m = lock(&self.marker);
        let mut slot = [0u8; SLOT as usize];
        slot[..8].copy_from_slice(&upto.to_le_bytes());
        let crc = crc32fast::hash(&slot[..8]);
        slot[8..12].copy_from_slice(&crc.to_le_bytes());
        m.file.write_all_at(&slot, (m.writes % 2) * SLOT)?;
        m.file.sync_data()?;
        m.writes += 1;
        Ok(())
    }

    /// After a write: if a file was left, brings sled's files up to date so
    /// it can be written over. Writers that find one running go on.
    pub fn checkpoint_if_due(&self, checkpoint: Checkpoint<'_>) -> Result<(), StoreError> {
        if lock(&self.writer).unchecked.is_none() {
            return Ok(());
        }
        let Ok(_one) = self.checkpointing.try_lock() else {
            return Ok(());
        };
        let Some(file) = lock(&self.writer).unchecked else {
            return Ok(());
        };
        checkpoint()?;
        let mut w = lock(&self.writer);
        if w.unchecked == Some(file) {
            w.unchecked = None;
        }
        Ok(())
    }
}

impl Writer {
    fn append(&mut self, buf: &[u8], checkpoint: Checkpoint<'_>) -> Result<(), StoreError> {
        if self.offset > 0 && self.offset + buf.len() as u64 > ROTATE_AT {
            let other = 1 - self.current;
            if self.unchecked == Some(other) {
                // The other file's checkpoint has not run yet: now, then.
                checkpoint()?;
            }
            self.unchecked = Some(self.current);
            self.current = other;
            self.offset = 0;
        }
        let (i, at) = (self.current, self.offset);
        let end = at + buf.len() as u64;
        if end > self.len[i] {
            let grown = end.div_ceil(GROW_BY) * GROW_BY;
            let zeros = vec![0u8; (grown - self.len[i]) as usize];
            self.files[i].write_all_at(&zeros, self.len[i])?;
            self.len[i] = grown;
        }
        self.files[i].write_all_at(buf, at)?;
        self.files[i].sync_data()?;
        self.offset = end;
        Ok(())
    }
}

/// The larger commit number of the marker's whole slots (0: none).
fn read_marker(f: &File) -> Result<u64, StoreError> {
    let bytes = read_all(f)?;
    let slot = |at: usize| -> Option<u64> {
        let s = bytes.get(at..at + SLOT as usize)?;
        let seq: [u8; 8] = s[..8].try_into().ok()?;
        let crc = u32::from_le_bytes(s[8..12].try_into().ok()?);
        (crc32fast::hash(&seq) == crc).then_some(u64::from_le_bytes(seq))
    };
    Ok(slot(0).max(slot(SLOT as usize)).unwrap_or(0))
}

fn read_all(f: &File) -> Result<Vec<u8>, StoreError> {
    let len = f.metadata()?.len();
    let mut bytes = vec![0u8; len as usize];
    f.read_exact_at(&mut bytes, 0)?;
    Ok(bytes)
}

/// The records of one file from its start while each follows the one before.
fn read_run(bytes: &[u8]) -> Vec<Entry> {
    let mut run: Vec<Entry> = Vec::new();
    let mut at = 0;
    while let Some((entry, used)) = decode_record(&bytes[at..]) {
        if run
            .last()
            .is_some_and(|prev| prev.seq.checked_add(1) != Some(entry.seq))
        {
            break;
        }
        run.push(entry);
        at += used;
    }
    run
}

/// The commits after `applied` from both files' runs, which must follow on
/// from it without a gap.
fn after(runs: Vec<Vec<Entry>>, applied: u64) -> Result<Vec<Entry>, StoreError> {
    let mut entries: Vec<Entry> = runs
        .into_iter()
        .flatten()
        .filter(|e| e.seq > applied)
        .collect();
    entries.sort_by_key(|e| e.seq);
    entries.dedup_by_key(|e| e.seq);
    for (n, e) in entries.iter().enumerate() {
        if e.seq != applied + 1 + n as u64 {
            return Err(corrupt(format!(
                "the write-ahead log lacks commit {} (the store's files hold up to {applied})",
                applied + 1 + n as u64
            )));
        }
    }
    Ok(entries)
}

fn encode_record(buf: &mut Vec<u8>, seq: u64, images: &[Image]) {
    let start = buf.len();
    buf.extend_from_slice(&[0; HEADER]);
    for im in images {
        buf.push(im.tree);
        buf.extend_from_slice(&(im.key.len() as u32).to_le_bytes());
        buf.extend_from_slice(&im.key);
        match &im.value {
            Some(v) => {
                buf.push(1);
                buf.extend_from_slice(&(v.len() as u32).to_le_bytes());
                buf.extend_from_slice(v);
            }
            None => buf.push(0),
        }
    }
    let body_len = (buf.len() - start - HEADER) as u64;
    let crc = {
        let mut h = crc32fast::Hasher::new();
        h.update(&seq.to_le_bytes());
        h.update(&buf[start + HEADER..]);
        h.finalize()
    };
    buf[start..start + 8].copy_from_slice(&body_len.to_le_bytes());
    buf[start + 8..start + 12].copy_from_slice(&crc.to_le_bytes());
    buf[start + 12..start + 20].copy_from_slice(&seq.to_le_bytes());
}

/// A record at the start of `bytes` and its length, or `None` where there
/// is none whole (zeros, a torn write, another file's leftovers).
fn decode_record(bytes: &[u8]) -> Option<(Entry, usize)> {
    let u32_at = |b: &[u8], at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    };
    let u64_at = |b: &[u8], at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
    };
    // The slice below is bounded by what the file holds, whatever the
    // length claims.
    let len = usize::try_from(u64_at(bytes, 0)?).ok()?;
    let crc = u32_at(bytes, 8)?;
    let seq = u64_at(bytes, 12)?;
    if seq == 0 {
        return None;
    }
    let body = bytes.get(HEADER..HEADER.checked_add(len)?)?;
    let mut h = crc32fast::Hasher::new();
    h.update(&seq.to_le_bytes());
    h.update(body);
    if h.finalize() != crc {
        return None;
    }
    let mut images = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let tree = *body.get(at)?;
        let klen = u32_at(body, at + 1)? as usize;
        let key = body.get(at + 5..at + 5 + klen)?.to_vec();
        at += 5 + klen;
        let value = match *body.get(at)? {
            0 => {
                at += 1;
                None
            }
            1 => {
                let vlen = u32_at(body, at + 1)? as usize;
                let v = body.get(at + 5..at + 5 + vlen)?.to_vec();
                at += 5 + vlen;
                Some(v)
            }
            _ => return None,
        };
        images.push(Image { tree, key, value });
    }
    Some((Entry { seq, images }, HEADER + len))
}

impl super::SledEngine {
    /// Applies the logged commits sled's files lack, then checkpoints: the
    /// log is written over from its start next, and what sled read on open
    /// may be only in the page cache (a killed process never synced it).
    pub(super) fn replay(&self, entries: Vec<Entry>) -> Result<(), StoreError> {
        if !entries.is_empty() {
            tracing::info!(
                "applying {} commits from the write-ahead log",
                entries.len()
            );
            self.apply(entries, super::journal_file::Appending::Again)?;
        }
        self.checkpoint()
    }
}

#[cfg(test)]
#[path = "wal_tests.rs"]
mod tests;

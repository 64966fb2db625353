//! The engine's write-ahead log. sled's flush costs about three device
//! waits a call (`sync_file_range` of its segments, then our `fdatasync`)
//! and holds sled's lock meanwhile (docs/PERFORMANCE.md, run 10), so a
//! commit is made durable otherwise: its after-images (every key it wrote,
//! with the value or its removal) are appended to a log of our own, one
//! `fdatasync` for each group of commits. sled's files catch up at a
//! checkpoint (its flush and an `fdatasync`) each time a log file fills,
//! after which that file is written over.
//!
//! Order: the commits are numbered under one lock that spans the sled
//! transaction and the append, so the log's order is sled's, and each
//! transaction writes its number into the tree it changes (`meta`, or
//! `queue_meta` for the queue). sled recovers a prefix of its log, so on
//! open the larger of the two numbers says how far sled's files go, and the
//! log's later records are applied again: each is a set of after-images, so
//! applying one twice does no harm.
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
use std::sync::{Mutex, MutexGuard};

use super::TREES;
use crate::store::StoreError;
use crate::store::codec::CodecError;

/// The key of the last commit's number, in `meta` and in `queue_meta`.
pub(crate) const WAL_SEQ: &[u8] = b"wal_seq";
const FILES: [&str; 2] = ["wal-0", "wal-1"];
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

/// Commits done in memory and not yet written; its lock orders the commits.
pub struct Pending {
    next: u64,
    buf: Vec<u8>,
}

impl Pending {
    /// The number the commit being made will have.
    pub fn next_seq(&self) -> u64 {
        self.next
    }

    /// Appends the commit numbered `next_seq` (after sled took it).
    pub fn push(&mut self, images: &[Image]) {
        let seq = self.next;
        self.next += 1;
        encode_record(&mut self.buf, seq, images);
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
}

/// sled's flush and an fdatasync of its files: everything committed so far
/// is in them.
pub type Checkpoint<'a> = &'a dyn Fn() -> Result<(), StoreError>;

fn corrupt(what: String) -> StoreError {
    StoreError::Codec(CodecError::Corrupt(what))
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Wal {
    /// Opens the log files in `dir` (creating them) and reads back the
    /// commits after `applied` (what sled's files hold), in order. The
    /// caller applies them and checkpoints before the first commit, since
    /// the first write goes over the start of `wal-0`.
    pub fn open(dir: &Path, applied: u64) -> Result<(Wal, Vec<Entry>), StoreError> {
        let open = |name: &str| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(dir.join(name))
        };
        let files = [open(FILES[0])?, open(FILES[1])?];
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
            }),
            writer: Mutex::new(Writer {
                files,
                current: 0,
                offset: 0,
                len,
                unchecked: None,
            }),
            checkpointing: Mutex::new(()),
        };
        Ok((wal, entries))
    }

    /// The commit order: held from the sled transaction to `Pending::push`.
    pub fn order(&self) -> MutexGuard<'_, Pending> {
        lock(&self.pending)
    }

    /// Writes every commit pushed so far and makes it durable (one writer at
    /// a time: group commit runs it). A failed write keeps the commits for
    /// the next try, so a later commit is never durable without them.
    pub fn write(&self, checkpoint: Checkpoint<'_>) -> Result<(), StoreError> {
        let buf = std::mem::take(&mut lock(&self.pending).buf);
        if buf.is_empty() {
            return Ok(());
        }
        let mut w = lock(&self.writer);
        match w.append(&buf, checkpoint) {
            Ok(()) => Ok(()),
            Err(e) => {
                let mut p = lock(&self.pending);
                let later = std::mem::replace(&mut p.buf, buf);
                p.buf.extend_from_slice(&later);
                Err(e)
            }
        }
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
        if run.last().is_some_and(|prev| entry.seq != prev.seq + 1) {
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
        if let Some(last) = entries.last().map(|e| e.seq) {
            tracing::info!(
                "applying {} commits from the write-ahead log",
                entries.len()
            );
            for image in entries.into_iter().flat_map(|e| e.images) {
                let Some(name) = TREES.get(usize::from(image.tree)) else {
                    return Err(corrupt(format!(
                        "the write-ahead log names tree {}, which does not exist",
                        image.tree
                    )));
                };
                let tree = self.db.open_tree(name)?;
                match image.value {
                    Some(v) => tree.insert(image.key, v)?,
                    None => tree.remove(image.key)?,
                };
            }
            for tree in [&self.t.meta, &self.t.queue_meta] {
                tree.insert(WAL_SEQ, &last.to_be_bytes())?;
            }
        }
        self.sync()
    }
}

#[cfg(test)]
#[path = "wal_tests.rs"]
mod tests;

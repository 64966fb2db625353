//! The journal's own files. sled 0.34.7 splits a leaf past 16 keys and keeps
//! a page table entry in memory for every page; a journal that only grows
//! (one key per entry, about eight entries per application) made most of
//! sled's pages, so the server's memory grew with the store
//! (docs/PERFORMANCE.md, server run 13) and opening the 1M store took
//! 547 MiB (run 10). Here the entries are records appended to segment
//! files of `PER_SEGMENT` entries each, named by their number: the entry
//! `seq` is in segment `(seq - 1) / PER_SEGMENT`.
//!
//! Durability stays the write-ahead log's: an entry is appended, unsynced,
//! once its commit is durable there. A checkpoint syncs the segments before
//! sled's files and keeps how far they are synced (`Synced`, in `meta`), and
//! only then is the log marked. On open the segments from that point on are
//! read back and cut after their last whole record; the log's replay
//! appends the rest again (an entry already there is skipped). Nothing
//! before the synced point is ever cut: damage there is for `journal
//! verify` to report, not for the engine to tidy away.
//!
//! A record: the entry's length (u32), a CRC-32 of the number and the
//! entry, the number (u64), the entry as `journal::link` encoded it.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::store::StoreError;
use crate::store::codec::CodecError;

mod records;
pub use records::Records;

/// Entries per segment file.
pub const PER_SEGMENT: u64 = 1 << 16;
/// The directory of the segments, in the store's.
pub const DIR: &str = "journal";
const HEADER: usize = 16;
/// A record that claims more is damage: entries are hundreds of bytes, and
/// the server bounds every text field a request carries.
const MAX_ENTRY: usize = 16 << 20;
/// A mark every so many records of the tail's segment, so that reading the
/// last few entries (`Store::apps_changed_since`, each workstation's
/// refresh) starts near them instead of at the segment's start.
const MARK_EVERY: u64 = 256;

/// A place in a segment to start reading at: every record before `offset`
/// has a number of at most `below` (a journal written over by hand may
/// hold numbers out of order, so this is the largest before it, not the
/// last).
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: u64,
    below: u64,
}

/// The tail segment's marks, kept as its records are read or appended.
#[derive(Debug, Default)]
struct Marks {
    marks: Vec<Mark>,
    records: u64,
    largest: u64,
}

impl Marks {
    /// A record numbered `seq` begins at `offset`.
    fn record(&mut self, offset: u64, seq: u64) {
        if self.records.is_multiple_of(MARK_EVERY) {
            self.marks.push(Mark {
                offset,
                below: self.largest,
            });
        }
        self.records += 1;
        self.largest = self.largest.max(seq);
    }

    /// Where to start reading for the records numbered above `after`.
    fn start_for(&self, after: u64) -> u64 {
        let n = self.marks.partition_point(|m| m.below <= after);
        n.checked_sub(1).map_or(0, |i| self.marks[i].offset)
    }
}

/// How far the segments are durable: every record of the segments before
/// `segment`, and of `segment` up to byte `end`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    pub segment: u64,
    pub end: u64,
}

impl Synced {
    pub fn to_bytes(self) -> [u8; 16] {
        let mut b = [0; 16];
        b[..8].copy_from_slice(&self.segment.to_be_bytes());
        b[8..].copy_from_slice(&self.end.to_be_bytes());
        b
    }

    pub fn from_bytes(b: &[u8]) -> Option<Synced> {
        Some(Synced {
            segment: u64::from_be_bytes(b.get(..8)?.try_into().ok()?),
            end: u64::from_be_bytes(b.get(8..16)?.try_into().ok()?),
        })
    }
}

/// Whether an entry the caller hands over may be there already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appending {
    /// New entries: each is written, whatever the files hold.
    New,
    /// The log's replay (or the journal moved out of sled): an entry whose
    /// number the files already reach is skipped.
    Again,
}

/// The segment being appended to.
struct Tail {
    segment: u64,
    /// None until its first record (a new segment is created then).
    file: Option<File>,
    end: u64,
    /// The last entry's number (0: none).
    last: u64,
    /// Segments filled since the last sync.
    filled: Vec<File>,
    marks: Marks,
    /// A segment was created since the last sync: the directory is synced.
    created: bool,
    buf: Vec<u8>,
}

pub struct JournalFile {
    dir: PathBuf,
    tail: Mutex<Tail>,
}

fn corrupt(what: String) -> StoreError {
    StoreError::Codec(CodecError::Corrupt(what))
}

fn lock(m: &Mutex<Tail>) -> MutexGuard<'_, Tail> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn segment_of(seq: u64) -> u64 {
    seq.saturating_sub(1) / PER_SEGMENT
}

fn name(segment: u64) -> String {
    format!("{segment:012}")
}

/// The segment numbers in `dir`, in order.
fn segments(dir: &Path) -> Result<Vec<u64>, StoreError> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if let Some(n) = e.file_name().to_str().and_then(|s| s.parse().ok()) {
            found.push(n);
        }
    }
    found.sort_unstable();
    Ok(found)
}

/// A whole record at the start of `bytes`: its number, its entry and its
/// length; None where there is none (a torn write, zeros, damage).
fn decode(bytes: &[u8]) -> Option<(u64, &[u8], usize)> {
    let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    let seq = u64::from_le_bytes(bytes.get(8..16)?.try_into().ok()?);
    if len > MAX_ENTRY {
        return None;
    }
    let entry = bytes.get(HEADER..HEADER + len)?;
    (checksum(seq, entry) == crc).then_some((seq, entry, HEADER + len))
}

fn checksum(seq: u64, entry: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&seq.to_le_bytes());
    h.update(entry);
    h.finalize()
}

fn encode(buf: &mut Vec<u8>, seq: u64, entry: &[u8]) {
    buf.extend_from_slice(&(entry.len() as u32).to_le_bytes());
    buf.extend_from_slice(&checksum(seq, entry).to_le_bytes());
    buf.extend_from_slice(&seq.to_le_bytes());
    buf.extend_from_slice(entry);
}

/// What a segment holds, read back on open.
struct Whole {
    /// Where the next record goes.
    end: u64,
    /// Whether the bytes from `end` on are a torn tail, to be cut.
    torn: bool,
    last: Option<u64>,
    /// Where the first damage before `durable` is (kept: `verify` reports it).
    damaged: Option<u64>,
    marks: Marks,
}

/// Reads a segment's records. Past `durable` the first bad record begins a
/// torn tail (what a crash left of writes never synced, whose WAL records
/// are replayed); before it, bad bytes are damage, skipped to the next
/// whole record so that nothing durable after them is lost.
fn whole_records(file: &File, durable: u64) -> Result<Whole, StoreError> {
    let len = file.metadata()?.len();
    let mut bytes = vec![0u8; len as usize];
    file.read_exact_at(&mut bytes, 0)?;
    let mut w = Whole {
        end: len,
        torn: false,
        last: None,
        damaged: None,
        marks: Marks::default(),
    };
    let mut at = 0;
    while at < bytes.len() {
        if let Some((seq, _, used)) = decode(&bytes[at..]) {
            w.marks.record(at as u64, seq);
            at += used;
            w.last = Some(seq);
            continue;
        }
        if at as u64 >= durable {
            w.end = at as u64;
            w.torn = true;
            break;
        }
        w.damaged.get_or_insert(at as u64);
        match (at + 1..bytes.len()).find(|&i| decode(&bytes[i..]).is_some()) {
            Some(next) => at = next,
            None => break,
        }
    }
    Ok(w)
}

impl JournalFile {
    /// Opens the segments in `dir` (creating it), cutting a torn tail after
    /// `synced`. None: nothing is known synced (a new store, or one whose
    /// journal was in sled), so every segment is read back.
    pub fn open(dir: &Path, synced: Option<Synced>) -> Result<JournalFile, StoreError> {
        std::fs::create_dir_all(dir)?;
        let from = synced.unwrap_or_default();
        let found = segments(dir)?;
        let mut tail = Tail {
            segment: from.segment,
            file: None,
            end: 0,
            last: 0,
            filled: Vec::new(),
            marks: Marks::default(),
            created: false,
            buf: Vec::new(),
        };
        let mut cut = false;
        for &n in found.iter().filter(|n| **n >= from.segment) {
            let path = dir.join(name(n));
            if cut {
                std::fs::remove_file(&path)?;
                continue;
            }
            let file = OpenOptions::new().read(true).write(true).open(&path)?;
            let durable = if n == from.segment { from.end } else { 0 };
            let whole = whole_records(&file, durable)?;
            if let Some(at) = whole.damaged {
                tracing::warn!(
                    "the journal's file {} is damaged at byte {at}, where it was durable (`qyzmet journal verify` reports it)",
                    name(n)
                );
            }
            if whole.torn {
                tracing::info!(
                    "the journal's file {}: a torn tail cut at byte {}",
                    name(n),
                    whole.end
                );
                file.set_len(whole.end)?;
                cut = true;
            }
            if whole.last.is_none() && n > from.segment && whole.end == 0 {
                // Created, then the crash came before its first record.
                drop(file);
                std::fs::remove_file(&path)?;
                continue;
            }
            tail.segment = n;
            tail.end = whole.end;
            tail.last = whole.last.unwrap_or(tail.last);
            tail.marks = whole.marks;
            tail.file = Some(file);
        }
        if tail.last == 0 {
            tail.last = last_before(dir, &found, tail.segment)?;
        }
        Ok(JournalFile {
            dir: dir.to_path_buf(),
            tail: Mutex::new(tail),
        })
    }

    /// The last entry's number (0: none).
    pub fn last(&self) -> u64 {
        lock(&self.tail).last
    }

    /// Appends entries (number, encoding) in order, unsynced.
    pub fn append<'a>(
        &self,
        entries: impl IntoIterator<Item = (u64, &'a [u8])>,
        how: Appending,
    ) -> Result<(), StoreError> {
        let mut t = lock(&self.tail);
        let mut buf = std::mem::take(&mut t.buf);
        let result = self.append_locked(&mut t, &mut buf, entries, how);
        buf.clear();
        if buf.capacity() <= 1 << 20 {
            t.buf = buf;
        }
        result
    }

    fn append_locked<'a>(
        &self,
        t: &mut Tail,
        buf: &mut Vec<u8>,
        entries: impl IntoIterator<Item = (u64, &'a [u8])>,
        how: Appending,
    ) -> Result<(), StoreError> {
        for (seq, entry) in entries {
            if how == Appending::Again && seq <= t.last {
                continue;
            }
            // A number out of order (a journal written over by hand) stays
            // in the segment being written: never back into a durable one.
            let segment = segment_of(seq).max(t.segment);
            if segment != t.segment || t.file.is_none() {
                self.flush(t, buf)?;
                self.start(t, segment)?;
            }
            t.marks.record(t.end + buf.len() as u64, seq);
            encode(buf, seq, entry);
            t.last = seq;
        }
        self.flush(t, buf)
    }

    /// Writes what `buf` holds at the tail.
    fn flush(&self, t: &mut Tail, buf: &mut Vec<u8>) -> Result<(), StoreError> {
        if buf.is_empty() {
            return Ok(());
        }
        let file = t
            .file
            .as_ref()
            .expect("a segment is open once a record is encoded");
        file.write_all_at(buf, t.end)?;
        t.end += buf.len() as u64;
        buf.clear();
        Ok(())
    }

    /// Moves the tail to `segment`, creating its file.
    fn start(&self, t: &mut Tail, segment: u64) -> Result<(), StoreError> {
        if segment == t.segment && t.file.is_some() {
            return Ok(());
        }
        let path = self.dir.join(name(segment));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let end = file.metadata()?.len();
        if let Some(old) = t.file.replace(file) {
            t.filled.push(old);
        }
        if segment != t.segment || end == 0 {
            t.marks = Marks::default();
        }
        t.segment = segment;
        t.end = end;
        t.created = true;
        Ok(())
    }

    /// Makes every record appended so far durable and says how far that is.
    pub fn sync(&self) -> Result<Synced, StoreError> {
        let mut t = lock(&self.tail);
        for f in &t.filled {
            f.sync_data()?;
        }
        t.filled.clear();
        if let Some(f) = &t.file {
            f.sync_data()?;
        }
        if t.created {
            File::open(&self.dir)?.sync_all()?;
            t.created = false;
        }
        Ok(Synced {
            segment: t.segment,
            end: t.end,
        })
    }

    /// The entries after number `after`, in the order the files hold them,
    /// up to what was appended when this was called.
    pub fn after(&self, after: u64) -> Records {
        let t = lock(&self.tail);
        let stop = Synced {
            segment: t.segment,
            end: t.end,
        };
        let tail_start = t.marks.start_for(after);
        drop(t);
        let first = segment_of(after + 1);
        match segments(&self.dir) {
            Ok(found) => {
                let queue = found
                    .into_iter()
                    .filter(|n| (first..=stop.segment).contains(n));
                Records::new(&self.dir, queue.collect(), stop, tail_start, after)
            }
            Err(e) => Records::failed(e),
        }
    }

    /// The number of entries the files hold, read through.
    pub fn count(&self) -> Result<u64, StoreError> {
        let mut n = 0;
        for r in self.after(0) {
            r?;
            n += 1;
        }
        Ok(n)
    }
}

/// The last entry's number in the segments before `segment` (0: none).
fn last_before(dir: &Path, found: &[u64], segment: u64) -> Result<u64, StoreError> {
    for &n in found.iter().rev().filter(|n| **n < segment) {
        let file = File::open(dir.join(name(n)))?;
        if let Some(last) = whole_records(&file, u64::MAX)?.last {
            return Ok(last);
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests;

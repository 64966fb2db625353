//! Reading the journal's segments back: `JournalFile::after`'s records,
//! segment by segment, from a mark in the tail's segment, up to where the
//! tail was when the reading began.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, ErrorKind, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{HEADER, MAX_ENTRY, Synced, checksum, corrupt, name};
use crate::store::StoreError;

/// One segment being read.
struct Reading {
    segment: u64,
    reader: BufReader<File>,
    at: u64,
    /// Where to stop (the tail's end when the reading began), or None: the
    /// file's end.
    stop: Option<u64>,
}

/// The records of `JournalFile::after`.
pub struct Records {
    dir: PathBuf,
    queue: VecDeque<u64>,
    stop: Synced,
    /// Where reading the tail's segment starts (`Marks::start_for`).
    tail_start: u64,
    after: u64,
    reading: Option<Reading>,
    failed: Option<StoreError>,
}

impl Records {
    pub(super) fn new(
        dir: &Path,
        queue: VecDeque<u64>,
        stop: Synced,
        tail_start: u64,
        after: u64,
    ) -> Records {
        Records {
            dir: dir.to_path_buf(),
            queue,
            stop,
            tail_start,
            after,
            reading: None,
            failed: None,
        }
    }

    pub(super) fn failed(e: StoreError) -> Records {
        Records {
            dir: PathBuf::new(),
            queue: Default::default(),
            stop: Synced::default(),
            tail_start: 0,
            after: 0,
            reading: None,
            failed: Some(e),
        }
    }

    /// The next record of the segment being read; None at its end.
    fn next_in(r: &mut Reading) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        if r.stop.is_some_and(|stop| r.at >= stop) {
            return Ok(None);
        }
        let mut head = [0u8; HEADER];
        match read_full(&mut r.reader, &mut head)? {
            0 => return Ok(None),
            n if n < HEADER => return Err(damaged(r.segment, r.at)),
            _ => {}
        }
        let len = u32::from_le_bytes(head[..4].try_into().expect("4 bytes")) as usize;
        if len > MAX_ENTRY {
            return Err(damaged(r.segment, r.at));
        }
        let mut entry = vec![0u8; len];
        if read_full(&mut r.reader, &mut entry)? < len {
            return Err(damaged(r.segment, r.at));
        }
        let seq = u64::from_le_bytes(head[8..].try_into().expect("8 bytes"));
        let crc = u32::from_le_bytes(head[4..8].try_into().expect("4 bytes"));
        if checksum(seq, &entry) != crc {
            return Err(damaged(r.segment, r.at));
        }
        r.at += (HEADER + len) as u64;
        Ok(Some((seq, entry)))
    }
}

fn damaged(segment: u64, at: u64) -> StoreError {
    corrupt(format!(
        "the journal's file {} is damaged at byte {at}",
        name(segment)
    ))
}

/// Reads until `buf` is full or the file ends; how much was read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, StoreError> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(got)
}

impl Iterator for Records {
    type Item = Result<(u64, Vec<u8>), StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            self.queue.clear();
            self.reading = None;
            return Some(Err(e));
        }
        loop {
            if self.reading.is_none() {
                let segment = self.queue.pop_front()?;
                let tail = segment == self.stop.segment;
                let at = if tail { self.tail_start } else { 0 };
                let opened = File::open(self.dir.join(name(segment))).and_then(|mut f| {
                    f.seek(SeekFrom::Start(at))?;
                    Ok(f)
                });
                let file = match opened {
                    Ok(f) => f,
                    Err(e) => return Some(Err(e.into())),
                };
                self.reading = Some(Reading {
                    segment,
                    reader: BufReader::with_capacity(64 << 10, file),
                    at,
                    stop: tail.then_some(self.stop.end),
                });
            }
            let r = self.reading.as_mut().expect("a segment is being read");
            match Records::next_in(r) {
                Ok(Some((seq, _))) if seq <= self.after => {}
                Ok(Some(record)) => return Some(Ok(record)),
                Ok(None) => self.reading = None,
                Err(e) => {
                    self.queue.clear();
                    self.reading = None;
                    return Some(Err(e));
                }
            }
        }
    }
}

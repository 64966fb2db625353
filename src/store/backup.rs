//! The backup format, the same whatever engine wrote it: a magic line, then
//! for each table its name, its number of entries and every key and value
//! (each a little-endian u32 length and the bytes), and a SHA-256 of all of
//! that at the end, so a damaged or truncated file is refused whole.

use sha2::{Digest, Sha256};

use super::StoreError;
use super::engine::KeyValue;

const MAGIC: &[u8] = b"QYZMET-BACKUP-1\n";

/// Writes a backup table by table, hashing as it goes.
pub struct BackupWriter<'a> {
    out: &'a mut dyn std::io::Write,
    hasher: Sha256,
    pub entries: u64,
}

impl<'a> BackupWriter<'a> {
    pub fn new(out: &'a mut dyn std::io::Write) -> Result<BackupWriter<'a>, StoreError> {
        let mut w = BackupWriter {
            out,
            hasher: Sha256::new(),
            entries: 0,
        };
        w.put(MAGIC)?;
        Ok(w)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        self.out.write_all(bytes)?;
        self.hasher.update(bytes);
        Ok(())
    }

    fn chunk(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        self.put(&(bytes.len() as u32).to_le_bytes())?;
        self.put(bytes)
    }

    /// Starts a table of `len` entries.
    pub fn table(&mut self, name: &str, len: u64) -> Result<(), StoreError> {
        self.chunk(name.as_bytes())?;
        self.put(&len.to_le_bytes())
    }

    pub fn entry(&mut self, k: &[u8], v: &[u8]) -> Result<(), StoreError> {
        self.chunk(k)?;
        self.chunk(v)?;
        self.entries += 1;
        Ok(())
    }

    pub fn finish(self) -> Result<u64, StoreError> {
        self.out.write_all(&self.hasher.finalize())?;
        self.out.flush()?;
        Ok(self.entries)
    }
}

/// A backup's tables, parsed whole before anything is written; `known` says
/// which table names this build restores.
pub fn parse(input: &[u8], known: &[&str]) -> Result<Vec<(String, Vec<KeyValue>)>, StoreError> {
    let bad = |why: &str| StoreError::Rejected(format!("not a valid Qyzmet backup: {why}"));
    if input.len() < MAGIC.len() + 32 || !input.starts_with(MAGIC) {
        return Err(bad("wrong header"));
    }
    let (body, sum) = input.split_at(input.len() - 32);
    if Sha256::digest(body).as_slice() != sum {
        return Err(bad("checksum mismatch (damaged or truncated)"));
    }
    let mut tables = Vec::new();
    let mut r = Reader {
        buf: body,
        pos: MAGIC.len(),
    };
    while r.pos < body.len() {
        let name = String::from_utf8(
            r.chunk()
                .ok_or_else(|| bad("truncated tree name"))?
                .to_vec(),
        )
        .map_err(|_| bad("tree name"))?;
        if !known.contains(&name.as_str()) {
            return Err(bad(&format!("unknown tree {name}")));
        }
        let n = r.u64().ok_or_else(|| bad("truncated count"))?;
        let mut kvs = Vec::new();
        for _ in 0..n {
            let k = r.chunk().ok_or_else(|| bad("truncated key"))?.to_vec();
            let v = r.chunk().ok_or_else(|| bad("truncated value"))?.to_vec();
            kvs.push((k, v));
        }
        tables.push((name, kvs));
    }
    Ok(tables)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn chunk(&mut self) -> Option<&'a [u8]> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize;
        self.take(n)
    }
}

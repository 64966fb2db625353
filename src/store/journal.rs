//! The hash-chained journal: every change appends entries whose hash covers
//! the previous entry's hash and the entry itself, so an edit or a removal
//! anywhere shows in `verify`.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::codec::{self, SCHEMA, decode};
use super::engine::{JournalHead, Rows};
use super::index::show_key;
use super::model::{JournalEntry, JournalWhat, Record};
use super::{Findings, StoreError};
use crate::domain::route::{Event, EventKind};

/// The journal entry for an application event, before it is chained.
pub fn event_entry(rec: &Record, e: &Event) -> JournalEntry {
    let comment = match &e.what {
        EventKind::Returned { comment } => Some(comment.clone()),
        EventKind::Withdrawn { reason } => Some(reason.clone()),
        _ => None,
    };
    JournalEntry {
        seq: 0,
        at: e.at,
        by: e.by.clone(),
        role: Some(e.actor.role),
        org: rec.orgs.org_for(e.actor.org).map(str::to_string),
        app: Some(rec.id),
        number: Some(rec.number.clone()),
        from_step: e.from_step,
        to_step: e.to_step,
        what: JournalWhat::Application(e.what.clone()),
        comment,
        prev_hash: [0; 32],
        hash: [0; 32],
    }
}

/// The journal entry of an administrative change (no application).
pub fn admin_entry(what: JournalWhat, by: &str, at: NaiveDateTime) -> JournalEntry {
    JournalEntry {
        seq: 0,
        at,
        by: by.to_string(),
        role: None,
        org: None,
        app: None,
        number: None,
        from_step: None,
        to_step: None,
        what,
        comment: None,
        prev_hash: [0; 32],
        hash: [0; 32],
    }
}

/// The hash of an entry as written under `schema`: over the previous hash
/// and the entry's encoding with its own hash zeroed.
pub fn entry_hash_as(schema: u16, e: &JournalEntry) -> [u8; 32] {
    let mut unhashed = e.clone();
    unhashed.hash = [0; 32];
    let mut h = Sha256::new();
    h.update(e.prev_hash);
    h.update(codec::encode_as(schema, &unhashed));
    h.finalize().into()
}

/// Chains `e` after `head` (None: the first entry): fills in its sequence
/// number and hashes and returns its encoding, ready to store, and the new
/// head. The entry is encoded once: `hash` is its last field, 32 raw bytes
/// in the encoding, so it is written over the zeroed one. A head with no
/// number after it (a forged backup restored: fuzzing found it) is
/// refused, not wrapped round to entry 0.
pub fn link(
    head: Option<JournalHead>,
    mut e: JournalEntry,
) -> Result<(Vec<u8>, JournalHead), codec::CodecError> {
    let head = head.unwrap_or(JournalHead {
        seq: 0,
        hash: [0; 32],
    });
    e.seq = head.seq.checked_add(1).ok_or_else(|| {
        codec::CodecError::Corrupt(format!(
            "the journal's head names entry {}, after which no entry can be numbered",
            head.seq
        ))
    })?;
    e.prev_hash = head.hash;
    e.hash = [0; 32];
    let mut bytes = codec::encode(&e);
    let mut h = Sha256::new();
    h.update(e.prev_hash);
    h.update(&bytes);
    let hash: [u8; 32] = h.finalize().into();
    let at = bytes.len() - 32;
    bytes[at..].copy_from_slice(&hash);
    Ok((bytes, JournalHead { seq: e.seq, hash }))
}

/// Verifies the chain: gapless sequence from 1, every link and every hash,
/// and the head naming the last entry.
pub fn verify(
    entries: Rows<'_, (u64, Vec<u8>)>,
    head: Option<JournalHead>,
) -> Result<Findings, StoreError> {
    let mut findings = Vec::new();
    let mut prev = [0u8; 32];
    // The last entry's number (0: none yet). Numbers come from the store,
    // which may be forged: none is added to without a check.
    let mut last = 0u64;
    for row in entries {
        let (k, v) = row?;
        let e: JournalEntry = match decode(&v) {
            Ok(e) => e,
            Err(err) => {
                findings.push(format!("journal entry {k}: {err}"));
                continue;
            }
        };
        if k != e.seq {
            findings.push(format!("journal entry under key {k} claims seq {}", e.seq));
        }
        if last.checked_add(1) != Some(e.seq) {
            findings.push(format!(
                "journal entry {} missing (next is {})",
                last.saturating_add(1),
                e.seq
            ));
        }
        if e.prev_hash != prev {
            findings.push(format!(
                "journal entry {}: link to the previous entry is broken",
                e.seq
            ));
        }
        // Entries written before a migration were hashed over the
        // encoding (header included) of the schema they were written in.
        if !(1..=SCHEMA).any(|schema| entry_hash_as(schema, &e) == e.hash) {
            findings.push(format!(
                "journal entry {}: content does not match its hash (edited)",
                e.seq
            ));
        }
        prev = e.hash;
        last = e.seq;
    }
    match head {
        Some(h) => {
            if h.seq != last || h.hash != prev {
                findings.push(format!(
                    "journal ends at entry {last} but the head says {} (entries removed from the end?)",
                    h.seq
                ));
            }
        }
        None if last == 0 => {}
        None => findings.push("journal head missing".into()),
    }
    Ok(findings)
}

/// A head as stored: the sequence number (8 bytes, big-endian) and the hash.
pub fn head_bytes(h: &JournalHead) -> Vec<u8> {
    let mut out = h.seq.to_be_bytes().to_vec();
    out.extend(h.hash);
    out
}

pub fn head_of(bytes: &[u8]) -> Result<JournalHead, StoreError> {
    match bytes.len() {
        40 => Ok(JournalHead {
            seq: super::index::u64_of(&bytes[..8]),
            hash: bytes[8..].try_into().expect("32 bytes"),
        }),
        _ => Err(StoreError::Codec(codec::CodecError::Corrupt(format!(
            "journal head {}",
            show_key(bytes)
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encoding once and writing the hash over the zeroed one gives the
    /// same bytes and hash as hashing and encoding separately.
    #[test]
    fn a_linked_entry_is_what_hashing_then_encoding_gives() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let e = admin_entry(JournalWhat::LoggedIn { login: "a".into() }, "a", at);
        let head = JournalHead {
            seq: 41,
            hash: [7; 32],
        };
        let (bytes, new_head) = link(Some(head), e.clone()).unwrap();
        let mut expected = e;
        expected.seq = 42;
        expected.prev_hash = [7; 32];
        expected.hash = entry_hash_as(SCHEMA, &expected);
        assert_eq!(bytes, codec::encode(&expected));
        assert_eq!(new_head.hash, expected.hash);
        assert_eq!(new_head.seq, 42);
        let last = JournalHead {
            seq: u64::MAX,
            hash: [7; 32],
        };
        let refused = link(Some(last), expected.clone()).unwrap_err().to_string();
        assert!(refused.contains("no entry can be numbered"), "{refused}");
        // An entry numbered u64::MAX (forged) is reported, not overflowed on.
        expected.seq = u64::MAX;
        let rows: Rows<'_, (u64, Vec<u8>)> =
            Box::new(std::iter::once(Ok((u64::MAX, codec::encode(&expected)))));
        let found = verify(rows, Some(last)).unwrap();
        assert!(
            found.iter().any(|f| f.contains("journal entry 1 missing")),
            "{found:?}"
        );
    }
}

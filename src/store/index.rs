//! The index: keys that find applications by number, IIN, status and work
//! queue, and which of them change when a record does. The layout is the
//! store's own, whatever engine keeps it:
//!
//! - `n/NUMBER` and `r/NUMBER` (registration numbers given along the route)
//!   → the id;
//! - `i/IIN/ID`, `s/STATUS/ID`, empty values;
//! - `q/ORG/ROLE/ACTION/ID` (a step waiting for whoever has the role) and
//!   `a/LOGIN/ID` (a step assigned to one person): the `Summary` lists show.
//!   A step assigned by name is in `a/` only: an organisation's role queue
//!   would only filter it out again.

use std::collections::HashSet;

use super::StoreError;
use super::codec::encode;
use super::engine::{IndexDiff, KeyValue};
use super::model::{Record, Summary};

pub fn key(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(&b'/')
}

/// The id a key ends with, or an index value holds (big-endian).
pub fn u64_of(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    let n = b.len().min(8);
    a[8 - n..].copy_from_slice(&b[b.len() - n..]);
    u64::from_be_bytes(a)
}

pub fn show_key(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// The key that finds an application by its own number.
pub fn number_key(number: &str) -> Vec<u8> {
    key(&[b"n", number.as_bytes()])
}

/// Whether an entry's value is the record's `Summary` (it changes with
/// every version) rather than something fixed by its key.
fn carries_summary(k: &[u8]) -> bool {
    k.starts_with(b"q/") || k.starts_with(b"a/")
}

/// The index entries a record should have; without `values` the summaries
/// are not encoded (their values are left empty).
fn entries(rec: &Record, values: bool) -> Vec<KeyValue> {
    let id = rec.id.to_be_bytes();
    let app = &rec.app;
    let mut out = vec![(number_key(&rec.number), id.to_vec())];
    // The registration numbers given along the route, except the
    // application's own (a provider's walk-in intake registers under it).
    out.extend(
        app.numbers
            .iter()
            .filter(|n| **n != rec.number && !n.is_empty())
            .map(|n| (key(&[b"r", n.as_bytes()]), id.to_vec())),
    );
    out.extend([
        (
            key(&[b"i", app.applicant.iin.to_string().as_bytes(), &id]),
            vec![],
        ),
        (key(&[b"s", app.status.as_str().as_bytes(), &id]), vec![]),
    ]);
    let Some(h) = &app.holder else {
        return out;
    };
    let summary = if values {
        encode(&Summary::of(rec))
    } else {
        Vec::new()
    };
    if let Some(login) = &h.login {
        out.push((key(&[b"a", login.as_bytes(), &id]), summary));
    } else if let Some(org) = rec.orgs.org_for(h.actor.org) {
        // Organisation / role / what is to be done, so a clerk's inbox
        // (register) and outbox (dispatch) are one scan each.
        out.push((
            key(&[
                b"q",
                org.as_bytes(),
                h.actor.role.as_str().as_bytes(),
                h.action.as_str().as_bytes(),
                &id,
            ]),
            summary,
        ));
    }
    out
}

/// The index entries a record should have: keys, and the values of the
/// work-queue entries (`q/`, `a/`), which carry the record's `Summary`.
pub fn index_entries(rec: &Record) -> Vec<KeyValue> {
    entries(rec, true)
}

/// The keys of `index_entries`.
pub fn index_keys(rec: &Record) -> Vec<Vec<u8>> {
    entries(rec, false).into_iter().map(|(k, _)| k).collect()
}

/// What changing `old` into `new` writes to the index: only new keys and
/// summaries, and the keys that went away.
pub fn diff(old: Option<&Record>, new: &Record) -> IndexDiff {
    let before: HashSet<Vec<u8>> = old
        .map(index_keys)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let entries = index_entries(new);
    let after: HashSet<&[u8]> = entries.iter().map(|(k, _)| k.as_slice()).collect();
    let remove = before
        .iter()
        .filter(|k| !after.contains(k.as_slice()))
        .cloned()
        .collect();
    let put = entries
        .into_iter()
        .filter(|(k, _)| !before.contains(k) || carries_summary(k))
        .collect();
    IndexDiff { put, remove }
}

/// The refusal of a change made on an older version of `rec`: names who
/// acted last.
pub fn stale(rec: &Record) -> StoreError {
    StoreError::Stale {
        number: rec.number.clone(),
        by: rec
            .app
            .history
            .last()
            .map(|e| e.by.clone())
            .unwrap_or_default(),
    }
}

//! Anchors of the journal outside the store. The hash chain proves that no
//! entry was edited, removed or inserted *within* a consistent chain, but
//! whoever can write the store's disk can recompute the whole chain. An
//! anchor — the head's sequence number and hash, written where that person
//! cannot rewrite it (an append-only file elsewhere, the system log, the
//! server's log) — pins the chain as it was: a rewritten chain no longer
//! has the anchored hash at the anchored entry.
//!
//! An anchor is one line, `journal-anchor seq=N hash=HEX`, anywhere in a
//! line of text, so an anchor file, the server's log file and the system
//! log's export can all be read back as they are.

use super::{Store, StoreError};
use crate::store::codec::decode;
use crate::store::model::JournalEntry;

/// The word that marks an anchor in a line of text.
pub const ANCHOR_TAG: &str = "journal-anchor";

/// The journal's head at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub seq: u64,
    pub hash: [u8; 32],
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{ANCHOR_TAG} seq={} hash={}",
            self.seq,
            hex::encode(self.hash)
        )
    }
}

impl Anchor {
    /// The anchor a line carries, if it carries one.
    pub fn find_in(line: &str) -> Option<Anchor> {
        let rest = &line[line.find(ANCHOR_TAG)? + ANCHOR_TAG.len()..];
        let mut seq = None;
        let mut hash = None;
        for word in rest.split_whitespace() {
            let word = word.trim_matches(|c: char| c == '"' || c == ',');
            if let Some(v) = word.strip_prefix("seq=") {
                seq = v.parse().ok();
            } else if let Some(v) = word.strip_prefix("hash=") {
                let mut h = [0u8; 32];
                hash = hex::decode_to_slice(v, &mut h).ok().map(|()| h);
            }
        }
        Some(Anchor {
            seq: seq?,
            hash: hash?,
        })
    }

    /// Every anchor in a text (an anchor file, a log), in order.
    pub fn all_in(text: &str) -> Vec<Anchor> {
        text.lines().filter_map(Anchor::find_in).collect()
    }
}

/// How the journal disagrees with an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorMismatch {
    /// The anchored entry is not in the journal any more (the chain was cut
    /// back, or rewritten shorter).
    Missing { anchor: Anchor, journal_len: u64 },
    /// The entry is there with another hash: the chain was rewritten.
    Differs { anchor: Anchor },
}

impl Store {
    /// The journal's head now, or None for an empty journal.
    pub fn journal_head(&self) -> Result<Option<Anchor>, StoreError> {
        Ok(self.engine.journal_head()?.map(|h| Anchor {
            seq: h.seq,
            hash: h.hash,
        }))
    }

    /// Each anchor against the journal's entry of that sequence number.
    pub fn check_anchors(&self, anchors: &[Anchor]) -> Result<Vec<AnchorMismatch>, StoreError> {
        let mut out = Vec::new();
        for &anchor in anchors {
            let entry = match self
                .engine
                .journal_after(anchor.seq.saturating_sub(1))
                .next()
            {
                Some(Ok((seq, v))) if seq == anchor.seq => decode::<JournalEntry>(&v).ok(),
                Some(Err(e)) => return Err(e),
                _ => None,
            };
            match entry {
                Some(e) if e.hash == anchor.hash => {}
                Some(_) => out.push(AnchorMismatch::Differs { anchor }),
                None => out.push(AnchorMismatch::Missing {
                    anchor,
                    journal_len: self.journal_len() as u64,
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_is_found_wherever_a_line_carries_it() {
        let a = Anchor {
            seq: 42,
            hash: [0xab; 32],
        };
        let line = a.to_string();
        assert_eq!(Anchor::find_in(&line), Some(a));
        let logged = format!("2026-11-23T10:00:00Z  INFO qyzmet::server: {line} store=/x");
        assert_eq!(Anchor::find_in(&logged), Some(a));
        assert_eq!(Anchor::find_in("journal-anchor seq=1 hash=zz"), None);
        assert_eq!(Anchor::find_in("connected uid=1000"), None);
        assert_eq!(
            Anchor::all_in(&format!("{line}\nnoise\n{logged}\n")).len(),
            2
        );
    }
}

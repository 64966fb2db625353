//! Every stored value is `[schema version: u16 LE][bincode payload]`, so a
//! store written by an older Qyzmet is migrated on open and one written by a
//! newer Qyzmet is refused instead of misread.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The schema this build writes. History:
/// 1: first layout. 2: users gained `os_user`, `failed_logins`, `locked_until`;
/// organisations gained `services`. 3: work-queue index entries carry the
/// application's `Summary`; the person registry and two journal variants
/// (persons imported, logged in) arrived in 2 without a bump. 4: the index
/// finds an application by every registration number it was given (`r/`).
/// 5: organisations and queue categories gained `name_en`. 6: the counts of
/// applications and persons are kept in `meta`; the index has no due-time
/// entries, a step assigned by name is under `a/` only, and work-queue
/// summaries carry the registration numbers (the index is rewritten).
/// 7: persons carry the powers of attorney they gave (ЕНИС's stand-in);
/// applications are bound to a local executive body where their route has
/// its step.
pub const SCHEMA: u16 = 7;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("a stored value is truncated or corrupt ({0})")]
    Corrupt(String),
    #[error(
        "this store was written by a newer Qyzmet (schema {0}, this build knows {SCHEMA}); upgrade Qyzmet"
    )]
    Newer(u16),
    #[error("stored value has schema {0}, which needs migrating first")]
    Older(u16),
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// The most bytes a stored value's lengths may claim in all. bincode sizes a
/// string's buffer from its length prefix before it reads the bytes, so a
/// corrupt prefix (a damaged store, a forged backup) would ask for exabytes:
/// past this it is a `Corrupt` value instead. Records are kilobytes.
const MAX_VALUE: usize = 64 << 20;

fn decode_config() -> impl bincode::config::Config {
    config().with_limit::<MAX_VALUE>()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    encode_as(SCHEMA, value)
}

/// Appends what bincode writes to a buffer.
struct Appender<'a>(&'a mut Vec<u8>);

impl bincode::enc::write::Writer for Appender<'_> {
    fn write(&mut self, bytes: &[u8]) -> Result<(), bincode::error::EncodeError> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

thread_local! {
    /// Where each thread encodes before the value is copied out at its
    /// size: one allocation per value instead of a buffer grown step by
    /// step (a record took eight reallocations) and a header copied in.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A scratch buffer larger than this is not kept for the next value.
const SCRATCH_KEPT: usize = 64 * 1024;

fn encode_into<T: Serialize>(buf: &mut Vec<u8>, schema: u16, value: &T) {
    buf.clear();
    buf.extend_from_slice(&schema.to_le_bytes());
    bincode::serde::encode_into_writer(value, Appender(buf), config()).expect("plain data encodes");
}

pub fn encode_as<T: Serialize>(schema: u16, value: &T) -> Vec<u8> {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut buf) => {
            encode_into(&mut buf, schema, value);
            let out = buf.as_slice().to_vec();
            if buf.capacity() > SCRATCH_KEPT {
                *buf = Vec::new();
            }
            out
        }
        // Encoding from within an encoding: a buffer of its own.
        Err(_) => {
            let mut buf = Vec::new();
            encode_into(&mut buf, schema, value);
            buf
        }
    })
}

/// The schema version of a stored value.
pub fn schema_of(bytes: &[u8]) -> Result<u16, CodecError> {
    match bytes {
        [a, b, ..] => Ok(u16::from_le_bytes([*a, *b])),
        _ => Err(CodecError::Corrupt("no version header".into())),
    }
}

/// Decodes a value of the current schema.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    match schema_of(bytes)? {
        SCHEMA => decode_body(bytes),
        v if v > SCHEMA => Err(CodecError::Newer(v)),
        v => Err(CodecError::Older(v)),
    }
}

/// Decodes the payload whatever its version (for migrations).
pub fn decode_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (value, used) = bincode::serde::decode_from_slice(&bytes[2..], decode_config())
        .map_err(|e| CodecError::Corrupt(e.to_string()))?;
    if used != bytes.len() - 2 {
        return Err(CodecError::Corrupt("trailing bytes".into()));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::iin::Iin;
    use crate::domain::route::{Decision, EventKind, RefusalGround, StepOutput};
    use crate::store::model::{JournalWhat, User, UserV1};

    /// Found by the `backup_restore` fuzz target: a journal entry whose string
    /// length prefix claims ~2^62 bytes made bincode allocate it and abort.
    #[test]
    fn a_length_past_the_limit_is_corrupt_not_an_allocation() {
        let mut bytes = SCHEMA.to_le_bytes().to_vec();
        bytes.push(253); // varint: a u64 follows
        bytes.extend_from_slice(&(1u64 << 62).to_le_bytes());
        bytes.extend_from_slice(b"abc");
        assert!(matches!(
            decode::<String>(&bytes),
            Err(CodecError::Corrupt(_))
        ));
        let big = "x".repeat(1 << 20);
        assert_eq!(decode::<String>(&encode(&big)).unwrap(), big);
    }

    /// bincode cannot decode self-describing serde shapes (internally tagged
    /// enums): every stored enum must round-trip.
    #[test]
    fn stored_enums_round_trip() {
        let iin = Iin::parse("800101300016").unwrap();
        let values = vec![
            JournalWhat::StoreCreated,
            JournalWhat::UserAdded { login: "a".into() },
            JournalWhat::Application(EventKind::Completed {
                action: crate::domain::catalog::StepAction::Execute,
                output: StepOutput::Decided(Decision::Refuse {
                    ground: RefusalGround::CourtDecision,
                    text: "т".into(),
                }),
            }),
            JournalWhat::Application(EventKind::Issued { recipient: iin }),
            JournalWhat::PersonsImported { count: 12 },
            JournalWhat::LoggedIn { login: "a".into() },
            JournalWhat::Application(EventKind::Completed {
                action: crate::domain::catalog::StepAction::Assign,
                output: StepOutput::Assigned {
                    specialist: "s".into(),
                    resolution: "r".into(),
                },
            }),
        ];
        for v in values {
            let bytes = encode(&v);
            assert_eq!(decode::<JournalWhat>(&bytes).unwrap(), v);
        }
    }

    /// New journal variants are appended: what older builds wrote keeps its
    /// variant index and decodes as before.
    #[test]
    fn journal_variants_keep_their_indexes() {
        let restored = encode(&JournalWhat::Restored { from: "x".into() });
        assert_eq!(restored[2], 7, "Restored is variant 7");
        assert_eq!(encode(&JournalWhat::PersonsImported { count: 1 })[2], 8);
        assert_eq!(encode(&JournalWhat::LoggedIn { login: "a".into() })[2], 9);
    }

    /// An approval's text came as a new last variant: records written before
    /// it keep decoding, `Approve` and `Refuse` keep their indexes.
    #[test]
    fn decision_variants_keep_their_indexes() {
        let approve = encode(&Decision::Approve { result: "r".into() });
        assert_eq!(approve[2], 0);
        let refuse = Decision::Refuse {
            ground: RefusalGround::Other,
            text: "t".into(),
        };
        assert_eq!(encode(&refuse)[2], 1);
        let noted = Decision::approve("r".into(), "т");
        assert_eq!(encode(&noted)[2], 2);
        assert_eq!(decode::<Decision>(&encode(&noted)).unwrap(), noted);
        assert_eq!(
            decode::<Decision>(&approve).unwrap(),
            Decision::Approve { result: "r".into() }
        );
    }

    #[test]
    fn a_person_round_trips() {
        let p = crate::store::model::Person {
            iin: Iin::parse("800101300016").unwrap(),
            full_name: "Ахметов Серік Болатұлы".into(),
            phone: Some("+7 701 234 56 78".into()),
            address: Some("г. Караганда, ул. Ерубаева, д. 12".into()),
            district: None,
            powers: vec![crate::domain::power::PowerOfAttorney {
                number: "НОТ-1".into(),
                principal: Iin::parse("800101300016").unwrap(),
                representative: Iin::parse("900202400012").unwrap(),
                valid_from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                valid_until: chrono::NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
                notary: "Нотариус Абенова".into(),
            }],
        };
        assert_eq!(
            decode::<crate::store::model::Person>(&encode(&p)).unwrap(),
            p
        );
    }

    #[test]
    fn versions_are_checked() {
        let old = UserV1 {
            login: "a".into(),
            full_name: "A".into(),
            org: "O".into(),
            roles: vec![],
            password_hash: "h".into(),
            active: true,
        };
        let bytes = encode_as(1, &old);
        assert!(matches!(decode::<User>(&bytes), Err(CodecError::Older(1))));
        assert_eq!(decode_body::<UserV1>(&bytes).unwrap(), old);
        let newer = encode_as(SCHEMA + 1, &old);
        assert!(matches!(decode::<User>(&newer), Err(CodecError::Newer(_))));
        assert!(matches!(decode::<User>(&[1]), Err(CodecError::Corrupt(_))));
        assert!(matches!(
            decode::<User>(&[SCHEMA as u8, 0, 0xff]),
            Err(CodecError::Corrupt(_))
        ));
    }
}

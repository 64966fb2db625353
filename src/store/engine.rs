//! The storage interface: what `Ops` needs of a store, whatever engine keeps
//! it. A state change is a body run inside one engine transaction (`Txn`): it
//! reads an application with its version, draws gapless numbers, and writes
//! the record with its index entries and journal entries; `Engine::write`
//! returns only once all of it is durable. Reads cover what lists and cards
//! need (records, index ranges, the journal, counts kept as they change), and
//! `check` and `backup` what administrators need. Nothing here names an
//! engine's own types, so a second engine (PostgreSQL) implements the same
//! traits; `tests/conformance` runs the same scenarios against every engine.

use std::ops::Bound;
use std::path::Path;

use chrono::NaiveDate;

use super::model::{JournalEntry, Organisation, Person, Record, User};
use super::{Findings, StoreError};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};

/// Why a transaction body stopped before its end.
#[derive(Debug)]
pub enum TxFail {
    /// The body refused the change; the refusal is the caller's own (the
    /// `Store` keeps it aside). Nothing is written.
    Abort,
    /// A concurrent writer got in the way: the engine runs the body again.
    Retry,
    /// The engine failed; nothing is written.
    Failed(StoreError),
}

impl From<StoreError> for TxFail {
    fn from(e: StoreError) -> TxFail {
        TxFail::Failed(e)
    }
}

impl From<super::codec::CodecError> for TxFail {
    fn from(e: super::codec::CodecError) -> TxFail {
        TxFail::Failed(e.into())
    }
}

pub type TxResult<T> = Result<T, TxFail>;

/// One key and its value, as the index and a backup hold them.
pub type KeyValue = (Vec<u8>, Vec<u8>);

/// Rows read lazily, in key order.
pub type Rows<'a, T> = Box<dyn Iterator<Item = Result<T, StoreError>> + 'a>;

/// What a change does to the index: entries to write (new keys, or values
/// that changed) and keys to remove. Unchanged entries are not written again.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IndexDiff {
    pub put: Vec<KeyValue>,
    pub remove: Vec<Vec<u8>>,
}

/// A count the store keeps as it writes, so reading it is not a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Applications,
    Persons,
    /// The journal's length, which is also its head's sequence number.
    JournalEntries,
}

/// A setting of the store that is on once set (kept with the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// An administrator imported a registry file: the person registry
    /// stands in for ГБД ФЛ at State Corporation intake from then on.
    PersonRegistryConnected,
    /// The report's cells (`store::cells`) hold every application: set on
    /// a new store and once they are rebuilt.
    ReportCells,
}

/// The last journal entry: its sequence number and hash, which the next
/// entry links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalHead {
    pub seq: u64,
    pub hash: [u8; 32],
}

/// A change another process committed to a shared store (several serve
/// nodes on one database), as it is told: ids, not records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elsewhere {
    App(u64),
    /// A centre's queue.
    Queue(String),
    /// The channel broke and was made again: what came meanwhile is not
    /// known, so whoever shows the store reloads.
    Missed,
}

/// Inside one transaction over applications, organisations, users, persons,
/// counters and the journal. Every method may fail with `Retry`, which the
/// engine handles by running the body again; none returns `Abort`.
pub trait Txn {
    /// The application with its version as stored now.
    fn app(&self, id: u64) -> TxResult<Option<Record>>;
    /// The record as stored, undecoded: a change compares it with what it
    /// read before (`Store::transition_known`) instead of decoding it again.
    fn app_bytes(&self, id: u64) -> TxResult<Option<Vec<u8>>>;
    fn index_value(&self, key: &[u8]) -> TxResult<Option<Vec<u8>>>;
    /// Writes the record and its index changes; `new` raises the count of
    /// applications.
    fn put_app(&self, rec: &Record, index: &IndexDiff, new: bool) -> TxResult<()>;
    /// The next value of a gapless counter (1, 2, ...), used up only if the
    /// transaction commits.
    fn draw(&self, counter: &str) -> TxResult<u64>;
    /// Appends an entry (its `seq` and hashes are filled in here) and
    /// returns its sequence number.
    fn journal(&self, entry: JournalEntry) -> TxResult<u64>;
    fn user(&self, login: &str) -> TxResult<Option<User>>;
    fn put_user(&self, user: &User) -> TxResult<()>;
    fn put_org(&self, org: &Organisation) -> TxResult<()>;
    /// Adds a person or updates one with the same IIN.
    fn put_person(&self, person: &Person) -> TxResult<()>;
    /// The person with this IIN as stored now (schema 7: an import keeps
    /// what another import put under the same IIN).
    fn person(&self, iin: &Iin) -> TxResult<Option<Person>>;
}

/// Inside one transaction over one centre's queue.
pub trait QueueTxn {
    fn config(&self) -> TxResult<Option<QueueConfig>>;
    fn put_config(&self, config: &QueueConfig) -> TxResult<()>;
    fn ticket(&self, r: &TicketRef) -> TxResult<Option<Ticket>>;
    fn put_ticket(&self, ticket: &Ticket) -> TxResult<()>;
    fn window(&self, number: u16) -> TxResult<Option<WindowStatus>>;
    fn put_window(&self, window: &WindowStatus) -> TxResult<()>;
    fn remove_window(&self, number: u16) -> TxResult<()>;
    fn appointment(&self, code: &str) -> TxResult<Option<Appointment>>;
    fn put_appointment(&self, appointment: &Appointment) -> TxResult<()>;
    /// The next value of one of the centre's gapless counters.
    fn draw(&self, counter: &str) -> TxResult<u64>;
}

/// A transaction body: it may run more than once (on `Retry`).
pub type Body<'a> = &'a dyn Fn(&dyn Txn) -> TxResult<()>;
pub type QueueBody<'a> = &'a dyn Fn(&dyn QueueTxn) -> TxResult<()>;

/// A storage engine. `Store` is the typed front `Ops` uses; it speaks to
/// the engine only through this trait.
pub trait Engine: Send + Sync {
    fn path(&self) -> &Path;
    fn schema(&self) -> Result<u16, StoreError>;

    /// Runs `body` as one transaction and returns once what it wrote is
    /// durable (on stable storage); concurrent callers may share one sync,
    /// but none is answered before its own change is durable.
    fn write(&self, body: Body<'_>) -> TxResult<()>;
    /// The same over one centre's queue; every write raises its revision.
    fn queue_write(&self, centre: &str, body: QueueBody<'_>) -> TxResult<()>;
    /// Makes everything written so far durable.
    fn durable(&self) -> Result<(), StoreError>;

    fn org(&self, code: &str) -> Result<Option<Organisation>, StoreError>;
    fn orgs(&self) -> Result<Vec<Organisation>, StoreError>;
    fn user(&self, login: &str) -> Result<Option<User>, StoreError>;
    fn users(&self) -> Result<Vec<User>, StoreError>;
    fn has_users(&self) -> Result<bool, StoreError>;
    fn person(&self, iin: &Iin) -> Result<Option<Person>, StoreError>;

    fn app(&self, id: u64) -> Result<Option<Record>, StoreError>;
    /// The record as stored, undecoded.
    fn app_bytes(&self, id: u64) -> Result<Option<Vec<u8>>, StoreError>;
    /// Every application, in id order.
    fn records(&self) -> Rows<'_, Record>;
    fn index_value(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError>;
    /// Index entries in key order, from `from` on.
    fn index_from(&self, from: Bound<&[u8]>) -> Rows<'_, KeyValue>;
    /// Journal entries after sequence number `after`, encoded as stored
    /// (`check` decodes them itself, to report what does not decode).
    fn journal_after(&self, after: u64) -> Rows<'_, (u64, Vec<u8>)>;
    fn journal_head(&self) -> Result<Option<JournalHead>, StoreError>;
    /// Appends a record to the access log under `prefix` (the viewed
    /// person's IIN; the engine makes each key unique) and makes it durable.
    fn put_view(&self, prefix: &[u8], value: &[u8]) -> Result<(), StoreError>;
    /// The access log's records under `prefix`, oldest first.
    fn views_with(&self, prefix: &[u8]) -> Rows<'_, Vec<u8>>;
    fn count(&self, what: Count) -> Result<u64, StoreError>;
    fn flag(&self, flag: Flag) -> Result<bool, StoreError>;
    /// Sets `flag`, durably.
    fn set_flag(&self, flag: Flag) -> Result<(), StoreError>;
    /// A counter's last value drawn (0: none yet).
    fn counter(&self, name: &str) -> Result<u64, StoreError>;
    /// Bytes of keys and values this engine has been handed to write since
    /// it was opened (what a change costs before the engine's own overhead).
    fn bytes_written(&self) -> u64;
    /// (commits, syncs) since it was opened: how many changes shared a sync.
    fn commits_and_syncs(&self) -> (u64, u64);
    /// The bytes the store takes on disk; None where that is the size of
    /// its directory (`path`), which the caller measures.
    fn size_on_disk(&self) -> Result<Option<u64>, StoreError> {
        Ok(None)
    }

    fn queue_config(&self, centre: &str) -> Result<Option<QueueConfig>, StoreError>;
    fn tickets(&self, centre: &str, day: NaiveDate) -> Result<Vec<Ticket>, StoreError>;
    fn ticket(&self, centre: &str, r: &TicketRef) -> Result<Option<Ticket>, StoreError>;
    fn windows(&self, centre: &str) -> Result<Vec<WindowStatus>, StoreError>;
    fn appointment(&self, code: &str) -> Result<Option<Appointment>, StoreError>;
    fn queue_revision(&self, centre: &str) -> Result<u64, StoreError>;

    /// What other processes commit to this store from now on (None: no
    /// one else writes it, as with the embedded store, which one process owns).
    fn changes_elsewhere(&self) -> Option<std::sync::mpsc::Receiver<Elsewhere>> {
        None
    }

    /// What only the engine can check: every value decodes and is filed
    /// under its own key (persons, the queue), the kept counts.
    fn check_storage(&self) -> Result<Findings, StoreError>;
    /// A consistent snapshot of everything, in the backup format
    /// (`backup.rs`); writers wait meanwhile. Returns the entries written.
    fn backup(
        &self,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64, StoreError>;
}

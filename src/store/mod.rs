//! The store: applications, organisations, users, the person registry, the
//! journal and the queue, behind one storage interface (`engine::Engine`).
//! `Store` is the typed front the operations use; every state change is one
//! engine transaction, durable before success is reported. The sled engine
//! (`sled_engine/`) is the embedded one.

pub mod anchor;
pub mod backup;
pub mod cells;
mod changes;
mod check;
pub mod codec;
pub mod engine;
pub mod index;
pub mod journal;
mod layout_check;
pub mod model;
pub mod pg_engine;
pub mod queue;
pub mod sled_engine;
pub mod views;

use std::ops::Bound;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};

pub use changes::{PowersRefused, Refusal, TxError, TxOut};
use codec::{CodecError, decode};
use engine::{Count, Engine, Flag};
pub use index::{index_entries, index_keys, stale};
use index::{key, show_key, u64_of};
pub use journal::event_entry;
use model::{JournalEntry, JournalKind, JournalWhat, Organisation, Person, Record, Summary, User};

pub use self::sled_engine::TREES;

use crate::domain::iin::Iin;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the store at {0} is in use by another Qyzmet process; if a server holds it, connect with `--connect SOCKET` (or QYZMET_CONNECT); for several users run `qyzmet serve`"
    )]
    Locked(PathBuf),
    #[error("no store at {0}; create one with `qyzmet init` (or `qyzmet init --demo`)")]
    Missing(PathBuf),
    #[error("a store already exists at {0}")]
    Exists(PathBuf),
    /// The store's files are another OS user's (the server's): who may
    /// open them administers the store, so this is the OS refusing.
    #[error("the store at {0} cannot be opened by this OS user")]
    Denied(PathBuf),
    #[error("{0}")]
    Codec(#[from] CodecError),
    #[error("storage error: {0}")]
    Io(String),
    /// A durable change could not be applied to the store's files: the
    /// embedded engine takes no more until it is opened again.
    #[error(
        "a saved change could not be written to the store's files ({0}); restart Qyzmet: it applies the saved changes again when it opens the store"
    )]
    Stuck(String),
    #[error("{0}")]
    Conflict(String),
    /// The caller saw an older version: someone acted meanwhile.
    #[error("application {number} changed meanwhile (last by {by}); look at it again")]
    Stale { number: String, by: String },
    #[error("{0}")]
    Rejected(String),
    /// The PostgreSQL database at `at` (said without its password).
    #[error("{}", database_text(at, problem))]
    Database { at: String, problem: DbProblem },
}

impl StoreError {
    /// The database could not be reached (a primary lost, not yet replaced):
    /// the same request may succeed again shortly.
    pub fn unreachable(&self) -> bool {
        matches!(
            self,
            StoreError::Database {
                problem: DbProblem::Unreachable(_),
                ..
            }
        )
    }
}

/// What went wrong with a PostgreSQL database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbProblem {
    /// The URL does not parse.
    BadUrl(String),
    /// No server answers there (or the connection broke).
    Unreachable(String),
    /// The server refused the user or the password.
    Refused,
    NoDatabase,
    /// The user may not do what the store needs.
    NotAllowed(String),
    /// The layout was migrated by a newer Qyzmet.
    NewerLayout {
        have: i32,
        known: i32,
    },
    /// A setting that could lose an acknowledged change (`fsync` off).
    Unsafe(String),
    /// The connection broke during a commit: the change may or may not be there.
    CommitUnknown(String),
    Failed(String),
}

fn database_text(at: &str, problem: &DbProblem) -> String {
    match problem {
        DbProblem::BadUrl(why) => format!("{at}: not a PostgreSQL URL ({why})"),
        DbProblem::Unreachable(why) => format!("no PostgreSQL server answers at {at} ({why})"),
        DbProblem::Refused => format!("PostgreSQL at {at} refused the user or password"),
        DbProblem::NoDatabase => format!("PostgreSQL at {at} has no such database"),
        DbProblem::NotAllowed(why) => format!("PostgreSQL at {at} does not allow it: {why}"),
        DbProblem::NewerLayout { have, known } => format!(
            "the database at {at} was migrated by a newer Qyzmet (layout {have}, this build knows {known}); upgrade Qyzmet"
        ),
        DbProblem::Unsafe(setting) => {
            format!("PostgreSQL at {at} runs with {setting}: a change reported done could be lost")
        }
        DbProblem::CommitUnknown(why) => format!(
            "the connection to {at} broke during a commit ({why}): the change may or may not have been made; look again"
        ),
        DbProblem::Failed(why) => format!("PostgreSQL at {at}: {why}"),
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        StoreError::Io(e.to_string())
    }
}

/// What to ask of the counters inside a transition: a number in a journal.
#[derive(Debug, Clone)]
pub struct NumberRequest {
    pub org: String,
    pub kind: JournalKind,
    pub year: i32,
}

impl NumberRequest {
    pub fn new(org: &str, kind: JournalKind, at: NaiveDateTime) -> NumberRequest {
        NumberRequest {
            org: org.to_string(),
            kind,
            year: at.year(),
        }
    }

    /// The counter this number is drawn from.
    fn counter(&self) -> String {
        format!("{}/{}/{}", self.org, self.kind.tag(), self.year)
    }

    /// The number as people read it, e.g. KRG-ED-2026-000123.
    fn format(&self, n: u64) -> String {
        match self.kind {
            JournalKind::Outgoing => format!("{}-OUT-{}-{n:06}", self.org, self.year),
            JournalKind::Incoming | JournalKind::Intake => {
                format!("{}-{}-{n:06}", self.org, self.year)
            }
        }
    }
}

/// The counter of application ids.
const APP_ID: &str = "app_id";

/// A page of an index scan and the cursor for the next one (None at the end).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub ids: Vec<u64>,
    pub next: Option<Vec<u8>>,
}

/// A problem `check` found.
pub type Findings = Vec<String>;

/// The store, whatever engine keeps it.
/// A record as read, with the bytes it was decoded from.
#[derive(Debug, Clone)]
pub struct Known {
    pub rec: Record,
    bytes: Vec<u8>,
}

pub struct Store {
    engine: Box<dyn Engine>,
    /// How changes change the report's cells, once the operations say.
    cells: Option<std::sync::Arc<dyn cells::CellRules>>,
}

impl Store {
    /// Opens an existing store, migrating an older schema: a directory
    /// (the embedded sled store) or a `postgres://` URL.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if pg_engine::is_url(path) {
            return Ok(Store::on(pg_engine::PgEngine::open(path)?));
        }
        Ok(Store::on(self::sled_engine::SledEngine::open(path)?))
    }

    /// Whether a store is at `path` (a directory or a `postgres://` URL).
    pub fn exists(path: &Path) -> Result<bool, StoreError> {
        if pg_engine::is_url(path) {
            return pg_engine::PgEngine::exists(path);
        }
        Ok(path.join("db").exists() || path.join("conf").exists())
    }

    /// Creates a new store; a directory must be empty or absent, a
    /// database must hold no store.
    pub fn create(path: &Path, at: NaiveDateTime) -> Result<Store, StoreError> {
        let store = if pg_engine::is_url(path) {
            Store::on(pg_engine::PgEngine::create(path)?)
        } else {
            Store::on(self::sled_engine::SledEngine::create(path)?)
        };
        store.append_admin(JournalWhat::StoreCreated, "system", at)?;
        // Empty, its cells hold every application there is.
        store.engine.set_flag(engine::Flag::ReportCells)?;
        Ok(store)
    }

    /// Restores a backup into a new store at `path` (an empty directory, or
    /// a database holding no store); a bad file writes nothing.
    pub fn restore(
        path: &Path,
        input: &[u8],
        at: NaiveDateTime,
        progress: impl FnMut(u64),
    ) -> Result<Store, StoreError> {
        let tables = backup::parse(input, &TREES)?;
        let count: usize = tables.iter().map(|(_, kvs)| kvs.len()).sum();
        Store::load(
            path,
            tables,
            format!("backup of {count} entries"),
            at,
            progress,
        )
    }

    /// Copies this store whole (a consistent snapshot) into a new store at
    /// `to`, of either engine: `qyzmet migrate`. The copy's journal goes on
    /// from this one's chain with an entry saying where it came from.
    pub fn copy_to(
        &self,
        to: &Path,
        at: NaiveDateTime,
        progress: impl FnMut(u64),
    ) -> Result<Store, StoreError> {
        let mut snapshot = Vec::new();
        self.backup(&mut snapshot, |_| {})?;
        let tables = backup::parse(&snapshot, &TREES)?;
        drop(snapshot);
        let from = format!("copy of the store at {}", self.path().display());
        Store::load(to, tables, from, at, progress)
    }

    fn load(
        path: &Path,
        tables: Vec<(String, Vec<engine::KeyValue>)>,
        from: String,
        at: NaiveDateTime,
        mut progress: impl FnMut(u64),
    ) -> Result<Store, StoreError> {
        let store = if pg_engine::is_url(path) {
            Store::on(pg_engine::PgEngine::restore(path, tables, &mut progress)?)
        } else {
            Store::on(self::sled_engine::SledEngine::restore(
                path,
                tables,
                &mut progress,
            )?)
        };
        store.append_admin(JournalWhat::Restored { from }, "system", at)?;
        Ok(store)
    }

    /// A store on any engine.
    pub fn on(engine: impl Engine + 'static) -> Store {
        Store {
            engine: Box::new(engine),
            cells: None,
        }
    }

    pub fn path(&self) -> &Path {
        self.engine.path()
    }

    pub fn schema(&self) -> Result<u16, StoreError> {
        self.engine.schema()
    }

    /// Makes everything written so far durable (a server's last act).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.engine.durable()
    }

    /// What other processes commit to a shared store (PostgreSQL) from now
    /// on; None for a store only this process writes.
    pub fn changes_elsewhere(&self) -> Option<std::sync::mpsc::Receiver<engine::Elsewhere>> {
        self.engine.changes_elsewhere()
    }

    /// The bytes the store takes on disk where that is not its directory's
    /// (`path`): on PostgreSQL, its tables with their indexes and TOAST.
    pub fn size_on_disk(&self) -> Result<Option<u64>, StoreError> {
        self.engine.size_on_disk()
    }

    /// Bytes of keys and values handed to the engine since it was opened.
    pub fn bytes_written(&self) -> u64 {
        self.engine.bytes_written()
    }

    /// (commits, syncs) since the store was opened: with group commit,
    /// concurrent changes share syncs.
    pub fn commits_and_syncs(&self) -> (u64, u64) {
        self.engine.commits_and_syncs()
    }

    // ---- organisations, users, persons

    pub fn org(&self, code: &str) -> Result<Option<Organisation>, StoreError> {
        self.engine.org(code)
    }

    pub fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        self.engine.orgs()
    }

    pub fn user(&self, login: &str) -> Result<Option<User>, StoreError> {
        self.engine.user(login)
    }

    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        self.engine.users()
    }

    /// Whether the store has any user (none: a fresh store, the TUI offers the demo).
    pub fn has_users(&self) -> Result<bool, StoreError> {
        self.engine.has_users()
    }

    pub fn person(&self, iin: &Iin) -> Result<Option<Person>, StoreError> {
        self.engine.person(iin)
    }

    /// The persons in the registry (a kept count, not a scan).
    pub fn person_count(&self) -> usize {
        self.engine.count(Count::Persons).unwrap_or(0) as usize
    }

    // ---- the person registry as ГБД ФЛ's stand-in (issue 13, routes)

    /// Marks the registry as the stand-in of ГБД ФЛ, checked at State
    /// Corporation intake from now on; durable before it returns.
    pub fn connect_person_registry(&self) -> Result<(), StoreError> {
        self.engine.set_flag(Flag::PersonRegistryConnected)
    }

    pub fn person_registry_connected(&self) -> Result<bool, StoreError> {
        self.engine.flag(Flag::PersonRegistryConnected)
    }

    // ---- applications

    pub fn app(&self, id: u64) -> Result<Option<Record>, StoreError> {
        self.engine.app(id)
    }

    /// The application by its own number, or by any registration number it
    /// was given along the way (incoming, outgoing): every number a person
    /// sees on a paper finds it.
    pub fn app_by_number(&self, number: &str) -> Result<Option<Record>, StoreError> {
        Ok(self.known_by_number(number)?.map(|k| k.rec))
    }

    /// The same, with the bytes it was decoded from, for a change to
    /// compare (`transition_known`) rather than decode the record again.
    pub fn known_by_number(&self, number: &str) -> Result<Option<Known>, StoreError> {
        for kind in [&b"n"[..], b"r"] {
            if let Some(id) = self.engine.index_value(&key(&[kind, number.as_bytes()]))? {
                let Some(bytes) = self.engine.app_bytes(u64_of(&id))? else {
                    return Ok(None);
                };
                let rec = decode(&bytes)?;
                return Ok(Some(Known { rec, bytes }));
            }
        }
        Ok(None)
    }

    /// Ids under an index prefix, in key order, at most `limit`.
    pub fn scan(&self, prefix: &[&[u8]], limit: usize) -> Result<Vec<u64>, StoreError> {
        Ok(self.scan_page(prefix, None, limit)?.ids)
    }

    /// One page of ids under an index prefix, by key range: `after` is the
    /// `next` cursor of the previous page (None: from the start).
    pub fn scan_page(
        &self,
        prefix: &[&[u8]],
        after: Option<&[u8]>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        let mut p = key(prefix);
        p.push(b'/');
        let from = match after {
            Some(a) => Bound::Excluded(a),
            None => Bound::Included(p.as_slice()),
        };
        let mut page = Page::default();
        for kv in self.engine.index_from(from) {
            let (k, _) = kv?;
            if !k.starts_with(&p) {
                break;
            }
            if page.ids.len() >= limit {
                return Ok(page);
            }
            page.ids.push(u64_of(&k[k.len() - 8..]));
            page.next = Some(k);
        }
        page.next = None;
        Ok(page)
    }

    /// The summaries kept in the work-queue index entries under a prefix
    /// (`q/ORG/ROLE`, `a/LOGIN`), in key order: a whole queue without
    /// touching the records. `skip` sees each id first and saves decoding.
    pub fn summaries(
        &self,
        prefix: &[&[u8]],
        skip: impl Fn(u64) -> bool,
    ) -> Result<Vec<Summary>, StoreError> {
        let mut p = key(prefix);
        p.push(b'/');
        let mut out = Vec::new();
        for kv in self.engine.index_from(Bound::Included(&p)) {
            let (k, v) = kv?;
            if !k.starts_with(&p) {
                break;
            }
            if skip(u64_of(&k[k.len() - 8..])) {
                continue;
            }
            let s: Summary = decode(&v).map_err(|e| {
                StoreError::Codec(CodecError::Corrupt(format!(
                    "index entry {}: {e}; `qyzmet check` tells more",
                    show_key(&k)
                )))
            })?;
            out.push(s);
        }
        Ok(out)
    }

    /// A number that changes whenever anything is written: the journal's
    /// head. Cheap, so a workstation can poll it and reload only on change.
    pub fn revision(&self) -> Result<u64, StoreError> {
        Ok(self.engine.journal_head()?.map_or(0, |h| h.seq))
    }

    /// All application records, in id order (for `check`, lists, exports).
    pub fn records(&self) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        self.engine.records()
    }

    /// The applications in the store (a kept count, not a scan).
    pub fn app_count(&self) -> usize {
        self.engine.count(Count::Applications).unwrap_or(0) as usize
    }

    // ---- journal

    pub fn journal(&self) -> impl Iterator<Item = Result<JournalEntry, StoreError>> + '_ {
        self.engine.journal_after(0).map(|row| Ok(decode(&row?.1)?))
    }

    /// The applications the journal names after entry `after`, or None
    /// when more than `limit` entries came since.
    pub fn apps_changed_since(
        &self,
        after: u64,
        limit: u64,
    ) -> Result<Option<Vec<u64>>, StoreError> {
        if self.revision()?.saturating_sub(after) > limit {
            return Ok(None);
        }
        let mut ids = Vec::new();
        for row in self.engine.journal_after(after) {
            let e: JournalEntry = decode(&row?.1)?;
            ids.extend(e.app);
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(Some(ids))
    }

    pub fn journal_len(&self) -> usize {
        self.engine.count(Count::JournalEntries).unwrap_or(0) as usize
    }

    /// Verifies the hash chain: gapless sequence, every link and every hash.
    pub fn verify_journal(&self) -> Result<Findings, StoreError> {
        journal::verify(self.engine.journal_after(0), self.engine.journal_head()?)
    }

    // ---- backup

    /// Writes a consistent snapshot of everything to `out` (writers wait meanwhile).
    pub fn backup(
        &self,
        out: &mut impl std::io::Write,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, StoreError> {
        self.engine.backup(out, &mut progress)
    }
}

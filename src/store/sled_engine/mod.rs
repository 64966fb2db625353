//! The embedded engine: sled trees in one directory, owned by one process
//! (a lock file says so). Transactions run one at a time over what sled
//! holds and what the commits before them left (`overlay`); durability is
//! the engine's own write-ahead log (`wal`), one `fdatasync` shared by the
//! writers that commit meanwhile (`commit`), after which the commits go to
//! sled's trees and the journal's entries to files of their own
//! (`journal_file`); sled's files catch up at checkpoints.

mod commit;
mod journal;
pub mod journal_file;
pub(crate) mod migrate;
mod overlay;
pub(crate) mod queue;
mod txn;
mod wal;

use std::fs::File;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{OnceLock, RwLock};

use super::backup::BackupWriter;
use super::codec::{CodecError, SCHEMA, decode};
use super::engine::{Count, Engine, Flag, JournalHead, KeyValue, Rows};
use super::index::u64_of;
use super::journal::head_of;
use super::model::{Organisation, Person, Record, User};
use super::{Findings, StoreError};
use crate::domain::iin::Iin;

pub const TREES: [&str; 14] = [
    "meta",
    "orgs",
    "users",
    "apps",
    "journal",
    "counters",
    "index",
    "persons",
    "queues",
    "tickets",
    "windows",
    "appointments",
    "queue_meta",
    "views",
];

pub(crate) const HEAD: &[u8] = b"journal_head";
/// How far the journal's files are durable (`journal_file::Synced`), in
/// `meta`, written at each checkpoint.
pub(crate) const JOURNAL_SYNCED: &[u8] = b"journal_synced";
pub(crate) const SCHEMA_KEY: &[u8] = b"schema";
/// The kept counts, in `meta` (schema 6).
pub(crate) const APPS_COUNT: &[u8] = b"count/apps";
pub(crate) const PERSONS_COUNT: &[u8] = b"count/persons";

/// A flag's key in `meta`. The report cells' names their layout's version
/// (`store::cells::CELLS_VERSION`): cells of an older layout (keys without
/// the akimat, version 1 under `report_cells`) are not complete, so
/// reports read the applications until the cells are rebuilt.
pub(crate) fn flag_key(flag: Flag) -> &'static [u8] {
    match flag {
        Flag::PersonRegistryConnected => b"person_registry_connected",
        Flag::ReportCells => super::cells::CELLS_FLAG,
    }
}

impl From<::sled::Error> for StoreError {
    fn from(e: ::sled::Error) -> StoreError {
        StoreError::Io(e.to_string())
    }
}

struct Trees {
    meta: ::sled::Tree,
    orgs: ::sled::Tree,
    users: ::sled::Tree,
    apps: ::sled::Tree,
    journal: ::sled::Tree,
    counters: ::sled::Tree,
    index: ::sled::Tree,
    /// The person registry, keyed by the 12-digit IIN.
    persons: ::sled::Tree,
    /// The electronic queue (see `queue`).
    queues: ::sled::Tree,
    tickets: ::sled::Tree,
    windows: ::sled::Tree,
    appointments: ::sled::Tree,
    queue_meta: ::sled::Tree,
    /// The access log (`store::views`), keyed by IIN and a unique id.
    views: ::sled::Tree,
    /// The same trees in the order of `TREES` (the log names them so).
    by_id: Vec<::sled::Tree>,
}

pub struct SledEngine {
    path: PathBuf,
    db: ::sled::Db,
    t: Trees,
    /// Writers share it until their commit is applied; a backup takes it
    /// alone for a consistent snapshot.
    gate: RwLock<()>,
    /// Set when a durable commit could not be applied to sled's trees: they
    /// lack it until the store is opened again (which applies the log), so
    /// no commit after it is taken.
    stuck: OnceLock<String>,
    /// sled's data file, opened again to fdatasync it (see `sync`).
    data_file: File,
    commit: commit::GroupCommit,
    wal: wal::Wal,
    journal: journal_file::JournalFile,
    written: AtomicU64,
    _lock: File,
}

impl SledEngine {
    /// Opens an existing store, migrating an older schema.
    pub fn open(path: &Path) -> Result<SledEngine, StoreError> {
        match path.join("db").try_exists() {
            Ok(true) => {}
            Ok(false) => return Err(StoreError::Missing(path.to_path_buf())),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(StoreError::Denied(path.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        }
        let engine = SledEngine::open_raw(path)?;
        engine.migrate()?;
        Ok(engine)
    }

    /// Creates a new store; the location must be empty or absent.
    pub fn create(path: &Path) -> Result<SledEngine, StoreError> {
        refuse_non_empty(path)?;
        let engine = SledEngine::open_raw(path)?;
        engine.t.meta.insert(SCHEMA_KEY, &SCHEMA.to_le_bytes())?;
        engine.t.meta.insert(APPS_COUNT, &0u64.to_be_bytes())?;
        engine.t.meta.insert(PERSONS_COUNT, &0u64.to_be_bytes())?;
        Ok(engine)
    }

    /// A new store at `path` (which must be empty) holding a backup's tables.
    pub fn restore(
        path: &Path,
        tables: Vec<(String, Vec<KeyValue>)>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<SledEngine, StoreError> {
        refuse_non_empty(path)?;
        let engine = SledEngine::open_raw(path)?;
        let mut count = 0;
        for (name, kvs) in tables {
            if name == "journal" {
                engine.restore_journal(kvs, &mut count, progress)?;
                continue;
            }
            let tree = engine.db.open_tree(&name)?;
            let mut batch = ::sled::Batch::default();
            for (k, v) in kvs {
                batch.insert(k, v);
                count += 1;
                progress(count);
            }
            tree.apply_batch(batch)?;
        }
        engine.checkpoint()?;
        engine.migrate()?;
        Ok(engine)
    }

    fn open_raw(path: &Path) -> Result<SledEngine, StoreError> {
        std::fs::create_dir_all(path)?;
        let lock = File::create(path.join("qyzmet.lock"))?;
        if fs2::FileExt::try_lock_exclusive(&lock).is_err() {
            return Err(StoreError::Locked(path.to_path_buf()));
        }
        let db = open_db(path)?;
        let t = |name: &str| db.open_tree(name);
        let trees = Trees {
            meta: t("meta")?,
            orgs: t("orgs")?,
            users: t("users")?,
            apps: t("apps")?,
            journal: t("journal")?,
            counters: t("counters")?,
            index: t("index")?,
            persons: t("persons")?,
            queues: t("queues")?,
            tickets: t("tickets")?,
            windows: t("windows")?,
            appointments: t("appointments")?,
            queue_meta: t("queue_meta")?,
            views: t("views")?,
            by_id: TREES.iter().map(|name| t(name)).collect::<Result<_, _>>()?,
        };
        let applied = [&trees.meta, &trees.queue_meta]
            .iter()
            .map(|tree| Ok(tree.get(wal::WAL_SEQ)?.map_or(0, |v| u64_of(&v))))
            .collect::<Result<Vec<u64>, StoreError>>()?;
        let applied = applied.into_iter().max().unwrap_or(0);
        let synced = trees.meta.get(JOURNAL_SYNCED)?;
        let synced = synced.and_then(|s| journal_file::Synced::from_bytes(&s));
        let journal = journal_file::JournalFile::open(&path.join(journal_file::DIR), synced)?;
        let (wal, entries) = wal::Wal::open(path, applied)?;
        let engine = SledEngine {
            path: path.to_path_buf(),
            t: trees,
            data_file: File::open(path.join("db"))?,
            db,
            gate: RwLock::new(()),
            stuck: OnceLock::new(),
            commit: commit::GroupCommit::default(),
            wal,
            journal,
            written: AtomicU64::new(0),
            _lock: lock,
        };
        engine.move_journal_out_of_sled()?;
        engine.replay(entries)?;
        Ok(engine)
    }

    /// Makes everything written so far durable. sled 0.34.7 writes its log
    /// with `sync_file_range` on Linux, which neither flushes the drive's
    /// cache nor the file's metadata; an `fdatasync` of its file does both.
    ///
    /// sled's `flush` reads its current log buffer without pinning the
    /// epoch, while its flusher thread may retire that buffer (freed once the
    /// epoch moves on): a use-after-free that `backup_restore` hit once
    /// under AddressSanitizer (docs/SECURITY.md). Holding a pin across the
    /// call keeps the buffer alive.
    fn sync(&self) -> Result<(), StoreError> {
        let _epoch = ::sled::pin();
        self.db.flush()?;
        self.data_file.sync_data()?;
        Ok(())
    }

    /// sled's files made durable with every commit applied so far, and the
    /// marker saying so (`wal`).
    fn checkpoint(&self) -> Result<(), StoreError> {
        self.refuse_if_stuck()?;
        let upto = self.wal.applied_upto();
        self.sync_journal()?;
        self.sync()?;
        self.wal.mark(upto)
    }

    fn refuse_if_stuck(&self) -> Result<(), StoreError> {
        match self.stuck.get() {
            Some(why) => Err(StoreError::Stuck(why.clone())),
            None => Ok(()),
        }
    }

    /// After the commit with `ticket`: returns once it is durable (group
    /// commit of the log) and in sled's trees, then runs a checkpoint if
    /// one is due. A failed checkpoint does not undo a durable commit: it
    /// is tried again, and the log is not written over until one succeeds.
    fn durable_after_commit(&self, ticket: u64) -> Result<(), StoreError> {
        let checkpoint = || self.checkpoint();
        self.commit.wait(ticket, || {
            self.refuse_if_stuck()?;
            let commits = self.wal.write(&checkpoint)?;
            let Some(last) = commits.last().map(|c| c.seq) else {
                return Ok(());
            };
            if let Err(e) = self.apply(commits, journal_file::Appending::New) {
                let _ = self.stuck.set(e.to_string());
                return Err(e);
            }
            self.wal.applied(last);
            Ok(())
        })?;
        if let Err(e) = self.wal.checkpoint_if_due(&checkpoint) {
            tracing::warn!("a checkpoint of the store failed (tried again later): {e}");
        }
        Ok(())
    }

    fn read_count(&self, key: &[u8]) -> Result<u64, StoreError> {
        Ok(self.t.meta.get(key)?.map_or(0, |v| u64_of(&v)))
    }
}

/// A store closed cleanly leaves nothing in the log to apply on open.
impl Drop for SledEngine {
    fn drop(&mut self) {
        if self.stuck.get().is_none()
            && let Err(e) = self.checkpoint()
        {
            tracing::warn!("the store's last checkpoint failed (applied on open instead): {e}");
        }
    }
}

/// sled's page cache by default: 32 MiB. What fills it under load is
/// mostly pages written once (the journal's tail, records rewritten by each
/// act), and the server's memory grows until it is full: at 64 MiB a
/// 200-client soak grew for 7 minutes (6% from minute 5 to 10, 169 MiB at
/// the end), at 32 MiB it levelled off by minute 3 (3.6%, 135 MiB) with as
/// much work done (docs/PERFORMANCE.md, run 9; sled's own 1 GiB grew with
/// the store: run 8). `serve --cache-mb` chooses otherwise.
pub const DEFAULT_CACHE_BYTES: u64 = 32 << 20;

static CACHE_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_CACHE_BYTES);

/// The page cache of the stores this process opens from now on
/// (`qyzmet serve --cache-mb`).
pub fn set_cache_capacity(bytes: u64) {
    CACHE_BYTES.store(bytes, Ordering::Relaxed);
}

fn refuse_non_empty(path: &Path) -> Result<(), StoreError> {
    if path.exists() && std::fs::read_dir(path)?.next().is_some() {
        return Err(StoreError::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// Opens sled's database. Holding our own lock, no other Qyzmet process has
/// the store; sled's lock can still be held for a moment by a handle this
/// process just dropped (its flusher thread winds down), so retry briefly.
fn open_db(path: &Path) -> Result<::sled::Db, StoreError> {
    let mut tries = 0;
    let cache = CACHE_BYTES.load(Ordering::Relaxed);
    loop {
        match ::sled::Config::new()
            .path(path)
            .cache_capacity(cache)
            // Commits are durable through the engine's log; sled's files
            // need to catch up only at checkpoints, and a flush every half
            // second (sled's default) only competes with the commits.
            .flush_every_ms(None)
            .open()
        {
            Ok(db) => return Ok(db),
            // sled reports its file lock held as an `Other` error that names
            // it; a `Db` dropped just before (its flusher thread still
            // finishing) holds it for a moment, so wait a little.
            Err(::sled::Error::Io(io))
                if io.kind() == std::io::ErrorKind::WouldBlock
                    || io.to_string().contains("could not acquire lock") =>
            {
                tries += 1;
                if tries >= 120 {
                    return Err(StoreError::Locked(path.to_path_buf()));
                }
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => {
                return Err(StoreError::Io(format!(
                    "cannot open the store at {}: {e}",
                    path.display()
                )));
            }
        }
    }
}

fn decoded<T: serde::de::DeserializeOwned>(
    v: Option<::sled::IVec>,
) -> Result<Option<T>, StoreError> {
    Ok(v.map(|v| decode(&v)).transpose()?)
}

fn all<T: serde::de::DeserializeOwned>(tree: &::sled::Tree) -> Result<Vec<T>, StoreError> {
    tree.iter().map(|kv| Ok(decode(&kv?.1)?)).collect()
}

impl Engine for SledEngine {
    fn path(&self) -> &Path {
        &self.path
    }

    fn schema(&self) -> Result<u16, StoreError> {
        match self.t.meta.get(SCHEMA_KEY)? {
            Some(v) if v.len() == 2 => Ok(u16::from_le_bytes([v[0], v[1]])),
            _ => Err(StoreError::Codec(CodecError::Corrupt(
                "no schema version in meta".into(),
            ))),
        }
    }

    fn write(&self, body: super::engine::Body<'_>) -> super::engine::TxResult<()> {
        self.write_apps(body)
    }

    fn queue_write(
        &self,
        centre: &str,
        body: super::engine::QueueBody<'_>,
    ) -> super::engine::TxResult<()> {
        self.write_queue(centre, body)
    }

    fn durable(&self) -> Result<(), StoreError> {
        self.sync()
    }

    fn org(&self, code: &str) -> Result<Option<Organisation>, StoreError> {
        decoded(self.t.orgs.get(code)?)
    }

    fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        all(&self.t.orgs)
    }

    fn user(&self, login: &str) -> Result<Option<User>, StoreError> {
        decoded(self.t.users.get(login)?)
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        all(&self.t.users)
    }

    fn has_users(&self) -> Result<bool, StoreError> {
        Ok(self.t.users.first()?.is_some())
    }

    fn person(&self, iin: &Iin) -> Result<Option<Person>, StoreError> {
        decoded(self.t.persons.get(iin.to_string().as_bytes())?)
    }

    fn app(&self, id: u64) -> Result<Option<Record>, StoreError> {
        decoded(self.t.apps.get(id.to_be_bytes())?)
    }

    fn app_bytes(&self, id: u64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.t.apps.get(id.to_be_bytes())?.map(|v| v.to_vec()))
    }

    fn records(&self) -> Rows<'_, Record> {
        Box::new(self.t.apps.iter().map(|kv| Ok(decode(&kv?.1)?)))
    }

    fn index_value(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.t.index.get(key)?.map(|v| v.to_vec()))
    }

    fn index_from(&self, from: Bound<&[u8]>) -> Rows<'_, KeyValue> {
        let range = self.t.index.range::<&[u8], _>((from, Bound::Unbounded));
        Box::new(range.map(|kv| {
            let (k, v) = kv?;
            Ok((k.to_vec(), v.to_vec()))
        }))
    }

    fn journal_after(&self, after: u64) -> Rows<'_, (u64, Vec<u8>)> {
        Box::new(self.journal.after(after))
    }

    fn put_view(&self, prefix: &[u8], value: &[u8]) -> Result<(), StoreError> {
        let mut key = prefix.to_vec();
        key.extend(self.db.generate_id()?.to_be_bytes());
        self.t.views.insert(key, value)?;
        self.sync()
    }

    fn views_with(&self, prefix: &[u8]) -> Rows<'_, Vec<u8>> {
        Box::new(
            self.t
                .views
                .scan_prefix(prefix)
                .map(|kv| Ok(kv?.1.to_vec())),
        )
    }

    fn journal_head(&self) -> Result<Option<JournalHead>, StoreError> {
        // A malformed head reads as none: `check` reports it missing.
        Ok(self.t.meta.get(HEAD)?.and_then(|h| head_of(&h).ok()))
    }

    fn flag(&self, flag: Flag) -> Result<bool, StoreError> {
        Ok(self.t.meta.get(flag_key(flag))?.is_some())
    }

    fn set_flag(&self, flag: Flag) -> Result<(), StoreError> {
        self.t.meta.insert(flag_key(flag), &[1u8])?;
        self.sync()
    }

    fn count(&self, what: Count) -> Result<u64, StoreError> {
        match what {
            Count::Applications => self.read_count(APPS_COUNT),
            Count::Persons => self.read_count(PERSONS_COUNT),
            Count::JournalEntries => Ok(self.journal_head()?.map_or(0, |h| h.seq)),
        }
    }

    fn counter(&self, name: &str) -> Result<u64, StoreError> {
        Ok(self.t.counters.get(name)?.map_or(0, |v| u64_of(&v)))
    }

    fn bytes_written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    fn commits_and_syncs(&self) -> (u64, u64) {
        self.commit.figures()
    }

    fn queue_config(
        &self,
        centre: &str,
    ) -> Result<Option<crate::domain::queue::QueueConfig>, StoreError> {
        decoded(self.t.queues.get(centre.as_bytes())?)
    }

    fn tickets(
        &self,
        centre: &str,
        day: chrono::NaiveDate,
    ) -> Result<Vec<crate::domain::queue::Ticket>, StoreError> {
        self.read_tickets(centre, day)
    }

    fn ticket(
        &self,
        centre: &str,
        r: &crate::domain::queue::TicketRef,
    ) -> Result<Option<crate::domain::queue::Ticket>, StoreError> {
        decoded(
            self.t
                .tickets
                .get(queue::ticket_key(centre, r.day, &r.number))?,
        )
    }

    fn windows(&self, centre: &str) -> Result<Vec<crate::domain::queue::WindowStatus>, StoreError> {
        self.read_windows(centre)
    }

    fn appointment(
        &self,
        code: &str,
    ) -> Result<Option<crate::domain::queue::Appointment>, StoreError> {
        decoded(self.t.appointments.get(code.as_bytes())?)
    }

    fn queue_revision(&self, centre: &str) -> Result<u64, StoreError> {
        Ok(self
            .t
            .queue_meta
            .get(queue::rev_key(centre))?
            .map_or(0, |v| u64_of(&v)))
    }

    fn check_storage(&self) -> Result<Findings, StoreError> {
        let mut findings = self.check_persons()?;
        findings.extend(self.check_queue()?);
        Ok(findings)
    }

    fn backup(
        &self,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64, StoreError> {
        let _g = self.gate.write().expect("gate");
        let mut w = BackupWriter::new(out)?;
        for name in TREES {
            if name == "journal" {
                self.backup_journal(&mut w, progress)?;
                continue;
            }
            let tree = self.db.open_tree(name)?;
            w.table(name, tree.len() as u64)?;
            for kv in tree.iter() {
                let (k, v) = kv?;
                w.entry(&k, &v)?;
                progress(w.entries);
            }
        }
        w.finish()
    }
}

impl SledEngine {
    /// Every person filed under their own IIN, and the kept count right.
    fn check_persons(&self) -> Result<Findings, StoreError> {
        let rows = self.t.persons.iter().map(|kv| {
            kv.map(|(k, v)| (k.to_vec(), v.to_vec()))
                .map_err(StoreError::from)
        });
        super::layout_check::persons(Box::new(rows), self.read_count(PERSONS_COUNT)?)
    }
}

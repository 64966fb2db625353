//! The embedded store: sled trees, one transaction per state change, flushed
//! to disk before success is reported.

pub mod codec;
pub mod model;
pub mod queue;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use chrono::{Datelike, NaiveDateTime};
use sha2::{Digest, Sha256};
use sled::Transactional;
use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};

use codec::{CodecError, SCHEMA, decode, encode};
use model::{
    JournalEntry, JournalKind, JournalWhat, Organisation, OrganisationV1, OrganisationV3, Person,
    Record, Summary, User, UserV1,
};

use crate::domain::catalog::Catalog;
use crate::domain::iin::Iin;
use crate::domain::route::{Event, EventKind, Status};

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
    #[error("{0}")]
    Codec(#[from] CodecError),
    #[error("storage error: {0}")]
    Io(String),
    #[error("{0}")]
    Conflict(String),
    /// The caller saw an older version: someone acted meanwhile.
    #[error("application {number} changed meanwhile (last by {by}); look at it again")]
    Stale { number: String, by: String },
    #[error("{0}")]
    Rejected(String),
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> StoreError {
        StoreError::Io(e.to_string())
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        StoreError::Io(e.to_string())
    }
}

/// The error of a sled write that cannot abort by itself: the helpers that
/// write inside a transaction return it, and it converts into any abort type.
type TxResult<T> = Result<T, UnabortableTransactionError>;

/// Aborts a transaction with the caller's error type.
fn abort<E: From<StoreError>>(e: StoreError) -> ConflictableTransactionError<E> {
    ConflictableTransactionError::Abort(E::from(e))
}

fn unwrap_tx<T, E: From<StoreError>>(r: Result<T, TransactionError<E>>) -> Result<T, E> {
    r.map_err(|e| match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => E::from(e.into()),
    })
}

const HEAD: &[u8] = b"journal_head";
const SCHEMA_KEY: &[u8] = b"schema";
/// Set once an administrator imported a registry file (`person import`).
const REGISTRY_CONNECTED_KEY: &[u8] = b"person_registry_connected";

/// The trees a transition touches, in one transaction.
struct Tx<'a> {
    meta: &'a TransactionalTree,
    apps: &'a TransactionalTree,
    journal: &'a TransactionalTree,
    counters: &'a TransactionalTree,
    index: &'a TransactionalTree,
}

pub struct Store {
    path: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    orgs: sled::Tree,
    users: sled::Tree,
    apps: sled::Tree,
    journal: sled::Tree,
    counters: sled::Tree,
    index: sled::Tree,
    /// The person registry, keyed by the 12-digit IIN.
    persons: sled::Tree,
    /// The electronic queue (see `queue`).
    queues: sled::Tree,
    tickets: sled::Tree,
    windows: sled::Tree,
    appointments: sled::Tree,
    queue_meta: sled::Tree,
    /// Writers share it; a backup takes it alone for a consistent snapshot.
    gate: RwLock<()>,
    /// sled's data file, opened again to fsync it (see `durable`).
    data_file: File,
    _lock: File,
}

/// What to ask of the counters inside a transition: a number in a journal.
#[derive(Debug, Clone)]
pub struct NumberRequest {
    pub org: String,
    pub kind: JournalKind,
    pub year: i32,
}

/// A page of an index scan and the cursor for the next one (None at the end).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub ids: Vec<u64>,
    pub next: Option<Vec<u8>>,
}

/// A problem `check` found.
pub type Findings = Vec<String>;

pub const TREES: [&str; 13] = [
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
];

impl Store {
    /// Opens an existing store.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.join("db").exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let store = Store::open_raw(path)?;
        store.migrate()?;
        Ok(store)
    }

    /// Creates a new store; the location must be empty or absent.
    pub fn create(path: &Path, at: NaiveDateTime) -> Result<Store, StoreError> {
        if path.exists() && std::fs::read_dir(path)?.next().is_some() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        let store = Store::open_raw(path)?;
        store.meta.insert(SCHEMA_KEY, &SCHEMA.to_le_bytes())?;
        store.append_admin(JournalWhat::StoreCreated, "system", at)?;
        Ok(store)
    }

    fn open_raw(path: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(path)?;
        let lock = File::create(path.join("qyzmet.lock"))?;
        if fs2::FileExt::try_lock_exclusive(&lock).is_err() {
            return Err(StoreError::Locked(path.to_path_buf()));
        }
        // Holding our own lock, no other Qyzmet process has the store; sled's
        // lock can still be held for a moment by a handle this process just
        // dropped (its flusher thread winds down), so retry briefly.
        let mut tries = 0;
        let db = loop {
            match sled::Config::new().path(path).open() {
                Ok(db) => break db,
                Err(sled::Error::Io(io)) if io.kind() == std::io::ErrorKind::WouldBlock => {
                    tries += 1;
                    if tries >= 40 {
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
        };
        let t = |name: &str| db.open_tree(name);
        Ok(Store {
            path: path.to_path_buf(),
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
            data_file: File::open(path.join("db"))?,
            db,
            gate: RwLock::new(()),
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema(&self) -> Result<u16, StoreError> {
        match self.meta.get(SCHEMA_KEY)? {
            Some(v) if v.len() == 2 => Ok(u16::from_le_bytes([v[0], v[1]])),
            _ => Err(StoreError::Codec(CodecError::Corrupt(
                "no schema version in meta".into(),
            ))),
        }
    }

    /// Brings a store written by an older schema up to date, in one go.
    fn migrate(&self) -> Result<(), StoreError> {
        let from = self.schema()?;
        if from > SCHEMA {
            return Err(CodecError::Newer(from).into());
        }
        if from == SCHEMA {
            return Ok(());
        }
        // 1 -> 2: users gain OS mapping and lockout fields, organisations
        // their service list.
        for kv in self.users.iter() {
            let (k, v) = kv?;
            if codec::schema_of(&v)? == 1 {
                let old: UserV1 = codec::decode_body(&v)?;
                self.users.insert(k, encode(&User::from(old)))?;
            }
        }
        // 4 -> 5: organisations gain their English name.
        for kv in self.orgs.iter() {
            let (k, v) = kv?;
            let org = match codec::schema_of(&v)? {
                1 => Organisation::from(codec::decode_body::<OrganisationV1>(&v)?),
                2..=4 => Organisation::from(codec::decode_body::<OrganisationV3>(&v)?),
                _ => continue,
            };
            self.orgs.insert(k, encode(&org))?;
        }
        // Every other value only gets the new header. Counters and the
        // index's ids are raw bytes (big-endian numbers), without a header.
        for tree in [
            &self.apps,
            &self.journal,
            &self.users,
            &self.orgs,
            &self.persons,
        ] {
            for kv in tree.iter() {
                let (k, v) = kv?;
                if v.len() >= 2 && codec::schema_of(&v)? < SCHEMA {
                    let mut nv = SCHEMA.to_le_bytes().to_vec();
                    nv.extend_from_slice(&v[2..]);
                    tree.insert(k, nv)?;
                }
            }
        }
        self.migrate_queue_headers()?;
        // 2 -> 3: work-queue index entries carry the application's summary;
        // 3 -> 4: registration numbers given along the route are indexed;
        // every later bump writes them again under the current header.
        if from < SCHEMA {
            for rec in self.records() {
                for (k, v) in index_entries(&rec?) {
                    self.index.insert(k, v)?;
                }
            }
        }
        self.meta.insert(SCHEMA_KEY, &SCHEMA.to_le_bytes())?;
        self.durable()?;
        Ok(())
    }

    /// Makes everything written so far durable (a server's last act).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.durable()
    }

    /// Makes everything written so far durable. sled 0.34.7 writes its log
    /// with `sync_file_range` on Linux, which neither flushes the drive's
    /// cache nor the file's metadata; an `fdatasync` of its file does both.
    fn durable(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        self.data_file.sync_data()?;
        Ok(())
    }

    // ---- organisations and users

    pub fn org(&self, code: &str) -> Result<Option<Organisation>, StoreError> {
        Ok(self.orgs.get(code)?.map(|v| decode(&v)).transpose()?)
    }

    pub fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        self.orgs.iter().map(|kv| Ok(decode(&kv?.1)?)).collect()
    }

    pub fn user(&self, login: &str) -> Result<Option<User>, StoreError> {
        Ok(self.users.get(login)?.map(|v| decode(&v)).transpose()?)
    }

    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        self.users.iter().map(|kv| Ok(decode(&kv?.1)?)).collect()
    }

    /// Writes an organisation and its journal entry in one transaction.
    pub fn put_org(
        &self,
        org: &Organisation,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let _g = self.gate.read().expect("gate");
        let what = JournalWhat::OrgAdded {
            code: org.code.clone(),
        };
        unwrap_tx::<_, StoreError>((&self.orgs, &self.meta, &self.journal).transaction(
            |(orgs, meta, journal)| {
                orgs.insert(org.code.as_bytes(), encode(org))?;
                append(meta, journal, admin_entry(what.clone(), by, at))?;
                Ok(())
            },
        ))?;
        self.durable()
    }

    /// Writes a user with the journal entry saying what changed.
    pub fn put_user(
        &self,
        user: &User,
        what: JournalWhat,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let _g = self.gate.read().expect("gate");
        unwrap_tx::<_, StoreError>((&self.users, &self.meta, &self.journal).transaction(
            |(users, meta, journal)| {
                users.insert(user.login.as_bytes(), encode(user))?;
                append(meta, journal, admin_entry(what.clone(), by, at))?;
                Ok(())
            },
        ))?;
        self.durable()
    }

    /// Whether the store has any user (none: a fresh store, the TUI offers the demo).
    pub fn has_users(&self) -> Result<bool, StoreError> {
        Ok(self.users.first()?.is_some())
    }

    /// Reads user `login` and writes what `change` makes of it, in one
    /// transaction: `change` gets the user as stored now (None: no such user)
    /// and returns the user to write (None: leave it), the journal entry to
    /// append (None: none) and its answer. An error from `change` aborts:
    /// nothing is written. `change` may run more than once (conflicts retry).
    pub fn update_user<T, E: From<StoreError>>(
        &self,
        login: &str,
        by: &str,
        at: NaiveDateTime,
        change: impl Fn(Option<User>) -> Result<(Option<User>, Option<JournalWhat>, T), E>,
    ) -> Result<T, E> {
        let _g = self.gate.read().expect("gate");
        let out = unwrap_tx((&self.users, &self.meta, &self.journal).transaction(
            |(users, meta, journal)| {
                let current: Option<User> = match users.get(login.as_bytes())? {
                    Some(v) => Some(decode(&v).map_err(|e| abort(e.into()))?),
                    None => None,
                };
                let (user, what, out) =
                    change(current).map_err(ConflictableTransactionError::Abort)?;
                if let Some(user) = user {
                    if user.login != login {
                        return Err(abort(StoreError::Rejected(format!(
                            "user {login} cannot be rewritten as {}",
                            user.login
                        ))));
                    }
                    users.insert(login.as_bytes(), encode(&user))?;
                }
                if let Some(what) = what {
                    append(meta, journal, admin_entry(what, by, at))?;
                }
                Ok(out)
            },
        ))?;
        self.durable()?;
        Ok(out)
    }

    fn append_admin(
        &self,
        what: JournalWhat,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let _g = self.gate.read().expect("gate");
        unwrap_tx::<_, StoreError>((&self.meta, &self.journal).transaction(|(meta, journal)| {
            append(meta, journal, admin_entry(what.clone(), by, at))?;
            Ok(())
        }))?;
        self.durable()
    }

    // ---- the person registry

    /// Writes a batch of persons (new ones added, known IINs updated) and one
    /// journal entry for the batch, in one transaction. An empty batch writes
    /// nothing.
    pub fn put_persons(
        &self,
        persons: &[Person],
        by: &str,
        at: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        if persons.is_empty() {
            return Ok(0);
        }
        let _g = self.gate.read().expect("gate");
        let what = JournalWhat::PersonsImported {
            count: persons.len() as u64,
        };
        unwrap_tx::<_, StoreError>((&self.persons, &self.meta, &self.journal).transaction(
            |(tree, meta, journal)| {
                for p in persons {
                    tree.insert(p.iin.to_string().as_bytes(), encode(p))?;
                }
                append(meta, journal, admin_entry(what.clone(), by, at))?;
                Ok(())
            },
        ))?;
        self.durable()?;
        Ok(persons.len())
    }

    pub fn person(&self, iin: &Iin) -> Result<Option<Person>, StoreError> {
        Ok(self
            .persons
            .get(iin.to_string().as_bytes())?
            .map(|v| decode(&v))
            .transpose()?)
    }

    pub fn person_count(&self) -> usize {
        self.persons.len()
    }

    // ---- the person registry as ГБД ФЛ's stand-in (issue 13, routes)

    /// Marks the registry as the stand-in of ГБД ФЛ, checked at State
    /// Corporation intake from now on; durable before it returns.
    pub fn connect_person_registry(&self) -> Result<(), StoreError> {
        self.meta.insert(REGISTRY_CONNECTED_KEY, &[1u8])?;
        self.durable()
    }

    pub fn person_registry_connected(&self) -> Result<bool, StoreError> {
        Ok(self.meta.get(REGISTRY_CONNECTED_KEY)?.is_some())
    }

    // ---- applications

    pub fn app(&self, id: u64) -> Result<Option<Record>, StoreError> {
        Ok(self
            .apps
            .get(id.to_be_bytes())?
            .map(|v| decode(&v))
            .transpose()?)
    }

    /// The application by its own number, or by any registration number it
    /// was given along the way (incoming, outgoing): every number a person
    /// sees on a paper finds it.
    pub fn app_by_number(&self, number: &str) -> Result<Option<Record>, StoreError> {
        for kind in [&b"n"[..], b"r"] {
            if let Some(id) = self.index.get(key(&[kind, number.as_bytes()]))? {
                return self.app(u64_of(&id));
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
        let range = match after {
            // Strictly after the cursor key.
            Some(a) => self
                .index
                .range::<&[u8], _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded)),
            None => self.index.range::<&[u8], _>(p.as_slice()..),
        };
        let mut page = Page::default();
        for kv in range {
            let (k, _) = kv?;
            if !k.starts_with(&p) {
                break;
            }
            if page.ids.len() >= limit {
                return Ok(page);
            }
            page.ids.push(u64_of(&k[k.len() - 8..]));
            page.next = Some(k.to_vec());
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
        for kv in self.index.scan_prefix(&p) {
            let (k, v) = kv?;
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
        Ok(self
            .meta
            .get(HEAD)?
            .map_or(0, |h| u64_of(&h[..8.min(h.len())])))
    }

    /// All application records, in id order (for `check`, lists, exports).
    pub fn records(&self) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        self.apps.iter().map(|kv| Ok(decode(&kv?.1)?))
    }

    pub fn app_count(&self) -> usize {
        self.apps.len()
    }

    /// Stores a new application. `make` receives the new id and the intake
    /// number (allocated in the same transaction, so numbers stay gapless).
    pub fn insert_app<E: From<StoreError>>(
        &self,
        number: &NumberRequest,
        make: impl Fn(u64, String) -> Result<Record, E>,
    ) -> Result<Record, E> {
        self.write_tx(|tx| {
            let id = next_counter(tx.counters, b"app_id")?;
            let n = allocate(tx.counters, number)?;
            let rec = make(id, n).map_err(ConflictableTransactionError::Abort)?;
            if tx.index.get(key(&[b"n", rec.number.as_bytes()]))?.is_some() {
                let taken = format!("number {} is taken", rec.number);
                return Err(abort(StoreError::Conflict(taken)));
            }
            write_record(tx, None, &rec)?;
            Ok(rec)
        })
    }

    /// Applies `change` to application `id` if it is still at `version`;
    /// `number` asks for a registration number to hand to `change`. An error
    /// from `change` aborts the transaction: nothing is written and no number
    /// is used up.
    pub fn transition<E: From<StoreError>>(
        &self,
        id: u64,
        version: Option<u64>,
        number: Option<&NumberRequest>,
        change: impl Fn(&mut Record, Option<String>) -> Result<(), E>,
    ) -> Result<Record, E> {
        self.write_tx(|tx| {
            let old: Record = match tx.apps.get(id.to_be_bytes())? {
                Some(v) => decode(&v).map_err(|e| abort(e.into()))?,
                None => {
                    return Err(abort(StoreError::Rejected(format!(
                        "no application with id {id}"
                    ))));
                }
            };
            if version.is_some_and(|v| v != old.app.version) {
                return Err(abort(stale(&old)));
            }
            let n = number.map(|req| allocate(tx.counters, req)).transpose()?;
            let mut new = old.clone();
            change(&mut new, n).map_err(ConflictableTransactionError::Abort)?;
            write_record(tx, Some(&old), &new)?;
            Ok(new)
        })
    }

    /// One durable transaction over the trees an application change touches:
    /// writers share the backup gate, and success means flushed and synced.
    fn write_tx<T, E: From<StoreError>>(
        &self,
        f: impl Fn(&Tx<'_>) -> Result<T, ConflictableTransactionError<E>>,
    ) -> Result<T, E> {
        let _g = self.gate.read().expect("gate");
        let trees = (
            &self.meta,
            &self.apps,
            &self.journal,
            &self.counters,
            &self.index,
        );
        let out = unwrap_tx(trees.transaction(|(meta, apps, journal, counters, index)| {
            f(&Tx {
                meta,
                apps,
                journal,
                counters,
                index,
            })
        }))?;
        self.durable()?;
        Ok(out)
    }

    // ---- journal

    pub fn journal(&self) -> impl Iterator<Item = Result<JournalEntry, StoreError>> + '_ {
        self.journal.iter().map(|kv| Ok(decode(&kv?.1)?))
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
        for kv in self.journal.range((after + 1).to_be_bytes()..) {
            let e: JournalEntry = decode(&kv?.1)?;
            ids.extend(e.app);
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(Some(ids))
    }

    pub fn journal_len(&self) -> usize {
        self.journal.len()
    }

    /// Verifies the hash chain: gapless sequence, every link and every hash.
    pub fn verify_journal(&self) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        let mut prev = [0u8; 32];
        let mut expected_seq = 1;
        for kv in self.journal.iter() {
            let (k, v) = kv?;
            let e: JournalEntry = match decode(&v) {
                Ok(e) => e,
                Err(err) => {
                    findings.push(format!("journal entry {}: {err}", u64_of(&k)));
                    continue;
                }
            };
            if u64_of(&k) != e.seq {
                findings.push(format!(
                    "journal entry under key {} claims seq {}",
                    u64_of(&k),
                    e.seq
                ));
            }
            if e.seq != expected_seq {
                findings.push(format!(
                    "journal entry {} missing (next is {})",
                    expected_seq, e.seq
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
            expected_seq = e.seq + 1;
        }
        match self.meta.get(HEAD)? {
            Some(h) if h.len() == 40 => {
                if u64_of(&h[..8]) != expected_seq - 1 || h[8..] != prev {
                    findings.push(format!(
                        "journal ends at entry {} but the head says {} (entries removed from the end?)",
                        expected_seq - 1,
                        u64_of(&h[..8])
                    ));
                }
            }
            _ if expected_seq == 1 => {}
            _ => findings.push("journal head missing".into()),
        }
        Ok(findings)
    }

    /// Every index against the primary records, the journal chain, the
    /// counters, and every person of the registry under its own IIN.
    pub fn check(&self, mut progress: impl FnMut(u64)) -> Result<Findings, StoreError> {
        let mut findings = self.verify_journal()?;
        let mut expected = std::collections::BTreeMap::new();
        let mut max_id = 0;
        for (i, r) in self.records().enumerate() {
            progress(i as u64);
            let rec = match r {
                Ok(r) => r,
                Err(e) => {
                    findings.push(format!("application record: {e}"));
                    continue;
                }
            };
            max_id = max_id.max(rec.id);
            if rec.app.version != rec.app.history.len() as u64 {
                findings.push(format!(
                    "{}: version does not match its history",
                    rec.number
                ));
            }
            expected.extend(index_entries(&rec));
        }
        let mut actual = std::collections::BTreeMap::new();
        for kv in self.index.iter() {
            let (k, v) = kv?;
            actual.insert(k.to_vec(), v.to_vec());
        }
        for (k, v) in &expected {
            match actual.get(k) {
                None => findings.push(format!("index entry missing: {}", show_key(k))),
                Some(a) if a != v => {
                    findings.push(format!("index entry out of date: {}", show_key(k)))
                }
                Some(_) => {}
            }
        }
        for k in actual.keys().filter(|k| !expected.contains_key(*k)) {
            findings.push(format!("index entry without a record: {}", show_key(k)));
        }
        let next_id = self.counters.get(b"app_id")?.map_or(0, |v| u64_of(&v));
        if next_id < max_id {
            findings.push(format!(
                "application id counter {next_id} is behind the highest id {max_id}"
            ));
        }
        for kv in self.persons.iter() {
            let (k, v) = kv?;
            match decode::<Person>(&v) {
                Ok(p) if p.iin.to_string().as_bytes() == &*k => {}
                Ok(p) => findings.push(format!("person {} is filed under {}", p.iin, show_key(&k))),
                Err(e) => findings.push(format!("person {}: {e}", show_key(&k))),
            }
        }
        findings.extend(self.check_queue()?);
        Ok(findings)
    }

    /// Every application against its catalogue entry: the invariants of its
    /// state, and its history replayed against its route (no step outside the
    /// route, status as the last step leaves it).
    pub fn check_routes(&self, catalog: &Catalog) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        for rec in self.records() {
            let Ok(rec) = rec else {
                continue; // `check` reports undecodable records.
            };
            let Some(service) = catalog.get(&rec.app.service) else {
                findings.push(format!(
                    "{}: service {} is not in the catalogue",
                    rec.number, rec.app.service
                ));
                continue;
            };
            if let Err(why) = rec
                .app
                .check_invariants(service)
                .and_then(|()| rec.app.check_history(service))
            {
                findings.push(format!("{}: {why}", rec.number));
            }
        }
        Ok(findings)
    }

    // ---- backup and restore

    /// Writes a consistent snapshot of every tree to `out` (writers wait meanwhile).
    pub fn backup(
        &self,
        out: &mut impl std::io::Write,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, StoreError> {
        let _g = self.gate.write().expect("gate");
        let mut hasher = Sha256::new();
        let mut count = 0u64;
        let mut put = |out: &mut dyn std::io::Write, bytes: &[u8]| -> Result<(), StoreError> {
            out.write_all(bytes)?;
            hasher.update(bytes);
            Ok(())
        };
        put(out, BACKUP_MAGIC)?;
        for name in TREES {
            let tree = self.db.open_tree(name)?;
            put(out, &(name.len() as u32).to_le_bytes())?;
            put(out, name.as_bytes())?;
            put(out, &(tree.len() as u64).to_le_bytes())?;
            for kv in tree.iter() {
                let (k, v) = kv?;
                put(out, &(k.len() as u32).to_le_bytes())?;
                put(out, &k)?;
                put(out, &(v.len() as u32).to_le_bytes())?;
                put(out, &v)?;
                count += 1;
                progress(count);
            }
        }
        out.write_all(&hasher.finalize())?;
        out.flush()?;
        Ok(count)
    }

    /// Restores a backup into a new store at `path` (which must be empty).
    pub fn restore(
        path: &Path,
        input: &[u8],
        at: NaiveDateTime,
        mut progress: impl FnMut(u64),
    ) -> Result<Store, StoreError> {
        let bad = |why: &str| StoreError::Rejected(format!("not a valid Qyzmet backup: {why}"));
        if input.len() < BACKUP_MAGIC.len() + 32 || !input.starts_with(BACKUP_MAGIC) {
            return Err(bad("wrong header"));
        }
        let (body, sum) = input.split_at(input.len() - 32);
        if Sha256::digest(body).as_slice() != sum {
            return Err(bad("checksum mismatch (damaged or truncated)"));
        }
        // Parse everything before creating anything, so a bad file writes nothing.
        let mut trees: Vec<(String, Vec<KeyValue>)> = Vec::new();
        let mut r = Reader {
            buf: body,
            pos: BACKUP_MAGIC.len(),
        };
        while r.pos < body.len() {
            let name = String::from_utf8(
                r.chunk()
                    .ok_or_else(|| bad("truncated tree name"))?
                    .to_vec(),
            )
            .map_err(|_| bad("tree name"))?;
            if !TREES.contains(&name.as_str()) {
                return Err(bad(&format!("unknown tree {name}")));
            }
            let n = r.u64().ok_or_else(|| bad("truncated count"))?;
            let mut kvs = Vec::new();
            for _ in 0..n {
                let k = r.chunk().ok_or_else(|| bad("truncated key"))?.to_vec();
                let v = r.chunk().ok_or_else(|| bad("truncated value"))?.to_vec();
                kvs.push((k, v));
            }
            trees.push((name, kvs));
        }
        if path.exists() && std::fs::read_dir(path)?.next().is_some() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        let store = Store::open_raw(path)?;
        let mut count = 0;
        for (name, kvs) in trees {
            let tree = store.db.open_tree(&name)?;
            let mut batch = sled::Batch::default();
            for (k, v) in kvs {
                batch.insert(k, v);
                count += 1;
                progress(count);
            }
            tree.apply_batch(batch)?;
        }
        store.durable()?;
        store.migrate()?;
        let from = format!("backup of {} entries", count);
        store.append_admin(JournalWhat::Restored { from }, "system", at)?;
        Ok(store)
    }
}

const BACKUP_MAGIC: &[u8] = b"QYZMET-BACKUP-1\n";

/// One key and its value, as a backup holds them.
type KeyValue = (Vec<u8>, Vec<u8>);

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

fn u64_of(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    let n = b.len().min(8);
    a[8 - n..].copy_from_slice(&b[b.len() - n..]);
    u64::from_be_bytes(a)
}

fn key(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(&b'/')
}

fn show_key(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// The index entries a record should have: keys, and the values of the
/// work-queue entries (`q/`, `a/`), which carry the record's `Summary`.
pub fn index_entries(rec: &Record) -> Vec<(Vec<u8>, Vec<u8>)> {
    let id = rec.id.to_be_bytes();
    let app = &rec.app;
    let mut out = vec![(key(&[b"n", rec.number.as_bytes()]), id.to_vec())];
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
    if let Some(h) = &app.holder {
        let summary = encode(&Summary::of(rec));
        if let Some(org) = rec.orgs.org_for(h.actor.org) {
            // Work queue: organisation / role / what is to be done, so a
            // clerk's inbox (register) and outbox (dispatch) are one scan each.
            out.push((
                key(&[
                    b"q",
                    org.as_bytes(),
                    h.actor.role.as_str().as_bytes(),
                    h.action.as_str().as_bytes(),
                    &id,
                ]),
                summary.clone(),
            ));
        }
        if let Some(login) = &h.login {
            out.push((key(&[b"a", login.as_bytes(), &id]), summary));
        }
    }
    if let Some(due) = app.step_due.filter(|_| app.status == Status::InProgress) {
        let t = (due.and_utc().timestamp() as u64) ^ (1 << 63);
        out.push((key(&[b"d", &t.to_be_bytes(), &id]), vec![]));
    }
    out
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

/// The keys of `index_entries`.
pub fn index_keys(rec: &Record) -> Vec<Vec<u8>> {
    index_entries(rec).into_iter().map(|(k, _)| k).collect()
}

fn write_record(tx: &Tx<'_>, old: Option<&Record>, new: &Record) -> TxResult<()> {
    let entries = index_entries(new);
    if let Some(old) = old {
        for (k, _) in index_entries(old) {
            if !entries.iter().any(|(n, _)| *n == k) {
                tx.index.remove(k)?;
            }
        }
    }
    for (k, v) in entries {
        tx.index.insert(k, v)?;
    }
    tx.apps.insert(&new.id.to_be_bytes(), encode(new))?;
    let seen = old.map_or(0, |o| o.app.history.len());
    for e in &new.app.history[seen..] {
        append(tx.meta, tx.journal, event_entry(new, e))?;
    }
    Ok(())
}

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

fn admin_entry(what: JournalWhat, by: &str, at: NaiveDateTime) -> JournalEntry {
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

fn entry_hash(e: &JournalEntry) -> [u8; 32] {
    entry_hash_as(SCHEMA, e)
}

fn entry_hash_as(schema: u16, e: &JournalEntry) -> [u8; 32] {
    let mut unhashed = e.clone();
    unhashed.hash = [0; 32];
    let mut h = Sha256::new();
    h.update(e.prev_hash);
    h.update(codec::encode_as(schema, &unhashed));
    h.finalize().into()
}

/// Appends to the journal inside a transaction: the head key serialises
/// concurrent appenders, so the sequence is gapless and the chain unbroken.
fn append(
    meta: &TransactionalTree,
    journal: &TransactionalTree,
    mut e: JournalEntry,
) -> TxResult<()> {
    let (seq, prev) = match meta.get(HEAD)? {
        Some(h) if h.len() == 40 => (u64_of(&h[..8]) + 1, h[8..].try_into().expect("32 bytes")),
        _ => (1, [0u8; 32]),
    };
    e.seq = seq;
    e.prev_hash = prev;
    e.hash = entry_hash(&e);
    journal.insert(&seq.to_be_bytes(), encode(&e))?;
    let mut head = seq.to_be_bytes().to_vec();
    head.extend(e.hash);
    meta.insert(HEAD, head)?;
    Ok(())
}

fn next_counter(counters: &TransactionalTree, name: &[u8]) -> TxResult<u64> {
    let n = counters.get(name)?.map_or(0, |v| u64_of(&v)) + 1;
    counters.insert(name, &n.to_be_bytes())?;
    Ok(n)
}

/// The next number in an organisation's journal for a year, e.g. KRG-ED-2026-000123.
fn allocate(counters: &TransactionalTree, req: &NumberRequest) -> TxResult<String> {
    let name = format!("{}/{}/{}", req.org, req.kind.tag(), req.year);
    let n = next_counter(counters, name.as_bytes())?;
    Ok(match req.kind {
        JournalKind::Outgoing => format!("{}-OUT-{}-{n:06}", req.org, req.year),
        JournalKind::Incoming | JournalKind::Intake => format!("{}-{}-{n:06}", req.org, req.year),
    })
}

impl NumberRequest {
    pub fn new(org: &str, kind: JournalKind, at: NaiveDateTime) -> NumberRequest {
        NumberRequest {
            org: org.to_string(),
            kind,
            year: at.year(),
        }
    }
}

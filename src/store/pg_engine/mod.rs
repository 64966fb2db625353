//! The PostgreSQL engine: the store in a database many `qyzmet serve` nodes
//! share, chosen by a `postgres://` URL where a store path goes.
//!
//! - **Layout** (`schema`): one table per tree of the embedded store, the
//!   same keys and values as bytes, in the schema `qyzmet`, created and
//!   migrated by the program (`qyzmet.migrations`); values of an older
//!   schema are migrated as the store opens (`values`); a newer layout or a
//!   newer value schema is refused.
//! - **Transactions** (`txn`): each state change is one transaction at READ
//!   COMMITTED with explicit row locks. Reading an application or a user
//!   inside a change takes its row (`SELECT … FOR UPDATE`), so a second
//!   writer waits and then sees the first one's version: a stale act is
//!   refused, never lost; an index entry read inside a change (a report
//!   cell it adds to) is locked the same way, and a missing one by an
//!   advisory lock on its key, so two first additions do not overwrite
//!   each other. A draw is `INSERT … ON CONFLICT DO UPDATE …
//!   RETURNING` on its counter row, which stays locked until commit: numbers
//!   are unique, and gapless because a change that rolls back takes its draw
//!   with it. Every journal append locks the chain's head row (`SELECT …
//!   FOR UPDATE`, then the entry and the new head in one statement), so the
//!   journal is one gapless sequence whose every entry links to the one
//!   committed before it, exactly as on sled. A queue change first raises
//!   its centre's revision row, which puts that centre's writers in line.
//!   Serialization failures and deadlocks (40001, 40P01) and a first insert
//!   raced by another (23505) run the body again (`TxFail::Retry`).
//! - **Durability**: every connection runs with `synchronous_commit=on`
//!   (unless the URL asks for `remote_apply`), so a commit returns after its
//!   WAL is flushed (and, with a synchronous standby, flushed there too); a
//!   server with `fsync` off is refused.
//! - **Backup** (`copy`): one REPEATABLE READ READ ONLY transaction, a
//!   consistent snapshot while writers carry on; restore loads a backup of
//!   either engine with COPY in one transaction.
//! - **Several nodes** (`listen`): a change that wrote an application or a
//!   queue sends its ids with NOTIFY as it commits; each node listens and
//!   tells its own workstations.

mod connect;
mod copy;
mod kv;
mod listen;
mod rows;
mod schema;
mod txn;
mod values;

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::NaiveDate;

pub use connect::is_url;
use connect::{Pool, Target};
use rows::Paged;

use super::codec::{CodecError, SCHEMA, decode};
use super::engine::{Count, Engine, Flag, JournalHead, KeyValue, Rows};
use super::index::u64_of;
use super::journal::head_of;
use super::model::{Organisation, Person, Record, User};
use super::sled_engine::queue::{day_prefix, rev_key, ticket_key};
use super::sled_engine::{APPS_COUNT, HEAD, PERSONS_COUNT, SCHEMA_KEY, flag_key};
use super::{DbProblem, Findings, StoreError};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};

type Conn = r2d2::PooledConnection<r2d2_postgres::PostgresConnectionManager<postgres::NoTls>>;

pub struct PgEngine {
    target: Target,
    /// The location as people may see it (no password).
    location: PathBuf,
    pool: Pool,
    written: AtomicU64,
    commits: AtomicU64,
    /// This process among the nodes on the database (`listen`).
    origin: String,
    /// Ends the listener when the engine goes.
    stop: Arc<AtomicBool>,
}

impl Drop for PgEngine {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl PgEngine {
    /// Opens the store in an existing database, migrating an older layout.
    pub fn open(location: &Path) -> Result<PgEngine, StoreError> {
        let target = Target::parse(location)?;
        let mut client = target.connect()?;
        refuse_unsafe(&mut client, &target)?;
        let fail = |e| target.fail(connect::problem_of(&e));
        let mut tx = client.transaction().map_err(fail)?;
        if !schema::exists(&mut tx, &target)? {
            return Err(StoreError::Missing(target.shown.clone().into()));
        }
        schema::migrate(&mut tx, &target)?;
        values::migrate(&mut tx, &fail)?;
        tx.commit().map_err(fail)?;
        Ok(PgEngine::on(target))
    }

    /// Creates a store in a database holding none.
    pub fn create(location: &Path) -> Result<PgEngine, StoreError> {
        let target = Target::parse(location)?;
        let mut client = target.connect()?;
        refuse_unsafe(&mut client, &target)?;
        let fail = |e| target.fail(connect::problem_of(&e));
        let mut tx = client.transaction().map_err(fail)?;
        schema::create(&mut tx, &target)?;
        let zero = 0u64.to_be_bytes();
        let meta = [
            (SCHEMA_KEY.to_vec(), SCHEMA.to_le_bytes().to_vec()),
            (APPS_COUNT.to_vec(), zero.to_vec()),
            (PERSONS_COUNT.to_vec(), zero.to_vec()),
        ];
        kv::put_many(&mut tx, "meta", &meta).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(PgEngine::on(target))
    }

    /// Whether `location` holds a store (false: the database is there but
    /// empty of Qyzmet; an unreachable server is an error).
    pub fn exists(location: &Path) -> Result<bool, StoreError> {
        let target = Target::parse(location)?;
        let mut client = target.connect()?;
        let mut tx = client
            .transaction()
            .map_err(|e| target.fail(connect::problem_of(&e)))?;
        schema::exists(&mut tx, &target)
    }

    fn on(target: Target) -> PgEngine {
        PgEngine {
            location: PathBuf::from(&target.shown),
            pool: target.pool(),
            target,
            written: AtomicU64::new(0),
            commits: AtomicU64::new(0),
            origin: origin(),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    /// A pooled connection (a broken one is replaced: after a failover the
    /// next connection goes to the new primary).
    fn conn(&self) -> Result<Conn, StoreError> {
        self.pool
            .get()
            .map_err(|e| self.target.fail(DbProblem::Unreachable(e.to_string())))
    }

    /// A statement's failure as the store reports it.
    fn sql(&self, e: postgres::Error) -> StoreError {
        self.target.fail(connect::problem_of(&e))
    }

    fn get(&self, tree: &str, k: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        kv::get(&mut *self.conn()?, tree, k, false).map_err(|e| self.sql(e))
    }

    fn decoded<T: serde::de::DeserializeOwned>(
        &self,
        tree: &str,
        k: &[u8],
    ) -> Result<Option<T>, StoreError> {
        Ok(self.get(tree, k)?.map(|v| decode(&v)).transpose()?)
    }

    fn all<T: serde::de::DeserializeOwned>(
        &self,
        tree: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        Paged::new(self, tree, Bound::Unbounded, None)
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    fn prefixed<T: serde::de::DeserializeOwned>(
        &self,
        tree: &'static str,
        prefix: &[u8],
    ) -> Result<Vec<T>, StoreError> {
        Paged::prefixed(self, tree, prefix)
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    fn read_count(&self, key: &[u8]) -> Result<u64, StoreError> {
        Ok(self.get("meta", key)?.map_or(0, |v| u64_of(&v)))
    }
}

/// A name for this engine among the nodes: its process and when it opened.
fn origin() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos:x}", std::process::id())
}

/// A server that could lose a commit it acknowledged is not a store.
fn refuse_unsafe(client: &mut postgres::Client, target: &Target) -> Result<(), StoreError> {
    let row = client
        .query_one(
            "SELECT current_setting('fsync'), current_setting('synchronous_commit')",
            &[],
        )
        .map_err(|e| target.fail(connect::problem_of(&e)))?;
    let (fsync, commit): (String, String) = (row.get(0), row.get(1));
    if fsync != "on" {
        return Err(target.fail(DbProblem::Unsafe("fsync".into())));
    }
    if commit == "off" || commit == "local" {
        return Err(target.fail(DbProblem::Unsafe(format!("synchronous_commit={commit}"))));
    }
    Ok(())
}

impl Engine for PgEngine {
    fn path(&self) -> &Path {
        &self.location
    }

    fn schema(&self) -> Result<u16, StoreError> {
        match self.get("meta", SCHEMA_KEY)? {
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

    /// Every commit is durable when it returns.
    fn durable(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn org(&self, code: &str) -> Result<Option<Organisation>, StoreError> {
        self.decoded("orgs", code.as_bytes())
    }

    fn orgs(&self) -> Result<Vec<Organisation>, StoreError> {
        self.all("orgs")
    }

    fn user(&self, login: &str) -> Result<Option<User>, StoreError> {
        self.decoded("users", login.as_bytes())
    }

    fn users(&self) -> Result<Vec<User>, StoreError> {
        self.all("users")
    }

    fn has_users(&self) -> Result<bool, StoreError> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one("SELECT EXISTS (SELECT 1 FROM qyzmet.users)", &[])
            .map_err(|e| self.sql(e))?;
        Ok(row.get(0))
    }

    fn person(&self, iin: &Iin) -> Result<Option<Person>, StoreError> {
        self.decoded("persons", iin.to_string().as_bytes())
    }

    fn app(&self, id: u64) -> Result<Option<Record>, StoreError> {
        self.decoded("apps", &id.to_be_bytes())
    }

    fn app_bytes(&self, id: u64) -> Result<Option<Vec<u8>>, StoreError> {
        self.get("apps", &id.to_be_bytes())
    }

    fn records(&self) -> Rows<'_, Record> {
        Box::new(Paged::new(self, "apps", Bound::Unbounded, None).map(|kv| Ok(decode(&kv?.1)?)))
    }

    fn index_value(&self, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        self.get("index", key)
    }

    fn index_from(&self, from: Bound<&[u8]>) -> Rows<'_, KeyValue> {
        Box::new(Paged::new(self, "index", from, None))
    }

    fn journal_after(&self, after: u64) -> Rows<'_, (u64, Vec<u8>)> {
        let from = (after + 1).to_be_bytes();
        Box::new(
            Paged::new(self, "journal", Bound::Included(&from), None)
                .map(|kv| kv.map(|(k, v)| (u64_of(&k), v))),
        )
    }

    fn journal_head(&self) -> Result<Option<JournalHead>, StoreError> {
        // A malformed head reads as none: `check` reports it missing.
        Ok(self.get("meta", HEAD)?.and_then(|h| head_of(&h).ok()))
    }

    fn put_view(&self, prefix: &[u8], value: &[u8]) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        conn.execute(
            "INSERT INTO qyzmet.views (k, v) VALUES ($1 || int8send(nextval('qyzmet.view_ids')), $2)",
            &[&prefix, &value],
        )
        .map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn views_with(&self, prefix: &[u8]) -> Rows<'_, Vec<u8>> {
        Box::new(Paged::prefixed(self, "views", prefix).map(|kv| kv.map(|(_, v)| v)))
    }

    fn count(&self, what: Count) -> Result<u64, StoreError> {
        match what {
            Count::Applications => self.read_count(APPS_COUNT),
            Count::Persons => self.read_count(PERSONS_COUNT),
            Count::JournalEntries => Ok(self.journal_head()?.map_or(0, |h| h.seq)),
        }
    }

    fn flag(&self, flag: Flag) -> Result<bool, StoreError> {
        Ok(self.get("meta", flag_key(flag))?.is_some())
    }

    fn set_flag(&self, flag: Flag) -> Result<(), StoreError> {
        kv::put(&mut *self.conn()?, "meta", flag_key(flag), &[1u8]).map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn counter(&self, name: &str) -> Result<u64, StoreError> {
        Ok(self
            .get("counters", name.as_bytes())?
            .map_or(0, |v| u64_of(&v)))
    }

    fn bytes_written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// PostgreSQL shares WAL flushes among concurrent commits itself; here
    /// each commit counts as its own sync.
    fn commits_and_syncs(&self) -> (u64, u64) {
        let n = self.commits.load(Ordering::Relaxed);
        (n, n)
    }

    /// Every table of the schema with its indexes and TOAST: what the
    /// store takes in the database (and what a backup of it must move).
    fn size_on_disk(&self) -> Result<Option<u64>, StoreError> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::int8
                   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'qyzmet' AND c.relkind IN ('r', 'S')",
                &[],
            )
            .map_err(|e| self.sql(e))?;
        Ok(Some(row.get::<_, i64>(0).max(0) as u64))
    }

    fn queue_config(&self, centre: &str) -> Result<Option<QueueConfig>, StoreError> {
        self.decoded("queues", centre.as_bytes())
    }

    fn tickets(&self, centre: &str, day: NaiveDate) -> Result<Vec<Ticket>, StoreError> {
        self.prefixed("tickets", &day_prefix(centre, day))
    }

    fn ticket(&self, centre: &str, r: &TicketRef) -> Result<Option<Ticket>, StoreError> {
        self.decoded("tickets", &ticket_key(centre, r.day, &r.number))
    }

    fn windows(&self, centre: &str) -> Result<Vec<WindowStatus>, StoreError> {
        self.prefixed("windows", format!("{centre}/").as_bytes())
    }

    fn appointment(&self, code: &str) -> Result<Option<Appointment>, StoreError> {
        self.decoded("appointments", code.as_bytes())
    }

    fn queue_revision(&self, centre: &str) -> Result<u64, StoreError> {
        Ok(self
            .get("queue_meta", &rev_key(centre))?
            .map_or(0, |v| u64_of(&v)))
    }

    fn changes_elsewhere(&self) -> Option<std::sync::mpsc::Receiver<super::engine::Elsewhere>> {
        let config = self.target.config.clone();
        Some(listen::follow(
            config,
            self.origin.clone(),
            self.stop.clone(),
        ))
    }

    fn check_storage(&self) -> Result<Findings, StoreError> {
        let every = |tree| Box::new(Paged::new(self, tree, Bound::Unbounded, None));
        let mut findings =
            super::layout_check::persons(every("persons"), self.read_count(PERSONS_COUNT)?)?;
        findings.extend(super::layout_check::queue(
            super::layout_check::QueueRows {
                tickets: every("tickets"),
                configs: every("queues"),
                appointments: every("appointments"),
                windows: &|centre| self.windows(centre),
                ticket: &|k| self.get("tickets", k),
            },
        )?);
        Ok(findings)
    }

    fn backup(
        &self,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64, StoreError> {
        self.write_backup(out, progress)
    }
}

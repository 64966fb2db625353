//! Transactions: the `Txn` and `QueueTxn` of the PostgreSQL engine, each
//! one database transaction at READ COMMITTED with the row locks the module
//! doc names, run again when PostgreSQL says it lost a race.

use std::cell::{Cell, RefCell};
use std::sync::atomic::Ordering;
use std::time::Duration;

use postgres::Transaction;
use postgres::error::SqlState;
use postgres::types::Type;

use super::connect::{Target, problem_of};
use super::{PgEngine, kv, listen};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};
use crate::store::codec::{decode, encode};
use crate::store::engine::{
    Body, Elsewhere, IndexDiff, QueueBody, QueueTxn, TxFail, TxResult, Txn,
};
use crate::store::journal::{head_bytes, head_of, link};
use crate::store::model::{JournalEntry, Organisation, Person, Record, User};
use crate::store::sled_engine::queue::{rev_key, ticket_key, window_key};
use crate::store::sled_engine::{APPS_COUNT, HEAD, PERSONS_COUNT};
use crate::store::{DbProblem, StoreError};

/// Tries of one change before it is reported failed.
const TRIES: u32 = 64;

/// A statement's failure inside a change: a lost race runs the body again.
fn fail(target: &Target, e: postgres::Error) -> TxFail {
    match e.code() {
        Some(c)
            if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
                || *c == SqlState::UNIQUE_VIOLATION =>
        {
            TxFail::Retry
        }
        _ => TxFail::Failed(target.fail(problem_of(&e))),
    }
}

/// One open transaction, as the bodies see it.
struct Open<'t, 'c> {
    tx: RefCell<&'t mut Transaction<'c>>,
    target: &'t Target,
    bytes: Cell<u64>,
    /// What other serve nodes are told as this commits.
    told: RefCell<Vec<Elsewhere>>,
}

impl Open<'_, '_> {
    /// NOTIFY, delivered to the listeners when (and only if) this commits.
    fn announce(&self, origin: &str) -> TxResult<()> {
        let payloads: Vec<String> = self
            .told
            .borrow()
            .iter()
            .filter_map(|c| listen::payload(origin, c))
            .collect();
        if payloads.is_empty() {
            return Ok(());
        }
        self.sql(|tx| {
            tx.execute_typed(
                &format!(
                    "SELECT pg_notify('{}', p) FROM unnest($1::text[]) AS p",
                    listen::CHANNEL
                ),
                &[(&payloads, Type::TEXT_ARRAY)],
            )
        })?;
        Ok(())
    }

    fn sql<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> kv::Sql<T>) -> TxResult<T> {
        f(&mut self.tx.borrow_mut()).map_err(|e| fail(self.target, e))
    }

    fn get<T: serde::de::DeserializeOwned>(
        &self,
        tree: &str,
        k: &[u8],
        lock: bool,
    ) -> TxResult<Option<T>> {
        match self.sql(|tx| kv::get(tx, tree, k, lock))? {
            Some(v) => Ok(Some(decode(&v)?)),
            None => Ok(None),
        }
    }

    fn count(&self, k: &[u8], v: &[u8]) {
        self.bytes
            .set(self.bytes.get() + (k.len() + v.len()) as u64);
    }

    /// Writes a row; whether it is new.
    fn put(&self, tree: &str, k: &[u8], v: &[u8]) -> TxResult<bool> {
        self.count(k, v);
        self.sql(|tx| kv::put(tx, tree, k, v))
    }

    fn bump(&self, tree: &str, k: &[u8]) -> TxResult<u64> {
        self.count(k, &[0; 8]);
        self.sql(|tx| kv::bump(tx, tree, k))
    }
}

impl Txn for Open<'_, '_> {
    /// Takes the application's row: a concurrent change of it waits.
    fn app(&self, id: u64) -> TxResult<Option<Record>> {
        self.get("apps", &id.to_be_bytes(), true)
    }

    fn app_bytes(&self, id: u64) -> TxResult<Option<Vec<u8>>> {
        self.sql(|tx| kv::get(tx, "apps", &id.to_be_bytes(), true))
    }

    /// Takes the entry's row: a value read here is written back from it
    /// (a report cell adds to what it read), so a concurrent change must
    /// wait rather than be overwritten. A missing row cannot be locked, and
    /// the write is an upsert, so two changes that both found none would
    /// both add to nothing: the key itself is locked (until the end of the
    /// transaction) and read again, so the second waits for the first and
    /// then adds to what it wrote.
    fn index_value(&self, key: &[u8]) -> TxResult<Option<Vec<u8>>> {
        if let Some(v) = self.sql(|tx| kv::get(tx, "index", key, true))? {
            return Ok(Some(v));
        }
        self.sql(|tx| kv::lock_key(tx, "index", key))?;
        self.sql(|tx| kv::get(tx, "index", key, true))
    }

    fn put_app(&self, rec: &Record, index: &IndexDiff, new: bool) -> TxResult<()> {
        for k in &index.remove {
            self.count(k, &[]);
        }
        for (k, v) in &index.put {
            self.count(k, v);
        }
        self.sql(|tx| kv::remove_many(tx, "index", &index.remove))?;
        self.sql(|tx| kv::put_many(tx, "index", &index.put))?;
        self.put("apps", &rec.id.to_be_bytes(), &encode(rec))?;
        self.told.borrow_mut().push(Elsewhere::App(rec.id));
        if new {
            self.bump("meta", APPS_COUNT)?;
        }
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.bump("counters", counter.as_bytes())
    }

    /// The head row, locked until commit, puts appenders in line: each
    /// links to the entry committed just before it.
    fn journal(&self, entry: JournalEntry) -> TxResult<u64> {
        let head = match self.sql(|tx| kv::get(tx, "meta", HEAD, true))? {
            Some(h) => Some(head_of(&h)?),
            None => None,
        };
        let (bytes, head) = link(head, entry)?;
        let (seq, new_head) = (head.seq.to_be_bytes(), head_bytes(&head));
        self.count(&seq, &bytes);
        self.count(HEAD, &new_head);
        self.sql(|tx| {
            tx.execute_typed(
                "WITH entry AS (INSERT INTO qyzmet.journal (k, v) VALUES ($1, $2)) \
                 INSERT INTO qyzmet.meta (k, v) VALUES ($3, $4) \
                 ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                &[
                    (&seq.as_slice(), Type::BYTEA),
                    (&bytes, Type::BYTEA),
                    (&HEAD, Type::BYTEA),
                    (&new_head, Type::BYTEA),
                ],
            )
        })?;
        Ok(head.seq)
    }

    /// Takes the user's row (a sign-in counts failures on it).
    fn user(&self, login: &str) -> TxResult<Option<User>> {
        self.get("users", login.as_bytes(), true)
    }

    fn put_user(&self, user: &User) -> TxResult<()> {
        self.put("users", user.login.as_bytes(), &encode(user))?;
        Ok(())
    }

    fn put_org(&self, org: &Organisation) -> TxResult<()> {
        self.put("orgs", org.code.as_bytes(), &encode(org))?;
        Ok(())
    }

    /// Takes the person's row: a concurrent import of the same person waits.
    fn person(&self, iin: &Iin) -> TxResult<Option<Person>> {
        self.get("persons", iin.to_string().as_bytes(), true)
    }

    fn put_person(&self, person: &Person) -> TxResult<()> {
        if self.put(
            "persons",
            person.iin.to_string().as_bytes(),
            &encode(person),
        )? {
            self.bump("meta", PERSONS_COUNT)?;
        }
        Ok(())
    }
}

/// One centre's queue inside an open transaction.
struct OpenQueue<'q, 't, 'c> {
    centre: &'q str,
    open: &'q Open<'t, 'c>,
}

impl QueueTxn for OpenQueue<'_, '_, '_> {
    fn config(&self) -> TxResult<Option<QueueConfig>> {
        self.open.get("queues", self.centre.as_bytes(), false)
    }

    fn put_config(&self, c: &QueueConfig) -> TxResult<()> {
        self.open
            .put("queues", self.centre.as_bytes(), &encode(c))?;
        Ok(())
    }

    fn ticket(&self, r: &TicketRef) -> TxResult<Option<Ticket>> {
        let k = ticket_key(self.centre, r.day, &r.number);
        self.open.get("tickets", &k, false)
    }

    fn put_ticket(&self, t: &Ticket) -> TxResult<()> {
        let k = ticket_key(&t.centre, t.day, &t.number);
        self.open.put("tickets", &k, &encode(t))?;
        Ok(())
    }

    fn window(&self, number: u16) -> TxResult<Option<WindowStatus>> {
        self.open
            .get("windows", &window_key(self.centre, number), false)
    }

    fn put_window(&self, w: &WindowStatus) -> TxResult<()> {
        let k = window_key(self.centre, w.number);
        self.open.put("windows", &k, &encode(w))?;
        Ok(())
    }

    fn remove_window(&self, number: u16) -> TxResult<()> {
        let k = window_key(self.centre, number);
        self.open.count(&k, &[]);
        self.open
            .sql(|tx| kv::remove_many(tx, "windows", std::slice::from_ref(&k)))
    }

    fn appointment(&self, code: &str) -> TxResult<Option<Appointment>> {
        self.open.get("appointments", code.as_bytes(), false)
    }

    fn put_appointment(&self, a: &Appointment) -> TxResult<()> {
        self.open
            .put("appointments", a.code.as_bytes(), &encode(a))?;
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.open.bump("queue_meta", counter.as_bytes())
    }
}

impl PgEngine {
    pub(super) fn write_apps(&self, body: Body<'_>) -> TxResult<()> {
        self.run(&|open| body(open))
    }

    /// Raises the centre's revision first: its row, locked until commit,
    /// puts the centre's writers in line, so each body reads what the one
    /// before it committed (a call re-reads its pick after a colleague's).
    pub(super) fn write_queue(&self, centre: &str, body: QueueBody<'_>) -> TxResult<()> {
        self.run(&|open| {
            open.bump("queue_meta", &rev_key(centre))?;
            open.told
                .borrow_mut()
                .push(Elsewhere::Queue(centre.to_string()));
            body(&OpenQueue { centre, open })
        })
    }

    /// Runs `body` in a transaction until it commits, refuses or fails; a
    /// lost race or a connection broken before the commit runs it again.
    fn run(&self, body: &dyn Fn(&Open<'_, '_>) -> TxResult<()>) -> TxResult<()> {
        for attempt in 1..=TRIES {
            let mut conn = self.conn()?;
            let mut tx = match conn.transaction() {
                Ok(tx) => tx,
                Err(e) if e.is_closed() && attempt < TRIES => continue,
                Err(e) => return Err(TxFail::Failed(self.sql(e))),
            };
            let open = Open {
                tx: RefCell::new(&mut tx),
                target: &self.target,
                bytes: Cell::new(0),
                told: RefCell::new(Vec::new()),
            };
            let outcome = body(&open).and_then(|()| open.announce(&self.origin));
            let bytes = open.bytes.get();
            match outcome {
                Ok(()) => {}
                Err(TxFail::Retry) => {
                    drop(tx);
                    std::thread::sleep(Duration::from_micros(200 * u64::from(attempt.min(20))));
                    continue;
                }
                // The transaction rolls back as it is dropped.
                Err(other) => return Err(other),
            }
            return match tx.commit() {
                Ok(()) => {
                    self.written.fetch_add(bytes, Ordering::Relaxed);
                    self.commits.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                }
                // A server that goes away during the commit may have made
                // it (locally, before a synchronous standby confirmed it).
                Err(e) if e.code().is_some_and(|c| !super::connect::going_away(c)) => {
                    match fail(&self.target, e) {
                        TxFail::Retry => continue,
                        other => Err(other),
                    }
                }
                // The commit's outcome is unknown: saying nothing happened
                // (or running it again) could be wrong either way.
                Err(e) => Err(TxFail::Failed(
                    self.target.fail(DbProblem::CommitUnknown(e.to_string())),
                )),
            };
        }
        Err(TxFail::Failed(StoreError::Io(format!(
            "a change lost {TRIES} races in a row on {}",
            self.target.shown
        ))))
    }
}

//! Transactions: the `Txn` and `QueueTxn` of the sled engine, each over the
//! trees it needs in one sled transaction, then group commit.

use std::cell::{Cell, RefCell};
use std::ops::Deref;
use std::sync::atomic::Ordering;

use ::sled::Transactional;
use ::sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};

use super::queue::{rev_key, ticket_key, window_key};
use super::wal::{Image, WAL_SEQ};
use super::{APPS_COUNT, HEAD, PERSONS_COUNT, SledEngine, TREES};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};
use crate::store::codec::{decode, encode};
use crate::store::engine::{Body, IndexDiff, QueueBody, QueueTxn, TxFail, TxResult, Txn};
use crate::store::index::u64_of;
use crate::store::journal::{head_bytes, head_of, link};
use crate::store::model::{JournalEntry, Organisation, Person, Record, User};

impl From<UnabortableTransactionError> for TxFail {
    fn from(e: UnabortableTransactionError) -> TxFail {
        match e {
            UnabortableTransactionError::Conflict => TxFail::Retry,
            UnabortableTransactionError::Storage(e) => TxFail::Failed(e.into()),
        }
    }
}

/// A body's outcome as sled's transaction wants it: a retry is sled's
/// conflict, anything else aborts with the `TxFail`.
fn to_sled(f: TxFail) -> ConflictableTransactionError<TxFail> {
    match f {
        TxFail::Retry => ConflictableTransactionError::Conflict,
        other => ConflictableTransactionError::Abort(other),
    }
}

fn from_sled(r: Result<(), TransactionError<TxFail>>) -> TxResult<()> {
    r.map_err(|e| match e {
        TransactionError::Abort(f) => f,
        TransactionError::Storage(e) => TxFail::Failed(e.into()),
    })
}

fn get<T: serde::de::DeserializeOwned>(tree: &TransactionalTree, k: &[u8]) -> TxResult<Option<T>> {
    match tree.get(k)? {
        Some(v) => Ok(Some(decode(&v)?)),
        None => Ok(None),
    }
}

/// A tree inside a transaction, with its place in `TREES` (the log names
/// trees so).
#[derive(Clone, Copy)]
struct Tt<'a> {
    id: u8,
    tree: &'a TransactionalTree,
}

impl Deref for Tt<'_> {
    type Target = TransactionalTree;
    fn deref(&self) -> &TransactionalTree {
        self.tree
    }
}

/// The transaction's view of the tree named `name` in `TREES`.
fn tt<'a>(name: &str, tree: &'a TransactionalTree) -> Tt<'a> {
    let at = TREES.iter().position(|t| *t == name);
    Tt {
        id: at.expect("a tree of TREES") as u8,
        tree,
    }
}

/// Every key and value handed to sled: counted, and kept as the commit's
/// after-images for the write-ahead log.
struct Writes<'a> {
    bytes: &'a Cell<u64>,
    images: &'a RefCell<Vec<Image>>,
}

impl Writes<'_> {
    fn insert(&self, tree: Tt<'_>, k: &[u8], v: Vec<u8>) -> TxResult<Option<Vec<u8>>> {
        self.bytes
            .set(self.bytes.get() + (k.len() + v.len()) as u64);
        let old = tree.insert(k, v.as_slice())?.map(|old| old.to_vec());
        self.images.borrow_mut().push(Image {
            tree: tree.id,
            key: k.to_vec(),
            value: Some(v),
        });
        Ok(old)
    }

    fn remove(&self, tree: Tt<'_>, k: &[u8]) -> TxResult<()> {
        self.bytes.set(self.bytes.get() + k.len() as u64);
        tree.remove(k)?;
        self.images.borrow_mut().push(Image {
            tree: tree.id,
            key: k.to_vec(),
            value: None,
        });
        Ok(())
    }

    /// The next value of a counter kept as a big-endian u64 under `k`.
    fn bump(&self, tree: Tt<'_>, k: &[u8]) -> TxResult<u64> {
        let n = tree.get(k)?.map_or(0, |v| u64_of(&v)) + 1;
        self.insert(tree, k, n.to_be_bytes().to_vec())?;
        Ok(n)
    }
}

struct SledTxn<'a> {
    meta: Tt<'a>,
    orgs: Tt<'a>,
    users: Tt<'a>,
    apps: Tt<'a>,
    journal: Tt<'a>,
    counters: Tt<'a>,
    index: Tt<'a>,
    persons: Tt<'a>,
    w: Writes<'a>,
}

impl Txn for SledTxn<'_> {
    fn app(&self, id: u64) -> TxResult<Option<Record>> {
        get(&self.apps, &id.to_be_bytes())
    }

    fn app_bytes(&self, id: u64) -> TxResult<Option<Vec<u8>>> {
        Ok(self.apps.get(id.to_be_bytes())?.map(|v| v.to_vec()))
    }

    fn index_value(&self, key: &[u8]) -> TxResult<Option<Vec<u8>>> {
        Ok(self.index.get(key)?.map(|v| v.to_vec()))
    }

    fn put_app(&self, rec: &Record, index: &IndexDiff, new: bool) -> TxResult<()> {
        for k in &index.remove {
            self.w.remove(self.index, k)?;
        }
        for (k, v) in &index.put {
            self.w.insert(self.index, k, v.clone())?;
        }
        self.w
            .insert(self.apps, &rec.id.to_be_bytes(), encode(rec))?;
        if new {
            self.w.bump(self.meta, APPS_COUNT)?;
        }
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.w.bump(self.counters, counter.as_bytes())
    }

    /// The head key serialises concurrent appenders, so the sequence is
    /// gapless and the chain unbroken.
    fn journal(&self, entry: JournalEntry) -> TxResult<u64> {
        let head = match self.meta.get(HEAD)? {
            Some(h) => Some(head_of(&h)?),
            None => None,
        };
        let (bytes, head) = link(head, entry);
        self.w
            .insert(self.journal, &head.seq.to_be_bytes(), bytes)?;
        self.w.insert(self.meta, HEAD, head_bytes(&head))?;
        Ok(head.seq)
    }

    fn user(&self, login: &str) -> TxResult<Option<User>> {
        get(&self.users, login.as_bytes())
    }

    fn put_user(&self, user: &User) -> TxResult<()> {
        self.w
            .insert(self.users, user.login.as_bytes(), encode(user))?;
        Ok(())
    }

    fn put_org(&self, org: &Organisation) -> TxResult<()> {
        self.w.insert(self.orgs, org.code.as_bytes(), encode(org))?;
        Ok(())
    }

    fn person(&self, iin: &Iin) -> TxResult<Option<Person>> {
        get(&self.persons, iin.to_string().as_bytes())
    }

    fn put_person(&self, person: &Person) -> TxResult<()> {
        let k = person.iin.to_string();
        if self
            .w
            .insert(self.persons, k.as_bytes(), encode(person))?
            .is_none()
        {
            self.w.bump(self.meta, PERSONS_COUNT)?;
        }
        Ok(())
    }
}

struct SledQueueTxn<'a> {
    centre: &'a str,
    configs: Tt<'a>,
    tickets: Tt<'a>,
    windows: Tt<'a>,
    appointments: Tt<'a>,
    meta: Tt<'a>,
    w: Writes<'a>,
}

impl QueueTxn for SledQueueTxn<'_> {
    fn config(&self) -> TxResult<Option<QueueConfig>> {
        get(&self.configs, self.centre.as_bytes())
    }

    fn put_config(&self, c: &QueueConfig) -> TxResult<()> {
        self.w
            .insert(self.configs, self.centre.as_bytes(), encode(c))?;
        Ok(())
    }

    fn ticket(&self, r: &TicketRef) -> TxResult<Option<Ticket>> {
        get(&self.tickets, &ticket_key(self.centre, r.day, &r.number))
    }

    fn put_ticket(&self, t: &Ticket) -> TxResult<()> {
        let k = ticket_key(&t.centre, t.day, &t.number);
        self.w.insert(self.tickets, &k, encode(t))?;
        Ok(())
    }

    fn window(&self, number: u16) -> TxResult<Option<WindowStatus>> {
        get(&self.windows, &window_key(self.centre, number))
    }

    fn put_window(&self, w: &WindowStatus) -> TxResult<()> {
        let k = window_key(self.centre, w.number);
        self.w.insert(self.windows, &k, encode(w))?;
        Ok(())
    }

    fn remove_window(&self, number: u16) -> TxResult<()> {
        self.w
            .remove(self.windows, &window_key(self.centre, number))
    }

    fn appointment(&self, code: &str) -> TxResult<Option<Appointment>> {
        get(&self.appointments, code.as_bytes())
    }

    fn put_appointment(&self, a: &Appointment) -> TxResult<()> {
        self.w
            .insert(self.appointments, a.code.as_bytes(), encode(a))?;
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.w.bump(self.meta, counter.as_bytes())
    }
}

impl SledEngine {
    /// One transaction over the trees applications, people and the journal
    /// live in, numbered and logged (`wal`), then group commit.
    pub(super) fn write_apps(&self, body: Body<'_>) -> TxResult<()> {
        let t = &self.t;
        let bytes = Cell::new(0);
        let images = RefCell::new(Vec::new());
        let ticket = {
            let _g = self.gate.read().expect("gate");
            let mut order = self.wal.order();
            let seq = order.next_seq().to_be_bytes();
            let trees = (
                &t.meta,
                &t.orgs,
                &t.users,
                &t.apps,
                &t.journal,
                &t.counters,
                &t.index,
                &t.persons,
            );
            from_sled(trees.transaction(
                |(meta, orgs, users, apps, journal, counters, index, persons)| {
                    let run = Cell::new(0);
                    images.borrow_mut().clear();
                    let tx = SledTxn {
                        meta: tt("meta", meta),
                        orgs: tt("orgs", orgs),
                        users: tt("users", users),
                        apps: tt("apps", apps),
                        journal: tt("journal", journal),
                        counters: tt("counters", counters),
                        index: tt("index", index),
                        persons: tt("persons", persons),
                        w: Writes {
                            bytes: &run,
                            images: &images,
                        },
                    };
                    body(&tx).map_err(to_sled)?;
                    meta.insert(WAL_SEQ, &seq)?;
                    bytes.set(run.get());
                    Ok(())
                },
            ))?;
            order.push(&images.borrow());
            self.commit.committed()
        };
        self.written.fetch_add(bytes.get(), Ordering::Relaxed);
        Ok(self.durable_after_commit(ticket)?)
    }

    /// One transaction over the queue trees of `centre`; it raises the
    /// centre's revision (what a workstation watches). Numbered and logged
    /// like `write_apps`, then group commit.
    pub(super) fn write_queue(&self, centre: &str, body: QueueBody<'_>) -> TxResult<()> {
        let t = &self.t;
        let bytes = Cell::new(0);
        let images = RefCell::new(Vec::new());
        let ticket = {
            let _g = self.gate.read().expect("gate");
            let mut order = self.wal.order();
            let seq = order.next_seq().to_be_bytes();
            let trees = (
                &t.queues,
                &t.tickets,
                &t.windows,
                &t.appointments,
                &t.queue_meta,
            );
            from_sled(
                trees.transaction(|(configs, tickets, windows, appointments, meta)| {
                    let run = Cell::new(0);
                    images.borrow_mut().clear();
                    let tx = SledQueueTxn {
                        centre,
                        configs: tt("queues", configs),
                        tickets: tt("tickets", tickets),
                        windows: tt("windows", windows),
                        appointments: tt("appointments", appointments),
                        meta: tt("queue_meta", meta),
                        w: Writes {
                            bytes: &run,
                            images: &images,
                        },
                    };
                    body(&tx).map_err(to_sled)?;
                    tx.w.bump(tx.meta, &rev_key(centre)).map_err(to_sled)?;
                    meta.insert(WAL_SEQ, &seq)?;
                    bytes.set(run.get());
                    Ok(())
                }),
            )?;
            order.push(&images.borrow());
            self.commit.committed()
        };
        self.written.fetch_add(bytes.get(), Ordering::Relaxed);
        Ok(self.durable_after_commit(ticket)?)
    }
}

//! Transactions: the `Txn` and `QueueTxn` of the sled engine. A body runs
//! under the commit order (`Wal::order`), reading its own writes, then the
//! commits not yet applied (`overlay`), then sled; what it writes becomes
//! one commit of the log, applied to sled once durable.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::Ordering;

use super::overlay::Unapplied;
use super::queue::{rev_key, ticket_key, window_key};
use super::wal::Image;
use super::{APPS_COUNT, HEAD, PERSONS_COUNT, SledEngine, TREES};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};
use crate::store::StoreError;
use crate::store::codec::{decode, encode};
use crate::store::engine::{Body, IndexDiff, QueueBody, QueueTxn, TxFail, TxResult, Txn};
use crate::store::index::u64_of;
use crate::store::journal::{head_bytes, head_of, link};
use crate::store::model::{JournalEntry, Organisation, Person, Record, User};

/// How often a body that asks to run again (`TxFail::Retry`) does so.
const RETRIES: usize = 64;

/// A tree the transaction reads and writes, with its place in `TREES` (the
/// log names trees so).
#[derive(Clone, Copy)]
struct Tt<'a> {
    id: u8,
    tree: &'a ::sled::Tree,
}

impl super::Trees {
    /// The transaction's view of the tree named `name` in `TREES`: the tree
    /// is found by its name, so a name and a tree cannot be paired wrongly.
    fn tt(&self, name: &str) -> Tt<'_> {
        let at = TREES.iter().position(|t| *t == name);
        let id = at.expect("a tree of TREES");
        Tt {
            id: id as u8,
            tree: &self.by_id[id],
        }
    }
}

/// One tree's keys as a body left them: a value, or `None` where removed.
type TreeWrites = HashMap<Vec<u8>, Option<Vec<u8>>>;

/// What one run of a body wrote (each key's last value, or its removal),
/// counted, and what it reads: its own writes, then the commits not yet
/// applied, then sled.
struct Writes<'a> {
    bytes: Cell<u64>,
    mine: RefCell<Vec<TreeWrites>>,
    unapplied: &'a Unapplied,
}

impl<'a> Writes<'a> {
    fn new(unapplied: &'a Unapplied) -> Writes<'a> {
        Writes {
            bytes: Cell::new(0),
            mine: RefCell::new(TREES.iter().map(|_| HashMap::new()).collect()),
            unapplied,
        }
    }

    fn get(&self, tree: Tt<'_>, k: &[u8]) -> TxResult<Option<Vec<u8>>> {
        if let Some(v) = self.mine.borrow()[usize::from(tree.id)].get(k) {
            return Ok(v.clone());
        }
        if let Some(v) = self.unapplied.get(tree.id, k) {
            return Ok(v.map(<[u8]>::to_vec));
        }
        let stored = tree.tree.get(k).map_err(|e| TxFail::Failed(e.into()))?;
        Ok(stored.map(|v| v.to_vec()))
    }

    fn decoded<T: serde::de::DeserializeOwned>(
        &self,
        tree: Tt<'_>,
        k: &[u8],
    ) -> TxResult<Option<T>> {
        match self.get(tree, k)? {
            Some(v) => Ok(Some(decode(&v)?)),
            None => Ok(None),
        }
    }

    fn insert(&self, tree: Tt<'_>, k: &[u8], v: Vec<u8>) -> TxResult<()> {
        self.bytes
            .set(self.bytes.get() + (k.len() + v.len()) as u64);
        self.mine.borrow_mut()[usize::from(tree.id)].insert(k.to_vec(), Some(v));
        Ok(())
    }

    fn remove(&self, tree: Tt<'_>, k: &[u8]) -> TxResult<()> {
        self.bytes.set(self.bytes.get() + k.len() as u64);
        self.mine.borrow_mut()[usize::from(tree.id)].insert(k.to_vec(), None);
        Ok(())
    }

    /// The next value of a counter kept as a big-endian u64 under `k`.
    fn bump(&self, tree: Tt<'_>, k: &[u8]) -> TxResult<u64> {
        let last = self.get(tree, k)?.map_or(0, |v| u64_of(&v));
        // A counter at its last value (a forged backup restored) is refused.
        let n = last.checked_add(1).ok_or_else(|| {
            TxFail::Failed(StoreError::Codec(crate::store::codec::CodecError::Corrupt(
                format!(
                    "the counter {} has no value after {last}",
                    String::from_utf8_lossy(k)
                ),
            )))
        })?;
        self.insert(tree, k, n.to_be_bytes().to_vec())?;
        Ok(n)
    }

    /// The commit's after-images and the bytes they hold.
    fn done(self) -> Done {
        let bytes = self.bytes.get();
        let mut images = Vec::new();
        for (id, tree) in self.mine.into_inner().into_iter().enumerate() {
            for (key, value) in tree {
                images.push(Image {
                    tree: id as u8,
                    key,
                    value,
                });
            }
        }
        Done { images, bytes }
    }
}

/// What a body's run left to commit.
struct Done {
    images: Vec<Image>,
    bytes: u64,
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
        self.w.decoded(self.apps, &id.to_be_bytes())
    }

    fn app_bytes(&self, id: u64) -> TxResult<Option<Vec<u8>>> {
        self.w.get(self.apps, &id.to_be_bytes())
    }

    fn index_value(&self, key: &[u8]) -> TxResult<Option<Vec<u8>>> {
        self.w.get(self.index, key)
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
        let head = match self.w.get(self.meta, HEAD)? {
            Some(h) => Some(head_of(&h)?),
            None => None,
        };
        let (bytes, head) = link(head, entry)?;
        self.w
            .insert(self.journal, &head.seq.to_be_bytes(), bytes)?;
        self.w.insert(self.meta, HEAD, head_bytes(&head))?;
        Ok(head.seq)
    }

    fn user(&self, login: &str) -> TxResult<Option<User>> {
        self.w.decoded(self.users, login.as_bytes())
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
        self.w.decoded(self.persons, iin.to_string().as_bytes())
    }

    fn put_person(&self, person: &Person) -> TxResult<()> {
        let k = person.iin.to_string();
        let new = self.w.get(self.persons, k.as_bytes())?.is_none();
        self.w.insert(self.persons, k.as_bytes(), encode(person))?;
        if new {
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
        self.w.decoded(self.configs, self.centre.as_bytes())
    }

    fn put_config(&self, c: &QueueConfig) -> TxResult<()> {
        self.w
            .insert(self.configs, self.centre.as_bytes(), encode(c))?;
        Ok(())
    }

    fn ticket(&self, r: &TicketRef) -> TxResult<Option<Ticket>> {
        self.w
            .decoded(self.tickets, &ticket_key(self.centre, r.day, &r.number))
    }

    fn put_ticket(&self, t: &Ticket) -> TxResult<()> {
        let k = ticket_key(&t.centre, t.day, &t.number);
        self.w.insert(self.tickets, &k, encode(t))?;
        Ok(())
    }

    fn window(&self, number: u16) -> TxResult<Option<WindowStatus>> {
        self.w
            .decoded(self.windows, &window_key(self.centre, number))
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
        self.w.decoded(self.appointments, code.as_bytes())
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
    /// One commit over the trees applications, people and the journal live
    /// in, then group commit.
    pub(super) fn write_apps(&self, body: Body<'_>) -> TxResult<()> {
        let t = &self.t;
        self.commit_with(|unapplied| {
            let tx = SledTxn {
                meta: t.tt("meta"),
                orgs: t.tt("orgs"),
                users: t.tt("users"),
                apps: t.tt("apps"),
                journal: t.tt("journal"),
                counters: t.tt("counters"),
                index: t.tt("index"),
                persons: t.tt("persons"),
                w: Writes::new(unapplied),
            };
            body(&tx)?;
            Ok(tx.w.done())
        })
    }

    /// One commit over the queue trees of `centre`; it raises the centre's
    /// revision (what a workstation watches). Then group commit.
    pub(super) fn write_queue(&self, centre: &str, body: QueueBody<'_>) -> TxResult<()> {
        let t = &self.t;
        self.commit_with(|unapplied| {
            let tx = SledQueueTxn {
                centre,
                configs: t.tt("queues"),
                tickets: t.tt("tickets"),
                windows: t.tt("windows"),
                appointments: t.tt("appointments"),
                meta: t.tt("queue_meta"),
                w: Writes::new(unapplied),
            };
            body(&tx)?;
            tx.w.bump(tx.meta, &rev_key(centre))?;
            Ok(tx.w.done())
        })
    }

    /// Runs `run` in the commit order (again while it asks to), logs what
    /// it wrote as the next commit, and returns once that is durable and in
    /// sled's trees. A body that fails writes nothing. Writers hold the
    /// gate until then, so a backup sees whole commits only.
    fn commit_with(&self, run: impl Fn(&Unapplied) -> TxResult<Done>) -> TxResult<()> {
        let _g = self.gate.read().expect("gate");
        self.refuse_if_stuck()?;
        let (ticket, bytes) = {
            let mut order = self.wal.order();
            let mut tries = 0;
            let done = loop {
                match run(&order.unapplied) {
                    Err(TxFail::Retry) if tries < RETRIES => tries += 1,
                    other => break other?,
                }
            };
            order.push(done.images);
            (self.commit.committed(), done.bytes)
        };
        self.written.fetch_add(bytes, Ordering::Relaxed);
        Ok(self.durable_after_commit(ticket)?)
    }
}

//! Transactions: the `Txn` and `QueueTxn` of the sled engine, each staged
//! over the trees it needs under the engine's writer lock for those trees,
//! applied as one atomic unit (`staged`), then group commit.

use std::cell::Cell;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, MutexGuard};

use super::queue::{rev_key, ticket_key, window_key};
use super::staged::{Staged, commit};
use super::{APPS_COUNT, HEAD, PERSONS_COUNT, SledEngine};
use crate::domain::iin::Iin;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};
use crate::store::codec::encode;
use crate::store::engine::{Body, IndexDiff, QueueBody, QueueTxn, TxFail, TxResult, Txn};
use crate::store::journal::{head_bytes, head_of, link};
use crate::store::model::{JournalEntry, Organisation, Person, Record, User};

fn lock(m: &Mutex<()>) -> MutexGuard<'_, ()> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

struct SledTxn<'a> {
    meta: Staged<'a>,
    orgs: Staged<'a>,
    users: Staged<'a>,
    apps: Staged<'a>,
    journal: Staged<'a>,
    counters: Staged<'a>,
    index: Staged<'a>,
    persons: Staged<'a>,
}

impl Txn for SledTxn<'_> {
    fn app(&self, id: u64) -> TxResult<Option<Record>> {
        self.apps.decoded(&id.to_be_bytes())
    }

    fn index_value(&self, key: &[u8]) -> TxResult<Option<Vec<u8>>> {
        Ok(self.index.get(key)?.map(|v| v.to_vec()))
    }

    fn put_app(&self, rec: &Record, index: &IndexDiff, new: bool) -> TxResult<()> {
        for k in &index.remove {
            self.index.remove(k);
        }
        for (k, v) in &index.put {
            self.index.insert(k, v.clone());
        }
        self.apps.insert(&rec.id.to_be_bytes(), encode(rec));
        if new {
            self.meta.bump(APPS_COUNT)?;
        }
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.counters.bump(counter.as_bytes())
    }

    /// The writer lock keeps appenders in line, so the sequence is gapless
    /// and the chain unbroken.
    fn journal(&self, entry: JournalEntry) -> TxResult<u64> {
        let head = match self.meta.get(HEAD)? {
            Some(h) => Some(head_of(&h)?),
            None => None,
        };
        let (bytes, head) = link(head, entry);
        self.journal.insert(&head.seq.to_be_bytes(), bytes);
        self.meta.insert(HEAD, head_bytes(&head));
        Ok(head.seq)
    }

    fn user(&self, login: &str) -> TxResult<Option<User>> {
        self.users.decoded(login.as_bytes())
    }

    fn put_user(&self, user: &User) -> TxResult<()> {
        self.users.insert(user.login.as_bytes(), encode(user));
        Ok(())
    }

    fn put_org(&self, org: &Organisation) -> TxResult<()> {
        self.orgs.insert(org.code.as_bytes(), encode(org));
        Ok(())
    }

    fn person(&self, iin: &Iin) -> TxResult<Option<Person>> {
        self.persons.decoded(iin.to_string().as_bytes())
    }

    fn put_person(&self, person: &Person) -> TxResult<()> {
        let k = person.iin.to_string();
        if self.persons.get(k.as_bytes())?.is_none() {
            self.meta.bump(PERSONS_COUNT)?;
        }
        self.persons.insert(k.as_bytes(), encode(person));
        Ok(())
    }
}

struct SledQueueTxn<'a> {
    centre: &'a str,
    configs: Staged<'a>,
    tickets: Staged<'a>,
    windows: Staged<'a>,
    appointments: Staged<'a>,
    meta: Staged<'a>,
}

impl QueueTxn for SledQueueTxn<'_> {
    fn config(&self) -> TxResult<Option<QueueConfig>> {
        self.configs.decoded(self.centre.as_bytes())
    }

    fn put_config(&self, c: &QueueConfig) -> TxResult<()> {
        self.configs.insert(self.centre.as_bytes(), encode(c));
        Ok(())
    }

    fn ticket(&self, r: &TicketRef) -> TxResult<Option<Ticket>> {
        self.tickets
            .decoded(&ticket_key(self.centre, r.day, &r.number))
    }

    fn put_ticket(&self, t: &Ticket) -> TxResult<()> {
        let k = ticket_key(&t.centre, t.day, &t.number);
        self.tickets.insert(&k, encode(t));
        Ok(())
    }

    fn window(&self, number: u16) -> TxResult<Option<WindowStatus>> {
        self.windows.decoded(&window_key(self.centre, number))
    }

    fn put_window(&self, w: &WindowStatus) -> TxResult<()> {
        let k = window_key(self.centre, w.number);
        self.windows.insert(&k, encode(w));
        Ok(())
    }

    fn remove_window(&self, number: u16) -> TxResult<()> {
        self.windows.remove(&window_key(self.centre, number));
        Ok(())
    }

    fn appointment(&self, code: &str) -> TxResult<Option<Appointment>> {
        self.appointments.decoded(code.as_bytes())
    }

    fn put_appointment(&self, a: &Appointment) -> TxResult<()> {
        self.appointments.insert(a.code.as_bytes(), encode(a));
        Ok(())
    }

    fn draw(&self, counter: &str) -> TxResult<u64> {
        self.meta.bump(counter.as_bytes())
    }
}

impl SledEngine {
    /// One change over the trees applications, people and the journal live
    /// in: staged under the writer lock of those trees, applied atomically,
    /// then group commit.
    pub(super) fn write_apps(&self, body: Body<'_>) -> TxResult<()> {
        let t = &self.t;
        let bytes = Cell::new(0);
        {
            let _g = self.gate.read().expect("gate");
            let _w = lock(&self.app_writer);
            loop {
                bytes.set(0);
                let s = |tree| Staged::new(tree, &bytes);
                let tx = SledTxn {
                    meta: s(&t.meta),
                    orgs: s(&t.orgs),
                    users: s(&t.users),
                    apps: s(&t.apps),
                    journal: s(&t.journal),
                    counters: s(&t.counters),
                    index: s(&t.index),
                    persons: s(&t.persons),
                };
                match body(&tx) {
                    // Nothing else writes these trees meanwhile; a body
                    // that asks for a retry runs again on fresh reads.
                    Err(TxFail::Retry) => continue,
                    out => out?,
                }
                let SledTxn {
                    meta,
                    orgs,
                    users,
                    apps,
                    journal,
                    counters,
                    index,
                    persons,
                } = &tx;
                commit(&[meta, orgs, users, apps, journal, counters, index, persons])?;
                break;
            }
        }
        self.written.fetch_add(bytes.get(), Ordering::Relaxed);
        Ok(self.durable_after_commit()?)
    }

    /// One change over the queue trees of `centre`; it raises the centre's
    /// revision. Staged under the queue's writer lock, applied atomically,
    /// then group commit.
    pub(super) fn write_queue(&self, centre: &str, body: QueueBody<'_>) -> TxResult<()> {
        let t = &self.t;
        let bytes = Cell::new(0);
        {
            let _g = self.gate.read().expect("gate");
            let _w = lock(&self.queue_writer);
            loop {
                bytes.set(0);
                let s = |tree| Staged::new(tree, &bytes);
                let tx = SledQueueTxn {
                    centre,
                    configs: s(&t.queues),
                    tickets: s(&t.tickets),
                    windows: s(&t.windows),
                    appointments: s(&t.appointments),
                    meta: s(&t.queue_meta),
                };
                match body(&tx) {
                    Err(TxFail::Retry) => continue,
                    out => out?,
                }
                tx.meta.bump(&rev_key(centre))?;
                let SledQueueTxn {
                    configs,
                    tickets,
                    windows,
                    appointments,
                    meta,
                    ..
                } = &tx;
                commit(&[configs, tickets, windows, appointments, meta])?;
                break;
            }
        }
        self.written.fetch_add(bytes.get(), Ordering::Relaxed);
        Ok(self.durable_after_commit()?)
    }
}

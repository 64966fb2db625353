//! The electronic queue in the store: each centre's settings, tickets by
//! day and number, the windows' status, appointments by code, ticket
//! counters per centre, day and letter, and a revision per centre that every
//! queue write raises, so a hall board sees a change with one read. Every
//! write is one transaction over one centre's queue, durable before it
//! returns.

use chrono::NaiveDate;

use super::changes::TxOut;
use super::engine::QueueTxn;
use super::{Store, StoreError};
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};

/// One centre's queue inside one transaction, as the operations use it.
pub struct QueueTx<'a> {
    centre: &'a str,
    tx: &'a dyn QueueTxn,
}

impl<'a> QueueTx<'a> {
    pub(super) fn new(centre: &'a str, tx: &'a dyn QueueTxn) -> QueueTx<'a> {
        QueueTx { centre, tx }
    }

    pub fn config<E>(&self) -> TxOut<Option<QueueConfig>, E> {
        Ok(self.tx.config()?)
    }

    pub fn put_config<E>(&self, c: &QueueConfig) -> TxOut<(), E> {
        Ok(self.tx.put_config(c)?)
    }

    pub fn ticket<E>(&self, r: &TicketRef) -> TxOut<Option<Ticket>, E> {
        Ok(self.tx.ticket(r)?)
    }

    pub fn put_ticket<E>(&self, t: &Ticket) -> TxOut<(), E> {
        Ok(self.tx.put_ticket(t)?)
    }

    pub fn window<E>(&self, number: u16) -> TxOut<Option<WindowStatus>, E> {
        Ok(self.tx.window(number)?)
    }

    pub fn put_window<E>(&self, w: &WindowStatus) -> TxOut<(), E> {
        Ok(self.tx.put_window(w)?)
    }

    pub fn remove_window<E>(&self, number: u16) -> TxOut<(), E> {
        Ok(self.tx.remove_window(number)?)
    }

    pub fn appointment<E>(&self, code: &str) -> TxOut<Option<Appointment>, E> {
        Ok(self.tx.appointment(code)?)
    }

    pub fn put_appointment<E>(&self, a: &Appointment) -> TxOut<(), E> {
        Ok(self.tx.put_appointment(a)?)
    }

    /// The next ticket number of a letter on a day (1, 2, ...).
    pub fn next_seq<E>(&self, day: NaiveDate, letter: char) -> TxOut<u32, E> {
        let name = format!("seq/{}/{day}/{letter}", self.centre);
        Ok(self.tx.draw(&name)? as u32)
    }

    /// The next appointment serial of the centre.
    pub fn next_appointment<E>(&self) -> TxOut<u64, E> {
        let name = format!("appt/{}", self.centre);
        Ok(self.tx.draw(&name)?)
    }
}

impl Store {
    pub fn queue_config(&self, centre: &str) -> Result<Option<QueueConfig>, StoreError> {
        self.engine.queue_config(centre)
    }

    /// The tickets of a centre's day, by number.
    pub fn tickets(&self, centre: &str, day: NaiveDate) -> Result<Vec<Ticket>, StoreError> {
        self.engine.tickets(centre, day)
    }

    pub fn ticket(&self, centre: &str, r: &TicketRef) -> Result<Option<Ticket>, StoreError> {
        self.engine.ticket(centre, r)
    }

    /// The windows' status, by number.
    pub fn windows(&self, centre: &str) -> Result<Vec<WindowStatus>, StoreError> {
        self.engine.windows(centre)
    }

    pub fn appointment(&self, code: &str) -> Result<Option<Appointment>, StoreError> {
        self.engine.appointment(code)
    }

    /// Raised by every queue write of the centre: a board polls this one key.
    pub fn queue_revision(&self, centre: &str) -> Result<u64, StoreError> {
        self.engine.queue_revision(centre)
    }
}

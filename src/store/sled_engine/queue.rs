//! The queue's trees: each centre's settings (`queues`), tickets by centre,
//! day and number (`tickets`), the windows' status (`windows`), appointments
//! by code (`appointments`) and `queue_meta`: ticket counters per centre, day
//! and letter, and a revision per centre that every queue write raises.

use chrono::NaiveDate;

use super::SledEngine;
use crate::domain::queue::{Ticket, WindowStatus};
use crate::store::codec::decode;
use crate::store::{Findings, StoreError};

pub(crate) fn ticket_key(centre: &str, day: NaiveDate, number: &str) -> Vec<u8> {
    format!("{centre}/{day}/{number}").into_bytes()
}

pub(crate) fn day_prefix(centre: &str, day: NaiveDate) -> Vec<u8> {
    format!("{centre}/{day}/").into_bytes()
}

pub(crate) fn window_key(centre: &str, number: u16) -> Vec<u8> {
    let mut k = format!("{centre}/").into_bytes();
    k.extend(number.to_be_bytes());
    k
}

pub(crate) fn rev_key(centre: &str) -> Vec<u8> {
    format!("rev/{centre}").into_bytes()
}

impl SledEngine {
    pub(super) fn read_tickets(
        &self,
        centre: &str,
        day: NaiveDate,
    ) -> Result<Vec<Ticket>, StoreError> {
        self.t
            .tickets
            .scan_prefix(day_prefix(centre, day))
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    pub(super) fn read_windows(&self, centre: &str) -> Result<Vec<WindowStatus>, StoreError> {
        self.t
            .windows
            .scan_prefix(format!("{centre}/").as_bytes())
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    /// The queue trees for `check` (`layout_check::queue`).
    pub(super) fn check_queue(&self) -> Result<Findings, StoreError> {
        let rows = |tree: &::sled::Tree| -> Box<dyn Iterator<Item = _>> {
            Box::new(tree.iter().map(|kv| {
                kv.map(|(k, v)| (k.to_vec(), v.to_vec()))
                    .map_err(StoreError::from)
            }))
        };
        crate::store::layout_check::queue(crate::store::layout_check::QueueRows {
            tickets: rows(&self.t.tickets),
            configs: rows(&self.t.queues),
            appointments: rows(&self.t.appointments),
            windows: &|centre| self.read_windows(centre),
            ticket: &|k| Ok(self.t.tickets.get(k)?.map(|v| v.to_vec())),
        })
    }
}

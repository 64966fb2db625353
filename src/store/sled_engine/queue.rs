//! The queue's trees: each centre's settings (`queues`), tickets by centre,
//! day and number (`tickets`), the windows' status (`windows`), appointments
//! by code (`appointments`) and `queue_meta`: ticket counters per centre, day
//! and letter, and a revision per centre that every queue write raises.

use chrono::NaiveDate;

use super::SledEngine;
use crate::domain::queue::{Appointment, QueueConfig, Ticket, WindowStatus};
use crate::store::codec::decode;
use crate::store::{Findings, StoreError};

pub(super) fn ticket_key(centre: &str, day: NaiveDate, number: &str) -> Vec<u8> {
    format!("{centre}/{day}/{number}").into_bytes()
}

fn day_prefix(centre: &str, day: NaiveDate) -> Vec<u8> {
    format!("{centre}/{day}/").into_bytes()
}

pub(super) fn window_key(centre: &str, number: u16) -> Vec<u8> {
    let mut k = format!("{centre}/").into_bytes();
    k.extend(number.to_be_bytes());
    k
}

pub(super) fn rev_key(centre: &str) -> Vec<u8> {
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

    /// The queue trees for `check`: every value decodes and is filed under its
    /// own key, and a window's ticket is at that window.
    pub(super) fn check_queue(&self) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        let show = |k: &[u8]| String::from_utf8_lossy(k).into_owned();
        for kv in self.t.tickets.iter() {
            let (k, v) = kv?;
            match decode::<Ticket>(&v) {
                Ok(t) if ticket_key(&t.centre, t.day, &t.number) == *k => {}
                Ok(t) => findings.push(format!("ticket {} is filed under {}", t.number, show(&k))),
                Err(e) => findings.push(format!("ticket {}: {e}", show(&k))),
            }
        }
        for kv in self.t.queues.iter() {
            let (k, v) = kv?;
            match decode::<QueueConfig>(&v) {
                Ok(c) if c.centre.as_bytes() == &*k => {}
                Ok(c) => {
                    findings.push(format!("queue of {} is filed under {}", c.centre, show(&k)))
                }
                Err(e) => findings.push(format!("queue settings {}: {e}", show(&k))),
            }
            findings.extend(self.check_windows(&show(&k))?);
        }
        for kv in self.t.appointments.iter() {
            let (k, v) = kv?;
            if let Err(e) = decode::<Appointment>(&v) {
                findings.push(format!("appointment {}: {e}", show(&k)));
            }
        }
        Ok(findings)
    }

    /// Each window's ticket is at that window.
    fn check_windows(&self, centre: &str) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        for w in self.read_windows(centre)? {
            let Some(r) = &w.ticket else { continue };
            let here = self
                .t
                .tickets
                .get(ticket_key(centre, r.day, &r.number))?
                .map(|v| decode::<Ticket>(&v))
                .transpose()?
                .is_some_and(|t| t.window == Some(w.number) && t.state.at_window());
            if !here {
                findings.push(format!(
                    "{centre} window {} holds ticket {r} of {}, which is not at it",
                    w.number, r.day
                ));
            }
        }
        Ok(findings)
    }
}

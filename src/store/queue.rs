//! The queue's trees: each centre's settings (`queues`), tickets by centre,
//! day and number (`tickets`), the windows' status (`windows`), appointments
//! by code (`appointments`) and `queue_meta`: ticket counters per centre, day
//! and letter, and a revision per centre that every queue write raises, so a
//! hall board sees a change with one read. Every write is one transaction
//! over these trees, durable before it returns.

use chrono::NaiveDate;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::codec::{decode, encode};
use super::{Findings, Store, StoreError, abort, next_counter, u64_of, unwrap_tx};
use crate::domain::queue::{Appointment, QueueConfig, Ticket, TicketRef, WindowStatus};

type TxOut<T, E> = Result<T, ConflictableTransactionError<E>>;

fn ticket_key(centre: &str, day: NaiveDate, number: &str) -> Vec<u8> {
    format!("{centre}/{day}/{number}").into_bytes()
}

fn day_prefix(centre: &str, day: NaiveDate) -> Vec<u8> {
    format!("{centre}/{day}/").into_bytes()
}

fn window_key(centre: &str, number: u16) -> Vec<u8> {
    let mut k = format!("{centre}/").into_bytes();
    k.extend(number.to_be_bytes());
    k
}

fn rev_key(centre: &str) -> Vec<u8> {
    format!("rev/{centre}").into_bytes()
}

fn decoded<T: serde::de::DeserializeOwned, E: From<StoreError>>(v: &[u8]) -> TxOut<T, E> {
    decode(v).map_err(|e| abort(e.into()))
}

/// The queue trees inside one transaction, for one centre.
pub struct QueueTx<'a> {
    centre: &'a str,
    configs: &'a TransactionalTree,
    tickets: &'a TransactionalTree,
    windows: &'a TransactionalTree,
    appointments: &'a TransactionalTree,
    meta: &'a TransactionalTree,
}

impl QueueTx<'_> {
    pub fn config<E: From<StoreError>>(&self) -> TxOut<Option<QueueConfig>, E> {
        self.configs
            .get(self.centre.as_bytes())?
            .map(|v| decoded(&v))
            .transpose()
    }

    pub fn put_config<E>(&self, c: &QueueConfig) -> TxOut<(), E> {
        self.configs.insert(self.centre.as_bytes(), encode(c))?;
        Ok(())
    }

    pub fn ticket<E: From<StoreError>>(&self, r: &TicketRef) -> TxOut<Option<Ticket>, E> {
        self.tickets
            .get(ticket_key(self.centre, r.day, &r.number))?
            .map(|v| decoded(&v))
            .transpose()
    }

    pub fn put_ticket<E>(&self, t: &Ticket) -> TxOut<(), E> {
        self.tickets
            .insert(ticket_key(&t.centre, t.day, &t.number), encode(t))?;
        Ok(())
    }

    pub fn window<E: From<StoreError>>(&self, number: u16) -> TxOut<Option<WindowStatus>, E> {
        self.windows
            .get(window_key(self.centre, number))?
            .map(|v| decoded(&v))
            .transpose()
    }

    pub fn put_window<E>(&self, w: &WindowStatus) -> TxOut<(), E> {
        self.windows
            .insert(window_key(self.centre, w.number), encode(w))?;
        Ok(())
    }

    pub fn remove_window<E>(&self, number: u16) -> TxOut<(), E> {
        self.windows.remove(window_key(self.centre, number))?;
        Ok(())
    }

    pub fn appointment<E: From<StoreError>>(&self, code: &str) -> TxOut<Option<Appointment>, E> {
        self.appointments
            .get(code.as_bytes())?
            .map(|v| decoded(&v))
            .transpose()
    }

    pub fn put_appointment<E>(&self, a: &Appointment) -> TxOut<(), E> {
        self.appointments.insert(a.code.as_bytes(), encode(a))?;
        Ok(())
    }

    /// The next ticket number of a letter on a day (1, 2, ...).
    pub fn next_seq<E>(&self, day: NaiveDate, letter: char) -> TxOut<u32, E> {
        let name = format!("seq/{}/{day}/{letter}", self.centre);
        Ok(next_counter(self.meta, name.as_bytes())? as u32)
    }

    /// The next appointment serial of the centre.
    pub fn next_appointment<E>(&self) -> TxOut<u64, E> {
        let name = format!("appt/{}", self.centre);
        Ok(next_counter(self.meta, name.as_bytes())?)
    }
}

impl Store {
    pub fn queue_config(&self, centre: &str) -> Result<Option<QueueConfig>, StoreError> {
        Ok(self
            .queues
            .get(centre.as_bytes())?
            .map(|v| decode(&v))
            .transpose()?)
    }

    /// The tickets of a centre's day, by number.
    pub fn tickets(&self, centre: &str, day: NaiveDate) -> Result<Vec<Ticket>, StoreError> {
        self.tickets
            .scan_prefix(day_prefix(centre, day))
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    pub fn ticket(&self, centre: &str, r: &TicketRef) -> Result<Option<Ticket>, StoreError> {
        Ok(self
            .tickets
            .get(ticket_key(centre, r.day, &r.number))?
            .map(|v| decode(&v))
            .transpose()?)
    }

    /// The windows' status, by number.
    pub fn windows(&self, centre: &str) -> Result<Vec<WindowStatus>, StoreError> {
        self.windows
            .scan_prefix(format!("{centre}/").as_bytes())
            .map(|kv| Ok(decode(&kv?.1)?))
            .collect()
    }

    pub fn appointment(&self, code: &str) -> Result<Option<Appointment>, StoreError> {
        Ok(self
            .appointments
            .get(code.as_bytes())?
            .map(|v| decode(&v))
            .transpose()?)
    }

    /// Raised by every queue write of the centre: a board polls this one key.
    pub fn queue_revision(&self, centre: &str) -> Result<u64, StoreError> {
        Ok(self
            .queue_meta
            .get(rev_key(centre))?
            .map_or(0, |v| u64_of(&v)))
    }

    /// One durable transaction over the queue trees of `centre`; it raises the
    /// centre's revision, which also puts concurrent writers of one centre in
    /// line (sled retries the later one). `f` may run more than once.
    pub fn queue_tx<T, E: From<StoreError>>(
        &self,
        centre: &str,
        f: impl Fn(&QueueTx<'_>) -> TxOut<T, E>,
    ) -> Result<T, E> {
        let _g = self.gate.read().expect("gate");
        let trees = (
            &self.queues,
            &self.tickets,
            &self.windows,
            &self.appointments,
            &self.queue_meta,
        );
        let out = unwrap_tx(trees.transaction(
            |(configs, tickets, windows, appointments, meta)| {
                let tx = QueueTx {
                    centre,
                    configs,
                    tickets,
                    windows,
                    appointments,
                    meta,
                };
                let out = f(&tx)?;
                next_counter(meta, &rev_key(centre))?;
                Ok(out)
            },
        ))?;
        self.durable()?;
        Ok(out)
    }

    /// The queue trees for `check`: every value decodes and is filed under its
    /// own key, and a window's ticket is at that window.
    pub(super) fn check_queue(&self) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        let show = |k: &[u8]| String::from_utf8_lossy(k).into_owned();
        for kv in self.tickets.iter() {
            let (k, v) = kv?;
            match decode::<Ticket>(&v) {
                Ok(t) if ticket_key(&t.centre, t.day, &t.number) == *k => {}
                Ok(t) => findings.push(format!("ticket {} is filed under {}", t.number, show(&k))),
                Err(e) => findings.push(format!("ticket {}: {e}", show(&k))),
            }
        }
        for kv in self.queues.iter() {
            let (k, v) = kv?;
            match decode::<QueueConfig>(&v) {
                Ok(c) if c.centre.as_bytes() == &*k => {}
                Ok(c) => {
                    findings.push(format!("queue of {} is filed under {}", c.centre, show(&k)))
                }
                Err(e) => findings.push(format!("queue settings {}: {e}", show(&k))),
            }
            let centre = show(&k);
            for w in self.windows(&centre)? {
                let Some(r) = &w.ticket else { continue };
                let here = self
                    .ticket(&centre, r)?
                    .is_some_and(|t| t.window == Some(w.number) && t.state.at_window());
                if !here {
                    findings.push(format!(
                        "{centre} window {} holds ticket {r} of {}, which is not at it",
                        w.number, r.day
                    ));
                }
            }
        }
        for kv in self.appointments.iter() {
            let (k, v) = kv?;
            if let Err(e) = decode::<Appointment>(&v) {
                findings.push(format!("appointment {}: {e}", show(&k)));
            }
        }
        Ok(findings)
    }

    /// Values of the queue trees get the current header on a schema change
    /// (their shapes are unchanged so far).
    pub(super) fn migrate_queue_headers(&self) -> Result<(), StoreError> {
        // 4 -> 5: categories gain their English name.
        for kv in self.queues.iter() {
            let (k, v) = kv?;
            if super::codec::schema_of(&v)? < 5 {
                self.queues.insert(k, encode(&upgrade_config(&v)?))?;
            }
        }
        for tree in [
            &self.queues,
            &self.tickets,
            &self.windows,
            &self.appointments,
        ] {
            for kv in tree.iter() {
                let (k, v) = kv?;
                if v.len() >= 2 && super::codec::schema_of(&v)? < super::codec::SCHEMA {
                    let mut nv = super::codec::SCHEMA.to_le_bytes().to_vec();
                    nv.extend_from_slice(&v[2..]);
                    tree.insert(k, nv)?;
                }
            }
        }
        Ok(())
    }
}

/// A queue setup as schemas 1 to 4 stored it: categories without `name_en`.
#[derive(serde::Deserialize)]
struct QueueConfigV3 {
    centre: String,
    categories: Vec<CategoryV3>,
    windows: Vec<crate::domain::queue::WindowConfig>,
    no_show_minutes: u32,
    appointment_early_minutes: u32,
    service_minutes: u32,
}

#[derive(serde::Deserialize)]
struct CategoryV3 {
    letter: char,
    name_ru: String,
    name_kk: String,
    services: Vec<String>,
    issuance: bool,
}

/// An old stored queue setup in today's shape (no English names yet).
fn upgrade_config(bytes: &[u8]) -> Result<QueueConfig, StoreError> {
    let old: QueueConfigV3 = super::codec::decode_body(bytes)?;
    Ok(QueueConfig {
        centre: old.centre,
        categories: old
            .categories
            .into_iter()
            .map(|c| crate::domain::queue::Category {
                letter: c.letter,
                name_ru: c.name_ru,
                name_kk: c.name_kk,
                services: c.services,
                issuance: c.issuance,
                name_en: String::new(),
            })
            .collect(),
        windows: old.windows,
        no_show_minutes: old.no_show_minutes,
        appointment_early_minutes: old.appointment_early_minutes,
        service_minutes: old.service_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema-3 queue setup (categories without `name_en`) loads whole.
    #[test]
    fn an_old_queue_setup_loads_without_english_names() {
        #[derive(serde::Serialize)]
        struct Old<'a>(
            &'a str,
            Vec<(char, &'a str, &'a str, Vec<String>, bool)>,
            Vec<(u16, Vec<char>)>,
            u32,
            u32,
            u32,
        );
        let old = Old(
            "KRG-SC",
            vec![('A', "Семья и дети", "Отбасы және балалар", vec![], false)],
            vec![(1, vec!['A'])],
            10,
            15,
            12,
        );
        let bytes = super::super::codec::encode_as(3, &old);
        let config = upgrade_config(&bytes).unwrap();
        assert_eq!(config.categories[0].name_kk, "Отбасы және балалар");
        assert_eq!(config.categories[0].name_en, "");
        assert_eq!(config.windows[0].categories, vec!['A']);
        assert_eq!(config.service_minutes, 12);
        let c = &config.categories[0];
        assert_eq!(
            crate::i18n::category_name(crate::i18n::Lang::En, c),
            "Семья и дети"
        );
    }
}

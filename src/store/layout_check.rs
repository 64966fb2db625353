//! What every engine checks of its own layout, over its rows as the trees
//! hold them: each person filed under their IIN and the kept count right,
//! each ticket, queue setup and appointment decoding under its own key, and
//! each window's ticket at that window.

use super::engine::KeyValue;
use super::index::show_key;
use super::model::Person;
use super::sled_engine::queue::ticket_key;
use super::{Findings, StoreError};
use crate::domain::queue::{Appointment, QueueConfig, Ticket, WindowStatus};
use crate::store::codec::decode;

type Rows<'a> = Box<dyn Iterator<Item = Result<KeyValue, StoreError>> + 'a>;
/// A value by its key.
type Lookup<'a> = &'a dyn Fn(&[u8]) -> Result<Option<Vec<u8>>, StoreError>;

/// Every person filed under their own IIN, and the kept count right.
pub fn persons(rows: Rows<'_>, kept: u64) -> Result<Findings, StoreError> {
    let mut findings = Vec::new();
    let mut n = 0u64;
    for kv in rows {
        let (k, v) = kv?;
        n += 1;
        match decode::<Person>(&v) {
            Ok(p) if p.iin.to_string().as_bytes() == &*k => {}
            Ok(p) => findings.push(format!("person {} is filed under {}", p.iin, show_key(&k))),
            Err(e) => findings.push(format!("person {}: {e}", show_key(&k))),
        }
    }
    if kept != n {
        findings.push(format!(
            "the count of persons says {kept}, the registry holds {n}"
        ));
    }
    Ok(findings)
}

/// The queue's rows, and what a check of one centre's windows needs.
pub struct QueueRows<'a> {
    pub tickets: Rows<'a>,
    pub configs: Rows<'a>,
    pub appointments: Rows<'a>,
    pub windows: &'a dyn Fn(&str) -> Result<Vec<WindowStatus>, StoreError>,
    /// A ticket by its key.
    pub ticket: Lookup<'a>,
}

/// Every queue value decodes and is filed under its own key, and a window's
/// ticket is at that window.
pub fn queue(rows: QueueRows<'_>) -> Result<Findings, StoreError> {
    let QueueRows {
        tickets,
        configs,
        appointments,
        windows: windows_of,
        ticket,
    } = rows;
    let mut findings = Vec::new();
    let show = |k: &[u8]| String::from_utf8_lossy(k).into_owned();
    for kv in tickets {
        let (k, v) = kv?;
        match decode::<Ticket>(&v) {
            Ok(t) if ticket_key(&t.centre, t.day, &t.number) == *k => {}
            Ok(t) => findings.push(format!("ticket {} is filed under {}", t.number, show(&k))),
            Err(e) => findings.push(format!("ticket {}: {e}", show(&k))),
        }
    }
    for kv in configs {
        let (k, v) = kv?;
        match decode::<QueueConfig>(&v) {
            Ok(c) if c.centre.as_bytes() == &*k => {}
            Ok(c) => findings.push(format!("queue of {} is filed under {}", c.centre, show(&k))),
            Err(e) => findings.push(format!("queue settings {}: {e}", show(&k))),
        }
        findings.extend(windows(&show(&k), windows_of, ticket)?);
    }
    for kv in appointments {
        let (k, v) = kv?;
        if let Err(e) = decode::<Appointment>(&v) {
            findings.push(format!("appointment {}: {e}", show(&k)));
        }
    }
    Ok(findings)
}

/// Each window's ticket is at that window.
fn windows(
    centre: &str,
    windows_of: &dyn Fn(&str) -> Result<Vec<WindowStatus>, StoreError>,
    ticket: Lookup<'_>,
) -> Result<Findings, StoreError> {
    let mut findings = Vec::new();
    for w in windows_of(centre)? {
        let Some(r) = &w.ticket else { continue };
        let here = ticket(&ticket_key(centre, r.day, &r.number))?
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

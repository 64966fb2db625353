//! Who is called next. A window calls, among the tickets it may call, the
//! one sent to it by a colleague first, then barrier-free priority, then
//! appointments checked in within their slot, then everyone by arrival.
//! A transferred visitor keeps the arrival time of their ticket: they have
//! already waited once.

use chrono::NaiveDateTime;

use super::{Ticket, WindowConfig};

/// The ordering key: smaller is called first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    /// 0: sent to this very window.
    pub directed: u8,
    /// 0: priority, 1: appointment on time, 2: everyone else.
    pub class: u8,
    pub since: NaiveDateTime,
    pub number: String,
}

/// Whether `window` may call `t` now.
pub fn eligible(t: &Ticket, window: &WindowConfig) -> bool {
    t.state.is_queued()
        && match t.to_window {
            Some(w) => w == window.number,
            None => window.categories.contains(&t.category),
        }
}

pub fn class(t: &Ticket) -> u8 {
    if t.priority.is_some() {
        0
    } else if t.head_of_queue {
        1
    } else {
        2
    }
}

pub fn rank(t: &Ticket) -> Rank {
    Rank {
        directed: if t.to_window.is_some() { 0 } else { 1 },
        class: class(t),
        since: t.taken_at,
        number: t.number.clone(),
    }
}

/// The ticket `window` calls next, if any waits for it.
pub fn next_for<'a>(tickets: &'a [Ticket], window: &WindowConfig) -> Option<&'a Ticket> {
    tickets
        .iter()
        .filter(|t| eligible(t, window))
        .min_by_key(|t| rank(t))
}

/// People in the ticket's category who will be called before it.
pub fn ahead(tickets: &[Ticket], ticket: &Ticket) -> usize {
    let mine = rank(ticket);
    tickets
        .iter()
        .filter(|t| {
            t.state.is_queued()
                && t.number != ticket.number
                && (t.to_window.is_none() && t.category == ticket.category)
                && rank(t) < mine
        })
        .count()
}

/// Minutes until the ticket is likely called: the people ahead shared among
/// the open windows that serve the category, each visit `minutes` long.
/// None when no such window is open.
pub fn estimate_wait(ahead: usize, open_windows: usize, minutes: u32) -> Option<u32> {
    if open_windows == 0 {
        return None;
    }
    let total = ahead as u64 * minutes as u64;
    Some(total.div_ceil(open_windows as u64) as u32)
}

//! The electronic queue's operations. Taking a ticket and the hall board
//! need no sign-in (anyone in the hall may); a window is worked by an
//! operator of that centre; the day's figures are the centre head's.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::OpsError;
use crate::domain::queue::{
    Category, OperatorState, Outcome, QueueConfig, Ticket, TicketState, TransferTarget,
    WindowStatus,
};
use crate::store::StoreError;
use crate::store::TxError;

mod hall;
mod window;

pub use window::outcome_fits;

/// A ticket as the kiosk hands it out.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Taken {
    pub ticket: Ticket,
    pub category: Category,
    /// People who will be called before it.
    pub ahead: usize,
    /// Minutes; None when no window serving the category is open.
    pub wait_minutes: Option<u32>,
}

/// What an operator does at their window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueAct {
    /// Take a seat at a window (and leave the one held before).
    Sit(u16),
    Leave,
    SetState(OperatorState),
    CallNext,
    Recall,
    NoShow,
    Start,
    Finish(Outcome),
    Transfer {
        to: TransferTarget,
        reason: String,
    },
}

/// The operator's view of the queue.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Desk {
    pub day: NaiveDate,
    pub config: QueueConfig,
    /// The window the operator sits at.
    pub window: Option<WindowStatus>,
    /// The ticket at that window.
    pub current: Option<Ticket>,
    pub windows: Vec<WindowStatus>,
    /// Waiting per category letter, in the settings' order.
    pub waiting: Vec<(char, usize)>,
    /// Waiting tickets the operator's window may call.
    pub for_me: usize,
    pub revision: u64,
    /// What the last act gave (the ticket called, finished...).
    pub ticket: Option<Ticket>,
}

/// One line of the hall board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCall {
    pub number: String,
    pub window: u16,
    pub at: NaiveDateTime,
    pub state: TicketState,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Board {
    pub day: NaiveDate,
    pub config: QueueConfig,
    /// The latest calls of the day, the latest first.
    pub calls: Vec<BoardCall>,
    pub waiting: Vec<(char, usize)>,
    pub revision: u64,
}

/// How many calls the board lists.
const BOARD_CALLS: usize = 12;

/// How many tries a call makes when colleagues keep taking its pick first.
const CALL_TRIES: usize = 64;

/// A call that lost its pick to a colleague (tried again) or failed.
enum CallError {
    Lost,
    Failed(OpsError),
}

impl From<StoreError> for CallError {
    fn from(e: StoreError) -> CallError {
        CallError::Failed(e.into())
    }
}

impl From<OpsError> for CallError {
    fn from(e: OpsError) -> CallError {
        CallError::Failed(e)
    }
}

fn fail<T, E: From<OpsError>>(e: impl Into<OpsError>) -> Result<T, TxError<E>> {
    Err(TxError::Abort(E::from(e.into())))
}

fn waiting_counts(config: &QueueConfig, tickets: &[Ticket]) -> Vec<(char, usize)> {
    config
        .categories
        .iter()
        .map(|c| {
            let n = tickets
                .iter()
                .filter(|t| t.state.is_queued() && t.category == c.letter)
                .count();
            (c.letter, n)
        })
        .collect()
}

fn abort_with<E: From<OpsError>>(e: OpsError) -> TxError<E> {
    TxError::Abort(E::from(e))
}

/// Five digits of the serial and a check digit (Luhn), so a mistyped code is
/// refused rather than checking in someone else.
/// Digits in an appointment code: five of the serial and a check digit.
pub const APPOINTMENT_CODE_LEN: usize = 6;

pub fn appointment_code(serial: u64) -> String {
    let body = format!("{:05}", serial % 100_000);
    let mut sum = 0;
    for (i, c) in body.chars().rev().enumerate() {
        let mut d = c.to_digit(10).unwrap_or(0);
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    format!("{body}{}", (10 - sum % 10) % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn appointment_codes_carry_a_check_digit() {
        assert_eq!(super::appointment_code(1), "000018");
        assert_eq!(super::appointment_code(7992), "079921");
    }
}

//! An operator's window as it is now: who sits there, doing what, and with
//! which ticket.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::*;

/// What the operator at a window is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorState {
    Available,
    Serving,
    OnBreak,
    BackOffice,
}

impl OperatorState {
    pub const ALL: [OperatorState; 4] = [
        OperatorState::Available,
        OperatorState::Serving,
        OperatorState::OnBreak,
        OperatorState::BackOffice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OperatorState::Available => "available",
            OperatorState::Serving => "serving",
            OperatorState::OnBreak => "on_break",
            OperatorState::BackOffice => "back_office",
        }
    }

    pub fn parse(s: &str) -> Option<OperatorState> {
        let s = s.trim().replace('-', "_");
        [
            OperatorState::Available,
            OperatorState::Serving,
            OperatorState::OnBreak,
            OperatorState::BackOffice,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// A window as it is now: who sits there, doing what, with which ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowStatus {
    pub number: u16,
    pub operator: Option<String>,
    pub state: OperatorState,
    pub since: NaiveDateTime,
    /// The ticket called to or served at it.
    pub ticket: Option<TicketRef>,
}

/// A ticket by its day and number (numbers start again every day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRef {
    pub day: NaiveDate,
    pub number: String,
}

impl fmt::Display for TicketRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)
    }
}

impl WindowStatus {
    pub fn closed(number: u16, at: NaiveDateTime) -> WindowStatus {
        WindowStatus {
            number,
            operator: None,
            state: OperatorState::Available,
            since: at,
            ticket: None,
        }
    }

    /// Open: someone sits there and takes visitors.
    pub fn open(&self) -> bool {
        self.operator.is_some()
            && matches!(
                self.state,
                OperatorState::Available | OperatorState::Serving
            )
    }

    /// The operator may only go on a break or to back-office work between visitors.
    pub fn set_state(&mut self, state: OperatorState, at: NaiveDateTime) -> Result<(), QueueError> {
        if state == OperatorState::Serving {
            return Err(QueueError::ServingNeedsCall);
        }
        if let Some(t) = &self.ticket {
            return Err(QueueError::Busy(t.number.clone()));
        }
        self.state = state;
        self.since = at;
        Ok(())
    }
}

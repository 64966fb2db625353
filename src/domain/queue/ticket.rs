//! What a ticket is: its state, the outcome of its visit, where a transfer
//! sends it, and its history of changes.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    Waiting,
    Called,
    Serving,
    Done,
    NoShow,
    /// Sent to another category or window; waits there (callable again).
    Transferred,
    Cancelled,
}

impl TicketState {
    pub const ALL: [TicketState; 7] = [
        TicketState::Waiting,
        TicketState::Called,
        TicketState::Serving,
        TicketState::Done,
        TicketState::NoShow,
        TicketState::Transferred,
        TicketState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::Waiting => "waiting",
            TicketState::Called => "called",
            TicketState::Serving => "serving",
            TicketState::Done => "done",
            TicketState::NoShow => "no_show",
            TicketState::Transferred => "transferred",
            TicketState::Cancelled => "cancelled",
        }
    }

    /// In a queue, to be called.
    pub fn is_queued(self) -> bool {
        matches!(self, TicketState::Waiting | TicketState::Transferred)
    }

    /// At a window now.
    pub fn at_window(self) -> bool {
        matches!(self, TicketState::Called | TicketState::Serving)
    }
}

/// What a visit ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// An application was accepted (its number).
    Accepted,
    /// Intake was refused for missing documents (the refused application's number).
    RefusedIntake,
    /// A ready result was handed over (its application's number).
    Issued,
    /// Information only: nothing was filed.
    Consultation,
    /// Nothing could be filed: the person registry (ГБД ФЛ) has no data on
    /// the applicant ("процесс 4 – формирование сообщения о невозможности
    /// получения данных", 000:187-188). Appended last: the codec is bincode.
    NoPersonData,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::Accepted,
        OutcomeKind::RefusedIntake,
        OutcomeKind::Issued,
        OutcomeKind::Consultation,
        OutcomeKind::NoPersonData,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Accepted => "accepted",
            OutcomeKind::RefusedIntake => "refused_intake",
            OutcomeKind::Issued => "issued",
            OutcomeKind::Consultation => "consultation",
            OutcomeKind::NoPersonData => "no_person_data",
        }
    }

    pub fn parse(s: &str) -> Option<OutcomeKind> {
        let s = s.trim().replace('-', "_");
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the outcome names the application it concerns.
    pub fn needs_application(self) -> bool {
        !matches!(self, OutcomeKind::Consultation | OutcomeKind::NoPersonData)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub application: Option<String>,
}

impl Outcome {
    pub fn new(kind: OutcomeKind, application: Option<&str>) -> Result<Outcome, QueueError> {
        let application = application
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        match (kind.needs_application(), &application) {
            (true, None) => Err(QueueError::NeedsApplication(kind)),
            (false, Some(_)) => Err(QueueError::ConsultationWithApplication),
            _ => Ok(Outcome { kind, application }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferTarget {
    Category(char),
    Window(u16),
}

impl fmt::Display for TransferTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferTarget::Category(c) => write!(f, "{c}"),
            TransferTarget::Window(w) => write!(f, "window:{w}"),
        }
    }
}

impl std::str::FromStr for TransferTarget {
    type Err = String;
    /// `B` (a category) or `window:3`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(n) = s.strip_prefix("window:") {
            return n
                .parse()
                .map(TransferTarget::Window)
                .map_err(|_| format!("{n:?} is not a window number"));
        }
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => {
                Ok(TransferTarget::Category(c.to_ascii_uppercase()))
            }
            _ => Err(format!(
                "{s:?}: give a category letter (B) or a window (window:3)"
            )),
        }
    }
}

/// One change of a ticket: its new state, when, by whom, at which window,
/// and in which category it stood then (transfers change it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketEvent {
    pub at: NaiveDateTime,
    pub state: TicketState,
    pub category: char,
    pub by: Option<String>,
    pub window: Option<u16>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub centre: String,
    pub day: NaiveDate,
    /// Letter and number of the day in its first category: "A001".
    pub number: String,
    /// The category it waits in now.
    pub category: char,
    pub priority: Option<PriorityReason>,
    pub appointment: Option<String>,
    /// An appointment checked in within its slot: joins the head of the category.
    pub head_of_queue: bool,
    pub taken_at: NaiveDateTime,
    pub state: TicketState,
    /// The window that called it (or serves it).
    pub window: Option<u16>,
    /// Sent to one window: only it may call the ticket.
    pub to_window: Option<u16>,
    pub operator: Option<String>,
    /// How many times it was announced at its current window.
    pub calls: u32,
    pub outcome: Option<Outcome>,
    pub history: Vec<TicketEvent>,
}

/// "A" and 7 → "A007".
pub fn ticket_number(letter: char, seq: u32) -> String {
    format!("{letter}{seq:03}")
}

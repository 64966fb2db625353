//! The electronic queue of a State Corporation centre: service categories,
//! tickets and their states, operator windows. Every change of a ticket is a
//! method here that checks the rule and records the moment in its history;
//! the store only keeps what these produce.

mod lifecycle;
pub mod order;
pub mod stats;
mod ticket;
mod window;

pub use ticket::{
    Outcome, OutcomeKind, Ticket, TicketEvent, TicketState, TransferTarget, ticket_number,
};
pub use window::{OperatorState, TicketRef, WindowStatus};

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A group of services with its own ticket letter ("A": family and children).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub letter: char,
    pub name_ru: String,
    pub name_kk: String,
    /// Catalogue `service` keys taken in under this category (a hint for
    /// the operator; any service may still be taken in).
    #[serde(default)]
    pub services: Vec<String>,
    /// Results are handed back here: serving opens the results to issue.
    #[serde(default)]
    pub issuance: bool,
    /// The English name (stored since schema 4); empty: the Russian one is shown.
    #[serde(default)]
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowConfig {
    pub number: u16,
    /// The category letters this window calls.
    pub categories: Vec<char>,
}

/// How a centre runs its queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueConfig {
    pub centre: String,
    pub categories: Vec<Category>,
    pub windows: Vec<WindowConfig>,
    /// Minutes after a call before the visitor may be recorded as not come.
    pub no_show_minutes: u32,
    /// Minutes before its slot an appointment still counts as on time.
    pub appointment_early_minutes: u32,
    /// Minutes one visit is assumed to take until the day has its own figures.
    pub service_minutes: u32,
}

impl QueueConfig {
    pub fn category(&self, letter: char) -> Option<&Category> {
        self.categories.iter().find(|c| c.letter == letter)
    }

    pub fn window(&self, number: u16) -> Option<&WindowConfig> {
        self.windows.iter().find(|w| w.number == number)
    }

    /// Letters A–Z, each once; windows numbered once, serving known letters.
    pub fn validate(&self) -> Result<(), QueueError> {
        let bad = |p: ConfigProblem| Err(QueueError::Config(p));
        if self.categories.is_empty() {
            return bad(ConfigProblem::NoCategories);
        }
        if self.windows.is_empty() {
            return bad(ConfigProblem::NoWindows);
        }
        for (i, c) in self.categories.iter().enumerate() {
            if !c.letter.is_ascii_uppercase() {
                return bad(ConfigProblem::BadLetter(c.letter));
            }
            if self.categories[..i].iter().any(|o| o.letter == c.letter) {
                return bad(ConfigProblem::CategoryTwice(c.letter));
            }
            if c.name_ru.trim().is_empty() || c.name_kk.trim().is_empty() {
                return bad(ConfigProblem::CategoryUnnamed(c.letter));
            }
        }
        for (i, w) in self.windows.iter().enumerate() {
            if w.number == 0 {
                return bad(ConfigProblem::WindowZero);
            }
            if self.windows[..i].iter().any(|o| o.number == w.number) {
                return bad(ConfigProblem::WindowTwice(w.number));
            }
            if w.categories.is_empty() {
                return bad(ConfigProblem::WindowIdle(w.number));
            }
            if let Some(l) = w.categories.iter().find(|l| self.category(**l).is_none()) {
                return bad(ConfigProblem::WindowUnknownCategory {
                    window: w.number,
                    category: *l,
                });
            }
        }
        if self.no_show_minutes == 0 || self.service_minutes == 0 {
            return bad(ConfigProblem::ZeroMinutes);
        }
        Ok(())
    }
}

/// Barrier-free service: called before ordinary visitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityReason {
    Disability,
    Elderly,
    Pregnant,
}

impl PriorityReason {
    pub const ALL: [PriorityReason; 3] = [
        PriorityReason::Disability,
        PriorityReason::Elderly,
        PriorityReason::Pregnant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PriorityReason::Disability => "disability",
            PriorityReason::Elderly => "elderly",
            PriorityReason::Pregnant => "pregnant",
        }
    }

    pub fn parse(s: &str) -> Option<PriorityReason> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

/// A visit booked ahead for a time slot; checked in at the kiosk by its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub code: String,
    pub centre: String,
    pub category: char,
    pub slot_start: NaiveDateTime,
    pub slot_end: NaiveDateTime,
    /// The ticket it was checked in as.
    pub ticket: Option<String>,
}

impl Appointment {
    /// Checked in from `early` minutes before the slot until its end: the
    /// visitor joins the head of the category.
    pub fn on_time(&self, at: NaiveDateTime, early: u32) -> bool {
        at >= self.slot_start - Duration::minutes(early as i64) && at <= self.slot_end
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum QueueError {
    #[error("the queue settings are invalid: {0}")]
    Config(ConfigProblem),
    #[error("ticket {number} is {state}, it cannot be {what}")]
    WrongState {
        number: String,
        state: String,
        what: String,
    },
    #[error("ticket {number} is at window {window}, not yours")]
    OtherWindow { number: String, window: u16 },
    #[error("the visitor may be recorded as not come {minutes} min after the call")]
    TooEarly { minutes: i64 },
    #[error("the outcome {} needs the application's number", .0.as_str())]
    NeedsApplication(OutcomeKind),
    #[error("nobody waits for window {0}")]
    NobodyWaiting(u16),
    #[error("ticket {0} is at the window: finish, transfer or record it first")]
    Busy(String),
    #[error("{0} sits at no window; take one first")]
    NoWindow(String),
    #[error("a transfer or a cancellation needs a reason")]
    NeedsReason,
    #[error("a consultation names no application")]
    ConsultationWithApplication,
    #[error("no category {0}")]
    UnknownCategory(char),
    #[error("ticket {number} already stands in category {category}")]
    AlreadyInCategory { number: String, category: char },
    #[error("no window {0}")]
    UnknownWindow(u16),
    #[error("ticket {number} is at window {window}")]
    AlreadyAtWindow { number: String, window: u16 },
    #[error("serving begins by calling a visitor")]
    ServingNeedsCall,
    #[error("nobody sits at window {0}: a visitor sent there would wait for no one")]
    WindowClosed(u16),
    /// Someone else sits at the window (named as a person).
    #[error("window {window} is taken by {by}")]
    WindowTaken { window: u16, by: String },
}

/// What is wrong with a centre's queue settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ConfigProblem {
    #[error("a queue needs at least one category")]
    NoCategories,
    #[error("a queue needs at least one window")]
    NoWindows,
    #[error("category letter {0:?} is not a Latin capital A–Z")]
    BadLetter(char),
    #[error("category {0} is given twice")]
    CategoryTwice(char),
    #[error("category {0} needs a Russian and a Kazakh name")]
    CategoryUnnamed(char),
    #[error("windows are numbered from 1")]
    WindowZero,
    #[error("window {0} is given twice")]
    WindowTwice(u16),
    #[error("window {0} serves no category")]
    WindowIdle(u16),
    #[error("window {window} serves unknown category {category}")]
    WindowUnknownCategory { window: u16, category: char },
    #[error("no_show_minutes and service_minutes must be at least 1")]
    ZeroMinutes,
}

#[cfg(test)]
mod tests;

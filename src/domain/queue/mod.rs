//! The electronic queue of a State Corporation centre: service categories,
//! tickets and their states, operator windows. Every change of a ticket is a
//! method here that checks the rule and records the moment in its history;
//! the store only keeps what these produce.

pub mod order;
pub mod stats;

use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime};
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

/// "A" and 7 → "A007".
pub fn ticket_number(letter: char, seq: u32) -> String {
    format!("{letter}{seq:03}")
}

impl Ticket {
    /// A ticket just taken at the kiosk (or checked in for an appointment).
    pub fn new(
        centre: &str,
        category: char,
        seq: u32,
        at: NaiveDateTime,
        priority: Option<PriorityReason>,
    ) -> Ticket {
        Ticket {
            centre: centre.to_string(),
            day: at.date(),
            number: ticket_number(category, seq),
            category,
            priority,
            appointment: None,
            head_of_queue: false,
            taken_at: at,
            state: TicketState::Waiting,
            window: None,
            to_window: None,
            operator: None,
            calls: 0,
            outcome: None,
            history: vec![TicketEvent {
                at,
                state: TicketState::Waiting,
                category,
                by: None,
                window: None,
                note: priority.map(|p| p.as_str().to_string()),
            }],
        }
    }

    /// A checked-in appointment: on time, it goes to the head of its category.
    pub fn for_appointment(
        centre: &str,
        a: &Appointment,
        seq: u32,
        at: NaiveDateTime,
        early: u32,
    ) -> Ticket {
        let mut t = Ticket::new(centre, a.category, seq, at, None);
        t.appointment = Some(a.code.clone());
        t.head_of_queue = a.on_time(at, early);
        t.history[0].note = Some(format!("appointment {}", a.code));
        t
    }

    /// When it was last announced (None: never at its current window).
    pub fn last_call(&self) -> Option<NaiveDateTime> {
        self.history
            .iter()
            .rev()
            .find(|e| e.state == TicketState::Called)
            .map(|e| e.at)
    }

    fn record(&mut self, at: NaiveDateTime, state: TicketState, by: &str, note: Option<String>) {
        self.state = state;
        self.history.push(TicketEvent {
            at,
            state,
            category: self.category,
            by: Some(by.to_string()),
            window: self.window,
            note,
        });
    }

    fn wrong(&self, what: &'static str) -> QueueError {
        QueueError::WrongState {
            number: self.number.clone(),
            state: self.state.as_str().to_string(),
            what: what.to_string(),
        }
    }

    fn mine(&self, window: u16) -> Result<(), QueueError> {
        match self.window {
            Some(w) if w == window => Ok(()),
            Some(w) => Err(QueueError::OtherWindow {
                number: self.number.clone(),
                window: w,
            }),
            None => Err(self.wrong("handled at a window")),
        }
    }

    /// Called to `window` by `operator`.
    pub fn call(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
    ) -> Result<(), QueueError> {
        if !self.state.is_queued() {
            return Err(self.wrong("called"));
        }
        if self.to_window.is_some_and(|w| w != window) {
            return Err(QueueError::OtherWindow {
                number: self.number.clone(),
                window: self.to_window.unwrap_or_default(),
            });
        }
        self.window = Some(window);
        self.operator = Some(operator.to_string());
        self.calls = 1;
        self.record(at, TicketState::Called, operator, None);
        Ok(())
    }

    /// Announced again (the board shows it as the newest call).
    pub fn recall(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
    ) -> Result<(), QueueError> {
        if self.state != TicketState::Called {
            return Err(self.wrong("called again"));
        }
        self.mine(window)?;
        self.calls += 1;
        self.record(
            at,
            TicketState::Called,
            operator,
            Some(format!("call {}", self.calls)),
        );
        Ok(())
    }

    /// Nobody came: allowed `wait` minutes after the last call.
    pub fn no_show(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
        wait: u32,
    ) -> Result<(), QueueError> {
        self.check_no_show(window, at, wait)?;
        self.record(at, TicketState::NoShow, operator, None);
        Ok(())
    }

    /// Whether window `window` may record this ticket as not come at `at`
    /// (`wait` minutes after the latest call): the workstation asks this
    /// before it asks the operator to confirm.
    pub fn check_no_show(
        &self,
        window: u16,
        at: NaiveDateTime,
        wait: u32,
    ) -> Result<(), QueueError> {
        if self.state != TicketState::Called {
            return Err(self.wrong("recorded as not come"));
        }
        self.mine(window)?;
        let called = self.last_call().unwrap_or(self.taken_at);
        let ready = called + Duration::minutes(wait as i64);
        if at < ready {
            let left = (ready - at).num_seconds();
            return Err(QueueError::TooEarly {
                minutes: (left + 59) / 60,
            });
        }
        Ok(())
    }

    /// The visitor came to the window.
    pub fn start(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
    ) -> Result<(), QueueError> {
        if self.state != TicketState::Called {
            return Err(self.wrong("served"));
        }
        self.mine(window)?;
        self.operator = Some(operator.to_string());
        self.record(at, TicketState::Serving, operator, None);
        Ok(())
    }

    pub fn finish(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
        outcome: Outcome,
    ) -> Result<(), QueueError> {
        if self.state != TicketState::Serving {
            return Err(self.wrong("finished"));
        }
        self.mine(window)?;
        let note = Some(match &outcome.application {
            Some(a) => format!("{} {a}", outcome.kind.as_str()),
            None => outcome.kind.as_str().to_string(),
        });
        self.outcome = Some(outcome);
        self.record(at, TicketState::Done, operator, note);
        Ok(())
    }

    /// Sent on to another category or window, with the reason; it keeps its
    /// number and its place by arrival time.
    pub fn transfer(
        &mut self,
        window: u16,
        operator: &str,
        at: NaiveDateTime,
        to: TransferTarget,
        reason: &str,
        config: &QueueConfig,
    ) -> Result<(), QueueError> {
        if !self.state.at_window() {
            return Err(self.wrong("transferred"));
        }
        self.mine(window)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(QueueError::NeedsReason);
        }
        match to {
            TransferTarget::Category(c) => {
                if config.category(c).is_none() {
                    return Err(QueueError::UnknownCategory(c));
                }
                if c == self.category {
                    return Err(QueueError::AlreadyInCategory {
                        number: self.number.clone(),
                        category: c,
                    });
                }
                self.category = c;
                self.to_window = None;
            }
            TransferTarget::Window(w) => {
                if config.window(w).is_none() {
                    return Err(QueueError::UnknownWindow(w));
                }
                if w == window {
                    return Err(QueueError::AlreadyAtWindow {
                        number: self.number.clone(),
                        window: w,
                    });
                }
                self.to_window = Some(w);
            }
        }
        self.record(
            at,
            TicketState::Transferred,
            operator,
            Some(format!("→ {to}: {reason}")),
        );
        self.window = None;
        self.operator = None;
        self.calls = 0;
        Ok(())
    }

    /// Taken off the queue (the visitor left, the day closed).
    pub fn cancel(&mut self, by: &str, at: NaiveDateTime, reason: &str) -> Result<(), QueueError> {
        if !self.state.is_queued() {
            return Err(self.wrong("cancelled"));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(QueueError::NeedsReason);
        }
        self.record(at, TicketState::Cancelled, by, Some(reason.to_string()));
        Ok(())
    }
}

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

#[cfg(test)]
mod tests;

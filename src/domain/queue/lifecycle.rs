//! How a ticket changes: called, recalled, started, finished, transferred,
//! missed or cancelled, each change checked against its state and recorded
//! in its history.

use chrono::{Duration, NaiveDateTime};

use super::*;

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

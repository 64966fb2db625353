//! The electronic queue's operations. Taking a ticket and the hall board
//! need no sign-in (anyone in the hall may); a window is worked by an
//! operator of that centre; the day's figures are the centre head's.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Named, Ops, OpsError, OpsResult, Refusal};
use crate::domain::queue::order::{self, ahead, estimate_wait};
use crate::domain::queue::stats::{DayStats, day_stats, visit_minutes};
use crate::domain::queue::{
    Appointment, Category, OperatorState, Outcome, OutcomeKind, PriorityReason, QueueConfig,
    QueueError, Ticket, TicketRef, TicketState, TransferTarget, WindowConfig, WindowStatus,
};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::Status;
use crate::store::StoreError;
use crate::store::TxError;
use crate::store::model::{Organisation, Record, User};
use crate::store::queue::QueueTx;

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

impl Ops {
    /// The queue settings of a centre.
    pub fn queue_config(&self, centre: &str) -> OpsResult<QueueConfig> {
        self.store.queue_config(centre)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoQueue {
                centre: centre.into(),
            })
        })
    }

    /// Sets up or changes a centre's queue (the administrator). Windows no
    /// longer listed must be free.
    pub fn queue_setup(&self, config: QueueConfig, at: NaiveDateTime) -> OpsResult<()> {
        let org = self.org(&config.centre)?;
        if org.kind != OrgKind::StateCorp {
            return Err(OpsError::Invalid(Refusal::NotACentre {
                org: Named::from(&org),
                kind: org.kind,
            }));
        }
        config.validate()?;
        let before = self.store.windows(&config.centre)?;
        self.store.queue_tx(&config.centre, |tx| {
            for w in &before {
                if config.window(w.number).is_some() {
                    continue;
                }
                match tx.window::<OpsError>(w.number)? {
                    Some(s) if s.ticket.is_some() => {
                        return fail(OpsError::Invalid(Refusal::WindowHasVisitor {
                            window: w.number,
                        }));
                    }
                    _ => tx.remove_window::<OpsError>(w.number)?,
                }
            }
            for w in &config.windows {
                if tx.window::<OpsError>(w.number)?.is_none() {
                    tx.put_window::<OpsError>(&WindowStatus::closed(w.number, at))?;
                }
            }
            tx.put_config::<OpsError>(&config)?;
            Ok(())
        })
    }

    pub fn queue_revision(&self, centre: &str) -> OpsResult<u64> {
        Ok(self.store.queue_revision(centre)?)
    }

    /// A ticket from the kiosk.
    pub fn queue_take(
        &self,
        centre: &str,
        category: char,
        priority: Option<PriorityReason>,
        at: NaiveDateTime,
    ) -> OpsResult<Taken> {
        let config = self.queue_config(centre)?;
        let cat = config
            .category(category)
            .ok_or_else(|| {
                OpsError::Invalid(Refusal::NoCategory {
                    centre: centre.into(),
                    category,
                })
            })?
            .clone();
        let ticket = self.store.queue_tx(centre, |tx| {
            let seq = tx.next_seq::<OpsError>(at.date(), cat.letter)?;
            let t = Ticket::new(centre, cat.letter, seq, at, priority);
            tx.put_ticket::<OpsError>(&t)?;
            Ok(t)
        })?;
        self.taken(&config, cat, ticket)
    }

    /// Books a slot of `minutes` from `start` in a category; the code is checked in at the kiosk.
    pub fn queue_book(
        &self,
        centre: &str,
        category: char,
        start: NaiveDateTime,
        minutes: u32,
        at: NaiveDateTime,
    ) -> OpsResult<Appointment> {
        let config = self.queue_config(centre)?;
        if config.category(category).is_none() {
            return Err(OpsError::Invalid(Refusal::NoCategory {
                centre: centre.into(),
                category,
            }));
        }
        if minutes == 0 {
            return Err(OpsError::Invalid(Refusal::SlotTooShort));
        }
        if start < at {
            return Err(OpsError::Invalid(Refusal::SlotPassed { start }));
        }
        self.store.queue_tx(centre, |tx| {
            let n = tx.next_appointment::<OpsError>()?;
            let a = Appointment {
                code: appointment_code(n),
                centre: centre.to_string(),
                category,
                slot_start: start,
                slot_end: start + Duration::minutes(minutes as i64),
                ticket: None,
            };
            if tx.appointment::<OpsError>(&a.code)?.is_some() {
                return fail(OpsError::Conflict(format!("code {} is taken", a.code)));
            }
            tx.put_appointment::<OpsError>(&a)?;
            Ok(a)
        })
    }

    /// Checks an appointment in at the kiosk: a ticket at the head of its
    /// category within its slot, an ordinary one otherwise.
    pub fn queue_check_in(&self, centre: &str, code: &str, at: NaiveDateTime) -> OpsResult<Taken> {
        let config = self.queue_config(centre)?;
        let code = code.trim();
        let unknown = || OpsError::NotFound(Refusal::NoAppointment { code: code.into() });
        let booked = self.store.appointment(code)?.ok_or_else(unknown)?;
        if booked.centre != centre {
            return Err(unknown());
        }
        if booked.slot_start.date() != at.date() {
            return Err(OpsError::Invalid(Refusal::AppointmentAt {
                code: code.into(),
                slot: booked.slot_start,
            }));
        }
        let cat = config
            .category(booked.category)
            .ok_or_else(|| {
                OpsError::Invalid(Refusal::NoCategory {
                    centre: centre.into(),
                    category: booked.category,
                })
            })?
            .clone();
        let ticket = self.store.queue_tx(centre, |tx| {
            let Some(mut a) = tx.appointment::<OpsError>(code)? else {
                return fail(unknown());
            };
            if let Some(t) = &a.ticket {
                return fail(OpsError::Invalid(Refusal::AppointmentUsed {
                    code: code.into(),
                    ticket: t.clone(),
                }));
            }
            let seq = tx.next_seq::<OpsError>(at.date(), a.category)?;
            let t = Ticket::for_appointment(centre, &a, seq, at, config.appointment_early_minutes);
            a.ticket = Some(t.number.clone());
            tx.put_appointment::<OpsError>(&a)?;
            tx.put_ticket::<OpsError>(&t)?;
            Ok(t)
        })?;
        self.taken(&config, cat, ticket)
    }

    fn taken(&self, config: &QueueConfig, category: Category, ticket: Ticket) -> OpsResult<Taken> {
        let tickets = self.store.tickets(&config.centre, ticket.day)?;
        let before = ahead(&tickets, &ticket);
        let windows = self.store.windows(&config.centre)?;
        let open = windows
            .iter()
            .filter(|w| w.open())
            .filter(|w| {
                config
                    .window(w.number)
                    .is_some_and(|c| c.categories.contains(&category.letter))
            })
            .count();
        let stats = day_stats(&tickets, ticket.day);
        let minutes = visit_minutes(&stats, category.letter, config.service_minutes);
        Ok(Taken {
            wait_minutes: estimate_wait(before, open, minutes),
            ahead: before,
            ticket,
            category,
        })
    }

    /// The hall board: the latest calls, the latest first, and the queues.
    pub fn queue_board(&self, centre: &str, at: NaiveDateTime) -> OpsResult<Board> {
        let config = self.queue_config(centre)?;
        let revision = self.store.queue_revision(centre)?;
        let tickets = self.store.tickets(centre, at.date())?;
        // Each ticket's latest call; one sent on to another queue or
        // window is no longer called there and leaves the board until called again.
        let mut calls: Vec<BoardCall> = tickets
            .iter()
            .filter(|t| t.state != TicketState::Transferred)
            .filter_map(|t| {
                let e = t
                    .history
                    .iter()
                    .rev()
                    .find(|e| e.state == TicketState::Called)?;
                Some(BoardCall {
                    number: t.number.clone(),
                    window: e.window?,
                    at: e.at,
                    state: t.state,
                })
            })
            .collect();
        calls.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.number.cmp(&a.number)));
        calls.truncate(BOARD_CALLS);
        Ok(Board {
            day: at.date(),
            waiting: waiting_counts(&config, &tickets),
            config,
            calls,
            revision,
        })
    }

    /// Takes a waiting ticket off the queue (the visitor left; the day
    /// closes): an operator of the centre (`login`) or the administrator (None).
    pub fn queue_cancel(
        &self,
        login: Option<&str>,
        centre: &str,
        number: &str,
        reason: &str,
        at: NaiveDateTime,
    ) -> OpsResult<Ticket> {
        let by = match login {
            Some(l) => {
                let (user, org, _) = self.queue_operator(l)?;
                if org.code != centre {
                    return Err(OpsError::Forbidden(Refusal::WorksElsewhere {
                        login: user.login,
                        org: Named::from(&org),
                        asked: centre.into(),
                    }));
                }
                user.login
            }
            None => "admin".to_string(),
        };
        self.queue_config(centre)?;
        let r = TicketRef {
            day: at.date(),
            number: number.trim().to_uppercase(),
        };
        self.store.queue_tx(centre, |tx| {
            let Some(mut t) = tx.ticket::<OpsError>(&r)? else {
                return fail(OpsError::NotFound(Refusal::NoTicket {
                    ticket: r.number.clone(),
                }));
            };
            t.cancel(&by, at, reason)
                .map_err(|e| abort_with(e.into()))?;
            tx.put_ticket::<OpsError>(&t)?;
            Ok(t)
        })
    }

    /// A centre's tickets of a day (the administrator; no personal data is kept).
    pub fn queue_tickets(&self, centre: &str, day: NaiveDate) -> OpsResult<Vec<Ticket>> {
        self.queue_config(centre)?;
        Ok(self.store.tickets(centre, day)?)
    }

    /// The day's figures: for the head of the centre (`login`), or the
    /// administrator at the command line (None).
    pub fn queue_stats(
        &self,
        login: Option<&str>,
        centre: &str,
        day: NaiveDate,
    ) -> OpsResult<DayStats> {
        if let Some(login) = login {
            let (user, org) = self.caller(login)?;
            let head = org.code == centre && user.roles.contains(&Role::Head);
            // The region's supervisor reads every centre's figures there.
            let supervisor = user.roles.contains(&Role::Supervisor)
                && self
                    .store
                    .org(centre)?
                    .is_some_and(|c| c.region == org.region);
            if !head && !supervisor {
                return Err(OpsError::Forbidden(Refusal::NotCentreHead {
                    login: user.login,
                }));
            }
        }
        self.queue_config(centre)?;
        Ok(day_stats(&self.store.tickets(centre, day)?, day))
    }

    /// An operator of a centre with a queue.
    fn queue_operator(&self, login: &str) -> OpsResult<(User, Organisation, QueueConfig)> {
        let (user, org) = self.caller(login)?;
        if !user.roles.contains(&Role::Operator) || org.kind != OrgKind::StateCorp {
            return Err(OpsError::Forbidden(Refusal::NotAnOperator {
                login: user.login,
            }));
        }
        let config = self.queue_config(&org.code)?;
        Ok((user, org, config))
    }

    /// The operator's window, their ticket and the queues.
    pub fn queue_desk(&self, login: &str, at: NaiveDateTime) -> OpsResult<Desk> {
        let (user, org, config) = self.queue_operator(login)?;
        self.desk(&user, &org, config, at, None)
    }

    fn desk(
        &self,
        user: &User,
        org: &Organisation,
        config: QueueConfig,
        at: NaiveDateTime,
        ticket: Option<Ticket>,
    ) -> OpsResult<Desk> {
        let revision = self.store.queue_revision(&org.code)?;
        let windows = self.store.windows(&org.code)?;
        let tickets = self.store.tickets(&org.code, at.date())?;
        let window = windows
            .iter()
            .find(|w| w.operator.as_deref() == Some(user.login.as_str()))
            .cloned();
        let current = match window.as_ref().and_then(|w| w.ticket.as_ref()) {
            Some(r) => self.store.ticket(&org.code, r)?,
            None => None,
        };
        let for_me = window
            .as_ref()
            .and_then(|w| config.window(w.number))
            .map_or(0, |wc| {
                tickets.iter().filter(|t| order::eligible(t, wc)).count()
            });
        Ok(Desk {
            day: at.date(),
            waiting: waiting_counts(&config, &tickets),
            config,
            window,
            current,
            windows,
            for_me,
            revision,
            ticket,
        })
    }

    /// One act at the operator's window, in one transaction.
    pub fn queue_act(&self, login: &str, act: QueueAct, at: NaiveDateTime) -> OpsResult<Desk> {
        let (user, org, config) = self.queue_operator(login)?;
        let centre = org.code.as_str();
        let sitting = self
            .store
            .windows(centre)?
            .into_iter()
            .find(|w| w.operator.as_deref() == Some(login))
            .map(|w| w.number);
        if let QueueAct::Sit(n) = act {
            self.sit(login, &config, sitting, n, at)?;
            return self.desk(&user, &org, config, at, None);
        }
        let Some(number) = sitting else {
            return Err(QueueError::NoWindow(login.to_string()).into());
        };
        let wc = config
            .window(number)
            .cloned()
            .ok_or(OpsError::Invalid(Refusal::NoWindow { window: number }))?;
        if let QueueAct::Finish(outcome) = &act {
            self.check_outcome(centre, outcome)?;
        }
        let ticket = match act {
            QueueAct::CallNext => Some(self.call_next(login, centre, &wc, at)?),
            act => self.store.queue_tx(centre, |tx| {
                let mut w = my_window(tx, number, login)?;
                match &act {
                    QueueAct::Leave => {
                        if let Some(t) = &w.ticket {
                            return fail(QueueError::Busy(t.number.clone()));
                        }
                        w.operator = None;
                        w.state = OperatorState::Available;
                        w.since = at;
                        tx.put_window::<OpsError>(&w)?;
                        Ok(None)
                    }
                    QueueAct::SetState(s) => {
                        w.set_state(*s, at).map_err(|e| abort_with(e.into()))?;
                        tx.put_window::<OpsError>(&w)?;
                        Ok(None)
                    }
                    _ => {
                        let Some(r) = w.ticket.clone() else {
                            return fail(OpsError::Invalid(Refusal::NobodyAtWindow {
                                window: number,
                            }));
                        };
                        let Some(mut t) = tx.ticket::<OpsError>(&r)? else {
                            return fail(OpsError::NotFound(Refusal::NoTicket {
                                ticket: r.number.clone(),
                            }));
                        };
                        let done = match &act {
                            QueueAct::Recall => t.recall(number, login, at).map(|_| false),
                            QueueAct::NoShow => t
                                .no_show(number, login, at, config.no_show_minutes)
                                .map(|_| true),
                            QueueAct::Start => t.start(number, login, at).map(|_| false),
                            QueueAct::Finish(o) => {
                                t.finish(number, login, at, o.clone()).map(|_| true)
                            }
                            QueueAct::Transfer { to, reason } => {
                                open_target(tx, *to)?;
                                t.transfer(number, login, at, *to, reason, &config)
                                    .map(|_| true)
                            }
                            _ => unreachable!("handled above"),
                        }
                        .map_err(|e| abort_with(e.into()))?;
                        if done {
                            w.ticket = None;
                            w.state = OperatorState::Available;
                        } else {
                            w.state = OperatorState::Serving;
                        }
                        w.since = at;
                        tx.put_window::<OpsError>(&w)?;
                        tx.put_ticket::<OpsError>(&t)?;
                        Ok(Some(t))
                    }
                }
            })?,
        };
        self.desk(&user, &org, config, at, ticket)
    }

    fn sit(
        &self,
        login: &str,
        config: &QueueConfig,
        sitting: Option<u16>,
        number: u16,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        if config.window(number).is_none() {
            return Err(OpsError::Invalid(Refusal::NoWindow { window: number }));
        }
        if sitting == Some(number) {
            return Ok(());
        }
        let sat = self.store.queue_tx(&config.centre, |tx| {
            let mut w = tx
                .window::<OpsError>(number)?
                .unwrap_or_else(|| WindowStatus::closed(number, at));
            if let Some(other) = w.operator.as_deref().filter(|o| *o != login) {
                return fail(OpsError::Queue(QueueError::WindowTaken {
                    window: number,
                    by: other.to_string(),
                }));
            }
            if let Some(old) = sitting {
                let mut o = my_window(tx, old, login)?;
                if let Some(t) = &o.ticket {
                    return fail(QueueError::Busy(t.number.clone()));
                }
                o.operator = None;
                o.state = OperatorState::Available;
                o.since = at;
                tx.put_window::<OpsError>(&o)?;
            }
            w.operator = Some(login.to_string());
            w.state = OperatorState::Available;
            w.since = at;
            tx.put_window::<OpsError>(&w)?;
            Ok(())
        });
        // Named outside the transaction: the users are not among its trees.
        sat.map_err(|e| match e {
            OpsError::Queue(QueueError::WindowTaken { window, by }) => {
                OpsError::Queue(QueueError::WindowTaken {
                    window,
                    by: self.who(&by),
                })
            }
            other => other,
        })
    }

    /// Picks the next ticket from the day's tickets and calls it in one
    /// transaction that re-reads it: if a colleague called it meanwhile the
    /// transaction gives up and the pick is made again, so no ticket is ever
    /// handed to two windows.
    fn call_next(
        &self,
        login: &str,
        centre: &str,
        wc: &WindowConfig,
        at: NaiveDateTime,
    ) -> OpsResult<Ticket> {
        let day = at.date();
        for _ in 0..CALL_TRIES {
            let tickets = self.store.tickets(centre, day)?;
            let Some(pick) = order::next_for(&tickets, wc) else {
                return Err(QueueError::NobodyWaiting(wc.number).into());
            };
            let r = TicketRef {
                day,
                number: pick.number.clone(),
            };
            let tried = self.store.queue_tx(centre, |tx| {
                let mut w = my_window(tx, wc.number, login).map_err(|e| match e {
                    TxError::Abort(e) => TxError::Abort(CallError::Failed(e)),
                    TxError::Conflict => TxError::Conflict,
                    TxError::Storage(s) => TxError::Storage(s),
                })?;
                if let Some(t) = &w.ticket {
                    return Err(TxError::Abort(CallError::Failed(
                        QueueError::Busy(t.number.clone()).into(),
                    )));
                }
                let Some(mut t) = tx.ticket::<CallError>(&r)? else {
                    return Err(TxError::Abort(CallError::Lost));
                };
                if !order::eligible(&t, wc) {
                    return Err(TxError::Abort(CallError::Lost));
                }
                t.call(wc.number, login, at)
                    .map_err(|e| TxError::Abort(CallError::Failed(e.into())))?;
                w.ticket = Some(r.clone());
                w.state = OperatorState::Serving;
                w.since = at;
                tx.put_window::<CallError>(&w)?;
                tx.put_ticket::<CallError>(&t)?;
                Ok(t)
            });
            match tried {
                Ok(t) => return Ok(t),
                Err(CallError::Lost) => continue,
                Err(CallError::Failed(e)) => return Err(e),
            }
        }
        Err(OpsError::Conflict(
            "colleagues keep calling the same visitors; try again".into(),
        ))
    }

    /// An outcome naming an application must name one of this centre whose
    /// state says the same.
    fn check_outcome(&self, centre: &str, o: &Outcome) -> OpsResult<()> {
        let Some(number) = &o.application else {
            return Ok(());
        };
        outcome_fits(&self.find(number)?, centre, o)
    }
}

/// Whether application `rec` can be the outcome `o` of a visit at `centre`
/// (taken in there, in the state the outcome says). The workstation asks
/// this before it asks the operator to confirm.
pub fn outcome_fits(rec: &Record, centre: &str, o: &Outcome) -> OpsResult<()> {
    if rec.orgs.intake != centre {
        return Err(OpsError::Invalid(Refusal::NotTakenInHere {
            number: rec.number.clone(),
        }));
    }
    let fits = match o.kind {
        OutcomeKind::Accepted => !matches!(rec.app.status, Status::RefusedAtIntake),
        OutcomeKind::RefusedIntake => rec.app.status == Status::RefusedAtIntake,
        OutcomeKind::Issued => rec.app.status == Status::Issued,
        OutcomeKind::Consultation | OutcomeKind::NoPersonData => true,
    };
    if !fits {
        return Err(OpsError::Invalid(Refusal::NotTheOutcome {
            number: rec.number.clone(),
            status: rec.app.status,
            outcome: o.kind,
        }));
    }
    Ok(())
}

/// A visitor may be sent to a window only while someone sits at it.
fn open_target(tx: &QueueTx<'_>, to: TransferTarget) -> Result<(), TxError<OpsError>> {
    let TransferTarget::Window(n) = to else {
        return Ok(());
    };
    match tx.window::<OpsError>(n)? {
        Some(w) if w.operator.is_some() => Ok(()),
        _ => Err(abort_with(QueueError::WindowClosed(n).into())),
    }
}

fn abort_with<E: From<OpsError>>(e: OpsError) -> TxError<E> {
    TxError::Abort(E::from(e))
}

/// The window, which `login` must still hold.
fn my_window(
    tx: &QueueTx<'_>,
    number: u16,
    login: &str,
) -> Result<WindowStatus, TxError<OpsError>> {
    let w = tx.window::<OpsError>(number)?;
    match w {
        Some(w) if w.operator.as_deref() == Some(login) => Ok(w),
        _ => fail(OpsError::Conflict(format!(
            "{login} no longer sits at window {number}"
        ))),
    }
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

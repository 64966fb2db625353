//! An operator's window: sitting down and leaving, calling the next
//! visitor, and what becomes of the visit.

use chrono::NaiveDateTime;

use super::{CALL_TRIES, CallError, Desk, QueueAct, abort_with, fail, waiting_counts};
use crate::domain::queue::order::{self};
use crate::domain::queue::{
    OperatorState, Outcome, OutcomeKind, QueueConfig, QueueError, Ticket, TicketRef,
    TransferTarget, WindowConfig, WindowStatus,
};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::Status;
use crate::ops::{Ops, OpsError, OpsResult, Refusal};
use crate::store::TxError;
use crate::store::model::{Organisation, Record, User};
use crate::store::queue::QueueTx;

impl Ops {
    /// An operator of a centre with a queue.
    pub(super) fn queue_operator(
        &self,
        login: &str,
    ) -> OpsResult<(User, Organisation, QueueConfig)> {
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
                window_act(tx, &act, number, login, at, &config)
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
        // Tickets a colleague's call took, in a commit the transaction saw
        // but a read outside one may not show yet: pick past them, or every
        // try would pick the same one until that commit is applied.
        let mut lost: Vec<String> = Vec::new();
        for _ in 0..CALL_TRIES {
            let mut tickets = self.store.tickets(centre, day)?;
            tickets.retain(|t| !lost.contains(&t.number));
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
                Err(CallError::Lost) => lost.push(r.number),
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

/// An act on the window `number` itself (leave, a state) or on the ticket
/// at it, inside the queue's transaction.
fn window_act(
    tx: &QueueTx<'_>,
    act: &QueueAct,
    number: u16,
    login: &str,
    at: NaiveDateTime,
    config: &QueueConfig,
) -> Result<Option<Ticket>, TxError<OpsError>> {
    let mut w = my_window(tx, number, login)?;
    match act {
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
        _ => ticket_act(tx, &mut w, act, login, at, config).map(Some),
    }
}

/// An act on the ticket at window `w`: it moves on, and the window is
/// free again once the visit is over.
fn ticket_act(
    tx: &QueueTx<'_>,
    w: &mut WindowStatus,
    act: &QueueAct,
    login: &str,
    at: NaiveDateTime,
    config: &QueueConfig,
) -> Result<Ticket, TxError<OpsError>> {
    let number = w.number;
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
    let done = match act {
        QueueAct::Recall => t.recall(number, login, at).map(|_| false),
        QueueAct::NoShow => t
            .no_show(number, login, at, config.no_show_minutes)
            .map(|_| true),
        QueueAct::Start => t.start(number, login, at).map(|_| false),
        QueueAct::Finish(o) => t.finish(number, login, at, o.clone()).map(|_| true),
        QueueAct::Transfer { to, reason } => {
            open_target(tx, *to)?;
            t.transfer(number, login, at, *to, reason, config)
                .map(|_| true)
        }
        _ => unreachable!("handled by window_act"),
    }
    .map_err(|e| abort_with(e.into()))?;
    if done {
        w.ticket = None;
        w.state = OperatorState::Available;
    } else {
        w.state = OperatorState::Serving;
    }
    w.since = at;
    tx.put_window::<OpsError>(w)?;
    tx.put_ticket::<OpsError>(&t)?;
    Ok(t)
}

//! The hall: a centre's queue settings, tickets taken at the kiosk and
//! appointments booked and checked in, the board, the day's tickets and
//! figures.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{
    BOARD_CALLS, Board, BoardCall, Taken, abort_with, appointment_code, fail, waiting_counts,
};
use crate::domain::queue::order::{ahead, estimate_wait};
use crate::domain::queue::stats::{DayStats, NormFigures, day_stats, visit_minutes};
use crate::domain::queue::{
    Appointment, Category, PriorityReason, QueueConfig, Ticket, TicketRef, TicketState,
    WindowStatus,
};
use crate::domain::roles::{OrgKind, Role};
use crate::ops::{Named, Ops, OpsError, OpsResult, Refusal};

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
        let tickets = self.store.tickets(centre, day)?;
        let mut stats = day_stats(&tickets, day);
        stats.regulation = self.visits_within_norm(&tickets)?;
        Ok(stats)
    }

    /// The day's visits that filed or issued an application, each timed as
    /// its application's counter part records it (issue 13 item 5).
    fn visits_within_norm(&self, tickets: &[Ticket]) -> OpsResult<NormFigures> {
        let office = self.deadlines.office(OrgKind::StateCorp);
        let mut figures = NormFigures::default();
        for t in tickets {
            let Some(number) = t.outcome.as_ref().and_then(|o| o.application.as_deref()) else {
                continue;
            };
            let Ok(rec) = self.find(number) else { continue };
            let Ok(service) = self.service(&rec.app.service) else {
                continue;
            };
            let at = rec
                .app
                .history
                .last()
                .map_or(rec.app.submitted_at, |e| e.at);
            let visit = rec
                .app
                .counter_part(service, office, at)
                .into_iter()
                .find(|p| {
                    p.ticket.as_deref() == Some(t.number.as_str()) && p.started.date() == t.day
                });
            if let Some(within) = visit.and_then(|p| p.within()) {
                figures.count(within);
            }
        }
        Ok(figures)
    }
}

//! The State Corporation's own part of an application, on its own clock
//! (issue 13 item 5): the visit from the call to the acceptance, the transfer
//! to the provider, the visit that issues the result. Each is timed in the
//! centre's working minutes and measured against the minute norms the
//! regulation gives the centre's processes (`operator_steps`, e.g. 001:131-145
//! for the visit, 001:151 for the registration in АРМ РШЭП, 001:157 for the
//! issue).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Application, EventKind, Status, TicketCall};
use crate::domain::calendar::Office;
use crate::domain::catalog::Channel;
use crate::domain::catalog::{OperatorStepKind, Service};
use crate::domain::norm::NormUnit;
use crate::domain::roles::OrgKind;

/// A part of the counter's work with a norm of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterPhase {
    /// From the call of the ticket to the acceptance of the application.
    Visit,
    /// From the acceptance to the registration at the provider.
    Transfer,
    /// From the provider's hand-over of the result to the centre's mark of
    /// its receipt in the centre's journal (000:125-135).
    Receipt,
    /// From the call of the ticket to the result handed over.
    Issue,
}

impl CounterPhase {
    pub const ALL: [CounterPhase; 4] = [
        CounterPhase::Visit,
        CounterPhase::Transfer,
        CounterPhase::Receipt,
        CounterPhase::Issue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CounterPhase::Visit => "visit",
            CounterPhase::Transfer => "transfer",
            CounterPhase::Receipt => "receipt",
            CounterPhase::Issue => "issue",
        }
    }

    /// The operator steps whose norms make up this phase's. The message that
    /// the data cannot be obtained and the refusal for faulty documents end a
    /// visit that files nothing, so no accepted visit takes them.
    pub fn kinds(self) -> &'static [OperatorStepKind] {
        use OperatorStepKind as K;
        match self {
            CounterPhase::Visit => &[
                K::Reception,
                K::Authorisation,
                K::RequestForm,
                K::GbdFlLookup,
                K::GbdFlCheck,
                K::EnisCheck,
                K::GbdFlEnisCheck,
                K::Send,
            ],
            CounterPhase::Transfer => &[K::Registration],
            CounterPhase::Receipt => &[K::Receipt],
            CounterPhase::Issue => &[K::Result],
        }
    }

    /// The phase an operator step's norm counts in, if any.
    pub fn of(kind: OperatorStepKind) -> Option<CounterPhase> {
        CounterPhase::ALL
            .into_iter()
            .find(|p| p.kinds().contains(&kind))
    }

    /// The regulation's minutes for this phase of `service`: the sum of its
    /// operator steps' norms. None when the text gives the phase no step, or
    /// leaves one of its steps without a norm (then it states no total).
    pub fn norm_minutes(self, service: &Service) -> Option<u32> {
        let steps: Vec<_> = service
            .operator_steps
            .iter()
            .filter(|s| self.kinds().contains(&s.kind))
            .collect();
        if steps.is_empty() {
            return None;
        }
        steps
            .iter()
            .map(|s| match s.norm?.unit {
                NormUnit::Minutes => Some(s.norm?.value),
                NormUnit::Hours => s.norm?.value.checked_mul(60),
                NormUnit::WorkingDays | NormUnit::CalendarDays => None,
            })
            .try_fold(0u32, |sum, m| sum.checked_add(m?))
    }
}

/// One phase as it went: when it started and ended, the working minutes it
/// took on the centre's schedule, and the regulation's minutes for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTiming {
    pub phase: CounterPhase,
    /// The queue's ticket of a visit.
    pub ticket: Option<String>,
    pub started: NaiveDateTime,
    /// None while the phase is still under way.
    pub ended: Option<NaiveDateTime>,
    /// Working minutes taken (so far, when under way), rounded up.
    pub minutes: i64,
    pub norm_minutes: Option<u32>,
}

impl PhaseTiming {
    /// Whether it kept the regulation's minutes; None without a norm or
    /// while under way.
    pub fn within(&self) -> Option<bool> {
        let norm = self.norm_minutes?;
        self.ended?;
        Some(self.minutes <= i64::from(norm))
    }
}

/// Working minutes from `from` to `to` on the centre's schedule, a started
/// minute counted whole (a visit of 40 seconds took its minute).
pub fn counter_minutes(office: Office<'_>, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let whole = office.working_minutes_between(from, to);
    let part = (to - from).num_seconds() % 60 != 0;
    whole + i64::from(part && to > from)
}

impl Application {
    /// The counter's phases this application went through so far, timed on
    /// `office` (the State Corporation's schedule): only a State Corporation
    /// application has them, and a visit only where its ticket's call was
    /// recorded (an intake through the queue).
    pub fn counter_part(
        &self,
        service: &Service,
        office: Office<'_>,
        now: NaiveDateTime,
    ) -> Vec<PhaseTiming> {
        let timing = |phase: CounterPhase,
                      ticket: Option<&String>,
                      started,
                      ended: Option<NaiveDateTime>| PhaseTiming {
            phase,
            ticket: ticket.cloned(),
            started,
            ended,
            minutes: counter_minutes(office, started, ended.unwrap_or(now).max(started)),
            norm_minutes: phase.norm_minutes(service),
        };
        let mut out = Vec::new();
        let mut call = None;
        let mut accepted = None;
        if self.channel != Channel::StateCorp {
            return out;
        }
        for e in &self.history {
            match &e.what {
                // The intake's call is the visit's (below); this one's a collection.
                EventKind::VisitCalled { ticket, called } if e.from_step.is_none() => {
                    call = Some((ticket, *called))
                }
                EventKind::Completed { .. } if e.actor.org != OrgKind::StateCorp => {
                    if let Some(from) = accepted.take() {
                        out.push(timing(CounterPhase::Transfer, None, from, Some(e.at)));
                    }
                }
                EventKind::Issued { .. } if e.actor.org == OrgKind::StateCorp => {
                    if let Some((ticket, called)) = call.take() {
                        out.push(timing(
                            CounterPhase::Issue,
                            Some(ticket),
                            called,
                            Some(e.at),
                        ));
                    }
                }
                _ => {}
            }
            if matches!(e.what, EventKind::Submitted { .. }) && e.actor.org == OrgKind::StateCorp {
                accepted = Some(e.at);
            }
        }
        // The call is recorded right after the submission it led to.
        if let Some(c) = self.intake_call() {
            let visit = timing(
                CounterPhase::Visit,
                Some(&c.ticket),
                c.called,
                Some(self.submitted_at),
            );
            out.insert(0, visit);
        }
        if let Some(from) = accepted.filter(|_| !self.status.is_closed()) {
            out.push(timing(CounterPhase::Transfer, None, from, None));
        }
        if let Some((from, to)) = self.receipt_span() {
            out.push(timing(CounterPhase::Receipt, None, from, to));
        }
        // In the order the phases come (the receipt before the issue).
        out.sort_by_key(|p| CounterPhase::ALL.iter().position(|&c| c == p.phase));
        out
    }

    /// From the provider's hand-over to the centre's mark of its receipt
    /// (None for the mark while it is still awaited). A history written
    /// before the receipt was recorded went on to the issue without one:
    /// it has no such phase.
    fn receipt_span(&self) -> Option<(NaiveDateTime, Option<NaiveDateTime>)> {
        let handed = self
            .history
            .iter()
            .rev()
            .find(|e| {
                matches!(e.what, EventKind::Completed { .. })
                    && e.actor.org != OrgKind::StateCorp
                    && e.to_step.is_none()
            })?
            .at;
        match self.centre_receipt() {
            Some(r) => Some((handed, Some(r.at))),
            None if self.status == Status::ResultReady => Some((handed, None)),
            None => None,
        }
    }

    /// The call of the ticket whose visit took this application in.
    pub fn intake_call(&self) -> Option<TicketCall> {
        let mut after_submission = self.history.iter().skip(1).take(2);
        after_submission.find_map(|e| match &e.what {
            EventKind::VisitCalled { ticket, called } if e.from_step == Some(0) => {
                Some(TicketCall {
                    ticket: ticket.clone(),
                    called: *called,
                })
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Schedule, WorkingCalendar};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn a_started_minute_counts_whole_and_only_the_centres_hours_count() {
        let sources = crate::catalog_files::Sources::load(None, None).unwrap();
        let calendar: WorkingCalendar = sources.calendar().unwrap();
        let schedule = Schedule::state_corp();
        let office = Office {
            calendar: &calendar,
            schedule: &schedule,
        };
        // Monday 23 November 2026: 40 seconds took their minute.
        let m = counter_minutes(office, at("2026-11-23T10:00:00"), at("2026-11-23T10:00:40"));
        assert_eq!(m, 1);
        assert_eq!(
            counter_minutes(office, at("2026-11-23T10:00:00"), at("2026-11-23T10:07:00")),
            7
        );
        // From 17:55 to the next morning's 09:05: five minutes before closing, five after opening.
        let overnight =
            counter_minutes(office, at("2026-11-23T17:55:00"), at("2026-11-24T09:05:00"));
        assert_eq!(overnight, 10);
        let under_way = PhaseTiming {
            phase: CounterPhase::Transfer,
            ticket: None,
            started: at("2026-11-23T10:00:00"),
            ended: None,
            minutes: 3,
            norm_minutes: Some(1),
        };
        assert_eq!(under_way.within(), None);
    }
}

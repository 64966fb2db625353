//! The centre's visits behind the demo's State Corporation applications: the
//! applicant takes a ticket, the operator calls it at their window and
//! serves it, takes the application in (or hands the result over), and
//! finishes the visit with its outcome. So the application's history records
//! the queue's call and the counter's part has its visit phases, and the
//! queue's figures of those days count the visits within the regulation's
//! minutes (issue 13 item 5).
//!
//! Only visits that end before today's hall is played (`queue::populate`)
//! go through the queue, so the two never share the operator's window.

use chrono::{Duration, NaiveDateTime, Timelike};

use super::queue::{config, session_start};
use super::{CENTRE, Case, Fate};
use crate::domain::catalog::Channel;
use crate::domain::queue::{Outcome, OutcomeKind};
use crate::domain::route::Status;
use crate::ops::queue::QueueAct;
use crate::ops::{ActKind, Ops, OpsError};
use crate::store::model::Record;

/// The window the demo's intakes were served at (it serves every category).
const WINDOW: u16 = 5;
/// The category that hands results over.
const ISSUANCE: char = 'C';

/// When the operator's window is free again: visits follow one another.
#[derive(Debug, Clone, Copy)]
pub(super) struct Desk {
    free: NaiveDateTime,
    /// Today's hall begins here; visits end before it.
    hall: NaiveDateTime,
}

impl Desk {
    pub(super) fn new(now: NaiveDateTime) -> Desk {
        Desk {
            free: NaiveDateTime::MIN,
            hall: session_start(now),
        }
    }
}

/// A visit under way at the window: its ticket called and being served.
pub(super) struct Visit {
    login: &'static str,
    issuing: bool,
}

/// The queue category whose services include `case`'s, for an intake.
fn intake_category(case: &Case<'_>) -> Option<char> {
    config()
        .categories
        .iter()
        .find(|c| !c.issuance && c.services.contains(&case.service.service))
        .map(|c| c.letter)
}

/// The ticket's category when `case`'s next act at the centre is a visit
/// through the queue: an intake the centre accepts (not one refused at once
/// or at the counter later, whose visit files no application), or the issue
/// of a result.
fn category(case: &Case<'_>) -> Option<char> {
    if case.channel != Channel::StateCorp || case.intake != "operator" {
        return None;
    }
    match (&case.number, &case.next) {
        (None, _) if matches!(case.fate, Fate::RefuseAtSubmit | Fate::RefuseIntake) => None,
        (None, _) => intake_category(case),
        (Some(_), Some(p)) if p.kind == ActKind::Issue => Some(ISSUANCE),
        _ => None,
    }
}

/// Opens the visit behind `case`'s next act at `at` when it goes through
/// the queue and the window is free: the applicant takes a ticket, the
/// operator calls and starts serving it. Returns when the act comes: 5 to
/// 11 minutes later for an intake (the regulations give 5 to 9), 1 to 3 for
/// an issue (they give 2).
pub(super) fn open(
    ops: &Ops,
    desk: &mut Desk,
    case: &mut Case<'_>,
    at: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, OpsError> {
    if case.visit.is_some() {
        return Ok(None);
    }
    let Some(letter) = category(case) else {
        return Ok(None);
    };
    let issuing = letter == ISSUANCE;
    let minutes = if issuing {
        1 + i64::from(at.minute() % 3)
    } else {
        5 + i64::from(at.minute() % 7)
    };
    let act = at + Duration::minutes(minutes);
    if at < desk.free || act + Duration::minutes(1) >= desk.hall || act.date() != at.date() {
        return Ok(None);
    }
    let login = case.intake;
    ops.queue_take(CENTRE, letter, None, at)?;
    ops.queue_act(login, QueueAct::Sit(WINDOW), at)?;
    ops.queue_act(login, QueueAct::CallNext, at)?;
    ops.queue_act(login, QueueAct::Start, at)?;
    desk.free = act + Duration::minutes(1);
    case.visit = Some(Visit { login, issuing });
    Ok(Some(act))
}

/// Finishes `case`'s visit, if one is open, with what its act filed or
/// handed over.
pub(super) fn close(
    ops: &Ops,
    case: &mut Case<'_>,
    rec: &Record,
    at: NaiveDateTime,
) -> Result<(), OpsError> {
    let Some(visit) = case.visit.take() else {
        return Ok(());
    };
    let kind = match rec.app.status {
        _ if visit.issuing => OutcomeKind::Issued,
        Status::RefusedAtIntake => OutcomeKind::RefusedIntake,
        _ => OutcomeKind::Accepted,
    };
    let outcome = Outcome::new(kind, Some(&rec.number))?;
    ops.queue_act(visit.login, QueueAct::Finish(outcome), at)?;
    Ok(())
}

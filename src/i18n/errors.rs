//! Errors from the domain and the operations API in the user's language.

use super::names::{self, date_time, step_name};
use super::{Lang, t, tf};
use crate::domain::iin::IinError;
use crate::domain::queue::QueueError;
use crate::domain::route::{SubmitError, TransitionError};
use crate::ops::{LoginError, OpsError};

pub fn iin_reason(lang: Lang, e: &IinError) -> String {
    match e {
        IinError::Length(n) => tf(lang, "iin.length", &[("n", n)]),
        other => t(lang, &format!("iin.{}", other.code())).to_string(),
    }
}

fn actor_name(lang: Lang, a: crate::domain::roles::Actor) -> String {
    names::role_name(lang, a.role).to_string()
}

/// An error from the operations API in the user's language. Structured
/// errors are translated whole; free-form ones get a translated heading.
pub fn error_text(lang: Lang, e: &OpsError) -> String {
    match e {
        OpsError::Login(l) => match l {
            LoginError::UnknownOrWrong { attempts_left } => {
                tf(lang, "login.wrong", &[("n", attempts_left)])
            }
            LoginError::Locked { until } => {
                tf(lang, "login.locked", &[("until", &date_time(*until))])
            }
            LoginError::Disabled => t(lang, "login.disabled").to_string(),
        },
        OpsError::Transition(te) => match te {
            TransitionError::Closed(s) => tf(
                lang,
                "error.closed",
                &[("status", &names::status_name(lang, *s))],
            ),
            TransitionError::WrongActor { expected, .. } => tf(
                lang,
                "error.wrong_actor",
                &[("expected", &actor_name(lang, *expected))],
            ),
            TransitionError::NotAssignee(l) => tf(lang, "error.not_assignee", &[("login", l)]),
            TransitionError::WrongStep { action, .. } => tf(
                lang,
                "error.wrong_step",
                &[("step", &step_name(lang, *action))],
            ),
            TransitionError::NotReady => t(lang, "error.not_ready").to_string(),
            TransitionError::WrongRecipient(iin) => {
                tf(lang, "error.wrong_recipient", &[("iin", iin)])
            }
            TransitionError::UnknownResult(r) => tf(lang, "error.unknown_result", &[("result", r)]),
            TransitionError::ResultNotOnChannel { result, channel } => tf(
                lang,
                "error.result_not_on_channel",
                &[
                    ("result", result),
                    ("channel", &names::channel_name(lang, *channel)),
                ],
            ),
            TransitionError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
            TransitionError::Deadline(d) => tf(lang, "error.deadline", &[("detail", d)]),
        },
        OpsError::Submit(se) => match se {
            SubmitError::Excluded(_) => t(lang, "error.excluded").to_string(),
            SubmitError::Channel { channel, .. } => tf(
                lang,
                "error.channel",
                &[("channel", &names::channel_name(lang, *channel))],
            ),
            SubmitError::WrongActor { expected, .. } => tf(
                lang,
                "error.wrong_actor",
                &[("expected", &actor_name(lang, *expected))],
            ),
            SubmitError::UnknownDocument(d) => tf(lang, "error.unknown_document", &[("doc", d)]),
            SubmitError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
            SubmitError::Deadline(d) => tf(lang, "error.deadline", &[("detail", d)]),
            SubmitError::NoPersonData(iin) => tf(lang, "error.no_person_data", &[("iin", iin)]),
            SubmitError::ProviderInLocality { district, provider } => tf(
                lang,
                "error.provider_in_locality",
                &[("district", district), ("provider", provider)],
            ),
        },
        OpsError::Queue(q) => queue_error(lang, q),
        OpsError::Forbidden(m) => format!("{}: {m}", t(lang, "error.forbidden")),
        OpsError::NotFound(m) => format!("{}: {m}", t(lang, "error.not_found")),
        OpsError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
        OpsError::Conflict(_) => t(lang, "error.conflict").to_string(),
        OpsError::Stale { number, by } => {
            tf(lang, "error.stale", &[("number", number), ("by", by)])
        }
        OpsError::Unavailable(_) => t(lang, "error.unavailable").to_string(),
        OpsError::SessionExpired => t(lang, "error.session_expired").to_string(),
        OpsError::Store(s) => tf(lang, "error.store", &[("detail", s)]),
    }
}

fn queue_error(lang: Lang, e: &QueueError) -> String {
    match e {
        QueueError::Config(m) => tf(lang, "queue.err_config", &[("detail", m)]),
        QueueError::WrongState { number, state, .. } => tf(
            lang,
            "queue.err_state",
            &[
                ("number", number),
                ("state", &t(lang, &format!("ticket_state.{state}"))),
            ],
        ),
        QueueError::OtherWindow { number, window } => tf(
            lang,
            "queue.err_window",
            &[("number", number), ("window", window)],
        ),
        QueueError::TooEarly { minutes } => {
            tf(lang, "queue.err_too_early", &[("minutes", minutes)])
        }
        QueueError::NeedsApplication(kind) => tf(
            lang,
            "queue.err_needs_app",
            &[("outcome", &names::outcome_name(lang, *kind))],
        ),
        QueueError::NobodyWaiting(w) => tf(lang, "queue.err_nobody", &[("window", w)]),
        QueueError::Busy(n) => tf(lang, "queue.err_busy", &[("number", n)]),
        QueueError::NoWindow(_) => t(lang, "queue.take_window").to_string(),
        QueueError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
        QueueError::WindowClosed(w) => tf(lang, "queue.err_window_closed", &[("window", w)]),
        QueueError::WindowTaken { window, by } => tf(
            lang,
            "queue.err_window_taken",
            &[("window", window), ("by", by)],
        ),
    }
}

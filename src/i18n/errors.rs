//! Errors from the domain and the operations API in the user's language.

use super::names::{self, date_time, step_name};
use super::refusals::refusal_text;
use super::{Lang, t, tf};
use crate::domain::iin::IinError;
use crate::domain::queue::{ConfigProblem, QueueError};
use crate::domain::route::{SubmitError, TransitionError};
use crate::ops::{LoginError, OpsError};
use crate::store::StoreError;

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
            LoginError::RateLimited { seconds } => {
                tf(lang, "login.rate_limited", &[("n", seconds)])
            }
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
            TransitionError::Invalid(u) => super::unfit_text(lang, u),
            TransitionError::Deadline(d) => due_error(lang, d),
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
            SubmitError::Invalid(u) => super::unfit_text(lang, u),
            SubmitError::Deadline(d) => due_error(lang, d),
            SubmitError::NoPersonData(iin) => tf(lang, "error.no_person_data", &[("iin", iin)]),
            SubmitError::ProviderInLocality { district, provider } => tf(
                lang,
                "error.provider_in_locality",
                &[("district", district), ("provider", provider)],
            ),
        },
        OpsError::Queue(q) => queue_error(lang, q),
        OpsError::Forbidden(r) => {
            format!("{}: {}", t(lang, "error.forbidden"), refusal_text(lang, r))
        }
        OpsError::NotFound(r) => {
            format!("{}: {}", t(lang, "error.not_found"), refusal_text(lang, r))
        }
        OpsError::Invalid(r) => format!("{}: {}", t(lang, "error.invalid"), refusal_text(lang, r)),
        OpsError::Conflict(_) => t(lang, "error.conflict").to_string(),
        OpsError::Stale { number, by } => {
            tf(lang, "error.stale", &[("number", number), ("by", by)])
        }
        OpsError::Unavailable(_) => t(lang, "error.unavailable").to_string(),
        OpsError::SessionExpired => t(lang, "error.session_expired").to_string(),
        OpsError::Store(s) => store_error_text(lang, s),
    }
}

fn queue_error(lang: Lang, e: &QueueError) -> String {
    match e {
        QueueError::Config(p) => tf(
            lang,
            "queue.err_config",
            &[("detail", &config_problem(lang, p))],
        ),
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
        QueueError::NeedsReason => t(lang, "queue.err_needs_reason").to_string(),
        QueueError::ConsultationWithApplication => t(lang, "queue.err_consultation").to_string(),
        QueueError::UnknownCategory(c) => {
            tf(lang, "queue.err_unknown_category", &[("category", c)])
        }
        QueueError::AlreadyInCategory { number, category } => tf(
            lang,
            "queue.err_same_category",
            &[("number", number), ("category", category)],
        ),
        QueueError::UnknownWindow(w) => tf(
            lang,
            "queue.err_unknown_window",
            &[("window", &w.to_string())],
        ),
        QueueError::AlreadyAtWindow { number, window } => tf(
            lang,
            "queue.err_same_window",
            &[("number", number), ("window", &window.to_string())],
        ),
        QueueError::ServingNeedsCall => t(lang, "queue.err_serving_needs_call").to_string(),
        QueueError::WindowClosed(w) => tf(lang, "queue.err_window_closed", &[("window", w)]),
        QueueError::WindowTaken { window, by } => tf(
            lang,
            "queue.err_window_taken",
            &[("window", window), ("by", by)],
        ),
    }
}

/// What is wrong with queue settings, in the user's language.
pub fn config_problem(lang: Lang, p: &ConfigProblem) -> String {
    let window = |w: &u16| w.to_string();
    match p {
        ConfigProblem::NoCategories => t(lang, "queue_config.no_categories").to_string(),
        ConfigProblem::NoWindows => t(lang, "queue_config.no_windows").to_string(),
        ConfigProblem::BadLetter(c) => tf(lang, "queue_config.bad_letter", &[("category", c)]),
        ConfigProblem::CategoryTwice(c) => {
            tf(lang, "queue_config.category_twice", &[("category", c)])
        }
        ConfigProblem::CategoryUnnamed(c) => {
            tf(lang, "queue_config.category_unnamed", &[("category", c)])
        }
        ConfigProblem::WindowZero => t(lang, "queue_config.window_zero").to_string(),
        ConfigProblem::WindowTwice(w) => {
            tf(lang, "queue_config.window_twice", &[("window", &window(w))])
        }
        ConfigProblem::WindowIdle(w) => {
            tf(lang, "queue_config.window_idle", &[("window", &window(w))])
        }
        ConfigProblem::WindowUnknownCategory {
            window: w,
            category,
        } => tf(
            lang,
            "queue_config.window_unknown_category",
            &[("window", &window(w)), ("category", category)],
        ),
        ConfigProblem::ZeroMinutes => t(lang, "queue_config.zero_minutes").to_string(),
    }
}

/// A store failure: where the store is and what to do are said in words;
/// a failure of the disk or of the data keeps its own detail.
pub fn store_error_text(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Locked(p) => tf(lang, "store_error.locked", &[("path", &p.display())]),
        StoreError::Missing(p) => tf(lang, "store_error.missing", &[("path", &p.display())]),
        StoreError::Exists(p) => tf(lang, "store_error.exists", &[("path", &p.display())]),
        StoreError::Denied(p) => tf(lang, "store_error.denied", &[("path", &p.display())]),
        StoreError::Stuck(detail) => tf(lang, "store_error.stuck", &[("detail", detail)]),
        StoreError::Conflict(_) => t(lang, "error.conflict").to_string(),
        StoreError::Stale { number, by } => {
            tf(lang, "error.stale", &[("number", number), ("by", by)])
        }
        StoreError::Codec(_) | StoreError::Io(_) | StoreError::Rejected(_) => {
            tf(lang, "error.store", &[("detail", e)])
        }
        StoreError::Database { at, problem } => {
            super::database::database_error_text(lang, at, problem)
        }
    }
}

/// A failure to reach a server, in the user's language; the server's own
/// reason for a refusal (a protocol mismatch names both versions) follows.
pub fn connect_error_text(lang: Lang, e: &crate::server::remote::ConnectError) -> String {
    use crate::server::remote::ConnectError;
    use std::io::ErrorKind as K;
    match e {
        ConnectError::Io { path, err } => {
            let why = match err.kind() {
                K::NotFound => t(lang, "connect_error.no_server"),
                K::ConnectionRefused => t(lang, "connect_error.no_server"),
                K::PermissionDenied => t(lang, "connect_error.permission"),
                _ => t(lang, "connect_error.broken"),
            };
            tf(
                lang,
                "connect_error.io",
                &[("path", &path.display()), ("why", &why)],
            )
        }
        ConnectError::Refused { path, reason } => tf(
            lang,
            "connect_error.refused",
            &[("path", &path.display()), ("reason", reason)],
        ),
        ConnectError::Sources(detail) => tf(lang, "connect_error.sources", &[("detail", detail)]),
    }
}

/// A deadline past the calendar's years, with those years.
fn due_error(lang: Lang, e: &crate::domain::calendar::DueError) -> String {
    use crate::domain::calendar::{DueError, FIRST_YEAR, LAST_YEAR};
    match e {
        DueError::OutOfRange(date) => tf(
            lang,
            "error.deadline",
            &[
                ("date", &date.format("%d.%m.%Y").to_string()),
                ("first", &FIRST_YEAR),
                ("last", &LAST_YEAR),
            ],
        ),
    }
}

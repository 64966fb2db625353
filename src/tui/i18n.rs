//! UI text in Russian (default), Kazakh and English. The tables are TOML
//! files compiled in; a test keeps the three languages' keys identical and
//! checks that every key the code asks for exists.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use chrono::NaiveDateTime;

use crate::domain::catalog::{Document, ResultDoc, Service, StepAction};
use crate::domain::iin::IinError;
use crate::domain::queue::QueueError;
use crate::domain::route::{SubmitError, TransitionError};
use crate::ops::{LoginError, OpsError};
use crate::store::model::Organisation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Ru,
    Kk,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::Kk, Lang::En];

    /// The hall's other language: a kiosk or board shows Russian and Kazakh
    /// together, this one second.
    pub fn partner(self) -> Lang {
        if self == Lang::Kk { Lang::Ru } else { Lang::Kk }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn next(self) -> Lang {
        match self {
            Lang::Ru => Lang::Kk,
            Lang::Kk => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Ru => include_str!("i18n/ru.toml"),
            Lang::Kk => include_str!("i18n/kk.toml"),
            Lang::En => include_str!("i18n/en.toml"),
        }
    }
}

type Table = HashMap<String, &'static str>;

fn flatten(prefix: &str, v: &toml::Value, out: &mut Table) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            // Leaked once per string at first use: the tables live as long as the program.
            out.insert(prefix.to_string(), Box::leak(s.clone().into_boxed_str()));
        }
        _ => {}
    }
}

fn table(lang: Lang) -> &'static Table {
    static TABLES: OnceLock<[Table; 3]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        Lang::ALL.map(|l| {
            let value = toml::Value::Table(
                toml::from_str::<toml::Table>(l.source())
                    .unwrap_or_else(|e| panic!("i18n/{}.toml is broken: {e}", l.code())),
            );
            let mut t = Table::new();
            flatten("", &value, &mut t);
            t
        })
    });
    &tables[lang as usize]
}

/// The text for `key` in `lang`, else in Russian; None when no table has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    table(lang)
        .get(key)
        .or_else(|| table(Lang::Ru).get(key))
        .copied()
}

/// The text for `key`; a missing key (the tests allow none) shows a marker.
pub fn t(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("⟨?⟩")
}

/// `t` with `{name}` placeholders filled; `{m:02}` pads a number to two digits.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
        s = s.replace(&format!("{{{name}:02}}"), &format!("{value:0>2}"));
    }
    s
}

/// Dates as users write them.
pub fn date_time(at: NaiveDateTime) -> String {
    at.format("%d.%m.%Y %H:%M").to_string()
}

pub fn opt_date_time(at: Option<NaiveDateTime>) -> String {
    at.map(date_time).unwrap_or_else(|| "—".into())
}

pub fn service_name(lang: Lang, s: &Service) -> &str {
    match lang {
        Lang::Ru => &s.name_ru,
        Lang::Kk => &s.name_kk,
        Lang::En => &s.name_en,
    }
}

pub fn document_name(lang: Lang, d: &Document) -> &str {
    match lang {
        Lang::Kk if !d.name_kk.is_empty() => &d.name_kk,
        _ => &d.name_ru,
    }
}

pub fn result_name(lang: Lang, r: &ResultDoc) -> &str {
    match lang {
        Lang::Ru => &r.name_ru,
        Lang::Kk => &r.name_kk,
        Lang::En => &r.name_en,
    }
}

pub fn org_name(lang: Lang, o: &Organisation) -> &str {
    match lang {
        Lang::Kk if !o.name_kk.is_empty() => &o.name_kk,
        _ => &o.name_ru,
    }
}

pub fn step_name(lang: Lang, a: StepAction) -> &'static str {
    t(lang, &format!("step.{}", a.as_str()))
}

pub fn iin_reason(lang: Lang, e: &IinError) -> String {
    match e {
        IinError::Length(n) => tf(lang, "iin.length", &[("n", n)]),
        other => t(lang, &format!("iin.{}", other.code())).to_string(),
    }
}

fn actor_name(lang: Lang, a: crate::domain::roles::Actor) -> String {
    t(lang, &format!("role.{}", a.role.as_str())).to_string()
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
                &[("status", &t(lang, &format!("status.{}", s.as_str())))],
            ),
            TransitionError::WrongActor { expected, .. } => tf(
                lang,
                "error.wrong_actor",
                &[("expected", &actor_name(lang, *expected))],
            ),
            TransitionError::NotAssignee(l) => tf(lang, "error.not_assignee", &[("login", l)]),
            TransitionError::WrongStep { action, .. } => tf(
                lang,
                "act.wrong_step",
                &[("number", &"—"), ("step", &step_name(lang, *action))],
            ),
            TransitionError::NotReady => t(lang, "error.not_ready").to_string(),
            TransitionError::WrongRecipient(iin) => {
                tf(lang, "error.wrong_recipient", &[("iin", iin)])
            }
            TransitionError::UnknownResult(r) => tf(lang, "error.unknown_result", &[("result", r)]),
            TransitionError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
            TransitionError::Deadline(d) => tf(lang, "error.deadline", &[("detail", d)]),
        },
        OpsError::Submit(se) => match se {
            SubmitError::Excluded(_) => t(lang, "error.excluded").to_string(),
            SubmitError::Channel { channel, .. } => tf(
                lang,
                "error.channel",
                &[(
                    "channel",
                    &t(lang, &format!("channel.{}", channel.as_str())),
                )],
            ),
            SubmitError::WrongActor { expected, .. } => tf(
                lang,
                "error.wrong_actor",
                &[("expected", &actor_name(lang, *expected))],
            ),
            SubmitError::UnknownDocument(d) => tf(lang, "error.unknown_document", &[("doc", d)]),
            SubmitError::Invalid(m) => format!("{}: {m}", t(lang, "error.invalid")),
            SubmitError::Deadline(d) => tf(lang, "error.deadline", &[("detail", d)]),
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
            &[("outcome", &t(lang, &format!("outcome.{}", kind.as_str())))],
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

/// A text in both hall languages, `lang` first: "Ожидают / Күтуде".
pub fn both(lang: Lang, key: &str) -> String {
    format!("{} / {}", t(lang, key), t(lang.partner(), key))
}

/// A queue category's names, `lang`'s first.
pub fn category_names(lang: Lang, c: &crate::domain::queue::Category) -> (&str, &str) {
    if lang == Lang::Kk {
        (&c.name_kk, &c.name_ru)
    } else {
        (&c.name_ru, &c.name_kk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_have_the_same_keys() {
        let ru: std::collections::BTreeSet<_> = table(Lang::Ru).keys().collect();
        for lang in [Lang::Kk, Lang::En] {
            let other: std::collections::BTreeSet<_> = table(lang).keys().collect();
            let missing: Vec<_> = ru.difference(&other).collect();
            let extra: Vec<_> = other.difference(&ru).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
        }
    }

    /// Every `t(.., "key")` / `tf(.., "key", ..)` in the TUI's source names a key that exists.
    #[test]
    fn every_key_used_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut files = vec![];
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        let mut unknown = vec![];
        let mut seen = 0;
        for f in files {
            // rustfmt splits long calls over lines: scan with every run of
            // whitespace made one space, and none right after a parenthesis.
            let raw = std::fs::read_to_string(&f).unwrap();
            let text = raw
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("( ", "(");
            for pat in [
                "t(lang, \"",
                "tf(lang, \"",
                "t(self.lang, \"",
                "tf(self.lang, \"",
                "t(l, \"",
                "tf(l, \"",
                "self.both(\"",
            ] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    seen += 1;
                    if !table(Lang::Ru).contains_key(key) {
                        unknown.push(format!("{}: {key}", f.display()));
                    }
                }
            }
        }
        assert!(
            seen > 50,
            "the scan found only {seen} keys: the pattern is stale"
        );
        assert!(unknown.is_empty(), "unknown keys: {unknown:#?}");
    }

    #[test]
    fn placeholders_fill() {
        assert_eq!(
            tf(Lang::En, "login.wrong", &[("n", &2)]),
            "Wrong login or password. Attempts left: 2"
        );
        assert_eq!(
            tf(Lang::Ru, "time.hours", &[("h", &3), ("m", &5)]),
            "3 ч 05 мин"
        );
    }
}

//! Limits on what one request may carry, checked by the server before it
//! does any work: a frame may be up to `MAX_FRAME`, but no honest client
//! sends a 60 MiB name or a list of a million documents. `check` is
//! generated from the operations' table (`ops/operations.rs`), where each
//! text field names its limit; every other field's type has a `Bounded`
//! impl here, so a new request cannot arrive without its limits.

use super::protocol::Request;
use crate::domain::queue::PriorityReason;
use crate::ops::queue::QueueAct;
use crate::ops::report::ReportQuery;
use crate::ops::{ActKind, ActRequest, Refusal, SubmitRequest};

/// Identifiers: a login, an organisation or a centre's code, a number.
pub const MAX_CODE: usize = 64;
/// A person's or a service's name, a district, a phone.
pub const MAX_NAME: usize = 256;
/// A password (argon2 takes any length; this bounds its first pass).
pub const MAX_PASSWORD: usize = 1024;
/// A comment, a resolution, a refusal's text, a transfer's reason.
pub const MAX_TEXT: usize = 8000;
/// Documents handed in or missing.
pub const MAX_LIST: usize = 200;
/// A command line's words, and each word.
pub const MAX_ARGS: usize = 100;
pub const MAX_ARG: usize = 8192;
/// Reports asked for in one request.
pub const MAX_REPORTS: usize = 8;
/// A file a command reads (a registry CSV).
pub const MAX_INPUT: usize = 32 << 20;

/// A request over a limit: which field, and the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverLimit {
    /// The `limit-field-*` key naming the field.
    pub field: &'static str,
    pub max: usize,
    /// Counted in items (a list), not characters.
    pub items: bool,
}

impl OverLimit {
    /// The refusal in `lang` (the server does not know a client's language:
    /// it uses the default one).
    pub fn refusal(&self) -> Refusal {
        Refusal::OverLimit {
            field: self.field.into(),
            max: self.max,
            items: self.items,
        }
    }

    /// The refusal as a sentence in `lang`.
    #[cfg(test)]
    pub fn text(&self, lang: crate::tui::i18n::Lang) -> String {
        crate::i18n::refusal_text(lang, &self.refusal())
    }
}

type Checked = Result<(), OverLimit>;

fn text(field: &'static str, value: &str, max: usize) -> Checked {
    match value.chars().count() <= max {
        true => Ok(()),
        false => Err(OverLimit {
            field,
            max,
            items: false,
        }),
    }
}

fn opt(field: &'static str, value: &Option<String>, max: usize) -> Checked {
    value.as_deref().map_or(Ok(()), |v| text(field, v, max))
}

fn list(field: &'static str, values: &[String], max_items: usize, max_each: usize) -> Checked {
    if values.len() > max_items {
        return Err(OverLimit {
            field,
            max: max_items,
            items: true,
        });
    }
    values.iter().try_for_each(|v| text(field, v, max_each))
}

/// What a value of a request's field may carry; a field of type `String`
/// names its limit in the operations' table instead, so a text without a
/// limit does not compile.
pub trait Bounded {
    fn within(&self, field: &'static str) -> Checked;
}

/// Values that carry no text or list.
macro_rules! unbounded {
    ($($t:ty),*) => {
        $( impl Bounded for $t {
            fn within(&self, _: &'static str) -> Checked {
                Ok(())
            }
        } )*
    };
}

unbounded!(ActKind, char, chrono::NaiveDate, Option<PriorityReason>);

impl Bounded for SubmitRequest {
    fn within(&self, _: &'static str) -> Checked {
        submit(self)
    }
}

impl Bounded for ActRequest {
    fn within(&self, _: &'static str) -> Checked {
        act(self)
    }
}

impl Bounded for QueueAct {
    fn within(&self, _: &'static str) -> Checked {
        queue_act(self)
    }
}

impl Bounded for ReportQuery {
    fn within(&self, _: &'static str) -> Checked {
        opt("org", &self.org, MAX_CODE)?;
        opt("service", &self.service, MAX_NAME)
    }
}

/// Reports asked for together: at most `MAX_REPORTS`, each bounded.
impl Bounded for Vec<ReportQuery> {
    fn within(&self, field: &'static str) -> Checked {
        if self.len() > MAX_REPORTS {
            return Err(OverLimit {
                field,
                max: MAX_REPORTS,
                items: true,
            });
        }
        self.iter().try_for_each(|q| q.within(field))
    }
}

/// A command line's words.
impl Bounded for Vec<String> {
    fn within(&self, field: &'static str) -> Checked {
        list(field, self, MAX_ARGS, MAX_ARG)
    }
}

/// The contents of a file a command reads.
impl Bounded for Option<Vec<u8>> {
    fn within(&self, field: &'static str) -> Checked {
        match self.as_ref().is_some_and(|i| i.len() > MAX_INPUT) {
            true => Err(OverLimit {
                field,
                max: MAX_INPUT,
                items: false,
            }),
            false => Ok(()),
        }
    }
}

/// One field of a request against its limit: a text against the table's
/// `[MAX]`, another value by its `Bounded` impl.
macro_rules! bound {
    (($f:ident, $max:ident)) => {
        text(stringify!($f), $f, $max)?
    };
    (($f:ident)) => {
        Bounded::within($f, stringify!($f))?
    };
}

/// The digest of the operations' table (`ops::operations`): `check`.
macro_rules! limits {
    ({} $( [
        $attr:tt $kind:ident $V:ident $name:ident $flags:tt $ret:tt
        $oh:tt $sh:tt $rh:tt params $params:tt limits [$($limit:tt)*]
        pattern ($($pattern:tt)*) variant $variant:tt request $request:tt
    ] )*) => {
        /// Every text and list `req` carries, against its limit.
        pub fn check(req: &Request) -> Checked {
            match req {
                $( $($pattern)* => {
                    $( bound!($limit); )*
                    Ok(())
                } )*
            }
        }
    };
}

crate::ops::operations::backend_operations! { limits {} }

fn submit(s: &SubmitRequest) -> Checked {
    text("service", &s.service, MAX_NAME)?;
    text("iin", &s.iin, MAX_CODE)?;
    text("name", &s.name, MAX_NAME)?;
    opt("phone", &s.phone, MAX_NAME)?;
    opt("org", &s.org, MAX_CODE)?;
    opt("district", &s.district, MAX_NAME)?;
    if let Some(r) = &s.representative {
        text("name", &r.name, MAX_NAME)?;
        text("power_of_attorney", &r.power_of_attorney, MAX_NAME)?;
    }
    list("documents", &s.expired, MAX_LIST, MAX_CODE)?;
    list(
        "documents",
        s.documents.as_deref().unwrap_or(&[]),
        MAX_LIST,
        MAX_NAME,
    )
}

fn act(r: &ActRequest) -> Checked {
    opt("login", &r.to, MAX_CODE)?;
    opt("result", &r.result, MAX_NAME)?;
    opt("comment", &r.comment, MAX_TEXT)?;
    opt("iin", &r.recipient, MAX_CODE)?;
    list("documents", &r.missing, MAX_LIST, MAX_NAME)
}

fn queue_act(a: &QueueAct) -> Checked {
    match a {
        QueueAct::Transfer { reason, .. } => text("comment", reason, MAX_TEXT),
        QueueAct::Finish(outcome) => opt("number", &outcome.application, MAX_CODE),
        QueueAct::Sit(_)
        | QueueAct::Leave
        | QueueAct::SetState(_)
        | QueueAct::CallNext
        | QueueAct::Recall
        | QueueAct::NoShow
        | QueueAct::Start => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::ActKind;
    use crate::tui::i18n::Lang;

    #[test]
    fn each_kind_of_field_is_bounded_and_the_refusal_is_in_words() {
        let long = "я".repeat(MAX_TEXT + 1);
        let act = Request::Act {
            number: "KRG-SC-2026-000001".into(),
            kind: ActKind::Return,
            req: ActRequest {
                comment: Some(long.clone()),
                ..ActRequest::default()
            },
        };
        let over = check(&act).unwrap_err();
        assert_eq!((over.field, over.max), ("comment", MAX_TEXT));
        assert!(
            over.text(Lang::Ru).contains("8000"),
            "{}",
            over.text(Lang::Ru)
        );
        let ok = Request::Act {
            number: "KRG-SC-2026-000001".into(),
            kind: ActKind::Return,
            req: ActRequest {
                comment: Some("я".repeat(MAX_TEXT)),
                ..ActRequest::default()
            },
        };
        assert_eq!(check(&ok), Ok(()));
        let many = Request::Cli {
            args: vec!["x".into(); MAX_ARGS + 1],
            input: None,
        };
        assert!(check(&many).unwrap_err().items);
        let login = Request::Login {
            login: "a".repeat(MAX_CODE + 1),
            password: String::new(),
        };
        assert_eq!(check(&login).unwrap_err().field, "login");
        for lang in Lang::ALL {
            let words = check(&many).unwrap_err().text(lang);
            assert!(!words.contains("limit."), "{words}");
        }
    }
}

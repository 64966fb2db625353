//! UI and command-line text in Russian (default), Kazakh and English.
//!
//! The texts are Fluent files (`ru.ftl`, `kk.ftl`, `en.ftl`) compiled in, so
//! counts take the language's CLDR plural form (1 заявление, 2 заявления,
//! 5 заявлений). Code asks for a text by a key such as `section.key` with
//! `t`, or with `tf` and arguments (`&[("n", &count)]`); the key maps to the
//! Fluent id `section-key` (Fluent ids cannot contain dots). Tests keep the three
//! languages' ids identical, the files free of parse errors and every key the
//! code asks for present.

mod args;
mod database;
mod districts;
mod errors;
pub mod leaks;
mod names;
mod refusals;
pub mod reports;
mod unfit;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use args::Arg;
pub use districts::{district_name, region_name};
pub use errors::*;
pub use names::*;
pub use refusals::*;
pub use unfit::unfit_text;

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
            Lang::Ru => include_str!("ru.ftl"),
            Lang::Kk => include_str!("kk.ftl"),
            Lang::En => include_str!("en.ftl"),
        }
    }
}

/// One language's compiled texts.
struct Texts {
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted without arguments, for `t` and `lookup`.
    plain: HashMap<String, &'static str>,
    /// Parse and load problems; a test requires none, users never see a panic.
    problems: Vec<String>,
}

fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// Fluent's own number formatting ignores `minimumIntegerDigits`; the
/// messages use it for minutes ("3 ч 05 мин").
fn pad_integer_digits<M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let digits = n.options.minimum_integer_digits?;
    Some(format!("{:0>digits$}", n.as_string()))
}

fn compile(lang: Lang) -> Texts {
    let mut problems = vec![];
    let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, es)| {
        problems.extend(es.iter().map(|e| format!("{}.ftl: {e}", lang.code())));
        r
    });
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let locale = lang.code().parse().expect("ru, kk and en are language ids");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Terminals show Unicode isolation marks as stray characters.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(pad_integer_digits));
    if let Err(es) = bundle.add_builtins() {
        problems.push(format!("{}.ftl: {es:?}", lang.code()));
    }
    if let Err(es) = bundle.add_resource(resource) {
        problems.extend(es.iter().map(|e| format!("{}.ftl: {e}", lang.code())));
    }
    let mut texts = Texts {
        bundle,
        plain: HashMap::new(),
        problems,
    };
    for id in ids {
        if let Some(text) = texts.format(&id, None) {
            // Leaked once at start: the texts live as long as the program.
            texts.plain.insert(id, Box::leak(text.into_boxed_str()));
        }
    }
    texts
}

impl Texts {
    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = vec![];
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        Some(text.into_owned())
    }
}

fn texts(lang: Lang) -> &'static Texts {
    static TEXTS: OnceLock<[Texts; 3]> = OnceLock::new();
    let all = TEXTS.get_or_init(|| {
        let all = Lang::ALL.map(compile);
        for problem in all.iter().flat_map(|t| &t.problems) {
            tracing::error!("broken UI text: {problem}");
        }
        all
    });
    &all[lang as usize]
}

/// The text for `key` in `lang`, else in Russian; None when no table has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    let id = fluent_id(key);
    texts(lang)
        .plain
        .get(&id)
        .or_else(|| texts(Lang::Ru).plain.get(&id))
        .copied()
}

/// The text for `key`; a missing key (the tests allow none) shows a marker.
pub fn t(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("⟨?⟩")
}

/// `t` with `{ $name }` placeables filled; numbers choose plural forms.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn Arg)]) -> String {
    let id = fluent_id(key);
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(Cow::Borrowed(*name), value.fluent());
    }
    texts(lang)
        .format(&id, Some(&fluent_args))
        .or_else(|| texts(Lang::Ru).format(&id, Some(&fluent_args)))
        .unwrap_or_else(|| "⟨?⟩".into())
}

/// A text in both hall languages, `lang` first: "Ожидают / Күтуде".
pub fn both(lang: Lang, key: &str) -> String {
    format!("{} / {}", t(lang, key), t(lang.partner(), key))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod refusal_tests;

//! What the command line says to a person, in their language. Every
//! human-readable message the CLI composes goes through `t`/`tf` here (keys
//! of the `[cli]` section of the UI tables), so another text engine plugs in
//! at this one place. JSON for scripts never goes through here.

use std::cell::Cell;

use crate::tui::i18n::{self, Lang};

thread_local! {
    /// The language of the command running on this thread: the main thread's
    /// for a command run here, a server worker's for a client's command.
    static LANG: Cell<Lang> = const { Cell::new(Lang::Ru) };
}

/// The language messages are written in now.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Runs `f` with messages in `lang`, then restores the previous language
/// (a server thread serves clients of different languages one after another).
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = LANG.with(|l| l.replace(lang));
    let out = f();
    LANG.with(|l| l.set(before));
    out
}

/// The CLI text for `key` (under `cli.`).
pub fn t(key: &str) -> &'static str {
    i18n::t(lang(), &format!("cli.{key}"))
}

/// `t` with `{name}` placeholders filled.
pub fn tf(key: &str, args: &[(&str, &dyn i18n::Arg)]) -> String {
    i18n::tf(lang(), &format!("cli.{key}"), args)
}

/// A UI text outside `[cli]` (statuses, roles, steps...) in the CLI's language.
pub fn ui(key: &str) -> &'static str {
    i18n::t(lang(), key)
}

/// A norm in words ("5 раб. дн.", "15 мин"), never its unit's identifier.
pub fn norm_words(norm: crate::domain::norm::Norm) -> String {
    use crate::domain::norm::NormUnit;
    let n = norm.value;
    match norm.unit {
        NormUnit::Minutes => i18n::tf(lang(), "time.minutes", &[("n", &n)]),
        NormUnit::Hours => i18n::tf(lang(), "time.hours", &[("h", &n), ("m", &0)]),
        NormUnit::WorkingDays => i18n::tf(lang(), "time.working_days", &[("n", &n)]),
        NormUnit::CalendarDays => i18n::tf(lang(), "time.calendar_days", &[("n", &n)]),
    }
}

/// A file problem: the path once, then why, in the user's language (the
/// operating system's own text, which may repeat the path, is not used).
pub fn io_error(path: &std::path::Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io.not_found",
        K::PermissionDenied => "io.permission_denied",
        K::AlreadyExists => "io.already_exists",
        K::IsADirectory => "io.is_a_directory",
        K::NotADirectory => "io.not_a_directory",
        K::StorageFull => "io.storage_full",
        _ => return format!("{}: {}", path.display(), os_reason(e)),
    };
    format!("{}: {}", path.display(), t(key))
}

/// The operating system's reason without its "(os error N)" tail.
fn os_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// `--lang`: checked by clap for every command, with its three values
/// offered to shell completion.
#[derive(Clone)]
pub struct LangParser;

impl clap::builder::TypedValueParser for LangParser {
    type Value = Lang;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Lang, clap::Error> {
        let code = value.to_string_lossy();
        Lang::from_code(&code).ok_or_else(|| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                // No language is settled yet: the default one says it.
                format!(
                    "{}\n",
                    i18n::tf(Lang::Ru, "cli.unknown_lang", &[("code", &code.as_ref())])
                ),
            )
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            Lang::ALL
                .into_iter()
                .map(|l| clap::builder::PossibleValue::new(l.code())),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `say::t("key")` / `say::tf("key", ..)` in the CLI's source names
    /// a `[cli]` key that exists (the tables' own test keeps ru/kk/en equal).
    #[test]
    fn every_cli_key_used_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let mut seen = 0;
        let mut unknown = vec![];
        let mut files = vec![];
        let mut dirs = vec![dir];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    files.push(path);
                }
            }
        }
        for path in files {
            if path.ends_with("say.rs") {
                continue; // its comments show the pattern itself
            }
            let raw = std::fs::read_to_string(&path).unwrap();
            let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.replace("( ", "(");
            // `[cli]` keys, and keys of other sections the CLI borrows.
            for (pat, section) in [
                ("say::t(\"", "cli."),
                ("say::tf(\"", "cli."),
                ("say::ui(\"", ""),
                ("i18n::tf(lang, \"", ""),
                ("i18n::tf(say::lang(), \"", ""),
            ] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    seen += 1;
                    if i18n::lookup(Lang::Ru, &format!("{section}{key}")).is_none() {
                        unknown.push(format!("{}: {section}{key}", path.display()));
                    }
                }
            }
        }
        assert!(
            seen > 20,
            "the scan found only {seen} keys: the pattern is stale"
        );
        assert!(unknown.is_empty(), "unknown keys: {unknown:#?}");
    }

    #[test]
    fn the_language_is_per_thread_and_restored() {
        assert_eq!(lang(), Lang::Ru);
        with_lang(Lang::Kk, || {
            assert_eq!(lang(), Lang::Kk);
            std::thread::spawn(|| assert_eq!(lang(), Lang::Ru))
                .join()
                .unwrap();
        });
        assert_eq!(lang(), Lang::Ru);
    }
}

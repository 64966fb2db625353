//! What must not reach a Russian or Kazakh reader: internal identifiers
//! (`working_days`), debug shapes (`Submitted {`, `Some(`) and English
//! words. The tests of texts, the command line and the screens share it.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::{Lang, texts};

/// Runs of ASCII letters, digits and `_` in `text`.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let word = c.is_ascii_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out.into_iter()
}

/// `text` with every `{ … }` placeable of a Fluent message removed.
fn without_placeables(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of the English texts that neither the Russian nor the Kazakh
/// texts use (those keep command names such as `qyzmet`): lower-cased, three
/// letters or more.
pub fn english_words() -> &'static BTreeSet<String> {
    static WORDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let words = |lang: Lang| -> BTreeSet<String> {
            texts(lang)
                .plain
                .values()
                .flat_map(|v| {
                    tokens(&without_placeables(v))
                        .map(|(_, w)| w.to_ascii_lowercase())
                        .collect::<Vec<_>>()
                })
                .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
                .collect()
        };
        let ours: BTreeSet<String> = words(Lang::Ru).union(&words(Lang::Kk)).cloned().collect();
        words(Lang::En).difference(&ours).cloned().collect()
    })
}

/// Every leak in `text`, as found: a snake_case identifier, a debug shape
/// (`Name {`, `Some(`, `None`) or a word of `english_words`; `allowed`
/// (lower case) are words the reader expects, such as logins, and path
/// components are the user's own.
pub fn leaks(text: &str, allowed: &[&str]) -> Vec<String> {
    let mut found = vec![];
    for (at, token) in tokens(text) {
        let rest = &text[at + token.len()..];
        let lower = token.to_ascii_lowercase();
        // A file's path is the user's, as typed: `/tmp/store`, `copy.bak`.
        let in_path = text[..at].ends_with(['/', '.']) || rest.starts_with('/');
        if in_path || allowed.contains(&lower.as_str()) {
            continue;
        }
        let has_lower = token.chars().any(|c| c.is_ascii_lowercase());
        let camel = token.starts_with(|c: char| c.is_ascii_uppercase()) && has_lower;
        let leak = (token.contains('_') && has_lower && !token.starts_with('_'))
            || (camel && (rest.starts_with(" {") || rest.starts_with('(')))
            || token == "None"
            || english_words().contains(&lower);
        if leak {
            found.push(format!(
                "{token}{}",
                rest.chars().take(2).collect::<String>()
            ));
        }
    }
    found
}

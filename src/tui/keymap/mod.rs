//! Key bindings: `keymaps/default.toml`, overridden per action by the user's
//! `keymap.toml`, resolved per [`Context`] stack with multi-key sequences
//! (which-key) and a fallback for a Cyrillic keyboard layout.
//!
//! A keymap file has one section per context; each entry binds an action:
//!
//! ```toml
//! [inbox]
//! register = { keys = ["f5", "r"], description = "Register the document" }
//! ```
//!
//! Every problem is reported with the file name and the 1-based line, and all
//! of them at once (see [`KeymapErrors`]).

mod errors;
mod key;
mod layout;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::PathBuf;

use super::action::{Action, Context};
use crate::i18n::Lang;

pub use errors::{KeymapError, KeymapErrors, Location};
pub use key::{KeyPress, display_sequence};
pub use layout::remap_layout;
use parse::parse_file;

/// One key sequence bound to an action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// A sequence: usually one key, `g r` is two.
    pub keys: Vec<KeyPress>,
    pub action: Action,
    /// The file's English description; the UI prefers its localised one.
    pub description: Option<String>,
    /// Where the sequence was written.
    pub at: Location,
    /// The sequence as written, for messages.
    text: String,
}

/// What a key press means in a stack of contexts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A complete sequence.
    Action(Action),
    /// The keys so far start one or more longer sequences: keep them pending
    /// and show these continuations (which-key). Further keys are resolved
    /// with the pending ones again.
    Pending(Vec<Continuation>),
    /// Nothing: the caller drops any pending keys.
    Unbound,
}

/// A next key of a pending sequence. When several sequences go on with the
/// same key, the innermost and first one is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continuation {
    pub key: KeyPress,
    pub action: Action,
    pub description: Option<String>,
}

/// One row of the help overlay: keys joined with ", ", the action, the
/// file's description.
pub type HelpRow = (String, Action, Option<String>);

/// The bindings of every context, each in file order.
#[derive(Debug, Clone)]
pub struct Keymap {
    sections: Vec<Vec<Binding>>,
}

/// An entry of one file, before merging.
pub(super) struct Entry {
    context: Context,
    action: Action,
    description: Option<String>,
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The shipped keymap.
    pub fn default_text() -> &'static str {
        include_str!("../../../keymaps/default.toml")
    }

    /// The shipped keymap alone; it is validated by the tests.
    pub fn builtin() -> Keymap {
        Keymap::load(("keymaps/default.toml", Keymap::default_text()), None)
            .expect("the built-in keymap is valid")
    }

    /// The shipped keymap with the user's file (see [`Keymap::user_path`]) if it exists.
    pub fn from_config() -> Result<Keymap, KeymapErrors> {
        let default = ("keymaps/default.toml", Keymap::default_text());
        let Some(path) = Keymap::user_path() else {
            return Keymap::load(default, None);
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Keymap::load(default, Some((&path.display().to_string(), &text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Keymap::load(default, None),
            Err(e) => Err(KeymapErrors(vec![KeymapError::Read(
                path.display().to_string(),
                e.to_string(),
            )])),
        }
    }

    /// `$QYZMET_KEYMAP`, else `keymap.toml` in the configuration directory
    /// (`~/.config/qyzmet/keymap.toml` on Linux).
    pub fn user_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("QYZMET_KEYMAP").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "qyzmet").map(|d| d.config_dir().join("keymap.toml"))
    }

    /// Parses `default` (origin name, text), then applies `user`: an action
    /// listed in a user section gets exactly the user's keys in that section
    /// (`keys = []` unbinds it); everything else is kept. The merged result is
    /// validated: no sequence bound twice, and none a prefix of another, in one
    /// section. Every problem is returned.
    pub fn load(default: (&str, &str), user: Option<(&str, &str)>) -> Result<Keymap, KeymapErrors> {
        let mut errors = Vec::new();
        let defaults = parse_file(default.0, default.1, &mut errors);
        let user_entries = user
            .map(|(origin, text)| parse_file(origin, text, &mut errors))
            .unwrap_or_default();

        let sections = merge(defaults, user_entries);
        // Which bindings came from the user file: reported first in conflicts.
        let user_bound: HashSet<(usize, usize)> = match user {
            Some((origin, _)) => sections
                .iter()
                .enumerate()
                .flat_map(|(ci, section)| {
                    section
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| b.at.file == origin)
                        .map(move |(bi, _)| (ci, bi))
                })
                .collect(),
            None => HashSet::new(),
        };
        check_conflicts(&sections, &user_bound, &mut errors);

        if errors.is_empty() {
            Ok(Keymap { sections })
        } else {
            let order = |e: &KeymapError| -> (bool, usize) {
                match location(e) {
                    Some(l) => (l.file != default.0, l.line),
                    None => (true, usize::MAX),
                }
            };
            errors.sort_by_key(order);
            Err(KeymapErrors(errors))
        }
    }

    /// The bindings of one context, in file order.
    pub fn bindings(&self, context: Context) -> &[Binding] {
        &self.sections[index(context)]
    }

    /// What `key`, after the `pending` keys, means in `contexts` (innermost
    /// first; an inner context shadows outer ones). The keys are tried as
    /// typed, then through [`remap_layout`] if that changes them and nothing
    /// matched.
    pub fn resolve(&self, contexts: &[Context], pending: &[KeyPress], key: KeyPress) -> Resolution {
        let mut seq = pending.to_vec();
        seq.push(key);
        let r = self.resolve_seq(contexts, &seq);
        if r != Resolution::Unbound {
            return r;
        }
        let mapped: Vec<KeyPress> = seq.iter().map(|k| remap_layout(*k)).collect();
        if mapped != seq {
            self.resolve_seq(contexts, &mapped)
        } else {
            Resolution::Unbound
        }
    }

    fn resolve_seq(&self, contexts: &[Context], seq: &[KeyPress]) -> Resolution {
        let mut next: Vec<Continuation> = Vec::new();
        for &ctx in contexts {
            let bindings = self.bindings(ctx);
            if next.is_empty()
                && let Some(b) = bindings.iter().find(|b| b.keys == seq)
            {
                return Resolution::Action(b.action);
            }
            for b in bindings {
                if b.keys.len() > seq.len() && b.keys.starts_with(seq) {
                    let key = b.keys[seq.len()];
                    if !next.iter().any(|c| c.key == key) {
                        next.push(Continuation {
                            key,
                            action: b.action,
                            description: b.description.clone(),
                        });
                    }
                }
            }
        }
        if next.is_empty() {
            Resolution::Unbound
        } else {
            Resolution::Pending(next)
        }
    }

    /// The sequences bound to `action` in `context`, for hints: `["F5", "r"]`.
    pub fn keys_for(&self, context: Context, action: Action, lang: Lang) -> Vec<String> {
        self.bindings(context)
            .iter()
            .filter(|b| b.action == action)
            .map(|b| display_sequence(&b.keys, lang))
            .collect()
    }

    /// The help overlay for a context stack: per context (innermost first, the
    /// empty ones left out) one row per action in file order, with the keys that
    /// are not shadowed by an inner context.
    pub fn help(&self, contexts: &[Context], lang: Lang) -> Vec<(Context, Vec<HelpRow>)> {
        let mut out = Vec::new();
        for (ci, &ctx) in contexts.iter().enumerate() {
            let inner = &contexts[..ci];
            let mut rows: Vec<(Action, Vec<String>, Option<String>)> = Vec::new();
            for b in self.bindings(ctx) {
                let shadowed = inner.iter().any(|&c| {
                    self.bindings(c)
                        .iter()
                        .any(|o| o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys))
                });
                if shadowed {
                    continue;
                }
                let keys = display_sequence(&b.keys, lang);
                match rows.iter_mut().find(|r| r.0 == b.action) {
                    Some(r) => r.1.push(keys),
                    None => rows.push((b.action, vec![keys], b.description.clone())),
                }
            }
            if !rows.is_empty() {
                let rows = rows
                    .into_iter()
                    .map(|(a, keys, d)| (keys.join(", "), a, d))
                    .collect();
                out.push((ctx, rows));
            }
        }
        out
    }
}

pub(super) fn index(c: Context) -> usize {
    Context::ALL
        .iter()
        .position(|x| *x == c)
        .expect("every context is in Context::ALL")
}

pub(super) fn context_from_name(name: &str) -> Option<Context> {
    Context::ALL.iter().copied().find(|c| c.name() == name)
}

pub(super) fn location(e: &KeymapError) -> Option<&Location> {
    match e {
        KeymapError::Read(..) => None,
        KeymapError::Syntax { at, .. }
        | KeymapError::UnknownSection { at, .. }
        | KeymapError::UnknownAction { at, .. }
        | KeymapError::BadEntry { at, .. }
        | KeymapError::BadKey { at, .. }
        | KeymapError::Duplicate { at, .. }
        | KeymapError::Prefix { at, .. } => Some(at),
    }
}

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The default entries with the user's laid over them, action by action.
fn merge(defaults: Vec<Entry>, user_entries: Vec<Entry>) -> Vec<Vec<Binding>> {
    let mut sections: Vec<Vec<Binding>> = vec![Vec::new(); Context::ALL.len()];
    for e in defaults {
        let section = &mut sections[index(e.context)];
        section.extend(e.bindings);
    }
    for e in user_entries {
        let section = &mut sections[index(e.context)];
        let at = section.iter().position(|b| b.action == e.action);
        let kept_description = section
            .iter()
            .find(|b| b.action == e.action)
            .and_then(|b| b.description.clone());
        section.retain(|b| b.action != e.action);
        let mut new = e.bindings;
        if e.description.is_none() {
            for b in &mut new {
                b.description = kept_description.clone();
            }
        }
        let at = at.unwrap_or(section.len());
        section.splice(at..at, new);
    }
    sections
}

/// No sequence bound twice, and none a prefix of another, in one section.
fn check_conflicts(
    sections: &[Vec<Binding>],
    user_bound: &HashSet<(usize, usize)>,
    errors: &mut Vec<KeymapError>,
) {
    for (ci, section) in sections.iter().enumerate() {
        let name = Context::ALL[ci].name();
        for j in 0..section.len() {
            for i in 0..j {
                let (a, b) = (&section[i], &section[j]);
                // Report at the user's binding if there is one, else the later.
                let at = if user_bound.contains(&(ci, i)) && !user_bound.contains(&(ci, j)) {
                    a.at.clone()
                } else {
                    b.at.clone()
                };
                if a.keys == b.keys {
                    errors.push(KeymapError::Duplicate {
                        at,
                        section: name.to_string(),
                        key: b.text.clone(),
                        first: a.action.name(),
                        second: b.action.name(),
                    });
                } else if a.keys.starts_with(&b.keys) || b.keys.starts_with(&a.keys) {
                    let (short, long) = if a.keys.len() < b.keys.len() {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    errors.push(KeymapError::Prefix {
                        at,
                        section: name.to_string(),
                        prefix: short.text.clone(),
                        prefix_action: short.action.name(),
                        longer: long.text.clone(),
                        longer_action: long.action.name(),
                    });
                }
            }
        }
    }
}

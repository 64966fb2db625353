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

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::action::{Action, Context};
use crate::i18n::{Lang, t};

/// One key press with the modifiers that matter (Ctrl, Alt, Shift), normalised
/// so that a parsed key and a key from the terminal compare equal:
/// a character carries its own case (Shift is dropped: `A` is Shift+a),
/// Ctrl+letter is lower case, Shift+Tab is `BackTab`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct KeyPress {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const MODS: KeyModifiers = KeyModifiers::CONTROL
    .union(KeyModifiers::ALT)
    .union(KeyModifiers::SHIFT);

impl KeyPress {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        let mut mods = mods & MODS;
        let code = match code {
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Char(c) => {
                let mut c = c;
                if mods.contains(KeyModifiers::SHIFT) {
                    c = single_upper(c);
                    mods.remove(KeyModifiers::SHIFT);
                }
                if mods.contains(KeyModifiers::CONTROL) {
                    c = single_lower(c);
                }
                KeyCode::Char(c)
            }
            other => other,
        };
        KeyPress { code, mods }
    }

    /// A plain character key.
    pub fn char(c: char) -> KeyPress {
        KeyPress::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// The key as the terminal reported it (normalised, but no layout remapping).
    pub fn from_event(ev: &KeyEvent) -> KeyPress {
        KeyPress::new(ev.code, ev.modifiers)
    }

    /// Parses one key: `a`, `A`, `?`, `ctrl+x`, `alt+1`, `shift+tab`, `f5`, `pgup`...
    pub fn parse(text: &str) -> Result<KeyPress, String> {
        let mut rest = text;
        let mut mods = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let m = if lower.starts_with("ctrl+") {
                Some((KeyModifiers::CONTROL, 5))
            } else if lower.starts_with("alt+") {
                Some((KeyModifiers::ALT, 4))
            } else if lower.starts_with("shift+") {
                Some((KeyModifiers::SHIFT, 6))
            } else {
                None
            };
            let Some((m, len)) = m else { break };
            if rest.len() == len {
                return Err(format!("nothing after \"{rest}\""));
            }
            if mods.contains(m) {
                return Err(format!("modifier \"{}\" given twice", &rest[..len - 1]));
            }
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err("empty key".into()),
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(&rest.to_ascii_lowercase())
                .ok_or_else(|| format!("unknown key name \"{rest}\""))?,
        };
        if code == KeyCode::BackTab && !mods.is_empty() {
            return Err("no modifiers with backtab (use shift+tab)".into());
        }
        Ok(KeyPress::new(code, mods))
    }

    /// Parses a space-separated sequence: `"g r"`.
    pub fn parse_sequence(text: &str) -> Result<Vec<KeyPress>, String> {
        let keys = text
            .split_whitespace()
            .map(KeyPress::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("empty key".into());
        }
        Ok(keys)
    }

    /// As the keymap file spells it, for messages about that file:
    /// `Ctrl+S`, `F5`, `g`, `Shift+Tab`, `PgDn`, `Space`, `Up`.
    pub fn display(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            _ => return self.name(Lang::En),
        };
        format!("{}{name}", self.modifiers())
    }

    /// For hints and help in the user's language: `Ctrl+S`, `F5`, `↑`,
    /// `Shift+Tab`, `PgDn`, `Пробел` / `Бос орын` / `Space`.
    pub fn name(&self, lang: Lang) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => t(lang, "key.space").to_string(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                single_upper(c).to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            other => format!("{other:?}"),
        };
        format!("{}{name}", self.modifiers())
    }

    fn modifiers(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl+");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt+");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("Shift+");
        }
        s
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// A sequence for hints and help: `g r`, `Ctrl+S`.
pub fn display_sequence(keys: &[KeyPress], lang: Lang) -> String {
    keys.iter()
        .map(|k| k.name(lang))
        .collect::<Vec<_>>()
        .join(" ")
}

fn single_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn single_lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        _ => {
            let n: u8 = name.strip_prefix('f')?.parse().ok()?;
            if !(1..=24).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    })
}

/// The key in the same physical position on a US QWERTY keyboard, for a
/// character typed with a Cyrillic layout active; modifiers are kept
/// (Ctrl+ч is Ctrl+x). Anything else is returned unchanged.
///
/// Russian ЙЦУКЕН (lower / upper case -> unshifted / shifted US key):
///
/// | row    | Cyrillic                  | US                        |
/// |--------|---------------------------|---------------------------|
/// | `      | ё Ё                       | `` ` ~ ``                 |
/// | top    | й ц у к е н г ш щ з х ъ   | q w e r t y u i o p [ ]   |
/// | home   | ф ы в а п р о л д ж э     | a s d f g h j k l ; '     |
/// | bottom | я ч с м и т ь б ю         | z x c v b n m , .         |
///
/// Upper case gives the shifted US character (Х -> `{`, Ж -> `:`, Б -> `<`).
///
/// Kazakh (KZ, RST KazSSR 903-90; the Windows "Kazakh" and XKB `kz` layouts):
/// the letters of the Russian alphabet sit as above, and the nine Kazakh
/// letters replace the digits of the number row:
///
/// | key | 2 | 3 | 4 | 5 | 8 | 9 | 0 | - | = |
/// |-----|---|---|---|---|---|---|---|---|---|
/// | lower | ә | і | ң | ғ | ү | ұ | қ | ө | һ |
/// | upper (US shifted) | Ә `@` | І `#` | Ң `$` | Ғ `%` | Ү `*` | Ұ `(` | Қ `)` | Ө `_` | Һ `+` |
///
/// (Keys 1, 6 and 7 carry `"` `!`, `,` `;` and `.` `:` in that layout.)
///
/// ASCII characters are never remapped, although the Russian layout puts `.`
/// and `,` on the `/` key: `.` typed on a Latin layout would then act as `/`.
pub fn remap_layout(k: KeyPress) -> KeyPress {
    let KeyCode::Char(c) = k.code else { return k };
    match LAYOUT.iter().find(|(cy, _)| *cy == c) {
        Some((_, latin)) => KeyPress::new(KeyCode::Char(*latin), k.mods),
        None => k,
    }
}

const LAYOUT: &[(char, char)] = &[
    // Russian, number row and top row
    ('ё', '`'),
    ('Ё', '~'),
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('Й', 'Q'),
    ('Ц', 'W'),
    ('У', 'E'),
    ('К', 'R'),
    ('Е', 'T'),
    ('Н', 'Y'),
    ('Г', 'U'),
    ('Ш', 'I'),
    ('Щ', 'O'),
    ('З', 'P'),
    ('Х', '{'),
    ('Ъ', '}'),
    // home row
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('Ф', 'A'),
    ('Ы', 'S'),
    ('В', 'D'),
    ('А', 'F'),
    ('П', 'G'),
    ('Р', 'H'),
    ('О', 'J'),
    ('Л', 'K'),
    ('Д', 'L'),
    ('Ж', ':'),
    ('Э', '"'),
    // bottom row
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('Я', 'Z'),
    ('Ч', 'X'),
    ('С', 'C'),
    ('М', 'V'),
    ('И', 'B'),
    ('Т', 'N'),
    ('Ь', 'M'),
    ('Б', '<'),
    ('Ю', '>'),
    // Kazakh letters on the number row
    ('ә', '2'),
    ('і', '3'),
    ('ң', '4'),
    ('ғ', '5'),
    ('ү', '8'),
    ('ұ', '9'),
    ('қ', '0'),
    ('ө', '-'),
    ('һ', '='),
    ('Ә', '@'),
    ('І', '#'),
    ('Ң', '$'),
    ('Ғ', '%'),
    ('Ү', '*'),
    ('Ұ', '('),
    ('Қ', ')'),
    ('Ө', '_'),
    ('Һ', '+'),
];

/// Where something was written: `keymaps/default.toml:12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One problem in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("{0}: cannot read: {1}")]
    Read(String, String),
    #[error("{at}: {message}")]
    Syntax { at: Location, message: String },
    #[error("{at}: unknown section [{section}]")]
    UnknownSection { at: Location, section: String },
    #[error("{at}: unknown action \"{action}\" in [{section}]")]
    UnknownAction {
        at: Location,
        section: String,
        action: String,
    },
    #[error("{at}: {message}")]
    BadEntry { at: Location, message: String },
    #[error("{at}: bad key \"{key}\" in [{section}]: {reason}")]
    BadKey {
        at: Location,
        section: String,
        key: String,
        reason: String,
    },
    #[error("{at}: key \"{key}\" is bound twice in [{section}] ({first}, {second})")]
    Duplicate {
        at: Location,
        section: String,
        key: String,
        first: &'static str,
        second: &'static str,
    },
    #[error(
        "{at}: key \"{prefix}\" ({prefix_action}) is a prefix of \"{longer}\" ({longer_action}) in [{section}]"
    )]
    Prefix {
        at: Location,
        section: String,
        prefix: String,
        prefix_action: &'static str,
        longer: String,
        longer_action: &'static str,
    },
}

/// Every problem found while loading a keymap, one per line when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapErrors(pub Vec<KeymapError>);

impl fmt::Display for KeymapErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapErrors {}

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
struct Entry {
    context: Context,
    action: Action,
    description: Option<String>,
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The shipped keymap.
    pub fn default_text() -> &'static str {
        include_str!("../../keymaps/default.toml")
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

        let mut sections: Vec<Vec<Binding>> = vec![Vec::new(); Context::ALL.len()];
        for e in defaults {
            let section = &mut sections[index(e.context)];
            section.extend(e.bindings);
        }
        let mut user_bound: HashSet<(usize, usize)> = HashSet::new();
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
        // Which bindings came from the user file: reported first in conflicts.
        if let Some((origin, _)) = user {
            for (ci, section) in sections.iter().enumerate() {
                for (bi, b) in section.iter().enumerate() {
                    if b.at.file == origin {
                        user_bound.insert((ci, bi));
                    }
                }
            }
        }

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

fn index(c: Context) -> usize {
    Context::ALL
        .iter()
        .position(|x| *x == c)
        .expect("every context is in Context::ALL")
}

fn context_from_name(name: &str) -> Option<Context> {
    Context::ALL.iter().copied().find(|c| c.name() == name)
}

fn location(e: &KeymapError) -> Option<&Location> {
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

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Parses one file into its entries in file order, pushing every problem.
fn parse_file(origin: &str, text: &str, errors: &mut Vec<KeymapError>) -> Vec<Entry> {
    let at = |offset: usize| Location {
        file: origin.to_string(),
        line: line_of(text, offset),
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc.into_inner(),
        Err(e) => {
            errors.push(KeymapError::Syntax {
                at: at(e.span().map(|s| s.start).unwrap_or(0)),
                message: e.message().trim().to_string(),
            });
            return Vec::new();
        }
    };
    let mut sections: Vec<(&Spanned<_>, &Spanned<DeValue>)> = doc.iter().collect();
    sections.sort_by_key(|(k, _)| k.span().start);

    let mut entries = Vec::new();
    for (name, value) in sections {
        let section_at = at(name.span().start);
        let Some(context) = context_from_name(name.get_ref()) else {
            errors.push(KeymapError::UnknownSection {
                at: section_at,
                section: name.get_ref().to_string(),
            });
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            errors.push(KeymapError::BadEntry {
                at: section_at,
                message: format!(
                    "\"{}\" must be a section [{}]",
                    name.get_ref(),
                    name.get_ref()
                ),
            });
            continue;
        };
        let section = context.name();
        let mut items: Vec<_> = table.iter().collect();
        items.sort_by_key(|(k, _)| k.span().start);
        for (key, value) in items {
            let entry_at = at(key.span().start);
            let Some(action) = Action::from_name(key.get_ref()) else {
                errors.push(KeymapError::UnknownAction {
                    at: entry_at,
                    section: section.to_string(),
                    action: key.get_ref().to_string(),
                });
                continue;
            };
            let shape = || KeymapError::BadEntry {
                at: entry_at.clone(),
                message: format!(
                    "{} in [{section}] must be {{ keys = [\"...\"], description = \"...\" }}",
                    action.name()
                ),
            };
            let DeValue::Table(fields) = value.get_ref() else {
                errors.push(shape());
                continue;
            };
            let mut keys = None;
            let mut description = None;
            let mut ok = true;
            for (field, v) in fields.iter() {
                let name: &str = field.get_ref();
                match (name, v.get_ref()) {
                    ("keys", DeValue::Array(list)) => keys = Some(list),
                    ("description", DeValue::String(s)) => description = Some(s.to_string()),
                    ("keys" | "description", _) => {
                        errors.push(shape());
                        ok = false;
                    }
                    (other, _) => {
                        errors.push(KeymapError::BadEntry {
                            at: at(field.span().start),
                            message: format!(
                                "unknown field \"{other}\" for {} in [{section}] (expected keys, description)",
                                action.name()
                            ),
                        });
                        ok = false;
                    }
                }
            }
            let Some(keys) = keys else {
                if ok {
                    errors.push(shape());
                }
                continue;
            };
            let mut bindings = Vec::new();
            for k in keys.iter() {
                let k_at = at(k.span().start);
                let DeValue::String(s) = k.get_ref() else {
                    errors.push(KeymapError::BadEntry {
                        at: k_at,
                        message: format!(
                            "the keys of {} in [{section}] must be strings",
                            action.name()
                        ),
                    });
                    continue;
                };
                match KeyPress::parse_sequence(s) {
                    Ok(seq) => bindings.push(Binding {
                        keys: seq,
                        action,
                        description: description.clone(),
                        at: k_at,
                        text: s.to_string(),
                    }),
                    Err(reason) => errors.push(KeymapError::BadKey {
                        at: k_at,
                        section: section.to_string(),
                        key: s.to_string(),
                        reason,
                    }),
                }
            }
            entries.push(Entry {
                context,
                action,
                description,
                bindings,
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::ALL;

    const D: &str = "default.toml";
    const U: &str = "user.toml";

    fn key(s: &str) -> KeyPress {
        KeyPress::parse(s).unwrap()
    }

    fn kp(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        KeyPress::new(code, mods)
    }

    fn load(text: &str) -> Result<Keymap, KeymapErrors> {
        Keymap::load((D, text), None)
    }

    fn errs(text: &str) -> Vec<String> {
        load(text)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn parses_every_key_form() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let alt = KeyModifiers::ALT;
        assert_eq!(key("a"), kp(KeyCode::Char('a'), none));
        assert_eq!(key("A"), kp(KeyCode::Char('A'), none));
        assert_eq!(key("shift+a"), key("A"));
        assert_eq!(key("?"), kp(KeyCode::Char('?'), none));
        assert_eq!(key("/"), kp(KeyCode::Char('/'), none));
        assert_eq!(key("+"), kp(KeyCode::Char('+'), none));
        assert_eq!(key("ctrl++"), kp(KeyCode::Char('+'), ctrl));
        assert_eq!(key("ctrl+x"), kp(KeyCode::Char('x'), ctrl));
        assert_eq!(key("ctrl+X"), key("ctrl+x"));
        assert_eq!(key("alt+1"), kp(KeyCode::Char('1'), alt));
        assert_eq!(key("ctrl+alt+d"), kp(KeyCode::Char('d'), ctrl | alt));
        assert_eq!(key("shift+tab"), kp(KeyCode::BackTab, none));
        assert_eq!(key("backtab"), key("shift+tab"));
        assert_eq!(key("enter"), kp(KeyCode::Enter, none));
        assert_eq!(key("esc"), kp(KeyCode::Esc, none));
        assert_eq!(key("tab"), kp(KeyCode::Tab, none));
        assert_eq!(key("space"), kp(KeyCode::Char(' '), none));
        assert_eq!(key("backspace"), kp(KeyCode::Backspace, none));
        assert_eq!(key("delete"), kp(KeyCode::Delete, none));
        assert_eq!(key("up"), kp(KeyCode::Up, none));
        assert_eq!(key("down"), kp(KeyCode::Down, none));
        assert_eq!(key("left"), kp(KeyCode::Left, none));
        assert_eq!(key("ctrl+right"), kp(KeyCode::Right, ctrl));
        assert_eq!(key("home"), kp(KeyCode::Home, none));
        assert_eq!(key("end"), kp(KeyCode::End, none));
        assert_eq!(key("pgup"), kp(KeyCode::PageUp, none));
        assert_eq!(key("pgdn"), kp(KeyCode::PageDown, none));
        assert_eq!(key("f1"), kp(KeyCode::F(1), none));
        assert_eq!(key("f12"), kp(KeyCode::F(12), none));
        assert_eq!(key("ctrl+f5"), kp(KeyCode::F(5), ctrl));
        assert_eq!(key("shift+f5"), kp(KeyCode::F(5), KeyModifiers::SHIFT));
        assert_eq!(
            KeyPress::parse_sequence("g r").unwrap(),
            vec![key("g"), key("r")]
        );
        for bad in [
            "",
            "ctrl+",
            "alt+",
            "ctrl+ctrl+x",
            "f0",
            "f99",
            "foo",
            "ctrl+backtab",
        ] {
            assert!(KeyPress::parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(KeyPress::parse_sequence("  ").is_err());
    }

    #[test]
    fn events_normalise_like_parsed_keys() {
        let ev = |code, mods| KeyPress::from_event(&KeyEvent::new(code, mods));
        assert_eq!(ev(KeyCode::Char('G'), KeyModifiers::SHIFT), key("G"));
        assert_eq!(ev(KeyCode::Char('g'), KeyModifiers::SHIFT), key("G"));
        assert_eq!(ev(KeyCode::BackTab, KeyModifiers::SHIFT), key("shift+tab"));
        assert_eq!(ev(KeyCode::Tab, KeyModifiers::SHIFT), key("backtab"));
        assert_eq!(ev(KeyCode::Char('S'), KeyModifiers::CONTROL), key("ctrl+s"));
        assert_eq!(
            ev(
                KeyCode::Char('q'),
                KeyModifiers::CONTROL | KeyModifiers::SUPER
            ),
            key("ctrl+q")
        );
        // No remapping in from_event.
        assert_eq!(
            ev(KeyCode::Char('к'), KeyModifiers::NONE),
            KeyPress::char('к')
        );
    }

    #[test]
    fn displays_keys() {
        assert_eq!(key("ctrl+s").display(), "Ctrl+S");
        assert_eq!(key("f5").display(), "F5");
        assert_eq!(key("g").display(), "g");
        assert_eq!(key("G").display(), "G");
        assert_eq!(key("shift+tab").display(), "Shift+Tab");
        assert_eq!(key("space").display(), "Space");
        assert_eq!(key("alt+1").display(), "Alt+1");
        assert_eq!(key("pgdn").display(), "PgDn");
        // On screen: arrows, and the space bar named in the user's language.
        assert_eq!(key("down").name(Lang::Ru), "↓");
        assert_eq!(key("shift+left").name(Lang::Kk), "Shift+←");
        assert_eq!(key("space").name(Lang::Ru), "Пробел");
        assert_eq!(key("space").name(Lang::Kk), "Бос орын");
        assert_eq!(key("space").name(Lang::En), "Space");
        assert_eq!(
            display_sequence(&KeyPress::parse_sequence("g r").unwrap(), Lang::Ru),
            "g r"
        );
    }

    #[test]
    fn remaps_cyrillic_layouts() {
        let c = |ch| remap_layout(KeyPress::char(ch));
        assert_eq!(c('к'), key("r"));
        assert_eq!(c('К'), key("R"));
        assert_eq!(c('х'), key("["));
        assert_eq!(c('ъ'), key("]"));
        assert_eq!(c('ж'), key(";"));
        assert_eq!(c('э'), key("'"));
        assert_eq!(c('б'), key(","));
        assert_eq!(c('ю'), key("."));
        assert_eq!(c('ё'), key("`"));
        assert_eq!(c('ә'), key("2"));
        assert_eq!(c('Ә'), key("@"));
        assert_eq!(c('һ'), key("="));
        assert_eq!(c('қ'), key("0"));
        assert_eq!(
            remap_layout(kp(KeyCode::Char('ч'), KeyModifiers::CONTROL)),
            key("ctrl+x")
        );
        assert_eq!(
            remap_layout(kp(KeyCode::Char('Й'), KeyModifiers::CONTROL)),
            key("ctrl+q")
        );
        // Latin and ASCII untouched.
        assert_eq!(c('r'), key("r"));
        assert_eq!(c('.'), key("."));
        assert_eq!(remap_layout(key("f5")), key("f5"));
        // The table maps every letter once.
        let mut seen = HashSet::new();
        for (cy, _) in LAYOUT {
            assert!(seen.insert(cy), "{cy} twice");
        }
        assert_eq!(LAYOUT.len(), 33 * 2 + 9 * 2);
    }

    #[test]
    fn default_keymap_loads_and_binds_every_action() {
        let km = Keymap::load(("keymaps/default.toml", Keymap::default_text()), None)
            .unwrap_or_else(|e| panic!("{e}"));
        for (action, name) in ALL {
            let bound = Context::ALL
                .iter()
                .any(|c| km.bindings(*c).iter().any(|b| b.action == *action));
            assert!(bound, "{name} is bound nowhere");
        }
        for c in Context::ALL {
            assert!(!km.bindings(c).is_empty(), "[{}] is empty", c.name());
            for b in km.bindings(c) {
                assert!(
                    b.description.is_some(),
                    "{} in [{}] has no description",
                    b.action.name(),
                    c.name()
                );
            }
        }
        // Globals stay off plain letters (text fields would lose them otherwise).
        for b in km.bindings(Context::Global) {
            if let KeyCode::Char(ch) = b.keys[0].code {
                assert!(
                    !b.keys[0].mods.is_empty() || !ch.is_alphanumeric() || ch == 'g',
                    "global {} on a plain letter",
                    b.text
                );
            }
        }
        assert_eq!(
            km.keys_for(Context::Inbox, Action::Register, Lang::Ru),
            vec!["F5", "r"]
        );
        assert_eq!(
            km.keys_for(Context::Global, Action::Quit, Lang::Ru),
            vec!["Ctrl+Q", "F10"]
        );
    }

    #[test]
    fn unknown_action_with_line() {
        let text = "[inbox]\nregister = { keys = [\"f5\"] }\n\nfrobnicate = { keys = [\"x\"] }\n";
        assert_eq!(
            errs(text),
            vec!["default.toml:4: unknown action \"frobnicate\" in [inbox]"]
        );
    }

    #[test]
    fn duplicate_key_is_an_error() {
        let text = "[inbox]\nregister = { keys = [\"f5\", \"r\"] }\nforward = { keys = [\"f6\"] }\ndispatch = { keys = [\"f5\"] }\n";
        assert_eq!(
            errs(text),
            vec!["default.toml:4: key \"f5\" is bound twice in [inbox] (register, dispatch)"]
        );
        // The same key in two sections is fine.
        load("[inbox]\nregister = { keys = [\"f5\"] }\n[outbox]\ndispatch = { keys = [\"f5\"] }\n")
            .unwrap();
    }

    #[test]
    fn prefix_conflict_is_an_error() {
        let text =
            "[list]\nbottom = { keys = [\"g\"] }\ntop = { keys = [\n  \"home\",\n  \"g g\",\n] }\n";
        assert_eq!(
            errs(text),
            vec!["default.toml:5: key \"g\" (bottom) is a prefix of \"g g\" (top) in [list]"]
        );
    }

    #[test]
    fn unknown_section_and_bad_key_and_shape() {
        let text = "[global]\nquit = { keys = [\"ctrl+q\"] }\n[foo]\nx = 1\n[list]\nup = { keys = [\"ctrl+\"] }\ndown = \"j\"\ntop = { keys = [\"home\"], desc = \"x\" }\n";
        assert_eq!(
            errs(text),
            vec![
                "default.toml:3: unknown section [foo]",
                "default.toml:6: bad key \"ctrl+\" in [list]: nothing after \"ctrl+\"",
                "default.toml:7: down in [list] must be { keys = [\"...\"], description = \"...\" }",
                "default.toml:8: unknown field \"desc\" for top in [list] (expected keys, description)",
            ]
        );
    }

    #[test]
    fn toml_syntax_error_has_a_line() {
        let e = errs("[global]\nquit = { keys = [\"ctrl+q\"] }\nhelp = {\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("default.toml:3: "), "{}", e[0]);
        let e = errs("[global]\nquit = { keys = [\"f10\"] }\nquit = { keys = [\"f1\"] }\n");
        assert!(e[0].starts_with("default.toml:3: "), "{}", e[0]);
    }

    #[test]
    fn errors_are_collected_across_files() {
        let user = "[inbox]\nnope = { keys = [\"x\"] }\n";
        let e = Keymap::load((D, "[bar]\n"), Some((U, user))).unwrap_err();
        let lines: Vec<String> = e.0.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "default.toml:1: unknown section [bar]",
                "user.toml:2: unknown action \"nope\" in [inbox]",
            ]
        );
        assert_eq!(e.to_string(), lines.join("\n"));
    }

    const SMALL: &str = r#"
[global]
quit = { keys = ["ctrl+q"], description = "Quit" }
switch_role = { keys = ["g r"], description = "Switch role" }
help = { keys = ["?", "f1"] }

[list]
up = { keys = ["up", "k"] }
top = { keys = ["home", "g g"], description = "First row" }

[inbox]
register = { keys = ["f5", "r"], description = "Register" }
forward = { keys = ["f6", "f"] }
"#;

    #[test]
    fn user_override_replaces_keys_of_that_action_only() {
        let user = "[inbox]\nregister = { keys = [\"ctrl+r\"] }\n[list]\nup = { keys = [] }\n";
        let km = Keymap::load((D, SMALL), Some((U, user))).unwrap();
        assert_eq!(
            km.keys_for(Context::Inbox, Action::Register, Lang::Ru),
            vec!["Ctrl+R"]
        );
        assert_eq!(
            km.keys_for(Context::Inbox, Action::Forward, Lang::Ru),
            vec!["F6", "f"]
        );
        assert!(km.keys_for(Context::List, Action::Up, Lang::Ru).is_empty());
        // Position and description kept.
        assert_eq!(km.bindings(Context::Inbox)[0].action, Action::Register);
        assert_eq!(
            km.bindings(Context::Inbox)[0].description.as_deref(),
            Some("Register")
        );
        let ctx = [Context::Inbox, Context::List, Context::Global];
        assert_eq!(km.resolve(&ctx, &[], key("r")), Resolution::Unbound);
        assert_eq!(
            km.resolve(&ctx, &[], key("ctrl+r")),
            Resolution::Action(Action::Register)
        );
    }

    #[test]
    fn user_collision_names_the_user_file() {
        let user = "[inbox]\n\nforward = { keys = [\"f5\"] }\n";
        let e = Keymap::load((D, SMALL), Some((U, user))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "user.toml:3: key \"f5\" is bound twice in [inbox] (register, forward)"
        );
        // The user binding came first in the section: still reported there.
        let user = "[inbox]\nregister = { keys = [\"f\"] }\n";
        let e = Keymap::load((D, SMALL), Some((U, user))).unwrap_err();
        assert!(e.to_string().starts_with("user.toml:2: "), "{e}");
    }

    #[test]
    fn resolves_sequences() {
        let km = load(SMALL).unwrap();
        let ctx = [Context::List, Context::Global];
        let Resolution::Pending(next) = km.resolve(&ctx, &[], key("g")) else {
            panic!("g should be pending");
        };
        let keys: Vec<(KeyPress, Action)> = next.iter().map(|c| (c.key, c.action)).collect();
        assert_eq!(
            keys,
            vec![(key("g"), Action::Top), (key("r"), Action::SwitchRole)]
        );
        assert_eq!(next[0].description.as_deref(), Some("First row"));
        assert_eq!(
            km.resolve(&ctx, &[key("g")], key("r")),
            Resolution::Action(Action::SwitchRole)
        );
        assert_eq!(
            km.resolve(&ctx, &[key("g")], key("g")),
            Resolution::Action(Action::Top)
        );
        assert_eq!(km.resolve(&ctx, &[key("g")], key("x")), Resolution::Unbound);
        assert_eq!(
            km.resolve(&ctx, &[], key("k")),
            Resolution::Action(Action::Up)
        );
        assert_eq!(km.resolve(&ctx, &[], key("z")), Resolution::Unbound);
        // Without the list context only the global sequence continues.
        let Resolution::Pending(next) = km.resolve(&[Context::Global], &[], key("g")) else {
            panic!()
        };
        assert_eq!(next.len(), 1);
    }

    #[test]
    fn resolves_through_layout_remap() {
        let km = load(SMALL).unwrap();
        let ctx = [Context::Inbox, Context::List, Context::Global];
        let cy = |c| KeyPress::char(c);
        assert_eq!(
            km.resolve(&ctx, &[], cy('к')),
            Resolution::Action(Action::Register)
        );
        assert_eq!(
            km.resolve(&ctx, &[], kp(KeyCode::Char('й'), KeyModifiers::CONTROL)),
            Resolution::Action(Action::Quit)
        );
        // A sequence typed in Cyrillic, pending keys kept as typed.
        assert!(matches!(
            km.resolve(&ctx, &[], cy('п')),
            Resolution::Pending(_)
        ));
        assert_eq!(
            km.resolve(&ctx, &[cy('п')], cy('к')),
            Resolution::Action(Action::SwitchRole)
        );
        assert_eq!(
            km.resolve(&ctx, &[key("g")], cy('к')),
            Resolution::Action(Action::SwitchRole)
        );
        // Kazakh letters on the number row.
        let km = load("[global]\npane2 = { keys = [\"2\"] }\n").unwrap();
        assert_eq!(
            km.resolve(&[Context::Global], &[], cy('ә')),
            Resolution::Action(Action::Pane2)
        );
        // A key bound as typed wins over the remap.
        let km =
            load("[inbox]\nregister = { keys = [\"r\"] }\nforward = { keys = [\"к\"] }\n").unwrap();
        assert_eq!(
            km.resolve(&[Context::Inbox], &[], cy('к')),
            Resolution::Action(Action::Forward)
        );
    }

    #[test]
    fn inner_contexts_shadow_outer_ones() {
        let text = r#"
[global]
quit = { keys = ["esc", "q"] }
logout = { keys = ["x"] }
[list]
clear_filter = { keys = ["esc"] }
[case]
back = { keys = ["esc"] }
top = { keys = ["x y"] }
"#;
        let km = load(text).unwrap();
        let esc = key("esc");
        assert_eq!(
            km.resolve(&[Context::Case, Context::List, Context::Global], &[], esc),
            Resolution::Action(Action::Back)
        );
        assert_eq!(
            km.resolve(&[Context::List, Context::Global], &[], esc),
            Resolution::Action(Action::ClearFilter)
        );
        assert_eq!(
            km.resolve(&[Context::Global], &[], esc),
            Resolution::Action(Action::Quit)
        );
        // An inner prefix shadows an outer complete binding.
        assert!(matches!(
            km.resolve(&[Context::Case, Context::Global], &[], key("x")),
            Resolution::Pending(_)
        ));
        // Help leaves shadowed keys out.
        let help = km.help(&[Context::Case, Context::Global], Lang::Ru);
        assert_eq!(help.len(), 2);
        assert_eq!(help[0].0, Context::Case);
        assert_eq!(help[1].0, Context::Global);
        assert_eq!(help[1].1, vec![("q".to_string(), Action::Quit, None)]);
    }

    /// A key that empties a form means that and nothing else in any section:
    /// pressed out of habit in another pane (F8 finishes a visit), it must
    /// not be the one that loses a filled form.
    #[test]
    fn the_clearing_key_means_nothing_else_anywhere() {
        let km = Keymap::builtin();
        let clearing: Vec<&Vec<KeyPress>> = Context::ALL
            .iter()
            .flat_map(|c| km.bindings(*c))
            .filter(|b| b.action == Action::ClearForm)
            .map(|b| &b.keys)
            .collect();
        assert!(!clearing.is_empty());
        for c in Context::ALL {
            for b in km.bindings(c) {
                assert!(
                    b.action == Action::ClearForm || !clearing.contains(&&b.keys),
                    "{} clears the form and means {} in [{}]",
                    b.text,
                    b.action.name(),
                    c.name()
                );
            }
        }
    }

    #[test]
    fn help_groups_keys_per_action() {
        let km = load(SMALL).unwrap();
        let help = km.help(&[Context::Inbox, Context::Global], Lang::Ru);
        assert_eq!(help[0].0, Context::Inbox);
        assert_eq!(
            help[0].1[0],
            (
                "F5, r".to_string(),
                Action::Register,
                Some("Register".to_string())
            )
        );
        assert_eq!(help[1].1[2], ("?, F1".to_string(), Action::Help, None));
    }
}

//! One key press, as written in a keymap file and as read from the
//! terminal, and its name in the user's language for hints.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

pub(super) const MODS: KeyModifiers = KeyModifiers::CONTROL
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

pub(super) fn single_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

pub(super) fn single_lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

pub(super) fn named_key(name: &str) -> Option<KeyCode> {
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

//! Colour themes: `themes/*.toml` (built in) or the user's
//! `themes/NAME.toml`, a `[palette]` of named colours and a `[styles]` table
//! that must define every [`StyleName`]. Colours are degraded to what the
//! terminal can show ([`ColorSupport`]); without colour the `mono` theme is
//! used, which marks things with bold, reverse, underline and dim only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

mod color;
#[cfg(test)]
mod tests;

pub use color::{ColorSupport, color_support_from, detect_color_support};
use color::{degrade, parse_color};

/// Every style a theme defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StyleName {
    /// The whole screen.
    Base,
    /// Pane and dialog titles.
    Title,
    Border,
    BorderFocused,
    /// The frame's top bar.
    Header,
    /// The frame's bottom bar (status, key hints).
    Footer,
    Tab,
    TabActive,
    /// The list cursor row.
    Selected,
    Muted,
    /// Key names in hints and help.
    Key,
    Input,
    InputFocused,
    /// Form field labels.
    Label,
    Error,
    /// Deadline on time.
    Ok,
    /// Deadline close.
    AtRisk,
    /// Deadline passed.
    Overdue,
    ToastInfo,
    ToastError,
    Dialog,
    /// A search match, a changed value.
    Highlight,
    /// A field with bad input.
    Invalid,
}

impl StyleName {
    pub const ALL: [StyleName; 23] = [
        StyleName::Base,
        StyleName::Title,
        StyleName::Border,
        StyleName::BorderFocused,
        StyleName::Header,
        StyleName::Footer,
        StyleName::Tab,
        StyleName::TabActive,
        StyleName::Selected,
        StyleName::Muted,
        StyleName::Key,
        StyleName::Input,
        StyleName::InputFocused,
        StyleName::Label,
        StyleName::Error,
        StyleName::Ok,
        StyleName::AtRisk,
        StyleName::Overdue,
        StyleName::ToastInfo,
        StyleName::ToastError,
        StyleName::Dialog,
        StyleName::Highlight,
        StyleName::Invalid,
    ];

    /// The name in theme files.
    pub fn name(self) -> &'static str {
        match self {
            StyleName::Base => "base",
            StyleName::Title => "title",
            StyleName::Border => "border",
            StyleName::BorderFocused => "border_focused",
            StyleName::Header => "header",
            StyleName::Footer => "footer",
            StyleName::Tab => "tab",
            StyleName::TabActive => "tab_active",
            StyleName::Selected => "selected",
            StyleName::Muted => "muted",
            StyleName::Key => "key",
            StyleName::Input => "input",
            StyleName::InputFocused => "input_focused",
            StyleName::Label => "label",
            StyleName::Error => "error",
            StyleName::Ok => "ok",
            StyleName::AtRisk => "at_risk",
            StyleName::Overdue => "overdue",
            StyleName::ToastInfo => "toast_info",
            StyleName::ToastError => "toast_error",
            StyleName::Dialog => "dialog",
            StyleName::Highlight => "highlight",
            StyleName::Invalid => "invalid",
        }
    }

    pub fn from_name(name: &str) -> Option<StyleName> {
        StyleName::ALL.iter().copied().find(|s| s.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A problem with a theme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("unknown theme \"{name}\" (built in: {})", Theme::builtin_names().join(", "))]
    Unknown { name: String },
    #[error("{path}: cannot read: {message}")]
    Read { path: String, message: String },
    /// Every problem in one file, each a line `file:line: message` (or
    /// `file: message` for a missing style).
    #[error("{}", problems.join("\n"))]
    Invalid { file: String, problems: Vec<String> },
}

/// A loaded theme, its colours already fitted to the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub support: ColorSupport,
    styles: Vec<Style>,
}

const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../../themes/default.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../../themes/mono.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    palette: BTreeMap<Spanned<String>, String>,
    styles: BTreeMap<Spanned<String>, StyleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

impl Theme {
    pub fn builtin_names() -> &'static [&'static str] {
        &["default", "light", "high-contrast", "mono"]
    }

    /// The style to draw `s` with.
    pub fn style(&self, s: StyleName) -> Style {
        self.styles[s.index()]
    }

    /// `name` from the user's theme directory if it has `NAME.toml`, else
    /// built in. Without colour support the `mono` theme is loaded instead.
    pub fn load(name: &str, support: ColorSupport) -> Result<Theme, ThemeError> {
        Theme::load_from(name, support, Theme::user_dir().as_deref())
    }

    /// `$QYZMET_THEMES`, else `themes/` in the configuration directory
    /// (`~/.config/qyzmet/themes` on Linux).
    pub fn user_dir() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("QYZMET_THEMES").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "qyzmet").map(|d| d.config_dir().join("themes"))
    }

    /// [`Theme::load`] with an explicit user directory.
    pub fn load_from(
        name: &str,
        support: ColorSupport,
        user_dir: Option<&Path>,
    ) -> Result<Theme, ThemeError> {
        let name = if support == ColorSupport::None {
            "mono"
        } else {
            name
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(ThemeError::Unknown { name: name.into() });
        }
        if let Some(dir) = user_dir {
            let path = dir.join(format!("{name}.toml"));
            match std::fs::read_to_string(&path) {
                Ok(text) => return Theme::parse(name, &path.display().to_string(), &text, support),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(ThemeError::Read {
                        path: path.display().to_string(),
                        message: e.to_string(),
                    });
                }
            }
        }
        match BUILTIN.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => Theme::parse(n, &format!("themes/{n}.toml"), text, support),
            None => Err(ThemeError::Unknown { name: name.into() }),
        }
    }

    /// The built-in names, then the user's own themes, for cycling.
    pub fn available(user_dir: Option<&Path>) -> Vec<String> {
        let mut names: Vec<String> = Theme::builtin_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut user: Vec<String> = user_dir
            .and_then(|d| std::fs::read_dir(d).ok())
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let path = e.ok()?.path();
                if path.extension()? != "toml" {
                    return None;
                }
                Some(path.file_stem()?.to_str()?.to_string())
            })
            .filter(|n| !names.contains(n))
            .collect();
        user.sort();
        names.extend(user);
        names
    }

    /// Parses and validates one theme file; `origin` names it in errors.
    pub fn parse(
        name: &str,
        origin: &str,
        text: &str,
        support: ColorSupport,
    ) -> Result<Theme, ThemeError> {
        let invalid = |problems: Vec<String>| ThemeError::Invalid {
            file: origin.to_string(),
            problems: problems
                .into_iter()
                .map(|p| format!("{origin}{p}"))
                .collect(),
        };
        let at = |offset: usize| {
            let line = text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            format!(":{line}: ")
        };
        let file: ThemeFile = toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| at(s.start)).unwrap_or(": ".into());
            invalid(vec![format!("{pos}{}", e.message().trim())])
        })?;

        let mut problems = Vec::new();
        let palette = read_palette(&file, &at, &mut problems);

        let mut styles: Vec<Option<Style>> = vec![None; StyleName::ALL.len()];
        for (key, spec) in &file.styles {
            let pos = at(key.span().start);
            let Some(s) = StyleName::from_name(key.get_ref()) else {
                problems.push(format!("{pos}unknown style \"{}\"", key.get_ref()));
                continue;
            };
            let mut colour = |field: &str, value: &Option<String>| -> Option<Color> {
                let value = value.as_deref()?;
                let c = palette.get(value).copied().or_else(|| parse_color(value));
                if c.is_none() {
                    problems.push(format!(
                        "{pos}style \"{}\": {field} \"{value}\" is not in [palette] nor a colour",
                        s.name()
                    ));
                }
                c
            };
            let fg = colour("fg", &spec.fg);
            let bg = colour("bg", &spec.bg);
            let mut style = Style::new();
            if let Some(c) = fg.and_then(|c| degrade(c, support)) {
                style = style.fg(c);
            }
            if let Some(c) = bg.and_then(|c| degrade(c, support)) {
                style = style.bg(c);
            }
            styles[s.index()] = Some(spec.modifiers(style));
        }
        for s in StyleName::ALL {
            if styles[s.index()].is_none() {
                problems.push(format!(": missing style \"{}\"", s.name()));
            }
        }
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        Ok(Theme {
            name: name.to_string(),
            support,
            styles: styles.into_iter().map(Option::unwrap_or_default).collect(),
        })
    }
}

/// The palette's named colours; a bad one is a problem at its line.
fn read_palette<'f>(
    file: &'f ThemeFile,
    at: &dyn Fn(usize) -> String,
    problems: &mut Vec<String>,
) -> BTreeMap<&'f str, Color> {
    let mut palette = BTreeMap::new();
    for (key, value) in &file.palette {
        match parse_color(value) {
            Some(c) => {
                palette.insert(key.get_ref().as_str(), c);
            }
            None => problems.push(format!(
                "{}palette \"{}\": bad colour \"{value}\" (expected #rrggbb, 0..255 or an ANSI colour name)",
                at(key.span().start),
                key.get_ref()
            )),
        }
    }
    palette
}

impl StyleSpec {
    /// `style` with the spec's bold, italic, underline, reverse and dim.
    fn modifiers(&self, mut style: Style) -> Style {
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ] {
            if on {
                style = style.add_modifier(m);
            }
        }
        style
    }
}

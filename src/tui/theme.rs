//! Colour themes: `themes/*.toml` (built in) or the user's
//! `themes/NAME.toml`, a `[palette]` of named colours and a `[styles]` table
//! that must define every [`StyleName`]. Colours are degraded to what the
//! terminal can show ([`ColorSupport`]); without colour the `mono` theme is
//! used, which marks things with bold, reverse, underline and dim only.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

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

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorSupport {
    TrueColor,
    Ansi256,
    Ansi16,
    /// No colour at all (`NO_COLOR`).
    None,
}

impl ColorSupport {
    pub const ALL: [ColorSupport; 4] = [
        ColorSupport::TrueColor,
        ColorSupport::Ansi256,
        ColorSupport::Ansi16,
        ColorSupport::None,
    ];
}

/// From the environment: see [`color_support_from`].
pub fn detect_color_support() -> ColorSupport {
    let var = |k| std::env::var(k).ok();
    color_support_from(
        var("NO_COLOR").as_deref(),
        var("COLORTERM").as_deref(),
        var("TERM").as_deref(),
    )
}

/// `NO_COLOR` set and non-empty: none; `COLORTERM` truecolor or 24bit: true
/// colour; `TERM` containing 256color: 256 colours; else the 16 ANSI colours.
pub fn color_support_from(
    no_color: Option<&str>,
    colorterm: Option<&str>,
    term: Option<&str>,
) -> ColorSupport {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return ColorSupport::None;
    }
    let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
    if colorterm == "truecolor" || colorterm == "24bit" {
        return ColorSupport::TrueColor;
    }
    if term.unwrap_or("").contains("256color") {
        return ColorSupport::Ansi256;
    }
    ColorSupport::Ansi16
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
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
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
        let mut palette: BTreeMap<&str, Color> = BTreeMap::new();
        for (key, value) in &file.palette {
            match parse_color(value) {
                Some(c) => {
                    palette.insert(key.get_ref(), c);
                }
                None => problems.push(format!(
                    "{}palette \"{}\": bad colour \"{value}\" (expected #rrggbb, 0..255 or an ANSI colour name)",
                    at(key.span().start),
                    key.get_ref()
                )),
            }
        }

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
            for (on, m) in [
                (spec.bold, Modifier::BOLD),
                (spec.italic, Modifier::ITALIC),
                (spec.underline, Modifier::UNDERLINED),
                (spec.reversed, Modifier::REVERSED),
                (spec.dim, Modifier::DIM),
            ] {
                if on {
                    style = style.add_modifier(m);
                }
            }
            styles[s.index()] = Some(style);
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

impl fmt::Display for ColorSupport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ColorSupport::TrueColor => "24-bit colour",
            ColorSupport::Ansi256 => "256 colours",
            ColorSupport::Ansi16 => "16 colours",
            ColorSupport::None => "no colour",
        })
    }
}

/// `#rrggbb`, an xterm index `0`..`255`, an ANSI name (`red`, `light_red` or
/// `bright_red`, `gray`, `dark_gray`, `white`...) or `reset` (the terminal's own).
fn parse_color(s: &str) -> Option<Color> {
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().map(Color::Indexed);
    }
    let name = s.to_ascii_lowercase().replace('-', "_");
    let name = name
        .strip_prefix("bright_")
        .map(|n| format!("light_{n}"))
        .unwrap_or(name);
    Some(match name.as_str() {
        "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark_gray" | "dark_grey" | "light_black" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" | "light_white" => Color::White,
        _ => return None,
    })
}

/// The 16 ANSI colours with xterm's default values, in index order.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The colour cube's channel levels of xterm's 256 colours (16..=231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// A colour as the terminal can show it; `None` draws the default.
fn degrade(c: Color, support: ColorSupport) -> Option<Color> {
    match (support, c) {
        (ColorSupport::None, _) => None,
        (ColorSupport::TrueColor, c) => Some(c),
        (ColorSupport::Ansi256, Color::Rgb(r, g, b)) => {
            Some(Color::Indexed(nearest_256((r, g, b))))
        }
        (ColorSupport::Ansi16, Color::Rgb(r, g, b)) => Some(nearest_16((r, g, b))),
        (ColorSupport::Ansi16, Color::Indexed(i)) if i < 16 => Some(ANSI16[i as usize].0),
        (ColorSupport::Ansi16, Color::Indexed(i)) => Some(nearest_16(indexed_rgb(i))),
        (_, c) => Some(c),
    }
}

/// Perceptual distance ("redmean" weighted Euclidean, squared and doubled).
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let rmean = (a.0 as i32 + b.0 as i32) / 2;
    let dr = a.0 as i32 - b.0 as i32;
    let dg = a.1 as i32 - b.1 as i32;
    let db = a.2 as i32 - b.2 as i32;
    ((512 + rmean) * dr * dr / 256 + 4 * dg * dg + (767 - rmean) * db * db / 256) as u32
}

/// The nearest xterm colour among the cube (16..=231) and the grey ramp
/// (232..=255); 0..=15 are left out as terminals redefine them.
fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
    let level = |v: u8| -> usize {
        (0..CUBE.len())
            .min_by_key(|&i| (CUBE[i] as i32 - v as i32).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(rgb.0), level(rgb.1), level(rgb.2));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let avg = (rgb.0 as i32 + rgb.1 as i32 + rgb.2 as i32) / 3;
    let gi = ((avg - 8 + 5) / 10).clamp(0, 23);
    let grey = (8 + 10 * gi) as u8;
    if distance(rgb, (grey, grey, grey)) < distance(rgb, cube) {
        (232 + gi) as u8
    } else {
        cube_index as u8
    }
}

fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, v)| distance(rgb, *v))
        .map(|(c, _)| *c)
        .unwrap_or(Color::Reset)
}

/// The xterm value of a 256-colour index.
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16[i as usize].1,
        16..=231 => {
            let n = (i - 16) as usize;
            (CUBE[n / 36], CUBE[n / 6 % 6], CUBE[n % 6])
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_colour_support() {
        use ColorSupport as C;
        let d = color_support_from;
        assert_eq!(
            d(Some("1"), Some("truecolor"), Some("xterm-256color")),
            C::None
        );
        assert_eq!(d(Some(""), Some("truecolor"), None), C::TrueColor);
        assert_eq!(d(None, Some("24bit"), None), C::TrueColor);
        assert_eq!(d(None, Some("TrueColor"), Some("xterm")), C::TrueColor);
        assert_eq!(d(None, None, Some("xterm-256color")), C::Ansi256);
        assert_eq!(d(None, Some("yes"), Some("screen-256color")), C::Ansi256);
        assert_eq!(d(None, None, Some("linux")), C::Ansi16);
        assert_eq!(d(None, None, None), C::Ansi16);
    }

    #[test]
    fn degrades_to_256_colours() {
        assert_eq!(nearest_256((255, 0, 0)), 196);
        assert_eq!(nearest_256((0, 0, 0)), 16);
        assert_eq!(nearest_256((255, 255, 255)), 231);
        assert_eq!(nearest_256((0x5f, 0x87, 0xaf)), 67);
        assert_eq!(nearest_256((128, 128, 128)), 244);
        assert_eq!(nearest_256((0x1b, 0x1f, 0x27)), 234);
        // Every cube and ramp colour maps to itself.
        for i in 16..=255u8 {
            assert_eq!(nearest_256(indexed_rgb(i)), i, "index {i}");
        }
        assert_eq!(
            degrade(Color::Rgb(255, 0, 0), ColorSupport::Ansi256),
            Some(Color::Indexed(196))
        );
        assert_eq!(degrade(Color::Red, ColorSupport::Ansi256), Some(Color::Red));
    }

    #[test]
    fn degrades_to_16_colours() {
        let d = |r, g, b| degrade(Color::Rgb(r, g, b), ColorSupport::Ansi16).unwrap();
        assert!(matches!(d(255, 0, 0), Color::LightRed | Color::Red));
        assert_eq!(d(255, 0, 0), Color::LightRed);
        assert_eq!(d(200, 10, 10), Color::Red);
        assert_eq!(d(0, 0, 0), Color::Black);
        assert_eq!(d(0x1b, 0x1f, 0x27), Color::Black);
        assert_eq!(d(255, 255, 255), Color::White);
        assert_eq!(d(128, 128, 128), Color::DarkGray);
        assert_eq!(d(0, 180, 0), Color::Green);
        assert_eq!(d(250, 240, 20), Color::LightYellow);
        assert_eq!(d(0x56, 0xb6, 0xc2), Color::Cyan);
        assert_eq!(
            degrade(Color::Indexed(196), ColorSupport::Ansi16),
            Some(Color::LightRed)
        );
        assert_eq!(
            degrade(Color::Indexed(1), ColorSupport::Ansi16),
            Some(Color::Red)
        );
        for (c, rgb) in ANSI16 {
            assert_eq!(nearest_16(rgb), c);
        }
        assert_eq!(degrade(Color::Rgb(1, 2, 3), ColorSupport::None), None);
        assert_eq!(
            degrade(Color::Rgb(1, 2, 3), ColorSupport::TrueColor),
            Some(Color::Rgb(1, 2, 3))
        );
    }

    #[test]
    fn parses_colours() {
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("#FF8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("red"), Some(Color::Red));
        assert_eq!(parse_color("bright-red"), Some(Color::LightRed));
        assert_eq!(parse_color("light_red"), Some(Color::LightRed));
        assert_eq!(parse_color("dark_gray"), Some(Color::DarkGray));
        assert_eq!(parse_color("reset"), Some(Color::Reset));
        assert_eq!(parse_color("42"), Some(Color::Indexed(42)));
        for bad in ["#ff80", "#gg0000", "256", "redish", ""] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_builtin_loads_under_every_support() {
        for name in Theme::builtin_names() {
            for support in ColorSupport::ALL {
                let t = Theme::load_from(name, support, None)
                    .unwrap_or_else(|e| panic!("{name} {support}: {e}"));
                assert_eq!(
                    t.name,
                    if support == ColorSupport::None {
                        "mono"
                    } else {
                        name
                    }
                );
                for s in StyleName::ALL {
                    let st = t.style(s);
                    for c in [st.fg, st.bg].into_iter().flatten() {
                        match support {
                            ColorSupport::None => panic!("{name} {s:?} has colour without support"),
                            ColorSupport::Ansi16 => assert!(
                                !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                                "{name} {s:?}: {c:?}"
                            ),
                            ColorSupport::Ansi256 => {
                                assert!(!matches!(c, Color::Rgb(..)), "{name} {s:?}: {c:?}")
                            }
                            ColorSupport::TrueColor => {}
                        }
                    }
                }
            }
        }
        assert_eq!(BUILTIN.len(), Theme::builtin_names().len());
    }

    #[test]
    fn mono_has_no_colour_and_still_distinguishes() {
        let mono = Theme::load_from("mono", ColorSupport::TrueColor, None).unwrap();
        for s in StyleName::ALL {
            let st = mono.style(s);
            assert_eq!((st.fg, st.bg), (None, None), "mono {s:?} has a colour");
        }
        assert!(
            mono.style(StyleName::Selected)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        let od = mono.style(StyleName::Overdue).add_modifier;
        assert!(od.contains(Modifier::BOLD | Modifier::UNDERLINED));
    }

    /// Pairs that must look different in every theme, whatever the terminal.
    #[test]
    fn every_theme_distinguishes_what_matters() {
        use StyleName::*;
        let pairs = [
            (Selected, Base),
            (BorderFocused, Border),
            (InputFocused, Input),
            (Invalid, Input),
            (Invalid, InputFocused),
            (TabActive, Tab),
            (Error, Base),
            (Overdue, Ok),
            (Overdue, AtRisk),
            (AtRisk, Ok),
            (Overdue, Base),
            (AtRisk, Base),
            (ToastError, ToastInfo),
        ];
        for name in Theme::builtin_names() {
            for support in ColorSupport::ALL {
                let t = Theme::load_from(name, support, None).unwrap();
                for (a, b) in pairs {
                    assert_ne!(
                        t.style(a),
                        t.style(b),
                        "{name} {support}: {a:?} looks like {b:?}"
                    );
                }
            }
        }
    }

    fn full_styles() -> String {
        StyleName::ALL
            .iter()
            .map(|s| format!("{} = {{ bold = true }}\n", s.name()))
            .collect()
    }

    #[test]
    fn unknown_and_missing_styles_are_errors() {
        let text =
            format!("[styles]\n{}", full_styles()).replace("overdue = { bold = true }\n", "");
        let text = text + "frobnicate = { fg = \"red\" }\n";
        let e = Theme::parse("t", "t.toml", &text, ColorSupport::TrueColor).unwrap_err();
        let frob_line = text
            .lines()
            .position(|l| l.starts_with("frobnicate"))
            .unwrap()
            + 1;
        assert_eq!(
            e.to_string(),
            format!(
                "t.toml:{frob_line}: unknown style \"frobnicate\"\nt.toml: missing style \"overdue\""
            )
        );
    }

    #[test]
    fn bad_palette_references_are_errors() {
        let text = format!(
            "[palette]\nbg = \"#000000\"\nfg = \"#fffff\"\n[styles]\n{}",
            full_styles()
        )
        .replace(
            "base = { bold = true }",
            "base = { fg = \"fgg\", bg = \"bg\" }",
        );
        let e = Theme::parse("t", "t.toml", &text, ColorSupport::TrueColor).unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.toml:3: palette \"fg\": bad colour \"#fffff\" (expected #rrggbb, 0..255 or an ANSI colour name)\n\
             t.toml:5: style \"base\": fg \"fgg\" is not in [palette] nor a colour"
        );
        let ThemeError::Invalid { file, problems } = e else {
            panic!()
        };
        assert_eq!(file, "t.toml");
        assert_eq!(problems.len(), 2);
        // Bad fields and syntax carry a line too.
        let e = Theme::parse(
            "t",
            "t.toml",
            "[styles]\nbase = { colour = \"red\" }\n",
            ColorSupport::TrueColor,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("t.toml:2: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn resolves_palette_and_direct_colours() {
        let text = format!(
            "[palette]\naccent = \"#ff0000\"\n[styles]\n{}",
            full_styles()
        )
        .replace(
            "title = { bold = true }",
            "title = { fg = \"accent\", bg = \"blue\", underline = true }",
        );
        let t = Theme::parse("t", "t.toml", &text, ColorSupport::Ansi256).unwrap();
        assert_eq!(
            t.style(StyleName::Title),
            Style::new()
                .fg(Color::Indexed(196))
                .bg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED)
        );
    }

    #[test]
    fn user_themes_take_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("[styles]\n{}", full_styles());
        std::fs::write(dir.path().join("default.toml"), &text).unwrap();
        std::fs::write(dir.path().join("mine.toml"), &text).unwrap();
        let t = Theme::load_from("default", ColorSupport::TrueColor, Some(dir.path())).unwrap();
        assert_eq!(
            t.style(StyleName::Base),
            Style::new().add_modifier(Modifier::BOLD)
        );
        assert!(Theme::load_from("mine", ColorSupport::Ansi16, Some(dir.path())).is_ok());
        assert_eq!(
            Theme::load_from("light", ColorSupport::TrueColor, Some(dir.path())).unwrap(),
            Theme::load_from("light", ColorSupport::TrueColor, None).unwrap()
        );
        assert!(matches!(
            Theme::load_from("nope", ColorSupport::TrueColor, Some(dir.path())),
            Err(ThemeError::Unknown { .. })
        ));
        assert!(matches!(
            Theme::load_from("../etc/x", ColorSupport::TrueColor, Some(dir.path())),
            Err(ThemeError::Unknown { .. })
        ));
        assert_eq!(
            Theme::available(Some(dir.path())),
            vec!["default", "light", "high-contrast", "mono", "mine"]
        );
    }
}

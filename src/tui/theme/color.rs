//! Colours: what the terminal can show, parsing a theme's colour names, and
//! fitting a colour to 256 or 16 colours.

use std::fmt;

use ratatui::style::Color;

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
pub(super) fn parse_color(s: &str) -> Option<Color> {
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
pub(super) const ANSI16: [(Color, (u8, u8, u8)); 16] = [
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
pub(super) const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// A colour as the terminal can show it; `None` draws the default.
pub(super) fn degrade(c: Color, support: ColorSupport) -> Option<Color> {
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
pub(super) fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let rmean = (a.0 as i32 + b.0 as i32) / 2;
    let dr = a.0 as i32 - b.0 as i32;
    let dg = a.1 as i32 - b.1 as i32;
    let db = a.2 as i32 - b.2 as i32;
    ((512 + rmean) * dr * dr / 256 + 4 * dg * dg + (767 - rmean) * db * db / 256) as u32
}

/// The nearest xterm colour among the cube (16..=231) and the grey ramp
/// (232..=255); 0..=15 are left out as terminals redefine them.
pub(super) fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
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

pub(super) fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    ANSI16
        .iter()
        .min_by_key(|(_, v)| distance(rgb, *v))
        .map(|(c, _)| *c)
        .unwrap_or(Color::Reset)
}

/// The xterm value of a 256-colour index.
pub(super) fn indexed_rgb(i: u8) -> (u8, u8, u8) {
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

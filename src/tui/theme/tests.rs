//! Themes: colour support, degrading, every built-in theme, user themes.

use super::color::*;
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
    let text = format!("[styles]\n{}", full_styles()).replace("overdue = { bold = true }\n", "");
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

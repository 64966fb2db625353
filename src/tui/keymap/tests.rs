//! The keymap engine: parsing, layouts, conflicts, resolution, help.

use super::layout::LAYOUT;
use super::*;
use crate::tui::action::ALL;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

//! Every pane drawn on ratatui's TestBackend at 80x24 and 160x48, in Russian
//! and Kazakh, compared with the stored snapshots (`cargo insta review`).

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::action::Action;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::keymap::Keymap;
use tui::{Harness, demo_app, empty_app, snapshots};

fn snap(name: &str, setup: impl Fn(Lang) -> Harness) {
    for (snapshot, screen) in snapshots(name, setup) {
        insta::assert_snapshot!(snapshot, screen);
    }
}

#[test]
fn demo_offer() {
    snap("demo_offer", empty_app);
}

#[test]
fn login() {
    snap("login", |l| {
        let mut h = demo_app(l);
        h.type_text("operator")
            .key(KeyCode::Enter)
            .type_text("wrong-password")
            .key(KeyCode::Enter);
        h
    });
}

/// A password being typed shows only mask characters.
#[test]
fn login_typing_a_password() {
    snap("login_typing", |l| {
        let mut h = demo_app(l);
        h.type_text("operator")
            .key(KeyCode::Enter)
            .type_text("secret-pass");
        h
    });
}

#[test]
fn operator_intake() {
    snap("operator_intake_search", |l| {
        let mut h = demo_app(l);
        h.login("operator").type_text("опек");
        h
    });
    snap("operator_intake_filled", |l| {
        let mut h = demo_app(l);
        h.login("operator").type_text("опекун").key(KeyCode::Enter);
        // The registry (ГБД ФЛ) knows her: the name is filled in.
        h.type_text("900415300123").act(Action::NextField);
        h.act(Action::NextField);
        h.act(Action::NextField)
            .act(Action::NextField)
            .act(Action::NextField)
            // Past the choice of a notarised power (ЕНИС) to the phone.
            .act(Action::NextField);
        h.type_text("+7 701 555 1234");
        h
    });
}

#[test]
fn operator_results() {
    snap("operator_results", |l| {
        let mut h = demo_app(l);
        h.login("operator").act(Action::Pane2);
        h
    });
    snap("operator_issue_dialog", |l| {
        let mut h = demo_app(l);
        h.login("operator")
            .act(Action::Pane2)
            .select_marked_result()
            .act(Action::Issue);
        h.type_text("9004153");
        h
    });
}

#[test]
fn operator_receipt() {
    snap("operator_receipt", |l| {
        let mut h = demo_app(l);
        h.login("operator").type_text("опекун").key(KeyCode::Enter);
        h.type_text("900415300123").act(Action::NextField);
        h.act(Action::Accept).act(Action::Confirm);
        // The toasts name the temporary receipts folder: not stable across runs.
        assert!(h.last_toast().contains("receipts"));
        h.app.state.toasts.clear();
        h
    });
}

/// At 80x24 the receipt does not fit: it scrolls, says so, and its end (the
/// due date, who accepted, how to close) is reached with End; the toasts of
/// the acceptance never cover it.
#[test]
fn operator_receipt_scrolls_and_toasts_keep_off_it() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator").type_text("опекун").key(KeyCode::Enter);
    h.type_text("900415300123").act(Action::NextField);
    h.act(Action::Accept).act(Action::Confirm);
    h.app
        .toast("Третье сообщение поверх расписки".into(), false);
    assert!(h.toasts().len() >= 3, "{:?}", h.toasts());
    let dir = h.dir.path().display().to_string();
    let screen = h.screen(80, 24).replace(&dir, "<dir>");
    assert!(screen.contains("прокрутка, строки 1–"), "{screen}");
    h.act(Action::Bottom);
    let screen = h.screen(80, 24).replace(&dir, "<dir>");
    for end in ["Срок оказания услуги", "Принял", "Esc — закрыть"]
    {
        assert!(screen.contains(end), "{end}: {screen}");
    }
    // Every row of the receipt (between its corners) is the receipt's own.
    let rows: Vec<&str> = screen.lines().collect();
    let top = rows.iter().position(|l| l.contains("┌ Расписка")).unwrap();
    let bottom = rows.iter().rposition(|l| l.contains(" └──")).unwrap();
    for row in &rows[top..=bottom] {
        assert!(
            !row.contains("поверх") && !row.contains("<dir>"),
            "{screen}"
        );
    }
    insta::assert_snapshot!("operator_receipt_end_ru_80x24", screen);
    h.act(Action::Top);
    assert!(h.screen(80, 24).contains("РАСПИСКА О ПРИЕМЕ"));
}

/// A help wider and taller than the screen (a user's keymap binding many
/// keys to one action leaves room for one column only) scrolls with the
/// list's keys and says so; any other key closes it.
#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut h = demo_app(Lang::Ru);
    h.app.keymap = Keymap::load(
        ("keymaps/default.toml", Keymap::default_text()),
        Some((
            "keymap.toml",
            "[global]\nhelp = { keys = [\"?\", \"f1\", \"alt+h\", \"alt+k\", \"alt+s\"] }\n",
        )),
    )
    .unwrap();
    h.login("clerk").act(Action::Help);
    let first = h.screen(80, 24);
    assert!(first.contains("прокрутка, строки 1–"), "{first}");
    h.key(KeyCode::PageDown);
    assert!(h.app.state.help, "PgDn scrolls, the help stays");
    let second = h.screen(80, 24);
    assert_ne!(first, second);
    insta::assert_snapshot!("help_scrolled_ru_80x24", second);
    h.key(KeyCode::Char('x'));
    assert!(!h.app.state.help);
}

/// Cut text ends with `…` and fits its width, wide characters counted double.
#[test]
fn truncation_ends_with_an_ellipsis_and_fits() {
    use qyzmet::tui::chrome::widgets::truncate;
    use unicode_width::UnicodeWidthStr;
    assert_eq!(truncate("Назначение", 20), "Назначение");
    assert_eq!(truncate("Назначение выплаты", 12), "Назначение…");
    assert_eq!(truncate("漢字漢字漢字", 7), "漢字漢…");
    for w in 0..12 {
        assert!(truncate("Сейітова Жазира 漢字", w).width() <= w, "{w}");
    }
}

/// The worklist at 160x48 shows every IIN whole (12 digits) and every state
/// uncut; at both sizes the selected row is shown in full beneath the table.
#[test]
fn worklists_never_cut_an_iin_and_show_the_selected_row_in_full() {
    let mut h = demo_app(Lang::Ru);
    h.login("head");
    h.app.state.toasts.clear();
    let list = h.app.state.work().unwrap().list().unwrap();
    let rows: Vec<_> = list.visible.iter().map(|&i| list.rows[i].clone()).collect();
    let selected = rows[list.selected].clone();
    let wide = h.screen(160, 48);
    for r in &rows {
        assert!(wide.contains(&format!(" {} ", r.iin)), "{}: {wide}", r.iin);
    }
    // The widest state of the list, whole.
    assert!(wide.contains("просрочено на 108 ч 26 мин│"), "{wide}");
    assert!(
        !wide
            .lines()
            .any(|l| l.contains("раб│") || l.contains("ми│")),
        "{wide}"
    );
    for (w, ht) in [(80, 24), (160, 48)] {
        let screen = h.screen(w, ht);
        let detail: String = screen
            .lines()
            .skip_while(|l| !l.contains(&format!("{} · ", selected.number)))
            .take(2)
            .collect();
        assert!(detail.contains(&selected.iin), "{w}x{ht}: {screen}");
        assert!(detail.contains(&selected.name), "{w}x{ht}: {screen}");
    }
}

/// Logging out leaves no message of the last user behind.
#[test]
fn toasts_do_not_survive_logout() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator");
    assert!(!h.toasts().is_empty(), "the welcome");
    h.act(Action::Logout);
    assert!(h.toasts().is_empty(), "{:?}", h.toasts());
    assert!(!h.screen(80, 24).contains("Добро пожаловать"));
}

#[test]
fn clerk_panes() {
    snap("clerk_inbox", |l| {
        let mut h = demo_app(l);
        h.login("clerk");
        h
    });
    // A confirmation over the list: a blank margin, no border of the list at its edges.
    snap("clerk_register_confirm", |l| {
        let mut h = demo_app(l);
        h.login("clerk").act(Action::Register);
        h
    });
    snap("clerk_walk_in", |l| {
        let mut h = demo_app(l);
        h.login("clerk").act(Action::Pane2).type_text("лагер");
        h
    });
    snap("clerk_outbox", |l| {
        let mut h = demo_app(l);
        h.login("clerk").act(Action::Pane3);
        h
    });
}

#[test]
fn head_panes() {
    snap("head_resolutions", |l| {
        let mut h = demo_app(l);
        h.login("head");
        h
    });
    snap("head_assign_dialog", |l| {
        let mut h = demo_app(l);
        h.login("head").act(Action::Assign);
        h
    });
    snap("head_signing", |l| {
        let mut h = demo_app(l);
        h.login("head").act(Action::Pane2);
        h
    });
    snap("head_signing_case", |l| {
        let mut h = demo_app(l);
        h.login("head").act(Action::Pane2).act(Action::Open);
        h
    });
    snap("head_return_dialog", |l| {
        let mut h = demo_app(l);
        h.login("head").act(Action::Pane2).act(Action::ReturnDraft);
        h.type_text("Уточнить сумму");
        h
    });
}

#[test]
fn specialist_panes() {
    snap("specialist_worklist", |l| {
        let mut h = demo_app(l);
        h.login("specialist");
        h
    });
    snap("specialist_case", |l| {
        let mut h = demo_app(l);
        h.login("specialist").act(Action::Open);
        h
    });
    snap("specialist_decide", |l| {
        let mut h = demo_app(l);
        h.login("specialist").act(Action::Decide);
        h
    });
    // A step that draws up an act beside the decision (004:151-153): its
    // name and text beneath the decision's.
    snap("specialist_decide_with_act", |l| {
        let mut h = demo_app(l);
        h.login("specialist").act(Action::Decide);
        if let Some(qyzmet::tui::dialogs::Dialog::Decide(d)) = h.app.state.overlays.last_mut() {
            let name = match l {
                Lang::Kk => "тұрғын үй-тұрмыстық жағдайларын тексеру актісі",
                _ => "акт обследования жилищно-бытовых условий",
            };
            let mut act = qyzmet::tui::dialogs::decide::ActField::new("inspection_act", name);
            act.text.set("Условия проживания удовлетворительные");
            d.acts = vec![act];
        }
        h
    });
}

#[test]
fn help_and_which_key() {
    snap("help", |l| {
        let mut h = demo_app(l);
        h.login("clerk").act(Action::Help);
        h
    });
    snap("which_key", |l| {
        let mut h = demo_app(l);
        h.login("clerk").key(KeyCode::Char('g'));
        h
    });
}

#[test]
fn tiny_terminal() {
    let h = demo_app(Lang::Ru);
    insta::assert_snapshot!("tiny_ru_60x20", h.screen(60, 20));
    let h = demo_app(Lang::Kk);
    insta::assert_snapshot!("tiny_kk_79x24", h.screen(79, 24));
}

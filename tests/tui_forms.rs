//! Forms and dialogs keep what was typed: a password is never drawn, Esc
//! does not empty a form, clearing asks, focus moves only between controls
//! that change, and no letter typed where text goes is taken as a command.

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::dialogs::{ConfirmDialog, DecideFocus, Dialog};
use qyzmet::tui::effect::Command;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::panes::intake::Focus;
use qyzmet::tui::state::Screen;
use tui::{Harness, demo_app};

fn work(h: &Harness) -> &qyzmet::tui::screens::work::Work {
    h.app.state.work().expect("working")
}

fn top(h: &Harness) -> Option<&Dialog> {
    h.app.state.overlays.last()
}

fn asking(h: &Harness) -> bool {
    matches!(top(h), Some(Dialog::Confirm(_)))
}

#[test]
fn the_password_is_drawn_masked() {
    let mut h = demo_app(Lang::Ru);
    h.type_text("operator")
        .key(KeyCode::Enter)
        .type_text("tajna-parol");
    let screen = h.screen(100, 30);
    assert!(!screen.contains("tajna"), "{screen}");
    assert!(screen.contains("•••••••••••"), "{screen}");
    // Still the typed password that signs in.
    if let Screen::Login(l) = &h.app.state.screen {
        assert_eq!(l.password.text(), "tajna-parol");
    }
}

/// The guardian allowance chosen, an IIN typed.
fn filled_intake(h: &mut Harness) {
    h.login("operator")
        .type_text("опекун")
        .key(KeyCode::Enter)
        .type_text("900415300123");
    assert!(work(h).intake.service.is_some());
}

#[test]
fn esc_and_f8_keep_the_intake_form_and_clearing_asks_first() {
    let mut h = demo_app(Lang::Ru);
    filled_intake(&mut h);
    h.key(KeyCode::Esc);
    assert_eq!(work(&h).intake.iin.text(), "900415300123");
    assert!(h.last_toast().contains("Ctrl+N"), "{:?}", h.toasts());
    // F8 finishes a visit in the queue pane: in the form it clears nothing.
    h.f(8);
    assert_eq!(work(&h).intake.iin.text(), "900415300123");
    // Ctrl+N asks; "no" keeps everything.
    h.ctrl('n');
    assert!(matches!(
        top(&h),
        Some(Dialog::Confirm(ConfirmDialog {
            then: Command::ClearIntake,
            ..
        }))
    ));
    h.key(KeyCode::Esc);
    assert!(h.app.state.overlays.is_empty());
    assert_eq!(work(&h).intake.iin.text(), "900415300123");
    h.ctrl('n').key(KeyCode::Enter);
    assert!(work(&h).intake.is_blank());
    assert_eq!(work(&h).intake.focus, Focus::Service);
    // An empty form is not asked about.
    h.ctrl('n');
    assert!(h.app.state.overlays.is_empty());
}

#[test]
fn esc_closes_the_service_picker_and_keeps_the_query() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator").type_text("опек");
    assert!(!work(&h).intake.matches.is_empty());
    h.key(KeyCode::Esc);
    assert!(work(&h).intake.matches.is_empty());
    assert_eq!(work(&h).intake.query.text(), "опек");
}

#[test]
fn leaving_with_a_filled_form_asks() {
    let mut h = demo_app(Lang::Ru);
    filled_intake(&mut h);
    h.alt('q');
    assert!(asking(&h), "logout asks");
    h.key(KeyCode::Esc);
    assert!(h.app.state.work().is_some());
    h.ctrl('q');
    assert!(asking(&h) && !h.app.state.quit, "quit asks");
    h.key(KeyCode::Esc);
    assert_eq!(work(&h).intake.iin.text(), "900415300123");
    h.alt('q').key(KeyCode::Enter);
    assert!(matches!(h.app.state.screen, Screen::Login(_)));
}

#[test]
fn a_read_only_form_choice_is_skipped_and_letters_there_are_not_commands() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator").type_text("опекун").key(KeyCode::Enter);
    // The State Corporation takes one channel: Shift+Tab from the IIN goes
    // back to the service, past the channel that cannot change.
    h.key(KeyCode::BackTab);
    assert_eq!(work(&h).intake.focus, Focus::Service);
    // On the checklist, `j` (or `о` in the Russian layout) is no command.
    while work(&h).intake.focus != Focus::Documents {
        h.key(KeyCode::Tab);
    }
    let cursor = work(&h).intake.doc_cursor;
    h.type_text("оj");
    assert_eq!(work(&h).intake.focus, Focus::Documents);
    assert_eq!(work(&h).intake.doc_cursor, cursor);
    assert!(h.last_toast().contains("Пробел"), "{:?}", h.toasts());
}

/// The specialist's decision dialog on the first application of the worklist.
fn decide(h: &mut Harness) {
    h.login("specialist").f(5);
    assert!(matches!(top(h), Some(Dialog::Decide(_))));
}

fn decision(h: &Harness) -> &qyzmet::tui::dialogs::DecideDialog {
    match top(h) {
        Some(Dialog::Decide(d)) => d,
        _ => panic!("the decision dialog"),
    }
}

#[test]
fn the_decision_dialog_tabs_between_editable_controls_and_keeps_every_letter() {
    let mut h = demo_app(Lang::Ru);
    decide(&mut h);
    let single = decision(&h).results.len() <= 1;
    h.key(KeyCode::Tab);
    if single {
        // One positive result: nothing to choose on that row.
        assert_eq!(decision(&h).focus, DecideFocus::Text);
        h.key(KeyCode::BackTab);
    } else {
        assert_eq!(decision(&h).focus, DecideFocus::Detail);
    }
    // Letters typed on a choice go to the text: `о` is not `j`, `n` not "no".
    h.type_text("Документы в порядке, nothing missing");
    assert_eq!(
        decision(&h).text.text(),
        "Документы в порядке, nothing missing"
    );
    // A refusal has grounds to choose: Tab stops there.
    h.key(KeyCode::BackTab);
    while decision(&h).focus != DecideFocus::Outcome {
        h.key(KeyCode::BackTab);
    }
    h.key(KeyCode::Char(' '));
    assert!(!decision(&h).approve);
    h.key(KeyCode::Tab);
    assert_eq!(decision(&h).focus, DecideFocus::Detail);
}

#[test]
fn letters_on_a_dialogs_list_go_to_its_text_not_to_yes_or_no() {
    let mut h = demo_app(Lang::Ru);
    h.login("head").f(5);
    assert!(matches!(top(&h), Some(Dialog::Assign(_))));
    h.type_text("n y Рассмотреть");
    match top(&h) {
        Some(Dialog::Assign(d)) => assert_eq!(d.resolution.text(), "n y Рассмотреть"),
        o => panic!("the assign dialog stays: {}", o.is_some()),
    }
}

#[test]
fn esc_on_a_dialog_with_text_asks_before_dropping_it() {
    let mut h = demo_app(Lang::Ru);
    decide(&mut h);
    h.type_text("Долгий мотивированный текст");
    h.key(KeyCode::Esc);
    assert!(asking(&h));
    h.key(KeyCode::Esc);
    assert_eq!(decision(&h).text.text(), "Долгий мотивированный текст");
    h.key(KeyCode::Esc).key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty());
    // An empty dialog closes at once.
    h.f(5).key(KeyCode::Esc);
    assert!(h.app.state.overlays.is_empty());
}

#[test]
fn the_login_lists_the_demo_users_and_esc_asks_before_quitting() {
    let mut h = demo_app(Lang::Ru);
    let Screen::Login(l) = &h.app.state.screen else {
        panic!("login expected");
    };
    assert!(l.hints.iter().any(|u| u.login == "operator"));
    let screen = h.screen(100, 40);
    assert!(screen.contains("Пользователи демо-региона"), "{screen}");
    assert!(!screen.contains("Отметить"), "{screen}");
    h.key(KeyCode::Esc);
    assert!(!h.app.state.quit && asking(&h));
    h.key(KeyCode::Esc);
    assert!(!h.app.state.quit && h.app.state.overlays.is_empty());
    h.key(KeyCode::Esc).key(KeyCode::Enter);
    assert!(h.app.state.quit);
    // After a logout the list is there again.
    let mut h = demo_app(Lang::Ru);
    h.login("clerk").alt('q');
    let Screen::Login(l) = &h.app.state.screen else {
        panic!("login expected");
    };
    assert!(!l.hints.is_empty());
}

#[test]
fn a_store_of_real_staff_lists_nobody_on_the_login_screen() {
    let dir = tempfile::TempDir::new().unwrap();
    let ops = common::create(&dir.path().join("store"));
    let h = tui::app_on(Box::new(ops), Lang::Ru, dir);
    let Screen::Login(l) = &h.app.state.screen else {
        panic!("login expected");
    };
    assert!(l.hints.is_empty());
}

/// The case view names people (who acted, who was assigned), not logins.
#[test]
fn the_case_view_names_people() {
    let mut h = demo_app(Lang::Ru);
    h.login("head")
        .act(qyzmet::tui::action::Action::Pane2)
        .key(KeyCode::Enter);
    let case = work(&h).case.as_ref().expect("a draft to read");
    let by = case.rec.app.history.last().unwrap().by.clone();
    let name = work(&h).name_of(&by).to_string();
    assert_ne!(name, by, "the demo knows {by}");
    let screen = h.screen(160, 48);
    assert!(screen.contains(&name), "{screen}");
    assert!(!screen.contains(&format!(" {by} ")), "{screen}");
}

/// A step that draws up an act beside its decision (the act of inspection
/// of living conditions, 004:151-153): the dialog asks for its text after the
/// decision's, refuses without it, and the change carries it.
#[test]
fn the_decision_dialog_asks_for_each_act_of_the_step() {
    use qyzmet::tui::dialogs::decide::ActField;
    let mut h = demo_app(Lang::Ru);
    decide(&mut h);
    if let Some(Dialog::Decide(d)) = h.app.state.overlays.last_mut() {
        d.acts = vec![ActField::new(
            "inspection_act",
            "акт обследования жилищно-бытовых условий",
        )];
    }
    while decision(&h).focus != DecideFocus::Text {
        h.key(KeyCode::Tab);
    }
    h.type_text("Подготовить решение");
    h.key(KeyCode::Tab);
    assert_eq!(decision(&h).focus, DecideFocus::Act(0));
    h.f(2);
    assert!(!asking(&h), "no question without the act's text");
    assert!(
        h.last_toast()
            .contains("вместе с документом «акт обследования жилищно-бытовых условий»"),
        "{:?}",
        h.toasts()
    );
    h.type_text("Условия удовлетворительные, n y");
    assert_eq!(
        decision(&h).acts[0].text.text(),
        "Условия удовлетворительные, n y"
    );
    h.f(2);
    match top(&h) {
        Some(Dialog::Confirm(ConfirmDialog {
            then: Command::Act { req, .. },
            ..
        })) => {
            assert_eq!(req.acts.len(), 1);
            assert_eq!(req.acts[0].id, "inspection_act");
            assert_eq!(req.acts[0].text, "Условия удовлетворительные, n y");
        }
        _ => panic!("the question, carrying the act"),
    }
}

//! Every pane drawn on ratatui's TestBackend at 80x24 and 160x48, in Russian
//! and Kazakh, compared with the stored snapshots (`cargo insta review`).

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::action::Action;
use qyzmet::tui::i18n::Lang;
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
        h.type_text("900415300123").act(Action::NextField);
        h.type_text("Сапарова Айгерим").act(Action::NextField);
        h.act(Action::NextField)
            .act(Action::NextField)
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
        h.login("operator").act(Action::Pane2).act(Action::Issue);
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
        h.type_text("Сапарова Айгерим")
            .act(Action::Accept)
            .act(Action::Confirm);
        // The toasts name the temporary receipts folder: not stable across runs.
        assert!(h.last_toast().contains("receipts"));
        h.app.state.toasts.clear();
        h
    });
}

#[test]
fn clerk_panes() {
    snap("clerk_inbox", |l| {
        let mut h = demo_app(l);
        h.login("clerk");
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

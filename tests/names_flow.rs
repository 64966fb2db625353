//! Screens name documents, organisations and districts in the user's
//! language: an English intake form has no Russian names on it.

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::i18n::Lang;
use tui::demo_app;

#[test]
fn the_english_intake_form_names_everything_in_english() {
    let mut h = demo_app(Lang::En);
    h.login("operator")
        .type_text("guardian")
        .key(KeyCode::Enter);
    let screen = h.screen(160, 48);
    assert!(screen.contains("Child's birth certificate"), "{screen}");
    assert!(screen.contains("Kazybek Bi district"), "{screen}");
    assert!(!screen.contains("Свидетельство о рождении"), "{screen}");
    assert!(!screen.contains("район имени"), "{screen}");
    let org =
        qyzmet::i18n::org_name(Lang::En, &h.app.state.work().expect("working").org).to_string();
    assert!(org.starts_with("Kazybek Bi District Office"), "{org}");
}

#[test]
fn the_kazakh_intake_form_names_the_district_in_kazakh() {
    let mut h = demo_app(Lang::Kk);
    h.login("operator").type_text("опекун").key(KeyCode::Enter);
    let screen = h.screen(160, 48);
    assert!(screen.contains("Қазыбек би атындағы аудан"), "{screen}");
}

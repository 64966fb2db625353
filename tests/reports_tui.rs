//! The Reports pane: heads and the region's supervisor read compliance for
//! a period, drill down to the late applications and open them; reducer
//! tests over the demo store, and snapshots in Russian and Kazakh.

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::action::Action;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::screens::work::PaneKind;

use tui::{Harness, demo_app};

fn work(h: &Harness) -> &qyzmet::tui::screens::work::Work {
    h.app.state.work().expect("signed in")
}

#[test]
fn look() {
    let mut h = demo_app(Lang::Ru);
    h.login("head").act(Action::Pane3);
    assert_eq!(work(&h).pane_kind(), PaneKind::Reports);
    println!("{}", h.screen(160, 48));
    println!("{}", h.screen(80, 24));
    h.key(KeyCode::Enter);
    println!("{}", h.screen(160, 48));
    h.key(KeyCode::Enter);
    println!("{}", h.screen(160, 48));
    h.key(KeyCode::Enter);
    println!("{}", h.screen(160, 48));
}

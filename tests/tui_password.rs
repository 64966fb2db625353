//! The password dialog (`g p` in the workstation): current, new and again;
//! the policy and a mismatch are said before anything is sent, a wrong
//! current password says the attempts left and counts towards the lock, a
//! right one changes the password (on the store and through the server).

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::KeyCode;
use qyzmet::catalog_files::Sources;
use qyzmet::ops::LoginError;
use qyzmet::ops::OpsError;
use qyzmet::server::remote::Remote;
use qyzmet::server::serve::{ServeOptions, bind, serve};
use qyzmet::store::Store;
use qyzmet::tui::action::Action;
use qyzmet::tui::dialogs::{Dialog, PasswordFocus};
use qyzmet::tui::i18n::Lang;
use tui::{Harness, app_on, demo_app, snapshots};

use common::{demo_store, now, ops_on};

const NEW: &str = "steppe-wind-7";

fn dialog(h: &Harness) -> Option<&qyzmet::tui::dialogs::PasswordDialog> {
    match h.app.state.overlays.last() {
        Some(Dialog::Password(d)) => Some(d),
        _ => None,
    }
}

/// Fills the three fields (Enter moves on) and submits with Enter on the last.
fn fill(h: &mut Harness, current: &str, new: &str, repeat: &str) {
    h.type_text(current)
        .key(KeyCode::Enter)
        .type_text(new)
        .key(KeyCode::Enter)
        .type_text(repeat)
        .key(KeyCode::Enter);
}

fn open(h: &mut Harness) {
    // The keymap's `g p`, as typed.
    h.type_text("gp");
    assert!(dialog(h).is_some(), "g p opens the dialog");
    assert_eq!(dialog(h).unwrap().focus, PasswordFocus::Current);
}

#[test]
fn the_dialog_says_the_policy_and_a_mismatch_before_sending_anything() {
    let mut h = demo_app(Lang::En);
    h.login("clerk");
    open(&mut h);
    fill(&mut h, "qyzmet-demo", "short", "short");
    assert!(h.last_toast().contains("at least 8"), "{}", h.last_toast());
    assert_eq!(dialog(&h).unwrap().focus, PasswordFocus::New);
    // Esc closes it without asking (passwords are quickly typed again).
    h.key(KeyCode::Esc);
    assert!(dialog(&h).is_none());

    open(&mut h);
    fill(&mut h, "qyzmet-demo", NEW, "steppe-wind-8");
    assert!(h.last_toast().contains("differ"), "{}", h.last_toast());
    let d = dialog(&h).expect("still open");
    assert_eq!(d.focus, PasswordFocus::Repeat);
    assert!(d.repeat.is_empty(), "the repeat is typed again");
    assert_eq!(d.new.text(), NEW, "the new one is kept");
    h.type_text(NEW)
        .act(Action::PrevField)
        .act(Action::PrevField);
    assert_eq!(dialog(&h).unwrap().focus, PasswordFocus::Current);
    // Nothing reached the store: the old password still signs in.
    assert!(h.app.backend.login("clerk", "qyzmet-demo", now()).is_ok());
}

#[test]
fn a_wrong_current_password_counts_and_a_right_one_changes_it() {
    let mut h = demo_app(Lang::En);
    h.login("clerk");
    open(&mut h);
    fill(&mut h, "not-my-password-1", NEW, NEW);
    assert!(
        h.last_toast().contains("current password is wrong")
            && h.last_toast()
                .contains("attempts left before the account is locked: 2"),
        "{}",
        h.last_toast()
    );
    assert!(dialog(&h).is_some(), "refused: the dialog stays");
    // Back to the first field, the right password typed over the wrong one.
    h.act(Action::NextField);
    assert_eq!(dialog(&h).unwrap().focus, PasswordFocus::Current);
    for _ in 0.."not-my-password-1".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text("qyzmet-demo").act(Action::Submit);
    assert!(dialog(&h).is_none(), "changed: the dialog closes");
    assert_eq!(h.last_toast(), "Your password has been changed");
    let b = &h.app.backend;
    assert!(matches!(
        b.login("clerk", "qyzmet-demo", now()),
        Err(OpsError::Login(LoginError::UnknownOrWrong { .. }))
    ));
    assert!(b.login("clerk", NEW, now()).is_ok());
}

#[test]
fn three_wrong_current_passwords_lock_the_account() {
    let mut h = demo_app(Lang::En);
    h.login("clerk");
    open(&mut h);
    fill(&mut h, "not-my-password-1", NEW, NEW);
    for _ in 0..2 {
        h.act(Action::Submit);
    }
    assert!(h.last_toast().contains("locked"), "{}", h.last_toast());
    assert!(matches!(
        h.app.backend.login("clerk", "qyzmet-demo", now()),
        Err(OpsError::Login(LoginError::Locked { .. }))
    ));
}

/// The same dialog on a workstation connected to `qyzmet serve`.
#[test]
fn the_password_changes_through_the_server() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let ops = ops_on(Store::open(&db).unwrap());
    let socket = dir.path().join("s.sock");
    let listener = bind(&socket).unwrap();
    let opts = ServeOptions {
        socket: socket.clone(),
        idle: std::time::Duration::from_secs(600),
        sources: Sources::load(None, None).unwrap(),
        clock: now,
        cli: None,
        anchor_every: 0,
        limits: Default::default(),
    };
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let stop = stop.clone();
        std::thread::spawn(move || serve(ops, listener, opts, stop))
    };
    let remote = Remote::connect(&socket).unwrap();
    let mut h = app_on(
        Box::new(remote),
        Lang::En,
        tempfile::TempDir::new().unwrap(),
    );
    h.login("head");
    open(&mut h);
    fill(&mut h, "wrong-current-1", NEW, NEW);
    assert!(
        h.last_toast().contains("attempts left"),
        "{}",
        h.last_toast()
    );
    h.act(Action::NextField);
    for _ in 0.."wrong-current-1".len() {
        h.key(KeyCode::Backspace);
    }
    h.type_text("qyzmet-demo").act(Action::Submit);
    assert_eq!(h.last_toast(), "Your password has been changed");
    drop(h);
    stop.store(true, Ordering::Relaxed);
    server.join().unwrap().unwrap();
    let ops = ops_on(Store::open(&db).unwrap());
    assert!(ops.login("head", NEW, now()).is_ok());
    assert!(ops.login("head", "qyzmet-demo", now()).is_err());
}

#[test]
fn snapshots_of_the_dialog() {
    for (name, screen) in snapshots("password_dialog", |l| {
        let mut h = demo_app(l);
        // Alt+P: the operator's intake form has a text field focused, so
        // `g p` would be typed into it.
        h.login("operator").alt('p').type_text("qyzmet-demo");
        h.key(KeyCode::Enter).type_text("steppe");
        h
    }) {
        assert!(!screen.contains("qyzmet-demo"), "masked:\n{screen}");
        insta::assert_snapshot!(name, screen);
    }
}

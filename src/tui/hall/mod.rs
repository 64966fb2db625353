//! The hall of a State Corporation centre: the ticket kiosk and the board,
//! rooms like the workstation's. Each has a small shell (`Kiosk`,
//! `HallBoard`) that owns the backend and the keymap, gives keys to its
//! room (its own first, then the keymap's sections) and carries out what
//! the room asks: the kiosk's tickets and check-ins are commands, run here.

pub mod board;
pub mod kiosk;
pub mod kiosk_view;

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;

use crate::ops::backend::Backend;
use crate::ops::{OpsError, OpsResult};

use super::action::Action;
use super::effect::Effect;
use super::i18n::{Lang, t, tf};
use super::keymap::{KeyPress, Keymap, Resolution};
use super::room::{Cx, Paint, Room};
use super::theme::Theme;

/// What went wrong, as a visitor in the hall is told it (in both languages,
/// at drawing): never the operations' own wording, which is for logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KioskError {
    /// No appointment has this code here.
    UnknownCode(String),
    /// The appointment is for another day or was checked in already.
    CodeNotValid(String),
    /// The server is out of reach (the client reconnects).
    Unavailable,
    /// The centre's queue is not set up.
    NoQueue,
    /// Anything else: the staff can help.
    Failed,
}

impl KioskError {
    pub fn from_ops(e: &OpsError, code: Option<&str>) -> KioskError {
        tracing::warn!(error = %e, "kiosk");
        match (e, code) {
            (OpsError::Unavailable(_), _) => KioskError::Unavailable,
            (OpsError::NotFound(_), Some(code)) => KioskError::UnknownCode(code.to_string()),
            (OpsError::NotFound(_), None) => KioskError::NoQueue,
            (OpsError::Invalid(_) | OpsError::Queue(_), Some(code)) => {
                KioskError::CodeNotValid(code.to_string())
            }
            _ => KioskError::Failed,
        }
    }

    /// The text in one language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            KioskError::UnknownCode(code) => tf(lang, "kiosk.err_unknown_code", &[("code", code)]),
            KioskError::CodeNotValid(code) => {
                tf(lang, "kiosk.err_code_not_valid", &[("code", code)])
            }
            KioskError::Unavailable => t(lang, "error.unavailable").to_string(),
            KioskError::NoQueue => t(lang, "kiosk.err_no_queue").to_string(),
            KioskError::Failed => t(lang, "kiosk.err_failed").to_string(),
        }
    }
}

/// The centre's name in the hall's two languages (its code when unknown).
pub fn centre_names(backend: &dyn Backend, centre: &str, lang: Lang) -> (String, String) {
    let org = backend
        .orgs()
        .ok()
        .and_then(|orgs| orgs.into_iter().find(|o| o.code == centre));
    match org {
        Some(o) => {
            let kk = if o.name_kk.is_empty() {
                o.name_ru.clone()
            } else {
                o.name_kk.clone()
            };
            if lang == Lang::Kk {
                (kk, o.name_ru)
            } else {
                (o.name_ru, kk)
            }
        }
        None => (centre.to_string(), centre.to_string()),
    }
}

/// A key for a hall room: the room's own first, then the keymap (its
/// sections). Returns the action the room did not take (the shell's: quit).
pub fn press(room: &mut dyn Room, key: KeyEvent, keymap: &Keymap, cx: &mut Cx) -> Option<Action> {
    if key.kind == KeyEventKind::Release || room.take_key(key, cx).consumed() {
        return None;
    }
    let Resolution::Action(a) = keymap.resolve(room.contexts(), &[], KeyPress::from_event(&key))
    else {
        return None;
    };
    (!room.on_action(a, cx).consumed()).then_some(a)
}

/// A hall room's language and clock, which its shell hands on to it.
pub trait HallRoom: Room {
    fn lang(&self) -> Lang;
    fn now(&self) -> NaiveDateTime;
}

/// A key for a hall shell's room: whether it means quit (the shell's own
/// action), and the effects the room asked for, for the shell to carry out.
pub fn key(
    backend: &dyn Backend,
    keymap: &Keymap,
    room: &mut impl HallRoom,
    key: KeyEvent,
) -> (bool, Vec<Effect>) {
    let mut cx = Cx::new(room.lang(), room.now(), backend, keymap, None);
    let quit = press(room, key, keymap, &mut cx) == Some(Action::Quit);
    (quit, cx.effects)
}

/// A hall room on the whole screen: the hall has no session and no frame.
pub fn draw(
    f: &mut Frame,
    th: &Theme,
    backend: &dyn Backend,
    keymap: &Keymap,
    room: &impl HallRoom,
) {
    let p = Paint {
        lang: room.lang(),
        now: room.now(),
        theme: th,
        keymap,
        catalog: backend.catalog(),
        contexts: room.contexts(),
        session: None,
        serving: None,
        location: "",
    };
    room.draw(f, f.area(), &p);
}

/// A read for a hall room: the value it shows (kept while the read fails),
/// or what the visitor is told went wrong.
pub fn loaded<T>(read: OpsResult<T>, value: &mut Option<T>, error: &mut Option<KioskError>) {
    match read {
        Ok(v) => {
            *value = Some(v);
            *error = None;
        }
        Err(e) => *error = Some(KioskError::from_ops(&e, None)),
    }
}

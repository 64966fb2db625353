//! A room is one thing on the screen that owns its state: a pane, a dialog,
//! a screen, the kiosk's and the board's views. It says which keymap
//! sections are in force while it is innermost, takes the keys that are its
//! own (a focused text field) before the keymap sees them, handles the
//! actions it understands, draws itself and names the actions worth a hint
//! in the footer. It never writes to the store: it asks the shell, through
//! [`Cx`], for effects (a toast, a dialog, a command to run, a refresh).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::catalog::Catalog;
use crate::ops::OpsError;
use crate::ops::backend::Backend;
use crate::store::model::{Organisation, User};

use super::action::{Action, Context};
use super::effect::{Command, Effect};
use super::i18n::Lang;
use super::keymap::Keymap;
use super::theme::Theme;

/// Whether a room kept a key or an action (gitui's `EventState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventState {
    Consumed,
    Ignored,
}

impl EventState {
    pub fn consumed(self) -> bool {
        self == EventState::Consumed
    }

    /// `Consumed` when `kept`.
    pub fn from(kept: bool) -> EventState {
        if kept {
            EventState::Consumed
        } else {
            EventState::Ignored
        }
    }
}

/// Who is signed in, for rooms that act or draw on their behalf.
#[derive(Clone, Copy)]
pub struct Session<'a> {
    pub user: &'a User,
    pub org: &'a Organisation,
    /// Full names by login: screens name people.
    pub names: &'a HashMap<String, String>,
}

impl<'a> Session<'a> {
    /// A person's full name, or the login of someone the store did not list.
    pub fn name_of(&self, login: &'a str) -> &'a str {
        self.names.get(login).map_or(login, String::as_str)
    }

    pub fn login(&self) -> &'a str {
        &self.user.login
    }
}

/// What a room may use while it handles a key or an action: reads from
/// the backend, the keymap (to name keys in messages), and the effects it
/// asks the shell to carry out afterwards.
pub struct Cx<'a> {
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// For reads only: every change goes through [`Cx::run`].
    pub backend: &'a dyn Backend,
    pub keymap: &'a Keymap,
    pub session: Option<Session<'a>>,
    pub effects: Vec<Effect>,
}

impl<'a> Cx<'a> {
    pub fn new(
        lang: Lang,
        now: NaiveDateTime,
        backend: &'a dyn Backend,
        keymap: &'a Keymap,
        session: Option<Session<'a>>,
    ) -> Cx<'a> {
        Cx {
            lang,
            now,
            backend,
            keymap,
            session,
            effects: Vec::new(),
        }
    }

    pub fn catalog(&self) -> &'a Catalog {
        self.backend.catalog()
    }

    /// The signed-in user's login ("" before signing in).
    pub fn login(&self) -> &'a str {
        self.session.map_or("", |s| s.login())
    }

    pub fn toast(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Toast {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.effects.push(Effect::Toast {
            text: text.into(),
            error: true,
        });
    }

    /// An operation failed: said in words (an expired session signs out).
    pub fn fail(&mut self, e: OpsError) {
        self.effects.push(Effect::Fail(e));
    }

    pub fn push(&mut self, dialog: impl Into<super::dialogs::Dialog>) {
        self.effects.push(Effect::Push(Box::new(dialog.into())));
    }

    /// Asks to confirm `then` with `text`.
    pub fn ask(&mut self, text: String, then: Command) {
        self.push(super::dialogs::confirm::ConfirmDialog::new(text, then));
    }

    /// Closes the innermost dialog.
    pub fn close(&mut self) {
        self.effects.push(Effect::Pop);
    }

    /// The one way to change the store.
    pub fn run(&mut self, cmd: Command) {
        self.effects.push(Effect::Run(cmd));
    }

    pub fn effect(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// The first key bound to `action` in `context`, named in the user's language.
    pub fn key_for(&self, context: Context, action: Action) -> String {
        self.keymap
            .keys_for(context, action, self.lang)
            .first()
            .cloned()
            .unwrap_or_default()
    }
}

/// What a room may read while it draws.
pub struct Paint<'a> {
    pub lang: Lang,
    pub now: NaiveDateTime,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub catalog: &'a Catalog,
    /// The keymap sections in force (for the footer and the help).
    pub contexts: &'a [Context],
    pub session: Option<Session<'a>>,
    /// The ticket being served at the operator's window, if any.
    pub serving: Option<&'a str>,
    /// Where the data lives.
    pub location: &'a str,
}

impl Paint<'_> {
    /// A person's full name (or their login).
    pub fn name_of<'b>(&'b self, login: &'b str) -> &'b str {
        self.session
            .map_or(login, |s| s.names.get(login).map_or(login, String::as_str))
    }
}

pub trait Room {
    /// The keymap sections in force while this room is innermost, innermost first.
    fn contexts(&self) -> &'static [Context];

    /// The actions the footer names a key for.
    fn hints(&self) -> &'static [Action] {
        &[]
    }

    /// Whether printable keys are text here (the footer then names only
    /// keys that cannot be typed).
    fn typing(&self) -> bool {
        false
    }

    /// Whether closing would lose something the user typed.
    fn unsaved(&self) -> bool {
        false
    }

    /// A key before the keymap sees it: a focused text field's.
    fn take_key(&mut self, _key: KeyEvent, _cx: &mut Cx) -> EventState {
        EventState::Ignored
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState;

    /// Draws into `area`; returns the rectangle it covers.
    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect;
}

/// A printable character typed without Ctrl or Alt (Space excepted: it
/// toggles a choice).
pub fn typed_char(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if c != ' ')
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::StepAction;
    use crate::tui::dialogs::transfer::TransferFocus;
    use crate::tui::dialogs::*;
    use crate::tui::effect::Command;
    use crate::tui::field::Field;
    use crate::tui::panes::list::ListPane;
    use crate::tui::panes::queue_desk::QueuePane;
    use crate::tui::panes::stats::StatsPane;
    use crate::tui::screens::demo_offer::DemoOffer;
    use crate::tui::screens::login::LoginForm;
    use crate::tui::screens::work::PaneKind;
    use crate::tui::state::Scroll;

    /// The footer names keys from the keymap sections a room says are in
    /// force: every action a room hints at must be bound in one of them,
    /// else its hint would silently vanish.
    #[test]
    fn every_hint_is_bound_where_the_room_looks() {
        let keymap = Keymap::builtin();
        let mut rooms: Vec<Box<dyn Room>> = vec![
            Box::new(DemoOffer),
            Box::new(LoginForm::default()),
            Box::new(QueuePane::default()),
            Box::new(StatsPane::default()),
            Box::new(crate::tui::panes::reports::ReportsPane::default()),
            Box::new(PeriodDialog::new(
                crate::tui::panes::reports::PeriodChoice::Named(
                    crate::domain::report::PeriodName::ThisMonth,
                ),
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                    .unwrap()
                    .and_hms_opt(10, 0, 0)
                    .unwrap(),
            )),
            Box::new(ConfirmDialog::new(String::new(), Command::Quit)),
            Box::new(ReceiptDialog {
                title: String::new(),
                text: String::new(),
                scroll: Scroll::default(),
            }),
            Box::new(AssignDialog::new(String::new(), 1, Vec::new())),
            Box::new(DecideDialog::new(String::new(), 1, Vec::new())),
            Box::new(TextDialog::new(
                String::new(),
                1,
                TextPurpose::Report(StepAction::Inspect),
            )),
            Box::new(FinishDialog::new(String::new(), None)),
            Box::new(TransferDialog {
                ticket: String::new(),
                targets: Vec::new(),
                selected: 0,
                reason: Field::new(),
                focus: TransferFocus::Target,
            }),
        ];
        for kind in [
            PaneKind::Results,
            PaneKind::Inbox,
            PaneKind::Outbox,
            PaneKind::Resolutions,
            PaneKind::Signing,
            PaneKind::Worklist,
        ] {
            rooms.push(Box::new(ListPane::new(kind)));
        }
        for room in &rooms {
            for a in room.hints() {
                let bound = room
                    .contexts()
                    .iter()
                    .any(|c| !keymap.keys_for(*c, *a, Lang::Ru).is_empty());
                assert!(
                    bound,
                    "{a:?} is hinted but bound in none of {:?}",
                    room.contexts()
                );
            }
        }
    }
}

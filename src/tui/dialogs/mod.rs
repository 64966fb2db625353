//! Dialogs over the screen, innermost last (`State::overlays`). Each is a
//! room in a file of its own; this enum is their list. Esc closes the
//! innermost one, asking first when it holds text the user wrote.
//!
//! A new dialog: its file here (state, keys, actions, drawing, hints), its
//! `mod` line and one line in `dialogs!` below, and its i18n keys.

pub mod assign;
pub mod confirm;
pub mod decide;
pub mod finish;
pub mod password;
pub mod period;
pub mod receipt;
pub mod text;
pub mod transfer;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::action::{Action, Context};
use super::effect::Command;
use super::field::Field;
use super::i18n::{t, tf};
use super::room::{Cx, EventState, Paint, Room, typed_char};
use super::theme::StyleName as S;

pub use assign::{AssignDialog, AssignFocus};
pub use confirm::ConfirmDialog;
pub use decide::{DecideDialog, DecideFocus};
pub use finish::{FinishDialog, FinishFocus};
pub use password::{PasswordDialog, PasswordFocus};
pub use period::{PeriodDialog, PeriodFocus};
pub use receipt::ReceiptDialog;
pub use text::{TextDialog, TextPurpose};
pub use transfer::{TransferDialog, TransferFocus};

/// Declares the dialogs once: the enum, its access to each room, and a
/// `From` for each so a room can `cx.push(SomeDialog { .. })`.
macro_rules! dialogs {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        pub enum Dialog {
            $($variant($ty),)*
        }

        impl Dialog {
            pub fn room(&self) -> &dyn Room {
                match self {
                    $(Dialog::$variant(d) => d,)*
                }
            }

            pub fn room_mut(&mut self) -> &mut dyn Room {
                match self {
                    $(Dialog::$variant(d) => d,)*
                }
            }
        }

        $(impl From<$ty> for Dialog {
            fn from(d: $ty) -> Dialog {
                Dialog::$variant(d)
            }
        })*
    };
}

dialogs!(
    Confirm(ConfirmDialog),
    Receipt(ReceiptDialog),
    Assign(AssignDialog),
    Decide(DecideDialog),
    Text(TextDialog),
    Finish(FinishDialog),
    Transfer(TransferDialog),
    Period(PeriodDialog),
    Password(PasswordDialog),
);

/// Every dialog is a room; Esc (or Back) closes it, asking first when
/// something typed would be lost.
impl Room for Dialog {
    fn contexts(&self) -> &'static [Context] {
        self.room().contexts()
    }

    fn hints(&self) -> &'static [Action] {
        self.room().hints()
    }

    fn typing(&self) -> bool {
        self.room().typing()
    }

    fn unsaved(&self) -> bool {
        self.room().unsaved()
    }

    fn take_key(&mut self, key: KeyEvent, cx: &mut Cx) -> EventState {
        self.room_mut().take_key(key, cx)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if matches!(action, Action::Cancel | Action::Back) {
            if self.room().unsaved() {
                cx.ask(
                    t(cx.lang, "dialog.confirm_discard").into(),
                    Command::Discard,
                );
            } else {
                cx.close();
            }
            return EventState::Consumed;
        }
        self.room_mut().on_action(action, cx)
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        self.room().draw(f, area, p)
    }
}

impl Dialog {
    /// Whether this is the question before `cmd`'s kind of command.
    pub fn asks(&self, cmd: &Command) -> bool {
        matches!(self, Dialog::Confirm(c) if std::mem::discriminant(&c.then) == std::mem::discriminant(cmd))
    }
}

/// The keymap sections of a dialog with fields and lists.
pub const FORM_CONTEXTS: &[Context] = &[
    Context::Dialog,
    Context::Form,
    Context::List,
    Context::Global,
];

/// The last line of a dialog with fields: how to save, how to go back.
pub fn save_footer(p: &Paint) -> Line<'static> {
    let lang = p.lang;
    let save_key = p
        .keymap
        .keys_for(Context::Form, Action::Submit, lang)
        .first()
        .cloned()
        .unwrap_or_default();
    Line::styled(
        format!(
            "{} · {}",
            tf(lang, "dialog.save", &[("key", &save_key)]),
            t(lang, "dialog.no")
        ),
        p.theme.style(S::Muted),
    )
}

/// A dialog of a list to choose from and a text field (assign, transfer):
/// the keys and actions they share. Each keeps its own focus enum.
pub trait ListAndText {
    fn on_text(&self) -> bool;
    fn set_on_text(&mut self, on_text: bool);
    /// The list's cursor and its length.
    fn cursor(&mut self) -> (&mut usize, usize);
    fn text(&mut self) -> &mut Field;
    fn submit(&self, cx: &mut Cx);

    /// A letter typed on the list goes to the text, never to a command.
    fn take_list_key(&mut self, key: KeyEvent) -> EventState {
        if typed_char(&key) {
            self.set_on_text(true);
        }
        EventState::from(self.on_text() && self.text().input(key))
    }

    /// Tab and Shift+Tab switch between the list and the text, the arrows
    /// move in the list, Enter or the save key submits.
    fn on_list_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let on_text = self.on_text();
        let (selected, len) = self.cursor();
        match action {
            Action::NextField | Action::PrevField => self.set_on_text(!on_text),
            Action::Up if !on_text => *selected = selected.saturating_sub(1),
            Action::Down if !on_text => *selected = (*selected + 1).min(len.saturating_sub(1)),
            Action::Submit | Action::Confirm => self.submit(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }
}

//! The signed-in user's own password changed: the current one, the new one
//! and the new one again. The policy (`ops::auth::check_password`) is said
//! here before anything is sent, so a mistyped new password costs no
//! attempt; the current password is checked by the backend as a sign-in is
//! (a wrong one counts towards the lock).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::ops::auth::{MIN_PASSWORD, check_password};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, input_line, modal};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, save_footer};

/// The dialog's three fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordFocus {
    Current,
    New,
    Repeat,
}

const ORDER: [PasswordFocus; 3] = [
    PasswordFocus::Current,
    PasswordFocus::New,
    PasswordFocus::Repeat,
];

pub struct PasswordDialog {
    /// Boxed: a text field is large, and dialogs share one enum. Masked.
    pub current: Box<Field>,
    pub new: Box<Field>,
    pub repeat: Box<Field>,
    pub focus: PasswordFocus,
}

impl Default for PasswordDialog {
    fn default() -> PasswordDialog {
        PasswordDialog::new()
    }
}

impl PasswordDialog {
    pub fn new() -> PasswordDialog {
        PasswordDialog {
            current: Box::new(Field::secret()),
            new: Box::new(Field::secret()),
            repeat: Box::new(Field::secret()),
            focus: PasswordFocus::Current,
        }
    }

    fn field(&mut self) -> &mut Field {
        match self.focus {
            PasswordFocus::Current => &mut self.current,
            PasswordFocus::New => &mut self.new,
            PasswordFocus::Repeat => &mut self.repeat,
        }
    }

    fn step(&mut self, by: usize) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = ORDER[(i + by) % ORDER.len()];
    }

    /// Enter on a field goes on to the next one; on the last, or with the
    /// save key anywhere, the change is sent once all three make sense.
    fn submit(&mut self, cx: &mut Cx) {
        let lang = cx.lang;
        let (current, new, repeat) = (self.current.text(), self.new.text(), self.repeat.text());
        if current.is_empty() {
            self.focus = PasswordFocus::Current;
            return cx.error(t(lang, "password.need_current"));
        }
        if let Err(e) = check_password(cx.login(), &new) {
            self.focus = PasswordFocus::New;
            return cx.error(i18n::error_text(lang, &e));
        }
        if new != repeat {
            self.repeat.clear();
            self.focus = PasswordFocus::Repeat;
            return cx.error(t(lang, "password.differ"));
        }
        if new == current {
            self.focus = PasswordFocus::New;
            return cx.error(t(lang, "password.same"));
        }
        cx.run(Command::ChangePassword { current, new });
    }
}

impl Room for PasswordDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Submit, Action::NextField, Action::Cancel]
    }

    fn typing(&self) -> bool {
        true
    }

    /// Passwords are quickly typed again: Esc closes without asking.
    fn unsaved(&self) -> bool {
        false
    }

    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        EventState::from(self.field().input(key))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        match action {
            Action::NextField => self.step(1),
            Action::PrevField => self.step(ORDER.len() - 1),
            Action::Confirm | Action::Open if self.focus != PasswordFocus::Repeat => self.step(1),
            Action::Submit | Action::Confirm | Action::Open => self.submit(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 64, 9);
        let block = dialog_block(t(lang, "password.title").into(), th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [policy, _, current, new, repeat, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(inner);
        f.render_widget(
            Paragraph::new(tf(lang, "password.policy", &[("n", &MIN_PASSWORD)]))
                .style(th.style(S::Muted)),
            policy,
        );
        let label_w = 20;
        let rows = [
            (
                current,
                "password.current",
                &self.current,
                PasswordFocus::Current,
            ),
            (new, "password.new", &self.new, PasswordFocus::New),
            (
                repeat,
                "password.repeat",
                &self.repeat,
                PasswordFocus::Repeat,
            ),
        ];
        for (area, label, field, focus) in rows {
            input_line(
                f,
                area,
                t(lang, label),
                field,
                self.focus == focus,
                th,
                label_w,
            );
        }
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

//! The question before a change: Enter (or y) carries out its command,
//! Esc (or n) goes back to what was there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, modal};
use crate::tui::effect::Command;
use crate::tui::i18n::t;
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

pub struct ConfirmDialog {
    pub text: String,
    pub then: Command,
}

impl ConfirmDialog {
    pub fn new(text: String, then: Command) -> ConfirmDialog {
        ConfirmDialog { text, then }
    }
}

impl Room for ConfirmDialog {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Dialog, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Confirm, Action::Cancel]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if !matches!(action, Action::Submit | Action::Confirm) {
            return EventState::Ignored;
        }
        cx.run(self.then.clone());
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        // As tall as the question wrapped, the answers and the border.
        let h = textwrap::wrap(&self.text, 62).len() as u16 + 4;
        let r = modal(f, th, area, 64, h);
        f.render_widget(
            Paragraph::new(vec![
                Line::raw(self.text.clone()),
                Line::raw(""),
                Line::styled(
                    format!("{}    {}", t(lang, "dialog.yes"), t(lang, "dialog.no")),
                    th.style(S::Key),
                ),
            ])
            .wrap(Wrap { trim: true })
            .block(dialog_block(t(lang, "action.confirm").into(), th)),
            r,
        );
        r
    }
}

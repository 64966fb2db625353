//! An empty store: the offer to create the demo region (Enter), or to
//! leave (Esc).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{centered, dialog_block};
use crate::tui::effect::Command;
use crate::tui::i18n::{t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

/// The offer has no state of its own: the store's location comes with the paint.
pub struct DemoOffer;

impl Room for DemoOffer {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Dialog, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Confirm, Action::Cancel]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        match action {
            Action::Confirm | Action::Submit => cx.run(Command::CreateDemo),
            Action::Cancel => cx.run(Command::Quit),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = centered(area, 70, 12);
        let text = Text::from(vec![
            Line::raw(tf(lang, "demo.body", &[("path", &p.location)])),
            Line::raw(""),
            Line::styled(t(lang, "demo.yes"), th.style(S::Key)),
            Line::styled(t(lang, "demo.no"), th.style(S::Muted)),
        ]);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(dialog_block(t(lang, "demo.title").into(), th)),
            r,
        );
        r
    }
}

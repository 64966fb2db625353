//! A receipt as printed, after an application is taken in or refused at
//! intake; taller than the screen, it scrolls (the list's keys) and says
//! which lines show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, modal};
use crate::tui::i18n::{t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::state::Scroll;
use crate::tui::theme::StyleName as S;

pub struct ReceiptDialog {
    pub title: String,
    pub text: String,
    pub scroll: Scroll,
}

const WIDTH: u16 = 76;

impl Room for ReceiptDialog {
    fn contexts(&self) -> &'static [Context] {
        // The list's keys scroll a receipt taller than the screen.
        &[Context::Dialog, Context::List, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Confirm, Action::Cancel]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if matches!(action, Action::Submit | Action::Confirm) {
            cx.close();
            return EventState::Consumed;
        }
        EventState::from(self.scroll.on(action))
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let inner_w = WIDTH.min(area.width.saturating_sub(2)).saturating_sub(2) as usize;
        let lines: Vec<String> = self
            .text
            .lines()
            .flat_map(|l| {
                let indent: String = l.chars().take_while(|c| *c == ' ').collect();
                let opts = textwrap::Options::new(inner_w.max(1)).subsequent_indent(&indent);
                textwrap::wrap(l, opts)
                    .into_iter()
                    .map(|c| c.into_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        // The text, then one line for closing (and scrolling), inside the border.
        let r = modal(f, th, area, WIDTH, lines.len() as u16 + 3);
        let height = r.height.saturating_sub(3);
        let offset = self.scroll.fit(lines.len(), height);
        let mut shown: Vec<Line> = lines
            .iter()
            .skip(offset as usize)
            .take(height as usize)
            .map(|l| Line::raw(l.clone()))
            .collect();
        let close = if lines.len() > height as usize {
            let to = (offset + height) as usize;
            format!(
                "{} · {}",
                tf(
                    lang,
                    "dialog.scroll",
                    &[
                        ("from", &(offset + 1)),
                        ("to", &to.min(lines.len())),
                        ("total", &lines.len())
                    ]
                ),
                t(lang, "dialog.close")
            )
        } else {
            t(lang, "dialog.close").to_string()
        };
        shown.push(Line::styled(close, th.style(S::Muted)));
        f.render_widget(
            Paragraph::new(shown).block(dialog_block(self.title.clone(), th)),
            r,
        );
        r
    }
}

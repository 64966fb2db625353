//! Which-key: what may follow the keys of a sequence typed so far.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::widgets::dialog_block;
use crate::tui::i18n::t;
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

pub fn draw_which_key(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let th = v.theme;
    let h = state.which_key.len() as u16 + 2;
    let w = state
        .which_key
        .iter()
        .map(|w| w.key.width() + w.what.width() + 6)
        .max()
        .unwrap_or(20) as u16;
    let r = Rect {
        x: area.x + area.width.saturating_sub(w + 1),
        y: area.y + area.height.saturating_sub(h),
        width: w.min(area.width),
        height: h.min(area.height),
    };
    let prefix: Vec<String> = state.pending.iter().map(|k| k.name(state.lang)).collect();
    let lines: Vec<Line> = state
        .which_key
        .iter()
        .map(|w| {
            Line::from(vec![
                Span::styled(format!(" {} ", w.key), th.style(S::Key)),
                Span::raw(format!(" {}", w.what)),
            ])
        })
        .collect();
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(dialog_block(
            format!("{} {}", t(state.lang, "help.which_key"), prefix.join(" ")),
            th,
        )),
        r,
    );
}

//! The key help (? or F1), generated from the keymap sections in force.
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::widgets::dialog_block;
use crate::tui::action::describe;
use crate::tui::i18n::{self, t, tf};
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

/// The help overlay, generated from the keymap sections in force, in as
/// many columns as the screen needs and fits; more than fits scrolls (the
/// list's keys) and says which lines show. Returns the rectangle it covers.
pub fn draw_help(f: &mut Frame, area: Rect, state: &State, v: &View) -> Rect {
    let lang = state.lang;
    let th = v.theme;
    let mut lines = Vec::new();
    for (ctx, entries) in v.keymap.help(v.contexts, lang) {
        if entries.is_empty() {
            continue;
        }
        lines.push(Line::styled(
            i18n::help_section(lang, ctx).to_string(),
            th.style(S::Label),
        ));
        for (keys, action, desc) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<13}"), th.style(S::Key)),
                Span::raw(format!(" {}", describe(lang, action, desc.as_deref()))),
            ]));
        }
    }
    // The whole body: the help covers everything beneath it.
    let r = area;
    f.render_widget(Clear, r);
    let block = dialog_block(t(lang, "help.title").into(), th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let widest = lines.iter().map(Line::width).max().unwrap_or(1) as u16;
    let fit = (inner.width / widest.max(1)).max(1) as usize;
    let height = inner.height.max(1) as usize;
    let need = lines.len().div_ceil(height).max(1);
    let (columns, per_column, view) = if need <= fit {
        (need, height, inner)
    } else {
        // Too many for the screen: `fit` columns, scrolled together, and a line saying so.
        let view = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        (fit, lines.len().div_ceil(fit), view)
    };
    let offset = state.help_scroll.fit(per_column, view.height) as usize;
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(view);
    for (i, chunk) in lines.chunks(per_column).enumerate() {
        let shown: Vec<Line> = chunk
            .iter()
            .skip(offset)
            .take(view.height as usize)
            .cloned()
            .collect();
        f.render_widget(Paragraph::new(shown), areas[i]);
    }
    if view.height < inner.height {
        let to = (offset + view.height as usize).min(per_column);
        let say = tf(
            lang,
            "dialog.scroll",
            &[("from", &(offset + 1)), ("to", &to), ("total", &per_column)],
        );
        let at = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        f.render_widget(Paragraph::new(say).style(th.style(S::Muted)), at);
    }
    r
}

//! The bottom line: hints for the keys of the innermost room, from the keymap.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::{Action, Context, describe};
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

/// Key hints for the actions the innermost room names, from the keymap.
pub fn draw_footer(f: &mut Frame, area: Rect, state: &State, v: &View) {
    footer_line(f, area, state, v, state.room().hints());
}

fn footer_line(f: &mut Frame, area: Rect, state: &State, v: &View, wanted: &[Action]) {
    let lang = state.lang;
    let th = v.theme;
    let mut spans = Vec::new();
    // Where letters are text, a one-character key (`?`) would be typed, not pressed.
    let typing = state.room().typing();
    let mut push = |ctx: Context, a: Action| {
        let keys = v.keymap.keys_for(ctx, a, lang);
        let key = match typing {
            true => keys.iter().find(|k| k.chars().count() > 1),
            false => keys.first(),
        };
        if let Some(k) = key {
            spans.push(Span::styled(format!(" {k} "), th.style(S::Key)));
            spans.push(Span::raw(format!(" {}  ", describe(lang, a, None))));
        }
    };
    let first = v.contexts.first().copied().unwrap_or(Context::Global);
    for a in wanted {
        let ctx = v
            .contexts
            .iter()
            .copied()
            .find(|c| !v.keymap.keys_for(*c, *a, lang).is_empty())
            .unwrap_or(first);
        push(ctx, *a);
    }
    push(Context::Global, Action::Help);
    push(Context::Global, Action::Quit);
    f.render_widget(
        Paragraph::new(Line::from(spans)).style(th.style(S::Muted)),
        area,
    );
}

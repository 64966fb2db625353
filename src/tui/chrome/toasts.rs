//! Messages (toasts): in the pane's free room, never over an open dialog.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::widgets::truncate;
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

/// The toasts, newest lowest, inside the pane's border in its free room:
/// beside a modal (above or below it, whichever is taller), never over it.
/// With no room left, the newest shows on one line over the footer.
pub fn draw_toasts(
    f: &mut Frame,
    pane: Rect,
    footer: Rect,
    covered: Option<Rect>,
    state: &State,
    v: &View,
) {
    let th = v.theme;
    let style = |error: bool| th.style(if error { S::ToastError } else { S::ToastInfo });
    let area = pane.inner(ratatui::layout::Margin::new(1, 1));
    let room = match covered {
        None => area,
        Some(c) => {
            // One row of margin stays clear around the modal.
            let above = c.y.saturating_sub(area.y + 1);
            let below = area.bottom().saturating_sub(c.bottom() + 1);
            if above > below {
                Rect {
                    height: above,
                    ..area
                }
            } else {
                Rect {
                    y: area.bottom() - below,
                    height: below,
                    ..area
                }
            }
        }
    };
    let w = (area.width / 2).max(40).min(area.width);
    let mut y = room.bottom();
    let mut drawn = 0;
    for toast in state.toasts.iter().rev() {
        let lines = (toast.text.width() as u16 / w.saturating_sub(4).max(1)) + 3;
        if y < room.y + lines {
            break;
        }
        y -= lines;
        let r = Rect {
            x: area.x + area.width - w,
            y,
            width: w,
            height: lines,
        };
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(toast.text.clone())
                .wrap(Wrap { trim: true })
                .style(style(toast.error))
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(style(toast.error)),
                ),
            r,
        );
        drawn += 1;
    }
    if let (0, Some(toast)) = (drawn, state.toasts.back()) {
        f.render_widget(Clear, footer);
        f.render_widget(
            Paragraph::new(truncate(&toast.text, footer.width as usize)).style(style(toast.error)),
            footer,
        );
    }
}

//! The small drawing pieces every room uses: dialog frames, input and value
//! lines, cutting text to fit, and the wording of an amount of time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::calendar::{SlaState, TimeAmount};

use crate::tui::field::Field;
use crate::tui::i18n::{Lang, tf};
use crate::tui::theme::{StyleName as S, Theme};

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A dialog's rectangle, centred in `area` (the pane, whose border stays
/// whole), with a blank margin cleared around it so nothing of the pane
/// beneath shows at its edges; the dialog shrinks to fit inside.
pub fn modal(f: &mut Frame, th: &Theme, area: Rect, w: u16, h: u16) -> Rect {
    let inside = area.inner(ratatui::layout::Margin::new(1, 1));
    let r = centered(inside, w, h);
    let margin = r
        .outer(ratatui::layout::Margin::new(1, 1))
        .intersection(inside);
    f.render_widget(Clear, margin);
    f.render_widget(Block::default().style(th.style(S::Base)), margin);
    r
}

pub fn dialog_block<'a>(title: String, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::BorderFocused))
        .title(Span::styled(format!(" {title} "), th.style(S::Title)))
        .style(th.style(S::Dialog))
}

/// A one-line input: the label, then the field, styled by focus.
pub fn input_line(
    f: &mut Frame,
    area: Rect,
    label: &str,
    field: &Field,
    focused: bool,
    th: &Theme,
    label_w: u16,
) {
    let [l, i] = Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)]).areas(area);
    f.render_widget(
        Paragraph::new(format!("{label}:")).style(th.style(S::Label)),
        l,
    );
    draw_field(f, i, field, focused, th);
}

pub fn draw_field(f: &mut Frame, area: Rect, field: &Field, focused: bool, th: &Theme) {
    let mut ta = field.area.clone();
    let style = th.style(if focused { S::InputFocused } else { S::Input });
    ta.set_style(style);
    ta.set_cursor_line_style(Style::default());
    ta.set_cursor_style(if focused {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    });
    f.render_widget(&ta, area);
}

pub fn value_line(
    f: &mut Frame,
    area: Rect,
    label: &str,
    value: &str,
    focused: bool,
    th: &Theme,
    lw: u16,
) {
    let [l, i] = Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(area);
    f.render_widget(
        Paragraph::new(format!("{label}:")).style(th.style(S::Label)),
        l,
    );
    let style = th.style(if focused { S::InputFocused } else { S::Input });
    let marker = if focused { "◂ ▸ " } else { "" };
    let value = truncate(value, (i.width as usize).saturating_sub(marker.width()));
    f.render_widget(Paragraph::new(format!("{marker}{value}")).style(style), i);
}

pub fn amount(lang: Lang, a: TimeAmount) -> String {
    match a {
        TimeAmount::WorkingMinutes(m) if m >= 60 => {
            tf(lang, "time.hours", &[("h", &(m / 60)), ("m", &(m % 60))])
        }
        TimeAmount::WorkingMinutes(m) => tf(lang, "time.minutes", &[("n", &m)]),
        TimeAmount::WorkingDays(d) => tf(lang, "time.working_days", &[("n", &d)]),
        TimeAmount::CalendarDays(d) => tf(lang, "time.calendar_days", &[("n", &d)]),
    }
}

pub fn sla_style(th: &Theme, s: Option<SlaState>) -> Style {
    match s {
        Some(SlaState::Overdue) => th.style(S::Overdue),
        Some(SlaState::AtRisk) => th.style(S::AtRisk),
        Some(SlaState::OnTime) => th.style(S::Ok),
        None => th.style(S::Muted),
    }
}

/// `s` cut to `width` display columns, ending with `…` when cut: the one
/// helper for every text that may not fit (wide characters count double).
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

pub fn pane_block<'a>(title: String, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::Border))
        .title(Span::styled(format!(" {title} "), th.style(S::Title)))
}

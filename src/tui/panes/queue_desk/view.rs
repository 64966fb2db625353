//! Drawing the operator's window pane: the windows to choose from, or the
//! desk (the visitor at the window, the queues by category, who works where).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::domain::queue::{OperatorState, QueueConfig, Ticket, TicketState};
use crate::ops::queue::Desk;
use crate::tui::chrome::widgets::{pane_block, truncate};
use crate::tui::i18n::{self, Lang, t, tf};
use crate::tui::room::Paint;
use crate::tui::theme::StyleName as S;

use super::QueuePane;

pub fn category_name(lang: Lang, config: &QueueConfig, letter: char) -> String {
    config
        .category(letter)
        .map(|c| i18n::category_name(lang, c).to_string())
        .unwrap_or_default()
}

fn ticket_line(lang: Lang, tk: &Ticket) -> String {
    let when = tk
        .history
        .last()
        .map(|e| e.at.format("%H:%M").to_string())
        .unwrap_or_default();
    let state = i18n::ticket_state_name(lang, tk.state);
    let mut s = tf(
        lang,
        "queue.ticket_line",
        &[
            ("state", &state),
            ("time", &when),
            ("taken", &tk.taken_at.format("%H:%M")),
        ],
    );
    if tk.state == TicketState::Called && tk.calls > 1 {
        s.push_str(&format!(" ×{}", tk.calls));
    }
    if let Some(p) = tk.priority {
        s.push_str(&format!(" · {}", i18n::priority_name(lang, p)));
    }
    if tk.appointment.is_some() {
        s.push_str(&format!(" · {}", t(lang, "queue.appointment")));
    }
    s
}

/// The window's state as the title says it: a ticket called but not yet
/// come is being called, not served.
fn window_state(lang: Lang, state: OperatorState, current: Option<&Ticket>) -> String {
    match current {
        Some(tk) if tk.state == TicketState::Called => {
            tf(lang, "queue.state_calling", &[("number", &tk.number)])
        }
        _ => i18n::operator_state_name(lang, state).to_string(),
    }
}

pub fn draw(f: &mut Frame, area: Rect, pane: &QueuePane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let Some(desk) = &pane.desk else {
        let text = pane.unavailable(lang);
        f.render_widget(
            Paragraph::new(text)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true })
                .block(pane_block(t(lang, "pane.queue").into(), th)),
            area,
        );
        return;
    };
    match &desk.window {
        None => draw_windows_choice(f, area, pane, desk, p),
        Some(_) => draw_desk(f, area, desk, p),
    }
}

fn draw_windows_choice(f: &mut Frame, area: Rect, pane: &QueuePane, desk: &Desk, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let block = pane_block(t(lang, "queue.choose_window").into(), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = vec![
        Line::styled(t(lang, "queue.choose_hint"), th.style(S::Muted)),
        Line::raw(""),
    ];
    for (i, wc) in desk.config.windows.iter().enumerate() {
        let cats: Vec<String> = wc.categories.iter().map(|c| c.to_string()).collect();
        let who = desk
            .windows
            .iter()
            .find(|s| s.number == wc.number)
            .and_then(|s| s.operator.as_deref())
            .map_or_else(
                || t(lang, "queue.free_window").to_string(),
                |l| p.name_of(l).to_string(),
            );
        let style = if i == pane.cursor {
            th.style(S::Selected)
        } else {
            Style::default()
        };
        lines.push(Line::styled(
            format!(
                " {:<10} {:<10} {who}",
                tf(lang, "queue.window", &[("n", &wc.number)]),
                cats.join(", ")
            ),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_desk(f: &mut Frame, area: Rect, desk: &Desk, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let Some(win) = &desk.window else { return };
    let cats: Vec<String> = desk
        .config
        .window(win.number)
        .map(|c| c.categories.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let title = format!(
        "{} · {} ({}) · {}",
        t(lang, "pane.queue"),
        tf(lang, "queue.window", &[("n", &win.number)]),
        cats.join(", "),
        window_state(lang, win.state, desk.current.as_ref())
    );
    let block = pane_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [top, big, info, queues] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(4),
        Constraint::Length(2),
        Constraint::Min(1),
    ])
    .areas(inner);
    let head = match &desk.current {
        Some(tk) => Line::from(vec![
            Span::styled(format!("{} ", t(lang, "queue.current")), th.style(S::Label)),
            Span::raw(ticket_line(lang, tk)),
        ]),
        None => {
            let key = match win.state {
                OperatorState::OnBreak => "queue.break_since",
                OperatorState::BackOffice => "queue.back_office_since",
                _ => "queue.free_since",
            };
            Line::styled(
                tf(lang, key, &[("time", &win.since.format("%H:%M"))]),
                th.style(S::Muted),
            )
        }
    };
    let waiting = Line::from(vec![
        Span::styled(format!("{} ", t(lang, "queue.for_me")), th.style(S::Label)),
        Span::styled(desk.for_me.to_string(), th.style(S::Highlight)),
    ]);
    f.render_widget(Paragraph::new(vec![head, waiting]), top);
    draw_ticket(f, big, info, desk, p);
    f.render_widget(Paragraph::new(queue_lines(desk, queues.width, p)), queues);
}

/// The visitor at the window in large digits, and the last one seen beneath.
fn draw_ticket(f: &mut Frame, big: Rect, info: Rect, desk: &Desk, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    if let Some(tk) = &desk.current {
        let name = category_name(lang, &desk.config, tk.category);
        let [num, label] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(1)]).areas(big);
        f.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::HalfHeight)
                .style(th.style(S::Highlight))
                .lines(vec![Line::raw(tk.number.clone())])
                .build(),
            num,
        );
        f.render_widget(
            Paragraph::new(vec![Line::raw(""), Line::styled(name, th.style(S::Title))]),
            label,
        );
    }
    let last = desk
        .ticket
        .as_ref()
        .filter(|t| desk.current.as_ref().is_none_or(|c| c.number != t.number));
    if let Some(tk) = last {
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "{} {} — {}",
                    t(lang, "queue.last"),
                    tk.number,
                    ticket_line(lang, tk)
                ),
                th.style(S::Muted),
            )),
            info,
        );
    }
}

/// The queues by category, then who works at which window.
fn queue_lines(desk: &Desk, width: u16, p: &Paint) -> Vec<Line<'static>> {
    let (lang, th) = (p.lang, p.theme);
    let mut lines = vec![Line::styled(t(lang, "queue.queues"), th.style(S::Label))];
    for (letter, n) in &desk.waiting {
        lines.push(Line::raw(format!(
            "  {letter}  {:<3} {}",
            n,
            category_name(lang, &desk.config, *letter)
        )));
    }
    lines.push(Line::styled(t(lang, "queue.windows"), th.style(S::Label)));
    let mut row = String::from(" ");
    for s in &desk.windows {
        let what = match (&s.operator, &s.ticket) {
            (None, _) => t(lang, "queue.closed").to_string(),
            (Some(_), Some(tk)) => tk.number.clone(),
            (Some(_), None) => i18n::operator_state_name(lang, s.state).to_string(),
        };
        row.push_str(&format!(" {}: {what} │", s.number));
    }
    lines.push(Line::raw(truncate(
        row.trim_end_matches('│'),
        width as usize,
    )));
    lines
}

//! Drawing the queue in the workstation: the operator's window pane, the
//! finish and transfer dialogs, and the head's figures with charts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Cell, Paragraph, Row as TRow, Table, Wrap,
};
use tui_big_text::{BigText, PixelSize};

use crate::domain::queue::stats::{DayStats, Figures, Spread};
use crate::domain::queue::{OperatorState, QueueConfig, Ticket, TicketState};
use crate::ops::queue::Desk;

use super::i18n::{self, Lang, t, tf};
use super::queue_pane::state_name;
use super::screens::work::Work;
use super::state::*;
use super::theme::{StyleName as S, Theme};
use super::chrome::widgets::{pane_block, truncate};
use super::ui::View;
use unicode_width::UnicodeWidthStr;

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
        _ => state_name(lang, state).to_string(),
    }
}

pub fn draw_queue(f: &mut Frame, area: Rect, state: &State, w: &Work, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let Some(desk) = &w.queue.desk else {
        let text = w.queue.unavailable(lang);
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
        None => draw_windows_choice(f, area, state, w, desk, v),
        Some(_) => draw_desk(f, area, state, desk, v),
    }
}

fn draw_windows_choice(f: &mut Frame, area: Rect, state: &State, w: &Work, desk: &Desk, v: &View) {
    let lang = state.lang;
    let th = v.theme;
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
                |l| w.name_of(l).to_string(),
            );
        let style = if i == w.queue.cursor {
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

fn draw_desk(f: &mut Frame, area: Rect, state: &State, desk: &Desk, v: &View) {
    let lang = state.lang;
    let th = v.theme;
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
    // The queues by category, then who works at which window.
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
            (Some(_), None) => state_name(lang, s.state).to_string(),
        };
        row.push_str(&format!(" {}: {what} │", s.number));
    }
    lines.push(Line::raw(truncate(
        row.trim_end_matches('│'),
        queues.width as usize,
    )));
    f.render_widget(Paragraph::new(lines), queues);
}



fn minutes(s: Option<Spread>, pick: fn(&Spread) -> i64) -> String {
    s.map_or("—".into(), |s| format!("{:.1}", pick(&s) as f64 / 60.0))
}

fn figures_row<'a>(name: String, f: &Figures) -> TRow<'a> {
    TRow::new(vec![
        Cell::from(name),
        Cell::from(f.tickets.to_string()),
        Cell::from(f.served.to_string()),
        Cell::from(f.no_shows.to_string()),
        Cell::from(minutes(f.waiting, |s| s.median)),
        Cell::from(minutes(f.waiting, |s| s.p90)),
        Cell::from(minutes(f.waiting, |s| s.max)),
        Cell::from(minutes(f.service, |s| s.median)),
        Cell::from(minutes(f.service, |s| s.p90)),
        Cell::from(minutes(f.service, |s| s.max)),
    ])
}

/// Served and no-shows per category: the numbers under their bars (never
/// over them), the category's letter beneath.
fn served_chart<'a>(lang: Lang, th: &Theme, st: &DayStats, config: &QueueConfig) -> BarChart<'a> {
    let bar = |n: usize, style: S| {
        Bar::default()
            .value(n as u64)
            .text_value(String::new())
            .label(Line::from(n.to_string()))
            .style(th.style(style))
    };
    let mut chart = BarChart::default()
        .block(pane_block(t(lang, "stats.served_chart").into(), th))
        .bar_width(3)
        .bar_gap(1)
        .group_gap(3);
    for c in &config.categories {
        let fig = st.categories.get(&c.letter).cloned().unwrap_or_default();
        chart = chart.data(
            BarGroup::default()
                .label(Line::from(c.letter.to_string()))
                .bars(&[bar(fig.served, S::Ok), bar(fig.no_shows, S::Overdue)]),
        );
    }
    chart
}

/// First and last hour of the arrivals chart's axis (08:00 to 20:00).
const CHART_HOURS: std::ops::Range<usize> = 8..20;

/// Tickets taken per hour of the working day, each bar over its hour; the
/// busiest hour named in the title.
fn arrivals_chart<'a>(lang: Lang, th: &Theme, st: &DayStats, area: Rect) -> BarChart<'a> {
    let counts = &st.arrivals[CHART_HOURS];
    let (peak_at, peak) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or((0, 0), |(i, n)| (i + CHART_HOURS.start, *n));
    let title = if peak == 0 {
        t(lang, "stats.arrivals_chart").to_string()
    } else {
        tf(
            lang,
            "stats.arrivals_peak",
            &[("n", &peak), ("hour", &format!("{peak_at:02}"))],
        )
    };
    let title = truncate(&title, area.width.saturating_sub(4) as usize);
    let slots = CHART_HOURS.len() as u16;
    let width = (area.width.saturating_sub(2 + slots - 1) / slots).clamp(2, 6);
    let bars: Vec<Bar> = counts
        .iter()
        .zip(CHART_HOURS)
        .map(|(&n, hour)| {
            Bar::default()
                .value(n as u64)
                .text_value(String::new())
                .label(Line::from(format!("{hour:02}")))
                .style(th.style(S::Highlight))
        })
        .collect();
    BarChart::default()
        .block(pane_block(title, th))
        .bar_width(width)
        .bar_gap(1)
        .data(BarGroup::default().bars(&bars))
}

pub fn draw_stats(f: &mut Frame, area: Rect, state: &State, w: &Work, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let day = w.stats.day.unwrap_or(state.now.date());
    // Today is the last day with figures: the title offers only ← then.
    let title_key = if day >= state.now.date() {
        "stats.title_today"
    } else {
        "stats.title"
    };
    let title = tf(lang, title_key, &[("day", &day.format("%d.%m.%Y"))]);
    let block = pane_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (Some(st), Some(config)) = (&w.stats.stats, &w.stats.config) else {
        let text = w.stats.error.clone().unwrap_or_default();
        f.render_widget(
            Paragraph::new(text)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let [summary, charts, table] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Percentage(40),
        Constraint::Min(4),
    ])
    .areas(inner);
    let total = &st.total;
    f.render_widget(
        Paragraph::new(vec![
            Line::raw(tf(
                lang,
                "stats.summary",
                &[
                    ("tickets", &total.tickets),
                    ("served", &total.served),
                    ("no_shows", &total.no_shows),
                    ("open", &st.open),
                ],
            )),
            Line::styled(t(lang, "stats.units"), th.style(S::Muted)),
        ])
        .wrap(Wrap { trim: true }),
        summary,
    );
    let [bars, hours] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    f.render_widget(served_chart(lang, th, st, config), bars);
    f.render_widget(arrivals_chart(lang, th, st, hours), hours);
    let titles = [
        "stats.col_who",
        "stats.col_tickets",
        "stats.col_served",
        "stats.col_no_shows",
        "stats.col_wait_med",
        "stats.col_wait_p90",
        "stats.col_wait_max",
        "stats.col_serv_med",
        "stats.col_serv_p90",
        "stats.col_serv_max",
    ]
    .map(|k| t(lang, k));
    let mut named = vec![(t(lang, "stats.total").to_string(), total)];
    for (c, fig) in &st.categories {
        named.push((format!("{c} {}", category_name(lang, config, *c)), fig));
    }
    for (op, fig) in &st.operators {
        named.push((op.clone(), fig));
    }
    // Figures as wide as their titles (at least 5); the names take the rest, cut with `…`.
    let numbers: Vec<u16> = titles[1..]
        .iter()
        .map(|h| h.width().max(5) as u16)
        .collect();
    let name_w = table
        .width
        .saturating_sub(numbers.iter().sum::<u16>() + numbers.len() as u16)
        .max(8);
    let cut = |s: &str| truncate(s, name_w as usize);
    let header = TRow::new(
        titles
            .iter()
            .enumerate()
            .map(|(i, h)| Cell::from(if i == 0 { cut(h) } else { h.to_string() })),
    )
    .style(th.style(S::Label));
    let rows: Vec<TRow> = named
        .iter()
        .map(|(n, fig)| figures_row(cut(n), fig))
        .collect();
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(name_w))
        .chain(numbers.iter().map(|w| Constraint::Length(*w)))
        .collect();
    f.render_widget(Table::new(rows, widths).header(header), table);
}

//! Drawing the queue figures: a summary line, the visits within the
//! regulation's minutes, two charts (served and
//! no-shows per category; tickets per hour) and the tables per category and
//! per operator.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Paragraph, Row as TRow, Table, Wrap};

use crate::domain::queue::QueueConfig;
use crate::domain::queue::stats::{DayStats, Figures, Spread};
use crate::tui::chrome::widgets::{pane_block, truncate};
use crate::tui::i18n::{Lang, t, tf};
use crate::tui::panes::queue_desk::view::category_name;
use crate::tui::room::Paint;
use crate::tui::theme::{StyleName as S, Theme};
use unicode_width::UnicodeWidthStr;

use super::StatsPane;

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

pub fn draw(f: &mut Frame, area: Rect, pane: &StatsPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let day = pane.day.unwrap_or(p.now.date());
    // Today is the last day with figures: the title offers only ← then.
    let title_key = if day >= p.now.date() {
        "stats.title_today"
    } else {
        "stats.title"
    };
    let title = tf(lang, title_key, &[("day", &day.format("%d.%m.%Y"))]);
    let block = pane_block(title, th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let (Some(st), Some(config)) = (&pane.stats, &pane.config) else {
        let text = pane.error.clone().unwrap_or_default();
        f.render_widget(
            Paragraph::new(text)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let [summary, charts, table] = Layout::vertical([
        Constraint::Length(3),
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
            // Visits that filed or issued an application, against the
            // regulation's minutes for the centre's part (issue 13 item 5).
            Line::raw(tf(
                lang,
                "stats.within_norm",
                &[
                    ("within", &st.regulation.within),
                    ("timed", &st.regulation.timed),
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
    draw_table(f, table, st, config, p);
}

/// The figures of the day, of each category and of each operator.
fn draw_table(f: &mut Frame, table: Rect, st: &DayStats, config: &QueueConfig, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let total = &st.total;
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

//! The charts under the compliance table: the on-time share by service, the
//! routes finished each day, and each step's time against its norm, in the
//! norm's own unit (working days stay working days).

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline, Wrap};

use crate::domain::norm::{Norm, NormUnit};
use crate::domain::report::{ComplianceRow, GroupBy, GroupKey, StepTimes};
use crate::tui::chrome::widgets::{pane_block, truncate};
use crate::tui::i18n::{self, Lang, t, tf};
use crate::tui::theme::StyleName as S;
use unicode_width::UnicodeWidthStr;

use super::view::Namer;
use super::{Entry, ReportsPane};

/// A step's bar reaches the chart's middle at its norm: the scale runs to twice the norm.
const SCALE_NORMS: u64 = 2;

pub fn draw(f: &mut Frame, area: Rect, pane: &ReportsPane, n: &Namer) {
    let [shares, daily, steps] = Layout::horizontal([
        Constraint::Percentage(34),
        Constraint::Percentage(30),
        Constraint::Percentage(36),
    ])
    .areas(area);
    draw_shares(f, shares, n);
    draw_daily(f, daily, pane, n);
    draw_steps(f, steps, pane, n);
}

fn title(text: String, area: Rect) -> String {
    truncate(&text, area.width.saturating_sub(4) as usize)
}

/// On-time share by service: one bar a service, the share written on it.
fn draw_shares(f: &mut Frame, area: Rect, n: &Namer) {
    let (lang, th) = (n.p.lang, n.p.theme);
    let block = pane_block(title(t(lang, "reports_pane.chart_shares").into(), area), th);
    let label_w = (area.width.saturating_sub(2) / 2) as usize;
    let bars: Vec<Bar> = n
        .data
        .compliance
        .rows_by(GroupBy::Service)
        .filter_map(|r| {
            let GroupKey::Service(s) = &r.key else {
                return None;
            };
            let share = r.on_time_share?;
            let percent = (share * 100.0).round() as u64;
            Some(
                Bar::default()
                    .value(percent)
                    .text_value(format!("{percent} %"))
                    .label(Line::from(truncate(&n.service(s), label_w)))
                    .style(th.style(if share < 1.0 { S::AtRisk } else { S::Ok })),
            )
        })
        .collect();
    if bars.is_empty() {
        return empty(f, area, block, t(lang, "reports_pane.chart_nothing"), n);
    }
    f.render_widget(
        BarChart::default()
            .block(block)
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .max(100)
            .value_style(th.style(S::TabActive))
            .data(BarGroup::default().bars(&bars)),
        area,
    );
}

fn empty(f: &mut Frame, area: Rect, block: ratatui::widgets::Block, text: &str, n: &Namer) {
    f.render_widget(
        Paragraph::new(text)
            .style(n.p.theme.style(S::Muted))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// Routes finished each day of the period up to today: the last days that fit.
fn draw_daily(f: &mut Frame, area: Rect, pane: &ReportsPane, n: &Namer) {
    let (lang, th) = (n.p.lang, n.p.theme);
    let period = pane.period.period(n.p.now);
    let last = period.to.min(n.p.now.date());
    let counts = &n.data.compliance.daily_completed;
    let mut days = Vec::new();
    let mut day = period.from;
    while day <= last {
        let c = counts
            .iter()
            .find(|c| c.day == day)
            .map_or(0, |c| c.completed);
        days.push(u64::from(c));
        day += Duration::days(1);
    }
    let total: u64 = days.iter().sum();
    let peak = days.iter().copied().max().unwrap_or(0);
    let text = tf(
        lang,
        "reports_pane.chart_daily",
        &[("total", &total), ("peak", &peak)],
    );
    let block = pane_block(title(text, area), th);
    let fits = area.width.saturating_sub(2) as usize;
    let shown = &days[days.len().saturating_sub(fits)..];
    f.render_widget(
        Sparkline::default()
            .block(block)
            .data(shown)
            .style(th.style(S::Highlight)),
        area,
    );
}

/// The service whose steps the step chart shows: the one narrowed to, else
/// the one under the cursor.
fn service_in_focus(pane: &ReportsPane) -> Option<&str> {
    if let (_, Some(s)) = pane.narrowed() {
        return Some(s);
    }
    match pane.entries().get(pane.selected).copied() {
        Some(Entry::Group(ComplianceRow {
            key: GroupKey::Service(s),
            ..
        })) => Some(s),
        _ => None,
    }
}

/// A figure in the norm's unit, as people write it ("2 р. д.", "1,5 ч").
pub fn in_unit(lang: Lang, unit: NormUnit, value: f64) -> String {
    let n = crate::i18n::reports::DecimalMark::of(lang).figure(value, 1);
    tf(
        lang,
        &format!("reports_pane.unit_{}", unit.as_str()),
        &[("n", &n)],
    )
}

fn norm_value(norm: Norm, unit_value: f64) -> u64 {
    // A norm of 0 working days ("the day it arrives") scales as one.
    let norm_units = f64::from(norm.value.max(1));
    (unit_value / norm_units * 100.0).round() as u64
}

/// One bar of a step: its label (with the figure in the norm's unit), its
/// length as a share of the norm, and whether it is over the norm.
struct StepBar {
    label: String,
    percent: u64,
    over: bool,
}

/// The bars of one step: median, 90th percentile and maximum as shares of
/// the norm (the chart's middle); only the 90th percentile where the chart
/// has no room for three. The figure goes in the label: ratatui cuts a value
/// drawn over a short bar by bytes, which garbles Cyrillic.
fn step_bars(lang: Lang, times: &StepTimes, all: bool) -> Vec<StepBar> {
    let unit = times.norm.unit;
    [
        ("reports_pane.median", times.median),
        ("reports_pane.p90", times.p90),
        ("reports_pane.max", times.max),
    ]
    .into_iter()
    .filter(|(key, _)| all || *key == "reports_pane.p90")
    .map(|(key, value)| StepBar {
        label: format!("{} {}", t(lang, key), in_unit(lang, unit, value)),
        percent: norm_value(times.norm, value),
        over: value > f64::from(times.norm.value),
    })
    .collect()
}

/// Each step's time against its norm: a group of bars a step, named with
/// the step and its norm.
/// The service's steps that have times, each labelled with its number,
/// name and norm.
fn step_times_of<'d>(n: &'d Namer<'_>, service: &str) -> Vec<(String, &'d StepTimes)> {
    let lang = n.p.lang;
    n.data
        .compliance
        .rows_by(GroupBy::Step)
        .filter_map(|r| {
            let GroupKey::Step {
                service: s, step, ..
            } = &r.key
            else {
                return None;
            };
            let info = r.step.as_ref().filter(|_| s == service)?;
            let times = info.times.as_ref()?;
            let label = tf(
                lang,
                "reports_pane.step_norm",
                &[
                    (
                        "step",
                        &format!("{}. {}", step + 1, i18n::step_name(lang, info.action)),
                    ),
                    ("norm", &i18n::norm_text(lang, times.norm)),
                ],
            );
            Some((label, times))
        })
        .collect()
}

fn draw_steps(f: &mut Frame, area: Rect, pane: &ReportsPane, n: &Namer) {
    let (lang, th) = (n.p.lang, n.p.theme);
    let Some(service) = service_in_focus(pane) else {
        let block = pane_block(title(t(lang, "reports_pane.chart_steps").into(), area), th);
        return empty(
            f,
            area,
            block,
            t(lang, "reports_pane.chart_pick_service"),
            n,
        );
    };
    let text = tf(
        lang,
        "reports_pane.chart_steps_of",
        &[("service", &n.service(service))],
    );
    let block = pane_block(title(text, area), th);
    let steps = step_times_of(n, service);
    if steps.is_empty() {
        return empty(f, area, block, t(lang, "reports_pane.chart_nothing"), n);
    }
    // Three bars and the step's name a step, when that fits.
    let all = area.height.saturating_sub(2) as usize >= steps.len() * 4;
    let groups: Vec<(String, Vec<StepBar>)> = steps
        .iter()
        .map(|(label, times)| (label.clone(), step_bars(lang, times, all)))
        .collect();
    // A group's name is drawn right of the bars' labels: it gets what is left.
    let bar_labels = groups
        .iter()
        .flat_map(|(_, bars)| bars.iter())
        .map(|b| b.label.width())
        .max()
        .unwrap_or(0);
    let label_w = (area.width.saturating_sub(3) as usize).saturating_sub(bar_labels);
    let mut chart = BarChart::default()
        .block(block)
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .group_gap(1)
        .max(100 * SCALE_NORMS)
        .value_style(th.style(S::TabActive));
    for (label, bars) in &groups {
        let bars: Vec<Bar> = bars
            .iter()
            .map(|b| {
                Bar::default()
                    .value(b.percent)
                    .text_value(String::new())
                    .label(Line::from(b.label.clone()))
                    .style(th.style(if b.over { S::Overdue } else { S::Ok }))
            })
            .collect();
        chart = chart.data(
            BarGroup::default()
                .label(Line::from(truncate(label, label_w)))
                .bars(&bars),
        );
    }
    f.render_widget(chart, area);
}

//! Drawing the Reports pane: the period and where the drill-down stands,
//! the reports as tabs, the table of the level (only the rows on screen),
//! the selected line in full beneath it, and under the compliance table its
//! charts (`charts`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row as TRow, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::calendar::SlaState;
use crate::domain::report::{ComplianceRow, ForecastRow, GroupBy, GroupKey, HolderKey, OverdueRow};
use crate::ops::report::ReportScope;
use crate::tui::chrome::widgets::{amount, pane_block, sla_style, truncate};
use crate::tui::i18n::{self, Lang, opt_date_time, t, tf};
use crate::tui::room::Paint;
use crate::tui::theme::StyleName as S;

use super::{Entry, Level, PeriodChoice, ReportData, ReportView, ReportsPane};

/// Below this the pane says it needs more room instead of drawing a cut table.
const MIN_INNER: (u16, u16) = (60, 12);
/// From this width the tables show every column.
const WIDE: u16 = 120;

/// Names of what reports mention, in the user's language.
pub struct Namer<'a> {
    pub p: &'a Paint<'a>,
    pub data: &'a ReportData,
}

impl Namer<'_> {
    pub fn org(&self, code: &str) -> String {
        self.data
            .orgs
            .iter()
            .find(|o| o.code == code)
            .map_or(code.to_string(), |o| {
                i18n::org_name(self.p.lang, o).to_string()
            })
    }

    pub fn service(&self, id: &str) -> String {
        self.p.catalog.get(id).map_or(id.to_string(), |s| {
            i18n::service_name(self.p.lang, s).to_string()
        })
    }

    pub fn person(&self, login: &str) -> String {
        self.p.name_of(login).to_string()
    }

    pub fn key(&self, key: &GroupKey) -> String {
        let lang = self.p.lang;
        match key {
            GroupKey::Total => i18n::reports::group_name(lang, None).to_string(),
            GroupKey::Region(r) => i18n::region_name(lang, r),
            GroupKey::Org(o) => self.org(o),
            GroupKey::Service(s) => self.service(s),
            GroupKey::Step { service, step, .. } => {
                format!("{}: {}", self.service(service), step + 1)
            }
            GroupKey::Person(p) => self.person(p),
        }
    }

    pub fn holder(&self, h: &HolderKey) -> String {
        match h {
            HolderKey::Person { login, .. } => self.person(login),
            HolderKey::Office { org, role } => format!(
                "{} ({})",
                i18n::role_name(self.p.lang, *role),
                self.org(org)
            ),
        }
    }

    fn step(&self, action: crate::domain::catalog::StepAction, step: usize) -> String {
        format!("{}. {}", step + 1, i18n::step_name(self.p.lang, action))
    }
}

fn period_text(lang: Lang, pane: &ReportsPane, p: &Paint) -> String {
    let period = pane.period.period(p.now);
    let dates = format!(
        "{} – {}",
        period.from.format("%d.%m.%Y"),
        period.to.format("%d.%m.%Y")
    );
    match pane.period {
        PeriodChoice::Named(n) => format!("{} ({dates})", i18n::period_name(lang, n)),
        PeriodChoice::Dates(_) => dates,
    }
}

pub fn draw(f: &mut Frame, area: Rect, pane: &ReportsPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let title = tf(
        lang,
        "reports_pane.title",
        &[("period", &period_text(lang, pane, p))],
    );
    let block = pane_block(truncate(&title, area.width.saturating_sub(4) as usize), th);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.width < MIN_INNER.0 || inner.height < MIN_INNER.1 {
        let text = t(lang, "reports_pane.too_small");
        f.render_widget(
            Paragraph::new(text)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let Some(data) = &pane.data else {
        let text = pane
            .error
            .clone()
            .unwrap_or_else(|| t(lang, "reports_pane.loading").to_string());
        f.render_widget(
            Paragraph::new(text)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let names = Namer { p, data };
    let charts_height = if pane.view == ReportView::Compliance && pane.grouping().is_some() {
        (inner.height.saturating_sub(5) / 2).min(16)
    } else {
        0
    };
    let [crumbs, tabs, summary, table, detail, charts] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(2),
        Constraint::Length(charts_height),
    ])
    .areas(inner);
    let crumb = fit_crumbs(&breadcrumb(pane, &names), crumbs.width as usize);
    f.render_widget(Paragraph::new(crumb).style(th.style(S::Label)), crumbs);
    draw_tabs(f, tabs, pane, p);
    let total = data.compliance.total();
    f.render_widget(
        Paragraph::new(truncate(&summary_text(lang, total), summary.width as usize)),
        summary,
    );
    draw_entries(f, [table, detail], pane, &names);
    if charts_height > 0 {
        super::charts::draw(f, charts, pane, &names);
    }
}

/// The table of the level, or why it is empty, and the selected line in full.
fn draw_entries(f: &mut Frame, [table, detail]: [Rect; 2], pane: &ReportsPane, names: &Namer) {
    let (lang, th) = (names.p.lang, names.p.theme);
    let entries = pane.entries();
    if entries.is_empty() {
        let key = match pane.view {
            ReportView::Compliance if pane.grouping().is_some() => "reports_pane.empty",
            ReportView::Forecast => "reports_pane.no_forecast",
            _ => "reports_pane.no_late",
        };
        f.render_widget(
            Paragraph::new(t(lang, key)).style(th.style(S::Muted)),
            table,
        );
        return;
    }
    draw_table(f, table, pane, &entries, names);
    if let Some(e) = entries.get(pane.selected) {
        f.render_widget(
            Paragraph::new(detail_text(e, names))
                .style(th.style(S::Muted))
                .wrap(Wrap { trim: true }),
            detail,
        );
    }
}

const CRUMB_GAP: &str = " › ";

/// The levels joined to fit `width`: the last (where one is) shown whole
/// as far as half the width allows, the ones before it cut evenly.
fn fit_crumbs(parts: &[String], width: usize) -> String {
    let joined = parts.join(CRUMB_GAP);
    if joined.width() <= width || parts.len() < 2 {
        return truncate(&joined, width);
    }
    let (last, before) = parts.split_last().expect("two parts or more");
    let last = truncate(last, (width / 2).max(1));
    let gaps = CRUMB_GAP.width() * before.len();
    let each = width.saturating_sub(last.width() + gaps) / before.len();
    let mut cut: Vec<String> = before.iter().map(|p| truncate(p, each)).collect();
    cut.push(last);
    truncate(&cut.join(CRUMB_GAP), width)
}

/// Where the drill-down stands: the caller's scope, then each level.
fn breadcrumb(pane: &ReportsPane, n: &Namer) -> Vec<String> {
    let mut parts = vec![match &n.data.scope {
        ReportScope::Region(r) => i18n::region_name(n.p.lang, r),
        ReportScope::Org(o) if pane.path.iter().any(|(l, _)| matches!(l, Level::Org(_))) => {
            i18n::region_name(n.p.lang, &region_of(n, o))
        }
        ReportScope::Org(o) => n.org(o),
    }];
    for (level, _) in &pane.path {
        parts.push(match level {
            Level::Org(o) => n.org(o),
            Level::Service(s) => n.service(s),
            Level::Person(l) => n.person(l),
        });
    }
    parts
}

fn region_of(n: &Namer, code: &str) -> String {
    n.data
        .orgs
        .iter()
        .find(|o| o.code == code)
        .map_or(String::new(), |o| o.region.clone())
}

fn draw_tabs(f: &mut Frame, area: Rect, pane: &ReportsPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let data = pane.data.as_ref();
    let mut spans = Vec::new();
    for v in ReportView::ALL {
        let count = match v {
            ReportView::Compliance => String::new(),
            ReportView::Overdue => format!(" ({})", data.map_or(0, |d| d.overdue.len())),
            ReportView::Forecast => format!(" ({})", data.map_or(0, |d| d.forecast.len())),
        };
        let style = th.style(if v == pane.view { S::TabActive } else { S::Tab });
        spans.push(Span::styled(
            format!(" {}{count} ", t(lang, v.title_key())),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn share_text(share: Option<f64>) -> String {
    share.map_or("—".into(), |s| format!("{:.0} %", s * 100.0))
}

fn summary_text(lang: Lang, total: Option<&ComplianceRow>) -> String {
    let Some(r) = total else {
        return t(lang, "reports_pane.nothing_in_period").to_string();
    };
    let tally = &r.tally;
    tf(
        lang,
        "reports_pane.summary",
        &[
            ("received", &tally.received),
            ("completed", &tally.completed),
            ("share", &share_text(r.on_time_share)),
            ("overdue", &tally.overdue_now),
        ],
    )
}

/// The headers of a table's columns after the first (which names its rows).
fn columns(lang: Lang, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|n| i18n::reports::column(lang, n).to_string())
        .collect()
}

/// A table's text: the first column's header, the other headers, the rows.
type TableText = (String, Vec<String>, Vec<Vec<String>>);

/// The table of `entries` in words, with more columns when `wide`.
fn table_text(pane: &ReportsPane, entries: &[Entry], n: &Namer, wide: bool) -> TableText {
    let lang = n.p.lang;
    let number = || i18n::reports::column(lang, "number").to_string();
    let (first, names): (String, &[&str]) = match entries[0] {
        Entry::Group(_) => (
            i18n::reports::group_name(lang, pane.grouping()).to_string(),
            group_columns(pane.grouping(), wide),
        ),
        Entry::Overdue(_) if wide => (number(), &["step", "holder", "due", "amount"]),
        Entry::Overdue(_) => (number(), &["due", "amount"]),
        Entry::Forecast(_) if wide => (number(), &["step", "holder", "expected", "misses"]),
        Entry::Forecast(_) => (number(), &["expected", "misses"]),
    };
    // A table holds entries of one kind: the first's.
    let kind = std::mem::discriminant(&entries[0]);
    let rows = entries
        .iter()
        .filter(|e| std::mem::discriminant(*e) == kind)
        .map(|e| match e {
            Entry::Group(r) => group_cells(r, n, names),
            Entry::Overdue(r) => overdue_cells(r, n, wide),
            Entry::Forecast(r) => forecast_cells(r, n, wide),
        })
        .collect();
    (first, columns(lang, names), rows)
}

fn draw_table(f: &mut Frame, area: Rect, pane: &ReportsPane, entries: &[Entry], n: &Namer) {
    let th = n.p.theme;
    let (first, cols, rows) = table_text(pane, entries, n, area.width >= WIDE);
    // Figures as wide as their header or their widest value; the first column takes the rest.
    let widths: Vec<u16> = cols
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let widest = rows.iter().map(|r| r[i + 1].width()).max().unwrap_or(0);
            header.width().max(widest).max(4) as u16
        })
        .collect();
    let name_w = area
        .width
        .saturating_sub(widths.iter().sum::<u16>() + widths.len() as u16)
        .max(10);
    let header = TRow::new(
        std::iter::once(Cell::from(truncate(&first, name_w as usize)))
            .chain(cols.iter().map(|h| Cell::from(h.clone()))),
    )
    .style(th.style(S::Label));
    let styles: Vec<_> = entries.iter().map(|e| entry_style(e, n)).collect();
    let body: Vec<TRow> = rows
        .into_iter()
        .zip(styles)
        .map(|(cells, style)| {
            let mut cells = cells.into_iter();
            let name = truncate(&cells.next().unwrap_or_default(), name_w as usize);
            TRow::new(std::iter::once(Cell::from(name)).chain(cells.map(Cell::from))).style(style)
        })
        .collect();
    let constraints: Vec<Constraint> = std::iter::once(Constraint::Length(name_w))
        .chain(widths.iter().map(|w| Constraint::Length(*w)))
        .collect();
    let mut state = TableState::default().with_selected(Some(pane.selected));
    f.render_stateful_widget(
        Table::new(body, constraints)
            .header(header)
            .row_highlight_style(th.style(S::Selected)),
        area,
        &mut state,
    );
}

fn entry_style(e: &Entry, n: &Namer) -> ratatui::style::Style {
    match e {
        Entry::Group(r) if r.tally.overdue_now > 0 => n.p.theme.style(S::Overdue),
        Entry::Group(_) => n.p.theme.style(S::Base),
        Entry::Overdue(r) => sla_style(n.p.theme, Some(r.state)),
        Entry::Forecast(_) => n.p.theme.style(S::AtRisk),
    }
}

/// What a row of each grouping shows: people do steps, so their rows
/// count steps; the others count applications.
fn group_columns(by: Option<GroupBy>, wide: bool) -> &'static [&'static str] {
    match (by, wide) {
        (Some(GroupBy::Person), _) => &[
            "steps_completed",
            "steps_on_time",
            "step_on_time_share",
            "overdue_now",
        ],
        (_, true) => &[
            "received",
            "completed",
            "on_time_share",
            "overdue_now",
            "refused_at_intake",
            "refused_motivated",
            "withdrawn",
            "step_on_time_share",
        ],
        (_, false) => &["received", "completed", "on_time_share", "overdue_now"],
    }
}

fn group_cells(r: &ComplianceRow, n: &Namer, columns: &[&str]) -> Vec<String> {
    let t = &r.tally;
    let figure = |column: &str| match column {
        "received" => t.received.to_string(),
        "completed" => t.completed.to_string(),
        "on_time_share" => share_text(r.on_time_share),
        "overdue_now" => t.overdue_now.to_string(),
        "refused_at_intake" => t.refused_at_intake.to_string(),
        "refused_motivated" => t.refused_motivated.to_string(),
        "withdrawn" => t.withdrawn.to_string(),
        "steps_completed" => t.steps_completed.to_string(),
        "steps_on_time" => t.steps_on_time.to_string(),
        _ => share_text(r.step_on_time_share),
    };
    std::iter::once(n.key(&r.key))
        .chain(columns.iter().map(|c| figure(c)))
        .collect()
}

fn state_text(lang: Lang, r: &OverdueRow) -> String {
    let key = match r.state {
        SlaState::Overdue => "reports_pane.late_by",
        _ => "reports_pane.left",
    };
    tf(lang, key, &[("amount", &amount(lang, r.amount))])
}

fn overdue_cells(r: &OverdueRow, n: &Namer, wide: bool) -> Vec<String> {
    let lang = n.p.lang;
    let mut cells = vec![r.number.clone()];
    if wide {
        cells.extend([n.step(r.action, r.step), n.holder(&r.holder)]);
    }
    cells.extend([opt_date_time(Some(r.due)), state_text(lang, r)]);
    cells
}

fn forecast_cells(r: &ForecastRow, n: &Namer, wide: bool) -> Vec<String> {
    let lang = n.p.lang;
    let mut cells = vec![r.number.clone()];
    if wide {
        cells.extend([n.step(r.action, r.step), n.holder(&r.holder)]);
    }
    cells.extend([
        opt_date_time(r.expected),
        i18n::reports::misses(lang, r).to_string(),
    ]);
    cells
}

/// The selected line in full: nothing of it is lost to a cut column.
fn detail_text(e: &Entry, n: &Namer) -> String {
    let lang = n.p.lang;
    match e {
        Entry::Group(r) => {
            let hint = match r.key {
                GroupKey::Person(_) => "reports_pane.open_person",
                _ => "reports_pane.open_group",
            };
            format!("{} · {}", n.key(&r.key), t(lang, hint))
        }
        Entry::Overdue(r) => format!(
            "{} · {} · {} · {} · {}",
            r.number,
            n.service(&r.service),
            n.step(r.action, r.step),
            n.holder(&r.holder),
            state_text(lang, r)
        ),
        // The reason first: it is what the line is for.
        Entry::Forecast(r) => format!(
            "{} · {} · {}",
            r.number,
            i18n::reports::forecast_reason(lang, r),
            n.service(&r.service)
        ),
    }
}

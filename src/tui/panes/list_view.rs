//! Drawing a list pane: counters in the title, the filter line, only the
//! rows on screen, columns as wide as what they show, and the selected row
//! in full beneath the table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TRow, Table, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::calendar::SlaState;
use crate::domain::catalog::{Catalog, StepAction};
use crate::domain::route::Status;
use crate::tui::chrome::widgets::{amount, input_line, sla_style, truncate};
use crate::tui::i18n::{self, Lang, opt_date_time, t, tf};
use crate::tui::room::Paint;
use crate::tui::theme::StyleName as S;

use super::list::{ListPane, Row};

/// A worklist: only the rows on screen are built, whatever the list's length.
pub fn draw(f: &mut Frame, area: Rect, list: &ListPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let show_filter = list.filtering || !list.filter.is_empty();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::Border))
        .title(Span::styled(
            format!(" {} ", title(lang, list, show_filter)),
            th.style(S::Title),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [table_area, filter_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(show_filter)),
    ])
    .areas(inner);
    if show_filter {
        draw_filter(f, filter_area, list, p);
    }
    if list.visible.is_empty() {
        let msg = if list.rows.is_empty() {
            t(lang, "list.empty").to_string()
        } else {
            tf(lang, "list.no_match", &[("q", &list.filter.text())])
        };
        f.render_widget(Paragraph::new(msg).style(th.style(S::Muted)), table_area);
        return;
    }
    // The selected row in full beneath the table: nothing of it is lost to a cut.
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(table_area);
    if let Some(r) = list.current() {
        let row = RowText::of(r, lang, p.catalog, true);
        f.render_widget(
            Paragraph::new(row.detail(lang))
                .style(th.style(S::Muted))
                .wrap(Wrap { trim: true }),
            detail_area,
        );
    }
    draw_table(f, table_area, list, p);
}

/// The counters, and how many the filter shows.
fn title(lang: Lang, list: &ListPane, filtered: bool) -> String {
    let c = list.counters();
    let mut title = tf(
        lang,
        "list.counters",
        &[
            ("total", &c.total),
            ("ok", &c.on_time),
            ("risk", &c.at_risk),
            ("late", &c.overdue),
        ],
    );
    if filtered {
        title.push_str(" · ");
        title.push_str(&tf(
            lang,
            "list.shown",
            &[("n", &list.visible.len()), ("total", &c.total)],
        ));
    }
    title
}

fn draw_filter(f: &mut Frame, area: Rect, list: &ListPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    // The placeholder says what is searched, in which languages.
    let mut filter = list.filter.clone();
    filter
        .area
        .set_placeholder_text(t(lang, "list.filter_hint"));
    filter.area.set_placeholder_style(th.style(S::Muted));
    let label = t(lang, "list.filter");
    input_line(f, area, label, &filter, list.filtering, th, 28);
}

/// The rows that fit, the cursor kept on screen.
fn draw_table(f: &mut Frame, area: Rect, list: &ListPane, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let height = area.height.saturating_sub(1) as usize;
    list.page.set(height.max(1));
    // Keep the cursor on screen, moving the window as little as possible.
    let mut offset = list.offset.get().min(list.visible.len().saturating_sub(1));
    if list.selected < offset {
        offset = list.selected;
    } else if list.selected >= offset + height {
        offset = list.selected + 1 - height;
    }
    list.offset.set(offset);
    let wide = area.width >= 120;
    let shown: Vec<RowText> = list.visible[offset..(offset + height).min(list.visible.len())]
        .iter()
        .map(|&ri| RowText::of(&list.rows[ri], lang, p.catalog, wide))
        .collect();
    let columns = list_columns(wide, area.width, &shown, lang);
    let header = TRow::new(columns.iter().map(|c| Cell::from(c.title))).style(th.style(S::Label));
    let rows = shown.iter().enumerate().map(|(i, row)| {
        let style = if offset + i == list.selected {
            th.style(S::Selected)
        } else {
            sla_style(th, row.sla)
        };
        TRow::new(
            columns
                .iter()
                .map(|c| Cell::from(truncate(row.cell(c.kind), c.width as usize))),
        )
        .style(style)
    });
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|c| Constraint::Length(c.width))
        .collect();
    f.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
}

/// A worklist row's texts, before they are fitted to columns.
struct RowText {
    sla: Option<SlaState>,
    mark: &'static str,
    number: String,
    name: String,
    iin: String,
    service: String,
    step: String,
    due: String,
    state: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Mark,
    Number,
    Name,
    Iin,
    Service,
    Step,
    Due,
    State,
}

struct Column {
    kind: Col,
    title: &'static str,
    width: u16,
}

impl RowText {
    /// `full_date`: with the year (narrow screens leave it out).
    fn of(r: &Row, lang: Lang, catalog: &Catalog, full_date: bool) -> RowText {
        let sla = r.sla.map(|s| s.0);
        RowText {
            sla,
            mark: match sla {
                Some(SlaState::Overdue) => "!!",
                Some(SlaState::AtRisk) => "! ",
                _ => "  ",
            },
            number: r.number.clone(),
            name: r.name.clone(),
            iin: r.iin.to_string(),
            service: catalog.get(&r.service).map_or(r.service.clone(), |s| {
                i18n::service_name(lang, s).to_string()
            }),
            step: r
                .action
                .map(|a| i18n::step_name(lang, a))
                .unwrap_or("—")
                .to_string(),
            due: match r.due {
                Some(at) if !full_date => at.format("%d.%m %H:%M").to_string(),
                due => opt_date_time(due),
            },
            state: match r.sla {
                Some((SlaState::Overdue, a)) => {
                    tf(lang, "list.late_by", &[("t", &amount(lang, a))])
                }
                Some((_, a)) => tf(lang, "list.left", &[("t", &amount(lang, a))]),
                None => result_state(lang, r).to_string(),
            },
        }
    }

    fn cell(&self, c: Col) -> &str {
        match c {
            Col::Mark => self.mark,
            Col::Number => &self.number,
            Col::Name => &self.name,
            Col::Iin => &self.iin,
            Col::Service => &self.service,
            Col::Step => &self.step,
            Col::Due => &self.due,
            Col::State => &self.state,
        }
    }

    /// Everything of the row, for the line beneath the table.
    fn detail(&self, lang: Lang) -> String {
        format!(
            "{} · {}, {} {} · {} · {}: {} · {} {} · {}",
            self.number,
            self.name,
            t(lang, "list.iin"),
            self.iin,
            self.service,
            t(lang, "list.step"),
            self.step,
            t(lang, "list.due"),
            self.due,
            self.state
        )
    }
}

/// A row's state without a deadline: a result at the centre says whether it
/// still awaits the journal mark of its receipt (000:125-135) or may be
/// issued; anything else its status.
fn result_state(lang: Lang, r: &Row) -> &'static str {
    match (r.status, r.action) {
        (Status::ResultReady, Some(StepAction::Receive)) => t(lang, "list.awaiting_mark"),
        (Status::ResultReady, Some(StepAction::Issue)) => t(lang, "list.to_issue"),
        _ => i18n::status_name(lang, r.status),
    }
}

/// The worklist's columns, each as wide as its content on screen: the
/// number, IIN, due time and state are never cut; the applicant and step
/// take up to a cap; the service takes the rest (at least a little, by
/// narrowing the applicant first). 80 to 119 columns drop the step and the
/// IIN (both in the line beneath).
fn list_columns(wide: bool, width: u16, rows: &[RowText], lang: Lang) -> Vec<Column> {
    let kinds: &[(Col, &str)] = if wide {
        &[
            (Col::Mark, ""),
            (Col::Number, "list.number"),
            (Col::Name, "list.applicant"),
            (Col::Iin, "list.iin"),
            (Col::Service, "list.service"),
            (Col::Step, "list.step"),
            (Col::Due, "list.due"),
            (Col::State, "list.state"),
        ]
    } else {
        &[
            (Col::Mark, ""),
            (Col::Number, "list.number"),
            (Col::Name, "list.applicant"),
            (Col::Service, "list.service"),
            (Col::Due, "list.due"),
            (Col::State, "list.state"),
        ]
    };
    let mut columns: Vec<Column> = kinds
        .iter()
        .map(|&(kind, key)| {
            let title = if key.is_empty() { "" } else { t(lang, key) };
            let content = rows.iter().map(|r| r.cell(kind).width()).max().unwrap_or(0);
            let want = content.max(title.width()) as u16;
            let cap = match kind {
                Col::Name => 32,
                Col::Step => 24,
                _ => u16::MAX,
            };
            Column {
                kind,
                title,
                width: want.min(cap),
            }
        })
        .collect();
    // The service gets what is left, at least MIN_SERVICE: short of room, the
    // applicant gives way first, then the step, then (cut with …) the state.
    const MIN_SERVICE: u16 = 12;
    let spacing = columns.len() as u16 - 1;
    let others = |cs: &[Column]| -> u16 {
        cs.iter()
            .filter(|c| c.kind != Col::Service)
            .map(|c| c.width)
            .sum()
    };
    for (kind, floor) in [(Col::Name, 10), (Col::Step, 8), (Col::State, 12)] {
        let over = (others(&columns) + spacing + MIN_SERVICE).saturating_sub(width);
        if let Some(c) = columns.iter_mut().find(|c| c.kind == kind) {
            c.width -= over.min(c.width.saturating_sub(floor));
        }
    }
    let service = width.saturating_sub(others(&columns) + spacing);
    if let Some(c) = columns.iter_mut().find(|c| c.kind == Col::Service) {
        c.width = service;
    }
    columns
}

//! Drawing the intake form: the fields on the left (the IIN's check and
//! the service's name beneath their lines), and on the right the services
//! matching the query while one is chosen, else the document checklist.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::chrome::widgets::{input_line, truncate, value_line};
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::Paint;
use crate::tui::theme::StyleName as S;

use super::form::{Focus, IinState, IntakeForm};

/// The width of the labels.
const LABEL: u16 = 21;

pub fn draw(f: &mut Frame, area: Rect, form: &IntakeForm, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let title = match p.serving {
        Some(ticket) => format!(
            " {} · {} ",
            t(lang, "intake.title"),
            tf(lang, "queue.ticket", &[("number", &ticket)])
        ),
        None => format!(" {} ", t(lang, "intake.title")),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::Border))
        .title(Span::styled(title, th.style(S::Title)));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(inner);
    let rows = Layout::vertical([Constraint::Length(1); 14]).split(left);
    draw_service(f, &rows[0..2], left.width, form, p);
    draw_fields(f, &rows[2..12], form, p);
    // Right: the matches while choosing a service, else the checklist.
    if form.focus == Focus::Service && !form.matches.is_empty() {
        draw_matches(f, right, form, p);
    } else {
        draw_checklist(f, right, form, p);
    }
}

/// The service line (the chosen one's name, or the query being typed) and the hint beneath.
fn draw_service(f: &mut Frame, rows: &[Rect], width: u16, form: &IntakeForm, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let focused = form.focus == Focus::Service;
    let label = t(lang, "intake.service");
    let service_name = form
        .service
        .as_deref()
        .and_then(|id| p.catalog.get(id))
        .map(|s| i18n::service_name(lang, s).to_string());
    match &service_name {
        Some(name) if !focused => value_line(f, rows[0], label, name, false, th, LABEL),
        _ => input_line(f, rows[0], label, &form.query, focused, th, LABEL),
    }
    let hint = match (&service_name, focused) {
        (Some(name), true) => Span::styled(truncate(name, width as usize), th.style(S::Muted)),
        (None, _) if form.query.is_empty() => {
            Span::styled(t(lang, "intake.service_hint"), th.style(S::Muted))
        }
        (None, _) if form.matches.is_empty() => {
            Span::styled(t(lang, "intake.no_service"), th.style(S::Invalid))
        }
        _ => Span::raw(""),
    };
    f.render_widget(Paragraph::new(Line::from(hint)), rows[1]);
}

/// Channel, IIN (and its check), name, representative, power of attorney, phone, district.
fn draw_fields(f: &mut Frame, rows: &[Rect], form: &IntakeForm, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let focus = form.focus;
    let channel = form
        .channel()
        .map(|c| i18n::channel_name(lang, c))
        .unwrap_or("—");
    let on = |f: Focus| focus == f;
    value_line(
        f,
        rows[0],
        t(lang, "intake.channel"),
        channel,
        on(Focus::Channel),
        th,
        LABEL,
    );
    input_line(
        f,
        rows[1],
        t(lang, "intake.iin"),
        &form.iin,
        on(Focus::Iin),
        th,
        LABEL,
    );
    let [_, iin_hint] =
        Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(1)]).areas(rows[2]);
    f.render_widget(Paragraph::new(Line::from(iin_check(form, p))), iin_hint);
    let texts = [
        ("intake.name", &form.name, Focus::Name),
        ("intake.rep_name", &form.rep_name, Focus::RepName),
        ("intake.rep_iin", &form.rep_iin, Focus::RepIin),
        ("intake.poa", &form.poa, Focus::Poa),
    ];
    for (row, (key, field, at)) in rows[3..7].iter().zip(texts) {
        input_line(f, *row, t(lang, key), field, on(at), th, LABEL);
    }
    // The ЕНИС question only at the State Corporation's counter.
    let mut next = 7;
    if form.asks_enis() {
        let key = if form.notarised {
            "intake.notarised_yes"
        } else {
            "intake.notarised_no"
        };
        let label = t(lang, "intake.notarised");
        value_line(
            f,
            rows[next],
            label,
            t(lang, key),
            on(Focus::Notarised),
            th,
            LABEL,
        );
        next += 1;
    }
    let phone = t(lang, "intake.phone");
    input_line(
        f,
        rows[next],
        phone,
        &form.phone,
        on(Focus::Phone),
        th,
        LABEL,
    );
    let district = form
        .districts
        .get(form.district)
        .map_or("—", |s| i18n::district_name(lang, s));
    let label = t(lang, "intake.district");
    value_line(
        f,
        rows[next + 1],
        label,
        district,
        on(Focus::District),
        th,
        LABEL,
    );
}

/// What the IIN typed so far says: why it is wrong, or the birth date and sex.
fn iin_check<'a>(form: &IntakeForm, p: &Paint) -> Span<'a> {
    let (lang, th) = (p.lang, p.theme);
    match &form.iin_state {
        IinState::Empty => Span::raw(""),
        IinState::Bad(e) => Span::styled(
            format!("✗ {}", i18n::iin_reason(lang, e)),
            th.style(S::Invalid),
        ),
        IinState::Good { iin, known } => {
            let key = if *known {
                "intake.iin_known"
            } else {
                "intake.iin_ok"
            };
            let text = tf(
                lang,
                key,
                &[
                    ("date", &iin.birth_date().format("%d.%m.%Y")),
                    ("sex", &IntakeForm::sex_label(lang, iin)),
                ],
            );
            Span::styled(text, th.style(S::Ok))
        }
    }
}

/// The service's documents, ticked when handed in; required ones marked.
fn draw_checklist(f: &mut Frame, area: Rect, form: &IntakeForm, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let focused = form.focus == Focus::Documents;
    let service = form.service.as_deref().and_then(|id| p.catalog.get(id));
    let mut lines = Vec::new();
    if let Some(s) = service {
        for (i, check) in form.documents.iter().enumerate() {
            let doc = s.documents.iter().find(|d| d.id == check.id);
            let name = doc.map_or(check.id.as_str(), |d| i18n::document_name(lang, d));
            let required = doc.is_some_and(|d| d.is_required());
            let mark = if check.given { "[x]" } else { "[ ]" };
            let star = if required { "*" } else { " " };
            let mut style = if !check.given && required {
                th.style(S::Invalid)
            } else {
                Style::default()
            };
            if focused && i == form.doc_cursor {
                style = th.style(S::Selected);
            }
            lines.push(Line::styled(format!("{mark}{star} {name}"), style));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("* {}", t(lang, "intake.required")),
            th.style(S::Muted),
        ));
    }
    let border = if focused { S::BorderFocused } else { S::Border };
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(th.style(border))
                .title(format!(" {} ", t(lang, "intake.documents"))),
        ),
        area,
    );
}

/// The services matching the query: each on a line, cut with `…`, but the
/// one picked in full (wrapped), so names alike at the start can be told apart.
fn draw_matches(f: &mut Frame, area: Rect, form: &IntakeForm, p: &Paint) {
    let (lang, th) = (p.lang, p.theme);
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let name = |id: &String| p.catalog.get(id).map(|s| i18n::service_name(lang, s));
    let picked: Vec<String> = form
        .matches
        .get(form.pick)
        .and_then(name)
        .map(|n| {
            textwrap::wrap(n, width.max(1))
                .into_iter()
                .map(|l| l.into_owned())
                .collect()
        })
        .unwrap_or_default();
    // The picked one and the rows before it stay on screen.
    let before = height.saturating_sub(picked.len()).min(form.pick);
    let mut lines: Vec<Line> = Vec::new();
    for (i, id) in form.matches.iter().enumerate().skip(form.pick - before) {
        if lines.len() >= height {
            break;
        }
        if i == form.pick {
            lines.extend(
                picked
                    .iter()
                    .map(|l| Line::styled(l.clone(), th.style(S::Selected))),
            );
        } else if let Some(n) = name(id) {
            lines.push(Line::raw(truncate(n, width)));
        }
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(th.style(S::BorderFocused))
                .title(format!(
                    " {} ({}) ",
                    t(lang, "intake.service"),
                    form.matches.len()
                )),
        ),
        area,
    );
}

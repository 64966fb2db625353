//! Drawing: the frame and every pane, from the state alone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::catalog::Catalog;

use super::action::Context;
use super::i18n::{self, Lang, t, tf};
use super::intake::{Focus, IinState, IntakeForm};
use super::keymap::Keymap;
use super::room::Paint;
use super::screens::work::{PaneKind, Work};
use super::state::*;
use super::theme::{StyleName as S, Theme};
use super::chrome::footer::draw_footer;
use super::chrome::header::draw_header;
use super::chrome::help::draw_help;
use super::chrome::toasts::draw_toasts;
use super::chrome::which_key::draw_which_key;
use super::chrome::widgets::*;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What drawing needs besides the state.
pub struct View<'a> {
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub catalog: &'a Catalog,
    /// The keymap sections in force (for the footer and the help).
    pub contexts: &'a [Context],
}

pub fn draw(f: &mut Frame, state: &State, v: &View) {
    let area = f.area();
    let th = v.theme;
    f.render_widget(Block::default().style(th.style(S::Base)), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = tf(
            state.lang,
            "app.enlarge",
            &[
                ("w", &MIN_WIDTH),
                ("h", &MIN_HEIGHT),
                ("cw", &area.width),
                ("ch", &area.height),
            ],
        );
        f.render_widget(
            Paragraph::new(msg)
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(f, header, state, v);
    match &state.screen {
        Screen::DemoOffer => draw_demo(f, body, state, v),
        Screen::Login(l) => draw_login(f, body, state, l, v),
        Screen::Work(w) => draw_work(f, body, state, w, v),
    }
    draw_footer(f, footer, state, v);
    // The modal on top: toasts keep off it. Dialogs sit inside the pane
    // (below the workstation's tabs).
    let pane = match state.screen {
        Screen::Work(_) => Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        },
        _ => body,
    };
    let mut covered = None;
    let paint = paint(state, v);
    for o in &state.overlays {
        covered = Some(o.room().draw(f, pane, &paint));
    }
    if state.help {
        covered = Some(draw_help(f, body, state, v));
    }
    draw_toasts(f, pane, footer, covered, state, v);
    if !state.which_key.is_empty() {
        draw_which_key(f, body, state, v);
    }
}

fn draw_demo(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let r = centered(area, 70, 12);
    let text = Text::from(vec![
        Line::raw(tf(lang, "demo.body", &[("path", &state.location)])),
        Line::raw(""),
        Line::styled(t(lang, "demo.yes"), th.style(S::Key)),
        Line::styled(t(lang, "demo.no"), th.style(S::Muted)),
    ]);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(dialog_block(t(lang, "demo.title").into(), th)),
        r,
    );
}

fn draw_login(f: &mut Frame, area: Rect, state: &State, l: &LoginForm, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let hints = l.hints.len() as u16;
    let r = modal(f, th, area, 64, 9 + if hints > 0 { hints + 2 } else { 0 });
    let block = dialog_block(t(lang, "login.title").into(), th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    input_line(
        f,
        rows[0],
        t(lang, "login.login"),
        &l.login,
        !l.on_password,
        th,
        12,
    );
    input_line(
        f,
        rows[2],
        t(lang, "login.password"),
        &l.password,
        l.on_password,
        th,
        12,
    );
    if let Some(e) = &l.error {
        f.render_widget(
            Paragraph::new(e.as_str())
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            rows[4],
        );
    } else {
        f.render_widget(
            Paragraph::new(t(lang, "login.submit")).style(th.style(S::Muted)),
            rows[4],
        );
    }
    if !l.hints.is_empty() {
        let mut lines = vec![Line::styled(t(lang, "login.users"), th.style(S::Label))];
        // A small terminal shows the first few and says how many it leaves out.
        let room = (rows[6].height as usize).saturating_sub(1);
        let shown = if l.hints.len() > room {
            room.saturating_sub(1)
        } else {
            l.hints.len()
        };
        for (login, role, org) in &l.hints[..shown] {
            let hint = format!(
                "  {login:<16} {:<20} {org}",
                t(lang, &format!("role.{role}"))
            );
            lines.push(Line::raw(truncate(&hint, rows[6].width as usize)));
        }
        if shown < l.hints.len() {
            let more = tf(lang, "login.more", &[("n", &(l.hints.len() - shown))]);
            lines.push(Line::styled(
                truncate(&more, rows[6].width as usize),
                th.style(S::Muted),
            ));
        }
        f.render_widget(Paragraph::new(lines), rows[6]);
    }
}

fn draw_work(f: &mut Frame, area: Rect, state: &State, w: &Work, v: &View) {
    if w.draw(f, area, &paint(state, v)).is_some() {
        return;
    }
    let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    match w.pane_kind() {
        PaneKind::Intake => draw_intake(f, body, state, w, v),
        PaneKind::Queue => super::queue_ui::draw_queue(f, body, state, w, v),
        PaneKind::QueueStats => super::queue_ui::draw_stats(f, body, state, w, v),
        _ => {}
    }
}

fn draw_intake(f: &mut Frame, area: Rect, state: &State, w: &Work, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let form = &w.intake;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::Border))
        .title(Span::styled(
            match w.queue.serving() {
                Some(ticket) => format!(
                    " {} · {} ",
                    t(lang, "intake.title"),
                    tf(lang, "queue.ticket", &[("number", &ticket)])
                ),
                None => format!(" {} ", t(lang, "intake.title")),
            },
            th.style(S::Title),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(inner);
    let lw = 21;
    let rows = Layout::vertical([Constraint::Length(1); 14]).split(left);
    let focus = form.focus;
    // Service: the chosen one's name, or the query being typed.
    let service_name = form
        .service
        .as_deref()
        .and_then(|id| v.catalog.get(id))
        .map(|s| i18n::service_name(lang, s).to_string());
    if focus == Focus::Service || service_name.is_none() {
        input_line(
            f,
            rows[0],
            t(lang, "intake.service"),
            &form.query,
            focus == Focus::Service,
            th,
            lw,
        );
    } else {
        value_line(
            f,
            rows[0],
            t(lang, "intake.service"),
            &service_name.clone().unwrap_or_default(),
            false,
            th,
            lw,
        );
    }
    let hint = match (&service_name, focus == Focus::Service) {
        (Some(name), true) => Span::styled(truncate(name, left.width as usize), th.style(S::Muted)),
        (None, _) if form.query.is_empty() => {
            Span::styled(t(lang, "intake.service_hint"), th.style(S::Muted))
        }
        (None, _) if form.matches.is_empty() => {
            Span::styled(t(lang, "intake.no_service"), th.style(S::Invalid))
        }
        _ => Span::raw(""),
    };
    f.render_widget(Paragraph::new(Line::from(hint)), rows[1]);
    let channel = form
        .channel()
        .map(|c| i18n::channel_name(lang, c))
        .unwrap_or("—");
    value_line(
        f,
        rows[2],
        t(lang, "intake.channel"),
        channel,
        focus == Focus::Channel,
        th,
        lw,
    );
    input_line(
        f,
        rows[3],
        t(lang, "intake.iin"),
        &form.iin,
        focus == Focus::Iin,
        th,
        lw,
    );
    let iin_line = match &form.iin_state {
        IinState::Empty => Span::raw(""),
        IinState::Bad(e) => Span::styled(
            format!("✗ {}", i18n::iin_reason(lang, e)),
            th.style(S::Invalid),
        ),
        IinState::Good { iin, known } => Span::styled(
            tf(
                lang,
                if *known {
                    "intake.iin_known"
                } else {
                    "intake.iin_ok"
                },
                &[
                    ("date", &iin.birth_date().format("%d.%m.%Y")),
                    ("sex", &IntakeForm::sex_label(lang, iin)),
                ],
            ),
            th.style(S::Ok),
        ),
    };
    let [_, iin_hint] =
        Layout::horizontal([Constraint::Length(lw), Constraint::Min(1)]).areas(rows[4]);
    f.render_widget(Paragraph::new(Line::from(iin_line)), iin_hint);
    input_line(
        f,
        rows[5],
        t(lang, "intake.name"),
        &form.name,
        focus == Focus::Name,
        th,
        lw,
    );
    input_line(
        f,
        rows[6],
        t(lang, "intake.rep_name"),
        &form.rep_name,
        focus == Focus::RepName,
        th,
        lw,
    );
    input_line(
        f,
        rows[7],
        t(lang, "intake.rep_iin"),
        &form.rep_iin,
        focus == Focus::RepIin,
        th,
        lw,
    );
    input_line(
        f,
        rows[8],
        t(lang, "intake.poa"),
        &form.poa,
        focus == Focus::Poa,
        th,
        lw,
    );
    input_line(
        f,
        rows[9],
        t(lang, "intake.phone"),
        &form.phone,
        focus == Focus::Phone,
        th,
        lw,
    );
    let district = form
        .districts
        .get(form.district)
        .map_or("—", |s| i18n::district_name(lang, s));
    value_line(
        f,
        rows[10],
        t(lang, "intake.district"),
        district,
        focus == Focus::District,
        th,
        lw,
    );

    // Right: the matches while choosing a service, else the checklist.
    if focus == Focus::Service && !form.matches.is_empty() {
        draw_matches(f, right, lang, form, v);
        return;
    }
    let service = form.service.as_deref().and_then(|id| v.catalog.get(id));
    let mut lines = Vec::new();
    if let Some(s) = service {
        for (i, (id, given)) in form.documents.iter().enumerate() {
            let doc = s.documents.iter().find(|d| d.id == *id);
            let name = doc.map_or(id.as_str(), |d| i18n::document_name(lang, d));
            let required = doc.is_some_and(|d| d.required);
            let mark = if *given { "[x]" } else { "[ ]" };
            let star = if required { "*" } else { " " };
            let mut style = if !given && required {
                th.style(S::Invalid)
            } else {
                Style::default()
            };
            if focus == Focus::Documents && i == form.doc_cursor {
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
    let border = if focus == Focus::Documents {
        S::BorderFocused
    } else {
        S::Border
    };
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(th.style(border))
                .title(format!(" {} ", t(lang, "intake.documents"))),
        ),
        right,
    );
}

/// The services matching the query: each on a line, cut with `…`, but the
/// one picked in full (wrapped), so names alike at the start can be told apart.
fn draw_matches(f: &mut Frame, area: Rect, lang: Lang, form: &IntakeForm, v: &View) {
    let th = v.theme;
    let width = area.width.saturating_sub(2) as usize;
    let height = area.height.saturating_sub(2) as usize;
    let name = |id: &String| v.catalog.get(id).map(|s| i18n::service_name(lang, s));
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




/// What rooms read while they draw: the view and the session.
pub fn paint<'a>(state: &'a State, v: &View<'a>) -> Paint<'a> {
    let work = state.work();
    Paint {
        lang: state.lang,
        now: state.now,
        theme: v.theme,
        keymap: v.keymap,
        catalog: v.catalog,
        contexts: v.contexts,
        session: super::update::session(&state.screen),
        serving: work.and_then(|w| w.queue.serving()),
    }
}

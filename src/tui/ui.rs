//! Drawing: the frame and every pane, from the state alone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row as TRow, Table, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::calendar::{SlaState, TimeAmount};
use crate::domain::catalog::Catalog;
use crate::domain::route::{Decision, EventKind, StepOutput};

use super::action::{Action, Context};
use super::field::Field;
use super::i18n::{self, Lang, date_time, opt_date_time, t, tf};
use super::intake::{Focus, IinState, IntakeForm};
use super::keymap::Keymap;
use super::state::*;
use super::theme::{StyleName as S, Theme};
use super::update::describe;

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
    for o in &state.overlays {
        covered = Some(draw_overlay(f, pane, state, o, v));
    }
    if state.help {
        covered = Some(draw_help(f, body, state, v));
    }
    draw_toasts(f, pane, footer, covered, state, v);
    if !state.which_key.is_empty() {
        draw_which_key(f, body, state, v);
    }
}

fn draw_header(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let width = area.width as usize;
    let clock = state.now.format("%d.%m.%Y %H:%M:%S").to_string();
    let who = state.work().map(|w| {
        format!(
            " {} ({}) │ {} │ {} ",
            w.user.full_name,
            w.user.login,
            i18n::role_name(lang, w.role),
            i18n::org_name(lang, &w.org),
        )
    });
    let offline = !state.online;
    let location = if offline {
        format!(" {} │", t(lang, "error.unavailable"))
    } else {
        format!(" {}: {} │", t(lang, "frame.data"), state.location)
    };
    // The clock always shows; the user comes next; the data location if room is left.
    let room = width.saturating_sub(" Qyzmet ".width() + clock.width() + 2);
    // A lost server outranks the user's name for the room.
    let who_room = if offline {
        room.saturating_sub(location.width())
    } else {
        room
    };
    let who = truncate(who.as_deref().unwrap_or(""), who_room);
    let room = room.saturating_sub(who.width());
    let location = if location.width() <= room {
        location
    } else {
        String::new()
    };
    let pad = room.saturating_sub(location.width());
    let line = Line::from(vec![
        Span::styled(" Qyzmet ", th.style(S::Title)),
        Span::raw(who),
        Span::raw(" ".repeat(pad)),
        Span::styled(
            location,
            th.style(if offline { S::Error } else { S::Muted }),
        ),
        Span::raw(" "),
        Span::styled(clock, th.style(S::Title)),
    ]);
    f.render_widget(Paragraph::new(line).style(th.style(S::Header)), area);
}

/// Key hints for the actions that matter here, from the keymap.
fn draw_footer(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let wanted: &[Action] = match (v.contexts.first(), state.overlays.last()) {
        // A question, a receipt, a dialog, the login or the demo offer: what they take.
        (Some(Context::Dialog), Some(Overlay::Confirm { .. } | Overlay::Receipt { .. })) => {
            &[Action::Confirm, Action::Cancel]
        }
        (
            Some(Context::Dialog),
            Some(Overlay::Report { .. } | Overlay::Return { .. } | Overlay::Issue { .. }),
        ) => &[Action::Submit, Action::Cancel],
        (Some(Context::Dialog), Some(Overlay::Assign(_) | Overlay::Transfer(_))) => {
            &[Action::Submit, Action::Cancel, Action::NextField]
        }
        (Some(Context::Dialog), Some(Overlay::Decide(_) | Overlay::Finish(_))) => &[
            Action::Submit,
            Action::Cancel,
            Action::NextField,
            Action::Toggle,
        ],
        (Some(Context::Dialog), None) => match state.screen {
            Screen::Login(_) => &[Action::Confirm, Action::NextField, Action::Cancel],
            _ => &[Action::Confirm, Action::Cancel],
        },
        _ => footer_actions(v.contexts.first()),
    };
    footer_line(f, area, state, v, wanted);
}

/// The pane's own actions worth a hint.
fn footer_actions(context: Option<&Context>) -> &'static [Action] {
    match context {
        Some(Context::Intake) => &[
            Action::Accept,
            Action::RefuseIntake,
            Action::NextField,
            Action::Toggle,
            Action::ClearForm,
        ],
        Some(Context::Results) => &[Action::Issue, Action::Open, Action::Filter],
        Some(Context::Inbox) => &[
            Action::Register,
            Action::Forward,
            Action::Open,
            Action::Filter,
        ],
        Some(Context::Outbox) => &[
            Action::Dispatch,
            Action::Issue,
            Action::Open,
            Action::Filter,
        ],
        Some(Context::Resolutions) => &[Action::Assign, Action::Open, Action::Filter],
        Some(Context::Signing) => &[
            Action::Sign,
            Action::ReturnDraft,
            Action::Complete,
            Action::Open,
        ],
        Some(Context::Worklist) => &[
            Action::Decide,
            Action::Complete,
            Action::Open,
            Action::Filter,
        ],
        Some(Context::Case) => &[Action::Back, Action::Complete, Action::ReturnDraft],
        Some(Context::Queue) => &[
            Action::CallNext,
            Action::Recall,
            Action::StartServing,
            Action::FinishVisit,
            Action::NoShow,
            Action::Transfer,
            Action::OperatorState,
        ],
        Some(Context::QueueStats) => &[Action::PrevDay, Action::NextDay, Action::Refresh],
        _ => &[],
    }
}

fn footer_line(f: &mut Frame, area: Rect, state: &State, v: &View, wanted: &[Action]) {
    let lang = state.lang;
    let th = v.theme;
    let mut spans = Vec::new();
    // Where letters are text, a one-character key (`?`) would be typed, not pressed.
    let typing = typing_text(state);
    let mut push = |ctx: Context, a: Action| {
        let keys = v.keymap.keys_for(ctx, a, lang);
        let key = match typing {
            true => keys.iter().find(|k| k.chars().count() > 1),
            false => keys.first(),
        };
        if let Some(k) = key {
            spans.push(Span::styled(format!(" {k} "), th.style(S::Key)));
            spans.push(Span::raw(format!(" {}  ", describe(lang, a, None))));
        }
    };
    let first = v.contexts.first().copied().unwrap_or(Context::Global);
    for a in wanted {
        let ctx = v
            .contexts
            .iter()
            .copied()
            .find(|c| !v.keymap.keys_for(*c, *a, lang).is_empty())
            .unwrap_or(first);
        push(ctx, *a);
    }
    push(Context::Global, Action::Help);
    push(Context::Global, Action::Quit);
    f.render_widget(
        Paragraph::new(Line::from(spans)).style(th.style(S::Muted)),
        area,
    );
}

/// Whether printable keys go into text here (a dialog, the login, a text
/// field of the intake form, a list's search line).
fn typing_text(state: &State) -> bool {
    match (state.overlays.last(), &state.screen) {
        (Some(Overlay::Confirm { .. } | Overlay::Receipt { .. }), _) => false,
        (Some(_), _) | (None, Screen::Login(_)) => true,
        (None, Screen::DemoOffer) => false,
        (None, Screen::Work(w)) if w.case.is_some() => false,
        (None, Screen::Work(w)) => match w.pane_kind() {
            PaneKind::Intake => !matches!(
                w.intake.focus,
                Focus::Channel | Focus::District | Focus::Documents
            ),
            _ => w.list().is_some_and(|l| l.filtering),
        },
    }
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
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
pub(super) fn modal(f: &mut Frame, th: &Theme, area: Rect, w: u16, h: u16) -> Rect {
    let inside = area.inner(ratatui::layout::Margin::new(1, 1));
    let r = centered(inside, w, h);
    let margin = r
        .outer(ratatui::layout::Margin::new(1, 1))
        .intersection(inside);
    f.render_widget(Clear, margin);
    f.render_widget(Block::default().style(th.style(S::Base)), margin);
    r
}

pub(super) fn dialog_block<'a>(title: String, th: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::BorderFocused))
        .title(Span::styled(format!(" {title} "), th.style(S::Title)))
        .style(th.style(S::Dialog))
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

/// A one-line input: the label, then the field, styled by focus.
fn input_line(
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

pub(super) fn draw_field(f: &mut Frame, area: Rect, field: &Field, focused: bool, th: &Theme) {
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
    let lang = state.lang;
    let th = v.theme;
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = Vec::new();
    for (i, p) in w.panes().iter().enumerate() {
        let style = if i == w.pane {
            th.style(S::TabActive)
        } else {
            th.style(S::Tab)
        };
        let count = w
            .lists
            .iter()
            .find(|l| l.kind == *p)
            .map(|l| format!(" ({})", l.rows.len()))
            .unwrap_or_default();
        spans.push(Span::styled(
            format!(" {} {}{count} ", i + 1, t(lang, p.title_key(w.role))),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    if w.user.roles.len() > 1 {
        let key = v
            .keymap
            .keys_for(Context::Global, Action::SwitchRole, lang)
            .first()
            .cloned()
            .unwrap_or_default();
        spans.push(Span::styled(
            format!("  {}", tf(lang, "frame.roles_hint", &[("key", &key)])),
            th.style(S::Muted),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    if let Some(case) = &w.case {
        draw_case(f, body, state, w, case, v);
        return;
    }
    match w.pane_kind() {
        PaneKind::Intake => draw_intake(f, body, state, w, v),
        PaneKind::Queue => super::queue_ui::draw_queue(f, body, state, w, v),
        PaneKind::QueueStats => super::queue_ui::draw_stats(f, body, state, w, v),
        _ => {
            if let Some(list) = w.list() {
                draw_list(f, body, state, list, v);
            }
        }
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
            let required = doc.is_some_and(|d| d.is_required());
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

pub(super) fn value_line(
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

fn sla_style(th: &Theme, s: Option<SlaState>) -> Style {
    match s {
        Some(SlaState::Overdue) => th.style(S::Overdue),
        Some(SlaState::AtRisk) => th.style(S::AtRisk),
        Some(SlaState::OnTime) => th.style(S::Ok),
        None => th.style(S::Muted),
    }
}

/// A worklist: only the rows on screen are built, whatever the list's length.
pub fn draw_list(f: &mut Frame, area: Rect, state: &State, list: &ListPane, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let (total, ok, risk, late) = list.counters();
    let show_filter = list.filtering || !list.filter.is_empty();
    let mut title = tf(
        lang,
        "list.counters",
        &[
            ("total", &total),
            ("ok", &ok),
            ("risk", &risk),
            ("late", &late),
        ],
    );
    if show_filter {
        title.push_str(" · ");
        title.push_str(&tf(
            lang,
            "list.shown",
            &[("n", &list.visible.len()), ("total", &total)],
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.style(S::Border))
        .title(Span::styled(format!(" {title} "), th.style(S::Title)));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [table_area, filter_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(show_filter)),
    ])
    .areas(inner);
    if show_filter {
        // The placeholder says what is searched, in which languages.
        let mut filter = list.filter.clone();
        filter
            .area
            .set_placeholder_text(t(lang, "list.filter_hint"));
        filter.area.set_placeholder_style(th.style(S::Muted));
        input_line(
            f,
            filter_area,
            t(lang, "list.filter"),
            &filter,
            list.filtering,
            th,
            28,
        );
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
    let height = table_area.height.saturating_sub(1) as usize;
    list.page.set(height.max(1));
    // Keep the cursor on screen, moving the window as little as possible.
    let mut offset = list.offset.get().min(list.visible.len().saturating_sub(1));
    if list.selected < offset {
        offset = list.selected;
    } else if list.selected >= offset + height {
        offset = list.selected + 1 - height;
    }
    list.offset.set(offset);
    let wide = table_area.width >= 120;
    let shown: Vec<RowText> = list.visible[offset..(offset + height).min(list.visible.len())]
        .iter()
        .map(|&ri| RowText::of(&list.rows[ri], lang, v.catalog, wide))
        .collect();
    if let Some(r) = list.visible.get(list.selected).map(|&ri| &list.rows[ri]) {
        let row = RowText::of(r, lang, v.catalog, true);
        f.render_widget(
            Paragraph::new(row.detail(lang))
                .style(th.style(S::Muted))
                .wrap(Wrap { trim: true }),
            detail_area,
        );
    }
    let columns = list_columns(wide, table_area.width, &shown, lang);
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
        table_area,
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
                None => i18n::status_name(lang, r.status).to_string(),
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

fn draw_case(f: &mut Frame, area: Rect, state: &State, w: &Work, case: &CaseView, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let rec = &case.rec;
    let app = &rec.app;
    let service = v.catalog.get(&app.service);
    let name = service.map_or(app.service.as_str(), |s| i18n::service_name(lang, s));
    let label = |k: &str| Span::styled(format!("{}: ", t(lang, k)), th.style(S::Label));
    let mut lines = vec![
        Line::styled(name.to_string(), th.style(S::Title)),
        Line::from(vec![
            label("list.state"),
            Span::raw(i18n::status_name(lang, app.status)),
            Span::raw("   "),
            label("case.submitted"),
            Span::raw(date_time(app.submitted_at)),
            Span::raw("   "),
            label("list.overall"),
            Span::raw(opt_date_time(app.overall_due)),
        ]),
        Line::from(vec![
            label("case.applicant"),
            Span::raw(format!(
                "{}, {} {}",
                app.applicant.name,
                t(lang, "list.iin"),
                app.applicant.iin
            )),
        ]),
    ];
    if let Some(p) = &app.applicant.phone {
        lines.push(Line::from(vec![label("case.phone"), Span::raw(p.clone())]));
    }
    if let Some(r) = &app.applicant.representative {
        lines.push(Line::from(vec![
            label("case.representative"),
            Span::raw(format!(
                "{}{} ({} {})",
                r.name,
                r.iin.map(|i| format!(", {i}")).unwrap_or_default(),
                t(lang, "intake.poa"),
                r.power_of_attorney
            )),
        ]));
    }
    lines.push(Line::from(vec![
        label("case.numbers"),
        Span::raw(app.numbers.join(", ")),
    ]));
    if let Some(d) = &app.decision {
        let text = decision_text(lang, service, d);
        lines.push(Line::from(vec![
            label("case.decision"),
            Span::styled(text, th.style(S::Highlight)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.documents"), th.style(S::Label)));
    for d in &app.documents {
        let name = service
            .and_then(|s| s.documents.iter().find(|x| x.id == *d))
            .map_or(d.as_str(), |x| i18n::document_name(lang, x));
        lines.push(Line::raw(format!("  • {name}")));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.route"), th.style(S::Label)));
    if let Some(route) = service.and_then(|s| s.route(&app.route)) {
        for (i, step) in route.steps.iter().enumerate() {
            let done_at = app
                .history
                .iter()
                .rev()
                .find(|e| e.from_step == Some(i) && matches!(e.what, EventKind::Completed { .. }))
                .map(|e| e.at);
            let current = app.holder.is_some() && app.step == i && !app.status.is_closed();
            let norm = step
                .norm
                .map(|n| format!("{} {}", t(lang, "case.norm"), i18n::norm_text(lang, n)))
                .unwrap_or_else(|| t(lang, "case.no_norm").into());
            let when = match (done_at, current) {
                (_, true) => format!(
                    "{} · {} {}",
                    t(lang, "case.current"),
                    t(lang, "list.due"),
                    opt_date_time(app.step_due)
                ),
                (Some(at), _) => tf(lang, "case.done_at", &[("at", &date_time(at))]),
                _ => String::new(),
            };
            let style = if current {
                th.style(S::Selected)
            } else if done_at.is_some() {
                th.style(S::Ok)
            } else {
                Style::default()
            };
            lines.push(Line::styled(
                format!(
                    "  {}. {} — {} ({norm}) {when}",
                    i + 1,
                    i18n::step_name(lang, step.action),
                    i18n::role_name(lang, step.role),
                ),
                style,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t(lang, "case.history"), th.style(S::Label)));
    for e in &app.history {
        let what = match &e.what {
            EventKind::Submitted { channel, .. } => tf(
                lang,
                "case.ev_submitted",
                &[("channel", &i18n::channel_name(lang, *channel))],
            ),
            EventKind::Completed { action, output } => {
                let mut s = tf(
                    lang,
                    "case.ev_completed",
                    &[("step", &i18n::step_name(lang, *action))],
                );
                match output {
                    StepOutput::Registered { number } => s.push_str(&format!(" № {number}")),
                    StepOutput::Assigned {
                        specialist,
                        resolution,
                    } => s.push_str(&format!(" → {}: {resolution}", w.name_of(specialist))),
                    StepOutput::Report { text } => s.push_str(&format!(": {text}")),
                    StepOutput::Decided(Decision::Refuse { ground, text }) => {
                        s.push_str(&format!(": {} — {text}", i18n::ground_name(lang, *ground)))
                    }
                    StepOutput::Decided(d) => {
                        s.push_str(&format!(": {}", decision_text(lang, service, d)))
                    }
                    StepOutput::Issued { recipient } => s.push_str(&format!(" → {recipient}")),
                    StepOutput::Done => {}
                }
                s
            }
            EventKind::Returned { comment } => {
                tf(lang, "case.ev_returned", &[("comment", comment)])
            }
            EventKind::IntakeRefused { missing } => tf(
                lang,
                "case.ev_intake_refused",
                &[("docs", &missing.join(", "))],
            ),
            EventKind::IntakeRefusedWith { missing, expired } => tf(
                lang,
                "case.ev_intake_refused_expired",
                &[
                    ("docs", &missing.join(", ")),
                    ("expired", &expired.join(", ")),
                ],
            ),
            EventKind::Withdrawn { reason } => tf(lang, "case.ev_withdrawn", &[("reason", reason)]),
            EventKind::Issued { recipient } => tf(lang, "case.ev_issued", &[("iin", recipient)]),
        };
        lines.push(Line::raw(format!(
            "  {}  {} — {what}",
            date_time(e.at),
            w.name_of(&e.by)
        )));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((case.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(th.style(S::BorderFocused))
                    .title(Span::styled(
                        format!(" {} {} ", t(lang, "pane.case"), rec.number),
                        th.style(S::Title),
                    )),
            ),
        area,
    );
}

/// A decision as the next actor reads it: the result's name or the
/// ground, with what the specialist wrote.
fn decision_text(
    lang: Lang,
    service: Option<&crate::domain::catalog::Service>,
    d: &Decision,
) -> String {
    match d {
        Decision::Refuse { ground, text } => tf(
            lang,
            "case.refused",
            &[
                ("ground", &i18n::ground_name(lang, *ground)),
                ("text", text),
            ],
        ),
        _ => {
            let result = d.result().unwrap_or_default();
            let r = service
                .and_then(|s| s.results.iter().find(|x| x.id == result))
                .map_or(result, |x| i18n::result_name(lang, x));
            let approved = tf(lang, "case.approved", &[("result", &r)]);
            match d.text() {
                Some(text) => format!("{approved}. {text}"),
                None => approved,
            }
        }
    }
}

/// Draws a dialog; returns the rectangle it covers.
fn draw_overlay(f: &mut Frame, area: Rect, state: &State, o: &Overlay, v: &View) -> Rect {
    let lang = state.lang;
    let th = v.theme;
    let save_key = v
        .keymap
        .keys_for(Context::Form, Action::Submit, lang)
        .first()
        .cloned()
        .unwrap_or_default();
    let footer = Line::styled(
        format!(
            "{} · {}",
            tf(lang, "dialog.save", &[("key", &save_key)]),
            t(lang, "dialog.no")
        ),
        th.style(S::Muted),
    );
    match o {
        Overlay::Confirm { text, .. } => {
            // As tall as the question wrapped, the answers and the border.
            let h = textwrap::wrap(text, 62).len() as u16 + 4;
            let r = modal(f, th, area, 64, h);
            f.render_widget(
                Paragraph::new(vec![
                    Line::raw(text.clone()),
                    Line::raw(""),
                    Line::styled(
                        format!("{}    {}", t(lang, "dialog.yes"), t(lang, "dialog.no")),
                        th.style(S::Key),
                    ),
                ])
                .wrap(Wrap { trim: true })
                .block(dialog_block(t(lang, "action.confirm").into(), th)),
                r,
            );
            r
        }
        Overlay::Receipt {
            title,
            text,
            scroll,
        } => draw_receipt(f, area, lang, th, title, text, scroll),
        Overlay::Assign(d) => {
            let r = modal(f, th, area, 78, (d.specialists.len() as u16 + 9).min(20));
            let block = dialog_block(tf(lang, "assign.title", &[("number", &d.number)]), th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [list, label, text, foot] = Layout::vertical([
                Constraint::Min(2),
                Constraint::Length(1),
                Constraint::Length(3),
                Constraint::Length(1),
            ])
            .areas(inner);
            let mut lines = vec![Line::styled(
                t(lang, "assign.specialist"),
                th.style(S::Label),
            )];
            for (i, s) in d.specialists.iter().enumerate() {
                let load = tf(
                    lang,
                    "assign.load",
                    &[("open", &s.open), ("late", &s.overdue)],
                );
                let style = if i == d.selected {
                    if d.on_text {
                        th.style(S::Highlight)
                    } else {
                        th.style(S::Selected)
                    }
                } else if s.overdue > 0 {
                    th.style(S::AtRisk)
                } else {
                    Style::default()
                };
                lines.push(Line::styled(
                    format!("  {:<44} {load}", format!("{} ({})", s.full_name, s.login)),
                    style,
                ));
            }
            f.render_widget(Paragraph::new(lines), list);
            f.render_widget(
                Paragraph::new(t(lang, "assign.resolution")).style(th.style(S::Label)),
                label,
            );
            draw_field(f, text, &d.resolution, d.on_text, th);
            f.render_widget(Paragraph::new(footer), foot);
            r
        }
        Overlay::Decide(d) => {
            let r = modal(f, th, area, 72, 12);
            let block = dialog_block(tf(lang, "decide.title", &[("number", &d.number)]), th);
            let inner = block.inner(r);
            f.render_widget(block, r);
            let [o1, o2, label, text, foot] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(2),
                Constraint::Length(1),
                Constraint::Min(2),
                Constraint::Length(1),
            ])
            .areas(inner);
            let outcome = if d.approve {
                t(lang, "decide.approve")
            } else {
                t(lang, "decide.refuse")
            };
            value_line(
                f,
                o1,
                t(lang, "decide.outcome"),
                outcome,
                d.focus == DecideFocus::Outcome,
                th,
                22,
            );
            let (k, val) = if d.approve {
                (
                    "decide.result",
                    d.results
                        .get(d.result)
                        .map_or("—".to_string(), |r| r.1.clone()),
                )
            } else {
                (
                    "decide.ground",
                    i18n::ground_name(lang, GROUNDS[d.ground]).to_string(),
                )
            };
            let [l, vv] =
                Layout::horizontal([Constraint::Length(22), Constraint::Min(1)]).areas(o2);
            f.render_widget(
                Paragraph::new(format!("{}:", t(lang, k))).style(th.style(S::Label)),
                l,
            );
            let style = th.style(if d.focus == DecideFocus::Detail {
                S::InputFocused
            } else {
                S::Input
            });
            f.render_widget(
                Paragraph::new(val).style(style).wrap(Wrap { trim: true }),
                vv,
            );
            f.render_widget(
                Paragraph::new(t(lang, "decide.text")).style(th.style(S::Label)),
                label,
            );
            draw_field(f, text, &d.text, d.focus == DecideFocus::Text, th);
            f.render_widget(Paragraph::new(footer), foot);
            r
        }
        Overlay::Report {
            number,
            action,
            text,
            ..
        } => text_dialog(
            f,
            area,
            th,
            tf(
                lang,
                "decide.report_title",
                &[
                    ("what", &i18n::step_name(lang, *action)),
                    ("number", number),
                ],
            ),
            t(lang, "decide.report_text"),
            None,
            text,
            footer,
        ),
        Overlay::Return {
            number, comment, ..
        } => text_dialog(
            f,
            area,
            th,
            tf(lang, "sign.return_title", &[("number", number)]),
            t(lang, "sign.comment"),
            None,
            comment,
            footer,
        ),
        Overlay::Finish(d) => super::queue_ui::draw_finish(f, area, state, d, v, footer),
        Overlay::Transfer(d) => super::queue_ui::draw_transfer(f, area, state, d, v, footer),
        Overlay::Issue {
            number,
            hint,
            recipient,
            ..
        } => text_dialog(
            f,
            area,
            th,
            tf(lang, "results.issue_title", &[("number", number)]),
            t(lang, "results.recipient"),
            Some(hint),
            recipient,
            footer,
        ),
    }
}

/// A receipt as printed, its lines wrapped to the dialog; taller than the
/// screen, it scrolls (the list's keys) and says which lines show.
fn draw_receipt(
    f: &mut Frame,
    area: Rect,
    lang: Lang,
    th: &Theme,
    title: &str,
    text: &str,
    scroll: &Scroll,
) -> Rect {
    const WIDTH: u16 = 76;
    let inner_w = WIDTH.min(area.width.saturating_sub(2)).saturating_sub(2) as usize;
    let lines: Vec<String> = text
        .lines()
        .flat_map(|l| {
            let indent: String = l.chars().take_while(|c| *c == ' ').collect();
            let opts = textwrap::Options::new(inner_w.max(1)).subsequent_indent(&indent);
            textwrap::wrap(l, opts)
                .into_iter()
                .map(|c| c.into_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    // The text, then one line for closing (and scrolling), inside the border.
    let r = modal(f, th, area, WIDTH, lines.len() as u16 + 3);
    let height = r.height.saturating_sub(3);
    let offset = scroll.fit(lines.len(), height);
    let mut shown: Vec<Line> = lines
        .iter()
        .skip(offset as usize)
        .take(height as usize)
        .map(|l| Line::raw(l.clone()))
        .collect();
    let close = if lines.len() > height as usize {
        let to = (offset + height) as usize;
        format!(
            "{} · {}",
            tf(
                lang,
                "dialog.scroll",
                &[
                    ("from", &(offset + 1)),
                    ("to", &to.min(lines.len())),
                    ("total", &lines.len())
                ]
            ),
            t(lang, "dialog.close")
        )
    } else {
        t(lang, "dialog.close").to_string()
    };
    shown.push(Line::styled(close, th.style(S::Muted)));
    f.render_widget(
        Paragraph::new(shown).block(dialog_block(title.to_string(), th)),
        r,
    );
    r
}

#[allow(clippy::too_many_arguments)]
fn text_dialog(
    f: &mut Frame,
    area: Rect,
    th: &Theme,
    title: String,
    label: &str,
    hint: Option<&String>,
    field: &Field,
    footer: Line,
) -> Rect {
    let r = modal(f, th, area, 64, 9);
    let block = dialog_block(title, th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [l, h, text, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(
        Paragraph::new(label.to_string()).style(th.style(S::Label)),
        l,
    );
    if let Some(hint) = hint {
        f.render_widget(Paragraph::new(hint.clone()).style(th.style(S::Muted)), h);
    }
    draw_field(f, text, field, true, th);
    f.render_widget(Paragraph::new(footer), foot);
    r
}

/// The toasts, newest lowest, inside the pane's border in its free room:
/// beside a modal (above or below it, whichever is taller), never over it.
/// With no room left, the newest shows on one line over the footer.
fn draw_toasts(
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

fn draw_which_key(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let th = v.theme;
    let h = state.which_key.len() as u16 + 2;
    let w = state
        .which_key
        .iter()
        .map(|(k, d)| k.width() + d.width() + 6)
        .max()
        .unwrap_or(20) as u16;
    let r = Rect {
        x: area.x + area.width.saturating_sub(w + 1),
        y: area.y + area.height.saturating_sub(h),
        width: w.min(area.width),
        height: h.min(area.height),
    };
    let prefix: Vec<String> = state.pending.iter().map(|k| k.name(state.lang)).collect();
    let lines: Vec<Line> = state
        .which_key
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!(" {k} "), th.style(S::Key)),
                Span::raw(format!(" {d}")),
            ])
        })
        .collect();
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(dialog_block(
            format!("{} {}", t(state.lang, "help.which_key"), prefix.join(" ")),
            th,
        )),
        r,
    );
}

/// The help overlay, generated from the keymap sections in force, in as
/// many columns as the screen needs and fits; more than fits scrolls (the
/// list's keys) and says which lines show. Returns the rectangle it covers.
fn draw_help(f: &mut Frame, area: Rect, state: &State, v: &View) -> Rect {
    let lang = state.lang;
    let th = v.theme;
    let mut lines = Vec::new();
    for (ctx, entries) in v.keymap.help(v.contexts, lang) {
        if entries.is_empty() {
            continue;
        }
        lines.push(Line::styled(
            i18n::help_section(lang, ctx).to_string(),
            th.style(S::Label),
        ));
        for (keys, action, desc) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys:<13}"), th.style(S::Key)),
                Span::raw(format!(" {}", describe(lang, action, desc.as_deref()))),
            ]));
        }
    }
    // The whole body: the help covers everything beneath it.
    let r = area;
    f.render_widget(Clear, r);
    let block = dialog_block(t(lang, "help.title").into(), th);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let widest = lines.iter().map(Line::width).max().unwrap_or(1) as u16;
    let fit = (inner.width / widest.max(1)).max(1) as usize;
    let height = inner.height.max(1) as usize;
    let need = lines.len().div_ceil(height).max(1);
    let (columns, per_column, view) = if need <= fit {
        (need, height, inner)
    } else {
        // Too many for the screen: `fit` columns, scrolled together, and a line saying so.
        let view = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        (fit, lines.len().div_ceil(fit), view)
    };
    let offset = state.help_scroll.fit(per_column, view.height) as usize;
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(view);
    for (i, chunk) in lines.chunks(per_column).enumerate() {
        let shown: Vec<Line> = chunk
            .iter()
            .skip(offset)
            .take(view.height as usize)
            .cloned()
            .collect();
        f.render_widget(Paragraph::new(shown), areas[i]);
    }
    if view.height < inner.height {
        let to = (offset + view.height as usize).min(per_column);
        let say = tf(
            lang,
            "dialog.scroll",
            &[("from", &(offset + 1)), ("to", &to), ("total", &per_column)],
        );
        let at = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        f.render_widget(Paragraph::new(say).style(th.style(S::Muted)), at);
    }
    r
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

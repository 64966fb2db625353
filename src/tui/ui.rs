//! Drawing: the frame and every pane, from the state alone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::catalog::Catalog;

use super::action::Context;
use super::i18n::{t, tf};
use super::keymap::Keymap;
use super::room::Paint;
use super::screens::work::Work;
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
    w.draw(f, area, &paint(state, v));
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
        session: super::app::session(&state.screen),
        serving: work.and_then(|w| w.queue.serving()),
    }
}

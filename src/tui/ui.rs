//! Drawing: the frame and every pane, from the state alone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::catalog::Catalog;

use super::action::Context;
use super::chrome::footer::draw_footer;
use super::chrome::header::draw_header;
use super::chrome::help::draw_help;
use super::chrome::toasts::draw_toasts;
use super::chrome::which_key::draw_which_key;
use super::i18n::tf;
use super::keymap::Keymap;
use super::room::{Paint, Room};
use super::screens::demo_offer::DemoOffer;
use super::state::*;
use super::theme::{StyleName as S, Theme};

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
    let paint = paint(state, v);
    match &state.screen {
        Screen::DemoOffer => {
            DemoOffer.draw(f, body, &paint);
        }
        Screen::Login(l) => {
            l.draw(f, body, &paint);
        }
        Screen::Work(w) => w.draw(f, body, &paint),
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
        location: &state.location,
    }
}

//! The bottom line: hints for the keys of the innermost room, from the keymap.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::{Action, Context, describe};
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

/// Key hints for the actions that matter here, from the keymap.
pub fn draw_footer(f: &mut Frame, area: Rect, state: &State, v: &View) {
    // The innermost room says what it takes.
    if let Some(d) = state.overlays.last() {
        return footer_line(f, area, state, v, d.room().hints());
    }
    if let Some(room) = state.work().and_then(|w| w.room()) {
        return footer_line(f, area, state, v, room.hints());
    }
    let wanted: &[Action] = match v.contexts.first() {
        // The login or the demo offer.
        Some(Context::Dialog) => match state.screen {
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
        (Some(d), _) => d.room().typing(),
        (None, Screen::Login(_)) => true,
        (None, Screen::DemoOffer) => false,
        (None, Screen::Work(w)) => w.room().is_some_and(|r| r.typing()),
    }
}

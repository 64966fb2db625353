//! An application opened from a list (Enter): read as a whole, scrolled,
//! and acted on like the list's row. Esc goes back to the list.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::route::Deadlines;
use crate::store::model::Record;
use crate::tui::action::{Action, Context};
use crate::tui::effect::Effect;
use crate::tui::room::{Cx, EventState, Paint, Room};

use super::step::{Target, on_step_action};

pub struct CaseView {
    pub rec: Record,
    pub scroll: u16,
    /// The calendar and schedules the counter's part is timed on.
    pub deadlines: Deadlines,
}

impl CaseView {
    fn target(&self) -> Target {
        let a = &self.rec.app;
        Target {
            number: self.rec.number.clone(),
            version: a.version,
            step: a.holder.as_ref().map(|h| h.action),
        }
    }
}

impl Room for CaseView {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Case, Context::List, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Back, Action::Complete, Action::ReturnDraft]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let s = self.scroll;
        self.scroll = match action {
            Action::Back | Action::Cancel => {
                cx.effect(Effect::CloseCase);
                return EventState::Consumed;
            }
            Action::Up => s.saturating_sub(1),
            Action::Down => s.saturating_add(1),
            Action::PageUp => s.saturating_sub(10),
            Action::PageDown => s.saturating_add(10),
            Action::Top => 0,
            other => return on_step_action(other, Some(self.target()), Some(&self.rec), cx),
        };
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        super::case_view::draw(f, area, self, p);
        area
    }
}

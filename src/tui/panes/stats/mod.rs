//! The centre head's queue figures for one day: tickets, visits and
//! no-shows, waiting and service times per category and operator, with
//! charts; ← and → change the day (→ stops at today).

pub mod view;

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::queue::QueueConfig;
use crate::domain::queue::stats::DayStats;
use crate::tui::action::{Action, Context};
use crate::tui::effect::Effect;
use crate::tui::i18n::t;
use crate::tui::room::{Cx, EventState, Paint, Room};

/// The queue figures of one day.
#[derive(Default)]
pub struct StatsPane {
    pub day: Option<NaiveDate>,
    pub stats: Option<DayStats>,
    pub config: Option<QueueConfig>,
    pub error: Option<String>,
}

impl Room for StatsPane {
    fn contexts(&self) -> &'static [Context] {
        &[Context::QueueStats, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::PrevDay, Action::NextDay, Action::Refresh]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let today = cx.now.date();
        let day = self.day.unwrap_or(today);
        let day = match action {
            Action::PrevDay => day - Duration::days(1),
            // No figures exist for days to come: → stops at today.
            Action::NextDay if day >= today => {
                cx.toast(t(cx.lang, "stats.no_future"));
                return EventState::Consumed;
            }
            Action::NextDay => day + Duration::days(1),
            _ => return EventState::Ignored,
        };
        self.day = Some(day);
        cx.effect(Effect::RefreshQueue);
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        view::draw(f, area, self, p);
        area
    }
}

//! The Reports pane's period picker: a named period ("this month", "last
//! quarter"...) from a list, or explicit dates typed as 01.11.2026 (or
//! 2026-11-01), both days included.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::report::{Period, PeriodName};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, input_line, modal};
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::panes::reports::PeriodChoice;
use crate::tui::room::{Cx, EventState, Paint, Room, typed_char};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, save_footer};

/// The picker's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFocus {
    List,
    From,
    To,
}

pub struct PeriodDialog {
    /// Index into `PeriodName::ALL`; one past it: the dates below.
    pub selected: usize,
    /// Boxed: a text field is large, and dialogs share one enum.
    pub from: Box<Field>,
    pub to: Box<Field>,
    pub focus: PeriodFocus,
    /// The dates the fields opened with: anything else is typed.
    opened: (String, String),
}

const DATE_SHOWN: &str = "%d.%m.%Y";

/// A day as typed: 01.11.2026 or 2026-11-01.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, DATE_SHOWN)
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

impl PeriodDialog {
    pub fn new(current: PeriodChoice, now: NaiveDateTime) -> PeriodDialog {
        let period = current.period(now);
        let selected = match current {
            PeriodChoice::Named(n) => PeriodName::ALL.iter().position(|x| *x == n).unwrap_or(0),
            PeriodChoice::Dates(_) => PeriodName::ALL.len(),
        };
        let opened = (
            period.from.format(DATE_SHOWN).to_string(),
            period.to.format(DATE_SHOWN).to_string(),
        );
        let mut from = Field::limited(10);
        from.set(&opened.0);
        let mut to = Field::limited(10);
        to.set(&opened.1);
        PeriodDialog {
            selected,
            from: Box::new(from),
            to: Box::new(to),
            focus: PeriodFocus::List,
            opened,
        }
    }

    fn on_dates(&self) -> bool {
        self.selected == PeriodName::ALL.len()
    }

    /// The period chosen, or what is wrong with the dates typed.
    fn chosen(&self, cx: &Cx) -> Result<PeriodChoice, String> {
        if self.focus == PeriodFocus::List
            && let Some(&name) = PeriodName::ALL.get(self.selected)
        {
            return Ok(PeriodChoice::Named(name));
        }
        let day = |f: &Field| {
            parse_day(&f.text()).ok_or_else(|| {
                tf(
                    cx.lang,
                    "reports_pane.bad_date",
                    &[("text", &f.text().trim().to_string())],
                )
            })
        };
        let (from, to) = (day(&self.from)?, day(&self.to)?);
        Period::new(from, to)
            .map(PeriodChoice::Dates)
            .map_err(|_| t(cx.lang, "reports_pane.reversed").to_string())
    }

    fn submit(&self, cx: &mut Cx) {
        match self.chosen(cx) {
            Ok(choice) => {
                cx.close();
                cx.effect(Effect::ReportPeriod(choice));
            }
            Err(text) => cx.error(text),
        }
    }

    fn field(&mut self) -> Option<&mut Field> {
        match self.focus {
            PeriodFocus::List => None,
            PeriodFocus::From => Some(&mut self.from),
            PeriodFocus::To => Some(&mut self.to),
        }
    }
}

impl Room for PeriodDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Confirm, Action::Cancel, Action::NextField]
    }

    fn typing(&self) -> bool {
        self.focus != PeriodFocus::List
    }

    fn unsaved(&self) -> bool {
        (self.from.text(), self.to.text()) != self.opened
    }

    /// A digit typed on the list goes to the first date, never to a command.
    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        if self.focus == PeriodFocus::List && typed_char(&key) {
            self.selected = PeriodName::ALL.len();
            self.focus = PeriodFocus::From;
            self.from.clear();
        }
        EventState::from(self.field().is_some_and(|f| f.input(key)))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let last = PeriodName::ALL.len();
        match action {
            Action::NextField | Action::PrevField => {
                let order = [PeriodFocus::List, PeriodFocus::From, PeriodFocus::To];
                let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                let by = if action == Action::NextField { 1 } else { 2 };
                self.focus = order[(i + by) % order.len()];
                if self.focus != PeriodFocus::List {
                    self.selected = last;
                }
            }
            Action::Up if self.focus == PeriodFocus::List => {
                self.selected = self.selected.saturating_sub(1)
            }
            Action::Down if self.focus == PeriodFocus::List => {
                self.selected = (self.selected + 1).min(last)
            }
            Action::Confirm | Action::Submit | Action::Open => {
                if self.focus == PeriodFocus::List && self.on_dates() {
                    self.focus = PeriodFocus::From;
                } else {
                    self.submit(cx);
                }
            }
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 56, PeriodName::ALL.len() as u16 + 8);
        let block = dialog_block(t(lang, "reports_pane.period_title").into(), th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [list, from, to, foot] = Layout::vertical([
            Constraint::Min(2),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let names = PeriodName::ALL
            .iter()
            .map(|n| i18n::period_name(lang, *n).to_string())
            .chain([t(lang, "reports_pane.period_dates").to_string()]);
        let lines: Vec<Line> = names
            .enumerate()
            .map(|(i, name)| {
                let style = match (i == self.selected, self.focus == PeriodFocus::List) {
                    (true, true) => th.style(S::Selected),
                    (true, false) => th.style(S::Highlight),
                    _ => th.style(S::Base),
                };
                Line::styled(format!("  {name}"), style)
            })
            .collect();
        f.render_widget(Paragraph::new(lines), list);
        let label_w = 12;
        let label = |k| t(lang, k);
        input_line(
            f,
            from,
            label("reports_pane.period_from"),
            &self.from,
            self.focus == PeriodFocus::From,
            th,
            label_w,
        );
        input_line(
            f,
            to,
            label("reports_pane.period_to"),
            &self.to,
            self.focus == PeriodFocus::To,
            th,
            label_w,
        );
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

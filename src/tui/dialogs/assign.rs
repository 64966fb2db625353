//! The head assigns an application to a specialist: the list of
//! specialists with each one's open load and overdue count, and the
//! resolution's text.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::catalog::StepAction;
use crate::ops::{ActKind, ActRequest, SpecialistLoad};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, draw_field, modal};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, ListAndText, save_footer};

/// The assign dialog's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignFocus {
    Specialist,
    Resolution,
}

pub struct AssignDialog {
    pub number: String,
    pub version: u64,
    pub specialists: Vec<SpecialistLoad>,
    pub selected: usize,
    pub resolution: Field,
    pub focus: AssignFocus,
}

impl AssignDialog {
    pub fn new(number: String, version: u64, specialists: Vec<SpecialistLoad>) -> AssignDialog {
        AssignDialog {
            number,
            version,
            specialists,
            selected: 0,
            resolution: Field::multiline(),
            focus: AssignFocus::Specialist,
        }
    }
}

impl ListAndText for AssignDialog {
    fn on_text(&self) -> bool {
        self.focus == AssignFocus::Resolution
    }

    fn set_on_text(&mut self, on_text: bool) {
        self.focus = if on_text {
            AssignFocus::Resolution
        } else {
            AssignFocus::Specialist
        };
    }

    fn cursor(&mut self) -> (&mut usize, usize) {
        (&mut self.selected, self.specialists.len())
    }

    fn text(&mut self) -> &mut Field {
        &mut self.resolution
    }

    fn submit(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let Some(s) = self.specialists.get(self.selected) else {
            return;
        };
        let names: [(&str, &dyn crate::i18n::Arg); 2] =
            [("number", &self.number), ("name", &s.full_name)];
        let text = tf(lang, "assign.confirm", &names);
        cx.ask(
            text,
            Command::Act {
                number: self.number.clone(),
                kind: ActKind::Step(StepAction::Assign),
                req: ActRequest {
                    to: Some(s.login.clone()),
                    comment: Some(self.resolution.text().trim().to_string()),
                    version: Some(self.version),
                    ..ActRequest::default()
                },
                done: tf(lang, "assign.done", &names),
            },
        );
    }
}

impl Room for AssignDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Submit, Action::Cancel, Action::NextField]
    }

    fn typing(&self) -> bool {
        true
    }

    fn unsaved(&self) -> bool {
        !self.resolution.text().trim().is_empty()
    }

    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        self.take_list_key(key)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        self.on_list_action(action, cx)
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 78, (self.specialists.len() as u16 + 9).min(20));
        let block = dialog_block(tf(lang, "assign.title", &[("number", &self.number)]), th);
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
        for (i, s) in self.specialists.iter().enumerate() {
            let load = tf(
                lang,
                "assign.load",
                &[("open", &s.open), ("late", &s.overdue)],
            );
            let style = if i == self.selected {
                th.style(if self.on_text() {
                    S::Highlight
                } else {
                    S::Selected
                })
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
        draw_field(f, text, &self.resolution, self.on_text(), th);
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

//! The specialist's decision: the positive result (from the service's
//! results) or a motivated refusal (a ground from the list and the text).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::catalog::StepAction;
use crate::domain::route::RefusalGround;
use crate::ops::{ActKind, ActRequest};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, draw_field, modal, value_line};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room, typed_char};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, save_footer};

/// The grounds for a refusal, in the order the dialog offers them.
pub const GROUNDS: [RefusalGround; 4] = [
    RefusalGround::RequirementsNotMet,
    RefusalGround::FalseDocuments,
    RefusalGround::CourtDecision,
    RefusalGround::Other,
];

/// One of the service's positive results.
#[derive(Debug, Clone)]
pub struct ResultChoice {
    pub id: String,
    /// Its name in the user's language.
    pub name: String,
}

pub struct DecideDialog {
    pub number: String,
    pub version: u64,
    pub approve: bool,
    pub results: Vec<ResultChoice>,
    pub result: usize,
    pub ground: usize,
    pub text: Field,
    pub focus: DecideFocus,
}

/// The decision dialog's controls, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecideFocus {
    Outcome,
    /// The result (approval) or the ground (refusal): a choice.
    Detail,
    Text,
}

impl DecideDialog {
    pub fn new(number: String, version: u64, results: Vec<ResultChoice>) -> DecideDialog {
        DecideDialog {
            number,
            version,
            approve: true,
            results,
            result: 0,
            ground: 0,
            text: Field::multiline(),
            focus: DecideFocus::Outcome,
        }
    }

    /// The controls that can change now: the result row is left out
    /// when the service has a single positive result to choose.
    pub fn controls(&self) -> Vec<DecideFocus> {
        let choice = !self.approve || self.results.len() > 1;
        let mut c = vec![DecideFocus::Outcome];
        if choice {
            c.push(DecideFocus::Detail);
        }
        c.push(DecideFocus::Text);
        c
    }

    /// Moves the focus to the next (or previous) editable control.
    pub fn move_focus(&mut self, back: bool) {
        let c = self.controls();
        let i = c.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = c.len();
        self.focus = c[if back { (i + n - 1) % n } else { (i + 1) % n }];
    }

    fn toggle(&mut self) {
        match self.focus {
            DecideFocus::Outcome => self.approve = !self.approve,
            DecideFocus::Detail if self.approve && !self.results.is_empty() => {
                self.result = (self.result + 1) % self.results.len()
            }
            DecideFocus::Detail if !self.approve => self.ground = (self.ground + 1) % GROUNDS.len(),
            _ => {}
        }
    }

    fn submit(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let text = self.text.text().trim().to_string();
        if !self.approve && text.is_empty() {
            return cx.error(t(lang, "decide.need_text"));
        }
        let number = &self.number;
        cx.ask(
            tf(lang, "decide.confirm", &[("number", number)]),
            Command::Act {
                number: number.clone(),
                kind: ActKind::Step(StepAction::Execute),
                req: ActRequest {
                    approve: Some(self.approve),
                    result: self
                        .results
                        .get(self.result)
                        .map(|r| r.id.clone())
                        .filter(|_| self.approve),
                    ground: (!self.approve).then(|| GROUNDS[self.ground]),
                    comment: Some(text),
                    version: Some(self.version),
                    ..ActRequest::default()
                },
                done: tf(lang, "decide.done", &[("number", number)]),
            },
        );
    }
}

impl Room for DecideDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Submit,
            Action::Cancel,
            Action::NextField,
            Action::Toggle,
        ]
    }

    fn typing(&self) -> bool {
        true
    }

    fn unsaved(&self) -> bool {
        !self.text.text().trim().is_empty()
    }

    /// A letter typed on a choice goes to the text, never to a command.
    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        if typed_char(&key) {
            self.focus = DecideFocus::Text;
        }
        EventState::from(self.focus == DecideFocus::Text && self.text.input(key))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        match action {
            Action::NextField => self.move_focus(false),
            Action::Down if self.focus != DecideFocus::Text => self.move_focus(false),
            Action::PrevField | Action::Up => self.move_focus(true),
            Action::Toggle => self.toggle(),
            Action::Submit | Action::Confirm => self.submit(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 72, 12);
        let block = dialog_block(tf(lang, "decide.title", &[("number", &self.number)]), th);
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
        let outcome = if self.approve {
            t(lang, "decide.approve")
        } else {
            t(lang, "decide.refuse")
        };
        let focus = self.focus;
        value_line(
            f,
            o1,
            t(lang, "decide.outcome"),
            outcome,
            focus == DecideFocus::Outcome,
            th,
            22,
        );
        let (k, val) = if self.approve {
            let name = self.results.get(self.result).map(|r| r.name.clone());
            ("decide.result", name.unwrap_or_else(|| "—".to_string()))
        } else {
            let ground = i18n::ground_name(lang, GROUNDS[self.ground]);
            ("decide.ground", ground.to_string())
        };
        let [l, vv] = Layout::horizontal([Constraint::Length(22), Constraint::Min(1)]).areas(o2);
        f.render_widget(
            Paragraph::new(format!("{}:", t(lang, k))).style(th.style(S::Label)),
            l,
        );
        let style = th.style(if focus == DecideFocus::Detail {
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
        draw_field(f, text, &self.text, focus == DecideFocus::Text, th);
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

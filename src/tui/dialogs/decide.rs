//! The specialist's decision: the positive result (from the service's
//! results) or a motivated refusal (a ground from the list and the text).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::catalog::StepAction;
use crate::domain::route::{ActText, RefusalGround};
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
    /// The acts the step draws up beside the decision, each with its text.
    pub acts: Vec<ActField>,
    pub focus: DecideFocus,
}

/// One act of the step (an act of inspection) and the text typed for it.
#[derive(Debug, Clone)]
pub struct ActField {
    pub id: String,
    /// Its name in the user's language.
    pub name: String,
    pub text: Field,
}

impl ActField {
    pub fn new(id: &str, name: &str) -> ActField {
        ActField {
            id: id.to_string(),
            name: name.to_string(),
            text: Field::multiline(),
        }
    }
}

/// The decision dialog's controls, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecideFocus {
    Outcome,
    /// The result (approval) or the ground (refusal): a choice.
    Detail,
    Text,
    /// The text of act `n` of the step.
    Act(usize),
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
            acts: Vec::new(),
            focus: DecideFocus::Outcome,
        }
    }

    pub fn with_acts(mut self, acts: Vec<ActField>) -> DecideDialog {
        self.acts = acts;
        self
    }

    /// The text field focused, if any.
    fn field(&mut self) -> Option<&mut Field> {
        match self.focus {
            DecideFocus::Text => Some(&mut self.text),
            DecideFocus::Act(n) => self.acts.get_mut(n).map(|a| &mut a.text),
            _ => None,
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
        c.extend((0..self.acts.len()).map(DecideFocus::Act));
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
        if let Some(a) = self.acts.iter().find(|a| a.text.text().trim().is_empty()) {
            return cx.error(tf(lang, "unfit.act_text_missing", &[("act", &a.name)]));
        }
        let acts: Vec<ActText> = self
            .acts
            .iter()
            .map(|a| ActText {
                id: a.id.clone(),
                text: a.text.text().trim().to_string(),
            })
            .collect();
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
                    acts,
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
            || self.acts.iter().any(|a| !a.text.text().trim().is_empty())
    }

    /// A letter typed on a choice goes to the text, never to a command.
    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        if typed_char(&key) && self.field().is_none() {
            self.focus = DecideFocus::Text;
        }
        EventState::from(self.field().is_some_and(|f| f.input(key)))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        match action {
            Action::NextField => self.move_focus(false),
            Action::Down if self.field().is_none() => self.move_focus(false),
            Action::PrevField | Action::Up => self.move_focus(true),
            Action::Toggle => self.toggle(),
            Action::Submit | Action::Confirm => self.submit(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        // Each act of the step: its name and a text of two lines.
        let extra = 3 * self.acts.len() as u16;
        let r = modal(f, th, area, 72, 12 + extra);
        let block = dialog_block(tf(lang, "decide.title", &[("number", &self.number)]), th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [o1, o2, label, text, acts, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Min(2),
            Constraint::Length(extra),
            Constraint::Length(1),
        ])
        .areas(inner);
        self.draw_acts(f, acts, p);
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

impl DecideDialog {
    /// The acts' names and texts, one beneath the other.
    fn draw_acts(&self, f: &mut Frame, area: Rect, p: &Paint) {
        let th = p.theme;
        let rows = Layout::vertical(
            [Constraint::Length(1), Constraint::Length(2)].repeat(self.acts.len()),
        )
        .split(area);
        for (n, a) in self.acts.iter().enumerate() {
            let name = super::text::capitalise(&a.name);
            let label = tf(p.lang, "decide.act", &[("act", &name)]);
            f.render_widget(Paragraph::new(label).style(th.style(S::Label)), rows[2 * n]);
            let on = self.focus == DecideFocus::Act(n);
            draw_field(f, rows[2 * n + 1], &a.text, on, th);
        }
    }
}

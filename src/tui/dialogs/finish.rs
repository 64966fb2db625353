//! Finishing a visit at the operator's window: its outcome and, for an
//! application filed or a result issued, the application's number (the
//! last one filed while serving is offered), checked before the question.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::domain::queue::{Outcome, OutcomeKind};
use crate::ops::OpsError;
use crate::ops::queue::{QueueAct, outcome_fits};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, draw_field, modal, value_line};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room, typed_char};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, save_footer};

/// The outcome kinds in the order the finish dialog offers them.
pub const OUTCOMES: [OutcomeKind; 5] = [
    OutcomeKind::Accepted,
    OutcomeKind::RefusedIntake,
    OutcomeKind::Issued,
    OutcomeKind::Consultation,
    // The person registry (ГБД ФЛ) had no data: nothing was filed.
    OutcomeKind::NoPersonData,
];

/// The finish dialog's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishFocus {
    Outcome,
    Application,
}

pub struct FinishDialog {
    pub ticket: String,
    pub kind: OutcomeKind,
    pub application: Field,
    pub focus: FinishFocus,
}

impl FinishDialog {
    /// `filed`: the application filed (or issued) while serving, if any.
    pub fn new(ticket: String, filed: Option<(OutcomeKind, &str)>) -> FinishDialog {
        let mut application = Field::limited(24);
        let kind = match filed {
            Some((kind, number)) => {
                application.set(number);
                kind
            }
            None => OutcomeKind::Consultation,
        };
        FinishDialog {
            ticket,
            kind,
            application,
            focus: FinishFocus::Outcome,
        }
    }

    /// The next (or, `back`, the previous) outcome.
    fn cycle(&mut self, back: bool) {
        let n = OUTCOMES.len();
        let i = OUTCOMES.iter().position(|k| *k == self.kind).unwrap_or(0);
        self.kind = OUTCOMES[if back { (i + n - 1) % n } else { (i + 1) % n }];
    }

    /// The outcome, its application checked against the store.
    fn checked(&self, cx: &Cx) -> Result<Outcome, OpsError> {
        let app = self.application.text();
        let app = Some(app.as_str()).filter(|_| self.kind.needs_application());
        let o = Outcome::new(self.kind, app).map_err(OpsError::Queue)?;
        if let (Some(number), Some(s)) = (&o.application, cx.session) {
            let rec = cx.backend.show(s.login(), number)?;
            outcome_fits(&rec, &s.org.code, &o)?;
        }
        Ok(o)
    }

    fn submit(&self, cx: &mut Cx) {
        let lang = cx.lang;
        match self.checked(cx) {
            Err(e) => cx.error(i18n::error_text(lang, &e)),
            Ok(o) => {
                let outcome = i18n::outcome_name(lang, self.kind);
                let text = tf(
                    lang,
                    "queue.confirm_finish",
                    &[("number", &self.ticket), ("outcome", &outcome)],
                );
                cx.ask(text, Command::Queue(QueueAct::Finish(o)));
            }
        }
    }
}

impl Room for FinishDialog {
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

    /// A letter typed on the outcome goes to the number, never to a command.
    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        if typed_char(&key) {
            self.focus = FinishFocus::Application;
        }
        EventState::from(self.focus == FinishFocus::Application && self.application.input(key))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let on_outcome = self.focus == FinishFocus::Outcome;
        match action {
            Action::NextField | Action::PrevField => {
                self.focus = match self.focus {
                    FinishFocus::Outcome => FinishFocus::Application,
                    FinishFocus::Application => FinishFocus::Outcome,
                }
            }
            Action::Toggle | Action::Down if on_outcome => self.cycle(false),
            Action::Up if on_outcome => self.cycle(true),
            Action::Submit | Action::Confirm => self.submit(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 64, 8);
        let title = tf(lang, "queue.finish_title", &[("number", &self.ticket)]);
        let block = dialog_block(title, th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [o, label, field, hint, foot] =
            Layout::vertical([Constraint::Length(1); 5]).areas(inner);
        value_line(
            f,
            o,
            t(lang, "queue.outcome"),
            i18n::outcome_name(lang, self.kind),
            self.focus == FinishFocus::Outcome,
            th,
            22,
        );
        f.render_widget(
            Paragraph::new(t(lang, "queue.application")).style(th.style(S::Label)),
            label,
        );
        let on_app = self.focus == FinishFocus::Application;
        draw_field(f, field, &self.application, on_app, th);
        f.render_widget(
            Paragraph::new(t(lang, "queue.finish_hint")).style(th.style(S::Muted)),
            hint,
        );
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

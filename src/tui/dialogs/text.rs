//! A dialog of one text field about one application: a step's report (an
//! inspection act, a conclusion), a draft returned with the head's comment,
//! the collector's IIN when a result is issued, or the centre's journal mark
//! when the result handed to it is received.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::domain::catalog::StepAction;
use crate::domain::iin::Iin;
use crate::ops::{ActKind, ActRequest, OpsError};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, draw_field, modal};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, save_footer};

/// What the text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPurpose {
    /// The report a step asks for (an inspection act, a conclusion).
    Report(StepAction),
    /// A draft back to the specialist, with the head's comment.
    Return,
    /// A result handed over: the collector's IIN, with a hint naming who may collect.
    Issue { hint: String },
    /// The result the provider handed to the centre: the mark made in the
    /// centre's journal (000:132-135).
    Receive,
}

/// A journal's mark is an entry number or a short note.
const MARK_LIMIT: usize = 64;

pub struct TextDialog {
    pub number: String,
    pub version: u64,
    pub purpose: TextPurpose,
    pub field: Field,
}

impl TextDialog {
    pub fn new(number: String, version: u64, purpose: TextPurpose) -> TextDialog {
        let field = match purpose {
            TextPurpose::Issue { .. } => Field::limited(12),
            TextPurpose::Receive => Field::limited(MARK_LIMIT),
            _ => Field::multiline(),
        };
        TextDialog {
            number,
            version,
            purpose,
            field,
        }
    }

    fn act(&self, kind: ActKind, req: ActRequest, done: String) -> Command {
        Command::Act {
            number: self.number.clone(),
            kind,
            req: ActRequest {
                version: Some(self.version),
                ..req
            },
            done,
        }
    }

    fn report(&self, step: StepAction, cx: &mut Cx) {
        let lang = cx.lang;
        let body = self.field.text().trim().to_string();
        if body.is_empty() {
            return cx.error(t(lang, "decide.need_report"));
        }
        let number = &self.number;
        let what = i18n::step_name(lang, step);
        let text = tf(
            lang,
            "act.confirm",
            &[
                ("what", &capitalise(what)),
                ("number", number),
                ("service", &""),
            ],
        );
        let req = ActRequest {
            comment: Some(body),
            ..ActRequest::default()
        };
        let done = tf(lang, "act.done", &[("number", number), ("what", &what)]);
        cx.ask(text, self.act(ActKind::Step(step), req, done));
    }

    fn return_draft(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let body = self.field.text().trim().to_string();
        if body.is_empty() {
            return cx.error(t(lang, "sign.need_comment"));
        }
        let number = &self.number;
        let req = ActRequest {
            comment: Some(body),
            ..ActRequest::default()
        };
        let done = tf(lang, "sign.returned", &[("number", number)]);
        let text = tf(lang, "sign.confirm_return", &[("number", number)]);
        cx.ask(text, self.act(ActKind::Return, req, done));
    }

    fn issue(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let number = &self.number;
        let iin = match Iin::parse(&self.field.text()) {
            Ok(iin) => iin,
            Err(e) => {
                let reason = i18n::iin_reason(lang, &e);
                return cx.error(tf(lang, "intake.need_iin", &[("reason", &reason)]));
            }
        };
        // A collector who is neither the applicant nor their
        // representative is refused before the question, not after.
        if cx.session.is_some()
            && let Ok(rec) = cx.backend.show(cx.login(), number)
            && let Err(e) = rec.app.check_recipient(&iin)
        {
            return cx.error(i18n::error_text(lang, &OpsError::Transition(e)));
        }
        let text = tf(
            lang,
            "results.confirm_issue",
            &[("number", number), ("iin", &iin)],
        );
        let req = ActRequest {
            recipient: Some(iin.to_string()),
            ..ActRequest::default()
        };
        let done = tf(lang, "results.issued", &[("number", number)]);
        cx.ask(text, self.act(ActKind::Issue, req, done));
    }

    fn receive(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let mark = self.field.text().trim().to_string();
        if mark.is_empty() {
            return cx.error(t(lang, "results.need_mark"));
        }
        let number = &self.number;
        let text = tf(
            lang,
            "results.confirm_receive",
            &[("number", number), ("mark", &mark)],
        );
        let req = ActRequest {
            comment: Some(mark),
            ..ActRequest::default()
        };
        let done = tf(lang, "results.received", &[("number", number)]);
        cx.ask(text, self.act(ActKind::Receive, req, done));
    }

    fn title(&self, p: &Paint) -> String {
        let (lang, number) = (p.lang, &self.number);
        match &self.purpose {
            TextPurpose::Report(step) => tf(
                lang,
                "decide.report_title",
                &[("what", &i18n::step_name(lang, *step)), ("number", number)],
            ),
            TextPurpose::Return => tf(lang, "sign.return_title", &[("number", number)]),
            TextPurpose::Issue { .. } => tf(lang, "results.issue_title", &[("number", number)]),
            TextPurpose::Receive => tf(lang, "results.receive_title", &[("number", number)]),
        }
    }
}

impl Room for TextDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Submit, Action::Cancel]
    }

    fn typing(&self) -> bool {
        true
    }

    fn unsaved(&self) -> bool {
        // A number or an IIN is quickly typed again.
        !matches!(
            self.purpose,
            TextPurpose::Issue { .. } | TextPurpose::Receive
        ) && !self.field.text().trim().is_empty()
    }

    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        EventState::from(self.field.input(key))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if !matches!(action, Action::Submit | Action::Confirm) {
            return EventState::Ignored;
        }
        match &self.purpose {
            TextPurpose::Report(step) => self.report(*step, cx),
            TextPurpose::Return => self.return_draft(cx),
            TextPurpose::Issue { .. } => self.issue(cx),
            TextPurpose::Receive => self.receive(cx),
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let (label, hint) = match &self.purpose {
            TextPurpose::Report(_) => (t(lang, "decide.report_text"), None),
            TextPurpose::Return => (t(lang, "sign.comment"), None),
            TextPurpose::Issue { hint } => (t(lang, "results.recipient"), Some(hint)),
            TextPurpose::Receive => (t(lang, "results.mark"), None),
        };
        let r = modal(f, th, area, 64, 9);
        let block = dialog_block(self.title(p), th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [l, h, text, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        f.render_widget(
            Paragraph::new(label.to_string()).style(th.style(S::Label)),
            l,
        );
        if let Some(hint) = hint {
            f.render_widget(Paragraph::new(hint.clone()).style(th.style(S::Muted)), h);
        }
        draw_field(f, text, &self.field, true, th);
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

/// `s` with its first letter in capitals (a step's name opening a sentence).
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

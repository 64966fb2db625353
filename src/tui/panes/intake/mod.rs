//! The intake pane: an application taken in at the counter (the operator)
//! or in the provider's office (the clerk's walk-in intake). `form` is the
//! form's state and checks, `view` its drawing; here are its keys and
//! actions: the service picker, the IIN checked as typed (a person known to
//! the registry fills the name and phone), accepting (F2), refusing intake
//! for a missing document (F3), and clearing after asking (Ctrl+N).

pub mod form;
pub mod view;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::action::{Action, Context};
use crate::tui::effect::Command;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room, typed_char};

pub use form::{DocumentCheck, Focus, IinState, IntakeForm};

impl IntakeForm {
    /// The service picker: arrows move through the matches, Enter takes one.
    fn pick_service(&mut self, key: &KeyEvent, cx: &Cx) -> EventState {
        if self.focus != Focus::Service
            || self.matches.is_empty()
            || key.modifiers != KeyModifiers::NONE
        {
            return EventState::Ignored;
        }
        match key.code {
            KeyCode::Up => self.pick = self.pick.saturating_sub(1),
            KeyCode::Down => self.pick = (self.pick + 1).min(self.matches.len() - 1),
            KeyCode::Enter => {
                if self.choose(cx.catalog()) {
                    self.query.clear();
                    self.matches.clear();
                    self.focus = Focus::Iin;
                }
            }
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    /// The language changed: the matches are named (and ranked) anew.
    pub fn language_changed(&mut self, cx: &Cx) {
        if let Some(s) = cx.session
            && !self.query.is_empty()
        {
            self.search(cx.catalog(), s.org, cx.lang);
        }
    }

    fn toggle(&mut self, cx: &Cx) {
        match self.focus {
            Focus::Channel if !self.channels.is_empty() => {
                self.channel = (self.channel + 1) % self.channels.len();
                // The checklist depends on the service, which must take this channel.
                self.service = None;
                self.documents.clear();
                if let Some(s) = cx.session {
                    self.search(cx.catalog(), s.org, cx.lang);
                }
            }
            Focus::Notarised => self.notarised = !self.notarised,
            Focus::District if !self.districts.is_empty() => {
                self.district = (self.district + 1) % self.districts.len();
            }
            Focus::Documents => {
                if let Some(d) = self.documents.get_mut(self.doc_cursor) {
                    d.given = !d.given;
                }
            }
            _ => {}
        }
    }

    /// F2: the question before taking the application in, or what is wrong.
    fn accept(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let req = match self.request(lang) {
            Ok(r) => r,
            Err(msg) => return cx.error(msg),
        };
        let catalog = cx.catalog();
        let missing = self.missing_required(catalog);
        if !missing.is_empty() {
            let docs: Vec<&str> = missing
                .iter()
                .map(|d| i18n::document_name(lang, d))
                .collect();
            let key = cx.key_for(Context::Intake, Action::RefuseIntake);
            return cx.error(tf(
                lang,
                "intake.missing_required",
                &[("docs", &docs.join(", ")), ("key", &key)],
            ));
        }
        let service = catalog.get(&req.service).map_or(req.service.clone(), |s| {
            i18n::service_name(lang, s).to_string()
        });
        let text = tf(
            lang,
            "intake.confirm_accept",
            &[
                ("service", &service),
                ("name", &req.name),
                ("iin", &req.iin),
            ],
        );
        cx.ask(text, Command::Submit(req));
    }

    /// F3: the question before refusing intake for the documents missing.
    fn refuse(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let req = match self.request(lang) {
            Ok(r) => r,
            Err(msg) => return cx.error(msg),
        };
        let missing = self.missing_required(cx.catalog());
        if missing.is_empty() {
            return cx.error(t(lang, "intake.nothing_missing"));
        }
        let docs: Vec<&str> = missing
            .iter()
            .map(|d| i18n::document_name(lang, d))
            .collect();
        let text = tf(lang, "intake.confirm_refuse", &[("docs", &docs.join(", "))]);
        cx.ask(text, Command::Submit(req));
    }
}

impl Room for IntakeForm {
    fn contexts(&self) -> &'static [Context] {
        &[
            Context::Intake,
            Context::Form,
            Context::List,
            Context::Global,
        ]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Accept,
            Action::RefuseIntake,
            Action::NextField,
            Action::Toggle,
            Action::ClearForm,
        ]
    }

    fn typing(&self) -> bool {
        !matches!(
            self.focus,
            Focus::Channel | Focus::Notarised | Focus::District | Focus::Documents
        )
    }

    fn unsaved(&self) -> bool {
        !self.is_blank()
    }

    fn take_key(&mut self, key: KeyEvent, cx: &mut Cx) -> EventState {
        if self.pick_service(&key, cx).consumed() {
            return EventState::Consumed;
        }
        let focus = self.focus;
        let Some(field) = self.focused_field() else {
            // A choice (channel, district, checklist): a letter typed here
            // is not a command; say where text goes.
            if typed_char(&key) {
                cx.toast(t(cx.lang, "intake.choice_not_text"));
                return EventState::Consumed;
            }
            return EventState::Ignored;
        };
        if !field.input(key) {
            return EventState::Ignored;
        }
        let Some(session) = cx.session else {
            return EventState::Consumed;
        };
        match focus {
            Focus::Service => self.search(cx.catalog(), session.org, cx.lang),
            Focus::Iin => {
                let backend = cx.backend;
                self.iin_changed(|iin| {
                    let found = backend.person(session.login(), &iin.to_string());
                    found.ok().flatten()
                });
            }
            Focus::Name => self.name_from_registry = false,
            _ => {}
        }
        EventState::Consumed
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let lang = cx.lang;
        let on_documents = self.focus == Focus::Documents;
        match action {
            Action::NextField => self.next_field(false),
            Action::PrevField => self.next_field(true),
            Action::Down if on_documents => {
                self.doc_cursor = (self.doc_cursor + 1).min(self.documents.len().saturating_sub(1));
            }
            Action::Up if on_documents && self.doc_cursor > 0 => self.doc_cursor -= 1,
            Action::Down => self.next_field(false),
            Action::Up => self.next_field(true),
            Action::Toggle => self.toggle(cx),
            Action::ClearForm if self.is_blank() => cx.toast(t(lang, "intake.already_empty")),
            Action::ClearForm => {
                cx.ask(t(lang, "intake.confirm_clear").into(), Command::ClearIntake)
            }
            // Esc closes the service picker and never empties the form.
            Action::Cancel if self.focus == Focus::Service && !self.matches.is_empty() => {
                self.matches.clear();
            }
            Action::Cancel => {
                let key = cx.key_for(Context::Intake, Action::ClearForm);
                cx.toast(tf(lang, "intake.kept", &[("key", &key)]));
            }
            Action::Accept | Action::Submit => self.accept(cx),
            Action::RefuseIntake => self.refuse(cx),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        view::draw(f, area, self, p);
        area
    }
}

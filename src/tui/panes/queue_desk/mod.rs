//! The operator's window in the electronic queue: without a window, the
//! list of windows to take; at one, calling the next visitor (F5), calling
//! again (F6), serving (F7, which opens the intake or the results pane),
//! finishing with an outcome (F8), a no-show (F9), a transfer (F4) and
//! breaks (F3). The desk is reloaded when the centre's queue moves (`sync`);
//! every act goes through the shell's command path.

pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::queue::{OperatorState, OutcomeKind, TicketState};
use crate::ops::OpsError;
use crate::ops::queue::{Desk, QueueAct};
use crate::tui::action::{Action, Context};
use crate::tui::dialogs::{FinishDialog, TransferDialog};
use crate::tui::effect::Command;
use crate::tui::i18n::{self, Lang, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};

/// The operator's queue pane: their desk as last loaded.
#[derive(Default)]
pub struct QueuePane {
    pub desk: Option<Desk>,
    /// Why there is no desk (no queue at this centre...).
    pub error: Option<String>,
    /// The window list's cursor, while no window is taken.
    pub cursor: usize,
    /// Applications filed while serving the current ticket (the finish
    /// dialog offers the last one), with the ticket they belong to.
    pub filed: Vec<Filed>,
}

impl QueuePane {
    /// What to say while there is no desk to show.
    pub fn unavailable(&self, lang: Lang) -> String {
        self.error
            .clone()
            .unwrap_or_else(|| t(lang, "queue.not_loaded").to_string())
    }

    /// The ticket being served at the operator's window.
    pub fn serving(&self) -> Option<&str> {
        let d = self.desk.as_ref()?;
        d.current
            .as_ref()
            .filter(|t| t.state == crate::domain::queue::TicketState::Serving)
            .map(|t| t.number.as_str())
    }
}

/// An application filed, or a result issued, while a ticket was served.
#[derive(Debug, Clone)]
pub struct Filed {
    pub ticket: String,
    pub kind: OutcomeKind,
    pub application: String,
}

impl QueuePane {
    /// No window yet: the list of windows, Enter takes one.
    fn choose_window(&mut self, desk: &Desk, action: Action, cx: &mut Cx) -> EventState {
        let n = desk.config.windows.len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Open | Action::Confirm => {
                if let Some(wc) = desk.config.windows.get(self.cursor) {
                    cx.run(Command::Queue(QueueAct::Sit(wc.number)));
                }
            }
            Action::CallNext
            | Action::Recall
            | Action::StartServing
            | Action::FinishVisit
            | Action::NoShow
            | Action::Transfer
            | Action::OperatorState => cx.error(t(cx.lang, "queue.take_window")),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    /// A break, back-office work or back: asked, and only with nobody at the window.
    fn change_state(desk: &Desk, cx: &mut Cx) {
        let lang = cx.lang;
        // A break or back-office work waits until the visitor is seen off.
        if let Some(tk) = &desk.current {
            return cx.error(tf(lang, "queue.err_busy", &[("number", &tk.number)]));
        }
        let next = match desk.window.as_ref().map(|s| s.state) {
            Some(OperatorState::Available) => OperatorState::OnBreak,
            Some(OperatorState::OnBreak) => OperatorState::BackOffice,
            _ => OperatorState::Available,
        };
        let state = i18n::operator_state_name(lang, next);
        let text = tf(lang, "queue.confirm_state", &[("state", &state)]);
        cx.ask(text, Command::Queue(QueueAct::SetState(next)));
    }

    /// A no-show, asked only once it may be recorded (say why not before asking).
    fn no_show(desk: &Desk, cx: &mut Cx) {
        let lang = cx.lang;
        let Some(tk) = &desk.current else {
            return cx.error(t(lang, "queue.nobody"));
        };
        let window = desk.window.as_ref().map_or(0, |w| w.number);
        let wait = desk.config.no_show_minutes;
        if let Err(e) = tk.check_no_show(window, cx.now, wait) {
            return cx.error(i18n::error_text(lang, &OpsError::Queue(e)));
        }
        let text = tf(lang, "queue.confirm_no_show", &[("number", &tk.number)]);
        cx.ask(text, Command::Queue(QueueAct::NoShow));
    }

    /// The finish dialog, offering what was filed while serving.
    fn finish(&self, desk: &Desk, cx: &mut Cx) {
        let serving = desk
            .current
            .as_ref()
            .filter(|t| t.state == TicketState::Serving);
        let Some(tk) = serving else {
            return cx.error(t(cx.lang, "queue.not_serving"));
        };
        let last = self.filed.iter().rev().find(|f| f.ticket == tk.number);
        let filed = last.map(|f| (f.kind, f.application.as_str()));
        cx.push(FinishDialog::new(tk.number.clone(), filed));
    }

    fn transfer(desk: &Desk, cx: &mut Cx) {
        let (Some(tk), Some(session)) = (&desk.current, cx.session) else {
            return cx.error(t(cx.lang, "queue.nobody"));
        };
        cx.push(TransferDialog::new(cx.lang, desk, tk, session));
    }

    /// An application filed or a result issued while a ticket is served:
    /// the finish dialog will offer it.
    pub fn note_filed(&mut self, kind: OutcomeKind, application: &str) {
        if let Some(ticket) = self.serving().map(str::to_string) {
            self.filed.push(Filed {
                ticket,
                kind,
                application: application.to_string(),
            });
        }
    }
}

impl Room for QueuePane {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Queue, Context::List, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::CallNext,
            Action::Recall,
            Action::StartServing,
            Action::FinishVisit,
            Action::NoShow,
            Action::Transfer,
            Action::OperatorState,
        ]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let Some(desk) = self.desk.take() else {
            cx.error(self.unavailable(cx.lang));
            return EventState::Consumed;
        };
        let st = if desk.window.is_none() {
            self.choose_window(&desk, action, cx)
        } else {
            match action {
                Action::CallNext => cx.run(Command::Queue(QueueAct::CallNext)),
                Action::Recall => cx.run(Command::Queue(QueueAct::Recall)),
                Action::StartServing => cx.run(Command::Queue(QueueAct::Start)),
                Action::OperatorState => QueuePane::change_state(&desk, cx),
                Action::NoShow => QueuePane::no_show(&desk, cx),
                Action::FinishVisit => self.finish(&desk, cx),
                Action::Transfer => QueuePane::transfer(&desk, cx),
                _ => {}
            }
            EventState::Consumed
        };
        self.desk = Some(desk);
        st
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        view::draw(f, area, self, p);
        area
    }
}

//! The reducer's part for the electronic queue: the operator's window pane,
//! its finish and transfer dialogs, and the centre head's figures.


use crate::domain::queue::{OperatorState, OutcomeKind};
use crate::ops::OpsError;
use crate::ops::queue::QueueAct;
use crate::store::model::Record;

use super::i18n::{self, Lang, t, tf};
use super::dialogs::transfer::target_name;
use super::dialogs::Dialog;
use super::screens::work::PaneKind;
use super::state::*;
use super::update::App;



pub fn state_name(lang: Lang, s: OperatorState) -> &'static str {
    i18n::operator_state_name(lang, s)
}


impl App {
    fn has_pane(&self, kind: PaneKind) -> bool {
        self.state.work().is_some_and(|w| w.panes().contains(&kind))
    }

    /// Loads the operator's desk and the head's figures, when the role has them.
    pub fn refresh_queue(&mut self) {
        let now = self.state.now;
        let lang = self.state.lang;
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let panes = w.panes();
        if panes.contains(&PaneKind::Queue) {
            match self.backend.queue_desk(&w.user.login, now) {
                Ok(d) => {
                    w.queue.desk = Some(d);
                    w.queue.error = None;
                }
                Err(e) => {
                    w.queue.desk = None;
                    w.queue.error = Some(i18n::error_text(lang, &e));
                }
            }
        }
        if panes.contains(&PaneKind::QueueStats) {
            let day = *w.stats.day.get_or_insert(now.date());
            let centre = w.org.code.clone();
            let loaded = self.backend.queue_config(&centre).and_then(|c| {
                let s = self.backend.queue_stats(&w.user.login, &centre, day)?;
                Ok((c, s))
            });
            match loaded {
                Ok((c, s)) => {
                    w.stats.config = Some(c);
                    w.stats.stats = Some(s);
                    w.stats.error = None;
                }
                Err(e) => {
                    w.stats.stats = None;
                    w.stats.error = Some(i18n::error_text(lang, &e));
                }
            }
        }
    }

    /// Reloads the desk when the centre's queue changed (one read per tick).
    /// Reloads the queue pane when the centre's queue changed; true then.
    pub fn poll_queue(&mut self) -> bool {
        if !self.state.overlays.is_empty() || !self.has_pane(PaneKind::Queue) {
            return false;
        }
        let Some(w) = self.state.work() else {
            return false;
        };
        let Some(seen) = w.queue.desk.as_ref().map(|d| d.revision) else {
            return false;
        };
        let moved = self
            .backend
            .queue_revision(&w.org.code)
            .is_ok_and(|r| r != seen);
        if moved {
            self.refresh_queue();
        }
        moved
    }

    /// An application filed or a result issued while a ticket is served:
    /// the finish dialog will offer it.
    pub fn note_filed(&mut self, kind: OutcomeKind, rec: &Record) {
        if let Screen::Work(w) = &mut self.state.screen {
            w.queue.note_filed(kind, &rec.number);
        }
    }

    /// Carries out an act at the window; the desk comes back fresh.
    pub fn run_queue(&mut self, act: QueueAct) {
        let lang = self.state.lang;
        let now = self.state.now;
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        match self.backend.queue_act(&login, act.clone(), now) {
            Ok(desk) => {
                self.state.overlays.clear();
                let number = desk
                    .ticket
                    .as_ref()
                    .map(|t| t.number.clone())
                    .unwrap_or_default();
                let window = desk.window.as_ref().map_or(0, |w| w.number);
                let text = match &act {
                    QueueAct::Sit(n) => tf(lang, "queue.sat", &[("window", n)]),
                    QueueAct::Leave => t(lang, "queue.left").to_string(),
                    QueueAct::SetState(s) => {
                        tf(lang, "queue.state_set", &[("state", &state_name(lang, *s))])
                    }
                    QueueAct::CallNext => tf(
                        lang,
                        "queue.called",
                        &[("number", &number), ("window", &window)],
                    ),
                    QueueAct::Recall => tf(
                        lang,
                        "queue.recalled",
                        &[
                            ("number", &number),
                            ("n", &desk.ticket.as_ref().map_or(0, |t| t.calls)),
                        ],
                    ),
                    QueueAct::Start => tf(lang, "queue.serving", &[("number", &number)]),
                    QueueAct::NoShow => tf(lang, "queue.no_show_done", &[("number", &number)]),
                    QueueAct::Finish(o) => tf(
                        lang,
                        "queue.finished",
                        &[
                            ("number", &number),
                            ("outcome", &i18n::outcome_name(lang, o.kind)),
                        ],
                    ),
                    QueueAct::Transfer { to, .. } => tf(
                        lang,
                        "queue.transferred",
                        &[("number", &number), ("to", &target_name(lang, *to))],
                    ),
                };
                let issuance = desk
                    .ticket
                    .as_ref()
                    .and_then(|t| desk.config.category(t.category))
                    .is_some_and(|c| c.issuance);
                if let Screen::Work(w) = &mut self.state.screen {
                    if matches!(act, QueueAct::Finish(_)) {
                        w.queue.filed.retain(|f| f.ticket != number);
                    }
                    w.queue.desk = Some(desk);
                    w.queue.error = None;
                    // Serving opens where the visit is handled.
                    if act == QueueAct::Start {
                        let to = if issuance {
                            PaneKind::Results
                        } else {
                            PaneKind::Intake
                        };
                        if let Some(i) = w.panes().iter().position(|p| *p == to) {
                            w.pane = i;
                            w.case = None;
                        }
                    }
                }
                self.toast(text, false);
            }
            Err(e) => {
                let conflict = matches!(e, OpsError::Conflict(_));
                let text = i18n::error_text(lang, &e);
                self.toast(text, true);
                if let Some(Dialog::Confirm(_)) = self.state.overlays.last() {
                    self.state.overlays.pop();
                }
                if conflict {
                    self.state.overlays.clear();
                }
                self.refresh_queue();
            }
        }
    }
}

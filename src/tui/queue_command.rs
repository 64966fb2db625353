//! The acts at the operator's queue window (sit, call, serve, finish,
//! transfer...): carried out, the desk comes back fresh, the toast says
//! what happened, and serving opens the pane where the visit is handled.

use crate::ops::OpsError;
use crate::ops::queue::{Desk, QueueAct};

use super::app::App;
use super::dialogs::Dialog;
use super::dialogs::transfer::target_name;
use super::effect::Effect;
use super::i18n::{self, Lang, t, tf};
use super::screens::work::PaneKind;
use super::state::*;

impl App {
    /// Carries out an act at the window; the desk comes back fresh.
    pub(super) fn run_queue(&mut self, act: QueueAct) {
        let lang = self.state.lang;
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        let desk = match self.backend.queue_act(&login, act.clone(), self.state.now) {
            Ok(desk) => desk,
            Err(e) => return self.queue_failed(&e),
        };
        self.state.overlays.clear();
        let text = queue_done(lang, &act, &desk);
        let number = desk.ticket.as_ref().map(|t| t.number.clone());
        let issuance = desk
            .ticket
            .as_ref()
            .and_then(|t| desk.config.category(t.category))
            .is_some_and(|c| c.issuance);
        if let Screen::Work(w) = &mut self.state.screen {
            if matches!(act, QueueAct::Finish(_)) {
                w.queue.filed.retain(|f| Some(&f.ticket) != number.as_ref());
            }
            w.queue.desk = Some(desk);
            w.queue.error = None;
        }
        // Serving opens where the visit is handled.
        if act == QueueAct::Start {
            let to = if issuance {
                PaneKind::Results
            } else {
                PaneKind::Intake
            };
            self.apply(vec![Effect::ShowPane(to)]);
        }
        self.toast(text, false);
    }

    /// The act was refused: said, the question closed (all dialogs when
    /// someone acted first), the desk reloaded.
    fn queue_failed(&mut self, e: &OpsError) {
        let conflict = matches!(e, OpsError::Conflict(_));
        let text = i18n::error_text(self.state.lang, e);
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

/// What the toast says once an act is done.
fn queue_done(lang: Lang, act: &QueueAct, desk: &Desk) -> String {
    let number = desk
        .ticket
        .as_ref()
        .map(|t| t.number.clone())
        .unwrap_or_default();
    let window = desk.window.as_ref().map_or(0, |w| w.number);
    match act {
        QueueAct::Sit(n) => tf(lang, "queue.sat", &[("window", n)]),
        QueueAct::Leave => t(lang, "queue.left").to_string(),
        QueueAct::SetState(s) => tf(
            lang,
            "queue.state_set",
            &[("state", &i18n::operator_state_name(lang, *s))],
        ),
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
    }
}

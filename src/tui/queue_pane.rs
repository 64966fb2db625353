//! The reducer's part for the electronic queue: the operator's window pane,
//! its finish and transfer dialogs, and the centre head's figures.

use chrono::Duration;

use crate::domain::queue::{OperatorState, Outcome, OutcomeKind, TicketState, TransferTarget};
use crate::ops::OpsError;
use crate::ops::queue::{QueueAct, outcome_fits};
use crate::store::model::Record;

use super::action::Action;
use super::field::Field;
use super::i18n::{self, Lang, t, tf};
use super::state::*;
use super::update::App;

/// The outcome kinds in the order the finish dialog offers them.
// The person registry's "no data" outcome is recorded from the command line.
pub const OUTCOMES: [OutcomeKind; 4] = [
    OutcomeKind::Accepted,
    OutcomeKind::RefusedIntake,
    OutcomeKind::Issued,
    OutcomeKind::Consultation,
];

pub fn outcome_name(lang: Lang, k: OutcomeKind) -> &'static str {
    i18n::outcome_name(lang, k)
}

pub fn state_name(lang: Lang, s: OperatorState) -> &'static str {
    i18n::operator_state_name(lang, s)
}

pub fn target_name(lang: Lang, to: TransferTarget) -> String {
    match to {
        TransferTarget::Category(c) => tf(lang, "queue.to_category", &[("letter", &c)]),
        TransferTarget::Window(n) => tf(lang, "queue.to_window", &[("window", &n)]),
    }
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
        if let Screen::Work(w) = &mut self.state.screen
            && let Some(ticket) = w.queue.serving().map(str::to_string)
        {
            w.queue.filed.push((ticket, kind, rec.number.clone()));
        }
    }

    pub fn on_stats(&mut self, action: Action) {
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let day = w.stats.day.unwrap_or(self.state.now.date());
        let today = self.state.now.date();
        let day = match action {
            Action::PrevDay => day - Duration::days(1),
            // No figures exist for days to come: → stops at today.
            Action::NextDay if day >= today => {
                let text = t(self.state.lang, "stats.no_future").to_string();
                return self.toast(text, false);
            }
            Action::NextDay => day + Duration::days(1),
            _ => return,
        };
        w.stats.day = Some(day);
        self.refresh_queue();
    }

    pub fn on_queue(&mut self, action: Action) {
        let lang = self.state.lang;
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        let Some(desk) = &w.queue.desk else {
            let text = w.queue.unavailable(lang);
            return self.toast(text, true);
        };
        // No window yet: the list of windows, Enter takes one.
        if desk.window.is_none() {
            let n = desk.config.windows.len();
            match action {
                Action::Up => w.queue.cursor = w.queue.cursor.saturating_sub(1),
                Action::Down => w.queue.cursor = (w.queue.cursor + 1).min(n.saturating_sub(1)),
                Action::Open | Action::Confirm => {
                    if let Some(wc) = desk.config.windows.get(w.queue.cursor) {
                        let act = QueueAct::Sit(wc.number);
                        self.run_queue(act);
                    }
                }
                Action::CallNext
                | Action::Recall
                | Action::StartServing
                | Action::FinishVisit
                | Action::NoShow
                | Action::Transfer
                | Action::OperatorState => {
                    let text = t(lang, "queue.take_window").to_string();
                    self.toast(text, true);
                }
                _ => {}
            }
            return;
        }
        let current = desk.current.clone();
        let state = desk.window.as_ref().map(|s| s.state);
        let need_ticket = |app: &mut App| {
            let text = t(lang, "queue.nobody").to_string();
            app.toast(text, true);
        };
        match action {
            Action::CallNext => self.run_queue(QueueAct::CallNext),
            Action::Recall => self.run_queue(QueueAct::Recall),
            Action::StartServing => self.run_queue(QueueAct::Start),
            Action::OperatorState => {
                // A break or back-office work waits until the visitor is seen off.
                if let Some(tk) = &current {
                    let text = tf(lang, "queue.err_busy", &[("number", &tk.number)]);
                    return self.toast(text, true);
                }
                let next = match state {
                    Some(OperatorState::Available) => OperatorState::OnBreak,
                    Some(OperatorState::OnBreak) => OperatorState::BackOffice,
                    _ => OperatorState::Available,
                };
                let text = tf(
                    lang,
                    "queue.confirm_state",
                    &[("state", &state_name(lang, next))],
                );
                self.ask(text, Command::Queue(QueueAct::SetState(next)));
            }
            Action::NoShow => {
                let Some(tk) = current else {
                    return need_ticket(self);
                };
                // Say why not before asking, not after: the wait, the state.
                let window = desk.window.as_ref().map_or(0, |w| w.number);
                let wait = desk.config.no_show_minutes;
                if let Err(e) = tk.check_no_show(window, self.state.now, wait) {
                    let text = i18n::error_text(lang, &OpsError::Queue(e));
                    return self.toast(text, true);
                }
                let text = tf(lang, "queue.confirm_no_show", &[("number", &tk.number)]);
                self.ask(text, Command::Queue(QueueAct::NoShow));
            }
            Action::FinishVisit => {
                let Some(tk) = current.filter(|t| t.state == TicketState::Serving) else {
                    let text = t(lang, "queue.not_serving").to_string();
                    return self.toast(text, true);
                };
                let last = w
                    .queue
                    .filed
                    .iter()
                    .rev()
                    .find(|(t, _, _)| *t == tk.number)
                    .cloned();
                let mut application = Field::limited(24);
                let kind = match last {
                    Some((_, kind, number)) => {
                        application.set(&number);
                        kind
                    }
                    None => OutcomeKind::Consultation,
                };
                self.state.overlays.push(Overlay::Finish(FinishDialog {
                    ticket: tk.number,
                    kind: OUTCOMES.iter().position(|k| *k == kind).unwrap_or(3),
                    application,
                    focus: FinishFocus::Outcome,
                }));
            }
            Action::Transfer => {
                let Some(tk) = current else {
                    return need_ticket(self);
                };
                let mine = desk.window.as_ref().map(|s| s.number);
                let mut targets: Vec<(TransferTarget, String)> = desk
                    .config
                    .categories
                    .iter()
                    .filter(|c| c.letter != tk.category)
                    .map(|c| {
                        let name = i18n::category_name(lang, c);
                        let to = TransferTarget::Category(c.letter);
                        (to, format!("{} — {name}", target_name(lang, to)))
                    })
                    .collect();
                // Only windows someone sits at: a closed one would strand the visitor.
                for s in desk
                    .windows
                    .iter()
                    .filter(|s| Some(s.number) != mine && desk.config.window(s.number).is_some())
                {
                    let Some(who) = s.operator.as_deref().map(|l| w.name_of(l)) else {
                        continue;
                    };
                    let to = TransferTarget::Window(s.number);
                    let label = format!(
                        "{} — {who} ({})",
                        target_name(lang, to),
                        state_name(lang, s.state)
                    );
                    targets.push((to, label));
                }
                self.state.overlays.push(Overlay::Transfer(TransferDialog {
                    ticket: tk.number,
                    targets,
                    selected: 0,
                    reason: Field::new(),
                    on_text: false,
                }));
            }
            _ => {}
        }
    }

    /// Keys in the finish and transfer dialogs; a finished form asks to confirm.
    pub fn on_queue_dialog(&mut self, action: Action, submit: bool) {
        let lang = self.state.lang;
        let (login, centre) = match self.state.work() {
            Some(w) => (w.user.login.clone(), w.org.code.clone()),
            None => return,
        };
        let Some(top) = self.state.overlays.last_mut() else {
            return;
        };
        let confirm = match top {
            Overlay::Finish(d) => match action {
                Action::NextField | Action::PrevField => {
                    d.focus = match d.focus {
                        FinishFocus::Outcome => FinishFocus::Application,
                        FinishFocus::Application => FinishFocus::Outcome,
                    };
                    None
                }
                Action::Toggle | Action::Down if d.focus == FinishFocus::Outcome => {
                    d.kind = (d.kind + 1) % OUTCOMES.len();
                    None
                }
                Action::Up if d.focus == FinishFocus::Outcome => {
                    d.kind = (d.kind + OUTCOMES.len() - 1) % OUTCOMES.len();
                    None
                }
                _ if submit => {
                    let kind = OUTCOMES[d.kind];
                    let app = d.application.text();
                    let app = Some(app.as_str()).filter(|_| kind.needs_application());
                    // The application named is checked before the question.
                    let checked = Outcome::new(kind, app)
                        .map_err(OpsError::Queue)
                        .and_then(|o| match &o.application {
                            Some(number) => self
                                .backend
                                .show(&login, number)
                                .and_then(|rec| outcome_fits(&rec, &centre, &o))
                                .map(|_| o),
                            None => Ok(o),
                        });
                    match checked {
                        Err(e) => {
                            let text = i18n::error_text(lang, &e);
                            self.toast(text, true);
                            return;
                        }
                        Ok(o) => Some((
                            tf(
                                lang,
                                "queue.confirm_finish",
                                &[
                                    ("number", &d.ticket),
                                    ("outcome", &outcome_name(lang, kind)),
                                ],
                            ),
                            Command::Queue(QueueAct::Finish(o)),
                        )),
                    }
                }
                _ => None,
            },
            Overlay::Transfer(d) => match action {
                _ if pick(&mut d.on_text, &mut d.selected, d.targets.len(), action) => None,
                _ if submit => {
                    let reason = d.reason.text().trim().to_string();
                    let Some((to, label)) = d.targets.get(d.selected).cloned() else {
                        return;
                    };
                    if reason.is_empty() {
                        let text = t(lang, "queue.need_reason").to_string();
                        self.toast(text, true);
                        return;
                    }
                    Some((
                        tf(
                            lang,
                            "queue.confirm_transfer",
                            &[("number", &d.ticket), ("to", &label)],
                        ),
                        Command::Queue(QueueAct::Transfer { to, reason }),
                    ))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((text, then)) = confirm {
            self.state.overlays.push(Overlay::Confirm { text, then });
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
                            ("outcome", &outcome_name(lang, o.kind)),
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
                        w.queue.filed.retain(|(t, _, _)| *t != number);
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
                if let Some(Overlay::Confirm { .. }) = self.state.overlays.last() {
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

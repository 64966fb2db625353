//! The one write path: a command (confirmed where it needs it) goes to the
//! backend, and its outcome becomes a toast, a receipt, the rows patched,
//! or, when someone acted first, a refresh.

use crate::domain::catalog::StepAction;
use crate::domain::queue::OutcomeKind;
use crate::domain::route::Status;
use crate::ops::queue::QueueAct;
use crate::ops::{ActKind, OpsError};
use crate::store::model::Record;

use super::app::App;
use super::dialogs::transfer::target_name;
use super::dialogs::{Dialog, ReceiptDialog};
use super::effect::Command;
use super::i18n::{self, t, tf};
use super::screens::work::PaneKind;
use super::state::*;

impl App {
    /// Carries out a confirmed change. On success the dialogs close; on
    /// failure only the confirmation does, so nothing typed is lost.
    pub(super) fn run(&mut self, cmd: Command) {
        let lang = self.state.lang;
        let now = self.state.now;
        match cmd {
            Command::Quit => return self.state.quit = true,
            Command::Logout => return self.logout(),
            Command::Discard => {
                // The confirmation and the dialog it was about.
                self.state
                    .overlays
                    .truncate(self.state.overlays.len().saturating_sub(2));
                return;
            }
            Command::ClearIntake => {
                self.state.overlays.pop();
                if let Screen::Work(w) = &mut self.state.screen {
                    w.intake.clear();
                }
                let text = t(lang, "intake.cleared").to_string();
                return self.toast(text, false);
            }
            _ => {}
        }
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        self.state.overlays.pop();
        match cmd {
            Command::Submit(req) => match self.backend.submit(&login, req, now) {
                Ok(rec) => {
                    self.state.overlays.clear();
                    if let Screen::Work(w) = &mut self.state.screen {
                        w.intake.clear();
                    }
                    let refused = rec.app.status == Status::RefusedAtIntake;
                    let key = if refused {
                        "intake.refused"
                    } else {
                        "intake.accepted"
                    };
                    let msg = tf(lang, key, &[("number", &rec.number)]);
                    self.toast(msg, false);
                    let filed = if refused {
                        OutcomeKind::RefusedIntake
                    } else {
                        OutcomeKind::Accepted
                    };
                    self.note_filed(filed, &rec);
                    self.show_receipt(&rec);
                    self.changed_here(&rec);
                }
                Err(e) => self.fail(&e),
            },
            Command::Act {
                number,
                kind,
                req,
                done,
            } => match self.backend.act(&login, &number, kind, req, now) {
                Ok(rec) => {
                    self.state.overlays.clear();
                    let msg = match kind {
                        ActKind::Step(StepAction::Register) => tf(
                            lang,
                            "act.registered",
                            &[
                                ("number", &number),
                                ("out", &rec.app.numbers.last().cloned().unwrap_or_default()),
                            ],
                        ),
                        ActKind::Step(StepAction::Dispatch) => tf(
                            lang,
                            "act.dispatched",
                            &[
                                ("number", &number),
                                ("to", &t(lang, destination(rec.app.channel))),
                                ("out", &rec.app.numbers.last().cloned().unwrap_or_default()),
                            ],
                        ),
                        _ => done,
                    };
                    self.toast(msg, false);
                    if kind == ActKind::Issue || rec.app.status == Status::Issued {
                        self.note_filed(OutcomeKind::Issued, &rec);
                    }
                    if let Screen::Work(w) = &mut self.state.screen {
                        w.case = None;
                    }
                    self.changed_here(&rec);
                }
                Err(e) => {
                    let conflict = matches!(e, OpsError::Conflict(_) | OpsError::Stale { .. });
                    self.fail(&e);
                    if conflict {
                        self.state.overlays.clear();
                        self.refresh();
                    }
                }
            },
            Command::Queue(act) => self.run_queue(act),
            Command::Quit | Command::Logout | Command::Discard | Command::ClearIntake => {}
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
                        tf(lang, "queue.state_set", &[("state", &i18n::operator_state_name(lang, *s))])
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

    pub(super) fn show_receipt(&mut self, rec: &Record) {
        let lang = self.state.lang;
        // The receipt is shown to whoever just took the application in.
        let by = rec.app.history.first().map_or("", |e| e.by.as_str());
        let name = self
            .state
            .work()
            .filter(|w| w.user.login == by)
            .map_or(by, |w| w.user.full_name.as_str());
        let text = crate::ops::receipt::text(self.backend.catalog(), rec, name);
        if let Some(dir) = &self.receipts {
            let path = dir.join(format!("{}.txt", rec.number));
            let saved = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, &text));
            let failed = saved.is_err();
            let msg = match saved {
                Ok(()) => tf(lang, "intake.receipt_saved", &[("path", &path.display())]),
                Err(e) => tf(lang, "intake.receipt_not_saved", &[("error", &e)]),
            };
            self.toast(msg, failed);
        }
        let title = format!("{} {}", t(lang, "intake.receipt"), rec.number);
        let scroll = Scroll::default();
        let d = ReceiptDialog { title, text, scroll };
        self.state.overlays.push(d.into());
    }

    /// An application filed or a result issued while a ticket is served:
    /// the finish dialog will offer it.
    pub fn note_filed(&mut self, kind: OutcomeKind, rec: &Record) {
        if let Screen::Work(w) = &mut self.state.screen {
            w.queue.note_filed(kind, &rec.number);
        }
    }
}

fn destination(channel: crate::domain::catalog::Channel) -> &'static str {
    use crate::domain::catalog::Channel::*;
    match channel {
        StateCorp => "act.to_state_corp",
        Portal => "act.to_portal",
        ProviderOffice => "act.to_in_person",
        RuralAkim => "act.to_akim",
    }
}

//! The one write path: a command (confirmed where it needs it) goes to the
//! backend, and its outcome becomes a toast, a receipt, the rows patched,
//! or, when someone acted first, a refresh. Signing in and creating the
//! demo region go this way too. The queue window's acts are `queue_command`.

use crate::domain::catalog::{Channel, StepAction};
use crate::domain::queue::OutcomeKind;
use crate::domain::route::{Status, SubmitError};
use crate::ops::{ActKind, ActRequest, OpsError, SubmitRequest};
use crate::store::model::{Organisation, Record, User};

use super::app::App;
use super::dialogs::ReceiptDialog;
use super::effect::Command;
use super::i18n::{self, t, tf};
use super::screens::login::{DemoUser, LoginForm};
use super::screens::work::Work;
use super::state::*;

impl App {
    /// Carries out a command. On success the dialogs close; on failure
    /// only the confirmation does, so nothing typed is lost.
    pub(super) fn run(&mut self, cmd: Command) {
        match cmd {
            Command::Quit => self.state.quit = true,
            Command::Logout => self.logout(),
            Command::Discard => {
                // The confirmation and the dialog it was about.
                let n = self.state.overlays.len().saturating_sub(2);
                self.state.overlays.truncate(n);
            }
            Command::ClearIntake => {
                self.state.overlays.pop();
                if let Screen::Work(w) = &mut self.state.screen {
                    w.intake.clear();
                }
                let text = t(self.state.lang, "intake.cleared").to_string();
                self.toast(text, false);
            }
            Command::CreateDemo => self.create_demo(),
            Command::SignIn { login, password } => self.sign_in(&login, &password),
            Command::Submit(req) => self.as_user(|app, login| app.submit(login, req)),
            Command::Act {
                number,
                kind,
                req,
                done,
            } => self.as_user(|app, login| app.act(login, &number, kind, req, done)),
            Command::Queue(act) => self.as_user(|app, _| app.run_queue(act)),
            Command::ChangePassword { current, new } => self.change_password(&current, &new),
            // The hall's commands: its own shell carries them out.
            Command::TakeTicket { .. } | Command::CheckIn { .. } => {}
        }
    }

    /// The password dialog's change: on success it closes; refused, it stays
    /// open with what was typed, and the reason is said (a wrong current
    /// password with the attempts left before the lock).
    fn change_password(&mut self, current: &str, new: &str) {
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        let lang = self.state.lang;
        match self
            .backend
            .change_password(&login, current, new, self.state.now)
        {
            Ok(_) => {
                self.state.overlays.pop();
                self.toast(t(lang, "password.changed").to_string(), false);
            }
            Err(OpsError::Login(crate::ops::LoginError::UnknownOrWrong { attempts_left })) => {
                let text = tf(lang, "password.wrong_current", &[("n", &attempts_left)]);
                self.toast(text, true);
            }
            Err(e) => self.fail(&e),
        }
    }

    /// A change made as the signed-in user; the confirmation closes first.
    fn as_user(&mut self, f: impl FnOnce(&mut App, &str)) {
        let Some(login) = self.state.work().map(|w| w.user.login.clone()) else {
            return;
        };
        self.state.overlays.pop();
        f(self, &login);
    }

    fn create_demo(&mut self) {
        match self.backend.create_demo(self.state.now) {
            Ok(summary) => {
                let text = tf(
                    self.state.lang,
                    "demo.created",
                    &[
                        ("apps", &summary.applications),
                        ("password", &summary.password),
                    ],
                );
                let users = DemoUser::list(summary.users.clone());
                self.state.screen = Screen::Login(Box::new(LoginForm::new(users)));
                self.toast(text, false);
            }
            Err(e) => self.fail(&e),
        }
    }

    /// Signed in, or the reason why not on the login form.
    fn sign_in(&mut self, login: &str, password: &str) {
        match self.backend.login(login, password, self.state.now) {
            Ok((user, org)) => self.enter_work(user, org),
            Err(e) => {
                let text = i18n::error_text(self.state.lang, &e);
                if let Screen::Login(form) = &mut self.state.screen {
                    form.error = Some(text);
                }
            }
        }
    }

    /// Signed in: the panes of the user's first role, loaded.
    pub(super) fn enter_work(&mut self, user: User, org: Organisation) {
        let welcome = tf(
            self.state.lang,
            "login.welcome",
            &[("name", &user.full_name)],
        );
        // Back after an expired session: the same user finds their forms.
        if let Some(w) = self.suspended.take().filter(|w| w.user.login == user.login) {
            self.state.screen = Screen::Work(w);
            self.refresh();
            return self.toast(welcome, false);
        }
        let districts = self.districts(&org.region);
        let names = self
            .backend
            .staff_names(&user.login)
            .unwrap_or_default()
            .into_iter()
            .collect();
        self.state.screen = Screen::Work(Box::new(Work::new(user, org, districts, names)));
        self.refresh();
        self.toast(welcome, false);
    }

    fn districts(&self, region: &str) -> Vec<String> {
        let mut d: Vec<String> = self
            .backend
            .orgs()
            .unwrap_or_default()
            .into_iter()
            .filter(|o| o.region == region)
            .map(|o| o.district)
            .collect();
        d.sort();
        d.dedup();
        d
    }

    /// An application taken in (or refused at intake): its receipt, and the
    /// visit at the window told of it.
    fn submit(&mut self, login: &str, req: SubmitRequest) {
        let lang = self.state.lang;
        let rec = match self.backend.submit(login, req, self.state.now) {
            Ok(rec) => rec,
            Err(e) => {
                // ГБД ФЛ has no data: the visit's outcome says so (000:187-188).
                if let OpsError::Submit(SubmitError::NoPersonData(_)) = &e
                    && let Screen::Work(w) = &mut self.state.screen
                {
                    w.queue.note_filed(OutcomeKind::NoPersonData, "");
                }
                return self.fail(&e);
            }
        };
        self.state.overlays.clear();
        if let Screen::Work(w) = &mut self.state.screen {
            w.intake.clear();
        }
        let refused = rec.app.status == Status::RefusedAtIntake;
        let (key, filed) = if refused {
            ("intake.refused", OutcomeKind::RefusedIntake)
        } else {
            ("intake.accepted", OutcomeKind::Accepted)
        };
        let msg = tf(lang, key, &[("number", &rec.number)]);
        self.toast(msg, false);
        self.note_filed(filed, &rec);
        self.show_receipt(&rec);
        self.changed_here(&rec);
    }

    /// A step (or a return, an issue) on an application; someone having
    /// acted first reloads the lists.
    fn act(&mut self, login: &str, number: &str, kind: ActKind, req: ActRequest, done: String) {
        let rec = match self.backend.act(login, number, kind, req, self.state.now) {
            Ok(rec) => rec,
            Err(e) => {
                let conflict = matches!(e, OpsError::Conflict(_) | OpsError::Stale { .. });
                self.fail(&e);
                if conflict {
                    self.state.overlays.clear();
                    self.refresh();
                }
                return;
            }
        };
        self.state.overlays.clear();
        let msg = act_done(self.state.lang, kind, number, &rec, done);
        self.toast(msg, false);
        if kind == ActKind::Issue || rec.app.status == Status::Issued {
            self.note_filed(OutcomeKind::Issued, &rec);
        }
        if let Screen::Work(w) = &mut self.state.screen {
            w.case = None;
        }
        self.changed_here(&rec);
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
        let d = ReceiptDialog {
            title,
            text,
            scroll,
        };
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

/// The toast after a step: registering and dispatching name the number drawn.
fn act_done(lang: i18n::Lang, kind: ActKind, number: &str, rec: &Record, done: String) -> String {
    let out = rec.app.numbers.last().cloned().unwrap_or_default();
    match kind {
        ActKind::Step(StepAction::Register) => tf(
            lang,
            "act.registered",
            &[("number", &number), ("out", &out)],
        ),
        ActKind::Step(StepAction::Dispatch) => tf(
            lang,
            "act.dispatched",
            &[
                ("number", &number),
                ("to", &t(lang, destination(rec.app.channel))),
                ("out", &out),
            ],
        ),
        _ => done,
    }
}

/// Where a dispatched result goes, by the channel it came in on.
fn destination(channel: Channel) -> &'static str {
    match channel {
        Channel::StateCorp => "act.to_state_corp",
        Channel::Portal => "act.to_portal",
        Channel::ProviderOffice => "act.to_in_person",
        Channel::RuralAkim => "act.to_akim",
    }
}

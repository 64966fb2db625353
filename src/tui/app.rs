//! The shell: the state, the keymap and the backend. A key goes to the
//! innermost room (a focused text field first), then through the keymap
//! (that room's sections, innermost first) to an action, which the global
//! actions see first (`global.rs`), then the workstation's own (tabs, role),
//! then the innermost room. What rooms ask for comes back as effects,
//! carried out here (`apply`); changes to the store go through
//! `command::run`, following the store is `sync`.

use std::path::PathBuf;

use chrono::{Duration, NaiveDateTime};
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::ops::OpsError;
use crate::ops::backend::Backend;

use super::action::{Action, Context, describe};
use super::dialogs::ConfirmDialog;
use super::effect::{Command, Effect};
use super::i18n::{self, t, tf};
use super::keymap::{KeyPress, Keymap, Resolution};
use super::panes::case::CaseView;
use super::room::{Cx, EventState, Room, Session};
use super::screens::demo_offer::DemoOffer;
use super::screens::login::{DemoUser, LoginForm};
use super::screens::work::Work;
use super::state::*;

pub struct App {
    pub state: State,
    pub keymap: Keymap,
    pub backend: Box<dyn Backend>,
    /// Offer the demo region when the store is empty.
    pub offer_demo: bool,
    /// Where receipts are written as text files.
    pub receipts: Option<PathBuf>,
    pub themes: Vec<String>,
    /// When the lists were last loaded or reassessed.
    pub(super) last_refresh: Option<NaiveDateTime>,
    /// The store's revision the lists were loaded at.
    pub(super) seen_revision: Option<u64>,
    /// The work of a session that expired, forms and all, until its user
    /// signs in again.
    pub(super) suspended: Option<Box<Work>>,
}

/// How long a toast stays.
const TOAST_SECONDS: i64 = 6;
/// How many toasts show at once.
const TOASTS_SHOWN: usize = 3;

impl App {
    pub fn new(state: State, keymap: Keymap, backend: Box<dyn Backend>) -> App {
        App {
            state,
            keymap,
            backend,
            offer_demo: true,
            receipts: None,
            themes: Vec::new(),
            last_refresh: None,
            seen_revision: None,
            suspended: None,
        }
    }

    /// Opens on the demo offer when the store has nobody to log in.
    /// A server that knows the OS user has signed them in already.
    pub fn start(&mut self) {
        if let Some((user, org)) = self.backend.peer_user() {
            self.enter_work(user, org);
        } else if self.offer_demo && matches!(self.backend.has_users(), Ok(false)) {
            self.state.screen = Screen::DemoOffer;
        } else if matches!(self.state.screen, Screen::Login(_)) {
            self.state.screen = Screen::Login(Box::new(self.login_form()));
        }
    }

    pub fn toast(&mut self, text: String, error: bool) {
        let until = self.state.now + Duration::seconds(TOAST_SECONDS);
        self.state.toasts.push_back(Toast { text, error, until });
        while self.state.toasts.len() > TOASTS_SHOWN {
            self.state.toasts.pop_front();
        }
    }

    pub(super) fn fail(&mut self, e: &OpsError) {
        let text = i18n::error_text(self.state.lang, e);
        if matches!(e, OpsError::SessionExpired) {
            self.state.overlays.clear();
            self.state.toasts.clear();
            let mut form = self.login_form();
            form.error = Some(text);
            let before = std::mem::replace(&mut self.state.screen, Screen::Login(Box::new(form)));
            if let Screen::Work(w) = before {
                self.suspended = Some(w);
            }
            return;
        }
        self.toast(text, true);
    }

    /// The keymap sections in force, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        self.state.room().contexts().to_vec()
    }

    /// Runs `f` on the innermost room (a dialog, else the screen's room)
    /// with what it may use, then carries out the effects it asked for.
    pub(super) fn in_room(&mut self, f: impl FnOnce(&mut dyn Room, &mut Cx) -> EventState) -> bool {
        let App {
            state,
            backend,
            keymap,
            ..
        } = self;
        let (lang, now) = (state.lang, state.now);
        let State {
            overlays, screen, ..
        } = state;
        let backend = backend.as_ref();
        let run = |room: &mut dyn Room, session: Option<Session>| {
            let mut cx = Cx::new(lang, now, backend, keymap, session);
            (f(room, &mut cx).consumed(), cx.effects)
        };
        let (kept, effects) = match (overlays.last_mut(), screen) {
            (Some(d), screen) => run(d, session(screen)),
            (None, Screen::DemoOffer) => run(&mut DemoOffer, None),
            (None, Screen::Login(form)) => run(&mut **form, None),
            (None, Screen::Work(w)) => w
                .with_room(|room, session| run(room, Some(session)))
                .unwrap_or_default(),
        };
        self.apply(effects);
        kept
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.state.help {
            // The list's scrolling keys move a help taller than the screen; any other closes it.
            let press = KeyPress::from_event(&key);
            let scrolled = match self.keymap.resolve(&[Context::List], &[], press) {
                Resolution::Action(a) => self.state.help_scroll.on(a),
                _ => false,
            };
            if !scrolled {
                self.state.help = false;
            }
            return;
        }
        // A focused text field (or the service picker) takes its keys first.
        if self.state.pending.is_empty() && self.in_room(|room, cx| room.take_key(key, cx)) {
            return;
        }
        let press = KeyPress::from_event(&key);
        let contexts = self.contexts();
        match self.keymap.resolve(&contexts, &self.state.pending, press) {
            Resolution::Action(a) => {
                self.state.pending.clear();
                self.state.which_key.clear();
                self.update(a);
            }
            Resolution::Pending(next) => {
                self.state.pending.push(press);
                let lang = self.state.lang;
                self.state.which_key = next
                    .into_iter()
                    .map(|c| WhichKey {
                        key: c.key.name(lang),
                        what: describe(lang, c.action, c.description.as_deref()),
                    })
                    .collect();
            }
            Resolution::Unbound => self.unbound(press),
        }
    }

    /// A key (or sequence) bound to nothing here: said, and forgotten.
    fn unbound(&mut self, press: KeyPress) {
        let lang = self.state.lang;
        let mut keys: Vec<String> = self.state.pending.iter().map(|k| k.name(lang)).collect();
        keys.push(press.name(lang));
        self.state.pending.clear();
        self.state.which_key.clear();
        let text = tf(lang, "app.key_unbound", &[("key", &keys.join(" "))]);
        self.toast(text, true);
    }

    /// An action: the global ones first (they mean the same everywhere),
    /// then the workstation's own (no dialog open), then the innermost room.
    pub fn update(&mut self, action: Action) {
        if self.global(action) {
            return;
        }
        if self.state.overlays.is_empty()
            && let Screen::Work(w) = &mut self.state.screen
        {
            let mut cx = Cx::new(
                self.state.lang,
                self.state.now,
                self.backend.as_ref(),
                &self.keymap,
                None,
            );
            let kept = w.on_action(action, &mut cx).consumed();
            let effects = cx.effects;
            self.apply(effects);
            if kept {
                return;
            }
        }
        self.in_room(|room, cx| room.on_action(action, cx));
    }

    /// Carries out what rooms asked for, in order.
    pub fn apply(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                Effect::Toast { text, error } => self.toast(text, error),
                Effect::Fail(e) => self.fail(&e),
                Effect::Push(d) => self.state.overlays.push(*d),
                Effect::Pop => {
                    self.state.overlays.pop();
                }
                Effect::Run(cmd) => self.run(cmd),
                Effect::Refresh => self.refresh(),
                Effect::RefreshQueue => self.refresh_queue(),
                Effect::CloseCase => {
                    if let Screen::Work(w) = &mut self.state.screen {
                        w.case = None;
                    }
                }
                Effect::Logout => {
                    if self.unsaved() {
                        let text = t(self.state.lang, "app.confirm_logout_unsaved").to_string();
                        self.ask(text, Command::Logout);
                    } else {
                        self.logout();
                    }
                }
                Effect::OpenCase(rec) => {
                    if let Screen::Work(w) = &mut self.state.screen {
                        w.case = Some(CaseView {
                            rec: *rec,
                            scroll: 0,
                            deadlines: self.backend.deadlines().clone(),
                        });
                    }
                }
                Effect::LoadReports => self.load_reports(None),
                Effect::ReportPeriod(period) => self.load_reports(Some(period)),
                Effect::ShowPane(kind) => {
                    if let Screen::Work(w) = &mut self.state.screen
                        && let Some(i) = w.panes().iter().position(|p| *p == kind)
                    {
                        w.pane = i;
                        w.case = None;
                    }
                }
            }
        }
    }

    /// Asks to confirm `then` with `text`.
    pub fn ask(&mut self, text: String, then: Command) {
        self.state
            .overlays
            .push(ConfirmDialog::new(text, then).into());
    }

    /// Whether leaving now would lose something typed: a filled intake
    /// form or a dialog with text.
    pub(super) fn unsaved(&self) -> bool {
        self.state.overlays.iter().any(|d| d.room().unsaved())
            || self.state.work().is_some_and(|w| !w.intake.is_blank())
    }

    /// Back to the login screen (its demo users listed when the store is the demo).
    pub(super) fn logout(&mut self) {
        self.suspended = None;
        self.state.overlays.clear();
        // The last user's messages are not the next one's.
        self.state.toasts.clear();
        self.state.screen = Screen::Login(Box::new(self.login_form()));
    }

    /// A fresh login form, listing the demo users the store holds.
    pub fn login_form(&self) -> LoginForm {
        LoginForm::new(DemoUser::list(
            self.backend.demo_users().unwrap_or_default(),
        ))
    }
}

/// Who is signed in on this screen, for rooms that act on their behalf.
pub fn session(screen: &Screen) -> Option<Session<'_>> {
    match screen {
        Screen::Work(w) => Some(w.session()),
        _ => None,
    }
}

//! The shell: the state, the keymap and the backend. A key goes to the
//! innermost room (a focused text field first), then through the keymap
//! (that room's sections, innermost first) to an action, which the
//! innermost room handles or the screen, then the global actions; the
//! effects rooms ask for are carried out here (`apply`), changes to the
//! store through `command::run`, and following the store in `sync`.

use std::path::PathBuf;

use chrono::{Duration, NaiveDateTime};
use crossterm::event::{KeyEvent, KeyEventKind};

use crate::domain::roles::Role;
use crate::ops::backend::Backend;
use crate::ops::OpsError;
use crate::store::model::{Organisation, User};

use super::action::{Action, Context, describe};
use super::i18n::{self, t, tf};
use super::panes::intake::IntakeForm;
use super::panes::queue_desk::QueuePane;
use super::panes::stats::StatsPane;
use super::keymap::{KeyPress, Keymap, Resolution};
use super::dialogs::*;
use super::effect::{Command, Effect};
use super::panes::case::CaseView;
use super::panes::list::ListPane;
use super::room::{Cx, Session};
use super::screens::work::{PaneKind, Work};
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

const TOAST_SECONDS: i64 = 6;

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
        while self.state.toasts.len() > 3 {
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
        use Context::*;
        if let Some(o) = self.state.overlays.last() {
            return o.room().contexts().to_vec();
        }
        match &self.state.screen {
            Screen::DemoOffer => vec![Dialog, Global],
            Screen::Login(_) => vec![Dialog, Form, Global],
            Screen::Work(w) => {
                if w.case.is_some() {
                    return vec![Case, List, Global];
                }
                match w.pane_kind() {
                    PaneKind::Intake => vec![Intake, Form, List, Global],
                    PaneKind::Results => vec![Results, List, Global],
                    PaneKind::Inbox => vec![Inbox, List, Global],
                    PaneKind::Outbox => vec![Outbox, List, Global],
                    PaneKind::Resolutions => vec![Resolutions, List, Global],
                    PaneKind::Signing => vec![Signing, List, Global],
                    PaneKind::Worklist => vec![Worklist, List, Global],
                    PaneKind::Queue => vec![Queue, List, Global],
                    PaneKind::QueueStats => vec![QueueStats, Global],
                }
            }
        }
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
        if self.state.pending.is_empty() && self.field_takes(key) {
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
                    .map(|c| {
                        (
                            c.key.name(lang),
                            describe(lang, c.action, c.description.as_deref()),
                        )
                    })
                    .collect();
            }
            Resolution::Unbound => {
                let mut keys: Vec<String> = self
                    .state
                    .pending
                    .iter()
                    .map(|k| k.name(self.state.lang))
                    .collect();
                keys.push(press.name(self.state.lang));
                self.state.pending.clear();
                self.state.which_key.clear();
                let text = tf(
                    self.state.lang,
                    "app.key_unbound",
                    &[("key", &keys.join(" "))],
                );
                self.toast(text, true);
            }
        }
    }

    /// Gives the key to the focused text field (or the service picker) when it is theirs.
    pub(super) fn field_takes(&mut self, key: KeyEvent) -> bool {
        let lang = self.state.lang;
        let State {
            overlays,
            screen,
            now,
            ..
        } = &mut self.state;
        let now = *now;
        if let Some(o) = overlays.last_mut() {
            let mut cx = Cx::new(lang, now, self.backend.as_ref(), &self.keymap, session(screen));
            let kept = o.room_mut().take_key(key, &mut cx).consumed();
            let effects = cx.effects;
            self.apply(effects);
            return kept;
        }
        match &mut self.state.screen {
            Screen::DemoOffer => false,
            Screen::Login(l) => {
                let f = if l.on_password {
                    &mut l.password
                } else {
                    &mut l.login
                };
                f.input(key)
            }
            Screen::Work(w) => {
                let backend = self.backend.as_ref();
                let keymap = &self.keymap;
                let taken = w.with_room(|room, session| {
                    let mut cx = Cx::new(lang, now, backend, keymap, Some(session));
                    let st = room.take_key(key, &mut cx);
                    (st, cx.effects)
                });
                let Some((st, effects)) = taken else {
                    return false;
                };
                self.apply(effects);
                st.consumed()
            }
        }
    }

    pub fn update(&mut self, action: Action) {
        // Global actions first: they mean the same everywhere.
        match action {
            Action::Quit => {
                let asked = self
                    .state
                    .overlays
                    .last()
                    .is_some_and(|d| d.asks(&Command::Quit));
                if asked || !self.unsaved() {
                    self.state.quit = true;
                } else {
                    let text = t(self.state.lang, "app.confirm_quit_unsaved").to_string();
                    self.ask(text, Command::Quit);
                }
                return;
            }
            Action::Help => {
                self.state.help = true;
                self.state.help_scroll = Scroll::default();
                return;
            }
            Action::CycleLanguage => {
                self.state.lang = self.state.lang.next();
                let text = t(self.state.lang, "app.language").to_string();
                self.toast(text, false);
                let (lang, now) = (self.state.lang, self.state.now);
                if let Screen::Work(w) = &mut self.state.screen {
                    let Work {
                        user,
                        org,
                        names,
                        intake,
                        ..
                    } = &mut **w;
                    let session = Session { user, org, names };
                    let cx = Cx::new(lang, now, self.backend.as_ref(), &self.keymap, Some(session));
                    intake.language_changed(&cx);
                }
                return;
            }
            Action::CycleTheme => {
                if !self.themes.is_empty() {
                    let i = self
                        .themes
                        .iter()
                        .position(|n| *n == self.state.theme_name)
                        .map_or(0, |i| (i + 1) % self.themes.len());
                    self.state.theme_name = self.themes[i].clone();
                    let text = tf(
                        self.state.lang,
                        "app.theme",
                        &[("name", &self.state.theme_name)],
                    );
                    self.toast(text, false);
                }
                return;
            }
            _ => {}
        }
        if !self.state.overlays.is_empty() {
            self.on_dialog(action);
            return;
        }
        match &self.state.screen {
            Screen::DemoOffer => self.on_demo(action),
            Screen::Login(_) => self.on_login(action),
            Screen::Work(_) => self.on_work(action),
        }
    }

    pub(super) fn on_demo(&mut self, action: Action) {
        match action {
            Action::Confirm | Action::Submit => {
                let now = self.state.now;
                match self.backend.create_demo(now) {
                    Ok(summary) => {
                        let text = tf(
                            self.state.lang,
                            "demo.created",
                            &[
                                ("apps", &summary.applications),
                                ("password", &summary.password),
                            ],
                        );
                        self.state.screen =
                            Screen::Login(Box::new(LoginForm::new(summary.users.clone())));
                        self.toast(text, false);
                    }
                    Err(e) => self.fail(&e),
                }
            }
            Action::Cancel => self.state.quit = true,
            _ => {}
        }
    }

    pub(super) fn on_login(&mut self, action: Action) {
        let Screen::Login(form) = &mut self.state.screen else {
            return;
        };
        match action {
            Action::NextField | Action::PrevField | Action::Down | Action::Up => {
                form.on_password = !form.on_password;
            }
            Action::Confirm | Action::Submit => {
                let login = form.login.text().trim().to_string();
                if !form.on_password && form.password.is_empty() {
                    form.on_password = true;
                    return;
                }
                if login.is_empty() || form.password.is_empty() {
                    form.error = Some(t(self.state.lang, "login.empty").into());
                    return;
                }
                let password = form.password.text();
                form.password.clear();
                match self.backend.login(&login, &password, self.state.now) {
                    Ok((user, org)) => self.enter_work(user, org),
                    Err(e) => {
                        let text = i18n::error_text(self.state.lang, &e);
                        if let Screen::Login(form) = &mut self.state.screen {
                            form.error = Some(text);
                        }
                    }
                }
            }
            Action::Cancel => {
                let text = t(self.state.lang, "login.confirm_quit").to_string();
                self.ask(text, Command::Quit);
            }
            _ => {}
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
        let mut roles = user.roles.clone();
        roles.sort();
        let role = roles.first().copied().unwrap_or(Role::Operator);
        let intake = IntakeForm::new(&org, districts);
        let lists = ListPane::all();
        let names = self
            .backend
            .staff_names(&user.login)
            .unwrap_or_default()
            .into_iter()
            .collect();
        self.state.screen = Screen::Work(Box::new(Work {
            user,
            org,
            role,
            pane: 0,
            intake,
            lists,
            case: None,
            queue: QueuePane::default(),
            stats: StatsPane::default(),
            names,
        }));
        self.refresh();
        self.toast(welcome, false);
    }

    pub(super) fn districts(&self, region: &str) -> Vec<String> {
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

    /// An action on the workstation: the screen's own first (tabs, role,
    /// refresh, log-out), then the room shown (the case or the pane).
    pub(super) fn on_work(&mut self, action: Action) {
        let App {
            state,
            backend,
            keymap,
            ..
        } = self;
        let (lang, now) = (state.lang, state.now);
        let Screen::Work(w) = &mut state.screen else {
            return;
        };
        let mut cx = Cx::new(lang, now, backend.as_ref(), keymap, None);
        let mut effects = Vec::new();
        if !w.on_action(action, &mut cx).consumed() {
            let shown = w.with_room(|room, session| {
                let mut cx = Cx::new(lang, now, backend.as_ref(), keymap, Some(session));
                room.on_action(action, &mut cx);
                cx.effects
            });
            effects = shown.unwrap_or_default();
        }
        let mut all = cx.effects;
        all.append(&mut effects);
        self.apply(all);
    }

    /// An action for the innermost dialog.
    pub(super) fn on_dialog(&mut self, action: Action) {
        let State {
            overlays,
            screen,
            lang,
            now,
            ..
        } = &mut self.state;
        let Some(top) = overlays.last_mut() else {
            return;
        };
        let mut cx = Cx::new(*lang, *now, self.backend.as_ref(), &self.keymap, session(screen));
        top.on_action(action, &mut cx);
        let effects = cx.effects;
        self.apply(effects);
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
                        w.case = Some(CaseView { rec: *rec, scroll: 0 });
                    }
                }
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
        self.state.overlays.push(ConfirmDialog::new(text, then).into());
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
        LoginForm::new(self.backend.demo_users().unwrap_or_default())
    }
}

pub fn session(screen: &Screen) -> Option<Session<'_>> {
    match screen {
        Screen::Work(w) => Some(Session {
            user: &w.user,
            org: &w.org,
            names: &w.names,
        }),
        _ => None,
    }
}

//! Signing in: login and password (masked), the reason a sign-in was
//! refused, and the demo users the store holds. Esc asks before quitting.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::roles::Role;
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, input_line, modal, truncate};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::StyleName as S;

/// A user of the demo region, listed on the login screen.
#[derive(Debug, Clone)]
pub struct DemoUser {
    pub login: String,
    pub role: Option<Role>,
    pub org: String,
}

impl DemoUser {
    /// From the backend's (login, role, organisation).
    pub fn list(users: Vec<(String, String, String)>) -> Vec<DemoUser> {
        users
            .into_iter()
            .map(|(login, role, org)| DemoUser {
                login,
                role: Role::ALL.into_iter().find(|r| r.as_str() == role),
                org,
            })
            .collect()
    }
}

/// The login form's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginFocus {
    Login,
    Password,
}

pub struct LoginForm {
    pub login: Field,
    /// Masked: a password is never drawn in clear.
    pub password: Field,
    pub focus: LoginFocus,
    pub error: Option<String>,
    pub hints: Vec<DemoUser>,
}

impl Default for LoginForm {
    fn default() -> Self {
        LoginForm::new(Vec::new())
    }
}

impl LoginForm {
    pub fn new(hints: Vec<DemoUser>) -> LoginForm {
        LoginForm {
            login: Field::new(),
            password: Field::secret(),
            focus: LoginFocus::Login,
            error: None,
            hints,
        }
    }

    /// Enter: on to the password, or signing in with both.
    fn submit(&mut self, cx: &mut Cx) {
        let login = self.login.text().trim().to_string();
        if self.focus == LoginFocus::Login && self.password.is_empty() {
            self.focus = LoginFocus::Password;
            return;
        }
        if login.is_empty() || self.password.is_empty() {
            self.error = Some(t(cx.lang, "login.empty").into());
            return;
        }
        let password = self.password.text();
        self.password.clear();
        cx.run(Command::SignIn { login, password });
    }

    /// The demo users that fit; a small terminal shows the first few and
    /// says how many it leaves out.
    fn hint_lines(&self, area: Rect, p: &Paint) -> Vec<Line<'static>> {
        let (lang, th) = (p.lang, p.theme);
        let mut lines = vec![Line::styled(t(lang, "login.users"), th.style(S::Label))];
        let room = (area.height as usize).saturating_sub(1);
        let n = self.hints.len();
        let shown = if n > room { room.saturating_sub(1) } else { n };
        for u in &self.hints[..shown] {
            let role = u.role.map_or("", |r| i18n::role_name(lang, r));
            let hint = format!("  {:<16} {role:<20} {}", u.login, u.org);
            lines.push(Line::raw(truncate(&hint, area.width as usize)));
        }
        if shown < n {
            let more = tf(lang, "login.more", &[("n", &(n - shown))]);
            lines.push(Line::styled(
                truncate(&more, area.width as usize),
                th.style(S::Muted),
            ));
        }
        lines
    }
}

impl Room for LoginForm {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Dialog, Context::Form, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Confirm, Action::NextField, Action::Cancel]
    }

    fn typing(&self) -> bool {
        true
    }

    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        let field = match self.focus {
            LoginFocus::Login => &mut self.login,
            LoginFocus::Password => &mut self.password,
        };
        EventState::from(field.input(key))
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        match action {
            Action::NextField | Action::PrevField | Action::Down | Action::Up => {
                self.focus = match self.focus {
                    LoginFocus::Login => LoginFocus::Password,
                    LoginFocus::Password => LoginFocus::Login,
                };
            }
            Action::Confirm | Action::Submit => self.submit(cx),
            Action::Cancel => cx.ask(t(cx.lang, "login.confirm_quit").into(), Command::Quit),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let hints = self.hints.len() as u16;
        let r = modal(f, th, area, 64, 9 + if hints > 0 { hints + 2 } else { 0 });
        let block = dialog_block(t(lang, "login.title").into(), th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let mut rows = [Constraint::Length(1); 7];
        rows[6] = Constraint::Min(0);
        let rows = Layout::vertical(rows).split(inner);
        let on_login = self.focus == LoginFocus::Login;
        input_line(
            f,
            rows[0],
            t(lang, "login.login"),
            &self.login,
            on_login,
            th,
            12,
        );
        let label = t(lang, "login.password");
        input_line(f, rows[2], label, &self.password, !on_login, th, 12);
        let line = match &self.error {
            Some(e) => Paragraph::new(e.as_str())
                .style(th.style(S::Error))
                .wrap(Wrap { trim: true }),
            None => Paragraph::new(t(lang, "login.submit")).style(th.style(S::Muted)),
        };
        f.render_widget(line, rows[4]);
        if !self.hints.is_empty() {
            f.render_widget(Paragraph::new(self.hint_lines(rows[6], p)), rows[6]);
        }
        r
    }
}

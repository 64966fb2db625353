//! The actions that mean the same everywhere: quitting (asking first when
//! something typed would be lost), the key help, the language and the theme.

use super::action::Action;
use super::app::App;
use super::effect::Command;
use super::i18n::{t, tf};
use super::room::Cx;
use super::screens::work::Work;
use super::state::{Screen, Scroll};

impl App {
    /// Carries out a global action; false when `action` is none.
    pub(super) fn global(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.quit(),
            Action::Help => {
                self.state.help = true;
                self.state.help_scroll = Scroll::default();
            }
            Action::CycleLanguage => self.next_language(),
            Action::CycleTheme => self.next_theme(),
            _ => return false,
        }
        true
    }

    fn quit(&mut self) {
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
    }

    /// The next language; the intake's matches are named in it.
    fn next_language(&mut self) {
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
            let session = super::room::Session { user, org, names };
            let cx = Cx::new(
                lang,
                now,
                self.backend.as_ref(),
                &self.keymap,
                Some(session),
            );
            intake.language_changed(&cx);
        }
    }

    fn next_theme(&mut self) {
        if self.themes.is_empty() {
            return;
        }
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
}

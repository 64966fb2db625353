//! The Reports pane's figures, read through the backend when the pane is
//! first shown, when its period changes and on refresh (Ctrl+L); lists
//! follow the store row by row, reports are read whole.

use super::app::App;
use super::panes::reports::PeriodChoice;
use super::screens::work::PaneKind;
use super::state::Screen;

impl App {
    /// Reads the Reports pane's figures (for `period`, when one was chosen).
    pub fn load_reports(&mut self, period: Option<PeriodChoice>) {
        let (lang, now) = (self.state.lang, self.state.now);
        let Screen::Work(w) = &mut self.state.screen else {
            return;
        };
        if let Some(p) = period {
            w.reports.set_period(p);
        }
        let login = w.user.login.clone();
        w.reports.load(self.backend.as_ref(), &login, lang, now);
    }

    /// On refresh: the figures again when the pane is shown or was read.
    pub(super) fn refresh_reports(&mut self) {
        let wanted = self.state.work().is_some_and(|w| {
            w.panes().contains(&PaneKind::Reports)
                && (w.reports.loaded() || w.pane_kind() == PaneKind::Reports)
        });
        if wanted {
            self.load_reports(None);
        }
    }
}

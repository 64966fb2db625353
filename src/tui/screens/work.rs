//! The workstation once signed in: the role's panes as tabs (Alt+1..4,
//! Tab), the case opened from a list, switching roles, refreshing and
//! logging out. Each pane is a room of its own; this screen routes actions
//! to the one shown and draws the tabs above it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::catalog::StepAction;
use crate::domain::roles::{OrgKind, Role};
use crate::store::model::{Organisation, User};
use crate::tui::action::{Action, Context};
use crate::tui::effect::Effect;
use crate::tui::i18n::{t, tf};
use crate::tui::panes::case::CaseView;
use crate::tui::panes::intake::IntakeForm;
use crate::tui::panes::list::{ListPane, Row};
use crate::tui::panes::queue_desk::QueuePane;
use crate::tui::panes::reports::ReportsPane;
use crate::tui::panes::stats::StatsPane;
use crate::tui::room::{Cx, EventState, Paint, Room, Session};
use crate::tui::theme::StyleName as S;

pub struct Work {
    pub user: User,
    pub org: Organisation,
    pub role: Role,
    pub pane: usize,
    pub intake: IntakeForm,
    pub lists: Vec<ListPane>,
    /// An application opened from a list.
    pub case: Option<CaseView>,
    /// The operator's window in the electronic queue.
    pub queue: QueuePane,
    /// The centre head's queue figures.
    pub stats: StatsPane,
    /// Heads' and supervisors' reports.
    pub reports: ReportsPane,
    /// Full names by login, loaded at sign-in: screens name people.
    pub names: HashMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    Intake,
    Results,
    Inbox,
    Outbox,
    Resolutions,
    Signing,
    Worklist,
    Queue,
    QueueStats,
    Reports,
}

impl PaneKind {
    /// The panes of a role at a kind of organisation, in tab order.
    pub fn for_role(role: Role, org: OrgKind) -> &'static [PaneKind] {
        match (role, org) {
            (Role::Operator, OrgKind::StateCorp) => {
                &[PaneKind::Intake, PaneKind::Results, PaneKind::Queue]
            }
            (Role::Operator, _) => &[PaneKind::Intake, PaneKind::Results],
            (Role::Clerk, _) => &[PaneKind::Inbox, PaneKind::Intake, PaneKind::Outbox],
            (Role::Head, OrgKind::StateCorp) => &[PaneKind::QueueStats, PaneKind::Reports],
            (Role::Head, _) => &[PaneKind::Resolutions, PaneKind::Signing, PaneKind::Reports],
            (Role::Specialist, _) => &[PaneKind::Worklist],
            // A region supervisor reads and changes nothing else.
            (Role::Supervisor, _) => &[PaneKind::Reports],
        }
    }

    pub fn title_key(self, role: Role) -> &'static str {
        match self {
            PaneKind::Intake if role == Role::Clerk => "pane.walk_in",
            PaneKind::Intake => "pane.intake",
            PaneKind::Results => "pane.results",
            PaneKind::Inbox => "pane.inbox",
            PaneKind::Outbox => "pane.outbox",
            PaneKind::Resolutions => "pane.resolutions",
            PaneKind::Signing => "pane.signing",
            PaneKind::Worklist => "pane.worklist",
            PaneKind::Queue => "pane.queue",
            PaneKind::QueueStats => "pane.queue_stats",
            PaneKind::Reports => "pane.reports",
        }
    }

    /// Where a row goes: registers oldest first, the rest most urgent first.
    pub fn order(self, r: &Row) -> (bool, Option<NaiveDateTime>, &str) {
        match self {
            PaneKind::Inbox | PaneKind::Outbox => (false, Some(r.received), &r.number),
            _ => (r.due.is_none(), r.due, &r.number),
        }
    }

    /// Whether an application waiting for `role` with `action` belongs in this pane.
    pub fn holds(self, action: StepAction) -> bool {
        match self {
            PaneKind::Intake | PaneKind::Queue | PaneKind::QueueStats | PaneKind::Reports => false,
            PaneKind::Results | PaneKind::Worklist => true,
            PaneKind::Outbox => matches!(action, StepAction::Dispatch | StepAction::Issue),
            PaneKind::Inbox => !matches!(action, StepAction::Dispatch | StepAction::Issue),
            PaneKind::Resolutions => action == StepAction::Assign,
            PaneKind::Signing => action != StepAction::Assign,
        }
    }
}

impl Work {
    pub fn panes(&self) -> &'static [PaneKind] {
        PaneKind::for_role(self.role, self.org.kind)
    }

    pub fn pane_kind(&self) -> PaneKind {
        let panes = self.panes();
        panes[self.pane.min(panes.len() - 1)]
    }

    pub fn list(&self) -> Option<&ListPane> {
        let kind = self.pane_kind();
        self.lists.iter().find(|l| l.kind == kind)
    }

    /// A person's full name, or the login of someone the store did not list.
    pub fn name_of<'a>(&'a self, login: &'a str) -> &'a str {
        self.names.get(login).map_or(login, String::as_str)
    }

    pub fn list_mut(&mut self) -> Option<&mut ListPane> {
        let kind = self.pane_kind();
        self.lists.iter_mut().find(|l| l.kind == kind)
    }
}

impl Work {
    /// Signed in: the user's first role, its first pane, every pane empty
    /// until the first refresh.
    pub fn new(
        user: User,
        org: Organisation,
        districts: Vec<String>,
        names: HashMap<String, String>,
    ) -> Work {
        let mut roles = user.roles.clone();
        roles.sort();
        let role = roles.first().copied().unwrap_or(Role::Operator);
        Work {
            intake: IntakeForm::new(&org, districts),
            user,
            org,
            role,
            pane: 0,
            lists: ListPane::all(),
            case: None,
            queue: QueuePane::default(),
            stats: StatsPane::default(),
            reports: ReportsPane::default(),
            names,
        }
    }

    /// Who is signed in, for the rooms.
    pub fn session(&self) -> Session<'_> {
        Session {
            user: &self.user,
            org: &self.org,
            names: &self.names,
        }
    }

    /// The room shown (the open case, else the pane) with the session, for `f`.
    pub fn with_room<R>(&mut self, f: impl FnOnce(&mut dyn Room, Session) -> R) -> Option<R> {
        let kind = self.pane_kind();
        let Work {
            user,
            org,
            names,
            lists,
            case,
            intake,
            queue,
            stats,
            reports,
            ..
        } = self;
        let session = Session { user, org, names };
        let room: &mut dyn Room = match (case, kind) {
            (Some(c), _) => c,
            (None, PaneKind::Intake) => intake,
            (None, PaneKind::Queue) => queue,
            (None, PaneKind::QueueStats) => stats,
            (None, PaneKind::Reports) => reports,
            (None, _) => lists.iter_mut().find(|l| l.kind == kind)?,
        };
        Some(f(room, session))
    }

    /// The room shown, for reading.
    pub fn room(&self) -> &dyn Room {
        if let Some(c) = &self.case {
            return c;
        }
        match self.pane_kind() {
            PaneKind::Intake => &self.intake,
            PaneKind::Queue => &self.queue,
            PaneKind::QueueStats => &self.stats,
            PaneKind::Reports => &self.reports,
            kind => self
                .lists
                .iter()
                .find(|l| l.kind == kind)
                .expect("every list pane has its list"),
        }
    }

    fn goto(&mut self, i: usize, cx: &mut Cx) {
        self.pane = i.min(self.panes().len() - 1);
        self.case = None;
        // The reports are read when first shown, not at every sign-in.
        if self.pane_kind() == PaneKind::Reports && !self.reports.loaded() {
            cx.effect(Effect::LoadReports);
        }
    }

    /// The screen's own actions (no pane takes these: they come first).
    pub fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        let n = self.panes().len();
        match action {
            // Every refresh fills all of the role's panes: switching shows what is loaded.
            Action::NextPane => self.goto((self.pane + 1) % n, cx),
            Action::PrevPane => self.goto((self.pane + n - 1) % n, cx),
            Action::Pane1 => self.goto(0, cx),
            Action::Pane2 => self.goto(1, cx),
            Action::Pane3 => self.goto(2, cx),
            Action::Pane4 => self.goto(3, cx),
            Action::SwitchRole => {
                let mut roles = self.user.roles.clone();
                roles.sort();
                let i = roles.iter().position(|r| *r == self.role).unwrap_or(0);
                self.role = roles[(i + 1) % roles.len()];
                self.pane = 0;
                self.case = None;
                cx.effect(Effect::Refresh);
            }
            Action::Refresh => cx.effect(Effect::Refresh),
            Action::Logout => cx.effect(Effect::Logout),
            Action::ChangePassword => cx.push(crate::tui::dialogs::PasswordDialog::new()),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    /// The tabs: each pane's number, title and count, and the role hint.
    pub fn draw_tabs(&self, f: &mut Frame, area: Rect, p: &Paint) {
        let (lang, th) = (p.lang, p.theme);
        let mut spans = Vec::new();
        for (i, kind) in self.panes().iter().enumerate() {
            let style = th.style(if i == self.pane { S::TabActive } else { S::Tab });
            let count = self
                .lists
                .iter()
                .find(|l| l.kind == *kind)
                .map(|l| format!(" ({})", l.rows.len()))
                .unwrap_or_default();
            spans.push(Span::styled(
                format!(" {} {}{count} ", i + 1, t(lang, kind.title_key(self.role))),
                style,
            ));
            spans.push(Span::raw(" "));
        }
        if self.user.roles.len() > 1 {
            let key = p
                .keymap
                .keys_for(Context::Global, Action::SwitchRole, lang)
                .first()
                .cloned()
                .unwrap_or_default();
            spans.push(Span::styled(
                format!("  {}", tf(lang, "frame.roles_hint", &[("key", &key)])),
                th.style(S::Muted),
            ));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// The tabs above, the room shown beneath.
    pub fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        self.draw_tabs(f, tabs, p);
        self.room().draw(f, body, p);
    }
}

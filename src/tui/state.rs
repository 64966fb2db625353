//! Everything the screen shows. Panes render from this and nothing else.

use std::cell::Cell;
use std::collections::VecDeque;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::{SlaState, TimeAmount};
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::queue::stats::DayStats;
use crate::domain::queue::{OutcomeKind, QueueConfig, TransferTarget};
use crate::domain::roles::{OrgKind, Role};
use crate::domain::route::{RefusalGround, Status};
use crate::ops::queue::{Desk, QueueAct};
use crate::ops::{ActKind, ActRequest, SpecialistLoad, SubmitRequest};
use crate::store::model::{Organisation, Record, User};

use super::action::Action;
use super::field::Field;
use super::i18n::Lang;
use super::intake::IntakeForm;
use super::keymap::KeyPress;

pub struct State {
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// Where the data lives, for the frame.
    pub location: String,
    pub screen: Screen,
    /// Dialogs over the screen, innermost last.
    pub overlays: Vec<Overlay>,
    pub toasts: VecDeque<Toast>,
    /// Keys of a sequence typed so far, and what may follow (which-key).
    pub pending: Vec<KeyPress>,
    pub which_key: Vec<(String, String)>,
    pub help: bool,
    /// The help's scroll when it does not fit the screen.
    pub help_scroll: Scroll,
    pub theme_name: String,
    pub quit: bool,
    /// False while the server is out of reach.
    pub online: bool,
}

pub enum Screen {
    /// An empty store: offer the demo region.
    DemoOffer,
    Login(Box<LoginForm>),
    Work(Box<Work>),
}

pub struct LoginForm {
    pub login: Field,
    /// Masked: a password is never drawn in clear.
    pub password: Field,
    pub on_password: bool,
    pub error: Option<String>,
    /// Demo users to show (login, role, organisation).
    pub hints: Vec<(String, String, String)>,
}

impl Default for LoginForm {
    fn default() -> Self {
        LoginForm::new(Vec::new())
    }
}

impl LoginForm {
    pub fn new(hints: Vec<(String, String, String)>) -> LoginForm {
        LoginForm {
            login: Field::new(),
            password: Field::secret(),
            on_password: false,
            error: None,
            hints,
        }
    }
}

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
    /// Full names by login, loaded at sign-in: screens name people.
    pub names: std::collections::HashMap<String, String>,
}

/// The operator's queue pane: their desk as last loaded.
#[derive(Default)]
pub struct QueuePane {
    pub desk: Option<Desk>,
    /// Why there is no desk (no queue at this centre...).
    pub error: Option<String>,
    /// The window list's cursor, while no window is taken.
    pub cursor: usize,
    /// Applications filed while serving the current ticket (the finish
    /// dialog offers the last one), with the ticket they belong to.
    pub filed: Vec<(String, OutcomeKind, String)>,
}

impl QueuePane {
    /// What to say while there is no desk to show.
    pub fn unavailable(&self, lang: Lang) -> String {
        self.error
            .clone()
            .unwrap_or_else(|| super::i18n::t(lang, "queue.not_loaded").to_string())
    }

    /// The ticket being served at the operator's window.
    pub fn serving(&self) -> Option<&str> {
        let d = self.desk.as_ref()?;
        d.current
            .as_ref()
            .filter(|t| t.state == crate::domain::queue::TicketState::Serving)
            .map(|t| t.number.as_str())
    }
}

/// The queue figures of one day.
#[derive(Default)]
pub struct StatsPane {
    pub day: Option<NaiveDate>,
    pub stats: Option<DayStats>,
    pub config: Option<QueueConfig>,
    pub error: Option<String>,
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
            (Role::Head, OrgKind::StateCorp) => &[PaneKind::QueueStats],
            (Role::Head, _) => &[PaneKind::Resolutions, PaneKind::Signing],
            (Role::Specialist, _) => &[PaneKind::Worklist],
            // Reports come with their pane; until then an empty worklist (a
            // supervisor holds no step), never a role without a pane.
            (Role::Supervisor, _) => &[PaneKind::Worklist],
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
            PaneKind::Intake | PaneKind::Queue | PaneKind::QueueStats => false,
            PaneKind::Results | PaneKind::Worklist => true,
            PaneKind::Outbox => matches!(action, StepAction::Dispatch | StepAction::Issue),
            PaneKind::Inbox => !matches!(action, StepAction::Dispatch | StepAction::Issue),
            PaneKind::Resolutions => action == StepAction::Assign,
            PaneKind::Signing => action != StepAction::Assign,
        }
    }
}

/// One row of a worklist: what the list shows of an application.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: String,
    pub service: String,
    pub name: String,
    pub iin: String,
    pub status: Status,
    pub action: Option<StepAction>,
    pub received: NaiveDateTime,
    pub due: Option<NaiveDateTime>,
    pub overall_due: Option<NaiveDateTime>,
    pub sla: Option<(SlaState, TimeAmount)>,
    pub channel: Channel,
    pub version: u64,
    /// Where on its route it stands, to reassess the SLA as time passes.
    pub route: String,
    pub step: usize,
    /// Folded number, IIN, name and service names for the filter.
    pub haystack: Vec<String>,
}

pub struct ListPane {
    pub kind: PaneKind,
    pub rows: Vec<Row>,
    /// Indexes into `rows` that pass the filter.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub filter: Field,
    pub filtering: bool,
    /// The first row drawn and the rows that fit, kept by the renderer so
    /// paging moves by what the user sees.
    pub offset: Cell<usize>,
    pub page: Cell<usize>,
    counts: (usize, usize, usize, usize),
    /// The query `visible` was filtered by: a longer one narrows it.
    query: String,
}

impl ListPane {
    /// One empty list for every pane that shows applications.
    pub fn all() -> Vec<ListPane> {
        [
            PaneKind::Results,
            PaneKind::Inbox,
            PaneKind::Outbox,
            PaneKind::Resolutions,
            PaneKind::Signing,
            PaneKind::Worklist,
        ]
        .map(ListPane::new)
        .into()
    }

    pub fn new(kind: PaneKind) -> ListPane {
        ListPane {
            kind,
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            filter: Field::new(),
            filtering: false,
            offset: Cell::new(0),
            page: Cell::new(10),
            counts: (0, 0, 0, 0),
            query: String::new(),
        }
    }

    pub fn current(&self) -> Option<&Row> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// New rows from the store; the cursor stays on the same application.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        let keep = self.current().map(|r| r.number.clone());
        self.rows = rows;
        self.recount();
        self.query.clear();
        self.refilter_keeping(keep);
    }

    /// One application changed: its row leaves the list and, when it still
    /// belongs here, comes back in its place. No reload of the rest.
    pub fn patch(&mut self, number: &str, row: Option<Row>) {
        let keep = self.current().map(|r| r.number.clone());
        self.rows.retain(|r| r.number != number);
        if let Some(row) = row {
            let kind = self.kind;
            let at = self
                .rows
                .partition_point(|r| kind.order(r) < kind.order(&row));
            self.rows.insert(at, row);
        }
        self.recount();
        self.query.clear();
        self.refilter_keeping(keep);
    }

    /// Time passed: each row's SLA anew (`sla` computes one).
    pub fn reassess(&mut self, sla: impl Fn(&Row) -> Option<(SlaState, TimeAmount)>) {
        for r in &mut self.rows {
            r.sla = sla(r);
        }
        self.recount();
    }

    fn recount(&mut self) {
        let mut c = (self.rows.len(), 0, 0, 0);
        for r in &self.rows {
            match r.sla.map(|s| s.0) {
                Some(SlaState::AtRisk) => c.2 += 1,
                Some(SlaState::Overdue) => c.3 += 1,
                _ => c.1 += 1,
            }
        }
        self.counts = c;
    }

    pub fn refilter(&mut self) {
        let keep = self.current().map(|r| r.number.clone());
        self.refilter_keeping(keep);
    }

    fn refilter_keeping(&mut self, keep: Option<String>) {
        let q = self.filter.text().trim().to_string();
        let mut query = super::search::Query::new(&q);
        let rows = &self.rows;
        let matches = |i: &usize| query.is_empty() || query.score(&rows[*i].haystack).is_some();
        // Typing on narrows what already matched; anything else starts over.
        self.visible = if !self.query.is_empty() && q.starts_with(&self.query) {
            self.visible.iter().copied().filter(matches).collect()
        } else {
            (0..self.rows.len()).filter(matches).collect()
        };
        self.query = q;
        self.selected = keep
            .and_then(|n| self.visible.iter().position(|&i| self.rows[i].number == n))
            .unwrap_or(self.selected.min(self.visible.len().saturating_sub(1)));
    }

    /// (total, on time, at risk, overdue), counted when the rows arrive.
    pub fn counters(&self) -> (usize, usize, usize, usize) {
        self.counts
    }
}

pub struct CaseView {
    pub rec: Record,
    pub scroll: u16,
}

/// A scroll position over text taller than its window: moved by the reducer,
/// kept within the text by drawing (which alone knows the window's height).
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    pub offset: Cell<u16>,
    /// The window's height at the last drawing: a page.
    pub page: Cell<u16>,
}

impl Scroll {
    /// Moves by the key's lines; false when it is not a scrolling key.
    pub fn on(&self, action: Action) -> bool {
        use Action::*;
        let page = self.page.get().max(1) as i32;
        let by = match action {
            Up => -1,
            Down => 1,
            PageUp => -page,
            PageDown => page,
            Top => -i32::from(u16::MAX),
            Bottom => i32::from(u16::MAX),
            _ => return false,
        };
        let to = (i32::from(self.offset.get()) + by).clamp(0, i32::from(u16::MAX));
        self.offset.set(to as u16);
        true
    }

    /// Keeps the offset within `total` lines shown `height` at a time; the offset.
    pub fn fit(&self, total: usize, height: u16) -> u16 {
        self.page.set(height);
        let max = (total as u16).saturating_sub(height);
        let offset = self.offset.get().min(max);
        self.offset.set(offset);
        offset
    }
}

pub enum Overlay {
    Confirm {
        text: String,
        then: Command,
    },
    Assign(AssignDialog),
    Decide(DecideDialog),
    Report {
        number: String,
        version: u64,
        action: StepAction,
        text: Field,
    },
    Return {
        number: String,
        version: u64,
        comment: Field,
    },
    Issue {
        number: String,
        version: u64,
        hint: String,
        recipient: Field,
    },
    Receipt {
        title: String,
        text: String,
        scroll: Scroll,
    },
    Finish(FinishDialog),
    Transfer(TransferDialog),
}

/// Finishing a visit: its outcome and the application it concerns.
pub struct FinishDialog {
    pub ticket: String,
    pub kind: usize,
    pub application: Field,
    pub focus: FinishFocus,
}

/// The finish dialog's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishFocus {
    Outcome,
    Application,
}

/// Sending a visitor on: where, and why.
pub struct TransferDialog {
    pub ticket: String,
    /// Targets with their labels.
    pub targets: Vec<(TransferTarget, String)>,
    pub selected: usize,
    pub reason: Field,
    pub on_text: bool,
}

/// A change to carry out once confirmed.
#[derive(Debug, Clone)]
pub enum Command {
    Submit(SubmitRequest),
    Act {
        number: String,
        kind: ActKind,
        req: ActRequest,
        /// The toast on success.
        done: String,
    },
    /// An act at the operator's queue window.
    Queue(QueueAct),
    /// Empty the intake form (it had something typed in).
    ClearIntake,
    /// Back to the login screen, or out of the workstation, although
    /// something typed would be lost.
    Logout,
    Quit,
    /// Close the dialog under the confirmation, dropping its text.
    Discard,
}

pub struct AssignDialog {
    pub number: String,
    pub version: u64,
    pub specialists: Vec<SpecialistLoad>,
    pub selected: usize,
    pub resolution: Field,
    pub on_text: bool,
}

pub struct DecideDialog {
    pub number: String,
    pub version: u64,
    pub approve: bool,
    /// (result id, name) of the service's positive results.
    pub results: Vec<(String, String)>,
    pub result: usize,
    pub ground: usize,
    pub text: Field,
    pub focus: DecideFocus,
}

/// The decision dialog's controls, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecideFocus {
    Outcome,
    /// The result (approval) or the ground (refusal): a choice.
    Detail,
    Text,
}

impl DecideDialog {
    /// The controls that can change now: the result row is left out
    /// when the service has a single positive result to choose.
    pub fn controls(&self) -> Vec<DecideFocus> {
        let choice = !self.approve || self.results.len() > 1;
        let mut c = vec![DecideFocus::Outcome];
        if choice {
            c.push(DecideFocus::Detail);
        }
        c.push(DecideFocus::Text);
        c
    }

    /// Moves the focus to the next (or previous) editable control.
    pub fn move_focus(&mut self, back: bool) {
        let c = self.controls();
        let i = c.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = c.len();
        self.focus = c[if back { (i + n - 1) % n } else { (i + 1) % n }];
    }
}

pub const GROUNDS: [RefusalGround; 4] = [
    RefusalGround::RequirementsNotMet,
    RefusalGround::FalseDocuments,
    RefusalGround::CourtDecision,
    RefusalGround::Other,
];

#[derive(Debug, Clone)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub until: NaiveDateTime,
}

impl State {
    pub fn new(lang: Lang, now: NaiveDateTime, location: String, theme_name: String) -> State {
        State {
            lang,
            now,
            location,
            screen: Screen::Login(Box::default()),
            overlays: Vec::new(),
            toasts: VecDeque::new(),
            pending: Vec::new(),
            which_key: Vec::new(),
            help: false,
            help_scroll: Scroll::default(),
            theme_name,
            quit: false,
            online: true,
        }
    }

    pub fn work(&self) -> Option<&Work> {
        match &self.screen {
            Screen::Work(w) => Some(w),
            _ => None,
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

/// A dialog with a list to pick from and a text field: Tab and Shift+Tab
/// switch between them, the arrows move in the list. True when `action`
/// was one of those.
pub fn pick(on_text: &mut bool, selected: &mut usize, len: usize, action: Action) -> bool {
    match action {
        Action::NextField | Action::PrevField => *on_text = !*on_text,
        Action::Up if !*on_text => *selected = selected.saturating_sub(1),
        Action::Down if !*on_text => *selected = (*selected + 1).min(len.saturating_sub(1)),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: &str, due_hour: Option<u32>, sla: Option<SlaState>) -> Row {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        Row {
            number: number.into(),
            service: "s".into(),
            name: format!("Заявитель {number}"),
            iin: "800101300016".into(),
            status: Status::InProgress,
            action: Some(StepAction::Execute),
            received: day.and_hms_opt(9, 0, 0).unwrap(),
            due: due_hour.map(|h| day.and_hms_opt(h, 0, 0).unwrap()),
            overall_due: None,
            sla: sla.map(|s| (s, TimeAmount::WorkingMinutes(10))),
            channel: Channel::StateCorp,
            version: 1,
            route: "r".into(),
            step: 0,
            haystack: vec![number.to_lowercase()],
        }
    }

    fn numbers(l: &ListPane) -> Vec<&str> {
        l.visible
            .iter()
            .map(|&i| l.rows[i].number.as_str())
            .collect()
    }

    /// A changed application moves to its place, leaves, or arrives; the
    /// cursor stays on the application it was on; counters follow.
    #[test]
    fn patching_moves_one_row_and_keeps_the_cursor() {
        let mut l = ListPane::new(PaneKind::Worklist);
        l.set_rows(vec![
            row("A1", Some(10), Some(SlaState::Overdue)),
            row("A2", Some(12), None),
            row("A3", Some(15), None),
        ]);
        l.selected = 1;
        // A1 got a later deadline: it goes after A3, the cursor stays on A2.
        l.patch("A1", Some(row("A1", Some(16), None)));
        assert_eq!(numbers(&l), ["A2", "A3", "A1"]);
        assert_eq!(l.current().unwrap().number, "A2");
        assert_eq!(l.counters(), (3, 3, 0, 0));
        // A new one, most urgent, comes first; one that left is gone.
        l.patch("B9", Some(row("B9", Some(8), Some(SlaState::AtRisk))));
        l.patch("A3", None);
        assert_eq!(numbers(&l), ["B9", "A2", "A1"]);
        assert_eq!(l.current().unwrap().number, "A2");
        assert_eq!(l.counters(), (3, 2, 1, 0));
        // Without a deadline: last.
        l.patch("C1", Some(row("C1", None, None)));
        assert_eq!(numbers(&l).last(), Some(&"C1"));
    }

    #[test]
    fn registers_keep_arrival_order() {
        let mut l = ListPane::new(PaneKind::Inbox);
        let mut late = row("L", Some(9), None);
        late.received += chrono::Duration::hours(2);
        l.set_rows(vec![row("E", Some(18), None), late]);
        let mut mid = row("M", Some(8), None);
        mid.received += chrono::Duration::hours(1);
        l.patch("M", Some(mid));
        assert_eq!(numbers(&l), ["E", "M", "L"]);
    }
}

//! A pane that lists applications (results to issue, inbox, outbox,
//! resolutions, signing, the worklist): rows patched as the store changes,
//! counters by deadline, a fuzzy filter (`/`), and the step actions on the
//! row under the cursor. Drawing is in `list_view`.

use std::cell::Cell;

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::calendar::{SlaState, TimeAmount};
use crate::domain::catalog::{Channel, StepAction};
use crate::domain::route::Status;
use crate::tui::action::{Action, Context};
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::i18n::t;
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::screens::work::PaneKind;

use super::step::{Target, on_step_action};

/// How many rows of a list are on time, at risk and overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlaCounts {
    pub total: usize,
    pub on_time: usize,
    pub at_risk: usize,
    pub overdue: usize,
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
    counts: SlaCounts,
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
            counts: SlaCounts::default(),
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
        let mut c = SlaCounts {
            total: self.rows.len(),
            ..SlaCounts::default()
        };
        for r in &self.rows {
            match r.sla.map(|s| s.0) {
                Some(SlaState::AtRisk) => c.at_risk += 1,
                Some(SlaState::Overdue) => c.overdue += 1,
                _ => c.on_time += 1,
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
        let mut query = crate::tui::search::Query::new(&q);
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

    /// Counted when the rows arrive.
    pub fn counters(&self) -> SlaCounts {
        self.counts
    }
}

impl ListPane {
    /// The row under the cursor, as a step action's target.
    fn target(&self) -> Option<Target> {
        self.current().map(|r| Target {
            number: r.number.clone(),
            version: r.version,
            step: r.action,
        })
    }

    /// The cursor moved by a list key; false when `action` is none.
    fn navigate(&mut self, action: Action) -> bool {
        let n = self.visible.len();
        let last = n.saturating_sub(1);
        let page = self.page.get().max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    fn open(&self, cx: &mut Cx) {
        let Some(number) = self.current().map(|r| r.number.clone()) else {
            return cx.error(t(cx.lang, "act.nothing"));
        };
        match cx.backend.show(cx.login(), &number) {
            Ok(rec) => cx.effect(Effect::OpenCase(Box::new(rec))),
            Err(e) => cx.fail(e),
        }
    }
}

impl Room for ListPane {
    fn contexts(&self) -> &'static [Context] {
        use Context::*;
        match self.kind {
            PaneKind::Results => &[Results, List, Global],
            PaneKind::Inbox => &[Inbox, List, Global],
            PaneKind::Outbox => &[Outbox, List, Global],
            PaneKind::Resolutions => &[Resolutions, List, Global],
            PaneKind::Signing => &[Signing, List, Global],
            _ => &[Worklist, List, Global],
        }
    }

    fn hints(&self) -> &'static [Action] {
        use Action::*;
        match self.kind {
            PaneKind::Results => &[Receive, Issue, Open, Filter],
            PaneKind::Inbox => &[Register, Forward, Open, Filter],
            PaneKind::Outbox => &[Dispatch, Issue, Open, Filter],
            PaneKind::Resolutions => &[Assign, Open, Filter],
            PaneKind::Signing => &[Sign, ReturnDraft, Complete, Open],
            _ => &[Decide, Complete, Open, Filter],
        }
    }

    fn typing(&self) -> bool {
        self.filtering
    }

    /// While filtering, keys edit the filter; Enter ends it.
    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        if !self.filtering {
            return EventState::Ignored;
        }
        if key.code == KeyCode::Enter && key.modifiers == KeyModifiers::NONE {
            self.filtering = false;
            return EventState::Consumed;
        }
        if self.filter.input(key) {
            self.refilter();
            return EventState::Consumed;
        }
        EventState::Ignored
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if self.navigate(action) {
            return EventState::Consumed;
        }
        match action {
            Action::Filter => self.filtering = true,
            Action::ClearFilter | Action::Cancel => {
                self.filter.clear();
                self.filtering = false;
                self.refilter();
            }
            Action::Open => self.open(cx),
            other => return on_step_action(other, self.target(), None, cx),
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        super::list_view::draw(f, area, self, p);
        area
    }
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

    fn counts(total: usize, on_time: usize, at_risk: usize, overdue: usize) -> SlaCounts {
        SlaCounts {
            total,
            on_time,
            at_risk,
            overdue,
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
        assert_eq!(l.counters(), counts(3, 3, 0, 0));
        // A new one, most urgent, comes first; one that left is gone.
        l.patch("B9", Some(row("B9", Some(8), Some(SlaState::AtRisk))));
        l.patch("A3", None);
        assert_eq!(numbers(&l), ["B9", "A2", "A1"]);
        assert_eq!(l.current().unwrap().number, "A2");
        assert_eq!(l.counters(), counts(3, 2, 1, 0));
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

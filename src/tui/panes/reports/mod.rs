//! The Reports pane of heads and the region's supervisors: compliance for a
//! period with drill-down (region → organisation → service → person → the
//! applications), charts, and the overdue and forecast lists. Every figure
//! is read through the backend (`Backend::report`), so what a caller may see
//! is decided in `ops`; Enter on an application opens its case as any list
//! does. Drawing is in `view` and `charts`.

pub mod charts;
pub mod view;

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::report::{
    ComplianceReport, ComplianceRow, ForecastRow, GroupBy, GroupKey, HolderKey, OverdueRow, Period,
    PeriodName,
};
use crate::ops::backend::Backend;
use crate::ops::report::{Report, ReportBody, ReportKind, ReportQuery, ReportScope};
use crate::ops::{OpsError, OpsResult};
use crate::store::StoreError;
use crate::store::model::Organisation;
use crate::tui::action::{Action, Context};
use crate::tui::dialogs::PeriodDialog;
use crate::tui::effect::Effect;
use crate::tui::i18n::{self, Lang, t};
use crate::tui::room::{Cx, EventState, Paint, Room};

/// Which of the pane's reports is shown (Tab cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportView {
    #[default]
    Compliance,
    Overdue,
    Forecast,
}

impl ReportView {
    pub const ALL: [ReportView; 3] = [
        ReportView::Compliance,
        ReportView::Overdue,
        ReportView::Forecast,
    ];

    pub fn title_key(self) -> &'static str {
        match self {
            ReportView::Compliance => "reports_pane.view_compliance",
            ReportView::Overdue => "reports_pane.view_overdue",
            ReportView::Forecast => "reports_pane.view_forecast",
        }
    }

    fn step(self, by: isize) -> ReportView {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0) as isize;
        Self::ALL[(i + by).rem_euclid(Self::ALL.len() as isize) as usize]
    }
}

/// One step down the drill-down, below the caller's own scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// An organisation of the region (its code).
    Org(String),
    /// A regulation variant.
    Service(String),
    /// A person (login): their late applications.
    Person(String),
}

/// The period shown: a named one follows the clock, explicit dates stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    Named(PeriodName),
    Dates(Period),
}

impl PeriodChoice {
    pub fn period(self, now: NaiveDateTime) -> Period {
        match self {
            PeriodChoice::Named(n) => Period::named(n, now.date()),
            PeriodChoice::Dates(p) => p,
        }
    }
}

/// What one load read: the three reports for the same scope and period.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub scope: ReportScope,
    pub compliance: ComplianceReport,
    pub overdue: Vec<OverdueRow>,
    pub forecast: Vec<ForecastRow>,
    /// Every organisation, to name them.
    pub orgs: Vec<Organisation>,
}

/// A line of the table under the cursor.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Group(&'a ComplianceRow),
    Overdue(&'a OverdueRow),
    Forecast(&'a ForecastRow),
}

impl Entry<'_> {
    /// The application this line is, if it is one.
    pub fn number(&self) -> Option<&str> {
        match self {
            Entry::Group(_) => None,
            Entry::Overdue(r) => Some(&r.number),
            Entry::Forecast(r) => Some(&r.number),
        }
    }
}

pub struct ReportsPane {
    pub period: PeriodChoice,
    pub view: ReportView,
    /// The drill-down below the caller's scope, with the cursor each level left.
    pub path: Vec<(Level, usize)>,
    pub selected: usize,
    pub data: Option<ReportData>,
    pub error: Option<String>,
}

impl Default for ReportsPane {
    fn default() -> Self {
        ReportsPane {
            period: PeriodChoice::Named(PeriodName::ThisMonth),
            view: ReportView::Compliance,
            path: Vec::new(),
            selected: 0,
            data: None,
            error: None,
        }
    }
}

fn held_by(holder: &HolderKey, person: &str) -> bool {
    matches!(holder, HolderKey::Person { login, .. } if login == person)
}

impl ReportsPane {
    pub fn loaded(&self) -> bool {
        self.data.is_some() || self.error.is_some()
    }

    fn level(&self) -> Option<&Level> {
        self.path.last().map(|(l, _)| l)
    }

    /// The organisation and service the drill-down has narrowed to.
    pub fn narrowed(&self) -> (Option<&str>, Option<&str>) {
        let mut org = None;
        let mut service = None;
        for (level, _) in &self.path {
            match level {
                Level::Org(o) => org = Some(o.as_str()),
                Level::Service(s) => service = Some(s.as_str()),
                Level::Person(_) => {}
            }
        }
        (org, service)
    }

    fn person(&self) -> Option<&str> {
        match self.level() {
            Some(Level::Person(p)) => Some(p),
            _ => None,
        }
    }

    /// How the compliance table at this level groups its rows.
    pub fn grouping(&self) -> Option<GroupBy> {
        match (self.level(), self.data.as_ref().map(|d| &d.scope)) {
            (Some(Level::Person(_)), _) => None,
            (Some(Level::Service(_)), _) => Some(GroupBy::Person),
            (Some(Level::Org(_)), _) | (None, Some(ReportScope::Org(_))) => Some(GroupBy::Service),
            (None, _) => Some(GroupBy::Org),
        }
    }

    /// The lines of the table shown, in order.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        let person = self.person();
        let mine = |h: &HolderKey| person.is_none_or(|p| held_by(h, p));
        match (self.view, self.grouping()) {
            (ReportView::Compliance, Some(by)) => {
                d.compliance.rows_by(by).map(Entry::Group).collect()
            }
            (ReportView::Compliance | ReportView::Overdue, _) => d
                .overdue
                .iter()
                .filter(|r| mine(&r.holder))
                .map(Entry::Overdue)
                .collect(),
            (ReportView::Forecast, _) => d
                .forecast
                .iter()
                .filter(|r| mine(&r.holder))
                .map(Entry::Forecast)
                .collect(),
        }
    }

    /// Reads the three reports for the scope and period shown.
    pub fn load(&mut self, backend: &dyn Backend, login: &str, lang: Lang, now: NaiveDateTime) {
        match self.read(backend, login, now) {
            Ok(d) => {
                self.data = Some(d);
                self.error = None;
            }
            Err(e) => {
                self.data = None;
                self.error = Some(i18n::error_text(lang, &e));
            }
        }
        self.selected = self.selected.min(self.entries().len().saturating_sub(1));
    }

    fn read(
        &self,
        backend: &dyn Backend,
        login: &str,
        now: NaiveDateTime,
    ) -> OpsResult<ReportData> {
        let (org, service) = self.narrowed();
        let query = |kind| ReportQuery {
            kind,
            period: self.period.period(now),
            org: org.map(str::to_string),
            service: service.map(str::to_string),
        };
        // One request: the applications in progress are read once for all three.
        let kinds = [
            ReportKind::Compliance,
            ReportKind::Overdue,
            ReportKind::Forecast,
        ];
        let reports = backend.reports(login, kinds.map(query).to_vec(), now)?;
        let unexpected = || {
            OpsError::Store(StoreError::Rejected(
                "the server answered the pane's reports with others".into(),
            ))
        };
        let [compliance, overdue, forecast]: [Report; 3] =
            reports.try_into().map_err(|_| unexpected())?;
        let scope = compliance.scope.clone();
        let (
            ReportBody::Compliance(compliance),
            ReportBody::Overdue(overdue),
            ReportBody::Forecast(forecast),
        ) = (compliance.body, overdue.body, forecast.body)
        else {
            return Err(unexpected());
        };
        Ok(ReportData {
            scope,
            compliance,
            overdue,
            forecast,
            orgs: backend.orgs()?,
        })
    }

    /// Enter: one level down, or the application's case.
    fn open(&mut self, cx: &mut Cx) {
        let entries = self.entries();
        let Some(entry) = entries.get(self.selected).copied() else {
            return cx.error(t(cx.lang, "reports_pane.nothing"));
        };
        if let Some(number) = entry.number() {
            return match cx.backend.show(cx.login(), number) {
                Ok(rec) => cx.effect(Effect::OpenCase(Box::new(rec))),
                Err(e) => cx.fail(e),
            };
        }
        let Entry::Group(row) = entry else {
            return;
        };
        let level = match &row.key {
            GroupKey::Org(o) => Level::Org(o.clone()),
            GroupKey::Service(s) => Level::Service(s.clone()),
            GroupKey::Person(p) => Level::Person(p.clone()),
            _ => return,
        };
        self.path.push((level, self.selected));
        self.selected = 0;
        self.reload(cx);
    }

    fn reload(&mut self, cx: &mut Cx) {
        self.load(cx.backend, cx.login(), cx.lang, cx.now);
    }

    /// Esc: one level up, the cursor where it was.
    fn back(&mut self, cx: &mut Cx) {
        if let Some((_, cursor)) = self.path.pop() {
            self.selected = cursor;
            self.reload(cx);
        }
    }

    /// A new period from the picker (the shell reads it), at the same level.
    pub fn set_period(&mut self, period: PeriodChoice) {
        self.period = period;
    }

    fn navigate(&mut self, action: Action) -> bool {
        let last = self.entries().len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(10),
            Action::PageDown => (self.selected + 10).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }
}

impl Room for ReportsPane {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Reports, Context::List, Context::Global]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Open,
            Action::Back,
            Action::NextView,
            Action::ChoosePeriod,
        ]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if self.navigate(action) {
            return EventState::Consumed;
        }
        match action {
            Action::Open => self.open(cx),
            Action::Back => self.back(cx),
            Action::NextView | Action::PrevView => {
                let by = if action == Action::NextView { 1 } else { -1 };
                self.view = self.view.step(by);
                self.selected = 0;
            }
            Action::ChoosePeriod => cx.push(PeriodDialog::new(self.period, cx.now)),
            _ => return EventState::Ignored,
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        view::draw(f, area, self, p);
        area
    }
}

//! Reports that heads and the region act on, computed from application
//! histories: compliance for a period, overdue and at-risk lists, step times
//! against their norms, and the breach forecast. Pure: the working calendar
//! and "now" are passed in.
//!
//! The input is a stream of events, each with the facts of its application
//! fixed at intake (`AppFacts`), in journal order or one history after
//! another: `ReportFold::apply` takes them one at a time, so figures
//! kept as the journal is written can later feed the same types.

mod backtest;
mod cells;
mod fold;
mod forecast;
mod lists;
mod pace;
mod period;
mod times;

pub use backtest::{Backtest, backtest};
pub use cells::{Cell, DayCells, cells_added, cells_delta, cells_of};
pub use fold::{ComplianceReport, ComplianceRow, DayCount, ReportFold, StepInfo, Tally};
pub use forecast::{ForecastRow, Outlook, PACE_DAYS, forecast, pace_window_start};
pub use lists::{OverdueRow, overdue};
pub use pace::PaceKey;
pub use period::{Period, PeriodError, PeriodName};
pub use times::{StepTimes, elapsed};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::catalog::{Channel, StepAction};
use super::roles::{OrgKind, Role};
use super::route::Application;

/// What a report knows of an application besides its events: fixed when it
/// is taken in (its service, route, organisations and overall due).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppFacts {
    pub number: String,
    /// The regulation variant.
    pub service: String,
    pub route: String,
    pub channel: Channel,
    /// The region of the provider.
    pub region: String,
    /// Organisation codes: where it was taken in, the provider, the akim's office.
    pub intake: String,
    pub provider: String,
    pub akim: Option<String>,
    /// The local executive body (akimat) whose step the route has, if any.
    pub local_executive: Option<String>,
    pub overall_due: Option<NaiveDateTime>,
}

impl AppFacts {
    /// The facts of `app`, bound to these organisations (codes) of `region`.
    pub fn of(
        app: &Application,
        region: &str,
        intake: &str,
        provider: &str,
        akim: Option<&str>,
    ) -> AppFacts {
        AppFacts {
            number: app.id.clone(),
            service: app.service.clone(),
            route: app.route.clone(),
            channel: app.channel,
            region: region.to_string(),
            intake: intake.to_string(),
            provider: provider.to_string(),
            akim: akim.map(str::to_string),
            local_executive: None,
            overall_due: app.overall_due,
        }
    }

    /// The organisation an actor of `kind` belongs to for this application.
    pub fn org_for(&self, kind: OrgKind) -> &str {
        match kind {
            OrgKind::StateCorp => &self.intake,
            OrgKind::Provider | OrgKind::Commission => &self.provider,
            OrgKind::AkimOffice => self.akim.as_deref().unwrap_or(&self.provider),
            OrgKind::LocalExecutive => self.local_executive.as_deref().unwrap_or(&self.provider),
        }
    }

    /// The organisation whose row a step of `kind` counts in, when not the
    /// provider's: the akimat's step is the akimat's (001:356, 371), every
    /// other step counts with the application's provider.
    pub fn step_org(&self, kind: OrgKind) -> Option<&str> {
        match kind {
            OrgKind::LocalExecutive => self.local_executive.as_deref(),
            _ => None,
        }
    }
}

/// The row a figure is counted in. Application figures count in the
/// application's region, provider and service; step figures also in the
/// step and the person who did it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKey {
    Total,
    Region(String),
    Org(String),
    Service(String),
    Step {
        service: String,
        route: String,
        /// 0-based index in the route.
        step: usize,
    },
    Person(String),
}

impl GroupKey {
    pub fn group(&self) -> Option<GroupBy> {
        Some(match self {
            GroupKey::Total => return None,
            GroupKey::Region(_) => GroupBy::Region,
            GroupKey::Org(_) => GroupBy::Org,
            GroupKey::Service(_) => GroupBy::Service,
            GroupKey::Step { .. } => GroupBy::Step,
            GroupKey::Person(_) => GroupBy::Person,
        })
    }
}

/// How a report's rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Region,
    Org,
    Service,
    Step,
    Person,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Region,
        GroupBy::Org,
        GroupBy::Service,
        GroupBy::Step,
        GroupBy::Person,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Region => "region",
            GroupBy::Org => "org",
            GroupBy::Service => "service",
            GroupBy::Step => "step",
            GroupBy::Person => "person",
        }
    }
}

impl std::str::FromStr for GroupBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GroupBy::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                format!("unknown grouping {s:?}: use region, org, service, step or person")
            })
    }
}

/// Who holds an open application: a named person (the assigned specialist)
/// or a role of an organisation, whose members share one queue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderKey {
    Person { login: String, org: String },
    Office { org: String, role: Role },
}

impl HolderKey {
    pub fn org(&self) -> &str {
        match self {
            HolderKey::Person { org, .. } | HolderKey::Office { org, .. } => org,
        }
    }
}

/// An open application as the lists and the forecast need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCase {
    pub number: String,
    pub service: String,
    pub route: String,
    pub step: usize,
    /// What the holder is to do on it (for its channel).
    pub action: StepAction,
    pub holder: HolderKey,
    pub step_started: NaiveDateTime,
    pub step_due: Option<NaiveDateTime>,
    pub overall_due: Option<NaiveDateTime>,
}

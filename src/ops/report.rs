//! Reports for heads and the region, with who may see what decided here: a
//! provider's head sees their organisation, a State Corporation centre's
//! head their centre, a region supervisor every organisation of the region;
//! specialists, operators and clerks none.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Ops, OpsError, OpsResult, Refusal};
use crate::domain::report::{AppFacts, ComplianceReport, ForecastRow, OverdueRow, Period};
use crate::domain::roles::Role;
use crate::store::model::{Bindings, Organisation, Record, User};

/// What a caller may see in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportScope {
    /// The applications one organisation takes part in (by its code).
    Org(String),
    /// Every organisation of a region (by its key).
    Region(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Compliance,
    Overdue,
    Forecast,
    /// Compliance figures by step, with step times against the norms.
    Steps,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Compliance => "compliance",
            ReportKind::Overdue => "overdue",
            ReportKind::Forecast => "forecast",
            ReportKind::Steps => "steps",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub kind: ReportKind,
    pub period: Period,
    /// One organisation within the caller's scope (its code).
    pub org: Option<String>,
    /// A regulation variant, or a service shared by its variants.
    pub service: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportBody {
    Compliance(ComplianceReport),
    Overdue(Vec<OverdueRow>),
    /// The applications forecast to breach, in due order.
    Forecast(Vec<ForecastRow>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scope: ReportScope,
    pub query: ReportQuery,
    pub now: NaiveDateTime,
    pub body: ReportBody,
}

/// The region an application counts in: its provider's, else its intake's.
pub fn region_of<'a>(b: &Bindings, orgs: &'a HashMap<String, Organisation>) -> &'a str {
    orgs.get(&b.provider)
        .or_else(|| orgs.get(&b.intake))
        .map_or("", |o| o.region.as_str())
}

/// The facts a report needs of a stored application.
pub fn facts_of(rec: &Record, orgs: &HashMap<String, Organisation>) -> AppFacts {
    let region = region_of(&rec.orgs, orgs);
    let mut facts = AppFacts::of(
        &rec.app,
        region,
        &rec.orgs.intake,
        &rec.orgs.provider,
        rec.orgs.akim.as_deref(),
    );
    facts.number = rec.number.clone();
    facts.local_executive = rec.orgs.local_executive.clone();
    facts
}

/// Which applications a report reads, besides the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reads {
    /// Those in progress (through the status index).
    Open,
    /// Every application (a store whose cells were never built).
    Every,
}

impl ReportScope {
    /// Whether an application bound to these organisations is in the scope.
    pub(crate) fn admits(&self, b: &Bindings, orgs: &HashMap<String, Organisation>) -> bool {
        match self {
            ReportScope::Org(code) => {
                b.intake == *code
                    || b.provider == *code
                    || b.akim.as_deref() == Some(code)
                    || b.local_executive.as_deref() == Some(code)
            }
            ReportScope::Region(region) => [Some(&b.intake), Some(&b.provider)]
                .into_iter()
                .chain([b.akim.as_ref(), b.local_executive.as_ref()])
                .flatten()
                .any(|c| orgs.get(c).is_some_and(|o| o.region == *region)),
        }
    }
}

impl Ops {
    /// Whether `user` (of `org`) reads `rec` as the supervisor of its
    /// region: they open every application of the region, and change none
    /// (no step is a supervisor's).
    pub(crate) fn supervises(
        &self,
        user: &User,
        org: &Organisation,
        rec: &Record,
    ) -> OpsResult<bool> {
        if !user.roles.contains(&Role::Supervisor) {
            return Ok(false);
        }
        Ok(ReportScope::Region(org.region.clone()).admits(&rec.orgs, &self.orgs_by_code()?))
    }

    /// Every organisation by its code (reports name and scope by code).
    pub fn orgs_by_code(&self) -> OpsResult<HashMap<String, Organisation>> {
        Ok(self
            .store
            .orgs()?
            .into_iter()
            .map(|o| (o.code.clone(), o))
            .collect())
    }

    /// What `login` may see in reports; Forbidden for roles that read none.
    pub fn report_scope(&self, login: &str) -> OpsResult<ReportScope> {
        let (user, org) = self.caller(login)?;
        if user.roles.contains(&Role::Supervisor) {
            return Ok(ReportScope::Region(org.region));
        }
        if user.roles.contains(&Role::Head) {
            return Ok(ReportScope::Org(org.code));
        }
        Err(OpsError::Forbidden(Refusal::ReportsNotForRole {
            login: login.into(),
        }))
    }

    /// The scope narrowed to `org`, which must lie within it.
    fn narrowed(
        &self,
        scope: ReportScope,
        org: Option<&str>,
        orgs: &HashMap<String, Organisation>,
    ) -> OpsResult<ReportScope> {
        let Some(code) = org else {
            return Ok(scope);
        };
        let wanted = orgs
            .get(code)
            .ok_or_else(|| OpsError::NotFound(Refusal::NoOrganisation { code: code.into() }))?;
        let inside = match &scope {
            ReportScope::Org(own) => own == code,
            ReportScope::Region(region) => wanted.region == *region,
        };
        if !inside {
            return Err(OpsError::Forbidden(Refusal::ReportOutsideScope {
                code: code.into(),
            }));
        }
        Ok(ReportScope::Org(code.to_string()))
    }

    pub fn report(&self, login: &str, query: ReportQuery, now: NaiveDateTime) -> OpsResult<Report> {
        self.report_with_progress(login, query, now, &mut |_, _| {})
    }

    /// `report`, calling `progress(read, total)` as applications are read.
    pub fn report_with_progress(
        &self,
        login: &str,
        query: ReportQuery,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u64, u64),
    ) -> OpsResult<Report> {
        let mut reports = self.reports_with_progress(login, vec![query], now, progress)?;
        Ok(reports.remove(0))
    }

    /// What `login` may see of `query`: its scope, the service checked.
    pub(crate) fn query_scope(
        &self,
        own: &ReportScope,
        query: &ReportQuery,
        orgs: &HashMap<String, Organisation>,
    ) -> OpsResult<ReportScope> {
        let scope = self.narrowed(own.clone(), query.org.as_deref(), orgs)?;
        if let Some(s) = &query.service
            && !self.catalog.iter().any(|v| v.id == *s || v.service == *s)
        {
            return Err(OpsError::NotFound(Refusal::UnknownService {
                id: s.clone(),
            }));
        }
        Ok(scope)
    }

    /// Whether a variant is the service asked for (any when none is).
    pub(crate) fn wanted_service(&self, variant: &str, service: Option<&str>) -> bool {
        service.is_none_or(|s| {
            variant == s || self.catalog.get(variant).is_some_and(|v| v.service == s)
        })
    }
}

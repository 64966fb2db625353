//! A report as people read it (names instead of codes, in the user's
//! language) and as scripts read it (JSON with the unit in each key).

use std::collections::HashMap;

use serde_json::Value;

use super::report_table::{Cell, Table};
use super::say;
use crate::domain::report::{
    ComplianceReport, ComplianceRow, ForecastRow, GroupBy, GroupKey, OverdueRow,
};
use crate::i18n::{self, Lang, reports};
use crate::ops::report::{Report, ReportBody, ReportKind};
use crate::ops::{Ops, OpsResult};

/// What codes stand for: organisations, people, services.
pub struct Names<'a> {
    ops: &'a Ops,
    orgs: HashMap<String, crate::store::model::Organisation>,
    people: HashMap<String, String>,
}

const COMPLIANCE: &[&str] = &[
    "received",
    "completed",
    "completed_on_time",
    "on_time_share",
    "overdue_now",
    "refused_at_intake",
    "refused_motivated",
    "withdrawn",
    "steps_completed",
    "steps_on_time",
    "step_on_time_share",
];
const STEPS: &[&str] = &[
    "service",
    "step",
    "norm",
    "steps_completed",
    "steps_on_time",
    "step_on_time_share",
    "overdue_now",
    "median",
    "p90",
    "max",
];
const OVERDUE: &[&str] = &[
    "number", "service", "step", "holder", "started", "due", "state", "amount",
];
const FORECAST: &[&str] = &[
    "number",
    "service",
    "step",
    "holder",
    "ahead",
    "pace",
    "due",
    "expected",
    "overall_due",
    "misses",
    "reason",
];

fn lang() -> Lang {
    say::lang()
}

impl<'a> Names<'a> {
    pub fn of(ops: &'a Ops) -> OpsResult<Names<'a>> {
        Ok(Names {
            ops,
            orgs: ops.orgs_by_code()?,
            people: ops
                .store
                .users()?
                .into_iter()
                .map(|u| (u.login, u.full_name))
                .collect(),
        })
    }

    fn org(&self, code: &str) -> String {
        self.orgs
            .get(code)
            .map_or(code.to_string(), |o| i18n::org_name(lang(), o).to_string())
    }

    fn service(&self, id: &str) -> String {
        self.ops.catalog.get(id).map_or(id.to_string(), |s| {
            i18n::service_name(lang(), s).to_string()
        })
    }

    fn person(&self, login: &str) -> String {
        self.people
            .get(login)
            .map_or(login.to_string(), |n| format!("{n} ({login})"))
    }

    fn step(&self, row_action: crate::domain::catalog::StepAction, step: usize) -> String {
        format!("{}. {}", step + 1, i18n::step_name(lang(), row_action))
    }

    fn key(&self, key: &GroupKey) -> String {
        match key {
            GroupKey::Total => reports::group_name(lang(), None).to_string(),
            GroupKey::Region(r) => i18n::region_name(lang(), r),
            GroupKey::Org(o) => self.org(o),
            GroupKey::Service(s) => self.service(s),
            GroupKey::Step { service, step, .. } => {
                format!("{}: {}", self.service(service), step + 1)
            }
            GroupKey::Person(p) => self.person(p),
        }
    }

    fn holder(&self, h: &crate::domain::report::HolderKey) -> String {
        match h {
            crate::domain::report::HolderKey::Person { login, .. } => self.person(login),
            office => reports::holder_words(lang(), office),
        }
    }

    /// The tables of `report`: the compliance table by `by` (every grouping
    /// when `all`, for a workbook), steps, or the list.
    pub fn tables(&self, report: &Report, by: Option<GroupBy>, all: bool) -> Vec<Table> {
        match (&report.body, report.query.kind) {
            (ReportBody::Compliance(c), ReportKind::Steps) => vec![self.steps(c)],
            (ReportBody::Compliance(c), _) => {
                let groups: Vec<GroupBy> = match (by, all) {
                    (_, true) => GroupBy::ALL.to_vec(),
                    (Some(b), false) => vec![b],
                    (None, false) => vec![GroupBy::Org],
                };
                groups.into_iter().map(|g| self.compliance(c, g)).collect()
            }
            (ReportBody::Overdue(rows), _) => vec![self.overdue(rows)],
            (ReportBody::Forecast(rows), _) => vec![self.forecast(rows)],
        }
    }

    fn compliance(&self, c: &ComplianceReport, by: GroupBy) -> Table {
        let name = reports::group_name(lang(), Some(by));
        let mut table = Table::new(name, lang(), COMPLIANCE);
        // The first column names the rows: the grouping itself.
        table.headers.insert(0, name.to_string());
        let rows = c.rows_by(by).chain(c.total());
        table.rows = rows.map(|r| self.compliance_row(r)).collect();
        table
    }

    fn compliance_row(&self, r: &ComplianceRow) -> Vec<Cell> {
        let t = &r.tally;
        vec![
            Cell::Text(self.key(&r.key)),
            Cell::Count(t.received),
            Cell::Count(t.completed),
            Cell::Count(t.completed_on_time),
            Cell::Share(r.on_time_share),
            Cell::Count(t.overdue_now),
            Cell::Count(t.refused_at_intake),
            Cell::Count(t.refused_motivated),
            Cell::Count(t.withdrawn),
            Cell::Count(t.steps_completed),
            Cell::Count(t.steps_on_time),
            Cell::Share(r.step_on_time_share),
        ]
    }

    fn steps(&self, c: &ComplianceReport) -> Table {
        let mut table = Table::new(
            reports::group_name(lang(), Some(GroupBy::Step)),
            lang(),
            STEPS,
        );
        for r in c.rows_by(GroupBy::Step) {
            let (GroupKey::Step { service, step, .. }, Some(info)) = (&r.key, &r.step) else {
                continue;
            };
            let times = info.times.as_ref();
            let figure =
                |f: fn(&crate::domain::report::StepTimes) -> f64| Cell::Number(times.map(f));
            table.rows.push(vec![
                Cell::Text(self.service(service)),
                Cell::Text(self.step(info.action, *step)),
                Cell::Text(
                    info.norm
                        .map_or(String::new(), |n| i18n::norm_text(lang(), n)),
                ),
                Cell::Count(r.tally.steps_completed),
                Cell::Count(r.tally.steps_on_time),
                Cell::Share(r.step_on_time_share),
                Cell::Count(r.tally.overdue_now),
                figure(|t| t.median),
                figure(|t| t.p90),
                figure(|t| t.max),
            ]);
        }
        table
    }

    fn overdue(&self, rows: &[OverdueRow]) -> Table {
        let mut table = Table::new(say::t("report.kind.overdue"), lang(), OVERDUE);
        table.rows = rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.number.clone()),
                    Cell::Text(self.service(&r.service)),
                    Cell::Text(self.step(r.action, r.step)),
                    Cell::Text(self.holder(&r.holder)),
                    Cell::Time(Some(r.started)),
                    Cell::Time(Some(r.due)),
                    Cell::Text(i18n::t(lang(), &format!("sla.{}", sla_key(r.state))).to_string()),
                    Cell::Text(crate::tui::chrome::widgets::amount(lang(), r.amount)),
                ]
            })
            .collect();
        table
    }

    fn forecast(&self, rows: &[ForecastRow]) -> Table {
        let mut table = Table::new(say::t("report.kind.forecast"), lang(), FORECAST);
        table.rows = rows
            .iter()
            .map(|r| {
                let pace = match r.outlook {
                    crate::domain::report::Outlook::Pace { per_day } => Some(per_day),
                    crate::domain::report::Outlook::NoPace => Some(0.0),
                };
                vec![
                    Cell::Text(r.number.clone()),
                    Cell::Text(self.service(&r.service)),
                    Cell::Text(self.step(r.action, r.step)),
                    Cell::Text(self.holder(&r.holder)),
                    Cell::Count(r.ahead),
                    Cell::Number(pace),
                    Cell::Time(r.step_due),
                    Cell::Time(r.expected),
                    Cell::Time(r.overall_due),
                    Cell::Text(reports::misses(lang(), r).to_string()),
                    Cell::Text(reports::forecast_reason(lang(), r)),
                ]
            })
            .collect();
        table
    }
}

fn sla_key(s: crate::domain::calendar::SlaState) -> &'static str {
    use crate::domain::calendar::SlaState;
    match s {
        SlaState::OnTime => "on_time",
        SlaState::AtRisk => "at_risk",
        SlaState::Overdue => "overdue",
    }
}

/// The report for scripts: as stored, with each step time's unit spelled
/// out in its keys (`median_working_days`, `max_minutes`).
pub fn json(report: &Report) -> Value {
    let mut value = serde_json::to_value(report).expect("plain data serialises");
    if let Some(rows) = value
        .pointer_mut("/body/compliance/rows")
        .and_then(Value::as_array_mut)
    {
        for row in rows {
            if let Some(times) = row.pointer_mut("/step/times") {
                spell_units(times);
            }
        }
    }
    value
}

fn spell_units(times: &mut Value) {
    let Some(obj) = times.as_object_mut() else {
        return;
    };
    let unit = obj
        .get("norm")
        .and_then(|n| n.get("unit"))
        .and_then(Value::as_str)
        .unwrap_or("units")
        .to_string();
    for k in ["median", "p90", "max"] {
        if let Some(v) = obj.remove(k) {
            obj.insert(format!("{k}_{unit}"), v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys built at run time (`report.col.NAME`, `cli.report.kind.KIND`,
    /// `report.region.KEY`) exist in every language.
    #[test]
    fn every_column_kind_and_region_has_its_words() {
        let kinds = [
            ReportKind::Compliance,
            ReportKind::Overdue,
            ReportKind::Forecast,
            ReportKind::Steps,
        ];
        for lang in Lang::ALL {
            for col in [COMPLIANCE, STEPS, OVERDUE, FORECAST].concat() {
                assert!(
                    i18n::lookup(lang, &format!("report.col.{col}")).is_some(),
                    "{col} in {}",
                    lang.code()
                );
            }
            for kind in kinds {
                let key = format!("cli.report.kind.{}", kind.as_str());
                assert!(i18n::lookup(lang, &key).is_some(), "{key}");
            }
            for region in ["karaganda", "west_kazakhstan", "zhambyl"] {
                let key = format!("report.region.{region}");
                assert!(i18n::lookup(lang, &key).is_some(), "{key}");
            }
        }
    }
}

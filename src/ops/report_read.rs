//! Reading reports: several at once, each its own fold, what they read
//! read once. The Reports pane shows a compliance report, the overdue list
//! and the forecast of one scope and period: the applications in progress
//! are read once for the three, not once each (at a million applications
//! that read is most of what a report costs).

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::report::{Reads, Report, ReportBody, ReportKind, ReportQuery, ReportScope, facts_of};
use super::{Ops, OpsResult};
use crate::domain::report::{ForecastRow, ReportFold, forecast, overdue};
use crate::domain::route::{Event, Status};
use crate::store::model::{Organisation, Record};

/// One query on its way: its scope, its fold and what it reads.
struct Planned<'a> {
    query: ReportQuery,
    scope: ReportScope,
    fold: ReportFold<'a>,
    reads: Reads,
}

impl Planned<'_> {
    fn admits(&self, ops: &Ops, rec: &Record, orgs: &HashMap<String, Organisation>) -> bool {
        ops.in_query(&self.scope, &self.query, orgs, &rec.orgs, &rec.app.service)
    }

    /// Whether both read the applications in progress and admit the same
    /// ones (one scope, one service), so one tracking serves both.
    fn tracks_like(&self, other: &Planned<'_>) -> bool {
        self.reads != Reads::Every
            && other.reads != Reads::Every
            && self.scope == other.scope
            && self.query.service == other.query.service
    }
}

impl Ops {
    /// Several reports within what `login` may see, as of `now`, in the
    /// order asked; any refused query refuses them all.
    pub fn reports(
        &self,
        login: &str,
        queries: Vec<ReportQuery>,
        now: NaiveDateTime,
    ) -> OpsResult<Vec<Report>> {
        self.reports_with_progress(login, queries, now, &mut |_, _| {})
    }

    /// `reports`, calling `progress(read, total)` as applications are read.
    pub fn reports_with_progress(
        &self,
        login: &str,
        queries: Vec<ReportQuery>,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u64, u64),
    ) -> OpsResult<Vec<Report>> {
        let orgs = self.orgs_by_code()?;
        let own = self.report_scope(login)?;
        let cells_complete = self.store.cells_complete()?;
        let mut planned = Vec::with_capacity(queries.len());
        for query in queries {
            let scope = self.query_scope(&own, &query, &orgs)?;
            let mut fold = ReportFold::new(&self.catalog, &self.deadlines, query.period);
            // Compliance adds up the kept cells and where the applications
            // in progress stand; the overdue list needs only the latter; the
            // forecast those and the holders' pace, which the cells of the
            // last working days count.
            let from_cells = cells_complete && query.kind != ReportKind::Overdue;
            if from_cells && query.kind == ReportKind::Forecast {
                self.fold_pace(&mut fold, &scope, &query, &orgs, now.date())?;
            } else if from_cells {
                self.fold_cells(&mut fold, &scope, &query, &orgs)?;
            }
            let reads = match query.kind {
                ReportKind::Overdue => Reads::Open,
                _ if from_cells => Reads::Open,
                _ => Reads::Every,
            };
            planned.push(Planned {
                query,
                scope,
                fold,
                reads,
            });
        }
        self.read_open(&mut planned, &orgs, now)?;
        self.read_every(&mut planned, &orgs, now, progress)?;
        Ok(planned
            .into_iter()
            .map(|p| Report {
                body: body(p.query.kind, &p.fold, now),
                scope: p.scope,
                query: p.query,
                now,
            })
            .collect())
    }

    /// Where each application in progress stands at `now`, for every query
    /// that reads them (counting nothing: the cells or the full read count).
    fn read_open(
        &self,
        planned: &mut [Planned<'_>],
        orgs: &HashMap<String, Organisation>,
        now: NaiveDateTime,
    ) -> OpsResult<()> {
        if planned.iter().all(|p| p.reads == Reads::Every) {
            return Ok(());
        }
        // Queries of one scope and service see the same applications in
        // progress: the first of them tracks, the others share its tracks.
        let leaders: Vec<Option<usize>> = (0..planned.len())
            .map(|i| (0..=i).find(|&j| planned[j].tracks_like(&planned[i])))
            .collect();
        for rec in self.store.with_status(Status::InProgress) {
            let rec = rec?;
            let mut facts = None;
            for (i, p) in planned.iter_mut().enumerate() {
                if leaders[i] == Some(i) && p.admits(self, &rec, orgs) {
                    let facts = facts.get_or_insert_with(|| facts_of(&rec, orgs));
                    p.fold.track_history(facts, until(&rec.app.history, now));
                }
            }
        }
        for (i, leader) in leaders.into_iter().enumerate() {
            if let Some(j) = leader.filter(|&j| j < i) {
                let (before, after) = planned.split_at_mut(i);
                after[0].fold.share_tracks(&before[j].fold);
            }
        }
        Ok(())
    }

    /// Every application, for the queries of a store whose cells were
    /// never built.
    fn read_every(
        &self,
        planned: &mut [Planned<'_>],
        orgs: &HashMap<String, Organisation>,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u64, u64),
    ) -> OpsResult<()> {
        if planned.iter().all(|p| p.reads != Reads::Every) {
            return Ok(());
        }
        let total = self.store.app_count() as u64;
        for (i, rec) in self.store.records().enumerate() {
            self.count_into(planned, &rec?, orgs, now);
            if i % 1024 == 0 {
                progress(i as u64, total);
            }
        }
        progress(total, total);
        Ok(())
    }

    /// Counts `rec`'s history up to `now` in every query reading every
    /// application.
    fn count_into(
        &self,
        planned: &mut [Planned<'_>],
        rec: &Record,
        orgs: &HashMap<String, Organisation>,
        now: NaiveDateTime,
    ) {
        let mut facts = None;
        for p in planned.iter_mut() {
            if p.reads == Reads::Every && p.admits(self, rec, orgs) {
                let facts = facts.get_or_insert_with(|| facts_of(rec, orgs));
                p.fold.apply_history(facts, until(&rec.app.history, now));
            }
        }
    }
}

/// The events of `history` up to `now`.
fn until(history: &[Event], now: NaiveDateTime) -> &[Event] {
    &history[..history.iter().take_while(|e| e.at <= now).count()]
}

fn body(kind: ReportKind, fold: &ReportFold<'_>, now: NaiveDateTime) -> ReportBody {
    match kind {
        ReportKind::Compliance | ReportKind::Steps => ReportBody::Compliance(fold.report(now)),
        ReportKind::Overdue => ReportBody::Overdue(overdue(fold, now)),
        ReportKind::Forecast => ReportBody::Forecast(
            forecast(fold, now)
                .into_iter()
                .filter(ForecastRow::breaches)
                .collect(),
        ),
    }
}

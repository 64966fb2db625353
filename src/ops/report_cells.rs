//! The report's cells (`store::cells`): how a change changes them (the
//! rules the store is given), a compliance report from them, and their
//! check and rebuild against a full recomputation from the applications.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::report::{ReportQuery, ReportScope, region_of};
use super::{Ops, OpsResult};
use crate::domain::catalog::Catalog;
use crate::domain::report::{
    AppFacts, Cell, DayCells, ReportFold, cells_added, cells_of, pace_window_start,
};
use crate::domain::route::Deadlines;
use crate::store::cells::{CellKey, CellRules};
use crate::store::model::{Bindings, Organisation, Record};

/// The catalogue and the calendar, which decide what a change adds.
pub struct ReportRules {
    pub catalog: Catalog,
    pub deadlines: Deadlines,
}

fn plain_facts(rec: &Record) -> AppFacts {
    let mut facts = AppFacts::of(
        &rec.app,
        "",
        &rec.orgs.intake,
        &rec.orgs.provider,
        rec.orgs.akim.as_deref(),
    );
    facts.number = rec.number.clone();
    facts.local_executive = rec.orgs.local_executive.clone();
    facts
}

/// Each record with its own facts: what the old one was counted with is
/// what is taken back, so the cells stay a recomputation's exactly (the
/// domain folds only the new events when that is the same).
impl CellRules for ReportRules {
    fn delta(&self, old: Option<&Record>, new: &Record) -> DayCells {
        let old_facts = old.map(plain_facts);
        let before = old_facts
            .as_ref()
            .zip(old)
            .map(|(f, o)| (f, o.app.history.as_slice()));
        cells_added(
            &self.catalog,
            &self.deadlines,
            before,
            &plain_facts(new),
            &new.app.history,
        )
    }
}

/// The store's cells to keep with these rules.
pub fn rules(catalog: &Catalog, deadlines: &Deadlines) -> Arc<dyn CellRules> {
    Arc::new(ReportRules {
        catalog: catalog.clone(),
        deadlines: deadlines.clone(),
    })
}

impl CellKey {
    pub fn bindings(&self) -> Bindings {
        Bindings {
            intake: self.intake.clone(),
            provider: self.provider.clone(),
            akim: self.akim.clone(),
            local_executive: self.local_executive.clone(),
        }
    }
}

impl Ops {
    /// Adds the period's cells within `scope` to `fold`.
    pub(crate) fn fold_cells(
        &self,
        fold: &mut ReportFold,
        scope: &ReportScope,
        query: &ReportQuery,
        orgs: &HashMap<String, Organisation>,
    ) -> OpsResult<()> {
        for cell in self.store.cells(query.period.from, query.period.to) {
            let (key, cell) = cell?;
            let b = key.bindings();
            if !self.in_query(scope, query, orgs, &b, &key.service) {
                continue;
            }
            // Only what names the cell's rows: region, provider, service, akimat.
            let facts = AppFacts {
                number: String::new(),
                service: key.service.clone(),
                route: String::new(),
                channel: crate::domain::catalog::Channel::StateCorp,
                region: region_of(&b, orgs).to_string(),
                intake: key.intake.clone(),
                provider: key.provider.clone(),
                akim: key.akim.clone(),
                local_executive: key.local_executive.clone(),
                overall_due: None,
            };
            fold.add_cell(key.day, &facts, &cell);
        }
        Ok(())
    }

    /// Adds the holders' completions within `scope` over the forecast's
    /// pace window before `today` to `fold`.
    pub(crate) fn fold_pace(
        &self,
        fold: &mut ReportFold,
        scope: &ReportScope,
        query: &ReportQuery,
        orgs: &HashMap<String, Organisation>,
        today: NaiveDate,
    ) -> OpsResult<()> {
        let since = pace_window_start(&self.deadlines.calendar, today);
        let Some(until) = today.pred_opt() else {
            return Ok(());
        };
        for cell in self.store.cells(since, until) {
            let (key, cell) = cell?;
            if self.in_query(scope, query, orgs, &key.bindings(), &key.service) {
                fold.add_pace(key.day, &cell);
            }
        }
        Ok(())
    }

    pub(crate) fn in_query(
        &self,
        scope: &ReportScope,
        query: &ReportQuery,
        orgs: &HashMap<String, Organisation>,
        b: &Bindings,
        service: &str,
    ) -> bool {
        scope.admits(b, orgs) && self.wanted_service(service, query.service.as_deref())
    }

    /// The cells recomputed from every application.
    pub fn recomputed_cells(&self) -> OpsResult<HashMap<CellKey, Cell>> {
        self.recomputed_cells_with(|_| {})
    }

    /// The same, `progress` told how many applications have been read.
    pub fn recomputed_cells_with(
        &self,
        mut progress: impl FnMut(u64),
    ) -> OpsResult<HashMap<CellKey, Cell>> {
        let mut all: HashMap<CellKey, Cell> = HashMap::new();
        for (n, rec) in self.store.records().enumerate() {
            let rec = rec?;
            if n % 1024 == 0 {
                progress(n as u64);
            }
            let cells = cells_of(
                &self.catalog,
                &self.deadlines,
                &plain_facts(&rec),
                &rec.app.history,
            );
            for (day, cell) in cells {
                all.entry(CellKey::of(day, &rec)).or_default().add(&cell);
            }
        }
        all.retain(|_, c| !c.is_empty());
        Ok(all)
    }

    /// Rebuilds the cells when they are not complete (never kept, or kept
    /// in an older layout: `store::cells::CELLS_VERSION`); whether it did.
    /// Run where nothing else writes: a change made during the rebuild
    /// could be written over by the recomputation made before it.
    pub fn mend_cells(&self, progress: impl FnMut(u64)) -> OpsResult<bool> {
        if self.store.cells_complete()? {
            return Ok(false);
        }
        let expected = self.recomputed_cells_with(progress)?;
        self.store.rebuild_cells(&expected)?;
        Ok(true)
    }

    /// `check`: the kept cells against a recomputation, a finding for each
    /// that differs; a store whose cells are not complete (never kept, or
    /// of an older layout) has them rebuilt.
    pub fn check_cells(&self) -> OpsResult<Vec<String>> {
        if self.mend_cells(|_| {})? {
            return Ok(Vec::new());
        }
        let expected = self.recomputed_cells()?;
        let mut kept = self.store.all_cells()?;
        kept.retain(|_, c| !c.is_empty());
        let mut findings = Vec::new();
        for (k, cell) in &expected {
            match kept.get(k) {
                None => findings.push(format!("report cell missing: {}", show(k))),
                Some(c) if c != cell => {
                    findings.push(format!("report cell out of date: {}", show(k)))
                }
                Some(_) => {}
            }
        }
        for k in kept.keys().filter(|k| !expected.contains_key(*k)) {
            findings.push(format!("report cell without applications: {}", show(k)));
        }
        findings.sort();
        Ok(findings)
    }
}

fn show(k: &CellKey) -> String {
    String::from_utf8_lossy(&k.bytes()).into_owned()
}

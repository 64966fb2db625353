//! `check`: every index entry against the records, the journal chain, the
//! counters and counts, and what the engine checks of its own layout; and
//! every application's history against its route.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::engine::Count;
use super::index::{index_entries, show_key};
use super::{APP_ID, Findings, Store, StoreError};
use crate::domain::catalog::Catalog;

impl Store {
    /// Every index against the primary records, the journal chain, the
    /// counters and kept counts, and the engine's own layout (persons, queue).
    pub fn check(&self, mut progress: impl FnMut(u64)) -> Result<Findings, StoreError> {
        let mut findings = self.verify_journal()?;
        let mut expected = BTreeMap::new();
        let (mut max_id, mut apps) = (0, 0u64);
        for (i, r) in self.records().enumerate() {
            progress(i as u64);
            let rec = match r {
                Ok(r) => r,
                Err(e) => {
                    findings.push(format!("application record: {e}"));
                    continue;
                }
            };
            apps += 1;
            max_id = max_id.max(rec.id);
            if rec.app.version != rec.app.history.len() as u64 {
                findings.push(format!(
                    "{}: version does not match its history",
                    rec.number
                ));
            }
            expected.extend(index_entries(&rec));
        }
        findings.extend(self.check_index(&expected)?);
        let next_id = self.engine.counter(APP_ID)?;
        if next_id < max_id {
            findings.push(format!(
                "application id counter {next_id} is behind the highest id {max_id}"
            ));
        }
        let kept = self.engine.count(Count::Applications)?;
        if kept != apps {
            findings.push(format!(
                "the count of applications says {kept}, the store holds {apps}"
            ));
        }
        findings.extend(self.engine.check_storage()?);
        Ok(findings)
    }

    fn check_index(&self, expected: &BTreeMap<Vec<u8>, Vec<u8>>) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        let mut actual = BTreeMap::new();
        for kv in self.engine.index_from(Bound::Unbounded) {
            let (k, v) = kv?;
            // The report's cells are checked against the reports' rules (`Ops::check_cells`).
            if !super::cells::is_cell_key(&k) {
                actual.insert(k, v);
            }
        }
        for (k, v) in expected {
            match actual.get(k) {
                None => findings.push(format!("index entry missing: {}", show_key(k))),
                Some(a) if a != v => {
                    findings.push(format!("index entry out of date: {}", show_key(k)))
                }
                Some(_) => {}
            }
        }
        for k in actual.keys().filter(|k| !expected.contains_key(*k)) {
            findings.push(format!("index entry without a record: {}", show_key(k)));
        }
        Ok(findings)
    }

    /// Every application against its catalogue entry: the invariants of its
    /// state, and its history replayed against its route (no step outside the
    /// route, status as the last step leaves it).
    pub fn check_routes(&self, catalog: &Catalog) -> Result<Findings, StoreError> {
        let mut findings = Vec::new();
        for rec in self.records() {
            let Ok(rec) = rec else {
                continue; // `check` reports undecodable records.
            };
            let Some(service) = catalog.get(&rec.app.service) else {
                findings.push(format!(
                    "{}: service {} is not in the catalogue",
                    rec.number, rec.app.service
                ));
                continue;
            };
            if let Err(why) = rec
                .app
                .check_invariants(service)
                .and_then(|()| rec.app.check_history(service))
            {
                findings.push(format!("{}: {why}", rec.number));
            }
        }
        Ok(findings)
    }
}

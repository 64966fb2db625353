//! The report's cells kept in the index, in the same transaction as each
//! change: `g/DAY/SERVICE/INTAKE/PROVIDER/AKIM[/AKIMAT]` (the akim's office
//! `-` when none; the local executive body only when the application is
//! bound to one, so the keys written before it stay as they were) → a
//! `domain::report::Cell`, what the applications of that service and those
//! organisations added on that day. They are written through
//! `Txn::index_value` and `put_app`'s `IndexDiff` like every other index
//! entry, so every engine keeps them without a primitive of its own.
//!
//! A cell is read and rewritten by every change of its applications on its
//! day: on the sled engine every change also rewrites the journal's head,
//! so changes are serialised there already and a cell adds no wait of its
//! own (two changes of one cell retry as two journal appends do).

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use chrono::NaiveDate;

use super::codec::{CodecError, decode, encode};
use super::engine::{Flag, KeyValue, TxResult, Txn};
use super::index::key;
use super::model::Record;
use super::{Store, StoreError};
use crate::domain::report::{Cell, DayCells, GroupKey, Tally};

/// How a change of an application changes the cells: the report's rules
/// (the catalogue and the calendar), which the operations layer holds.
pub trait CellRules: Send + Sync {
    /// What changing `old` into `new` adds to each day.
    fn delta(&self, old: Option<&Record>, new: &Record) -> DayCells;
}

/// The cells' layout, named by their flag's key (`flag_key`): bumped when
/// a cell's key or encoding changes, so a store with older cells reads its
/// reports from the applications until `check` or an opening for serving
/// rebuilds them. 1: no akimat in the key (flag `report_cells`); 2: the
/// akimat when the application is bound to one; 3: each holder's
/// completions of the day in the cell (`Cell::pace`), read as none from
/// a cell of an older layout (`decode_cell`), so that a change made
/// before the rebuild still writes.
pub const CELLS_VERSION: u32 = 3;
pub const CELLS_FLAG: &[u8] = b"report_cells/v3";

const PREFIX: &[u8] = b"g/";
/// Before any application: where a scan of every cell starts.
const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1000, 1, 1).expect("a valid date");
const NO_AKIM: &str = "-";

/// Where a cell is: its day and the facts every application in it shares.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub day: NaiveDate,
    pub service: String,
    pub intake: String,
    pub provider: String,
    pub akim: Option<String>,
    /// The local executive body (akimat) with a step on the route.
    pub local_executive: Option<String>,
}

impl CellKey {
    pub fn of(day: NaiveDate, rec: &Record) -> CellKey {
        CellKey {
            day,
            service: rec.app.service.clone(),
            intake: rec.orgs.intake.clone(),
            provider: rec.orgs.provider.clone(),
            akim: rec.orgs.akim.clone(),
            local_executive: rec.orgs.local_executive.clone(),
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        let day = self.day.format("%Y-%m-%d").to_string();
        let mut parts: Vec<&[u8]> = vec![
            b"g",
            day.as_bytes(),
            self.service.as_bytes(),
            self.intake.as_bytes(),
            self.provider.as_bytes(),
            self.akim.as_deref().unwrap_or(NO_AKIM).as_bytes(),
        ];
        parts.extend(self.local_executive.as_deref().map(str::as_bytes));
        key(&parts)
    }

    /// The key back from its bytes (codes and service ids hold no `/`).
    pub fn parse(bytes: &[u8]) -> Option<CellKey> {
        let text = std::str::from_utf8(bytes.strip_prefix(PREFIX)?).ok()?;
        let mut parts = text.split('/');
        let day = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let mut next = || parts.next().map(str::to_string);
        let (service, intake, provider, akim) = (next()?, next()?, next()?, next()?);
        let local_executive = next();
        if next().is_some() {
            return None;
        }
        Some(CellKey {
            day,
            service,
            intake,
            provider,
            akim: (akim != NO_AKIM).then_some(akim),
            local_executive,
        })
    }
}

/// A cell of layout 2 and before, without the pace.
#[derive(serde::Deserialize)]
struct CellBeforePace {
    tallies: BTreeMap<GroupKey, Tally>,
    samples: BTreeMap<GroupKey, BTreeMap<i64, u32>>,
}

/// A cell as stored, in this layout or an older one (its pace then none:
/// the cells are not complete until rebuilt, so no report trusts it).
fn decode_cell(bytes: &[u8]) -> Result<Cell, CodecError> {
    decode(bytes).or_else(|e| match decode::<CellBeforePace>(bytes) {
        Ok(old) => Ok(Cell {
            tallies: old.tallies,
            samples: old.samples,
            pace: Default::default(),
        }),
        Err(_) => Err(e),
    })
}

/// Whether an index key is a cell's (not an entry `check` derives from a record).
pub fn is_cell_key(k: &[u8]) -> bool {
    k.starts_with(PREFIX)
}

/// The index entries that add `delta` to the cells of `new`, as read in `tx`.
pub fn cell_puts(tx: &dyn Txn, new: &Record, delta: &DayCells) -> TxResult<Vec<KeyValue>> {
    let mut puts = Vec::with_capacity(delta.len());
    for (day, add) in delta {
        let k = CellKey::of(*day, new).bytes();
        let mut cell: Cell = match tx.index_value(&k)? {
            Some(v) => decode_cell(&v)?,
            None => Cell::default(),
        };
        cell.add(add);
        puts.push((k, encode(&cell)));
    }
    Ok(puts)
}

impl Store {
    /// Keep the report's cells with every change from now on, by `rules`.
    pub fn keep_cells(&mut self, rules: Arc<dyn CellRules>) {
        self.cells = Some(rules);
    }

    /// Whether the cells hold every application (a store created with
    /// them, or rebuilt): else reports read the applications themselves.
    pub fn cells_complete(&self) -> Result<bool, StoreError> {
        self.engine.flag(Flag::ReportCells)
    }

    /// The cells of the days `from..=to`, in key order.
    pub fn cells(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = Result<(CellKey, Cell), StoreError>> + '_ {
        let from = from.max(FIRST_DAY);
        let start = key(&[b"g", from.format("%Y-%m-%d").to_string().as_bytes()]);
        // Keys sort by day (four-digit years): stop at the first past `to`.
        self.engine
            .index_from(Bound::Included(&start))
            .take_while(move |kv| {
                kv.as_ref().map_or(true, |(k, _)| {
                    CellKey::parse(k).is_some_and(|c| c.day <= to)
                })
            })
            .map(|kv| {
                let (k, v) = kv?;
                let key = CellKey::parse(&k)
                    .ok_or_else(|| StoreError::Rejected(format!("a malformed cell key {k:?}")))?;
                Ok((key, decode_cell(&v)?))
            })
    }

    /// Every cell as it is stored.
    pub fn all_cells(&self) -> Result<HashMap<CellKey, Cell>, StoreError> {
        self.cells(NaiveDate::MIN, NaiveDate::MAX).collect()
    }
}

impl Store {
    /// The applications with `status` (through the status index).
    pub fn with_status(
        &self,
        status: crate::domain::route::Status,
    ) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        let prefix = key(&[b"s", status.as_str().as_bytes(), b""]);
        let start = prefix.clone();
        self.engine
            .index_from(Bound::Included(&start))
            .take_while(move |kv| kv.as_ref().map_or(true, |(k, _)| k.starts_with(&prefix)))
            .filter_map(|kv| {
                let id = match kv {
                    Ok((k, _)) => super::index::u64_of(&k),
                    Err(e) => return Some(Err(e)),
                };
                self.engine.app(id).transpose()
            })
    }

    /// Replaces the kept cells with `expected` and marks them complete. The
    /// index is written only along with a record: each batch goes with the
    /// first application rewritten as it is.
    pub fn rebuild_cells(&self, expected: &HashMap<CellKey, Cell>) -> Result<(), StoreError> {
        let mut stale = Vec::new();
        for kv in self.engine.index_from(Bound::Included(PREFIX)) {
            let (k, _) = kv?;
            if !is_cell_key(&k) {
                break;
            }
            if CellKey::parse(&k).is_none_or(|c| !expected.contains_key(&c)) {
                stale.push(k);
            }
        }
        let puts: Vec<KeyValue> = expected
            .iter()
            .map(|(k, c)| (k.bytes(), encode(c)))
            .collect();
        if let Some(carrier) = self.records().next().transpose()? {
            for batch in puts.chunks(REBUILD_BATCH) {
                self.write_cells(carrier.id, batch.to_vec(), Vec::new())?;
            }
            for batch in stale.chunks(REBUILD_BATCH) {
                self.write_cells(carrier.id, Vec::new(), batch.to_vec())?;
            }
        }
        self.engine.set_flag(Flag::ReportCells)
    }

    fn write_cells(
        &self,
        id: u64,
        put: Vec<KeyValue>,
        remove: Vec<Vec<u8>>,
    ) -> Result<(), StoreError> {
        let diff = super::engine::IndexDiff { put, remove };
        self.write(|tx, _: &super::changes::Refusal<StoreError>| {
            let rec = tx.app(id)?.ok_or_else(|| {
                super::engine::TxFail::Failed(StoreError::Rejected(format!("no application {id}")))
            })?;
            tx.put_app(&rec, &diff, false)
        })
    }
}

/// Cells written per transaction while rebuilding.
const REBUILD_BATCH: usize = 512;

#[cfg(test)]
mod tests {
    #[test]
    fn the_flag_names_the_version() {
        let named = format!("report_cells/v{}", super::CELLS_VERSION);
        assert_eq!(super::CELLS_FLAG, named.as_bytes());
    }
}

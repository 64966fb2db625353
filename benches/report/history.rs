//! The reports bench's store: applications received over two years of
//! working days, each taken along the guardian-allowance route by the
//! fixture's staff at office times, so that most are issued long ago and
//! the last weeks' are still in progress, some steps on time and some late.
//! Written directly with sled in the store's own layout (as the store
//! bench's bulk writer does), the journal in time order as a live store
//! writes it (the forecast's reading of the last days relies on that).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use qyzmet::domain::norm::{Norm, NormUnit};
use qyzmet::domain::roles::OrgKind;
use qyzmet::store::codec::{self, SCHEMA};
use qyzmet::store::model::{JournalEntry, Record};
use qyzmet::store::sled_engine::journal_file::{self, Appending, JournalFile};
use qyzmet::store::{event_entry, index_entries};

use crate::common::*;

/// The moment the reports are read: a Thursday afternoon.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(15, 0, 0)
        .unwrap()
}

/// How far back the applications were received.
const SPAN_DAYS: i64 = 730;
/// Office minutes of a working day the receipts spread over.
const DAY_MINUTES: u64 = 480;

/// What `write` made.
pub struct Written {
    pub apps: u64,
    pub open: u64,
    pub journal_entries: u64,
    pub took: Duration,
}

/// A well-mixed number for the `k`-th act of application `id`.
fn mix(id: u64, k: u64) -> u64 {
    let mut z = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ k.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Office minutes between the `step`-th act and the one before: most well
/// inside the step's norm, a tail beyond it (the execution up to six
/// working days, the applicant's visit for the result up to five).
fn gap(id: u64, step: usize) -> u32 {
    let h = mix(id, step as u64);
    let spread = match step {
        0 | 4 => 400,
        1 | 3 => 900,
        2 => 6 * DAY_MINUTES,
        _ => 5 * DAY_MINUTES,
    };
    (20 + h % spread) as u32
}

/// The working days of the span, oldest first.
fn working_days() -> Vec<NaiveDate> {
    let last = now().date();
    (0..SPAN_DAYS)
        .rev()
        .map(|back| last - TimeDelta::days(back))
        .filter(|d| DEADLINES.calendar.is_working(*d))
        .collect()
}

/// When application `id` (1-based) of `n` was received: in id order, over
/// the working days, 09:00 to 17:00.
fn received(days: &[NaiveDate], id: u64, n: u64) -> NaiveDateTime {
    let slot = (id - 1) * days.len() as u64 * DAY_MINUTES / n;
    let day = days[(slot / DAY_MINUTES) as usize];
    day.and_hms_opt(9, 0, 0).unwrap() + TimeDelta::minutes((slot % DAY_MINUTES) as i64)
}

/// The office of the `step`-th act: the provider's, the centre's for the issue.
fn office_of(step: usize) -> OrgKind {
    if step >= 5 {
        OrgKind::StateCorp
    } else {
        OrgKind::Provider
    }
}

/// One application with the acts taken by `now()`.
fn application(id: u64, at: NaiveDateTime, numbers: &mut (u64, u64)) -> Record {
    let iin = iin_for(1_000_000_000 + id);
    let number = format!("{SC}-{}-{id:07}", at.format("%Y"));
    let mut rec = Record {
        id,
        app: new_application(&number, iin, at),
        number,
        orgs: bindings(),
    };
    let mut when = at;
    for step in 0..7 {
        let norm = Norm::new(gap(id, step), NormUnit::Minutes);
        when = DEADLINES.office(office_of(step)).due(when, norm).unwrap();
        if when > now() {
            break;
        }
        let (by, tr, journal_name) = transition_for(step, iin);
        let tr = match journal_name {
            Some((_, outgoing)) => {
                let c = if outgoing {
                    &mut numbers.1
                } else {
                    &mut numbers.0
                };
                *c += 1;
                with_number(tr, &number_text(outgoing, *c))
            }
            None => tr,
        };
        rec.app.apply(service(), &by, when, tr, &DEADLINES).unwrap();
    }
    rec
}

/// Writes `n` applications into a new store at `dir`.
pub fn write(dir: &Path, n: u64) -> Written {
    let started = Instant::now();
    let db = sled::Config::new().path(dir).open().unwrap();
    let t = |name: &str| db.open_tree(name).unwrap();
    let (meta, orgs, users_t, apps, counters, index) = (
        t("meta"),
        t("orgs"),
        t("users"),
        t("apps"),
        t("counters"),
        t("index"),
    );
    let journal = JournalFile::open(&dir.join(journal_file::DIR), None).unwrap();
    meta.insert(b"schema", &SCHEMA.to_le_bytes()).unwrap();
    for o in organisations() {
        orgs.insert(o.code.as_bytes(), codec::encode(&o)).unwrap();
    }
    for u in users() {
        users_t
            .insert(u.login.as_bytes(), codec::encode(&u))
            .unwrap();
    }
    let days = working_days();
    let mut numbers = (0u64, 0u64);
    let (mut seq, mut prev) = (0u64, [0u8; 32]);
    let mut open = 0;
    // Entries not yet written: every later application was received after
    // the one at hand, so what is older than its receipt goes out in order.
    let mut pending: BTreeMap<(NaiveDateTime, u64, usize), JournalEntry> = BTreeMap::new();
    let mut flush = |pending: &mut BTreeMap<_, JournalEntry>, batch: &mut Vec<(u64, Vec<u8>)>| {
        for (_, mut entry) in std::mem::take(pending) {
            seq += 1;
            chain(&mut entry, seq, prev);
            prev = entry.hash;
            batch.push((seq, codec::encode(&entry)));
        }
    };
    const CHUNK: u64 = 20_000;
    let mut first = 1;
    while first <= n {
        let last = (first + CHUNK - 1).min(n);
        let mut batches: [sled::Batch; 2] = Default::default();
        let mut entries = Vec::new();
        for id in first..=last {
            let at = received(&days, id, n);
            let rec = application(id, at, &mut numbers);
            open += u64::from(rec.app.holder.is_some());
            for (k, v) in index_entries(&rec) {
                batches[1].insert(k, v);
            }
            for (i, e) in rec.app.history.iter().enumerate() {
                pending.insert((e.at, id, i), event_entry(&rec, e));
            }
            let later = pending.split_off(&(at, id + 1, 0));
            flush(&mut pending, &mut entries);
            pending = later;
            batches[0].insert(&id.to_be_bytes(), codec::encode(&rec));
        }
        if last == n {
            flush(&mut pending, &mut entries);
        }
        let [b_apps, b_index] = batches;
        apps.apply_batch(b_apps).unwrap();
        index.apply_batch(b_index).unwrap();
        let records = entries.iter().map(|(n, v)| (*n, v.as_slice()));
        journal.append(records, Appending::New).unwrap();
        first = last + 1;
    }
    let count = |name: String, v: u64| counters.insert(name.as_bytes(), &v.to_be_bytes()).unwrap();
    count("app_id".into(), n);
    for year in [2024, 2025, 2026] {
        count(format!("{SC}/SC/{year}"), n);
    }
    count(format!("{ED}/IN/2026"), numbers.0);
    count(format!("{ED}/OUT/2026"), numbers.1);
    let mut head = seq.to_be_bytes().to_vec();
    head.extend(prev);
    meta.insert(b"journal_head", head).unwrap();
    meta.insert(b"count/apps", &n.to_be_bytes()).unwrap();
    meta.insert(b"count/persons", &0u64.to_be_bytes()).unwrap();
    let synced = journal.sync().unwrap();
    meta.insert(b"journal_synced", &synced.to_bytes()).unwrap();
    db.flush().unwrap();
    Written {
        apps: n,
        open,
        journal_entries: seq,
        took: started.elapsed(),
    }
}

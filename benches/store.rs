//! Store benchmarks; the method and the figures are in docs/PERFORMANCE.md.
//!
//! 1. Durable transitions per second through the operations API (`Ops::act`,
//!    a commit of the engine, durable before it returns) with 1, 8 and 64 threads.
//! 2. Two references with the same thread counts: the ceiling (raw sled
//!    `insert` + `flush` of the bytes a transition writes) and the same logical
//!    workload on SQLite (WAL, `synchronous=FULL`, one transaction each).
//! 3. Size on disk and open time of a store with `QYZMET_BENCH_APPS`
//!    applications (default 1,000,000), written by a bench-only bulk path.
//!
//! `cargo bench --bench store` runs everything; `cargo test --benches` runs
//! each part once at toy sizes (criterion's test mode), which also checks that
//! the bulk path writes a store `Store::check` finds nothing wrong with.
//!
//! Environment: `QYZMET_BENCH_APPS` (bulk store size), `QYZMET_BENCH_DIR`
//! (where the temporary stores go; default the system temp dir),
//! `QYZMET_BENCH_CACHE_MB` (sled's page cache, as `serve --cache-mb`),
//! `QYZMET_BENCH_SKIP_BULK=1` (skip part 3), `QYZMET_BENCH_KEEP=1` (keep the
//! bulk store directory for inspection; it is several GiB at 1M; `=build`:
//! keep it as written, before any open, and stop there).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Barrier, LazyLock, Mutex};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use rusqlite::{Connection, TransactionBehavior, params};

use qyzmet::domain::catalog::Channel;
use qyzmet::domain::iin::Iin;
use qyzmet::domain::route::{EventKind, Status};
use qyzmet::ops::{Ops, SubmitRequest};
use qyzmet::store::codec;
use qyzmet::store::model::{JournalEntry, JournalWhat, Record};
use qyzmet::store::{Store, index, index_keys};

mod common;
use common::*;

#[path = "../tests/common/pg.rs"]
mod pg;

const THREADS: [usize; 3] = [1, 8, 64];
/// register, assign, decide, sign, dispatch, the centre's receipt, issue.
const ACTS_PER_APP: usize = 7;

// ---------------------------------------------------------------- settings

struct Settings {
    /// `--list`: only name the benchmarks.
    listing: bool,
    /// Criterion is really benchmarking (not `cargo test --benches`).
    bench: bool,
    /// Applications the calibration run moves (6 transitions each).
    calib_apps: usize,
    bulk_apps: u64,
    run_bulk: bool,
    workdir: PathBuf,
}

fn settings() -> Settings {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |f: &str| args.iter().any(|a| a == f);
    let bench = has("--bench") && !has("--test");
    let listing = has("--list");
    // A name filter given to criterion: run the bulk part only if it matches.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let bulk_wanted = filters.is_empty()
        || filters
            .iter()
            .any(|f| "bulk_store_open".contains(f.as_str()));
    // sled's page cache of the stores the bench opens (as `serve --cache-mb`).
    if let Some(mb) = std::env::var("QYZMET_BENCH_CACHE_MB")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        qyzmet::store::sled_engine::set_cache_capacity(mb << 20);
    }
    let env_apps = std::env::var("QYZMET_BENCH_APPS").ok().map(|s| {
        s.replace('_', "")
            .parse::<u64>()
            .expect("QYZMET_BENCH_APPS: a number")
    });
    Settings {
        listing,
        bench,
        calib_apps: if bench { 40 } else { 2 },
        bulk_apps: env_apps.unwrap_or(if bench { 1_000_000 } else { 500 }),
        run_bulk: !listing
            && bulk_wanted
            && std::env::var("QYZMET_BENCH_SKIP_BULK").as_deref() != Ok("1"),
        workdir: std::env::var_os("QYZMET_BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir),
    }
}

fn tempdir(s: &Settings, what: &str) -> tempfile::TempDir {
    std::fs::create_dir_all(&s.workdir).unwrap();
    tempfile::Builder::new()
        .prefix(&format!("qyzmet-bench-{what}-"))
        .tempdir_in(&s.workdir)
        .unwrap()
}

// ---------------------------------------------------------------- fixtures

static NEXT_IIN: AtomicU64 = AtomicU64::new(0);

fn submit_request(iin: Iin) -> SubmitRequest {
    SubmitRequest {
        district: None,
        service: SERVICE.into(),
        channel: Channel::StateCorp,
        iin: iin.to_string(),
        name: "Ахметова Айгерим Серикқызы".into(),
        phone: Some("+7 701 123 45 67".into()),
        representative: None,
        org: None,
        documents: None,
        expired: Vec::new(),
        notarised: false,
    }
}

// ---------------------------------------------------------------- measurements

/// One `iter_custom` call: its iteration count, the wall time, per-op latencies.
struct Call {
    iters: u64,
    wall: Duration,
    lat: Vec<Duration>,
}

/// Every call, by (system, threads).
type Calls = BTreeMap<(String, usize), Vec<Call>>;

static CALLS: LazyLock<Mutex<Calls>> = LazyLock::new(|| Mutex::new(BTreeMap::new()));

fn record_call(system: &str, threads: usize, iters: u64, wall: Duration, lat: Vec<Duration>) {
    CALLS
        .lock()
        .unwrap()
        .entry((system.to_string(), threads))
        .or_default()
        .push(Call { iters, wall, lat });
}

/// How many of `total` ops thread `t` of `threads` does.
fn share(total: u64, threads: usize, t: usize) -> usize {
    let base = total / threads as u64;
    let extra = u64::from((t as u64) < total % threads as u64);
    (base + extra) as usize
}

/// Runs `threads` workers: each prepares (untimed), then all start together
/// and the wall time until the last finishes is returned with every latency.
fn run_threads<P, S>(threads: usize, iters: u64, prepare: P) -> (Duration, Vec<Duration>)
where
    P: Fn(usize, usize) -> S + Sync,
    S: FnMut(usize),
{
    let barrier = Barrier::new(threads + 1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let n = share(iters, threads, t);
                let barrier = &barrier;
                let prepare = &prepare;
                scope.spawn(move || {
                    let mut step = prepare(t, n);
                    barrier.wait();
                    let mut lat = Vec::with_capacity(n);
                    for j in 0..n {
                        let s = Instant::now();
                        step(j);
                        lat.push(s.elapsed());
                    }
                    lat
                })
            })
            .collect();
        barrier.wait();
        let start = Instant::now();
        let mut lat = Vec::new();
        for h in handles {
            lat.extend(h.join().expect("worker panicked"));
        }
        (start.elapsed(), lat)
    })
}

// ---- Qyzmet through the operations API

fn qyzmet_run(ops: &Ops, threads: usize, iters: u64) -> (Duration, Vec<Duration>) {
    run_threads(threads, iters, |_t, n| {
        // Untimed: this thread's own applications, submitted through the API.
        let apps: Vec<(String, Iin)> = (0..n.div_ceil(ACTS_PER_APP))
            .map(|_| {
                let iin = iin_for(NEXT_IIN.fetch_add(1, Ordering::Relaxed));
                let rec = ops.submit("operator", submit_request(iin), t0()).unwrap();
                (rec.number, iin)
            })
            .collect();
        move |j: usize| {
            let (number, iin) = &apps[j / ACTS_PER_APP];
            let (who, kind, req) = act_for(j % ACTS_PER_APP, *iin);
            ops.act(who, number, kind, req, t0())
                .unwrap_or_else(|e| panic!("{who} on {number}: {e}"));
        }
    })
}

// ---- the ceiling: raw sled insert + flush of the same bytes

static RAW_KEY: AtomicU64 = AtomicU64::new(0);

fn payload(len: usize) -> Vec<u8> {
    // Incompressible-looking bytes (sled 0.34 does not compress by default anyway).
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn raw_run(db: &sled::Db, value: &[u8], threads: usize, iters: u64) -> (Duration, Vec<Duration>) {
    let tree = db.open_tree("raw").unwrap();
    run_threads(threads, iters, |_t, _n| {
        let tree = tree.clone();
        move |_j: usize| {
            let k = RAW_KEY.fetch_add(1, Ordering::Relaxed);
            tree.insert(k.to_be_bytes(), value).unwrap();
            db.flush().unwrap();
        }
    })
}

// ---- the same logical workload on SQLite

const SQL_SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS apps (
        id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL, blob BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS journal (
        seq INTEGER PRIMARY KEY, prev_hash BLOB NOT NULL, hash BLOB NOT NULL, blob BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS idx (key BLOB PRIMARY KEY, app INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
";

fn sql_open(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.busy_timeout(Duration::from_secs(300)).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn
}

fn sql_create(path: &Path, conns: usize) -> Vec<Connection> {
    let first = sql_open(path);
    first.execute_batch(SQL_SCHEMA).unwrap();
    let mut out = vec![first];
    out.extend((1..conns).map(|_| sql_open(path)));
    out
}

fn sql_next(tx: &rusqlite::Transaction<'_>, name: &str) -> u64 {
    tx.prepare_cached(
        "INSERT INTO counters(name, n) VALUES (?1, 1)
         ON CONFLICT(name) DO UPDATE SET n = n + 1 RETURNING n",
    )
    .unwrap()
    .query_row([name], |r| r.get::<_, i64>(0))
    .unwrap() as u64
}

fn sql_append(tx: &rusqlite::Transaction<'_>, mut e: JournalEntry) {
    let last: Option<(i64, Vec<u8>)> = tx
        .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        .unwrap()
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok();
    let (seq, prev) = match last {
        Some((s, h)) => (s as u64 + 1, h.try_into().unwrap()),
        None => (1, [0u8; 32]),
    };
    chain(&mut e, seq, prev);
    tx.prepare_cached("INSERT INTO journal(seq, prev_hash, hash, blob) VALUES (?1, ?2, ?3, ?4)")
        .unwrap()
        .execute(params![
            seq as i64,
            &e.prev_hash[..],
            &e.hash[..],
            codec::encode(&e)
        ])
        .unwrap();
}

/// Writes the record, its index rows (old ones gone) and its new journal entries.
fn sql_write(tx: &rusqlite::Transaction<'_>, old: Option<&Record>, new: &Record) {
    let old_keys: BTreeSet<Vec<u8>> = old
        .map(index_keys)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let new_keys: BTreeSet<Vec<u8>> = index_keys(new).into_iter().collect();
    for k in old_keys.difference(&new_keys) {
        tx.prepare_cached("DELETE FROM idx WHERE key = ?1")
            .unwrap()
            .execute([k])
            .unwrap();
    }
    for k in &new_keys {
        tx.prepare_cached("INSERT OR REPLACE INTO idx(key, app) VALUES (?1, ?2)")
            .unwrap()
            .execute(params![k, new.id as i64])
            .unwrap();
    }
    let blob = codec::encode(new);
    match old {
        Some(_) => tx
            .prepare_cached("UPDATE apps SET version = ?1, blob = ?2 WHERE id = ?3")
            .unwrap()
            .execute(params![new.app.version as i64, blob, new.id as i64])
            .unwrap(),
        None => tx
            .prepare_cached("INSERT INTO apps(id, number, version, blob) VALUES (?1, ?2, ?3, ?4)")
            .unwrap()
            .execute(params![
                new.id as i64,
                new.number,
                new.app.version as i64,
                blob
            ])
            .unwrap(),
    };
    let seen = old.map_or(0, |o| o.app.history.len());
    for e in &new.app.history[seen..] {
        sql_append(tx, qyzmet::store::event_entry(new, e));
    }
}

/// Pre-submits `n` applications in one transaction (untimed).
fn sql_submit(conn: &mut Connection, n: usize) -> Vec<(u64, Iin, u64)> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let iin = iin_for(NEXT_IIN.fetch_add(1, Ordering::Relaxed));
        let id = sql_next(&tx, "app_id");
        let number = format!("{SC}-2026-{:06}", sql_next(&tx, &format!("{SC}/SC/2026")));
        let rec = Record {
            id,
            app: new_application(&number, iin, t0()),
            number,
            orgs: bindings(),
        };
        sql_write(&tx, None, &rec);
        out.push((id, iin, rec.app.version));
    }
    tx.commit().unwrap();
    out
}

/// One transition: read the row, check its version, apply, write, journal, commit.
fn sql_act(conn: &mut Connection, id: u64, version: u64, step: usize, iin: Iin) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    let (v, blob): (i64, Vec<u8>) = tx
        .prepare_cached("SELECT version, blob FROM apps WHERE id = ?1")
        .unwrap()
        .query_row([id as i64], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(v as u64, version, "changed meanwhile");
    let old: Record = codec::decode(&blob).unwrap();
    let (by, t, journal) = transition_for(step, iin);
    let t = match journal {
        Some((name, outgoing)) => with_number(t, &number_text(outgoing, sql_next(&tx, &name))),
        None => t,
    };
    let mut new = old.clone();
    new.app.apply(service(), &by, t0(), t, &DEADLINES).unwrap();
    sql_write(&tx, Some(&old), &new);
    tx.commit().unwrap();
}

/// Serialises the SQLite writers of one process when asked (the variant that
/// does not leave contention to SQLite's sleeping busy handler).
static SQL_WRITER: Mutex<()> = Mutex::new(());

fn sqlite_run(
    conns: &mut [Connection],
    threads: usize,
    iters: u64,
    serialise: bool,
) -> (Duration, Vec<Duration>) {
    let slots: Vec<Mutex<&mut Connection>> = conns.iter_mut().map(Mutex::new).collect();
    run_threads(threads, iters, |t, n| {
        let mut conn = slots[t].lock().unwrap();
        let mut apps = {
            let _w = serialise.then(|| SQL_WRITER.lock().unwrap());
            sql_submit(&mut conn, n.div_ceil(ACTS_PER_APP))
        };
        move |j: usize| {
            let (id, iin, version) = &mut apps[j / ACTS_PER_APP];
            let _w = serialise.then(|| SQL_WRITER.lock().unwrap());
            sql_act(&mut conn, *id, *version, j % ACTS_PER_APP, *iin);
            *version += 1;
        }
    })
}

// ---------------------------------------------------------------- calibration

fn proc_io() -> BTreeMap<String, u64> {
    std::fs::read_to_string("/proc/self/io")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_string(), v.trim().parse().ok()?))
        })
        .collect()
}

fn io_delta(before: &BTreeMap<String, u64>, key: &str) -> u64 {
    proc_io()
        .get(key)
        .unwrap_or(&0)
        .saturating_sub(*before.get(key).unwrap_or(&0))
}

#[derive(Default, Debug, Clone)]
struct Calibration {
    acts: usize,
    /// Logical bytes per transition (key + value of every write, keys of removals).
    record: f64,
    journal: f64,
    index: f64,
    meta: f64,
    counters: f64,
    total: f64,
    /// The same, as the store counted it (`Store::bytes_written`).
    measured: f64,
    /// Bytes passed to write(2) / sent to the block layer, per operation (single thread).
    qyzmet_wchar: f64,
    qyzmet_write_bytes: f64,
    raw_wchar: f64,
    raw_write_bytes: f64,
    sqlite_wchar: f64,
    sqlite_write_bytes: f64,
}

fn calibrate(s: &Settings) -> Calibration {
    let dir = tempdir(s, "calibrate");
    let ops = new_ops(dir.path());
    let mut apps: Vec<(Record, Iin)> = (0..s.calib_apps)
        .map(|_| {
            let iin = iin_for(NEXT_IIN.fetch_add(1, Ordering::Relaxed));
            (
                ops.submit("operator", submit_request(iin), t0()).unwrap(),
                iin,
            )
        })
        .collect();
    let mut c = Calibration::default();
    let cell_rules = qyzmet::ops::report_cells::rules(&ops.catalog, &ops.deadlines);
    let io = proc_io();
    let written = ops.store.bytes_written();
    for (rec, iin) in &mut apps {
        for step in 0..ACTS_PER_APP {
            let (who, kind, req) = act_for(step, *iin);
            let new = ops.act(who, &rec.number, kind, req, t0()).unwrap();
            // What the store writes to the index: new keys and summaries,
            // and the keys that went away.
            let diff = index::diff(Some(rec), &new);
            c.index += diff.remove.iter().map(Vec::len).sum::<usize>() as f64;
            c.index += diff
                .put
                .iter()
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>() as f64;
            // And the report's cells the change added to, as they now stand.
            let cells = ops.store.all_cells().unwrap();
            for day in cell_rules.delta(Some(rec), &new).keys() {
                let key = qyzmet::store::cells::CellKey::of(*day, &new);
                c.index += (key.bytes().len() + codec::encode(&cells[&key]).len()) as f64;
            }
            c.record += (8 + codec::encode(&new).len()) as f64;
            // journal_head: key + (seq, hash).
            c.meta += (b"journal_head".len() + 40) as f64;
            if let (_, _, Some((name, _))) = transition_for(step, *iin) {
                c.counters += (name.len() + 8) as f64;
            }
            c.acts += 1;
            *rec = new;
        }
    }
    c.measured = (ops.store.bytes_written() - written) as f64;
    c.qyzmet_wchar = io_delta(&io, "wchar") as f64 / c.acts as f64;
    c.qyzmet_write_bytes = io_delta(&io, "write_bytes") as f64 / c.acts as f64;
    for e in ops.store.journal() {
        let e = e.unwrap();
        if e.app.is_some()
            && !matches!(
                e.what,
                JournalWhat::Application(EventKind::Submitted { .. })
            )
        {
            c.journal += (8 + codec::encode(&e).len()) as f64;
        }
    }
    for v in [
        &mut c.record,
        &mut c.journal,
        &mut c.index,
        &mut c.meta,
        &mut c.counters,
        &mut c.measured,
    ] {
        *v /= c.acts as f64;
    }
    c.total = c.record + c.journal + c.index + c.meta + c.counters;
    // The store's own count of what it handed the engine agrees.
    assert!(
        (c.total - c.measured).abs() < 0.5,
        "bytes per transition: {} by parts, {} counted by the store",
        c.total,
        c.measured
    );
    drop(ops);

    // The same single-thread run on the references, for their write volume.
    let raw_dir = tempdir(s, "calibrate-raw");
    let db = sled::Config::new().path(raw_dir.path()).open().unwrap();
    let value = payload(c.total.round() as usize);
    let io = proc_io();
    raw_run(&db, &value, 1, c.acts as u64);
    c.raw_wchar = io_delta(&io, "wchar") as f64 / c.acts as f64;
    c.raw_write_bytes = io_delta(&io, "write_bytes") as f64 / c.acts as f64;
    drop(db);

    let sql_dir = tempdir(s, "calibrate-sqlite");
    let mut conns = sql_create(&sql_dir.path().join("q.db"), 1);
    let mut apps = sql_submit(&mut conns[0], s.calib_apps);
    let io = proc_io();
    for (id, iin, version) in &mut apps {
        for step in 0..ACTS_PER_APP {
            sql_act(&mut conns[0], *id, *version, step, *iin);
            *version += 1;
        }
    }
    c.sqlite_wchar = io_delta(&io, "wchar") as f64 / c.acts as f64;
    c.sqlite_write_bytes = io_delta(&io, "write_bytes") as f64 / c.acts as f64;
    c
}

// ---------------------------------------------------------------- criterion part

fn transitions(c: &mut Criterion, s: &Settings, calib: &Calibration) {
    let configure = |g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>| {
        g.sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_secs(3))
            .measurement_time(Duration::from_secs(10))
            .throughput(Throughput::Elements(1));
    };

    let act_group = |c: &mut Criterion,
                     group: &str,
                     system: &'static str,
                     ops_for: &dyn Fn() -> (Ops, Box<dyn std::any::Any>)| {
        let mut g = c.benchmark_group(group);
        configure(&mut g);
        for threads in THREADS {
            let (ops, _keep) = ops_for();
            g.bench_function(BenchmarkId::from_parameter(format!("{threads}t")), |b| {
                b.iter_custom(|iters| {
                    let (wall, lat) = qyzmet_run(&ops, threads, iters);
                    record_call(system, threads, iters, wall, lat);
                    wall
                })
            });
            // Group commit: how many changes (submits included) shared a sync.
            let (commits, syncs) = ops.store.commits_and_syncs();
            println!(
                "{system} {threads}t: {commits} commits, {syncs} syncs, {:.2} commits per sync",
                commits as f64 / syncs.max(1) as f64
            );
        }
        g.finish();
    };
    act_group(c, "qyzmet_act", "qyzmet", &|| {
        let dir = tempdir(s, "qyzmet");
        (new_ops(dir.path()), Box::new(dir))
    });
    // QYZMET_BENCH_PG=1: the same on PostgreSQL, a throwaway cluster with a
    // database per thread count (tests/common/pg.rs).
    if std::env::var("QYZMET_BENCH_PG").as_deref() == Ok("1") {
        act_group(c, "qyzmet_pg_act", "qyzmet_pg", &|| {
            let key = tempdir(s, "pg");
            let url =
                pg::database_for(key.path()).expect("QYZMET_BENCH_PG=1: PostgreSQL installed");
            (new_ops(Path::new(&url)), Box::new(key))
        });
    }

    let value = payload(calib.total.round() as usize);
    let mut g = c.benchmark_group("sled_raw_ceiling");
    configure(&mut g);
    for threads in THREADS {
        let dir = tempdir(s, "raw");
        let db = sled::Config::new().path(dir.path()).open().unwrap();
        g.bench_function(BenchmarkId::from_parameter(format!("{threads}t")), |b| {
            b.iter_custom(|iters| {
                let (wall, lat) = raw_run(&db, &value, threads, iters);
                record_call("sled_raw", threads, iters, wall, lat);
                wall
            })
        });
    }
    g.finish();

    // As the issue asks: each thread its own connection, contention left to
    // busy_timeout; then the same with the writers queued on a mutex.
    for (group, system, serialise) in [
        ("sqlite_wal_full", "sqlite", false),
        ("sqlite_wal_full_mutex", "sqlite_mx", true),
    ] {
        let mut g = c.benchmark_group(group);
        configure(&mut g);
        for threads in THREADS {
            let dir = tempdir(s, "sqlite");
            let mut conns = sql_create(&dir.path().join("q.db"), threads);
            g.bench_function(BenchmarkId::from_parameter(format!("{threads}t")), |b| {
                b.iter_custom(|iters| {
                    let (wall, lat) = sqlite_run(&mut conns, threads, iters, serialise);
                    record_call(system, threads, iters, wall, lat);
                    wall
                })
            });
        }
        g.finish();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Throughput per (system, threads) from the measurement samples: criterion's
/// flat sampling gives every sample the same iteration count, so the calls with
/// the most common count are the samples (the warm-up doubles its count).
fn summary(calib: &Calibration) {
    let calls = CALLS.lock().unwrap();
    if calls.is_empty() {
        return;
    }
    let mut tput: BTreeMap<(String, usize), f64> = BTreeMap::new();
    println!("\n== durable transitions (measurement samples only) ==");
    println!(
        "{:<10} {:>7} {:>8} {:>10} {:>12} {:>10} {:>10} {:>10}",
        "system", "threads", "samples", "ops", "median op/s", "p50 ms", "p99 ms", "max ms"
    );
    for ((system, threads), calls) in calls.iter() {
        let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
        for c in calls {
            *counts.entry(c.iters).or_default() += 1;
        }
        let mode = counts
            .iter()
            .max_by_key(|(iters, n)| (**n, **iters))
            .map(|(i, _)| *i)
            .unwrap();
        let samples: Vec<&Call> = calls.iter().filter(|c| c.iters == mode).collect();
        let mut rates: Vec<f64> = samples
            .iter()
            .map(|c| c.iters as f64 / c.wall.as_secs_f64())
            .collect();
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        let mut lat: Vec<Duration> = samples.iter().flat_map(|c| c.lat.iter().copied()).collect();
        lat.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:<10} {:>7} {:>8} {:>10} {:>12.1} {:>10.2} {:>10.2} {:>10.2}",
            system,
            threads,
            samples.len(),
            samples.iter().map(|c| c.iters).sum::<u64>(),
            median,
            ms(percentile(&lat, 0.5)),
            ms(percentile(&lat, 0.99)),
            ms(lat.last().copied().unwrap_or_default())
        );
        tput.insert((system.clone(), *threads), median);
    }
    println!("\n== ratios (median op/s) ==");
    for threads in THREADS {
        let get = |s: &str| tput.get(&(s.to_string(), threads)).copied();
        if let (Some(q), Some(r), Some(l), Some(m)) = (
            get("qyzmet"),
            get("sled_raw"),
            get("sqlite"),
            get("sqlite_mx"),
        ) {
            println!(
                "{threads:>3} threads: qyzmet/sled_raw = {:.3}   qyzmet/sqlite = {:.3}   qyzmet/sqlite_mx = {:.3}",
                q / r,
                q / l,
                q / m
            );
        }
    }
    println!("\n== bytes per transition ==\n{calib:#?}");
}

// ---------------------------------------------------------------- bulk store

/// The files under `dir` with their sizes, for the report.
fn listing(dir: &Path) -> String {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let md = entry.metadata().unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if md.is_dir() {
            out.push(format!("{name}/ ({} bytes)", dir_size(&entry.path()).0));
        } else {
            out.push(format!("{name} ({} bytes)", md.len()));
        }
    }
    out.sort();
    out.join(", ")
}

/// Child-process mode (`QYZMET_BENCH_OPEN=DIR`): opens the store in a fresh
/// process, as starting Qyzmet does, and reports the times on stdout. In the
/// bench process itself the heap left by the bulk write (gigabytes freed in
/// small pieces) made sled's recovery spend its time in `malloc`: opens there
/// measured the allocator, not the store.
fn child_open(dir: &Path) {
    let t = Instant::now();
    let store = Store::open(dir).unwrap();
    println!("open {:.3?}", t.elapsed());
    let store = match std::env::var("QYZMET_BENCH_OPEN_ACTS") {
        Ok(n) => {
            let n: u64 = n.parse().unwrap();
            // A few durable transitions on the big store, single thread: apps
            // whose id is a multiple of 8 took no act yet (see bulk_build).
            let ops = Ops::new(store, CATALOG.clone(), DEADLINES.clone());
            let mut lat = Vec::new();
            let acts = (n / 8).saturating_sub(1).min(200);
            let io = proc_io();
            for k in 1..=acts {
                let number = format!("{SC}-2026-{:06}", 8 * k * (n / 8 / (acts + 1)).max(1));
                let (who, kind, req) = act_for(0, iin_for(0));
                let t = Instant::now();
                ops.act(who, &number, kind, req, t0()).unwrap();
                lat.push(t.elapsed());
            }
            let wchar = io_delta(&io, "wchar") / acts.max(1);
            let write_bytes = io_delta(&io, "write_bytes") / acts.max(1);
            let first: Duration =
                lat.iter().take(20).sum::<Duration>() / lat.len().clamp(1, 20) as u32;
            lat.sort();
            println!(
                "{acts} register acts on applications spread over the store: p50 {:.2?}, p90 {:.2?}, max {:.2?}, mean of the first 20 {:.2?}; {wchar} bytes written (wchar) and {write_bytes} to the block layer per act",
                percentile(&lat, 0.5),
                percentile(&lat, 0.9),
                lat.last().copied().unwrap_or_default(),
                first
            );
            let t = Instant::now();
            let len = ops.store.app_count();
            println!(
                "app_count (a count kept in meta): {len} in {:.2?}",
                t.elapsed()
            );
            ops.store
        }
        Err(_) => store,
    };
    let t = Instant::now();
    drop(store);
    println!("drop {:.3?}", t.elapsed());
}

/// Runs `child_open` in a new process; its report, and the process's wall time.
fn open_in_child(dir: &Path, acts: Option<u64>) -> (String, Duration) {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.env("QYZMET_BENCH_OPEN", dir);
    if let Some(n) = acts {
        cmd.env("QYZMET_BENCH_OPEN_ACTS", n.to_string());
    }
    run_child(cmd)
}

fn bulk_store(s: &Settings) {
    // A small one first, checked end to end: every index entry, the journal
    // chain, the counters, and that the operations API works on it.
    let check_n = if s.bench {
        2_000
    } else {
        s.bulk_apps.min(2_000)
    };
    let dir = tempdir(s, "bulk-check");
    bulk_build(dir.path(), check_n);
    {
        let store = Store::open(dir.path()).unwrap();
        let findings = store.check(|_| {}).unwrap();
        assert!(findings.is_empty(), "bulk store has problems: {findings:?}");
        assert_eq!(store.app_count() as u64, check_n);
        let ops = Ops::new(store, CATALOG.clone(), DEADLINES.clone());
        // Ids that are multiples of 8 took no act yet: register the last one
        // (the child process below acts on lower ones), then submit a new one.
        let (who, kind, req) = act_for(0, iin_for(0));
        let last = format!("{SC}-2026-{:06}", check_n - check_n % 8);
        let rec = ops.act(who, &last, kind, req, t0()).unwrap();
        assert_eq!(rec.app.status, Status::InProgress);
        let fresh = ops
            .submit("operator", submit_request(iin_for(1)), t0())
            .unwrap();
        assert_eq!(fresh.id, check_n + 1);
        assert!(ops.store.check(|_| {}).unwrap().is_empty());
    }
    let (report, _) = open_in_child(dir.path(), Some(check_n));
    println!("bulk_store_open: {check_n}-application store opened in a child process: {report}");
    drop(dir);
    println!("bulk_store_open: a {check_n}-application bulk store passes Store::check");
    if !s.bench {
        return;
    }

    let n = s.bulk_apps;
    let dir = tempdir(s, "bulk");
    println!(
        "bulk_store_open: writing {n} applications to {}",
        dir.path().display()
    );
    let total = Instant::now();
    let r = bulk_build(dir.path(), n);
    let built = total.elapsed();
    let (apparent, allocated, files) = dir_size(dir.path());
    println!(
        "bulk_store_open/build: {built:.1?} (generate {:.1?}, sled batches + flush {:.1?})",
        r.generate, r.write
    );
    println!(
        "bulk_store_open/content: {} applications, {} journal entries, {} index entries, {} logical bytes (keys + values)",
        r.apps, r.journal_entries, r.index_entries, r.logical_bytes
    );
    println!(
        "bulk_store_open/size after build: apparent {}, allocated {}, {files} files",
        gib(apparent),
        gib(allocated)
    );
    println!("bulk_store_open/files: {}", listing(dir.path()));
    if std::env::var("QYZMET_BENCH_KEEP").as_deref() == Ok("build") {
        println!("bulk_store_open: kept {} unopened", dir.keep().display());
        return;
    }
    // Open = sled recovery + the tree opens + the schema (migrate) check, each
    // in a fresh process. sled 0.34 writes its snapshot only while opening, so
    // the first open replays the whole log the bulk write left; later ones
    // start from that snapshot.
    for i in 1..=4 {
        let what = if i == 1 {
            "first open after the bulk write"
        } else {
            "warm page cache"
        };
        let (report, wall) = open_in_child(dir.path(), None);
        println!("bulk_store_open/open #{i} ({what}): {report}; process wall {wall:.3?}");
        println!("bulk_store_open/files: {}", listing(dir.path()));
    }
    for i in 1..=2 {
        if !evict(dir.path()) {
            println!("bulk_store_open/open cold: could not evict the page cache (dd); skipped");
            break;
        }
        let (report, wall) = open_in_child(dir.path(), None);
        println!(
            "bulk_store_open/open cold #{i} (store files evicted from the page cache): {report}; process wall {wall:.3?}"
        );
    }
    let (report, wall) = open_in_child(dir.path(), Some(n));
    println!(
        "bulk_store_open/open + acts on the {n}-application store: {report}; process wall {wall:.3?}"
    );
    let (apparent, allocated, files) = dir_size(dir.path());
    println!(
        "bulk_store_open/size after the opens and acts: apparent {}, allocated {}, {files} files",
        gib(apparent),
        gib(allocated)
    );
    if std::env::var("QYZMET_BENCH_KEEP").as_deref() == Ok("1") {
        println!("bulk_store_open: kept {}", dir.keep().display());
        return;
    }
    let t = Instant::now();
    drop(dir);
    println!(
        "bulk_store_open/remove directory: {:.1?}; total {:.1?}",
        t.elapsed(),
        total.elapsed()
    );
}

// ---------------------------------------------------------------- profile

/// `QYZMET_BENCH_PROFILE=N`: N acts through `Ops::act` on one thread, for an
/// instruction profiler (`valgrind --tool=callgrind --toggle-collect=*profiled_acts*`
/// counts only what `profiled_acts` runs: the acts, their syncs included).
fn profile(s: &Settings, acts: usize) {
    let dir = tempdir(s, "profile");
    let ops = new_ops(dir.path());
    let apps: Vec<(String, Iin)> = (0..acts.div_ceil(ACTS_PER_APP))
        .map(|_| {
            let iin = iin_for(NEXT_IIN.fetch_add(1, Ordering::Relaxed));
            let rec = ops.submit("operator", submit_request(iin), t0()).unwrap();
            (rec.number, iin)
        })
        .collect();
    let start = Instant::now();
    profiled_acts(&ops, &apps, acts);
    let wall = start.elapsed();
    println!(
        "profile: {acts} acts on one thread in {wall:.2?} ({:.0}/s)",
        acts as f64 / wall.as_secs_f64()
    );
}

#[inline(never)]
fn profiled_acts(ops: &Ops, apps: &[(String, Iin)], acts: usize) {
    for j in 0..acts {
        let (number, iin) = &apps[j / ACTS_PER_APP];
        let (who, kind, req) = act_for(j % ACTS_PER_APP, *iin);
        ops.act(who, number, kind, req, t0()).unwrap();
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("QYZMET_BENCH_OPEN") {
        child_open(Path::new(&dir));
        return;
    }
    if let Some(n) = std::env::var_os("QYZMET_BENCH_PROFILE") {
        let n = n.to_str().and_then(|n| n.parse().ok());
        profile(
            &settings(),
            n.expect("QYZMET_BENCH_PROFILE: a number of acts"),
        );
        return;
    }
    let s = settings();
    let mut c = Criterion::default().configure_from_args();
    let calib = if s.listing {
        Calibration::default()
    } else {
        calibrate(&s)
    };
    transitions(&mut c, &s, &calib);
    c.final_summary();
    if s.bench {
        summary(&calib);
    }
    if s.run_bulk {
        bulk_store(&s);
    }
}

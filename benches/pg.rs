//! The PostgreSQL figures of issue 15, side by side with the embedded
//! engine in one process:
//!
//! - a bulk store of `QYZMET_BENCH_APPS` applications (default 1,000,000,
//!   whose specialist has 142,857 applications waiting; `benches/common`'s
//!   writer) copied into PostgreSQL the way `qyzmet migrate` copies it
//!   (`Store::copy_to`): the time and rows per second;
//! - the size on disk of both: the sled directory, and the tables of the
//!   schema `qyzmet` with their indexes and TOAST (`Store::size_on_disk`,
//!   what `qyzmet status` shows), each per application too;
//! - `queue_read/{sled,postgres}`: `Ops::queue("specialist")`, what the
//!   workstation reads at sign-in and after every change.
//!
//! PostgreSQL is a throwaway cluster (`tests/common/pg.rs`: Unix socket,
//! `fsync` on). `cargo test` runs it once at toy size (500 applications);
//! without PostgreSQL it says so and measures nothing.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use qyzmet::ops::Ops;
use qyzmet::store::Store;

mod common;
use common::*;

#[path = "../tests/common/pg.rs"]
mod pg;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let n: u64 = std::env::var("QYZMET_BENCH_APPS")
        .ok()
        .map(|s| {
            s.replace('_', "")
                .parse()
                .expect("QYZMET_BENCH_APPS: a number")
        })
        .unwrap_or(if bench { 1_000_000 } else { 500 });
    let workdir = std::env::var_os("QYZMET_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&workdir).unwrap();
    let dir = tempfile::Builder::new()
        .prefix("qyzmet-bench-pg-")
        .tempdir_in(&workdir)
        .unwrap();
    let Some(url) = pg::database_for(dir.path()) else {
        return;
    };
    let sled_dir = dir.path().join("sled");
    let started = Instant::now();
    bulk_build(&sled_dir, n);
    println!(
        "pg: {n} applications written to sled in {:.1?}",
        started.elapsed()
    );
    let sled = Store::open(&sled_dir).unwrap();
    let started = Instant::now();
    let copy = sled.copy_to(Path::new(&url), t0(), |_| {}).unwrap();
    let took = started.elapsed();
    println!(
        "pg: copied to PostgreSQL (Store::copy_to, as `qyzmet migrate`) in {took:.1?}: {:.0} applications/s",
        n as f64 / took.as_secs_f64()
    );
    drop(copy);
    let pg = Store::open(Path::new(&url)).unwrap();
    let pg_bytes = pg.size_on_disk().unwrap().expect("a database's size");
    let (_, sled_bytes, _) = dir_size(&sled_dir);
    let per_app = |b: u64| b as f64 / n as f64;
    println!(
        "pg: size on disk: sled {} ({:.0} bytes per application), PostgreSQL {} ({:.0} bytes per application)",
        gib(sled_bytes),
        per_app(sled_bytes),
        gib(pg_bytes),
        per_app(pg_bytes)
    );
    let on = |store| Ops::new(store, CATALOG.clone(), DEADLINES.clone());
    let (sled, pg) = (on(sled), on(pg));
    let waiting = (
        sled.queue("specialist").unwrap().len(),
        pg.queue("specialist").unwrap().len(),
    );
    assert_eq!(waiting.0, waiting.1, "the same queue on both engines");
    println!(
        "pg: the specialist's queue holds {} applications",
        waiting.0
    );

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("queue_read");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(if bench { 20 } else { 1 }));
    for (engine, ops) in [("sled", &sled), ("postgres", &pg)] {
        g.bench_function(engine, |b| b.iter(|| ops.queue("specialist").unwrap()));
    }
    g.finish();
    c.final_summary();
}

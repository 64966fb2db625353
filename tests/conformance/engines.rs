//! The engines under test, and fresh stores on them.

use std::path::Path;

use qyzmet::ops::Ops;
use qyzmet::store::Store;

use crate::common::{now, ops_on, seed};

/// An engine as the suite drives it.
pub struct EngineUnderTest {
    pub name: &'static str,
    pub create: fn(&Path) -> Store,
    pub open: fn(&Path) -> Store,
    pub restore: fn(&Path, &[u8]) -> Store,
    /// Whether a store was created for `dir` already.
    pub has_store: fn(&Path) -> bool,
    /// A process holding the store can be killed (the engine runs in it).
    pub survives_sigkill: bool,
    /// Concurrent writers share syncs.
    pub group_commit: bool,
}

/// Every engine the store has: PostgreSQL where it is installed (else the
/// cluster helper says loudly that it is skipped).
pub fn all() -> Vec<EngineUnderTest> {
    let mut engines = vec![EngineUnderTest {
        name: "sled",
        create: |dir| Store::create(dir, now()).unwrap(),
        open: |dir| Store::open(dir).unwrap(),
        restore: |dir, bytes| Store::restore(dir, bytes, now(), |_| {}).unwrap(),
        has_store: |dir| std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()),
        survives_sigkill: true,
        group_commit: true,
    }];
    if crate::pg::cluster().is_some() {
        engines.push(EngineUnderTest {
            name: "postgres",
            create: |dir| Store::create(&database(dir), now()).unwrap(),
            open: |dir| Store::open(&database(dir)).unwrap(),
            restore: |dir, bytes| Store::restore(&database(dir), bytes, now(), |_| {}).unwrap(),
            has_store: |dir| Store::exists(&database(dir)).unwrap(),
            // The process killed is the client; the server keeps what it committed.
            survives_sigkill: true,
            // PostgreSQL shares WAL flushes itself, out of the engine's sight.
            group_commit: false,
        });
    }
    engines
}

/// The test's own database, named after its directory.
fn database(dir: &Path) -> std::path::PathBuf {
    crate::pg::database_for(dir)
        .expect("the PostgreSQL engine is listed only with a cluster")
        .into()
}

pub fn by_name(name: &str) -> EngineUnderTest {
    all()
        .into_iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no engine {name}"))
}

/// A new store on `engine` with the organisations and staff.
pub fn fresh(engine: &EngineUnderTest, dir: &Path) -> Ops {
    let ops = ops_on((engine.create)(dir));
    seed(&ops);
    ops
}

/// Runs `scenario` on a fresh store of every engine, naming the engine of
/// a failure.
pub fn each(scenario: impl Fn(&EngineUnderTest, Ops, &Path)) {
    for engine in all() {
        eprintln!("engine {}", engine.name);
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        scenario(&engine, fresh(&engine, &dir), &dir);
    }
}

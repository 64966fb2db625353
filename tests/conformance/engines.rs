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
    /// A process holding the store can be killed (the engine runs in it).
    pub survives_sigkill: bool,
    /// Concurrent writers share syncs.
    pub group_commit: bool,
}

/// Every engine the store has.
pub fn all() -> Vec<EngineUnderTest> {
    vec![EngineUnderTest {
        name: "sled",
        create: |dir| Store::create(dir, now()).unwrap(),
        open: |dir| Store::open(dir).unwrap(),
        restore: |dir, bytes| Store::restore(dir, bytes, now(), |_| {}).unwrap(),
        survives_sigkill: true,
        group_commit: true,
    }]
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

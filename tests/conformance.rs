//! The storage conformance suite: the same scenarios against every engine
//! `engines::all()` lists (the embedded sled engine, and PostgreSQL on a
//! throwaway cluster where one is installed: `common/pg.rs`): every transition of a route, races with exactly
//! one winner, gapless numbers under concurrency, crash safety under SIGKILL
//! where the engine allows it, check, backup and restore, the report's cells.

#[path = "common/mod.rs"]
mod common;

#[path = "common/pg.rs"]
mod pg;

#[path = "conformance/engines.rs"]
mod engines;

#[path = "conformance/transitions.rs"]
mod transitions;

#[path = "conformance/races.rs"]
mod races;

#[path = "conformance/crash.rs"]
mod crash;

#[path = "conformance/check_backup.rs"]
mod check_backup;

#[path = "conformance/cells.rs"]
mod cells;

//! The report's cells on every engine: kept with each change through the
//! index (no primitive of their own), complete on a new store, still
//! complete and equal to a recomputation after a reopen and a restore.

use qyzmet::domain::catalog::StepAction;

use crate::common::*;
use crate::engines;

#[test]
fn report_cells_are_kept_and_survive_a_reopen_and_a_restore() {
    engines::each(|engine, ops, dir| {
        assert!(
            ops.store.cells_complete().unwrap(),
            "a new store's cells are complete"
        );
        for n in 0..5 {
            let number = submit(&ops, n).number;
            if n % 2 == 0 {
                advance_to(&ops, &number, StepAction::Sign);
            } else {
                finish(&ops, &number);
            }
        }
        let kept = ops.store.all_cells().unwrap();
        assert!(!kept.is_empty());
        assert_eq!(kept, ops.recomputed_cells().unwrap());
        assert!(ops.check_cells().unwrap().is_empty());
        let mut backup = Vec::new();
        ops.store.backup(&mut backup, |_| {}).unwrap();
        drop(ops);
        let reopened = ops_on((engine.open)(dir));
        assert!(reopened.store.cells_complete().unwrap());
        assert_eq!(reopened.store.all_cells().unwrap(), kept);
        let copy = ops_on((engine.restore)(&dir.with_file_name("copy"), &backup));
        assert!(copy.store.cells_complete().unwrap());
        assert_eq!(copy.store.all_cells().unwrap(), kept);
        assert!(copy.check_cells().unwrap().is_empty());
    });
}

/// Concurrent changes of one service on one day all add to the same cell:
/// none may be lost (on PostgreSQL the cell's row is locked when read, so
/// READ COMMITTED cannot write over a concurrent addition).
#[test]
fn cells_stay_exact_under_concurrent_changes() {
    engines::each(|_engine, ops, _dir| {
        std::thread::scope(|s| {
            for t in 0..4 {
                let ops = &ops;
                s.spawn(move || {
                    for n in 0..8 {
                        let number = submit(ops, 100 + t * 10 + n).number;
                        if n % 2 == 0 {
                            advance_to(ops, &number, StepAction::Sign);
                        }
                    }
                });
            }
        });
        assert_eq!(
            ops.store.all_cells().unwrap(),
            ops.recomputed_cells().unwrap()
        );
        assert!(ops.check_cells().unwrap().is_empty());
    });
}

/// The first changes of a day each find its cell missing: started together,
/// they must not both add to nothing (on PostgreSQL a missing row cannot be
/// locked, so the engine puts the writers of a missing key in line).
#[test]
fn a_new_days_cell_is_exact_when_its_first_changes_race() {
    const WRITERS: usize = 4;
    engines::each(|_engine, ops, _dir| {
        let numbers: Vec<String> = (0..WRITERS).map(|n| submit(&ops, 300 + n).number).collect();
        for day in 1..=4 {
            let at = now() + chrono::Duration::days(day);
            let start = std::sync::Barrier::new(WRITERS);
            std::thread::scope(|s| {
                for number in &numbers {
                    let (ops, start) = (&ops, &start);
                    s.spawn(move || {
                        let rec = ops.find(number).unwrap();
                        let (login, kind, req) = next_act(&rec, ops).expect("a step to take");
                        start.wait();
                        ops.act(login, number, kind, req, at).unwrap();
                    });
                }
            });
        }
        assert_eq!(
            ops.store.all_cells().unwrap(),
            ops.recomputed_cells().unwrap()
        );
        assert!(ops.check_cells().unwrap().is_empty());
    });
}

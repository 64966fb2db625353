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

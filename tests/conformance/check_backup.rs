//! `check`, the kept counts, and backup and restore, on every engine.

use qyzmet::domain::catalog::StepAction;

use crate::common::*;
use crate::engines;

/// Applications at every step of the route, some people in the registry.
fn busy(ops: &qyzmet::ops::Ops) -> Vec<String> {
    let csv = format!(
        "iin,full_name\n{},Ахметова Айгерим\n{},Серікова Дана\n",
        iin(900),
        iin(901)
    );
    assert_eq!(
        ops.import_persons(&csv, "admin", now()).unwrap().imported,
        2
    );
    let steps = [
        StepAction::Register,
        StepAction::Assign,
        StepAction::Execute,
        StepAction::Sign,
        StepAction::Dispatch,
    ];
    let mut numbers = Vec::new();
    for n in 0..12 {
        let number = submit(ops, n).number;
        match steps.get(n % 7) {
            Some(step) => {
                advance_to(ops, &number, *step);
            }
            None => {
                finish(ops, &number);
            }
        }
        numbers.push(number);
    }
    numbers
}

#[test]
fn a_busy_store_checks_clean_and_its_counts_are_kept() {
    engines::each(|engine, ops, dir| {
        busy(&ops);
        assert_sound(&ops.store);
        assert_eq!(ops.store.app_count(), 12);
        assert_eq!(ops.store.app_count(), records(&ops.store).len());
        assert_eq!(ops.store.person_count(), 2);
        assert_eq!(ops.store.journal_len(), ops.store.journal().count());
        assert_eq!(
            ops.store.journal_len() as u64,
            ops.store.revision().unwrap()
        );
        drop(ops);
        let store = (engine.open)(dir);
        assert_eq!((store.app_count(), store.person_count()), (12, 2));
    });
}

#[test]
fn a_backup_restores_the_same_store() {
    engines::each(|engine, ops, dir| {
        let numbers = busy(&ops);
        let mut backup = Vec::new();
        let entries = ops.store.backup(&mut backup, |_| {}).unwrap();
        assert!(entries > 0);
        let copy_dir = dir.with_file_name("copy");
        let copy = ops_on((engine.restore)(&copy_dir, &backup));
        assert_eq!(records(&copy.store), records(&ops.store));
        assert_eq!(copy.store.app_count(), 12);
        assert_eq!(copy.store.person_count(), 2);
        // The restore is journaled after everything the backup held.
        assert_eq!(copy.store.journal_len(), ops.store.journal_len() + 1);
        assert_sound(&copy.store);
        // Work goes on where it stopped: the next number follows.
        let next = submit(&copy, 99);
        assert_eq!(serial(&next.number), numbers.len() as u64 + 1);
        for number in &numbers {
            assert_eq!(copy.find(number).unwrap(), ops.find(number).unwrap());
        }
        assert_sound(&copy.store);
        // A damaged backup is refused whole and creates nothing.
        let mut damaged = backup.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0xff;
        let refused =
            qyzmet::store::Store::restore(&dir.with_file_name("bad"), &damaged, now(), |_| {});
        assert!(refused.is_err());
        assert!(!dir.with_file_name("bad").exists());
    });
}

/// A transaction reads the person it updates (`Txn::person`): powers of
/// attorney filed under a principal survive the registry imported again,
/// and a principal the registry lacks refuses the whole batch.
#[test]
fn powers_of_attorney_stay_with_their_principal() {
    engines::each(|engine, ops, dir| {
        busy(&ops);
        let powers = format!(
            "number,principal_iin,representative_iin,valid_from,valid_until,notary\n\
             НОТ-1,{},{},2026-01-01,2030-12-31,Нотариус\n",
            iin(900),
            iin(901)
        );
        assert_eq!(
            ops.import_powers(&powers, "admin", now()).unwrap().imported,
            1
        );
        busy_registry_again(&ops);
        let stranger = powers.replace(&iin(900).to_string(), &iin(902).to_string());
        let report = ops.import_powers(&stranger, "admin", now()).unwrap();
        assert_eq!((report.imported, report.errors.len()), (0, 1));
        drop(ops);
        let store = (engine.open)(dir);
        let principal = store.person(&iin(900)).unwrap().unwrap();
        assert_eq!(principal.powers.len(), 1);
        assert_eq!(principal.powers[0].representative, iin(901));
        assert!(store.person(&iin(902)).unwrap().is_none());
        assert_eq!(store.person_count(), 2);
    });
}

fn busy_registry_again(ops: &qyzmet::ops::Ops) {
    let csv = format!("iin,full_name\n{},Ахметова Айгерим Болатқызы\n", iin(900));
    assert_eq!(
        ops.import_persons(&csv, "admin", now()).unwrap().imported,
        1
    );
}

//! Every transition of a route, on every engine: each one durable with its
//! index entries (the queue of whoever acts next), its journal entry and
//! its drawn numbers; a refused change writes nothing and uses up no number.

use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::route::Status;
use qyzmet::ops::{ActKind, ActRequest, Ops, OpsError};
use qyzmet::store::model::Record;

use crate::common::*;
use crate::engines;

const STAFF: [&str; 4] = [OPERATOR, CLERK, HEAD, SPECIALIST];

/// Whose queue holds application `id` now.
fn holders(ops: &Ops, id: u64) -> Vec<&'static str> {
    STAFF
        .into_iter()
        .filter(|login| ops.queue(login).unwrap().iter().any(|s| s.id == id))
        .collect()
}

fn journal_entries(ops: &Ops, rec: &Record) -> usize {
    ops.store
        .journal()
        .map(|e| e.unwrap())
        .filter(|e| e.app == Some(rec.id))
        .count()
}

#[test]
fn every_transition_of_the_route_is_stored_with_its_index_journal_and_numbers() {
    engines::each(|engine, ops, dir| {
        let mut rec = submit(&ops, 1);
        assert_eq!(serial(&rec.number), 1);
        let mut steps = 0;
        while let Some((login, kind, req)) = next_act(&rec, &ops) {
            // The step waits in the queue of whoever does it, and only there.
            assert_eq!(holders(&ops, rec.id), vec![login], "{kind:?}");
            let before = ops.store.journal_len();
            let next = ops.act(login, &rec.number, kind, req, now()).unwrap();
            assert_eq!(next.app.version, rec.app.version + 1);
            assert_eq!(next.app.history.len() as u64, next.app.version);
            assert_eq!(ops.store.journal_len(), before + 1);
            assert_eq!(journal_entries(&ops, &next), next.app.version as usize);
            // Every number drawn so far finds it.
            for number in std::iter::once(&next.number).chain(&next.app.numbers) {
                assert_eq!(ops.find(number).unwrap().id, next.id, "{number}");
            }
            assert_eq!(ops.find(&next.number).unwrap(), next);
            rec = next;
            steps += 1;
        }
        // register, assign, execute, sign, dispatch, the centre's receipt, issue
        assert_eq!(steps, 7);
        assert_eq!(rec.app.status, Status::Issued);
        assert_eq!(rec.app.numbers.len(), 2, "incoming and outgoing");
        assert!(holders(&ops, rec.id).is_empty());
        assert_eq!(ops.store.app_count(), 1);
        assert_sound(&ops.store);
        // All of it is there after the store is opened again.
        drop(ops);
        let ops = ops_on((engine.open)(dir));
        assert_eq!(ops.find(&rec.number).unwrap(), rec);
        assert_eq!(ops.store.app_count(), 1);
        assert_sound(&ops.store);
    });
}

#[test]
fn a_return_and_a_withdrawal_are_transitions_too() {
    engines::each(|_, ops, _| {
        let number = submit(&ops, 1).number;
        let at_sign = advance_to(&ops, &number, StepAction::Sign);
        let req = ActRequest {
            version: Some(at_sign.app.version),
            comment: Some("Уточнить реквизиты банковского счета".into()),
            ..ActRequest::default()
        };
        let back = ops.act(HEAD, &number, ActKind::Return, req, now()).unwrap();
        assert_eq!(holders(&ops, back.id), vec![SPECIALIST]);
        let decided = advance(&ops, &back).unwrap().unwrap();
        assert_eq!(holders(&ops, decided.id), vec![HEAD]);
        let req = ActRequest {
            version: Some(decided.app.version),
            comment: Some("Заявитель отозвал заявление".into()),
            ..ActRequest::default()
        };
        let gone = ops
            .act(OPERATOR, &number, ActKind::Withdraw, req, now())
            .unwrap();
        assert_eq!(gone.app.status, Status::Withdrawn);
        assert!(holders(&ops, gone.id).is_empty());
        assert_eq!(journal_entries(&ops, &gone), gone.app.version as usize);
        assert_sound(&ops.store);
    });
}

#[test]
fn a_refused_change_writes_nothing_and_uses_up_no_number() {
    engines::each(|_, ops, _| {
        let rec = submit(&ops, 1);
        let before = (ops.store.journal_len(), ops.store.revision().unwrap());
        // A stale version, then the wrong person: both refused.
        let (login, kind, mut req) = next_act(&rec, &ops).unwrap();
        req.version = Some(rec.app.version + 1);
        let stale = ops.act(login, &rec.number, kind, req.clone(), now());
        assert!(matches!(stale, Err(OpsError::Stale { .. })), "{stale:?}");
        req.version = Some(rec.app.version);
        let wrong = ops.act(SPECIALIST, &rec.number, kind, req.clone(), now());
        assert!(matches!(wrong, Err(OpsError::Forbidden(_))), "{wrong:?}");
        assert_eq!(
            (ops.store.journal_len(), ops.store.revision().unwrap()),
            before
        );
        assert_eq!(ops.find(&rec.number).unwrap(), rec);
        // The registration that follows draws the first incoming number.
        let registered = ops.act(login, &rec.number, kind, req, now()).unwrap();
        assert_eq!(serial(&registered.app.numbers[0]), 1);
        assert_sound(&ops.store);
    });
}

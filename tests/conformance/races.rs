//! Many threads on one store, on every engine: optimistic versions let
//! exactly one writer win each step, numbers stay gapless and unique under
//! concurrency, the journal chain stays whole, and with group commit the
//! writers share syncs.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use crate::common::*;
use crate::engines;
use qyzmet::domain::route::Status;
use qyzmet::ops::{ActKind, ActRequest, Ops, OpsError, OpsResult};
use qyzmet::store::model::Record;

const THREADS: usize = 8;

/// What happened to each attempt at a (number, version).
#[derive(Default)]
struct Tally {
    ok: BTreeMap<(String, u64), usize>,
    conflicts: usize,
    moved_on: usize,
}

impl Tally {
    fn record(&mut self, number: &str, version: u64, result: OpsResult<Record>) {
        match result {
            Ok(rec) => {
                assert_eq!(
                    rec.app.version,
                    version + 1,
                    "{number}: a win at version {version} must make version {}",
                    version + 1
                );
                *self.ok.entry((number.to_string(), version)).or_default() += 1;
            }
            Err(e @ OpsError::Stale { .. }) => {
                assert!(e.to_string().contains("changed meanwhile"), "{e}");
                self.conflicts += 1;
            }
            // The step moved on before this thread's act looked: the role or
            // the step no longer fits, or the application closed.
            Err(OpsError::Forbidden(_) | OpsError::Transition(_)) => self.moved_on += 1,
            Err(e) => panic!("{number} v{version}: unexpected error {e:?}"),
        }
    }

    fn merge(&mut self, other: Tally) {
        for (k, n) in other.ok {
            *self.ok.entry(k).or_default() += n;
        }
        self.conflicts += other.conflicts;
        self.moved_on += other.moved_on;
    }
}

/// Every application went the whole route once: one win per version, no
/// event, number or journal entry twice.
fn assert_whole_routes(ops: &Ops, numbers: &[String], tally: &Tally) {
    for number in numbers {
        let rec = ops.find(number).unwrap();
        assert_eq!(rec.app.status, Status::Issued, "{number}");
        // submit, register, assign, execute, sign, dispatch, the centre's
        // receipt, issue
        assert_eq!(rec.app.version, 8, "{number}");
        assert_eq!(rec.app.history.len(), 8, "{number}");
        assert_eq!(rec.app.numbers.len(), 2, "{number}: {:?}", rec.app.numbers);
        for v in 1..8 {
            assert_eq!(
                tally.ok.get(&(number.clone(), v)).copied().unwrap_or(0),
                1,
                "{number}: version {v} must have exactly one winner"
            );
        }
        let entries = ops
            .store
            .journal()
            .map(|e| e.unwrap())
            .filter(|e| e.app == Some(rec.id))
            .count();
        assert_eq!(entries, 8, "{number}: journal entries");
    }
    assert_eq!(tally.ok.len(), numbers.len() * 7);
    assert!(tally.ok.values().all(|&n| n == 1));
    let records = records(&ops.store);
    assert_eq!(records.len(), numbers.len());
    // Intake (KRG-SC), incoming and outgoing (KRG-ED) journals.
    assert_eq!(assert_numbers_gapless(&records), 3);
    // StoreCreated, two organisations, four users, then 8 per application.
    assert_eq!(ops.store.journal_len(), 7 + 8 * numbers.len());
    assert_sound(&ops.store);
}

#[test]
fn threads_racing_for_the_same_step_have_exactly_one_winner() {
    engines::each(|_, ops, _| {
        let ops = Arc::new(ops);
        let numbers: Vec<String> = (0..6).map(|n| submit(&ops, n).number).collect();
        let barrier = Barrier::new(THREADS);
        let tally = Mutex::new(Tally::default());
        thread::scope(|s| {
            for t in 0..THREADS {
                let (ops, numbers, barrier, tally) = (&ops, &numbers, &barrier, &tally);
                s.spawn(move || {
                    let mut mine = Tally::default();
                    loop {
                        // Everyone reads the same state, then everyone acts on it.
                        barrier.wait();
                        let seen: Vec<Record> =
                            numbers.iter().map(|n| ops.find(n).unwrap()).collect();
                        if seen.iter().all(|r| r.app.status.is_closed()) {
                            break;
                        }
                        barrier.wait();
                        for i in 0..seen.len() {
                            let rec = &seen[(i + t) % seen.len()];
                            if let Some(result) = advance(ops, rec) {
                                mine.record(&rec.number, rec.app.version, result);
                            }
                        }
                    }
                    tally.lock().unwrap().merge(mine);
                });
            }
        });
        let tally = tally.into_inner().unwrap();
        eprintln!(
            "{} wins, {} conflicts, {} saw the step move on",
            tally.ok.len(),
            tally.conflicts,
            tally.moved_on
        );
        // 8 threads on each of 7 acts of 6 applications (the centre's receipt
        // among them): 7 losers per act (refused by the version check, or by
        // the route once the step moved).
        assert_eq!(tally.conflicts + tally.moved_on, 6 * 7 * (THREADS - 1));
        assert_whole_routes(&ops, &numbers, &tally);
    });
}

#[test]
fn concurrent_intake_and_processing_keep_numbers_gapless_and_unique() {
    const PER_THREAD: usize = 20;
    engines::each(|engine, ops, _| {
        let ops = Arc::new(ops);
        let barrier = Arc::new(Barrier::new(THREADS));

        // Every thread submits at once.
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (ops, barrier) = (Arc::clone(&ops), Arc::clone(&barrier));
                thread::spawn(move || {
                    barrier.wait();
                    (0..PER_THREAD)
                        .map(|i| submit(&ops, t * PER_THREAD + i))
                        .collect::<Vec<Record>>()
                })
            })
            .collect();
        let submitted: Vec<Record> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        let total = THREADS * PER_THREAD;
        let numbers: Vec<String> = submitted.iter().map(|r| r.number.clone()).collect();
        assert_eq!(numbers.iter().collect::<BTreeSet<_>>().len(), total);
        let mut serials: Vec<u64> = numbers
            .iter()
            .map(|n| {
                assert_eq!(journal_of(n), "KRG-SC-2026", "{n}");
                serial(n)
            })
            .collect();
        serials.sort_unstable();
        assert_eq!(serials, (1..=total as u64).collect::<Vec<_>>());
        let ids: BTreeSet<u64> = submitted.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), total, "application ids are unique");
        assert_eq!(ops.store.app_count(), total);
        let (commits, syncs) = ops.store.commits_and_syncs();
        eprintln!("{commits} commits, {syncs} syncs");
        if engine.group_commit {
            assert!(syncs < commits, "{commits} commits took {syncs} syncs");
        }
        for r in &submitted {
            assert_eq!(
                ops.store.app_by_number(&r.number).unwrap().as_ref(),
                Some(r)
            );
        }
        assert_sound(&ops.store);

        // Then every thread works through every application, each in its own
        // order, acting at the version it read: registration and dispatch numbers
        // are allocated inside contended transactions.
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (ops, barrier) = (Arc::clone(&ops), Arc::clone(&barrier));
                let mut order = numbers.clone();
                order.rotate_left(t * PER_THREAD / 2);
                if t % 2 == 1 {
                    order.reverse();
                }
                thread::spawn(move || {
                    let mut mine = Tally::default();
                    barrier.wait();
                    loop {
                        let mut open = 0;
                        for number in &order {
                            let rec = ops.find(number).unwrap();
                            if let Some(result) = advance(&ops, &rec) {
                                open += 1;
                                mine.record(number, rec.app.version, result);
                            }
                        }
                        if open == 0 {
                            return mine;
                        }
                    }
                })
            })
            .collect();
        let mut tally = Tally::default();
        for h in handles {
            tally.merge(h.join().unwrap());
        }
        eprintln!(
            "{} wins, {} conflicts, {} saw the step move on",
            tally.ok.len(),
            tally.conflicts,
            tally.moved_on
        );
        assert_whole_routes(&ops, &numbers, &tally);
    });
}

#[test]
fn stale_readers_lose_even_when_their_act_still_fits() {
    // A withdrawal at the counter fits every open step, so only the version
    // check can stop an operator who looked at the application before it moved.
    engines::each(|_, ops, _| {
        let numbers: Vec<String> = (0..12)
            .map(|n| {
                let number = submit(&ops, n).number;
                for _ in 0..n % 6 {
                    let rec = ops.find(&number).unwrap();
                    advance(&ops, &rec).unwrap().unwrap();
                }
                number
            })
            .collect();
        let seen_before: Vec<Record> = numbers.iter().map(|n| ops.find(n).unwrap()).collect();
        let barrier = Barrier::new(THREADS);
        // (number, version) -> (thread is a withdrawer, result)
        let results = Mutex::new(Vec::new());
        thread::scope(|s| {
            for t in 0..THREADS {
                let (ops, numbers, barrier, results) = (&ops, &numbers, &barrier, &results);
                s.spawn(move || {
                    let seen: Vec<Record> = numbers.iter().map(|n| ops.find(n).unwrap()).collect();
                    let withdrawer = t >= THREADS / 2;
                    barrier.wait();
                    if withdrawer {
                        // Late: still looking at the old screen when the first
                        // application moves on.
                        let start = std::time::Instant::now();
                        while seen
                            .iter()
                            .all(|r| ops.find(&r.number).unwrap().app.version == r.app.version)
                        {
                            assert!(start.elapsed().as_secs() < 30, "nothing moved");
                            thread::sleep(std::time::Duration::from_millis(1));
                        }
                    }
                    let mut mine = Vec::new();
                    for i in 0..seen.len() {
                        let rec = &seen[(i + t) % seen.len()];
                        let result = if withdrawer {
                            let req = ActRequest {
                                version: Some(rec.app.version),
                                comment: Some("Заявитель отозвал заявление".into()),
                                ..ActRequest::default()
                            };
                            ops.act(OPERATOR, &rec.number, ActKind::Withdraw, req, now())
                        } else {
                            advance(ops, rec).unwrap()
                        };
                        mine.push((rec.number.clone(), rec.app.version, withdrawer, result));
                    }
                    results.lock().unwrap().extend(mine);
                });
            }
        });
        let results = results.into_inner().unwrap();
        assert_eq!(results.len(), THREADS * numbers.len());
        let mut step_wins = 0;
        let mut stale_withdrawals = 0;
        for before in &seen_before {
            let number = &before.number;
            let mine: Vec<_> = results.iter().filter(|r| &r.0 == number).collect();
            assert!(mine.iter().all(|r| r.1 == before.app.version));
            let winners: Vec<_> = mine.iter().filter(|r| r.3.is_ok()).collect();
            assert_eq!(winners.len(), 1, "{number}: exactly one winner");
            let after = ops.find(number).unwrap();
            assert_eq!(after.app.version, before.app.version + 1, "{number}");
            assert_eq!(winners[0].3.as_ref().unwrap(), &after);
            if winners[0].2 {
                assert_eq!(after.app.status, Status::Withdrawn, "{number}");
            } else {
                step_wins += 1;
                assert_ne!(after.app.status, Status::Withdrawn, "{number}");
                for (_, _, withdrawer, result) in &mine {
                    // (Once issued, nothing fits any more.)
                    if *withdrawer && !after.app.status.is_closed() {
                        // The withdrawal still fits the new step: only the
                        // version can have refused it.
                        assert!(
                            matches!(result, Err(OpsError::Stale { .. })),
                            "{number}: stale withdrawal got {result:?}"
                        );
                        stale_withdrawals += 1;
                    }
                }
            }
            for (_, _, _, result) in &mine {
                match result {
                    Ok(_)
                    | Err(
                        OpsError::Stale { .. } | OpsError::Forbidden(_) | OpsError::Transition(_),
                    ) => {}
                    Err(e) => panic!("{number}: unexpected error {e:?}"),
                }
            }
        }
        eprintln!("{step_wins} steps won, {stale_withdrawals} stale withdrawals refused");
        assert!(step_wins > 0 && stale_withdrawals > 0);
        let records = records(&ops.store);
        assert_numbers_gapless(&records);
        for r in &records {
            assert_eq!(r.app.history.len() as u64, r.app.version, "{}", r.number);
        }
        assert_sound(&ops.store);
    });
}

//! The report's cells kept in the store with every change: after any
//! sequence of intakes and steps they equal a recomputation from the
//! applications (what `qyzmet check` verifies), and the compliance report
//! added up from them equals the one folded from every application.

mod common;

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::domain::report::{
    ComplianceReport, ForecastRow, OverdueRow, Period, PeriodName, ReportFold, forecast, overdue,
};
use qyzmet::ops::Ops;
use qyzmet::ops::report::{ReportBody, ReportKind, ReportQuery, facts_of};
use qyzmet::store::model::Record;
use tempfile::TempDir;

use common::{HEAD, OPERATOR, at, create, next_act, submit_request};

/// Every application folded, as reports were read before the cells.
fn whole(ops: &Ops, period: Period, now: NaiveDateTime) -> ReportFold<'_> {
    let orgs: HashMap<_, _> = ops
        .store
        .orgs()
        .unwrap()
        .into_iter()
        .map(|o| (o.code.clone(), o))
        .collect();
    let mut fold = ReportFold::new(&ops.catalog, &ops.deadlines, period);
    for rec in ops.store.records() {
        let rec = rec.unwrap();
        let facts = facts_of(&rec, &orgs);
        for e in rec.app.history.iter().take_while(|e| e.at <= now) {
            fold.apply(&facts, e);
        }
    }
    fold
}

fn folded(ops: &Ops, period: Period, now: NaiveDateTime) -> ComplianceReport {
    whole(ops, period, now).report(now)
}

fn overdue_read(ops: &Ops, period: Period, now: NaiveDateTime) -> Vec<OverdueRow> {
    let query = ReportQuery {
        kind: ReportKind::Overdue,
        period,
        org: None,
        service: None,
    };
    match ops.report(HEAD, query, now).unwrap().body {
        ReportBody::Overdue(rows) => rows,
        other => panic!("{other:?}"),
    }
}

fn forecast_read(ops: &Ops, period: Period, now: NaiveDateTime) -> Vec<ForecastRow> {
    let query = ReportQuery {
        kind: ReportKind::Forecast,
        period,
        org: None,
        service: None,
    };
    match ops.report(HEAD, query, now).unwrap().body {
        ReportBody::Forecast(rows) => rows,
        other => panic!("{other:?}"),
    }
}

fn from_cells(ops: &Ops, period: Period, now: NaiveDateTime) -> ComplianceReport {
    let query = ReportQuery {
        kind: ReportKind::Compliance,
        period,
        org: None,
        service: None,
    };
    match ops.report(HEAD, query, now).unwrap().body {
        ReportBody::Compliance(c) => c,
        other => panic!("{other:?}"),
    }
}

/// One step of the walk: a new application, or the next step of the n-th.
#[derive(Debug, Clone)]
enum Move {
    Intake,
    Advance(usize),
}

fn moves() -> impl Strategy<Value = Vec<(Move, u16)>> {
    let one = prop_oneof![
        1 => Just(Move::Intake),
        3 => (0usize..8).prop_map(Move::Advance),
    ];
    // Each move some office minutes to a few days after the one before.
    prop::collection::vec((one, 1u16..3000), 1..28)
}

/// Walks `moves`; returns when it ended and how many changes were made.
fn walk(ops: &Ops, moves: &[(Move, u16)]) -> (NaiveDateTime, usize) {
    let mut made = 0;
    let mut t = at("2026-10-26T09:00");
    let mut apps: Vec<Record> = Vec::new();
    for (m, minutes) in moves {
        t += Duration::minutes(i64::from(*minutes));
        match m {
            Move::Intake => {
                let req = submit_request(apps.len());
                if let Ok(rec) = ops.submit(OPERATOR, req, t) {
                    apps.push(rec);
                    made += 1;
                }
            }
            Move::Advance(i) if !apps.is_empty() => {
                let i = i % apps.len();
                let Some((login, kind, req)) = next_act(&apps[i], ops) else {
                    continue;
                };
                // A refused step (too early, a day off) changes nothing: fine.
                if let Ok(rec) = ops.act(login, &apps[i].number.clone(), kind, req, t) {
                    apps[i] = rec;
                    made += 1;
                }
            }
            Move::Advance(_) => {}
        }
    }
    (t, made)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn kept_cells_equal_a_recomputation_after_any_walk(moves in moves()) {
        let dir = TempDir::new().unwrap();
        let ops = create(&dir.path().join("store"));
        let (end, _) = walk(&ops, &moves);
        prop_assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
        let now = end + Duration::hours(1);
        for period in [
            Period::named(PeriodName::ThisMonth, now.date()),
            Period::named(PeriodName::LastMonth, now.date()),
            Period::named(PeriodName::ThisYear, now.date()),
        ] {
            prop_assert_eq!(from_cells(&ops, period, now), folded(&ops, period, now));
        }
        // The overdue list, from the applications in progress only.
        let period = Period::named(PeriodName::ThisMonth, now.date());
        prop_assert_eq!(overdue_read(&ops, period, now), overdue(&whole(&ops, period, now), now));
        // The forecast, from those and the changes of its pace window only.
        let breaches: Vec<ForecastRow> = forecast(&whole(&ops, period, now), now)
            .into_iter()
            .filter(ForecastRow::breaches)
            .collect();
        prop_assert_eq!(forecast_read(&ops, period, now), breaches);
    }
}

#[test]
fn check_finds_cells_that_differ_and_a_rebuild_mends_them() {
    let dir = TempDir::new().unwrap();
    let ops = create(&dir.path().join("store"));
    let moves: Vec<(Move, u16)> = (0..6)
        .flat_map(|i| {
            [
                (Move::Intake, 30),
                (Move::Advance(i), 45),
                (Move::Advance(i), 600),
            ]
        })
        .collect();
    let (_, made) = walk(&ops, &moves);
    assert!(made >= 12, "{made} changes");
    assert!(ops.check_cells().unwrap().is_empty());
    let right = ops.recomputed_cells().unwrap();
    assert!(!right.is_empty(), "the walk counted something");
    // One cell's figures changed behind the store's back: check names it.
    let mut wrong = right.clone();
    let (key, cell) = wrong.iter_mut().next().unwrap();
    let key = key.clone();
    cell.tallies
        .entry(qyzmet::domain::report::GroupKey::Total)
        .or_default()
        .received += 7;
    ops.store.rebuild_cells(&wrong).unwrap();
    let findings = ops.check_cells().unwrap();
    let shown = String::from_utf8_lossy(&key.bytes()).into_owned();
    assert_eq!(findings, vec![format!("report cell out of date: {shown}")]);
    ops.store.rebuild_cells(&right).unwrap();
    assert!(ops.check_cells().unwrap().is_empty());
}

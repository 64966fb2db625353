//! The report's cells kept in the store with every change: after any
//! sequence of intakes and steps they equal a recomputation from the
//! applications (what `qyzmet check` verifies), and the compliance report
//! added up from them equals the one folded from every application.

mod common;

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::domain::report::{
    Cell, ComplianceReport, ForecastRow, GroupKey, Outlook, OverdueRow, Period, PeriodName,
    ReportFold, Tally, forecast, overdue,
};
use qyzmet::ops::Ops;
use qyzmet::ops::report::{ReportBody, ReportKind, ReportQuery, facts_of};
use qyzmet::store::codec;
use qyzmet::store::model::Record;
use tempfile::TempDir;

use common::{HEAD, OPERATOR, PROVIDER, at, create, next_act, org, submit_request, user};
use qyzmet::domain::catalog::{ProviderKind, StepAction};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::Status;
use qyzmet::ops::{ActKind, ActRequest};
use qyzmet::store::model::Organisation;

/// Who reads the reports, and which applications they see: the provider's
/// head in Karaganda, and the head of West Kazakhstan's akimat, whose step
/// the guardianship route has.
#[derive(Debug, Clone, Copy)]
enum Reader {
    KrgHead,
    Akimat,
}

impl Reader {
    const ALL: [Reader; 2] = [Reader::KrgHead, Reader::Akimat];

    fn login(self) -> &'static str {
        match self {
            Reader::KrgHead => HEAD,
            Reader::Akimat => "zak",
        }
    }

    fn sees(self, rec: &Record) -> bool {
        match self {
            Reader::KrgHead => rec.orgs.provider == PROVIDER,
            Reader::Akimat => rec.orgs.local_executive.as_deref() == Some(AKIMAT),
        }
    }
}

/// Every application `reader` sees folded, as reports were read before the cells.
fn whole(ops: &Ops, reader: Reader, period: Period, now: NaiveDateTime) -> ReportFold<'_> {
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
        if !reader.sees(&rec) {
            continue;
        }
        let facts = facts_of(&rec, &orgs);
        for e in rec.app.history.iter().take_while(|e| e.at <= now) {
            fold.apply(&facts, e);
        }
    }
    fold
}

fn folded(ops: &Ops, reader: Reader, period: Period, now: NaiveDateTime) -> ComplianceReport {
    whole(ops, reader, period, now).report(now)
}

fn overdue_read(ops: &Ops, reader: Reader, period: Period, now: NaiveDateTime) -> Vec<OverdueRow> {
    let query = ReportQuery {
        kind: ReportKind::Overdue,
        period,
        org: None,
        service: None,
    };
    match ops.report(reader.login(), query, now).unwrap().body {
        ReportBody::Overdue(rows) => rows,
        other => panic!("{other:?}"),
    }
}

fn forecast_read(
    ops: &Ops,
    reader: Reader,
    period: Period,
    now: NaiveDateTime,
) -> Vec<ForecastRow> {
    let query = ReportQuery {
        kind: ReportKind::Forecast,
        period,
        org: None,
        service: None,
    };
    match ops.report(reader.login(), query, now).unwrap().body {
        ReportBody::Forecast(rows) => rows,
        other => panic!("{other:?}"),
    }
}

fn from_cells(ops: &Ops, reader: Reader, period: Period, now: NaiveDateTime) -> ComplianceReport {
    let query = ReportQuery {
        kind: ReportKind::Compliance,
        period,
        org: None,
        service: None,
    };
    match ops.report(reader.login(), query, now).unwrap().body {
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
                let mut req = submit_request(apps.len());
                // Every other one is West Kazakhstan's, through the akimat.
                let operator = if apps.len() % 2 == 1 {
                    req.service = ZKO_SERVICE.into();
                    "zop"
                } else {
                    OPERATOR
                };
                if let Ok(rec) = ops.submit(operator, req, t) {
                    apps.push(rec);
                    made += 1;
                }
            }
            Move::Advance(i) if !apps.is_empty() => {
                let i = i % apps.len();
                let next = if apps[i].app.service == ZKO_SERVICE {
                    next_zko(&apps[i], ops)
                } else {
                    next_act(&apps[i], ops)
                };
                let Some((login, kind, req)) = next else {
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

const ZKO_SERVICE: &str = "zko-62-guardianship-establishment";
const AKIMAT: &str = "ZKO-AKIMAT";

/// West Kazakhstan: a centre, Uralsk's district executive body (the
/// provider) and the city's akimat, which adopts the guardianship
/// resolution (step 4, 001:356), with their staff.
fn seed_zko(ops: &Ops) {
    let zko = |code: &str, kind: OrgKind, kinds: Vec<ProviderKind>| Organisation {
        region: "west_kazakhstan".into(),
        ..org(code, kind, kinds, "uralsk")
    };
    for o in [
        zko("ZKO-SC", OrgKind::StateCorp, Vec::new()),
        zko(
            "ZKO-UR",
            OrgKind::Provider,
            vec![ProviderKind::DistrictExecutive],
        ),
        zko(AKIMAT, OrgKind::LocalExecutive, Vec::new()),
    ] {
        ops.add_org(o, "admin", common::now()).unwrap();
    }
    for (login, org, role) in [
        ("zop", "ZKO-SC", Role::Operator),
        ("zcl", "ZKO-UR", Role::Clerk),
        ("zhd", "ZKO-UR", Role::Head),
        ("zsp", "ZKO-UR", Role::Specialist),
        ("zak", AKIMAT, Role::Head),
    ] {
        ops.add_user(user(login, org, vec![role]), "admin", common::now())
            .unwrap();
    }
}

/// The store of the walks: Karaganda's fixture and West Kazakhstan's.
fn store(dir: &TempDir) -> Ops {
    let ops = create(&dir.path().join("store"));
    seed_zko(&ops);
    ops
}

/// Who takes the next step of a guardianship application in West Kazakhstan.
fn next_zko(rec: &Record, ops: &Ops) -> Option<(&'static str, ActKind, ActRequest)> {
    let mut req = ActRequest {
        version: Some(rec.app.version),
        ..ActRequest::default()
    };
    if rec.app.status == Status::ResultReady {
        // The centre marks the result's receipt, then issues it.
        if rec.app.holder.as_ref().map(|h| h.action) == Some(StepAction::Receive) {
            req.comment = Some("запись 1".into());
            return Some(("zop", ActKind::Receive, req));
        }
        req.recipient = Some(rec.app.applicant.iin.to_string());
        return Some(("zop", ActKind::Issue, req));
    }
    if rec.app.status != Status::InProgress {
        return None;
    }
    let service = ops.service(&rec.app.service).unwrap();
    let step = rec.app.current_step(service).unwrap();
    let login = match (step.org, step.action) {
        (OrgKind::LocalExecutive, _) => "zak",
        (_, StepAction::Register | StepAction::Dispatch) => "zcl",
        (_, StepAction::Assign) => {
            req.to = Some("zsp".into());
            req.comment = Some("Рассмотреть".into());
            "zhd"
        }
        (_, StepAction::Execute) => {
            req.approve = Some(true);
            req.comment = Some("Проект постановления".into());
            "zsp"
        }
        (_, other) => panic!("unexpected step {other} on the guardianship route"),
    };
    Some((login, ActKind::Step(step.action), req))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn kept_cells_equal_a_recomputation_after_any_walk(moves in moves()) {
        let dir = TempDir::new().unwrap();
        let ops = store(&dir);
        // First one application of each region, West Kazakhstan's through
        // the akimat's step (assign, execute, register first: 4 moves).
        let through_akimat = [Move::Intake, Move::Intake]
            .into_iter()
            .chain(std::iter::repeat_n(Move::Advance(1), 4))
            .map(|m| (m, 30));
        let moves: Vec<_> = through_akimat.chain(moves).collect();
        let (end, _) = walk(&ops, &moves);
        prop_assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
        let now = end + Duration::hours(1);
        for r in Reader::ALL {
            for period in [
                Period::named(PeriodName::ThisMonth, now.date()),
                Period::named(PeriodName::LastMonth, now.date()),
                Period::named(PeriodName::ThisYear, now.date()),
            ] {
                prop_assert_eq!(from_cells(&ops, r, period, now), folded(&ops, r, period, now));
            }
            // The overdue list, from the applications in progress only.
            let period = Period::named(PeriodName::ThisMonth, now.date());
            let all = whole(&ops, r, period, now);
            prop_assert_eq!(overdue_read(&ops, r, period, now), overdue(&all, now));
            // The forecast, from those and the pace in the cells of its window.
            let breaches: Vec<ForecastRow> = forecast(&all, now)
                .into_iter()
                .filter(ForecastRow::breaches)
                .collect();
            prop_assert_eq!(forecast_read(&ops, r, period, now), breaches);
        }
    }
}

#[test]
fn check_finds_cells_that_differ_and_a_rebuild_mends_them() {
    let dir = TempDir::new().unwrap();
    let ops = store(&dir);
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

/// The akimat's step counts under the akimat: its row has the step, the
/// provider's the other four, in the cells as in a fold of the history;
/// while the application waits there, it is the akimat's to act on.
#[test]
fn the_akimats_step_counts_under_the_akimat() {
    use qyzmet::domain::report::{GroupKey, HolderKey};
    let dir = TempDir::new().unwrap();
    let ops = store(&dir);
    let mut t = at("2026-11-23T10:00");
    let mut req = submit_request(1);
    req.service = ZKO_SERVICE.into();
    let mut rec = ops.submit("zop", req, t).unwrap();
    assert_eq!(rec.orgs.local_executive.as_deref(), Some(AKIMAT));
    let period = Period::named(PeriodName::ThisMonth, t.date());
    let mut waited_at_akimat = false;
    while let Some((login, kind, req)) = next_zko(&rec, &ops) {
        if login == "zak" {
            let rows = overdue(
                &whole(&ops, Reader::Akimat, period, t),
                t + Duration::days(30),
            );
            let holders: Vec<_> = rows.iter().map(|r| r.holder.clone()).collect();
            assert_eq!(
                holders,
                [HolderKey::Office {
                    org: AKIMAT.into(),
                    role: Role::Head
                }],
                "late at the akimat's step: the akimat's"
            );
            waited_at_akimat = true;
        }
        t += Duration::minutes(10);
        rec = ops.act(login, &rec.number.clone(), kind, req, t).unwrap();
    }
    assert!(waited_at_akimat);
    assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
    let now = t + Duration::hours(1);
    let report = from_cells(&ops, Reader::Akimat, period, now);
    assert_eq!(report, folded(&ops, Reader::Akimat, period, now));
    let steps = |key: GroupKey| {
        report
            .rows
            .iter()
            .find(|r| r.key == key)
            .map(|r| r.tally.steps_completed)
    };
    assert_eq!(steps(GroupKey::Org(AKIMAT.into())), Some(1));
    assert_eq!(steps(GroupKey::Org("ZKO-UR".into())), Some(4));
    assert_eq!(steps(GroupKey::Total), Some(5));
    // The application itself counts with its provider.
    let received = report
        .rows
        .iter()
        .find(|r| r.key == GroupKey::Org("ZKO-UR".into()))
        .unwrap();
    assert_eq!((received.tally.received, received.tally.completed), (1, 1));
    // Karaganda's head sees none of it.
    let krg = from_cells(&ops, Reader::KrgHead, period, now);
    assert!(
        krg.rows.iter().all(|r| r.tally == Default::default()),
        "{krg:?}"
    );
}

/// The sled store at `path` opened raw, with its meta and index trees.
fn sled_trees(path: &std::path::Path) -> (sled::Db, sled::Tree, sled::Tree) {
    let db = sled::open(path).unwrap();
    let (meta, index) = (
        db.open_tree("meta").unwrap(),
        db.open_tree("index").unwrap(),
    );
    (db, meta, index)
}

/// Rewrites the store at `path` as a store kept before the akimat was in
/// the cells' keys: layout 1, flagged complete under `report_cells`, keys
/// `g/DAY/SERVICE/INTAKE/PROVIDER/AKIM` (an akimat's applications' cells
/// under their provider's key, where another cell may be written over).
fn write_layout_1(path: &std::path::Path) {
    let (db, meta, index) = sled_trees(path);
    let mut rekeyed = 0;
    for kv in index.scan_prefix(b"g/") {
        let (k, v) = kv.unwrap();
        let parts: Vec<&[u8]> = k.split(|b| *b == b'/').collect();
        if parts.len() == 7 {
            index.remove(&k).unwrap();
            index.insert(parts[..6].join(&b'/'), v).unwrap();
            rekeyed += 1;
        }
    }
    assert!(rekeyed > 0, "the walk went through the akimat");
    assert!(
        meta.remove(qyzmet::store::cells::CELLS_FLAG)
            .unwrap()
            .is_some()
    );
    meta.insert(b"report_cells", &[1u8]).unwrap();
    db.flush().unwrap();
}

/// A cell of layout 2: no holders' completions (`Cell::pace`).
#[derive(serde::Serialize)]
struct CellBeforePace {
    tallies: std::collections::BTreeMap<GroupKey, Tally>,
    samples: std::collections::BTreeMap<GroupKey, std::collections::BTreeMap<i64, u32>>,
}

/// Rewrites the store at `path` as a store kept before the cells counted
/// the holders' pace: every cell encoded without it, flagged `report_cells/v2`.
/// Returns how many cells had a pace.
fn write_layout_2(path: &std::path::Path) -> usize {
    let (db, meta, index) = sled_trees(path);
    let mut paced = 0;
    for kv in index.scan_prefix(b"g/") {
        let (k, v) = kv.unwrap();
        let cell: Cell = codec::decode(&v).unwrap();
        paced += usize::from(!cell.pace.is_empty());
        let old = CellBeforePace {
            tallies: cell.tallies,
            samples: cell.samples,
        };
        index.insert(k, codec::encode(&old)).unwrap();
    }
    assert!(
        meta.remove(qyzmet::store::cells::CELLS_FLAG)
            .unwrap()
            .is_some()
    );
    meta.insert(b"report_cells/v2", &[1u8]).unwrap();
    db.flush().unwrap();
    paced
}

/// The forecast's breaches as read from every application.
fn forecast_whole(
    ops: &Ops,
    reader: Reader,
    period: Period,
    now: NaiveDateTime,
) -> Vec<ForecastRow> {
    let mut rows = forecast(&whole(ops, reader, period, now), now);
    rows.retain(ForecastRow::breaches);
    rows
}

/// A store kept before the pace was in the cells: its cells read (with no
/// pace), a change still writes them, its forecast is read from the
/// applications until a start mends the cells, and then from the cells,
/// the same.
#[test]
fn cells_without_the_pace_are_read_written_and_mended() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("store");
    let ops = store(&dir);
    let moves: Vec<(Move, u16)> = [Move::Intake, Move::Intake, Move::Intake, Move::Intake]
        .into_iter()
        .chain((0..10).map(Move::Advance))
        .map(|m| (m, 40))
        .collect();
    let (end, _) = walk(&ops, &moves);
    drop(ops);
    assert!(write_layout_2(&path) > 0, "the walk completed steps");
    let ops = common::ops_on(qyzmet::store::Store::open(&path).unwrap());
    assert!(!ops.store.cells_complete().unwrap());
    assert!(
        ops.store
            .all_cells()
            .unwrap()
            .values()
            .all(|c| c.pace.is_empty())
    );
    // An intake on a day whose cell is of the old layout.
    assert_eq!(walk(&ops, &[(Move::Intake, 40)]).1, 1);
    let nows = [end + Duration::days(1), end + Duration::days(4)];
    let period = Period::named(PeriodName::ThisYear, end.date());
    let mut paced = 0;
    let mut right = Vec::new();
    for now in nows {
        for r in Reader::ALL {
            let rows = forecast_whole(&ops, r, period, now);
            paced += rows.iter().filter(|f| f.outlook != Outlook::NoPace).count();
            assert_eq!(
                forecast_read(&ops, r, period, now),
                rows,
                "{r:?} at {now}, unmended"
            );
            right.push(rows);
        }
    }
    assert!(paced > 0, "some forecast breach has a pace");
    assert!(ops.mend_cells(|_| {}).unwrap());
    assert_eq!(
        ops.store.all_cells().unwrap(),
        ops.recomputed_cells().unwrap()
    );
    let mended: Vec<_> = nows
        .iter()
        .flat_map(|&now| Reader::ALL.map(|r| forecast_read(&ops, r, period, now)))
        .collect();
    assert_eq!(mended, right, "from the mended cells");
    assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
}

/// Intakes in both regions, each application walked to its end.
fn walk_to_the_end(ops: &Ops) -> NaiveDateTime {
    let moves: Vec<(Move, u16)> = [Move::Intake, Move::Intake, Move::Intake, Move::Intake]
        .into_iter()
        .chain((0..24).map(Move::Advance))
        .map(|m| (m, 40))
        .collect();
    walk(ops, &moves).0
}

/// A store whose cells are of an older layout is not trusted: its reports
/// are read from the applications (still right), and `check` rebuilds the
/// cells, clean after; what the old cells said differed.
#[test]
fn cells_of_an_older_layout_are_rebuilt_by_check() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("store");
    let ops = store(&dir);
    let now = walk_to_the_end(&ops) + Duration::hours(1);
    let period = Period::named(PeriodName::ThisYear, now.date());
    let right: Vec<_> = Reader::ALL
        .iter()
        .map(|r| folded(&ops, *r, period, now))
        .collect();
    drop(ops);
    write_layout_1(&path);
    let ops = common::ops_on(qyzmet::store::Store::open(&path).unwrap());
    assert!(!ops.store.cells_complete().unwrap());
    assert_ne!(
        ops.store.all_cells().unwrap(),
        ops.recomputed_cells().unwrap(),
        "the old cells are stale"
    );
    for (r, right) in Reader::ALL.iter().zip(&right) {
        assert_eq!(&from_cells(&ops, *r, period, now), right, "{r:?}");
    }
    assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
    assert!(ops.store.cells_complete().unwrap());
    assert_eq!(
        ops.store.all_cells().unwrap(),
        ops.recomputed_cells().unwrap()
    );
    // Now complete, a second check compares them, and reports add them up.
    assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
    for (r, right) in Reader::ALL.iter().zip(&right) {
        assert_eq!(&from_cells(&ops, *r, period, now), right, "{r:?}");
    }
}

/// What a server or a workstation does at its start (`mend_cells`, with a
/// progress bar): cells of an older layout rebuilt once, then left alone.
#[test]
fn cells_of_an_older_layout_are_mended_at_a_start() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("store");
    let ops = store(&dir);
    walk_to_the_end(&ops);
    drop(ops);
    write_layout_1(&path);
    let ops = common::ops_on(qyzmet::store::Store::open(&path).unwrap());
    let mut told = Vec::new();
    assert!(ops.mend_cells(|n| told.push(n)).unwrap());
    assert!(!told.is_empty(), "progress is told");
    assert!(ops.store.cells_complete().unwrap());
    assert_eq!(
        ops.store.all_cells().unwrap(),
        ops.recomputed_cells().unwrap()
    );
    assert!(!ops.mend_cells(|_| {}).unwrap(), "complete: nothing to do");
    assert_eq!(ops.check_cells().unwrap(), Vec::<String>::new());
}

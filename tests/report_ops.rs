//! Who may read which reports, decided in ops: the permission matrix for
//! report scopes, and a narrowing to one organisation checked against it.

mod common;

use chrono::NaiveDate;
use common::*;
use qyzmet::domain::report::{Period, Tally};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::ops::report::{ReportBody, ReportKind, ReportQuery, ReportScope};
use qyzmet::ops::{Ops, OpsError};

const OTHER_PROVIDER: &str = "KRG-ED2";
const OTHER_REGION: &str = "ZKO-ED";

fn setup(dir: &std::path::Path) -> Ops {
    let ops = create(dir);
    let mut near = org(OTHER_PROVIDER, OrgKind::Provider, provider_kinds(), "saran");
    near.region = REGION.into();
    let mut far = org(OTHER_REGION, OrgKind::Provider, provider_kinds(), "uralsk");
    far.region = "west_kazakhstan".into();
    ops.add_org(near, "admin", now()).unwrap();
    ops.add_org(far, "admin", now()).unwrap();
    for u in [
        user("sc-head", CENTRE, vec![Role::Head]),
        user("head2", OTHER_PROVIDER, vec![Role::Head]),
        user("sup", OTHER_PROVIDER, vec![Role::Supervisor]),
        user("sup-zko", OTHER_REGION, vec![Role::Supervisor]),
    ] {
        ops.add_user(u, "admin", now()).unwrap();
    }
    for n in 0..3 {
        submit(&ops, n);
    }
    ops
}

fn query(org: Option<&str>) -> ReportQuery {
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    ReportQuery {
        kind: ReportKind::Compliance,
        period: Period::new(day, day).unwrap(),
        org: org.map(str::to_string),
        service: None,
    }
}

/// What `login` is told: the applications received in its view, or refused.
fn received(ops: &Ops, login: &str, org: Option<&str>) -> Result<u32, String> {
    match ops.report(login, query(org), now()) {
        Ok(r) => match r.body {
            ReportBody::Compliance(c) => Ok(c.total().map_or(0, |t| t.tally.received)),
            other => panic!("a compliance query answered {other:?}"),
        },
        Err(OpsError::Forbidden(_)) => Err("forbidden".into()),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn report_scopes_follow_role_and_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let ops = setup(dir.path());
    // The three applications were taken in at KRG-SC for KRG-ED (Karaganda).
    let forbidden = || Err("forbidden".to_string());
    let matrix: [(&str, Option<&str>, Result<u32, String>); 16] = [
        (HEAD, None, Ok(3)),
        (HEAD, Some(PROVIDER), Ok(3)),
        (HEAD, Some(CENTRE), forbidden()),
        ("head2", None, Ok(0)),
        ("head2", Some(PROVIDER), forbidden()),
        ("sc-head", None, Ok(3)),
        ("sc-head", Some(PROVIDER), forbidden()),
        ("sup", None, Ok(3)),
        ("sup", Some(PROVIDER), Ok(3)),
        ("sup", Some(OTHER_PROVIDER), Ok(0)),
        ("sup", Some(OTHER_REGION), forbidden()),
        ("sup-zko", None, Ok(0)),
        ("sup-zko", Some(PROVIDER), forbidden()),
        (SPECIALIST, None, forbidden()),
        (OPERATOR, None, forbidden()),
        (CLERK, None, forbidden()),
    ];
    for (login, org, expected) in matrix {
        assert_eq!(
            received(&ops, login, org),
            expected,
            "{login} asking for {org:?}"
        );
    }
    assert_eq!(
        ops.report_scope("sup").unwrap(),
        ReportScope::Region(REGION.into())
    );
    assert_eq!(
        ops.report_scope("sc-head").unwrap(),
        ReportScope::Org(CENTRE.into())
    );
    assert!(matches!(
        ops.report("sup", query(Some("NOPE")), now()),
        Err(OpsError::NotFound(_))
    ));
}

#[test]
fn the_overdue_list_and_step_figures_come_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let ops = setup(dir.path());
    // Two days later the first step (15 minutes) is long overdue for all three.
    let later = at("2026-11-25T10:00");
    let mut q = query(None);
    q.kind = ReportKind::Overdue;
    let ReportBody::Overdue(rows) = ops.report(HEAD, q.clone(), later).unwrap().body else {
        panic!("not an overdue list");
    };
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.holder.org() == PROVIDER));
    q.kind = ReportKind::Steps;
    let report = ops.report(HEAD, q, later).unwrap();
    let ReportBody::Compliance(c) = report.body else {
        panic!("not a compliance report");
    };
    assert_eq!(
        c.total().unwrap().tally,
        Tally {
            received: 3,
            overdue_now: 3,
            ..Tally::default()
        }
    );
}

/// `Request::Report` over the socket: the session's user decides the scope,
/// whatever login the client names.
#[test]
fn a_report_through_the_server_is_the_session_users() {
    use qyzmet::catalog_files::Sources;
    use qyzmet::ops::backend::Backend;
    use qyzmet::server::remote::Remote;
    use qyzmet::server::serve::{ServeOptions, bind, serve};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let dir = tempfile::tempdir().unwrap();
    let ops = setup(&dir.path().join("store"));
    let socket = dir.path().join("q.sock");
    let listener = bind(&socket).unwrap();
    let opts = ServeOptions {
        socket: socket.clone(),
        idle: std::time::Duration::from_secs(600),
        sources: Sources::load(None, None).unwrap(),
        clock: now,
        cli: None,
        anchor_every: 0,
        limits: Default::default(),
    };
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let server = std::thread::spawn(move || serve(ops, listener, opts, s));

    let anonymous = Remote::connect(&socket).unwrap();
    assert!(matches!(
        anonymous.report(HEAD, query(None), now()),
        Err(OpsError::SessionExpired)
    ));
    let head2 = Remote::connect(&socket).unwrap();
    head2.login("head2", "password1", now()).unwrap();
    // Naming another head changes nothing: the session is head2's.
    let r = head2.report(HEAD, query(None), now()).unwrap();
    assert_eq!(r.scope, ReportScope::Org(OTHER_PROVIDER.into()));
    assert!(matches!(
        head2.report(HEAD, query(Some(PROVIDER)), now()),
        Err(OpsError::Forbidden(_))
    ));
    let sup = Remote::connect(&socket).unwrap();
    sup.login("sup", "password1", now()).unwrap();
    let ReportBody::Compliance(c) = sup.report("sup", query(None), now()).unwrap().body else {
        panic!("not a compliance report");
    };
    assert_eq!(c.total().unwrap().tally.received, 3);
    let spec = Remote::connect(&socket).unwrap();
    spec.login(SPECIALIST, "password1", now()).unwrap();
    assert!(matches!(
        spec.report(SPECIALIST, query(None), now()),
        Err(OpsError::Forbidden(_))
    ));
    stop.store(true, Ordering::Relaxed);
    server.join().unwrap().unwrap();
}

/// Several reports in one request (the Reports pane's) are each what it
/// would be alone, in the order asked; one refused query refuses them all.
#[test]
fn reports_read_together_equal_each_read_alone() {
    let dir = demo_store();
    let ops = ops_on(qyzmet::store::Store::open(&dir.path().join("store")).unwrap());
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let later = at("2026-11-26T15:00");
    let kinds = [
        ReportKind::Compliance,
        ReportKind::Overdue,
        ReportKind::Forecast,
        ReportKind::Steps,
    ];
    for login in ["head", "supervisor"] {
        let queries: Vec<ReportQuery> = kinds
            .iter()
            .map(|&kind| ReportQuery {
                kind,
                period: Period::new(from, to).unwrap(),
                org: None,
                service: None,
            })
            .collect();
        let together = ops.reports(login, queries.clone(), later).unwrap();
        let alone: Vec<_> = queries
            .into_iter()
            .map(|q| ops.report(login, q, later).unwrap())
            .collect();
        assert_eq!(together, alone, "{login}");
        let ReportBody::Compliance(c) = &together[0].body else {
            panic!("the first is not a compliance report");
        };
        assert!(
            c.total().unwrap().tally.received > 0,
            "{login}: an empty report proves nothing"
        );
    }
    let mut outside = query(Some(OTHER_REGION));
    outside.period = Period::new(from, to).unwrap();
    let refused = ops.reports("head", vec![query(None), outside], later);
    assert!(
        matches!(
            refused,
            Err(OpsError::Forbidden(_)) | Err(OpsError::NotFound(_))
        ),
        "{refused:?}"
    );
}

//! The demo region: built through `Ops` only, consistent, covering every
//! status and SLA state, and routing every Karaganda service to its provider
//! (and West Kazakhstan's and Zhambyl's demo services to theirs).

#[path = "common/served.rs"]
mod served;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use qyzmet::catalog_files;
use qyzmet::demo::{self, DemoSummary};
use qyzmet::domain::calendar::SlaState;
use qyzmet::domain::catalog::Channel;
use qyzmet::domain::roles::Role;
use qyzmet::domain::route::{Deadlines, EventKind, Status};
use qyzmet::ops::{Ops, SubmitRequest};
use qyzmet::store::Store;
use qyzmet::store::model::Record;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn build(dir: &std::path::Path, now: NaiveDateTime, n: usize) -> (Ops, DemoSummary) {
    let store = Store::create(&dir.join("store"), now).unwrap();
    let ops = Ops::new(
        store,
        catalog_files::embedded().unwrap(),
        Deadlines::new(catalog_files::calendar(None).unwrap()),
    );
    let mut seen = Vec::new();
    let summary = demo::populate(&ops, now, n, &mut |k| seen.push(k)).unwrap();
    assert_eq!(
        seen,
        (1..=n as u64).collect::<Vec<_>>(),
        "progress once per application"
    );
    (ops, summary)
}

fn records(ops: &Ops) -> Vec<Record> {
    ops.store.records().map(|r| r.unwrap()).collect()
}

#[test]
fn demo_region_is_complete_consistent_and_spread() {
    let dir = tempfile::tempdir().unwrap();
    // A Monday morning.
    let now = at("2026-11-23T10:00");
    let (ops, summary) = build(dir.path(), now, 40);

    // Organisations and staff.
    assert_eq!(summary.orgs, 9);
    assert_eq!(ops.store.orgs().unwrap().len(), 9);
    // The cities' akimats, the local executive bodies (001:356, 371), with
    // their akims and offices: Karaganda's, and Oral's beside West
    // Kazakhstan's provider of guardianship, in its region and district.
    for code in ["KRG-AKIMAT", "ZKO-AKIMAT"] {
        let akimat = ops.store.org(code).unwrap().expect("the akimat");
        assert_eq!(akimat.kind, qyzmet::domain::roles::OrgKind::LocalExecutive);
    }
    for (code, region) in [
        ("ZKO-ED", "west_kazakhstan"),
        ("ZKO-AKIMAT", "west_kazakhstan"),
        ("ZHB-ED", "zhambyl"),
    ] {
        assert_eq!(ops.store.org(code).unwrap().unwrap().region, region);
    }
    let zko = |c: &str| ops.store.org(c).unwrap().unwrap().district;
    assert_eq!(zko("ZKO-ED"), zko("ZKO-AKIMAT"));
    assert_eq!(summary.password, "qyzmet-demo");
    let users = ops.store.users().unwrap();
    assert_eq!(users.len(), summary.users.len());
    // The region's supervisor only reads reports: the demo adds one when
    // the workstation has its Reports pane.
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Supervisor) {
        assert!(
            users.iter().any(|u| u.roles.contains(&role)),
            "nobody is a {role}"
        );
    }
    for org in ["KRG-ED", "KRG-SP", "KRG-EC", "KRG-AK", "ZKO-ED", "ZHB-ED"] {
        for role in [Role::Clerk, Role::Head, Role::Specialist] {
            assert!(
                users.iter().any(|u| u.org == org && u.roles == [role]),
                "{org} has no {role}"
            );
        }
    }
    for (org, role) in ["KRG-AKIMAT", "ZKO-AKIMAT"]
        .into_iter()
        .flat_map(|o| [(o, Role::Clerk), (o, Role::Head)])
        .chain([("ZKO-ED", Role::Supervisor), ("ZHB-ED", Role::Supervisor)])
    {
        assert!(
            users.iter().any(|u| u.org == org && u.roles == [role]),
            "{org} has no {role}"
        );
    }
    for login in [
        "operator",
        "clerk",
        "head",
        "specialist",
        "specialist2",
        "sp-clerk",
        "sp-head",
        "sp-specialist",
        "ec-clerk",
        "ec-head",
        "ec-specialist",
        "akim-clerk",
        "akim",
        "akim-specialist",
    ] {
        let u = ops.caller(login).unwrap().0;
        assert!(u.active && u.os_user.is_none() && u.failed_logins == 0);
        assert!(summary.users.iter().any(|(l, _, _)| l == login));
    }
    let operator = ops.store.user("operator").unwrap().unwrap();
    assert!(qyzmet::ops::auth::verify_password(
        "qyzmet-demo",
        &operator.password_hash
    ));

    // Applications: every status, several services, channels and steps.
    let recs = records(&ops);
    assert_eq!(recs.len(), 40);
    assert_eq!(summary.applications, 40);
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &recs {
        *by_status.entry(r.app.status.as_str()).or_default() += 1;
    }
    println!("statuses: {by_status:?}");
    for s in ["in_progress", "refused_at_intake", "withdrawn"] {
        assert!(
            by_status.contains_key(s),
            "no {s} application: {by_status:?}"
        );
    }
    assert!(
        by_status.contains_key("result_ready") || by_status.contains_key("issued"),
        "nothing finished: {by_status:?}"
    );
    let services: BTreeSet<&str> = recs.iter().map(|r| r.app.service.as_str()).collect();
    let channels: BTreeSet<Channel> = recs.iter().map(|r| r.app.channel).collect();
    assert!(services.len() >= 8, "{services:?}");
    assert!(channels.len() >= 3, "{channels:?}");
    // Every application is of a service of its provider's region.
    for r in &recs {
        let provider = ops.store.org(&r.orgs.provider).unwrap().unwrap();
        let service = ops.service(&r.app.service).unwrap();
        assert_eq!(provider.region, service.region, "{}", r.number);
    }

    // SLA at `now`: some overdue, some not.
    let mut sla: BTreeMap<SlaState, usize> = BTreeMap::new();
    let mut steps = BTreeSet::new();
    for r in recs.iter().filter(|r| r.app.status == Status::InProgress) {
        let service = ops.service(&r.app.service).unwrap();
        steps.insert(r.app.current_step(service).unwrap().action.as_str());
        if let Some(s) = r.app.step_sla(service, &ops.deadlines, now) {
            *sla.entry(s.state).or_default() += 1;
        }
    }
    println!("SLA at now: {sla:?}; steps in progress: {steps:?}");
    let in_progress: Vec<&Record> = recs
        .iter()
        .filter(|r| r.app.status == Status::InProgress)
        .collect();
    assert!(
        in_progress
            .iter()
            .any(|r| r.app.step_due.is_some_and(|d| d < now)),
        "nothing overdue"
    );
    assert!(
        in_progress
            .iter()
            .any(|r| r.app.step_due.is_some_and(|d| d >= now)),
        "everything overdue"
    );
    assert!(steps.len() >= 3, "in-progress steps: {steps:?}");

    // Decisions of both kinds, returns, and nothing after `now`.
    let events: Vec<_> = recs.iter().flat_map(|r| &r.app.history).collect();
    assert!(events.iter().all(|e| e.at <= now));
    assert!(recs.iter().any(|r| r.app.outcome().is_some()));
    for r in &recs {
        assert!(r.app.history.windows(2).all(|w| w[0].at <= w[1].at));
        let service = ops.service(&r.app.service).unwrap();
        r.app.check_invariants(service).unwrap();
    }

    // The person registry knows every applicant by the name they applied
    // under, and some people who have not applied yet.
    let mut applicants = BTreeSet::new();
    for r in &recs {
        let person = ops
            .person("operator", &r.app.applicant.iin.to_string())
            .unwrap()
            .unwrap_or_else(|| panic!("{} is not in the registry", r.app.applicant.iin));
        assert_eq!(person.full_name, r.app.applicant.name, "{}", r.number);
        assert_eq!(person.phone, r.app.applicant.phone, "{}", r.number);
        assert!(person.address.is_some() && person.district.is_some());
        applicants.insert(r.app.applicant.iin);
    }
    assert_eq!(summary.persons, ops.store.person_count());
    // Twenty who have not applied, and the walk-in the tours take in (900415300123).
    assert_eq!(summary.persons, applicants.len() + 21);

    // The store is sound and the journal runs forward in time after its creation.
    assert_eq!(ops.store.check(|_| {}).unwrap(), Vec::<String>::new());
    assert_eq!(ops.store.verify_journal().unwrap(), Vec::<String>::new());
    let journal: Vec<_> = ops.store.journal().map(|e| e.unwrap()).collect();
    assert!(journal[1..].windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn larger_demo_covers_every_sla_state_and_status() {
    let dir = tempfile::tempdir().unwrap();
    // A Thursday afternoon.
    let now = at("2026-03-19T16:20");
    let (ops, _) = build(dir.path(), now, 200);
    let recs = records(&ops);
    let statuses: BTreeSet<&str> = recs.iter().map(|r| r.app.status.as_str()).collect();
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    let mut sla = BTreeMap::new();
    for r in &recs {
        let service = ops.service(&r.app.service).unwrap();
        if let Some(s) = r.app.step_sla(service, &ops.deadlines, now) {
            *sla.entry(s.state).or_insert(0) += 1;
        }
    }
    println!("SLA at now: {sla:?}");
    assert_eq!(sla.len(), 3, "{sla:?}");
    // Heads returned drafts; specialists refused some.
    let returned = recs
        .iter()
        .filter(|r| {
            r.app
                .history
                .iter()
                .any(|e| matches!(e.what, qyzmet::domain::route::EventKind::Returned { .. }))
        })
        .count();
    let refused = recs
        .iter()
        .filter(|r| r.app.outcome() == Some(qyzmet::domain::catalog::ResultKind::Refusal))
        .count();
    assert!(
        returned > 0 && refused > 0,
        "returned {returned}, refused {refused}"
    );
    assert_eq!(ops.store.check(|_| {}).unwrap(), Vec::<String>::new());
}

#[test]
fn same_moment_same_region() {
    let now = at("2026-11-23T10:00");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let strip = |ops: &Ops| -> Vec<_> {
        records(ops)
            .into_iter()
            .map(|r| (r.number, r.orgs, r.app))
            .collect()
    };
    assert_eq!(
        strip(&build(a.path(), now, 12).0),
        strip(&build(b.path(), now, 12).0)
    );
}

/// An applicant outside the demo's registry, imported where a test needs them.
const TEST_IIN: &str = "800101300016";

#[test]
fn every_active_karaganda_service_resolves_to_its_intended_provider() {
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-11-23T10:00");
    let (ops, _) = build(dir.path(), now, 0);
    // The State Corporation takes in only a person the registry knows (ГБД ФЛ).
    let csv = format!("iin,full_name\n{TEST_IIN},Тестов Тест Тестұлы\n");
    ops.import_persons(&csv, "test", now).unwrap();
    let mut unused = Vec::new();
    let mut checked = 0;
    for service in ops.catalog.iter() {
        if service.region != "karaganda" || service.excluded {
            continue;
        }
        let intended = demo::intended_provider(service)
            .unwrap_or_else(|| panic!("{} has no demo provider", service.id));
        let family = if service.id.starts_with("krg-34-") {
            "KRG-ED"
        } else if service.id.contains("employment")
            || service.id.contains("unemployed")
            || service.id.contains("jobseeker")
        {
            "KRG-EC"
        } else {
            "KRG-SP"
        };
        assert_eq!(intended, family, "{}", service.id);
        let channels = demo::intake_channels(service);
        assert!(!channels.is_empty(), "{} is taken in nowhere", service.id);
        for &c in &service.channels {
            if !channels.iter().any(|(x, _)| *x == c) {
                unused.push((service.id.clone(), c));
            }
        }
        for (channel, login) in channels {
            let rec = ops
                .submit(
                    login,
                    SubmitRequest {
                        district: None,
                        service: service.id.clone(),
                        channel,
                        iin: TEST_IIN.into(),
                        name: "Тестов Тест Тестұлы".into(),
                        phone: None,
                        representative: None,
                        org: None,
                        documents: None,
                        expired: Vec::new(),
                        notarised: false,
                    },
                    now,
                )
                .unwrap_or_else(|e| panic!("{} via {channel} by {login}: {e}", service.id));
            assert_eq!(
                rec.orgs.provider, intended,
                "{} via {channel} by {login}",
                service.id
            );
            assert_eq!(rec.app.status, Status::InProgress);
            checked += 1;
        }
    }
    assert!(checked >= 25, "{checked}");
    // Every channel of every service is taken in somewhere in the demo.
    assert_eq!(unused, Vec::<(String, Channel)>::new());
}

/// Issue events of a history: the counter's, and any step completed as `issue`.
fn issues(app: &qyzmet::domain::route::Application) -> Vec<qyzmet::domain::roles::OrgKind> {
    app.history
        .iter()
        .filter(|e| e.what.is_issue())
        .map(|e| e.actor.org)
        .collect()
}

#[test]
fn every_demo_application_keeps_to_its_route_as_check_replays_it() {
    // Issue 11 item 15: KRG-SC-2026-000048 was `result_ready` at the counter
    // although its history recorded the provider issuing it.
    use qyzmet::domain::roles::OrgKind;
    for now in [at("2026-11-23T10:00"), at("2026-03-19T16:20")] {
        let dir = tempfile::tempdir().unwrap();
        let (ops, _) = build(dir.path(), now, 200);
        // What `qyzmet check` runs over the applications.
        assert_eq!(
            ops.store.check_routes(&ops.catalog).unwrap(),
            Vec::<String>::new()
        );
        let mut state_corp_issued = 0;
        for r in records(&ops) {
            let issued = issues(&r.app);
            match r.app.status {
                // A portal result may reach the cabinet without anyone issuing it.
                Status::Issued if r.app.channel == Channel::Portal => {
                    assert!(issued.len() <= 1, "{}", r.number)
                }
                Status::Issued => assert_eq!(issued.len(), 1, "{}", r.number),
                _ => assert!(
                    issued.is_empty(),
                    "{} is {}",
                    r.number,
                    r.app.status.as_str()
                ),
            }
            if r.app.channel == Channel::StateCorp && r.app.status == Status::Issued {
                assert_eq!(issued, vec![OrgKind::StateCorp], "{}", r.number);
                state_corp_issued += 1;
            }
        }
        assert!(state_corp_issued > 5, "{state_corp_issued} at {now}");
    }
}

#[test]
fn check_finds_a_history_the_route_does_not_give() {
    use qyzmet::domain::catalog::StepAction;
    use qyzmet::domain::route::{EventKind, StepOutput};
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-11-23T10:00");
    let (ops, _) = build(dir.path(), now, 60);
    let ready = records(&ops)
        .into_iter()
        .find(|r| r.app.channel == Channel::StateCorp && r.app.status == Status::ResultReady)
        .expect("a State Corporation result waiting at the counter");
    let service = ops.service(&ready.app.service).unwrap();
    ready.app.check_history(service).unwrap();
    // The old false record: the provider's last step as an issue to the applicant.
    let mut forged = ready.app.clone();
    let last = forged
        .history
        .iter_mut()
        .rev()
        .find(|e| matches!(e.what, EventKind::Completed { .. }))
        .unwrap();
    last.what = EventKind::Completed {
        action: StepAction::Issue,
        output: StepOutput::Issued {
            recipient: forged.applicant.iin,
        },
    };
    let why = forged.check_history(service).unwrap_err();
    assert!(why.contains("not issue"), "{why}");
    // A status the history does not lead to.
    let mut closed = ready.app.clone();
    closed.status = Status::Issued;
    closed.holder = None;
    assert!(closed.check_history(service).is_err());
}

#[test]
fn a_state_corp_tsa_is_issued_once_at_the_counter_from_the_command_line() {
    // Issue 13 item 4, through the real binary on the demo region: the
    // provider's "регистрирует … и выдает" (003:142-144) is its hand-over to
    // the centre under an outgoing number; the operator alone issues.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let run = |args: &[&str]| served::succeeded(args, served::qyzmet_on(&db, args));
    run(&["init", "--demo", "--scale", "0"]);
    let csv = dir.path().join("persons.csv");
    std::fs::write(
        &csv,
        format!("iin,full_name\n{TEST_IIN},Тестов Тест Тестұлы\n"),
    )
    .unwrap();
    run(&["person", "import", csv.to_str().unwrap()]);
    let service = "krg-37-03-targeted-social-assistance";
    let submitted = run(&[
        "app",
        "submit",
        "--service",
        service,
        "--iin",
        "800101300016",
        "--name",
        "Тестов Тест Тестұлы",
        "--channel",
        "state_corp",
        "--as",
        "operator",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&submitted).unwrap();
    let n = v["number"].as_str().unwrap().to_string();
    for act in [
        vec!["register", "--as", "sp-clerk"],
        vec![
            "assign",
            "--as",
            "sp-head",
            "--to",
            "sp-specialist",
            "--comment",
            "Рассмотреть",
        ],
        vec!["decide", "--as", "sp-specialist", "--decision", "approve"],
        vec!["sign", "--as", "sp-head"],
    ] {
        let mut args = vec!["app", "act", n.as_str()];
        args.extend(act);
        run(&args);
    }
    // The provider's office cannot issue to the citizen: its step is the dispatch.
    let args = [
        "app",
        "act",
        &n,
        "issue",
        "--as",
        "sp-clerk",
        "--iin",
        "800101300016",
    ];
    assert!(!served::qyzmet_on(&db, &args).status.success());
    let v: serde_json::Value = serde_json::from_str(&run(&[
        "app", "act", &n, "dispatch", "--as", "sp-clerk", "--json",
    ]))
    .unwrap();
    assert_eq!(v["status"], "result_ready");
    assert!(v["numbers"][1].as_str().unwrap().contains("-OUT-"), "{v}");
    // The centre marks the result's receipt in its journal (000:125-135).
    run(&[
        "app",
        "act",
        &n,
        "receive",
        "--as",
        "operator",
        "--mark",
        "Журнал получения результатов, запись 3",
    ]);
    run(&[
        "app",
        "act",
        &n,
        "issue",
        "--as",
        "operator",
        "--iin",
        "800101300016",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run(&["app", "show", &n, "--json"])).unwrap();
    assert_eq!(v["status"], "issued");
    let history = v["history"].as_array().unwrap();
    let issues: Vec<&serde_json::Value> = history
        .iter()
        .filter(|e| {
            e["what"].get("issued").is_some() || e["what"]["completed"]["action"] == "issue"
        })
        .collect();
    assert_eq!(issues.len(), 1, "{history:#?}");
    assert_eq!(issues[0]["actor"]["org"], "state_corp");
    assert!(run(&["check"]).starts_with("sound"));

    // The old false record, written into the store behind the binary's back:
    // `qyzmet check` names the application and the step.
    forge_provider_issue(&db, &n);
    let out = served::qyzmet_on(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", served::text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "{n}: event 6: step 5 of route default is dispatch"
        )),
        "{said}"
    );
}

/// Rewrites the provider's hand-over of application `number` as an issue to the applicant.
fn forge_provider_issue(db: &std::path::Path, number: &str) {
    use qyzmet::domain::catalog::StepAction;
    use qyzmet::domain::route::{EventKind, StepOutput};
    use qyzmet::store::codec::{decode, encode};
    let sled = sled::open(db).unwrap();
    let apps = sled.open_tree("apps").unwrap();
    for kv in apps.iter() {
        let (k, v) = kv.unwrap();
        let mut rec: Record = decode(&v).unwrap();
        if rec.number != number {
            continue;
        }
        let iin = rec.app.applicant.iin;
        let e = rec
            .app
            .history
            .iter_mut()
            .find(|e| {
                matches!(
                    e.what,
                    EventKind::Completed {
                        action: StepAction::Dispatch,
                        ..
                    }
                )
            })
            .unwrap();
        e.what = EventKind::Completed {
            action: StepAction::Issue,
            output: StepOutput::Issued { recipient: iin },
        };
        apps.insert(k, encode(&rec)).unwrap();
        sled.flush().unwrap();
        return;
    }
    panic!("{number} is not in the store");
}

/// Whatever the hour the demo is created (before the opening, the morning,
/// the afternoon, after closing, a Sunday), visitors wait in today's queue
/// and `operator` at window 1 has someone to call.
#[test]
fn the_demo_queue_has_visitors_waiting_at_any_hour() {
    for now in [
        "2026-11-23T07:45",
        "2026-11-23T09:30",
        "2026-11-23T16:00",
        "2026-11-23T19:30",
        "2026-11-22T12:00",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let now = at(now);
        let (ops, _) = build(dir.path(), now, 3);
        let board = ops.queue_board("KRG-SC", now).unwrap();
        let waiting: usize = board.waiting.iter().map(|(_, n)| *n).sum();
        assert!(waiting >= 2, "{now}: {:?}", board.waiting);
        let desk = ops.queue_desk("operator", now).unwrap();
        assert!(desk.for_me > 0, "{now}: nobody for window 1");
        assert!(desk.current.is_none(), "{now}: operator is busy");
    }
}

/// The demo exercises every route shape its regulations have (issue 13; the
/// shapes derived from the whole catalogue are `tests/demo_shapes.rs`): a
/// State Corporation application issued once, at the counter; the rural
/// akim's channel; the portal route that ends with the applicant's visit (a
/// conditional step); a notarised power of attorney in ЕНИС, valid and
/// expired. West Kazakhstan's guardianship establishment with and without
/// the akimat's step and Zhambyl's act of inspection are checked there too.
#[test]
fn the_demo_exercises_every_route_shape_of_its_regions() {
    use qyzmet::domain::roles::OrgKind;
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-11-23T10:00");
    let (ops, _) = build(dir.path(), now, 240);
    let recs = records(&ops);
    let route_of = |r: &Record| {
        let s = ops.catalog.get(&r.app.service).unwrap();
        s.route(&r.app.route).unwrap().clone()
    };
    assert!(
        recs.iter().any(|r| r.app.channel == Channel::StateCorp
            && r.app.status == Status::Issued
            && issues(&r.app) == [OrgKind::StateCorp]),
        "a State Corporation application issued at the counter alone"
    );
    assert!(
        recs.iter().any(|r| r.app.channel == Channel::RuralAkim),
        "an application through the rural akim"
    );
    assert!(
        recs.iter().any(|r| r.app.channel == Channel::Portal
            && route_of(r).steps.last().is_some_and(|s| s.visit)),
        "a portal application whose route ends with the applicant's visit"
    );
    // ЕНИС's stand-in holds the walk-in's powers: the valid one is taken in
    // and printed, the expired one refused with its reason.
    let mut req = SubmitRequest {
        service: "krg-34-17-guardian-allowance".into(),
        channel: Channel::StateCorp,
        iin: "900415300123".into(),
        name: "Сапарова Айгерим".into(),
        phone: None,
        representative: None,
        org: None,
        documents: None,
        expired: Vec::new(),
        district: None,
        notarised: true,
    };
    let rep = |number: &str| qyzmet::domain::route::Representative {
        name: "Представитель".into(),
        iin: Some("850505400018".parse().unwrap()),
        power_of_attorney: number.into(),
    };
    req.representative = Some(rep("НОТ-2024-0415"));
    let refused = ops.submit("operator", req.clone(), now).unwrap_err();
    assert!(refused.to_string().contains("expired"), "{refused}");
    req.representative = Some(rep("НОТ-2026-0415"));
    let rec = ops.submit("operator", req, now).unwrap();
    assert_eq!(rec.app.checked_power().unwrap().number, "НОТ-2026-0415");
    // A portal application on a route with a conditional step (the
    // applicant's visit, "approved" only).
    assert!(
        recs.iter().any(|r| r.app.channel == Channel::Portal
            && route_of(r).steps.iter().any(|s| s.when.is_some())),
        "a portal application on a route with a conditional step"
    );
    // A refusal on such a route passes over the step taken only on approval:
    // the application closes without it (issue 13 item 1).
    let passed_over = recs.iter().find(|r| {
        let route = route_of(r);
        r.app.channel == Channel::Portal
            && r.app.status == Status::Issued
            && r.app.outcome() == Some(qyzmet::domain::catalog::ResultKind::Refusal)
            && route.steps.iter().any(|s| s.when.is_some())
    });
    let passed_over = passed_over.expect("a refused portal application past a conditional step");
    let route = route_of(passed_over);
    for e in &passed_over.app.history {
        if let Some(step) = e
            .from_step
            .filter(|_| matches!(e.what, EventKind::Completed { .. }))
        {
            assert!(
                route.steps[step].when.is_none(),
                "{}: step {}",
                passed_over.number,
                step + 1
            );
        }
    }
    shapes_of_the_counter_and_the_portal(&ops, &recs, now);
    // No Karaganda regulation draws up an act beside the decision: that
    // shape is Zhambyl's (004:151-153), shown by its provider
    // (`tests/demo_shapes.rs`).
    for s in ops.catalog.iter().filter(|s| s.region == "karaganda") {
        for step in s.routes.iter().flat_map(|r| &r.steps) {
            assert!(step.acts.is_empty(), "{}", s.id);
        }
    }
}

/// The State Corporation's part and the portal's endings in the demo: an
/// application taken in and issued through the queue (its visits called),
/// its result marked as received at the centre before the one issue; a
/// portal result delivered to the cabinet and one awaiting the applicant's
/// visit; a draft returned from a reviewing step; an intake refused at the
/// counter; and a visit of an applicant ГБД ФЛ does not know.
fn shapes_of_the_counter_and_the_portal(ops: &Ops, recs: &[Record], now: NaiveDateTime) {
    use qyzmet::domain::catalog::StepAction;
    use qyzmet::domain::roles::OrgKind;
    use qyzmet::domain::route::CounterPhase;
    let office = ops.deadlines.office(OrgKind::StateCorp);
    let through_queue = recs.iter().find(|r| {
        let s = ops.catalog.get(&r.app.service).unwrap();
        let phases: Vec<_> = r
            .app
            .counter_part(s, office, now)
            .iter()
            .filter(|p| p.ended.is_some())
            .map(|p| p.phase)
            .collect();
        r.app.status == Status::Issued
            && phases.contains(&CounterPhase::Visit)
            && phases.contains(&CounterPhase::Receipt)
            && phases.contains(&CounterPhase::Issue)
    });
    let r = through_queue.expect("a State Corporation application served through the queue");
    let kinds: Vec<&EventKind> = r.app.history.iter().map(|e| &e.what).collect();
    let received = kinds
        .iter()
        .position(|k| matches!(k, EventKind::ResultReceived { .. }))
        .unwrap();
    let issued = kinds
        .iter()
        .position(|k| matches!(k, EventKind::Issued { .. }))
        .unwrap();
    assert!(received < issued, "{}: issued before the receipt", r.number);
    assert_eq!(issues(&r.app), [OrgKind::StateCorp], "{}", r.number);
    let calls = kinds
        .iter()
        .filter(|k| matches!(k, EventKind::VisitCalled { .. }))
        .count();
    assert_eq!(calls, 2, "{}: the intake's call and the issue's", r.number);
    // Every State Corporation result that reached the centre was marked.
    for r in recs.iter().filter(|r| {
        r.app.channel == Channel::StateCorp
            && r.app.status == Status::Issued
            && !issues(&r.app).is_empty()
    }) {
        assert!(r.app.centre_receipt().is_some(), "{}", r.number);
    }
    // At the centre: a result still awaiting the journal mark of its
    // receipt, and one marked and waiting for the applicant (the Results
    // list tells the two apart).
    let at_centre = |action: StepAction| {
        recs.iter().any(|r| {
            r.app.channel == Channel::StateCorp
                && r.app.status == Status::ResultReady
                && r.app.holder.as_ref().map(|h| h.action) == Some(action)
        })
    };
    assert!(at_centre(StepAction::Receive), "a result awaiting the mark");
    assert!(at_centre(StepAction::Issue), "a marked result to issue");
    // Some earlier day's visits kept the regulation's minutes.
    let day = r.app.submitted_at.date();
    let stats = ops.queue_stats(None, "KRG-SC", day).unwrap();
    assert!(stats.regulation.timed > 0, "{day}: {:?}", stats.regulation);
    assert!(
        recs.iter().any(|r| r.app.channel == Channel::Portal
            && r.app.status == Status::Issued
            && issues(&r.app).is_empty()),
        "a portal result delivered to the cabinet, with no collector"
    );
    let awaiting = recs.iter().find(|r| {
        let s = ops.catalog.get(&r.app.service).unwrap();
        r.app.channel == Channel::Portal
            && r.app.current_step(s).is_some_and(|st| st.visit)
            && r.app.holder.as_ref().map(|h| h.action) == Some(StepAction::Issue)
    });
    assert!(
        awaiting.is_some(),
        "a portal result awaiting the applicant's visit"
    );
    assert!(
        recs.iter().any(|r| r
            .app
            .history
            .iter()
            .any(|e| matches!(e.what, EventKind::Returned { .. }))),
        "a draft returned from a reviewing step"
    );
    assert!(
        recs.iter().any(|r| r.app.status == Status::RefusedAtIntake),
        "an intake refused at the counter"
    );
    // Today's hall: a visitor ГБД ФЛ does not know, nothing taken in (the
    // demo's own registry is not a connected stand-in, so the refusal of such
    // an intake is shown by tests/cli_routes.rs).
    let today = ops.store.tickets("KRG-SC", now.date()).unwrap();
    assert!(
        today.iter().any(|t| t
            .outcome
            .as_ref()
            .is_some_and(|o| o.kind == qyzmet::domain::queue::OutcomeKind::NoPersonData)),
        "a visit ended with no person data"
    );
}

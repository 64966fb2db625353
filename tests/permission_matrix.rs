//! The permission matrix (docs/SECURITY.md, "Permission matrix"), driven
//! cell by cell through a real `qyzmet serve`. Each identity is a client
//! process of its own OS user: staff are OS users mapped to the demo's
//! users (signed in by peer credentials, as over SSH), the kiosk and the
//! unmapped user are OS users mapped to nobody, and the administrator is
//! the server's own OS user. The client is this test binary run again
//! under `setpriv` (the test runs as root, as CI does): it sends every
//! request of its plan over the socket and writes what came back.
//!
//! The expected outcomes are read from the table in docs/SECURITY.md, so
//! the document and the test cannot drift; the operations are enumerated
//! from `Request` itself (serde's list of its variants), so a new request
//! without its row in the table fails this test.

mod common;
#[path = "common/matrix.rs"]
mod matrix;
#[path = "common/served.rs"]
mod served;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::Path;

use chrono::NaiveDate;
use common::demo_store;
use matrix::{Fixture, IDENTITIES, Table, prepare};
use qyzmet::domain::catalog::Channel;
use qyzmet::domain::queue::OperatorState;
use qyzmet::domain::report::Period;
use qyzmet::ops::queue::QueueAct;
use qyzmet::ops::report::{ReportKind, ReportQuery};
use qyzmet::ops::{ActKind, ActRequest};
use qyzmet::server::protocol::{
    ClientMsg, Hello, Reply, Request, ServerMsg, Welcome, WireError, read_frame, write_frame,
};
use qyzmet::store::model::Record;
use served::{Served, command};

/// One request of a plan: the table's row, the organisation relation
/// (`own`, `region`, `other`, or `-`), and the request.
type Planned = (String, String, Request);

#[test]
fn every_cell_of_the_permission_matrix_through_the_server() {
    if !nix::unistd::getuid().is_root() {
        panic!("the permission matrix needs root (setpriv to the identities' OS users)");
    }
    let dir = demo_store();
    let work = dir.path().join("matrix");
    std::fs::create_dir(&work).unwrap();
    for p in [dir.path(), work.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let db = dir.path().join("store");
    let fixture = prepare(&db);
    let expected = if matrix::printing() {
        BTreeMap::new()
    } else {
        matrix::table("matrix")
    };
    let rows = request_variants();
    assert!(
        rows.len() > 20 && rows.contains(&"Show".to_string()),
        "{rows:?}"
    );
    let covered: std::collections::BTreeSet<&str> = if expected.is_empty() {
        rows.iter().map(String::as_str).collect()
    } else {
        expected
            .keys()
            .map(|(row, _)| row.split(':').next().unwrap())
            .collect()
    };
    for v in &rows {
        assert!(
            covered.contains(v.as_str()),
            "Request::{v} has no row in docs/SECURITY.md's permission matrix"
        );
    }
    let socket = work.join("s.sock");
    let mut c = command();
    c.arg("--db")
        .arg(&db)
        .args(["serve", "--max-sign-ins-per-minute", "0", "--socket"])
        .arg(&socket)
        .arg("--log-file")
        .arg(work.join("log"));
    let server = Served::spawn(&mut c, &socket);
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();

    let mut actual = Table::new();
    for (column, uid, login) in IDENTITIES {
        let plan = plan(&fixture, login);
        for (row, _, _) in &plan {
            assert!(
                rows.contains(&row.split(':').next().unwrap().to_string()),
                "{row}"
            );
        }
        let results = if uid == 0 {
            run_plan(&socket, &plan)
        } else {
            run_as(uid, &work, &socket, &plan)
        };
        for ((row, relation, _), outcome) in plan.iter().zip(results) {
            actual
                .entry((row.clone(), relation.clone()))
                .or_default()
                .insert(column.to_string(), outcome);
        }
    }
    server.stop();
    if matrix::printing() {
        matrix::print_table("request", &actual);
    }
    let wrong = matrix::differences(&actual, &expected);
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The client half: run as another OS user by the test above.
#[test]
fn matrix_client() {
    let (Ok(plan), Ok(out), Ok(socket)) = (
        std::env::var("QYZMET_MATRIX_PLAN"),
        std::env::var("QYZMET_MATRIX_OUT"),
        std::env::var("QYZMET_MATRIX_SOCKET"),
    ) else {
        return; // Only as the matrix's client process.
    };
    let plan: Vec<Planned> = serde_json::from_slice(&std::fs::read(plan).unwrap()).unwrap();
    let results = run_plan(Path::new(&socket), &plan);
    std::fs::write(out, serde_json::to_vec(&results).unwrap()).unwrap();
}

fn run_as(uid: u32, work: &Path, socket: &Path, plan: &[Planned]) -> Vec<String> {
    let plan_file = work.join(format!("plan-{uid}.json"));
    let out_file = work.join(format!("out-{uid}.json"));
    std::fs::write(&plan_file, serde_json::to_vec(plan).unwrap()).unwrap();
    let status = std::process::Command::new("setpriv")
        .arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"))
        .arg("--clear-groups")
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", "matrix_client", "--test-threads=1"])
        .env("QYZMET_MATRIX_PLAN", &plan_file)
        .env("QYZMET_MATRIX_OUT", &out_file)
        .env("QYZMET_MATRIX_SOCKET", socket)
        .env("HOME", "/nonexistent")
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the client as uid {uid}");
    serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap()
}

/// Sends each request over one connection; the outcome of each as the table writes it.
fn run_plan(socket: &Path, plan: &[Planned]) -> Vec<String> {
    let mut s = UnixStream::connect(socket).unwrap();
    write_frame(&mut s, &Hello::ours()).unwrap();
    let welcome: Welcome = read_frame(&mut s).unwrap().unwrap();
    assert!(matches!(welcome, Welcome::Accepted { .. }), "{welcome:?}");
    let _sources: qyzmet::catalog_files::Sources = read_frame(&mut s).unwrap().unwrap();
    let mut out = Vec::new();
    for (id, (_, _, request)) in plan.iter().enumerate() {
        let id = id as u64 + 1;
        let msg = ClientMsg {
            id,
            request: request.clone(),
        };
        write_frame(&mut s, &msg).unwrap();
        let result = loop {
            match read_frame::<ServerMsg>(&mut s).unwrap().unwrap() {
                ServerMsg::Reply { id: got, result } if got == id => break result,
                _ => continue,
            }
        };
        out.push(outcome(result));
    }
    out
}

fn outcome(result: Result<Reply, WireError>) -> String {
    match result {
        Ok(Reply::Cli { code: 0, .. }) => "ok".into(),
        Ok(Reply::Cli { stderr, code, .. }) => {
            // Exit 3 is "not allowed" (README); the server's own refusal of
            // a command for a non-administrator says so.
            if code == 3 || String::from_utf8_lossy(&stderr).contains("not allowed") {
                "forbidden".into()
            } else {
                format!("exit {code}")
            }
        }
        Ok(_) => "ok".into(),
        Err(e) => match e {
            WireError::Forbidden(_) => "forbidden",
            WireError::NotFound(_) => "not found",
            WireError::Invalid(_) => "invalid",
            WireError::Conflict(_) | WireError::Stale { .. } => "conflict",
            WireError::Transition(_) => "route",
            WireError::Submit(_) => "submit",
            WireError::Login(_) => "login",
            WireError::Queue(_) => "queue",
            WireError::Store(_) | WireError::StoreUnavailable(_) => "store",
            WireError::SessionExpired => "sign in",
        }
        .into(),
    }
}

/// Every variant of `Request`, by name, from serde's own list of them.
fn request_variants() -> Vec<String> {
    let err = serde_json::from_str::<Request>("\"NoSuchRequest\"")
        .unwrap_err()
        .to_string();
    let list = err.split("expected one of").nth(1).expect(&err);
    list.split(',')
        .map(|v| v.trim().trim_matches(|c| c == '`' || c == ' ').to_string())
        .map(|v| v.split('`').next().unwrap().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Every row of the table for one identity (`login`: the demo user its OS
/// user is mapped to).
fn plan(f: &Fixture, login: Option<&str>) -> Vec<Planned> {
    let me = login.unwrap_or("clerk");
    let s = |t: &str| t.to_string();
    let p = |row: &str, rel: &str, r: Request| (s(row), s(rel), r);
    let (own, _, _) = &f.own[me];
    let (region, _, _) = &f.region[me];
    let show = |r: &Record| Request::Show {
        number: r.number.clone(),
    };
    let act = |(r, kind, req): &(Record, ActKind, ActRequest)| Request::Act {
        number: r.number.clone(),
        kind: *kind,
        req: req.clone(),
    };
    let other_act = (
        f.other_region.clone(),
        ActKind::Complete,
        ActRequest::default(),
    );
    let submit = |org: Option<&str>| {
        let mut req = common::submit_request(7);
        req.org = org.map(str::to_string);
        req.channel = match login {
            Some("operator") | None => Channel::StateCorp,
            _ => Channel::ProviderOffice,
        };
        Request::Submit(req)
    };
    let own_org = matrix::own_org(me);
    let centre = |c: &str| s(c);
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let report = |org: Option<&str>| {
        Request::Report(ReportQuery {
            kind: ReportKind::Compliance,
            period: Period::new(day, day).unwrap(),
            org: org.map(str::to_string),
            service: None,
        })
    };
    // The Reports pane's three, as it asks for them.
    let reports = |org: Option<&str>| {
        let kinds = [
            ReportKind::Compliance,
            ReportKind::Overdue,
            ReportKind::Forecast,
        ];
        Request::Reports(
            kinds
                .map(|kind| ReportQuery {
                    kind,
                    period: Period::new(day, day).unwrap(),
                    org: org.map(str::to_string),
                    service: None,
                })
                .to_vec(),
        )
    };
    let cli = |args: &[&str]| Request::Cli {
        args: args.iter().map(|a| a.to_string()).collect(),
        input: None,
    };
    vec![
        p("HasUsers", "-", Request::HasUsers),
        p("DemoUsers", "-", Request::DemoUsers),
        p("Orgs", "-", Request::Orgs),
        p("StaffNames", "-", Request::StaffNames),
        p(
            "Person",
            "-",
            Request::Person {
                iin: f.applicant.clone(),
            },
        ),
        p("Show", "own", show(own)),
        p("Show", "region", show(region)),
        p("Show", "other", show(&f.other_region)),
        p("Queue", "-", Request::Queue),
        p("Specialists", "-", Request::Specialists),
        p("Report", "own", report(Some(own_org))),
        p("Report", "region", report(Some(matrix::region_org(me)))),
        p("Report", "other", report(Some("ZHB-ED"))),
        p("Reports", "own", reports(Some(own_org))),
        p("Reports", "region", reports(Some(matrix::region_org(me)))),
        p("Reports", "other", reports(Some("ZHB-ED"))),
        p("Submit", "own", submit(None)),
        p("Submit", "region", submit(Some(matrix::region_org(me)))),
        p("Submit", "other", submit(Some("ZHB-ED"))),
        p("Act", "own", act(&f.own[me])),
        p("Act", "region", act(&f.region[me])),
        p("Act", "other", act(&other_act)),
        p(
            "QueueConfig",
            "own",
            Request::QueueConfig {
                centre: centre("KRG-SC"),
            },
        ),
        p(
            "QueueRevision",
            "own",
            Request::QueueRevision {
                centre: centre("KRG-SC"),
            },
        ),
        p(
            "QueueBoard",
            "own",
            Request::QueueBoard {
                centre: centre("KRG-SC"),
            },
        ),
        p(
            "QueueTake",
            "own",
            Request::QueueTake {
                centre: centre("KRG-SC"),
                category: 'A',
                priority: None,
            },
        ),
        p(
            "QueueCheckIn",
            "own",
            Request::QueueCheckIn {
                centre: centre("KRG-SC"),
                code: s("999999"),
            },
        ),
        p("QueueDesk", "-", Request::QueueDesk),
        p(
            "QueueAct",
            "-",
            Request::QueueAct(QueueAct::SetState(OperatorState::OnBreak)),
        ),
        p(
            "QueueStats",
            "own",
            Request::QueueStats {
                centre: centre("KRG-SC"),
                day,
            },
        ),
        p(
            "QueueStats",
            "other",
            Request::QueueStats {
                centre: centre("ZHB-ED"),
                day,
            },
        ),
        p("Status", "-", Request::Status),
        p(
            "Cli:app show",
            "own",
            cli(&["app", "show", &own.number, "--as", me]),
        ),
        p(
            "Cli:app show",
            "region",
            cli(&["app", "show", &region.number, "--as", me]),
        ),
        p("Cli:app list", "own", cli(&["app", "list", "--as", me])),
        p(
            "Cli:app list",
            "another user",
            cli(&["app", "list", "--as", matrix::region_peer(me)]),
        ),
        p(
            "Cli:person show",
            "own",
            cli(&["person", "show", &f.applicant, "--as", me]),
        ),
        p("Cli:user list", "-", cli(&["user", "list"])),
        p("Cli:journal verify", "-", cli(&["journal", "verify"])),
        p(
            "Cli:audit views",
            "-",
            cli(&["audit", "views", "--iin", &f.applicant]),
        ),
        p("Cli:check", "-", cli(&["check"])),
        p("Cli:init", "-", cli(&["init"])),
        p(
            "ChangePassword",
            "-",
            Request::ChangePassword {
                current: s("qyzmet-demo"),
                new: s("qyzmet-demo"),
            },
        ),
        p("CreateDemo", "-", Request::CreateDemo),
        p(
            "Login",
            "-",
            Request::Login {
                login: s(me),
                password: s("qyzmet-demo"),
            },
        ),
    ]
}

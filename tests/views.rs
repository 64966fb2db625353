//! Who viewed what: a case opened through the server, `app show` and
//! `person show` are recorded in the access log with who, when, what and
//! from where; a refused look is not a view; `qyzmet audit views --iin`
//! answers "who looked at my data" for an administrator.

mod common;
#[path = "common/served.rs"]
mod served;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{demo_store, now, ops_on};
use qyzmet::catalog_files::Sources;
use qyzmet::ops::ListFilter;
use qyzmet::ops::backend::Backend;
use qyzmet::server::remote::Remote;
use qyzmet::server::serve::{ServeOptions, bind, serve};
use qyzmet::store::Store;
use qyzmet::store::views::Viewed;
use served::{qyzmet_on, succeeded};

#[test]
fn views_are_recorded_on_the_read_path_and_answered_by_iin() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let ops = ops_on(Store::open(&db).unwrap());
    let rec = ops
        .list("clerk", &ListFilter::default(), now())
        .unwrap()
        .into_iter()
        .find(|r| r.orgs.provider == "KRG-ED" && r.orgs.intake == "KRG-ED")
        .expect("an application of the education department");
    let iin = rec.app.applicant.iin;
    assert!(ops.views_of(&iin).unwrap().is_empty());
    // Another provider's clerk is refused, and a refusal is no view.
    assert!(ops.show("sp-clerk", &rec.number).is_err());
    assert!(ops.views_of(&iin).unwrap().is_empty());

    // The workstation through the server: opening the case, a registry look-up.
    let socket = dir.path().join("s.sock");
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
    let server = {
        let stop = stop.clone();
        std::thread::spawn(move || serve(ops, listener, opts, stop))
    };
    let clerk = Remote::connect(&socket).unwrap();
    clerk.login("clerk", "qyzmet-demo", now()).unwrap();
    assert_eq!(clerk.show("clerk", &rec.number).unwrap().number, rec.number);
    // The workstation reading the open case again (after a notice) is the
    // same look, not a second one.
    assert_eq!(clerk.show("clerk", &rec.number).unwrap().number, rec.number);
    let registered = clerk.person("clerk", &iin.to_string()).unwrap();
    drop(clerk);
    stop.store(true, Ordering::Relaxed);
    server.join().unwrap().unwrap();

    let ops = ops_on(Store::open(&db).unwrap());
    let views = ops.views_of(&iin).unwrap();
    let uid = nix::unistd::getuid().as_raw();
    assert_eq!(
        views.len(),
        1 + usize::from(registered.is_some()),
        "{views:#?}"
    );
    let opened = &views[0];
    assert_eq!(opened.by, "clerk");
    assert_eq!(opened.org.as_deref(), Some("KRG-ED"));
    assert_eq!(opened.at, now());
    assert_eq!(
        opened.what,
        Viewed::Application {
            number: rec.number.clone()
        }
    );
    assert!(
        opened.from.contains(&format!("socket peer uid {uid}")),
        "{}",
        opened.from
    );
    if registered.is_some() {
        assert_eq!(views[1].what, Viewed::Person);
    }
    drop(ops);

    // The command line: `app show --as`, and an administrator's `app show`.
    let args = ["app", "show", &rec.number, "--as", "head"];
    succeeded(&args, qyzmet_on(&db, &args));
    let args = ["app", "show", &rec.number];
    succeeded(&args, qyzmet_on(&db, &args));
    let iin_text = iin.to_string();
    let args = ["audit", "views", "--iin", &iin_text, "--json"];
    let listed: serde_json::Value =
        serde_json::from_str(&succeeded(&args, qyzmet_on(&db, &args))).unwrap();
    let rows = listed.as_array().unwrap();
    assert_eq!(rows.len(), views.len() + 2, "{listed:#}");
    let head = &rows[views.len()];
    assert_eq!(head["by"], "head");
    assert_eq!(head["number"], rec.number.as_str());
    assert!(head["from"].as_str().unwrap().contains("OS user"), "{head}");
    assert!(
        rows[views.len() + 1]["by"]
            .as_str()
            .unwrap()
            .starts_with("admin:")
    );

    let args = ["--lang", "ru", "audit", "views", "--iin", &iin_text];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(
        out.contains("Кто просматривал") && out.contains(&rec.number),
        "{out}"
    );
    assert!(out.contains("Омарова Жанар Ерланқызы (clerk)"), "{out}");
    let args = ["audit", "views", "--iin", "800101300016"];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(out.contains("Nobody has viewed"), "{out}");
}

/// `app list --iin` is a look at that person's applications: recorded with
/// the numbers listed, on the store and through the server; a list of
/// numbers and deadlines names nobody and is not, and `--json` (which prints
/// each applicant) records each application.
#[test]
fn a_search_by_iin_is_a_view_and_a_plain_list_is_not() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let ops = ops_on(Store::open(&db).unwrap());
    let mine = ops.list("clerk", &ListFilter::default(), now()).unwrap();
    let rec = mine[0].clone();
    let iin = rec.app.applicant.iin;
    let theirs: Vec<String> = mine
        .iter()
        .filter(|r| r.app.applicant.iin == iin)
        .map(|r| r.number.clone())
        .collect();
    let others: Vec<_> = mine.iter().map(|r| r.app.applicant.iin).collect();
    drop(ops);

    let args = ["app", "list", "--as", "clerk"];
    succeeded(&args, qyzmet_on(&db, &args));
    let ops = ops_on(Store::open(&db).unwrap());
    for other in &others {
        assert!(ops.views_of(other).unwrap().is_empty(), "a plain list");
    }
    drop(ops);

    let iin_text = iin.to_string();
    let args = ["app", "list", "--as", "clerk", "--iin", &iin_text];
    succeeded(&args, qyzmet_on(&db, &args));
    let ops = ops_on(Store::open(&db).unwrap());
    let views = ops.views_of(&iin).unwrap();
    assert_eq!(views.len(), 1, "{views:#?}");
    assert_eq!(views[0].by, "clerk");
    assert_eq!(
        views[0].what,
        Viewed::Applications {
            numbers: theirs.clone()
        }
    );
    drop(ops);

    // Through the server, as another user: recorded as the server's command.
    let socket = dir.path().join("s.sock");
    let server = served::Served::start(&db, &socket, &dir.path().join("log"));
    let sock = socket.to_str().unwrap();
    let args = [
        "--connect",
        sock,
        "app",
        "list",
        "--as",
        "head",
        "--iin",
        &iin_text,
        "--json",
    ];
    succeeded(&args, served::qyzmet(&args));
    server.stop();
    let ops = ops_on(Store::open(&db).unwrap());
    let views = ops.views_of(&iin).unwrap();
    assert_eq!(views.len(), 2, "{views:#?}");
    assert_eq!(views[1].what, Viewed::Applications { numbers: theirs });
    assert!(
        views[1].from.contains("through the server"),
        "{}",
        views[1].from
    );
    drop(ops);

    // `--json` prints every applicant: each application is a view.
    let args = ["app", "list", "--as", "clerk", "--json"];
    succeeded(&args, qyzmet_on(&db, &args));
    let ops = ops_on(Store::open(&db).unwrap());
    for r in &mine {
        let seen = ops.views_of(&r.app.applicant.iin).unwrap();
        assert!(
            seen.iter().any(|v| v.what
                == Viewed::Application {
                    number: r.number.clone()
                }),
            "{}: {seen:#?}",
            r.number
        );
    }
    drop(ops);
    let args = ["audit", "views", "--iin", &iin_text];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(out.contains("found by IIN"), "{out}");
}

/// An administrator's `person show` is the record with its views: who
/// looked, the look just made included.
#[test]
fn the_record_shows_its_views_to_an_administrator() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/persons-sample.csv");
    let args = ["person", "import", sample];
    succeeded(&args, qyzmet_on(&db, &args));
    let csv = std::fs::read_to_string(sample).unwrap();
    let iin = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .trim();
    let args = ["person", "show", iin, "--as", "clerk"];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(!out.contains("Who viewed"), "staff see no views: {out}");
    let args = ["person", "show", iin];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(
        out.contains(&format!("Who viewed the data of the person with IIN {iin}")),
        "{out}"
    );
    assert!(out.contains("(clerk)") && out.contains("admin:"), "{out}");
    assert!(out.contains("Views: 2"), "{out}");
}

//! Every command of the command line against the permission matrix
//! (docs/SECURITY.md, "Commands through the server"): the real binary, run
//! as each identity's OS user (`setpriv`; the test runs as root, as CI
//! does) with `--connect` to a real `qyzmet serve`, each outcome compared
//! with the table, which this test reads from the document. The commands
//! are enumerated from clap's own definition: one without its row in the
//! table, or in the list of commands that never go through a server,
//! fails here.

mod common;
#[path = "common/matrix.rs"]
mod matrix;
#[path = "common/served.rs"]
mod served;

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::demo_store;
use matrix::{Acting, Fixture, IDENTITIES, Table, prepare};
use qyzmet::ops::ActKind;
use served::{Served, command, output};

/// One command of a plan: the table's row (the command's words), the
/// relation, its arguments after `--connect SOCKET`, and its standard input.
struct Run {
    row: &'static str,
    relation: &'static str,
    args: Vec<String>,
    stdin: Option<String>,
}

/// Every leaf command of clap's definition, by its words (`app show`).
fn leaf_commands() -> Vec<String> {
    fn walk(prefix: &str, c: &clap::Command, out: &mut Vec<String>) {
        for sub in c.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            if sub.get_subcommands().next().is_none() {
                out.push(name);
            } else {
                walk(&format!("{name} "), sub, out);
            }
        }
    }
    let mut out = Vec::new();
    walk("", &qyzmet::cli::options::command(), &mut out);
    out.retain(|c| !c.ends_with("help"));
    out
}

/// The commands of the document's list of those that never reach a server.
fn local_commands() -> BTreeSet<String> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/SECURITY.md"))
            .unwrap();
    let section = doc.split("<!-- cli-local -->").nth(1).expect("the list");
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| matrix::cells(l)[0].trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_command_through_the_server_as_every_identity() {
    if !nix::unistd::getuid().is_root() {
        panic!("the command matrix needs root (setpriv to the identities' OS users)");
    }
    let dir = demo_store();
    let work = dir.path().join("matrix");
    std::fs::create_dir(&work).unwrap();
    for p in [dir.path(), work.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let db = dir.path().join("store");
    let fixture = prepare(&db);
    let persons = work.join("persons.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/persons-sample.csv"),
        &persons,
    )
    .unwrap();
    let powers = work.join("powers.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/powers-sample.csv"),
        &powers,
    )
    .unwrap();
    let socket = work.join("s.sock");
    let mut c = command();
    c.arg("--db")
        .arg(&db)
        .args(["serve", "--max-sign-ins-per-minute", "0"])
        .args(["--max-connections-per-minute", "0", "--socket"])
        .arg(&socket)
        .arg("--log-file")
        .arg(work.join("log"));
    let server = Served::spawn(&mut c, &socket);
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();

    let mut actual = Table::new();
    for (column, uid, login) in IDENTITIES {
        for run in plan(&fixture, login, uid, &work) {
            let outcome = run_as(uid, &socket, &run);
            actual
                .entry((run.row.to_string(), run.relation.to_string()))
                .or_default()
                .insert(column.to_string(), outcome);
        }
    }
    server.stop();

    if matrix::printing() {
        matrix::print_table("command", &actual);
        println!("commands: {:?}", leaf_commands());
        return;
    }
    let leaves = leaf_commands();
    assert!(leaves.len() > 30 && leaves.contains(&"app show".to_string()));
    let local = local_commands();
    for l in &local {
        assert!(leaves.contains(l), "{l:?} in the list is no command");
    }
    let driven: BTreeSet<&str> = actual.keys().map(|(row, _)| row.as_str()).collect();
    for leaf in &leaves {
        assert!(
            driven.contains(leaf.as_str()) || local.contains(leaf),
            "`qyzmet {leaf}` has no row in docs/SECURITY.md's command table nor a line in \
             its list of commands that never reach a server"
        );
    }
    let wrong = matrix::differences(&actual, &matrix::table("cli"));
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// `qyzmet --connect SOCKET ARGS` as the OS user `uid`: its outcome as the
/// table writes it (`ok`, `forbidden` for exit 3, else `exit N`).
fn run_as(uid: u32, socket: &Path, run: &Run) -> String {
    let mut c = std::process::Command::new("setpriv");
    c.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={uid}"))
        .arg("--clear-groups")
        .arg(served::BIN)
        .arg("--connect")
        .arg(socket)
        .args(&run.args)
        .env("HOME", "/nonexistent")
        .env("QYZMET_NOW", served::NOW)
        .env("QYZMET_LANG", "en")
        .env_remove("QYZMET_DB")
        .env_remove("QYZMET_CONNECT");
    let o = output(&mut c, run.stdin.as_deref());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{:?}: {err}", run.args);
    match o.status.code() {
        Some(0) => "ok".into(),
        Some(3) => "forbidden".into(),
        Some(n) => format!("exit {n}"),
        None => panic!("{:?} ended by a signal: {err}", run.args),
    }
}

/// The words of `app act` that complete an application's step.
fn act_args(number: &str, (_, kind, req): &Acting, as_login: &str) -> Vec<String> {
    let mut a: Vec<String> = ["app", "act", number].map(String::from).to_vec();
    a.push(
        match kind {
            ActKind::Issue => "issue",
            ActKind::Receive => "receive",
            _ => "complete",
        }
        .into(),
    );
    a.extend(["--as".into(), as_login.into()]);
    let mut opt = |name: &str, v: &Option<String>| {
        if let Some(v) = v {
            a.extend([format!("--{name}"), v.clone()]);
        }
    };
    opt("to", &req.to);
    opt("comment", &req.comment);
    opt("iin", &req.recipient);
    opt("decision", &req.approve.map(|_| "approve".to_string()));
    opt("version", &req.version.map(|v| v.to_string()));
    a
}

/// Every row of the command table for one identity. Staff act as the
/// demo user their OS user is mapped to; the administrator, the kiosk and
/// the unmapped OS user as the clerk (or the operator, for the queue).
fn plan(f: &Fixture, login: Option<&str>, uid: u32, work: &Path) -> Vec<Run> {
    let me = login.unwrap_or("clerk");
    let op = login.unwrap_or("operator");
    let peer = matrix::region_peer(me);
    let (own, _, _) = &f.own[me];
    let (region, _, _) = &f.region[me];
    let mut runs: Vec<Run> = Vec::new();
    let mut run =
        |row: &'static str, relation: &'static str, args: &[&str], stdin: Option<&str>| {
            runs.push(Run {
                row,
                relation,
                args: args.iter().map(|a| a.to_string()).collect(),
                stdin: stdin.map(str::to_string),
            })
        };
    let new_org = format!("T-{uid}");
    let new_user = format!("t{uid}");
    let backup = work.join(format!("backup-{uid}"));
    let persons = work.join("persons.csv");
    let powers = work.join("powers.csv");
    let channel = if me == "operator" {
        "state_corp"
    } else {
        "provider_office"
    };
    run("org list", "-", &["org", "list"], None);
    #[rustfmt::skip]
    run("org add", "-", &["org", "add", &new_org, "--kind", "provider", "--provider-kind",
        "education_department", "--region", "karaganda", "--district", "Казыбек би",
        "--name-ru", "Отдел", "--name-kk", "Бөлім"], None);
    run("user list", "-", &["user", "list"], None);
    #[rustfmt::skip]
    run("user add", "-", &["user", "add", &new_user, "--name", "Тест", "--org", "KRG-ED",
        "--role", "clerk", "--password-stdin"], Some("new-password-1\n"));
    run(
        "user map",
        "-",
        &["user", "map", &new_user, "--os-user", "nobody"],
        None,
    );
    run("user disable", "-", &["user", "disable", &new_user], None);
    // Oneself: the current password, then the new one (the administrator
    // is asked only the new one: the first line).
    let passwd = ["user", "passwd", me, "--password-stdin"];
    let lines = if login.is_some() {
        "qyzmet-demo\nnew-password-9\n"
    } else {
        "new-password-9\n"
    };
    run("user passwd", "own", &passwd, Some(lines));
    let passwd = ["user", "passwd", peer, "--password-stdin"];
    run(
        "user passwd",
        "another user",
        &passwd,
        Some("qyzmet-demo\nnew-password-8\n"),
    );
    run(
        "person import",
        "-",
        &["person", "import", persons.to_str().unwrap()],
        None,
    );
    run(
        "person import-powers",
        "-",
        &["person", "import-powers", powers.to_str().unwrap()],
        None,
    );
    run(
        "person show",
        "own",
        &["person", "show", &f.applicant, "--as", me],
        None,
    );
    run(
        "person show",
        "another user",
        &["person", "show", &f.applicant, "--as", peer],
        None,
    );
    #[rustfmt::skip]
    run("app submit", "own", &["app", "submit", "--service", "krg-34-17-guardian-allowance",
        "--iin", &f.applicant, "--name", "Сейтова Динара", "--channel", channel, "--as", me], None);
    // The administrator acts for the clerk of another provider (the
    // clerk's own application has moved on by then: the clerk acted).
    let act = match login {
        Some(_) => act_args(&own.number, &f.own[me], me),
        None => act_args(&region.number, &f.region[me], peer),
    };
    let act: Vec<&str> = act.iter().map(String::as_str).collect();
    run("app act", "own", &act, None);
    run(
        "app show",
        "own",
        &["app", "show", &own.number, "--as", me],
        None,
    );
    run(
        "app show",
        "region",
        &["app", "show", &region.number, "--as", me],
        None,
    );
    run("app list", "own", &["app", "list", "--as", me], None);
    run(
        "app list",
        "another user",
        &["app", "list", "--as", peer],
        None,
    );
    #[rustfmt::skip]
    run("report", "own", &["report", "compliance", "--as", login.unwrap_or("head"), "--period",
        "today"], None);
    #[rustfmt::skip]
    run("report", "another user", &["report", "compliance", "--as", "sp-head", "--period", "today"],
        None);
    run(
        "queue show",
        "own",
        &["queue", "show", "--centre", "KRG-SC"],
        None,
    );
    #[rustfmt::skip]
    run("queue take", "own", &["queue", "take", "--centre", "KRG-SC", "--category", "A"], None);
    #[rustfmt::skip]
    run("queue book", "own", &["queue", "book", "--centre", "KRG-SC", "--category", "B",
        "--at", "2026-11-23T16:00"], None);
    #[rustfmt::skip]
    run("queue check-in", "own", &["queue", "check-in", "--centre", "KRG-SC", "--code", "999999"], None);
    run(
        "queue sit",
        "own",
        &["queue", "sit", "--as", op, "--window", "3"],
        None,
    );
    run("queue call", "own", &["queue", "call", "--as", op], None);
    run(
        "queue act",
        "own",
        &["queue", "act", "--as", op, "break"],
        None,
    );
    #[rustfmt::skip]
    run("queue cancel", "own", &["queue", "cancel", "--centre", "KRG-SC", "--ticket", "A900",
        "--reason", "ушёл"], None);
    run(
        "queue list",
        "own",
        &["queue", "list", "--centre", "KRG-SC"],
        None,
    );
    // The administrator reads every centre's figures, as nobody.
    let mut stats = vec![
        "queue",
        "stats",
        "--centre",
        "KRG-SC",
        "--date",
        "2026-11-23",
    ];
    stats.extend(login.map(|l| ["--as", l]).into_iter().flatten());
    run("queue stats", "own", &stats, None);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/queue-sample.toml");
    #[rustfmt::skip]
    run("queue setup", "own", &["queue", "setup", "--centre", "KRG-SC", "--file",
        sample.to_str().unwrap()], None);
    run("journal verify", "-", &["journal", "verify"], None);
    run("journal anchor", "-", &["journal", "anchor"], None);
    run(
        "audit views",
        "-",
        &["audit", "views", "--iin", &f.applicant],
        None,
    );
    run("check", "-", &["check"], None);
    run("backup", "-", &["backup", backup.to_str().unwrap()], None);
    run("init", "-", &["init"], None);
    run("restore", "-", &["restore", backup.to_str().unwrap()], None);
    runs
}

/// Who can run a store command directly (`--db`, no server): whoever can
/// open the store's files. An OS user the store's directory (mode 0700,
/// the server's) shuts out cannot, however the command is typed; and while
/// a server holds the store, not even its owner can open it beside it.
#[test]
fn store_commands_without_a_server_need_the_stores_files() {
    if !nix::unistd::getuid().is_root() {
        panic!("needs root (setpriv to another OS user)");
    }
    let dir = demo_store();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = dir.path().join("store");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o700)).unwrap();
    let args = ["--db", db.to_str().unwrap(), "user", "list"];
    for uid in [1, 10] {
        let mut c = std::process::Command::new("setpriv");
        c.arg(format!("--reuid={uid}"))
            .arg(format!("--regid={uid}"))
            .arg("--clear-groups")
            .arg(served::BIN)
            .args(args)
            .env("HOME", "/nonexistent")
            .env("QYZMET_LANG", "en")
            .env_remove("QYZMET_CONNECT");
        let o = output(&mut c, None);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_ne!(o.status.code(), Some(0), "uid {uid}: {err}");
        assert!(
            err.contains("cannot be opened by this OS user"),
            "uid {uid}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty(), "uid {uid} read the users");
    }
    let socket = dir.path().join("s.sock");
    let log = dir.path().join("log");
    let server = Served::start(&db, &socket, &log);
    served::failed(
        &args,
        served::qyzmet(&args),
        1,
        "in use by another Qyzmet process",
    );
    server.stop();
    served::succeeded(&args, served::qyzmet(&args));
}

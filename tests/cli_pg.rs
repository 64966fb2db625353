//! The command line on a PostgreSQL store, through the real binary and a
//! throwaway cluster (`common/pg.rs`): `--db postgres://...` (or QYZMET_DB)
//! where a path goes, for init, check, journal verify, app show, backup and
//! restore; failures said in the user's language without the password; and
//! `qyzmet migrate` of the demo store, proved on both sides.

#[path = "common/served.rs"]
mod served;

#[path = "common/pg.rs"]
mod pg;

use std::process::Output;

use qyzmet::ops::backend::Backend;
use qyzmet::server::remote::Remote;
use served::{command, failed, output, succeeded};

/// The demo's clock, as `served::command` pins it.
fn now() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(served::NOW, "%Y-%m-%dT%H:%M").unwrap()
}

/// `qyzmet ARGS` with QYZMET_DB as given, in Russian.
fn on(db: &str, args: &[&str]) -> Output {
    output(
        command()
            .env("QYZMET_LANG", "ru")
            .env("QYZMET_DB", db)
            .args(args),
        None,
    )
}

fn ok(db: &str, args: &[&str]) -> String {
    succeeded(args, on(db, args))
}

/// A new database's URL for this test (None: PostgreSQL is not installed).
fn database(name: &str) -> Option<(tempfile::TempDir, String)> {
    let key = tempfile::tempdir().unwrap();
    let url = pg::database_for(&key.path().join(name))?;
    Some((key, url))
}

/// Some application numbers of the demo, from a clerk's and a head's queues.
fn sample_numbers(db: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    for login in ["clerk", "head", "specialist"] {
        let list: serde_json::Value =
            serde_json::from_str(&ok(db, &["app", "list", "--as", login, "--json"])).unwrap();
        numbers.extend(
            list.as_array()
                .unwrap()
                .iter()
                .take(4)
                .map(|a| a["number"].as_str().unwrap().to_string()),
        );
    }
    assert!(numbers.len() >= 8, "{numbers:?}");
    numbers
}

#[test]
fn a_postgres_store_is_made_checked_backed_up_and_restored_from_the_command_line() {
    let Some((_key, url)) = database("store") else {
        return;
    };
    let created = ok(&url, &["init", "--demo", "--scale", "30"]);
    assert!(created.contains("postgres://"), "{created}");
    ok(&url, &["check"]);
    ok(&url, &["journal", "verify"]);
    let numbers = sample_numbers(&url);
    let card = ok(&url, &["app", "show", &numbers[0], "--json"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("region.bak");
    ok(&url, &["backup", file.to_str().unwrap()]);
    // Into a second database, then into a directory: one format for both.
    let (_k2, copy) = database("copy").unwrap();
    let restored = ok(&copy, &["restore", file.to_str().unwrap(), "--db", &copy]);
    assert!(restored.contains("postgres://"), "{restored}");
    let sled = dir.path().join("sled");
    let sled = sled.to_str().unwrap();
    ok(sled, &["restore", file.to_str().unwrap(), "--db", sled]);
    for db in [&copy, sled] {
        ok(db, &["check"]);
        assert_eq!(ok(db, &["app", "show", &numbers[0], "--json"]), card);
    }
    // A database holding a store is not created again.
    failed(&["init"], on(&url, &["init"]), 1, "уже существует");
}

#[test]
fn database_failures_are_said_in_the_users_language_without_the_password() {
    let Some(cluster) = pg::cluster() else {
        return;
    };
    let (_key, url) = database("fails").unwrap();
    let secret = pg::PASSWORD;
    // No server there.
    let nowhere = format!("postgres://q:{secret}@/x?host=/nonexistent-qyzmet-dir");
    failed(&["check"], on(&nowhere, &["check"]), 1, "не отвечает");
    // A database that is not there, the wrong password, a store not made yet.
    let missing = cluster.url_as(pg::PASSWORD_USER, secret, "no_such_db");
    failed(&["check"], on(&missing, &["check"]), 1, "нет такой базы");
    let db = url.split_once("@/").unwrap().1.split('?').next().unwrap();
    let wrong = cluster.url_as(pg::PASSWORD_USER, "wrong-pw", db);
    failed(
        &["check"],
        on(&wrong, &["check"]),
        1,
        "не принял пользователя или пароль",
    );
    let right = cluster.url_as(pg::PASSWORD_USER, secret, db);
    failed(&["check"], on(&right, &["check"]), 1, "qyzmet init");
    // The right password works, and is never printed.
    let created = ok(&right, &["init"]);
    for out in [
        on(&nowhere, &["check"]),
        on(&missing, &["check"]),
        on(&right, &["init"]),
        on(&right, &["--lang", "en", "check"]),
    ] {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(secret), "{all}");
        assert!(!all.contains("panicked"), "{all}");
    }
    assert!(
        !created.contains(secret) && created.contains(pg::PASSWORD_USER),
        "{created}"
    );
    let kk = on(&nowhere, &["--lang", "kk", "check"]);
    failed(&["check"], kk, 1, "жауап бермейді");
}

#[test]
fn the_demo_store_migrates_to_postgres_and_proves_the_same() {
    let Some((_key, url)) = database("migrated") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sled_dir = dir.path().join("store");
    let sled = sled_dir.to_str().unwrap();
    ok(sled, &["init", "--demo", "--scale", "60"]);
    let said = ok(sled, &["migrate", "--from", sled, "--to", &url]);
    assert!(said.contains("скопировано"), "{said}");
    for db in [sled, url.as_str()] {
        ok(db, &["check"]);
        ok(db, &["journal", "verify"]);
    }
    for number in sample_numbers(sled) {
        let show = |db: &str| ok(db, &["app", "show", &number, "--json"]);
        assert_eq!(show(&url), show(sled), "{number}");
    }
    let queue = |db: &str| ok(db, &["queue", "show", "--centre", "KRG-SC", "--json"]);
    assert_eq!(queue(&url), queue(sled));
    for login in ["clerk", "head", "specialist"] {
        let list = |db: &str| ok(db, &["app", "list", "--as", login, "--json"]);
        assert_eq!(list(&url), list(sled), "{login}");
    }
    // A second migration into the same database is refused and changes nothing.
    let again = on(sled, &["migrate", "--from", sled, "--to", &url]);
    failed(&["migrate"], again, 1, "уже существует");
}

/// `qyzmet ARGS` through the server at `socket`, in English.
fn through(socket: &std::path::Path, args: &[&str]) -> Output {
    let mut c = command();
    c.arg("--connect").arg(socket).args(args);
    output(&mut c, None)
}

#[test]
fn two_serve_nodes_share_one_database_tell_each_others_changes_live_and_a_race_has_one_winner() {
    let Some((_key, url)) = database("nodes") else {
        return;
    };
    ok(&url, &["init", "--demo", "--scale", "30"]);
    let dir = tempfile::tempdir().unwrap();
    let node = |name: &str| {
        let socket = dir.path().join(format!("{name}.sock"));
        let served = served::Served::start(
            std::path::Path::new(&url),
            &socket,
            &dir.path().join(format!("{name}.log")),
        );
        (served, socket)
    };
    let ((a, sock_a), (b, sock_b)) = (node("a"), node("b"));
    // `status` says how much the store takes in the database (not 0).
    let status: serde_json::Value = serde_json::from_str(&succeeded(
        &["status"],
        through(&sock_a, &["status", "--json"]),
    ))
    .unwrap();
    let bytes = status["store_bytes"].as_u64().unwrap();
    assert!(bytes > 500_000, "the store takes {bytes} bytes");
    // A clerk's workstation on node B, a board's queue revision there too.
    let clerk = Remote::connect(&sock_b).unwrap();
    clerk.login("clerk", "qyzmet-demo", now()).unwrap();
    let before = clerk.revision().unwrap();
    // An application taken in through node A is in the clerk's inbox on node B.
    let submit = [
        "app",
        "submit",
        "--service",
        "krg-34-17-guardian-allowance",
        "--iin",
        "900415300123",
        "--name",
        "Сапарова Айгерим",
        "--channel",
        "state_corp",
        "--as",
        "operator",
        "--json",
    ];
    let taken: serde_json::Value =
        serde_json::from_str(&succeeded(&submit, through(&sock_a, &submit))).unwrap();
    let number = taken["number"].as_str().unwrap().to_string();
    let inbox = ["app", "list", "--as", "clerk", "--queue", "--json"];
    assert!(succeeded(&inbox, through(&sock_b, &inbox)).contains(&number));
    // ... and node B told the clerk's workstation live, with the row to show.
    let took = served::wait_until("node B's notice of node A's change", 20, || {
        clerk.revision().unwrap() != before
    });
    eprintln!("node A's change reached a workstation on node B in {took:?}");
    let told = clerk.changes_since("clerk", 0).unwrap().expect("rows told");
    assert!(told.iter().any(|s| s.number == number), "{told:?}");
    // A queue change through node A moves the centre's revision on node B.
    let queue_before = clerk.queue_revision("KRG-SC").unwrap();
    let take = ["queue", "take", "--centre", "KRG-SC", "--category", "A"];
    succeeded(&take, through(&sock_a, &take));
    served::wait_until("node B's queue notice", 20, || {
        clerk.queue_revision("KRG-SC").unwrap() != queue_before
    });
    // Both nodes register it at the version they saw: one wins, one is told.
    let version = taken["version"].as_u64().unwrap().to_string();
    let act = [
        "app",
        "act",
        &number,
        "register",
        "--as",
        "clerk",
        "--version",
        &version,
    ];
    let results = std::thread::scope(|s| {
        let runs: Vec<_> = [&sock_a, &sock_b]
            .map(|sock| s.spawn(move || through(sock, &act)))
            .into_iter()
            .collect();
        runs.into_iter()
            .map(|r| r.join().unwrap())
            .collect::<Vec<_>>()
    });
    let codes: Vec<_> = results.iter().map(|o| o.status.code()).collect();
    assert!(
        codes.contains(&Some(0)) && codes.contains(&Some(4)),
        "one winner, one conflict: {codes:?}"
    );
    a.stop();
    b.stop();
    ok(&url, &["check"]);
    ok(&url, &["journal", "verify"]);
}

/// The 100k-application store moved to PostgreSQL: run by hand (minutes),
/// `cargo test --release --test cli_pg -- --ignored`.
#[test]
#[ignore]
fn a_store_of_100k_applications_migrates() {
    let Some((_key, url)) = database("big") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sled_dir = dir.path().join("store");
    let sled = sled_dir.to_str().unwrap();
    ok(sled, &["init", "--demo", "--scale", "100000"]);
    let started = std::time::Instant::now();
    // migrate checks both sides and verifies both journals itself.
    ok(sled, &["migrate", "--from", sled, "--to", &url]);
    eprintln!(
        "migrate of the 100k demo store, both sides checked: {:.1?}",
        started.elapsed()
    );
    ok(&url, &["check"]);
    ok(&url, &["journal", "verify"]);
    for number in sample_numbers(sled) {
        let show = |db: &str| ok(db, &["app", "show", &number, "--json"]);
        assert_eq!(show(&url), show(sled), "{number}");
    }
    for login in ["clerk", "head", "specialist", "operator"] {
        let queue = |db: &str| ok(db, &["app", "list", "--as", login, "--queue", "--json"]);
        assert_eq!(queue(&url), queue(sled), "{login}'s queue");
    }
}

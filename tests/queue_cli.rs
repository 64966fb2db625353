//! `qyzmet queue ...` as scripts use it: set up from a file, take, call,
//! finish, cancel, list and the day's figures; bad input gets a message and
//! exit 2, what the queue's rules refuse exit 1, a forbidden act exit 3.

#[path = "common/served.rs"]
mod served;

use std::path::Path;

use served::{failed, qyzmet_on, succeeded};

fn ok(db: &Path, args: &[&str]) -> String {
    succeeded(args, qyzmet_on(db, args))
}

fn fails(db: &Path, args: &[&str], code: i32, says: &str) {
    failed(args, qyzmet_on(db, args), code, says)
}

/// `queue setup` of the centre from `file`.
fn setup(file: &Path) -> [&str; 6] {
    let file = file.to_str().unwrap();
    ["queue", "setup", "--centre", "KRG-SC", "--file", file]
}

/// `queue act --as operator2 finish --outcome OUTCOME`.
fn finish(outcome: &str) -> [&str; 7] {
    [
        "queue",
        "act",
        "--as",
        "operator2",
        "finish",
        "--outcome",
        outcome,
    ]
}

/// `queue cancel` of `ticket` at the centre, with `reason`.
fn cancel<'a>(ticket: &'a str, reason: &'a str) -> [&'a str; 8] {
    [
        "queue", "cancel", "--centre", "KRG-SC", "--ticket", ticket, "--reason", reason,
    ]
}

/// `queue take` at the centre in `category`, then `more`.
fn take<'a>(category: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "queue",
        "take",
        "--centre",
        "KRG-SC",
        "--category",
        category,
    ];
    args.extend(more);
    args
}

#[test]
fn a_queue_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["init", "--demo", "--scale", "5"]);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/queue-sample.toml");
    ok(&db, &setup(&sample));
    let shown = ok(&db, &["queue", "show", "--centre", "KRG-SC"]);
    assert!(shown.contains("window 3   C"), "{shown}");
    assert!(!shown.contains("window 4"), "{shown}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "no_show_minutes = 3\n[[categories]]\nletter = \"A\"\n",
    )
    .unwrap();
    fails(&db, &setup(&bad), 2, "bad.toml");
    fails(&db, &take("Q", &[]), 2, "no category Q");
    fails(&db, &take("AB", &[]), 2, "not a category letter");
    fails(
        &db,
        &["queue", "call", "--as", "clerk"],
        3,
        "not an operator",
    );

    let taken: serde_json::Value =
        serde_json::from_str(&ok(&db, &take("c", &["--priority", "elderly", "--json"]))).unwrap();
    let number = taken["ticket"]["number"].as_str().unwrap().to_string();
    assert!(number.starts_with('C'), "{taken:#}");
    ok(&db, &["queue", "sit", "--as", "operator2", "--window", "3"]);
    let called = ok(&db, &["queue", "call", "--as", "operator2"]);
    assert!(called.contains(&number), "{called}");
    ok(&db, &["queue", "act", "--as", "operator2", "serve"]);
    fails(&db, &finish("accepted"), 2, "needs the application");
    fails(&db, &finish("wave"), 2, "unknown outcome");
    ok(&db, &finish("consultation"));

    // A visitor who left is taken off the queue, once, with a reason.
    let left: serde_json::Value = serde_json::from_str(&ok(&db, &take("B", &["--json"]))).unwrap();
    let gone = left["ticket"]["number"].as_str().unwrap().to_string();
    fails(&db, &cancel(&gone, " "), 1, "reason");
    let cancelled = ok(&db, &cancel(&gone, "ушёл"));
    assert!(cancelled.contains("cancelled"), "{cancelled}");
    fails(&db, &cancel(&gone, "ушёл"), 1, "is cancelled now");
    fails(&db, &cancel("Z999", "x"), 1, "no ticket Z999");

    let list = ok(&db, &["queue", "list", "--centre", "KRG-SC"]);
    let line = list.lines().find(|l| l.starts_with(&number)).unwrap();
    assert!(
        // The state and the outcome in words, not their identifiers (`done`).
        line.contains("served") && line.contains("consultation"),
        "{line}"
    );
    let stats: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "queue",
            "stats",
            "--centre",
            "KRG-SC",
            "--date",
            "2026-11-23",
            "--json",
        ],
    ))
    .unwrap();
    assert!(
        stats["categories"]["C"]["served"].as_u64().unwrap() >= 1,
        "{stats:#}"
    );
    fails(
        &db,
        &["queue", "stats", "--centre", "KRG-SC", "--as", "operator"],
        3,
        "head",
    );
    fails(
        &db,
        &[
            "queue",
            "stats",
            "--centre",
            "KRG-SC",
            "--date",
            "23.11.2026",
        ],
        2,
        "not a date",
    );
    assert!(ok(&db, &["check"]).contains("sound"));
}

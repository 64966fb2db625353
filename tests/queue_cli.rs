//! `qyzmet queue ...` as scripts use it: set up from a file, take, call,
//! finish, cancel, list and the day's figures; bad input gets a message and
//! exit 2, what the queue's rules refuse exit 1, a forbidden act exit 3.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_qyzmet");
const NOW: &str = "2026-11-23T10:00";

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("QYZMET_NOW", NOW)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(db: &Path, args: &[&str], code: i32, says: &str) {
    let out = run(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
}

#[test]
fn a_queue_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["init", "--demo", "--scale", "5"]);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/queue-sample.toml");
    ok(
        &db,
        &[
            "queue",
            "setup",
            "--centre",
            "KRG-SC",
            "--file",
            sample.to_str().unwrap(),
        ],
    );
    let shown = ok(&db, &["queue", "show", "--centre", "KRG-SC"]);
    assert!(shown.contains("window 3   C"), "{shown}");
    assert!(!shown.contains("window 4"), "{shown}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "no_show_minutes = 3\n[[categories]]\nletter = \"A\"\n",
    )
    .unwrap();
    fails(
        &db,
        &[
            "queue",
            "setup",
            "--centre",
            "KRG-SC",
            "--file",
            bad.to_str().unwrap(),
        ],
        2,
        "bad.toml",
    );
    fails(
        &db,
        &["queue", "take", "--centre", "KRG-SC", "--category", "Q"],
        2,
        "no category Q",
    );
    fails(
        &db,
        &["queue", "take", "--centre", "KRG-SC", "--category", "AB"],
        2,
        "not a category letter",
    );
    fails(
        &db,
        &["queue", "call", "--as", "clerk"],
        3,
        "not an operator",
    );

    let taken: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "queue",
            "take",
            "--centre",
            "KRG-SC",
            "--category",
            "c",
            "--priority",
            "elderly",
            "--json",
        ],
    ))
    .unwrap();
    let number = taken["ticket"]["number"].as_str().unwrap().to_string();
    assert!(number.starts_with('C'), "{taken:#}");
    ok(&db, &["queue", "sit", "--as", "operator2", "--window", "3"]);
    let called = ok(&db, &["queue", "call", "--as", "operator2"]);
    assert!(called.contains(&number), "{called}");
    ok(&db, &["queue", "act", "--as", "operator2", "serve"]);
    fails(
        &db,
        &[
            "queue",
            "act",
            "--as",
            "operator2",
            "finish",
            "--outcome",
            "accepted",
        ],
        2,
        "needs the application",
    );
    fails(
        &db,
        &[
            "queue",
            "act",
            "--as",
            "operator2",
            "finish",
            "--outcome",
            "wave",
        ],
        2,
        "unknown outcome",
    );
    ok(
        &db,
        &[
            "queue",
            "act",
            "--as",
            "operator2",
            "finish",
            "--outcome",
            "consultation",
        ],
    );

    // A visitor who left is taken off the queue, once, with a reason.
    let left: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "queue",
            "take",
            "--centre",
            "KRG-SC",
            "--category",
            "B",
            "--json",
        ],
    ))
    .unwrap();
    let gone = left["ticket"]["number"].as_str().unwrap().to_string();
    fails(
        &db,
        &[
            "queue", "cancel", "--centre", "KRG-SC", "--ticket", &gone, "--reason", " ",
        ],
        1,
        "reason",
    );
    let cancelled = ok(
        &db,
        &[
            "queue", "cancel", "--centre", "KRG-SC", "--ticket", &gone, "--reason", "ушёл",
        ],
    );
    assert!(cancelled.contains("cancelled"), "{cancelled}");
    fails(
        &db,
        &[
            "queue", "cancel", "--centre", "KRG-SC", "--ticket", &gone, "--reason", "ушёл",
        ],
        1,
        "cannot be cancelled",
    );
    fails(
        &db,
        &[
            "queue", "cancel", "--centre", "KRG-SC", "--ticket", "Z999", "--reason", "x",
        ],
        2,
        "no ticket Z999",
    );

    let list = ok(&db, &["queue", "list", "--centre", "KRG-SC"]);
    let line = list.lines().find(|l| l.starts_with(&number)).unwrap();
    assert!(
        line.contains("done") && line.contains("consultation"),
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

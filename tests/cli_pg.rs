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

use served::{command, failed, output, succeeded};

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

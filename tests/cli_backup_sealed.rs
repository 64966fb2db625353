//! Backups that can leave the building, through the real binary: encrypted
//! to an age recipient, restored only with its identity, and a warning for a
//! backup in the clear of a store that holds citizens' data.

#[path = "common/served.rs"]
mod served;

use std::path::Path;

use age::secrecy::ExposeSecret;
use served::{Served, failed, qyzmet, qyzmet_on, succeeded, text};

/// A demo store (it holds applicants and the person registry) in `dir`.
fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store");
    let args = ["init", "--demo", "--scale", "12"];
    succeeded(&args, qyzmet_on(&db, &args));
    db
}

/// A fresh age key pair: the identity file written in `dir`, and the recipient.
fn key(dir: &Path, name: &str) -> (std::path::PathBuf, String) {
    let identity = age::x25519::Identity::generate();
    let file = dir.join(name);
    std::fs::write(&file, identity.to_string().expose_secret()).unwrap();
    (file, identity.to_public().to_string())
}

fn app_json(db: &Path) -> String {
    let args = ["app", "show", "KRG-SC-2026-000001", "--json"];
    succeeded(&args, qyzmet_on(db, &args))
}

#[test]
fn an_encrypted_backup_round_trips_only_with_its_identity() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (identity, recipient) = key(dir.path(), "office.key");
    let (stranger, _) = key(dir.path(), "stranger.key");
    let file = dir.path().join("b.age");
    let f = file.to_str().unwrap();
    let o = qyzmet_on(&db, &["backup", f, "--encrypt-to", &recipient]);
    assert!(o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("warning"), "an encrypted backup warns: {err}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    // Neither the backup's header nor an applicant's IIN is readable.
    assert!(!bytes.windows(14).any(|w| w == b"QYZMET-BACKUP-"));

    let target = dir.path().join("copy");
    let t = target.to_str().unwrap();
    let args = ["restore", f, "--db", t];
    failed(&args, qyzmet(&args), 2, "--identity");
    let id = stranger.to_str().unwrap();
    let args = ["restore", f, "--db", t, "--identity", id];
    failed(&args, qyzmet(&args), 2, "no key in");
    let not_a_key = dir.path().join("note.txt");
    std::fs::write(&not_a_key, "hello").unwrap();
    let args = [
        "restore",
        f,
        "--db",
        t,
        "--identity",
        not_a_key.to_str().unwrap(),
    ];
    failed(&args, qyzmet(&args), 2, "not an age key file");
    assert!(!target.exists(), "a refused restore created the store");

    let args = [
        "restore",
        f,
        "--db",
        t,
        "--identity",
        identity.to_str().unwrap(),
    ];
    let out = succeeded(&args, qyzmet(&args));
    assert!(out.contains("check passed"), "{out}");
    assert_eq!(app_json(&target), app_json(&db));

    // A bad recipient is refused before anything is written.
    let other = dir.path().join("c.age");
    let args = [
        "backup",
        other.to_str().unwrap(),
        "--encrypt-to",
        "age1nope",
    ];
    failed(&args, qyzmet_on(&db, &args), 2, "not an age recipient");
    assert!(!other.exists());
}

#[test]
fn a_plain_backup_of_personal_data_warns_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("b.qzb");
    let o = qyzmet_on(&db, &["--lang", "kk", "backup", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("дербес деректер") && err.contains("--encrypt-to"),
        "{err}"
    );
    // A store without applicants or persons has nothing to warn about.
    let empty = dir.path().join("empty");
    succeeded(&["init"], qyzmet_on(&empty, &["init"]));
    let o = qyzmet_on(
        &empty,
        &["backup", dir.path().join("e.qzb").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(o.stderr.is_empty(), "{}", text(&o));
}

#[test]
fn an_encrypted_backup_through_the_server_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let socket = dir.path().join("s.sock");
    let server = Served::start(&db, &socket, &dir.path().join("log"));
    let sock = socket.to_str().unwrap();
    let (identity, recipient) = key(dir.path(), "office.key");
    let plain = dir.path().join("plain.qzb");
    let args = ["--connect", sock, "backup", plain.to_str().unwrap()];
    let o = qyzmet(&args);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("personal data"),
        "{}",
        text(&o)
    );
    let file = dir.path().join("b.age");
    let f = file.to_str().unwrap();
    let args = ["--connect", sock, "backup", f, "--encrypt-to", &recipient];
    let out = succeeded(&args, qyzmet(&args));
    assert!(out.contains("Encrypted backup written"), "{out}");
    let expected = {
        let args = [
            "--connect",
            sock,
            "app",
            "show",
            "KRG-SC-2026-000001",
            "--json",
        ];
        succeeded(&args, qyzmet(&args))
    };
    server.stop();
    let target = dir.path().join("copy");
    let t = target.to_str().unwrap();
    let args = [
        "restore",
        f,
        "--db",
        t,
        "--identity",
        identity.to_str().unwrap(),
    ];
    succeeded(&args, qyzmet(&args));
    assert_eq!(app_json(&target), expected);
}

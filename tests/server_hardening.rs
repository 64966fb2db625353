//! The server's hardening, through a real `qyzmet serve`: limits on what a
//! request carries, connections per peer uid, a peer-credential session
//! ended by removing its OS user's mapping, and `user passwd` for oneself
//! asking for the current password. Clients of another OS user run as
//! `nobody` (setpriv; the tests run as root, as CI does).

#![allow(dead_code)]

mod common;
#[path = "common/served.rs"]
mod served;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use common::{demo_store, now};
use qyzmet::ops::backend::Backend;
use qyzmet::ops::{ActKind, ActRequest, OpsError, Refusal};
use qyzmet::server::remote::Remote;
use qyzmet::store::model::JournalWhat;
use served::{Served, command, output, qyzmet, qyzmet_on, succeeded, text};

/// A server on a copy of the demo store whose socket everyone may use; `extra`
/// are more `serve` options.
fn server(dir: &Path, extra: &[&str]) -> (Served, std::path::PathBuf) {
    let db = dir.join("store");
    let run = dir.join("run");
    std::fs::create_dir_all(&run).unwrap();
    for p in [dir, run.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let socket = run.join("s.sock");
    let mut c = command();
    c.arg("--db")
        .arg(&db)
        .arg("serve")
        .args(extra)
        .arg("--socket")
        .arg(&socket)
        .arg("--log-file")
        .arg(dir.join("log"));
    let served = Served::spawn(&mut c, &socket);
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    (served, socket)
}

/// `qyzmet ARGS` run as the OS user nobody.
fn as_nobody(args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = std::process::Command::new("setpriv");
    c.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        served::BIN,
    ])
    .args(args)
    .env("HOME", "/nonexistent")
    .env("QYZMET_LANG", "en")
    .env_remove("QYZMET_CONNECT")
    .env_remove("QYZMET_DB");
    output(&mut c, stdin)
}

#[test]
fn an_over_long_field_is_refused_by_the_server_and_changes_nothing() {
    let dir = demo_store();
    let (_server, socket) = server(dir.path(), &[]);
    let clerk = Remote::connect(&socket).unwrap();
    clerk.login("clerk", "qyzmet-demo", now()).unwrap();
    let number = clerk.queue("clerk").unwrap()[0].number.clone();
    let before = clerk.show("clerk", &number).unwrap();
    let req = ActRequest {
        comment: Some("ж".repeat(8001)),
        ..ActRequest::default()
    };
    match clerk.act("clerk", &number, ActKind::Return, req, now()) {
        Err(OpsError::Invalid(Refusal::OverLimit { field, max, items })) => {
            assert_eq!((field.as_str(), max, items), ("comment", 8000, false))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(clerk.show("clerk", &number).unwrap().app, before.app);
}

#[test]
fn connections_per_uid_are_limited_and_the_administrator_is_not() {
    let dir = demo_store();
    let (_server, socket) = server(dir.path(), &["--max-connections-per-minute", "2"]);
    let sock = socket.to_str().unwrap();
    let args = ["--connect", sock, "app", "list", "--as", "clerk"];
    for _ in 0..2 {
        let o = as_nobody(&args, None);
        assert!(text(&o).contains("not allowed"), "{}", text(&o));
    }
    let o = as_nobody(&args, None);
    assert_ne!(o.status.code(), Some(0));
    // Said before the client's language is known: in the default one.
    assert!(
        text(&o).contains("Слишком много подключений"),
        "{}",
        text(&o)
    );
    // The server's own OS user is not counted.
    for _ in 0..4 {
        succeeded(&args, qyzmet(&args));
    }
}

#[test]
fn removing_the_os_mapping_ends_a_peer_session() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .name;
    let args = ["user", "map", "clerk", "--os-user", &me];
    succeeded(&args, qyzmet_on(&db, &args));
    let (_server, socket) = server(dir.path(), &[]);
    let r = Remote::connect(&socket).unwrap();
    assert_eq!(r.peer_user().unwrap().0.login, "clerk");
    assert!(!r.queue("clerk").unwrap().is_empty());
    let sock = socket.to_str().unwrap();
    let args = ["--connect", sock, "user", "map", "clerk"];
    succeeded(&args, qyzmet(&args));
    assert!(matches!(r.queue("clerk"), Err(OpsError::SessionExpired)));
    // A new connection is not signed in either.
    assert!(Remote::connect(&socket).unwrap().peer_user().is_none());
}

#[test]
fn user_passwd_for_oneself_asks_for_the_current_password() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let args = ["user", "map", "clerk", "--os-user", "nobody"];
    succeeded(&args, qyzmet_on(&db, &args));
    let (_server, socket) = server(dir.path(), &[]);
    let sock = socket.to_str().unwrap();
    let passwd = [
        "--connect",
        sock,
        "user",
        "passwd",
        "clerk",
        "--password-stdin",
    ];
    let o = as_nobody(&passwd, Some("wrong-password-1\nnew-password-1\n"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        text(&o).contains("current password is wrong"),
        "{}",
        text(&o)
    );
    // The policy holds for oneself too.
    let o = as_nobody(&passwd, Some("qyzmet-demo\nabcdefghijk\n"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = as_nobody(&passwd, Some("qyzmet-demo\nnew-password-1\n"));
    assert!(o.status.success(), "{}", text(&o));
    let r = Remote::connect(&socket).unwrap();
    assert!(r.login("clerk", "qyzmet-demo", now()).is_err());
    r.login("clerk", "new-password-1", now()).unwrap();
    // Someone else's password stays out of reach.
    let other = [
        "--connect",
        sock,
        "user",
        "passwd",
        "head",
        "--password-stdin",
    ];
    let o = as_nobody(&other, Some("qyzmet-demo\nnew-password-2\n"));
    // Exit 3: not allowed, said in the client's language.
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("not allowed"), "{}", text(&o));
    let in_kazakh: Vec<&str> = ["--lang", "kk"].into_iter().chain(other).collect();
    let o = as_nobody(&in_kazakh, Some("qyzmet-demo\nnew-password-2\n"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("рұқсат жоқ"), "{}", text(&o));
}

#[test]
fn wrong_current_passwords_count_towards_the_account_lock() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let args = ["user", "map", "clerk", "--os-user", "nobody"];
    succeeded(&args, qyzmet_on(&db, &args));
    let (server, socket) = server(dir.path(), &[]);
    let sock = socket.to_str().unwrap();
    let passwd = [
        "--connect",
        sock,
        "user",
        "passwd",
        "clerk",
        "--password-stdin",
    ];
    // One wrong sign-in at the login screen, then wrong current passwords:
    // they are one count.
    let r = Remote::connect(&socket).unwrap();
    assert!(r.login("clerk", "wrong-password-0", now()).is_err());
    let o = as_nobody(&passwd, Some("wrong-password-1\nnew-password-1\n"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        text(&o).contains("current password is wrong") && text(&o).contains("locked: 1"),
        "{}",
        text(&o)
    );
    let o = as_nobody(&passwd, Some("wrong-password-2\nnew-password-1\n"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("is locked until"), "{}", text(&o));
    // Locked: the right current password changes nothing, and the
    // workstation's sign-in is refused too.
    let o = as_nobody(&passwd, Some("qyzmet-demo\nnew-password-1\n"));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(text(&o).contains("is locked until"), "{}", text(&o));
    let r = Remote::connect(&socket).unwrap();
    assert!(matches!(
        r.login("clerk", "qyzmet-demo", now()),
        Err(OpsError::Login(
            qyzmet::ops::auth::LoginError::Locked { .. }
        ))
    ));
    assert!(matches!(
        r.login("clerk", "new-password-1", now()),
        Err(OpsError::Login(
            qyzmet::ops::auth::LoginError::Locked { .. }
        ))
    ));
    // Each failure is journaled as a failed sign-in, the third locking.
    server.stop();
    let store = qyzmet::store::Store::open(&db).unwrap();
    let failed: Vec<bool> = store
        .journal()
        .map(|e| e.unwrap().what)
        .filter_map(|w| match w {
            JournalWhat::LoginFailed { login, locked } if login == "clerk" => Some(locked),
            _ => None,
        })
        .collect();
    assert_eq!(failed, [false, false, true]);
}

//! Users added through a running server: the password is the one the
//! administrator typed (or piped) at the client, not whatever the server's
//! own stdin or terminal holds, and the OS-user mapping signs that OS user in.

mod common;
#[path = "common/served.rs"]
mod served;

use common::now;
use qyzmet::ops::OpsError;
use qyzmet::ops::backend::Backend;
use qyzmet::server::remote::Remote;
use served::{Served, qyzmet_stdin, text};
use tempfile::TempDir;

#[test]
fn user_add_and_passwd_through_a_server_take_the_clients_password() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let _server = Served::start(&db, &socket, &db.with_extension("log"));
    let sock = socket.to_str().unwrap();
    let me = nix::unistd::User::from_uid(nix::unistd::geteuid())
        .unwrap()
        .expect("this process's OS user has a name")
        .name;

    let add = |args: &[&str], stdin: &str| {
        let mut all = vec!["--connect", sock];
        all.extend(args);
        qyzmet_stdin(&all, stdin)
    };
    let out = add(
        &[
            "org",
            "add",
            "KRG-ED",
            "--kind",
            "provider",
            "--provider-kind",
            "education_department",
            "--region",
            "karaganda",
            "--district",
            "Казыбек би",
            "--name-ru",
            "Отдел образования",
            "--name-kk",
            "Білім бөлімі",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = add(
        &[
            "user",
            "add",
            "aigerim",
            "--name",
            "Ахметова Айгерим",
            "--org",
            "KRG-ED",
            "--role",
            "clerk",
            "--password-stdin",
            "--os-user",
            &me,
        ],
        "first-password\n",
    );
    assert!(out.status.success(), "{}", text(&out));

    // This OS user is now signed in by the server, no password asked.
    let r = Remote::connect(&socket).unwrap();
    let (u, _) = r.peer_user().expect("mapped by peer credentials");
    assert_eq!(u.login, "aigerim");
    // And the password is the one piped to the client.
    r.login("aigerim", "first-password", now()).unwrap();

    let out = add(
        &["user", "passwd", "aigerim", "--password-stdin"],
        "second-password\n",
    );
    assert!(out.status.success(), "{}", text(&out));
    let fresh = Remote::connect(&socket).unwrap();
    assert!(matches!(
        fresh.login("aigerim", "first-password", now()),
        Err(OpsError::Login(_))
    ));
    fresh.login("aigerim", "second-password", now()).unwrap();

    // Too short at the client: refused, nothing changed.
    let out = add(
        &["user", "passwd", "aigerim", "--password-stdin"],
        "short\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    Remote::connect(&socket)
        .unwrap()
        .login("aigerim", "second-password", now())
        .unwrap();
}

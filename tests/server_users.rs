//! Users added through a running server: the password is the one the
//! administrator typed (or piped) at the client, not whatever the server's
//! own stdin or terminal holds, and the OS-user mapping signs that OS user in.

mod common;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::now;
use qyzmet::ops::OpsError;
use qyzmet::ops::backend::Backend;
use qyzmet::server::remote::Remote;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_qyzmet");

struct Server(Child);

impl Server {
    fn start(db: &Path, socket: &Path) -> Server {
        // Like under systemd: nothing on the server's stdin.
        let child = Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(["serve", "--socket"])
            .arg(socket)
            .arg("--log-file")
            .arg(db.with_extension("log"))
            .env("QYZMET_NOW", "2026-11-23T10:00")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while UnixStream::connect(socket).is_err() {
            assert!(start.elapsed() < Duration::from_secs(30), "no server");
            std::thread::sleep(Duration::from_millis(10));
        }
        Server(child)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn qyzmet(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("QYZMET_NOW", "2026-11-23T10:00")
        .env_remove("QYZMET_CONNECT")
        .env_remove("QYZMET_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn user_add_and_passwd_through_a_server_take_the_clients_password() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let _server = Server::start(&db, &socket);
    let sock = socket.to_str().unwrap();
    let me = nix::unistd::User::from_uid(nix::unistd::geteuid())
        .unwrap()
        .expect("this process's OS user has a name")
        .name;

    let add = |args: &[&str], stdin: &str| {
        let mut all = vec!["--connect", sock];
        all.extend(args);
        qyzmet(&all, stdin)
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

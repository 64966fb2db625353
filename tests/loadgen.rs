//! `qyzmet loadgen` against the real server binary on a demo store: the
//! simulated staff carry applications along their routes, nothing fails
//! but the expected stale-version conflicts, and the store is sound after.
//! No timing is asserted: the figures are for docs/PERFORMANCE.md.

mod common;

use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use common::{now, ops_on};
use qyzmet::store::Store;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_qyzmet");
const NOW: &str = "2026-11-23T10:00";

static TEMPLATE: LazyLock<TempDir> = LazyLock::new(|| {
    let dir = TempDir::new().unwrap();
    let ops = ops_on(Store::create(&dir.path().join("store"), now()).unwrap());
    qyzmet::demo::populate(
        &ops,
        now(),
        qyzmet::ops::backend::DEMO_APPLICATIONS,
        &mut |_| {},
    )
    .unwrap();
    dir
});

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

struct Server {
    child: Child,
}

impl Server {
    fn start(db: &Path, socket: &Path) -> Server {
        let child = Command::new(BIN)
            .arg("--db")
            .arg(db)
            .args(["serve", "--socket"])
            .arg(socket)
            .arg("--log-file")
            .arg(db.with_extension("log"))
            .env("QYZMET_NOW", NOW)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while UnixStream::connect(socket).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the server did not come up"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        Server { child }
    }

    fn stop(mut self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        assert_eq!(self.child.wait().unwrap().code(), Some(0));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn qyzmet(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("QYZMET_NOW", NOW)
        .env_remove("QYZMET_CONNECT")
        .env_remove("QYZMET_DB")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn loadgen(socket: &str, clients: &str, duration: &str) -> serde_json::Value {
    let out = qyzmet(&[
        "--connect",
        socket,
        "loadgen",
        "--clients",
        clients,
        "--duration",
        duration,
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    eprintln!("{clients} clients: {v:#}");
    v
}

fn assert_worked(v: &serde_json::Value) {
    assert_eq!(v["errors"], serde_json::json!({}), "{v:#}");
    assert_eq!(v["check"]["ran"], true, "{v:#}");
    assert_eq!(v["check"]["passed"], true, "{v:#}");
    assert!(
        v["check"]["output"].as_str().unwrap().starts_with("sound:"),
        "{v:#}"
    );
    let transitions = v["transitions"].as_u64().unwrap();
    assert!(transitions > 0, "{v:#}");
    // Every desk did its part: taken in at the counter, and carried on by
    // the provider's staff (the demo's backlog gives each of them work).
    for kind in ["submit", "register", "assign", "decide", "sign", "issue"] {
        assert!(
            v["latency"][kind]["count"].as_u64().unwrap_or(0) > 0,
            "no {kind}: {v:#}"
        );
    }
    assert_eq!(
        v["latency"]["all"]["count"].as_u64(),
        Some(transitions),
        "{v:#}"
    );
}

#[test]
fn simulated_staff_work_a_server_and_leave_the_store_sound() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    copy_dir(&TEMPLATE.path().join("store"), &db);
    let socket = dir.path().join("s.sock");
    let server = Server::start(&db, &socket);
    let sock = socket.to_str().unwrap();

    let four = loadgen(sock, "4", "2s");
    assert_worked(&four);
    assert_eq!(four["connections"], 4);
    // One client plays every desk in turn, on a connection per desk.
    let one = loadgen(sock, "1", "1s");
    assert_worked(&one);
    assert_eq!(one["connections"], 4);

    // The server's own view agrees, through the socket and then directly.
    let out = qyzmet(&["--connect", sock, "journal", "verify"]);
    assert!(out.status.success(), "{}", text(&out));
    server.stop();
    let out = qyzmet(&["--db", db.to_str().unwrap(), "check"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn loadgen_says_what_it_needs() {
    // No server: a clear message, no panic.
    let dir = TempDir::new().unwrap();
    let nothing = dir.path().join("nothing.sock");
    let out = qyzmet(&[
        "--connect",
        nothing.to_str().unwrap(),
        "loadgen",
        "--duration",
        "1s",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("cannot connect"), "{}", text(&out));

    // Bad arguments.
    let out = qyzmet(&["loadgen", "--duration", "3 weeks"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("unknown unit"), "{}", text(&out));
    let out = qyzmet(&["loadgen", "--clients", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));

    // A server without the demo region: told to make one.
    let db = dir.path().join("empty");
    let socket = dir.path().join("e.sock");
    let server = Server::start(&db, &socket);
    let out = qyzmet(&[
        "--connect",
        socket.to_str().unwrap(),
        "loadgen",
        "--duration",
        "1s",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("init --demo"), "{}", text(&out));
    server.stop();
}

//! The real `qyzmet` binary in tests: the command line run as a script runs
//! it, and `qyzmet serve` started on a store and waited for on its socket.

#![allow(dead_code)]

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_qyzmet");
/// The binary's clock (`QYZMET_NOW`): the Monday morning of `common::now()`.
pub const NOW: &str = "2026-11-23T10:00";

/// Polls `ok` until it holds, failing after `secs` seconds with `what`;
/// returns how long it took.
pub fn wait_until(what: &str, secs: u64, mut ok: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    start.elapsed()
}

/// The binary at `NOW`, with nothing of the caller's environment choosing
/// its store, server, catalogue or calendar; its messages in English (the
/// tests of other languages pass `--lang`).
pub fn command() -> Command {
    let mut c = Command::new(BIN);
    c.env("QYZMET_NOW", NOW)
        .env("QYZMET_LANG", "en")
        .env_remove("QYZMET_CONNECT")
        .env_remove("QYZMET_DB")
        .env_remove("QYZMET_CATALOG")
        .env_remove("QYZMET_CALENDAR");
    c
}

/// Runs `c` to its end with `stdin` (or nothing) on its standard input.
pub fn output(c: &mut Command, stdin: Option<&str>) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

pub fn qyzmet(args: &[&str]) -> Output {
    output(command().args(args), None)
}

/// `qyzmet ARGS`, which must succeed: its standard output.
pub fn qyzmet_ok(args: &[&str]) -> String {
    succeeded(args, qyzmet(args))
}

/// `qyzmet ARGS` with `stdin` piped to it (a password, say).
pub fn qyzmet_stdin(args: &[&str], stdin: &str) -> Output {
    output(command().args(args), Some(stdin))
}

/// `qyzmet --db DB ARGS`.
pub fn qyzmet_on(db: &Path, args: &[&str]) -> Output {
    output(command().arg("--db").arg(db).args(args), None)
}

/// Exit code, standard output and standard error, for failure messages.
pub fn text(o: &Output) -> String {
    format!(
        "exit {:?}\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Asserts that `args` ran to `out` successfully; its standard output.
pub fn succeeded(args: &[&str], out: Output) -> String {
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that `args` ran to `out` failing with `code` and a message that
/// says `says`, without a panic.
pub fn failed(args: &[&str], out: Output, code: i32, says: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err:?} lacks {says:?}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
}

/// A `qyzmet serve` process, killed when dropped.
pub struct Served {
    pub child: Child,
}

impl Served {
    /// `qyzmet --db DB serve --socket SOCKET --log-file LOG`, as under
    /// systemd: nothing on its standard input.
    pub fn start(db: &Path, socket: &Path, log: &Path) -> Served {
        let mut c = command();
        c.arg("--db")
            .arg(db)
            .args(["serve", "--socket"])
            .arg(socket)
            .arg("--log-file")
            .arg(log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        Served::spawn(&mut c, socket)
    }

    /// Starts a server `c` describes and waits until `socket` takes connections.
    pub fn spawn(c: &mut Command, socket: &Path) -> Served {
        let served = Served {
            child: c.spawn().unwrap(),
        };
        wait_until("the server's socket", 30, || {
            UnixStream::connect(socket).is_ok()
        });
        served
    }

    /// Sends `sig` (`-TERM`, `-KILL`) and waits for the server to end.
    pub fn signal(&mut self, sig: &str) -> ExitStatus {
        let sent = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill {sig}");
        self.child.wait().unwrap()
    }

    /// SIGTERM, and the server exits 0.
    pub fn stop(mut self) {
        assert_eq!(self.signal("-TERM").code(), Some(0), "SIGTERM: exit 0");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

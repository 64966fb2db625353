//! A server under load degrades gracefully: a client that never reads is
//! cut off from notices (bounded) without delaying anyone, and is told to
//! resynchronise when it reads again; hundreds of idle connections are
//! held; `qyzmet status` answers administrators only. No timing is
//! asserted: only what the server reports and what clients receive.

mod common;
#[path = "common/served.rs"]
mod served;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::time::Duration;

use common::{demo_store, now, submit_request};
use qyzmet::catalog_files::Sources;
use qyzmet::ops::backend::Backend;
use qyzmet::server::protocol::{
    ClientMsg, Hello, Reply, Request, ServerMsg, Welcome, read_frame, write_frame,
};
use qyzmet::server::remote::Remote;
use served::{Served, command, output, qyzmet, text};

const PASSWORD: &str = "qyzmet-demo";

/// `qyzmet status --json` through the socket.
fn status(socket: &Path) -> serde_json::Value {
    let out = qyzmet(&["--connect", socket.to_str().unwrap(), "status", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
}

/// A raw connection past the handshake (the catalogue frame read or not).
fn raw(socket: &Path, read_catalogue: bool) -> UnixStream {
    let mut s = UnixStream::connect(socket).unwrap();
    write_frame(&mut s, &Hello::ours()).unwrap();
    if read_catalogue {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let w: Welcome = read_frame(&mut s).unwrap().unwrap();
        assert!(matches!(w, Welcome::Accepted { .. }), "{w:?}");
        let _: Sources = read_frame(&mut s).unwrap().unwrap();
    }
    s
}

#[test]
fn a_frozen_client_is_resynchronised_and_delays_nobody() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let _server = Served::start(&db, &socket, &dir.path().join("log"));

    // The clerk's desk signs in and then never reads again.
    let mut frozen = raw(&socket, true);
    write_frame(
        &mut frozen,
        &ClientMsg {
            id: 1,
            request: Request::Login {
                login: "clerk".into(),
                password: PASSWORD.into(),
            },
        },
    )
    .unwrap();
    let r: ServerMsg = read_frame(&mut frozen).unwrap().unwrap();
    assert!(matches!(
        r,
        ServerMsg::Reply {
            result: Ok(Reply::LoggedIn(..)),
            ..
        }
    ));
    // Another clerk of the same department keeps reading.
    let head = Remote::connect(&socket).unwrap();
    head.login("head", PASSWORD, now()).unwrap();
    let seen = head.revision().unwrap();

    // The counter takes applications in for the department: each is a
    // notice for both. Every submission is answered while the frozen
    // client's socket and queue fill, until the server gives up on it.
    let operator = Remote::connect(&socket).unwrap();
    operator.login("operator", PASSWORD, now()).unwrap();
    let mut submitted = 0;
    let mut s = status(&socket);
    while s["resynchronising"] == 0 {
        assert!(submitted < 5000, "never resynchronised: {s:#}");
        for i in 0..50 {
            operator
                .submit("operator", submit_request(1000 + submitted + i), now())
                .unwrap();
        }
        submitted += 50;
        s = status(&socket);
    }
    assert_eq!(s["resynchronising"], 1, "{s:#}");
    // Its queue stays bounded: what is dropped is counted, not kept.
    let limit = s["notice_limit"].as_u64().unwrap();
    assert!(s["queued_frames_max"].as_u64().unwrap() <= limit, "{s:#}");
    for i in 0..100 {
        operator
            .submit("operator", submit_request(9000 + i), now())
            .unwrap();
    }
    let after = status(&socket);
    assert!(
        after["queued_frames_max"].as_u64().unwrap() <= limit,
        "{after:#}"
    );
    assert!(
        after["notices_dropped"].as_u64() > s["notices_dropped"].as_u64(),
        "{after:#}"
    );
    // The reading clerk heard every change meanwhile.
    served::wait_until("the head's notices", 30, || {
        head.revision().unwrap() >= seen + submitted as u64 + 100
    });

    // Reading again, the frozen client gets what was queued, then a Resync.
    frozen
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut notices = 0;
    loop {
        match read_frame::<ServerMsg>(&mut frozen).unwrap().unwrap() {
            ServerMsg::Notice(_) => notices += 1,
            ServerMsg::Resync => break,
            other => panic!("{other:?}"),
        }
        assert!(notices < 100_000);
    }
    assert!(notices > 0);
    let s = status(&socket);
    assert_eq!(s["resynchronising"], 0, "{s:#}");
    assert!(s["resyncs_sent"].as_u64().unwrap() >= 1, "{s:#}");
    // It is a client again: notices and replies flow.
    write_frame(
        &mut frozen,
        &ClientMsg {
            id: 2,
            request: Request::Queue,
        },
    )
    .unwrap();
    operator
        .submit("operator", submit_request(9500), now())
        .unwrap();
    let mut replied = false;
    let mut noticed = false;
    while !(replied && noticed) {
        match read_frame::<ServerMsg>(&mut frozen).unwrap().unwrap() {
            ServerMsg::Reply { id: 2, result } => replied = result.is_ok(),
            ServerMsg::Notice(_) => noticed = true,
            other => panic!("{other:?}"),
        }
    }
}

/// A real workstation process (loadgen's four desks and an idle session)
/// stopped with SIGSTOP while the counter keeps working: the server cuts
/// its notices off (bounded), answers everyone else meanwhile, and when
/// the process resumes it is resynchronised and finishes its run without
/// an error.
#[test]
fn a_stopped_workstation_process_resynchronises_when_it_resumes() {
    use std::process::Stdio;
    let signal = |sig: &str, pid: u32| {
        let sent = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill {sig}");
    };
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let _server = Served::start(&db, &socket, &dir.path().join("log"));
    let sock = socket.to_str().unwrap();
    let child = command()
        .args([
            "--connect",
            sock,
            "loadgen",
            "--clients",
            "1",
            "--idle",
            "1",
        ])
        .args(["--duration", "15s", "--no-check", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its probe, four desks and the idle session, and our status request.
    served::wait_until("the workstation's connections", 60, || {
        status(&socket)["connections"].as_u64().unwrap() >= 7
    });
    signal("-STOP", child.id());

    let operator = Remote::connect(&socket).unwrap();
    operator.login("operator", PASSWORD, now()).unwrap();
    let mut submitted = 0;
    let mut s = status(&socket);
    while s["resynchronising"] == 0 {
        assert!(submitted < 5000, "never resynchronised: {s:#}");
        for i in 0..50 {
            operator
                .submit("operator", submit_request(20_000 + submitted + i), now())
                .unwrap();
        }
        submitted += 50;
        s = status(&socket);
    }
    let limit = s["notice_limit"].as_u64().unwrap();
    assert!(s["queued_frames_max"].as_u64().unwrap() <= limit, "{s:#}");
    let resyncs = s["resyncs_sent"].as_u64().unwrap();

    signal("-CONT", child.id());
    served::wait_until("the resumed workstation's resync", 60, || {
        let s = status(&socket);
        s["resynchronising"] == 0 && s["resyncs_sent"].as_u64().unwrap() > resyncs
    });
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], serde_json::json!({}), "{report:#}");
    assert!(report["transitions"].as_u64().unwrap() > 0, "{report:#}");
}

#[test]
fn a_resync_makes_the_workstation_reload_its_lists() {
    // A server played by the test: the handshake, then a Resync.
    let dir = tempfile::TempDir::new().unwrap();
    let socket = dir.path().join("fake.sock");
    let listener = UnixListener::bind(&socket).unwrap();
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let _: Hello = read_frame(&mut s).unwrap().unwrap();
        write_frame(
            &mut s,
            &Welcome::Accepted {
                hello: Hello::ours(),
                location: "fake".into(),
                peer_user: None,
            },
        )
        .unwrap();
        write_frame(&mut s, &Sources::load(None, None).unwrap()).unwrap();
        s
    });
    let remote = Remote::connect(&socket).unwrap();
    let mut s = server.join().unwrap();
    // Nothing has changed yet: an empty patch.
    assert_eq!(remote.changes_since("clerk", 0).unwrap(), Some(Vec::new()));
    let before = remote.revision().unwrap();
    write_frame(&mut s, &ServerMsg::Resync).unwrap();
    served::wait_until("the resync", 10, || remote.revision().unwrap() != before);
    // Unknown changes: the workstation reloads its lists.
    assert_eq!(remote.changes_since("clerk", 0).unwrap(), None);
}

#[test]
fn hundreds_of_idle_connections_are_held() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let _server = Served::start(&db, &socket, &dir.path().join("log"));
    // Connected, greeted, and never reading (not even the catalogue).
    let idle: Vec<UnixStream> = (0..1000).map(|_| raw(&socket, false)).collect();
    served::wait_until("1000 connections", 60, || {
        status(&socket)["connections"].as_u64().unwrap() >= 1000
    });
    // Still answering.
    let clerk = Remote::connect(&socket).unwrap();
    clerk.login("clerk", PASSWORD, now()).unwrap();
    assert!(!clerk.queue("clerk").unwrap().is_empty());
    let s = status(&socket);
    assert_eq!(s["sessions_by_org"]["KRG-ED"], 1, "{s:#}");
    drop(idle);
    served::wait_until("the idle connections to go", 60, || {
        status(&socket)["connections"].as_u64().unwrap() <= 2
    });
}

#[test]
fn status_answers_administrators_only() {
    let dir = demo_store();
    let db = dir.path().join("store");
    // A directory others may enter, and a socket they may connect to.
    let run = dir.path().join("run");
    std::fs::create_dir(&run).unwrap();
    for p in [dir.path(), run.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let socket = run.join("s.sock");
    let _server = Served::start(&db, &socket, &dir.path().join("log"));
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();

    // This process runs as the server's OS user.
    let s = status(&socket);
    assert!(s["connections"].as_u64().is_some(), "{s:#}");
    assert!(s["rss_bytes"].as_u64().unwrap() > 0, "{s:#}");
    assert!(s["threads"].as_u64().unwrap() > 0, "{s:#}");
    assert!(s["store_bytes"].as_u64().unwrap() > 0, "{s:#}");
    let out = qyzmet(&["--connect", socket.to_str().unwrap(), "status"]);
    assert!(text(&out).contains("connections:"), "{}", text(&out));

    // Another OS user (nobody) is refused, with the reason.
    let mut c = std::process::Command::new("setpriv");
    c.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        served::BIN,
        "--connect",
        socket.to_str().unwrap(),
        "status",
    ])
    .env("HOME", "/nonexistent")
    .env_remove("QYZMET_CONNECT")
    .env_remove("QYZMET_DB");
    let out = output(&mut c, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        // In the default language: this command sets none.
        text(&out).contains("только для его системного пользователя или root"),
        "{}",
        text(&out)
    );
    let _ = command;
}

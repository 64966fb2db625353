//! Server mode: the protocol's handshake, permissions checked by the server,
//! OS users signed in by their peer credentials, live notices between
//! clients, stale versions, the CLI through the socket, and a server killed
//! with SIGKILL in the middle of a load losing nothing it acknowledged.

#![allow(dead_code)]

mod common;
#[path = "common/served.rs"]
mod served;
#[path = "common/tui.rs"]
mod tui;

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{demo_store, now, ops_on, submit_request};
use qyzmet::catalog_files::Sources;
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::roles::Role;
use qyzmet::ops::backend::Backend;
use qyzmet::ops::{ActKind, ActRequest, OpsError};
use qyzmet::server::protocol::{Hello, PROTOCOL, Welcome, read_frame, write_frame};
use qyzmet::server::remote::{ConnectError, Remote};
use qyzmet::server::serve::{ServeOptions, bind, serve};
use qyzmet::store::Store;
use served::{Served, qyzmet, qyzmet_ok, wait_until};
use tempfile::TempDir;

const PASSWORD: &str = "qyzmet-demo";

/// A server inside the test process, on a copy of the demo store.
struct InProcess {
    dir: TempDir,
    /// Password sessions end after this long without a request.
    idle: Duration,
    socket: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl InProcess {
    fn start() -> InProcess {
        Self::start_with(|_| {})
    }

    fn start_with(prepare: impl FnOnce(&qyzmet::ops::Ops)) -> InProcess {
        let dir = demo_store();
        let ops = ops_on(Store::open(&dir.path().join("store")).unwrap());
        prepare(&ops);
        let socket = dir.path().join("qyzmet.sock");
        let mut server = InProcess {
            dir,
            idle: Duration::from_secs(1800),
            socket,
            stop: Arc::new(AtomicBool::new(false)),
            thread: None,
        };
        server.serve(ops);
        server
    }

    fn serve(&mut self, ops: qyzmet::ops::Ops) {
        let listener = bind(&self.socket).unwrap();
        let opts = ServeOptions {
            socket: self.socket.clone(),
            idle: self.idle,
            sources: Sources::load(None, None).unwrap(),
            clock: now,
            cli: None,
            anchor_every: 0,
            limits: Default::default(),
        };
        self.stop = Arc::new(AtomicBool::new(false));
        let s = self.stop.clone();
        self.thread = Some(std::thread::spawn(move || serve(ops, listener, opts, s)));
    }

    /// Stops the server (as SIGTERM does), leaving the store in place.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap().unwrap();
        }
    }

    fn restart(&mut self) {
        let ops = ops_on(Store::open(&self.dir.path().join("store")).unwrap());
        self.serve(ops);
    }

    fn client(&self, login: &str) -> Remote {
        let r = Remote::connect(&self.socket).unwrap();
        r.login(login, PASSWORD, now()).unwrap();
        r
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Garbage on the socket (a frame claiming 4 GiB, bytes that decode to
/// nothing, a signed-in client going silent mid-frame) ends only that
/// connection: the server answers the next client and has lost nothing.
#[test]
fn garbage_on_the_socket_ends_only_that_connection() {
    use std::io::{Read, Write};
    let server = InProcess::start();
    let before = server.client("clerk").queue("clerk").unwrap();
    // A frame far over the limit, where a hello belongs.
    let mut s = UnixStream::connect(&server.socket).unwrap();
    s.write_all(&u32::MAX.to_le_bytes()).unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    // A proper hello, then a request frame of bytes that mean nothing.
    let mut s = UnixStream::connect(&server.socket).unwrap();
    write_frame(&mut s, &Hello::ours()).unwrap();
    let welcome: Welcome = read_frame(&mut s).unwrap().unwrap();
    assert!(matches!(welcome, Welcome::Accepted { .. }));
    s.write_all(&[5, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff])
        .unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    // Half a frame, then gone.
    let mut s = UnixStream::connect(&server.socket).unwrap();
    write_frame(&mut s, &Hello::ours()).unwrap();
    let _: Option<Welcome> = read_frame(&mut s).unwrap();
    s.write_all(&[200, 0, 0, 0, 1, 2, 3]).unwrap();
    drop(s);
    // The server carries on, with the same data.
    let clerk = server.client("clerk");
    assert_eq!(clerk.queue("clerk").unwrap(), before);
}

#[test]
fn a_client_of_another_protocol_is_refused_with_a_reason() {
    let server = InProcess::start();
    let mut s = UnixStream::connect(&server.socket).unwrap();
    let mut hello = Hello::ours();
    hello.protocol = PROTOCOL + 1;
    write_frame(&mut s, &hello).unwrap();
    let welcome: Welcome = read_frame(&mut s).unwrap().unwrap();
    let Welcome::Refused { reason, .. } = welcome else {
        panic!("a mismatched client was accepted")
    };
    assert!(reason.contains("protocol mismatch"), "{reason}");
    assert!(
        reason.contains(&format!("speaks protocol {PROTOCOL}")),
        "{reason}"
    );

    // Not a server at all: a clear error, no hang.
    let nothing = server.dir.path().join("nothing.sock");
    let err = Remote::connect(&nothing).err().expect("no server there");
    assert!(matches!(err, ConnectError::Io { .. }), "{err}");
    assert!(err.to_string().contains("cannot connect"), "{err}");
}

#[test]
fn the_server_checks_permissions_whatever_the_client_claims() {
    let server = InProcess::start();
    let anonymous = Remote::connect(&server.socket).unwrap();
    assert!(matches!(
        anonymous.queue("head"),
        Err(OpsError::SessionExpired)
    ));
    let wrong = anonymous.login("clerk", "not the password", now());
    assert!(matches!(wrong, Err(OpsError::Login(_))), "{wrong:?}");

    let clerk = server.client("clerk");
    let head_queue = server.client("head").queue("head").unwrap();
    let number = head_queue
        .iter()
        .find(|s| {
            s.holder
                .as_ref()
                .is_some_and(|h| h.action == StepAction::Sign)
        })
        .map(|s| s.number.clone())
        .expect("the demo has something to sign");
    // The clerk's client names the head: the server acts as the clerk.
    let r = clerk.act(
        "head",
        &number,
        ActKind::Step(StepAction::Sign),
        ActRequest::default(),
        now(),
    );
    assert!(
        matches!(
            r,
            Err(OpsError::Transition(_)) | Err(OpsError::Forbidden(_))
        ),
        "{r:?}"
    );
    let after = clerk.show("clerk", &number).unwrap();
    assert_eq!(
        after.app.holder.unwrap().action,
        StepAction::Sign,
        "still waiting for the head's signature"
    );
}

#[test]
fn an_os_user_mapped_to_a_qyzmet_user_is_signed_in_by_the_os() {
    let me = nix::unistd::User::from_uid(nix::unistd::geteuid())
        .unwrap()
        .expect("this process's OS user has a name")
        .name;
    let mapped = me.clone();
    let server = InProcess::start_with(move |ops| {
        let mut u = common::user("clerk2", "KRG-ED", vec![Role::Clerk]);
        u.full_name = "Второй делопроизводитель".into();
        u.os_user = Some(mapped);
        ops.add_user(u, "test", now()).unwrap();
    });
    let remote = Remote::connect(&server.socket).unwrap();
    let (user, org) = remote.peer_user().expect("signed in by peer credentials");
    assert_eq!(
        (user.login.as_str(), org.code.as_str()),
        ("clerk2", "KRG-ED")
    );
    // No password asked: the clerk's queue is there at once.
    assert!(!remote.queue("clerk2").unwrap().is_empty());
}

#[test]
fn one_clients_change_reaches_the_others_live() {
    let server = InProcess::start();
    let operator = server.client("operator");
    let clerk = server.client("clerk");
    let before = clerk.revision().unwrap();
    let inbox = clerk.queue("clerk").unwrap().len();
    let rec = operator
        .submit("operator", submit_request(7), now())
        .unwrap();
    let took = wait_until("the clerk's notice", 20, || {
        clerk.revision().unwrap() != before
    });
    eprintln!("notice reached the clerk's client {took:?} after the operator's reply");
    // The notice carried the application as lists show it: no reload needed.
    let told = clerk
        .changes_since("clerk", 0)
        .unwrap()
        .expect("known changes");
    assert_eq!(told, vec![qyzmet::store::model::Summary::of(&rec)]);
    let queue = clerk.queue("clerk").unwrap();
    assert_eq!(queue.len(), inbox + 1);
    assert!(queue.iter().any(|s| s.number == rec.number));
}

#[test]
fn of_two_clients_acting_on_one_version_the_second_is_told_who_won() {
    let server = InProcess::start();
    let a = server.client("clerk");
    let b = server.client("clerk");
    let fresh = server
        .client("operator")
        .submit("operator", submit_request(11), now())
        .unwrap();
    let s = a
        .queue("clerk")
        .unwrap()
        .into_iter()
        .find(|s| s.number == fresh.number)
        .expect("the new application waits for registration");
    let req = ActRequest {
        version: Some(s.version),
        ..ActRequest::default()
    };
    let kind = ActKind::Step(StepAction::Register);
    let won = a.act("clerk", &s.number, kind, req.clone(), now()).unwrap();
    let lost = b.act("clerk", &s.number, kind, req, now());
    match lost {
        Err(OpsError::Stale { number, by }) => {
            // The person who acted first, by name and login.
            assert_eq!(number, s.number);
            assert!(
                by.ends_with(" (clerk)") && by.len() > " (clerk)".len(),
                "{by}"
            );
        }
        other => panic!("the second act should be stale, got {other:?}"),
    }
    // Registered once: one new number, one history entry more.
    let now_rec = b.show("clerk", &s.number).unwrap();
    assert_eq!(now_rec, won);
    assert_eq!(now_rec.app.version, s.version + 1);
}

// ---- the real binary

#[test]
fn commands_run_through_the_server() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let mut server = Served::start(&db, &socket, &dir.path().join("log"));
    let sock = socket.to_str().unwrap();

    // The store is the server's: a direct open says how to connect.
    let direct = qyzmet(&["--db", db.to_str().unwrap(), "check"]);
    assert_eq!(direct.status.code(), Some(1));
    let err = String::from_utf8_lossy(&direct.stderr);
    assert!(
        err.contains("in use by another Qyzmet process") && err.contains("--connect"),
        "{err}"
    );

    // This process runs as the server's OS user: every store command.
    let out = qyzmet_ok(&["--connect", sock, "user", "list", "--json"]);
    assert!(out.contains("\"login\": \"clerk\""), "{out}");
    let out = qyzmet_ok(&["--connect", sock, "check"]);
    assert!(out.starts_with("sound:"), "{out}");
    let backup = dir.path().join("b.qzb");
    qyzmet_ok(&["--connect", sock, "backup", backup.to_str().unwrap()]);
    assert!(std::fs::metadata(&backup).unwrap().len() > 1000);
    let out = qyzmet(&["--connect", sock, "init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not through a server"));

    // A submit through the socket, then the workstation's view of it.
    let out = qyzmet_ok(&[
        "--connect",
        sock,
        "app",
        "submit",
        "--as",
        "operator",
        "--service",
        common::SERVICE,
        "--iin",
        &common::iin(3).to_string(),
        "--name",
        "Сейтова Динара",
        "--channel",
        "state_corp",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let number = v["number"].as_str().unwrap().to_string();
    let clerk = Remote::connect(&socket).unwrap();
    clerk.login("clerk", PASSWORD, now()).unwrap();
    assert!(
        clerk
            .queue("clerk")
            .unwrap()
            .iter()
            .any(|s| s.number == number)
    );

    // SIGTERM: exit 0, the socket gone, the store sound and free.
    let status = server.signal("-TERM");
    assert_eq!(status.code(), Some(0));
    assert!(!socket.exists());
    qyzmet_ok(&["--db", db.to_str().unwrap(), "check"]);
}

#[test]
fn a_server_killed_mid_load_keeps_every_acknowledged_change() {
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let log = dir.path().join("log");
    let mut server = Served::start(&db, &socket, &log);
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let ready = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let clients: Vec<_> = (0..4)
        .map(|i| {
            let (socket, acked, stop) = (socket.clone(), acked.clone(), stop.clone());
            let ready = ready.clone();
            std::thread::spawn(move || {
                let r = Remote::connect(&socket).unwrap();
                r.login("operator", PASSWORD, now()).unwrap();
                ready.fetch_add(1, Ordering::SeqCst);
                let mut n = 100 + i * 1000;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    match r.submit("operator", submit_request(n), now()) {
                        Ok(rec) => acked.lock().unwrap().push(rec.number),
                        Err(OpsError::Unavailable(_)) => {
                            std::thread::sleep(Duration::from_millis(20))
                        }
                        Err(e) => panic!("unexpected error under load: {e}"),
                    }
                }
                r
            })
        })
        .collect();
    wait_until("every client signed in", 20, || {
        ready.load(Ordering::SeqCst) == 4
    });
    let start = acked.lock().unwrap().len();
    wait_until("some acknowledged submissions", 20, || {
        acked.lock().unwrap().len() >= start + 20
    });
    let status = server.signal("-KILL");
    assert!(!status.success());
    let at_kill = acked.lock().unwrap().clone();
    std::thread::sleep(Duration::from_millis(200));
    let mut server = Served::start(&db, &socket, &log);
    // The clients find the new server and sign in again by themselves.
    let more = at_kill.len() + 10;
    wait_until("submissions after the restart", 20, || {
        acked.lock().unwrap().len() >= more
    });
    stop.store(true, Ordering::Relaxed);
    let clients: Vec<Remote> = clients.into_iter().map(|t| t.join().unwrap()).collect();
    let all = acked.lock().unwrap().clone();
    for number in &all {
        let rec = clients[0].show("operator", number);
        assert!(
            rec.is_ok(),
            "{number} was acknowledged but is gone: {rec:?}"
        );
    }
    drop(clients);
    assert_eq!(server.signal("-TERM").code(), Some(0));
    qyzmet_ok(&["--db", db.to_str().unwrap(), "check"]);
    eprintln!(
        "{} acknowledged before the kill, {} in all",
        at_kill.len(),
        all.len()
    );
}

/// The workstation over the server: another user's intake shows in the
/// clerk's inbox at the next tick; a lost server shows in the frame, keeps
/// what was typed, and the workstation carries on when it is back.
#[test]
fn the_workstation_follows_the_server_and_survives_losing_it() {
    use crossterm::event::KeyCode;
    use qyzmet::tui::i18n::Lang;
    let mut server = InProcess::start();
    let remote = Remote::connect(&server.socket).unwrap();
    let mut h = tui::app_on(Box::new(remote), Lang::Ru, TempDir::new().unwrap());
    h.login("clerk");
    let inbox = |h: &tui::Harness| h.app.state.work().unwrap().list().unwrap().rows.len();
    let before = inbox(&h);
    let rec = server
        .client("operator")
        .submit("operator", submit_request(21), now())
        .unwrap();
    wait_until("the clerk's inbox to grow", 20, || {
        h.app.tick(now());
        inbox(&h) == before + 1
    });
    assert!(h.screen(160, 30).contains(&rec.number));

    // Walk-in intake: the clerk types a name, then the server goes away.
    h.key(KeyCode::Char(']'));
    h.type_text("8503144");
    server.stop();
    wait_until("the frame to say the server is gone", 20, || {
        h.app.tick(now());
        !h.app.state.online
    });
    let screen = h.screen(160, 30);
    assert!(screen.contains("Сервер недоступен"), "{screen}");
    assert!(screen.contains("8503144"), "{screen}");
    h.f(2);
    let screen = h.screen(160, 30);
    assert!(
        screen.contains("8503144"),
        "the form keeps what was typed:\n{screen}"
    );

    server.restart();
    wait_until("the workstation to reconnect", 20, || {
        h.app.tick(now());
        h.app.state.online
    });
    // Signed in again by itself: the inbox loads.
    h.act(qyzmet::tui::action::Action::Pane1);
    h.app.refresh();
    assert_eq!(inbox(&h), before + 1);
    assert!(!h.screen(160, 30).contains("Сервер недоступен"));
}

/// A password session left idle past the limit ends: the next request is
/// refused, and the workstation goes back to its login screen saying why.
#[test]
fn an_idle_password_session_expires() {
    use qyzmet::tui::i18n::Lang;
    use qyzmet::tui::state::Screen;
    let mut server = InProcess::start();
    server.stop();
    server.idle = Duration::ZERO;
    server.restart();
    let r = server.client("clerk");
    assert!(matches!(r.queue("clerk"), Err(OpsError::SessionExpired)));
    // Signing in again works.
    r.login("clerk", PASSWORD, now()).unwrap();

    let remote = Remote::connect(&server.socket).unwrap();
    let mut h = tui::app_on(Box::new(remote), Lang::Ru, TempDir::new().unwrap());
    h.type_text("clerk")
        .key(crossterm::event::KeyCode::Enter)
        .type_text(PASSWORD)
        .key(crossterm::event::KeyCode::Enter);
    std::thread::sleep(Duration::from_millis(2));
    h.app.refresh();
    assert!(matches!(h.app.state.screen, Screen::Login(_)));
    let screen = h.screen(100, 30);
    assert!(screen.contains("Сеанс истёк"), "{screen}");
}

/// A session that expires while a form is filled loses nothing: signing in
/// again as the same user brings the form back as it was.
#[test]
fn an_expired_session_keeps_the_form_for_its_user() {
    use crossterm::event::KeyCode;
    use qyzmet::tui::action::Action;
    use qyzmet::tui::state::Screen;
    let mut server = InProcess::start();
    server.stop();
    server.idle = Duration::from_millis(400);
    server.restart();
    let remote = Remote::connect(&server.socket).unwrap();
    let mut h = tui::app_on(
        Box::new(remote),
        qyzmet::tui::i18n::Lang::Ru,
        TempDir::new().unwrap(),
    );
    h.login("clerk").act(Action::Pane2).type_text("опекун");
    h.key(KeyCode::Enter).type_text("900415300123");
    std::thread::sleep(Duration::from_millis(600));
    h.app.refresh();
    assert!(matches!(h.app.state.screen, Screen::Login(_)));
    h.login("clerk");
    let form = &h.app.state.work().unwrap().intake;
    assert_eq!(form.iin.text(), "900415300123");
    assert!(form.service.is_some());
}

/// The electronic queue through the server: a kiosk and a board connect
/// without signing in; the kiosk's ticket and the operator's call reach the
/// board by notices (its revision moves without asking the server).
#[test]
fn kiosk_operator_and_board_share_the_queue_through_the_server() {
    use qyzmet::ops::queue::QueueAct;
    let server = InProcess::start();
    let centre = "KRG-SC";
    let kiosk = Remote::connect(&server.socket).unwrap();
    let board = Remote::connect(&server.socket).unwrap();
    let before = board.queue_board(centre, now()).unwrap();
    let rev = board.queue_revision(centre).unwrap();
    assert_eq!(rev, before.revision);
    let taken = kiosk.queue_take(centre, 'A', None, now()).unwrap();
    assert!(taken.ticket.number.starts_with('A'));
    wait_until("the board hears of the ticket", 20, || {
        board.queue_revision(centre).unwrap() != rev
    });
    let waiting = |b: &qyzmet::ops::queue::Board| {
        b.waiting.iter().find(|(c, _)| *c == 'A').map_or(0, |w| w.1)
    };
    let now_board = board.queue_board(centre, now()).unwrap();
    assert_eq!(waiting(&now_board), waiting(&before) + 1);

    // An operator of the centre sits at a free window and calls.
    let op = server.client("operator2");
    let mut desk = op.queue_desk("operator2", now()).unwrap();
    if desk.window.is_none() {
        let free = desk
            .windows
            .iter()
            .find(|w| w.operator.is_none())
            .expect("a free window")
            .number;
        desk = op
            .queue_act("operator2", QueueAct::Sit(free), now())
            .unwrap();
    }
    if desk.current.is_some() {
        // The demo's morning left a visitor at this window: move to a free one.
        desk = op.queue_act("operator2", QueueAct::Leave, now()).unwrap();
        let free = desk
            .windows
            .iter()
            .find(|w| w.operator.is_none())
            .unwrap()
            .number;
        op.queue_act("operator2", QueueAct::Sit(free), now())
            .unwrap();
    }
    let rev = board.queue_revision(centre).unwrap();
    let called = op
        .queue_act("operator2", QueueAct::CallNext, now())
        .unwrap();
    let ticket = called.ticket.expect("somebody was called");
    let window = called.window.expect("seated").number;
    wait_until("the board hears of the call", 20, || {
        board.queue_revision(centre).unwrap() != rev
    });
    let shown = board.queue_board(centre, now()).unwrap();
    assert_eq!(
        (shown.calls[0].number.as_str(), shown.calls[0].window),
        (ticket.number.as_str(), window)
    );

    // A clerk of a provider is no operator of the centre.
    let clerk = server.client("clerk");
    assert!(clerk.queue_act("clerk", QueueAct::CallNext, now()).is_err());
}

/// A region supervisor reads reports, not lists of cases: a change to an
/// application of its own organisation reaches the operator's other
/// workstation but carries nothing to the supervisor's.
#[test]
fn a_region_supervisor_is_told_no_application_changes() {
    let server = InProcess::start_with(|ops| {
        let mut sup = common::user("sup", "KRG-SC", vec![Role::Supervisor]);
        sup.password_hash = ops.store.user("clerk").unwrap().unwrap().password_hash;
        ops.add_user(sup, "test", now()).unwrap();
    });
    let operator = server.client("operator");
    let colleague = server.client("operator");
    let sup = server.client("sup");
    let (seen, sup_seen) = (colleague.revision().unwrap(), sup.revision().unwrap());
    let rec = operator
        .submit("operator", submit_request(7), now())
        .unwrap();
    wait_until("the colleague's notice", 20, || {
        colleague.revision().unwrap() != seen
    });
    let told = colleague.changes_since("operator", 0).unwrap().unwrap();
    assert!(told.iter().any(|s| s.number == rec.number), "{told:?}");
    // A notice sent to both would have come by now: the colleague's came.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(sup.revision().unwrap(), sup_seen);
    assert_eq!(sup.changes_since("sup", 0).unwrap(), Some(Vec::new()));
    // The Reports pane's drill-down opens an application of the region
    // (read-only, recorded as a view); the worklist stays empty.
    assert_eq!(sup.show("sup", &rec.number).unwrap().number, rec.number);
    assert!(sup.queue("sup").unwrap().is_empty());
}

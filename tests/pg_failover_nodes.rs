//! Failover under load through the serve nodes, as a region runs: a
//! primary with a synchronous streaming standby, two `qyzmet serve`
//! processes on the multi-host URL (`target_session_attrs=read-write`), a
//! `qyzmet loadgen` through each node writing down every transition it was
//! acknowledged (`--acknowledged`), and a clerk's workstation on node B.
//! The primary is killed (SIGKILL) in the middle of the run and the standby
//! promoted. Afterwards: every acknowledged transition is in the store at
//! its version or later, registration numbers are gapless, `check` and
//! `journal verify` are clean, the loadgen clients carried on by
//! themselves after the promotion: a request under way when the primary
//! died was answered "unavailable" (the workstation shows "unavailable,
//! reconnecting" until the server has its store again), and the clerk's
//! workstation worked again after it.

#[path = "common/mod.rs"]
mod common;

#[path = "common/pg.rs"]
mod pg;

#[path = "common/served.rs"]
mod served;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use qyzmet::ops::backend::Backend;
use qyzmet::server::remote::Remote;
use qyzmet::store::Store;

/// How long each loadgen works; the primary dies once they have made
/// `BEFORE_THE_KILL` changes.
const RUN: &str = "15s";
const BEFORE_THE_KILL: i64 = 100;

fn unix_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// One acknowledged transition as loadgen wrote it down.
struct Ack {
    number: String,
    version: u64,
    at_ms: u128,
}

fn acks_in(file: &Path) -> Vec<Ack> {
    std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .lines()
        .map(|line| {
            let mut f = line.split(' ');
            let (number, version, at) = (f.next(), f.next(), f.next());
            Ack {
                number: number.unwrap().to_string(),
                version: version.unwrap().parse().unwrap(),
                at_ms: at.unwrap().parse().unwrap(),
            }
        })
        .collect()
}

/// `qyzmet loadgen` through `socket`, its acknowledgements into `acks`.
fn loadgen(socket: &Path, acks: &Path) -> Child {
    served::command()
        .arg("--connect")
        .arg(socket)
        .args(["loadgen", "--clients", "8", "--duration", RUN])
        .args(["--no-check", "--json", "--acknowledged"])
        .arg(acks)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What a clerk's workstation on a node lived through: how often it was
/// told the server could not reach its store, how often it then showed
/// itself offline ("unavailable, reconnecting"), and how often it worked
/// after the promotion.
#[derive(Default, Debug)]
struct Workstation {
    told_unavailable: usize,
    shown_offline: usize,
    worked_after_promotion: usize,
}

/// The clerk reloads the inbox again and again, so one reload is under way
/// when the primary dies; any other failure than "unavailable" fails.
fn workstation(socket: &Path, promoted: &AtomicBool, stop: &AtomicBool) -> Workstation {
    let clerk = Remote::connect(socket).unwrap();
    clerk
        .login("clerk", qyzmet::demo::PASSWORD, qyzmet::cli::admin::now())
        .unwrap();
    let mut seen = Workstation::default();
    while !stop.load(Ordering::SeqCst) {
        match clerk.queue("clerk") {
            Ok(_) if promoted.load(Ordering::SeqCst) => seen.worked_after_promotion += 1,
            Ok(_) => {}
            Err(qyzmet::ops::OpsError::Unavailable(_)) => {
                seen.told_unavailable += 1;
                seen.shown_offline += usize::from(!clerk.online());
            }
            Err(e) => panic!("the clerk's workstation was told: {e}"),
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    seen
}

#[test]
fn loadgen_through_two_nodes_loses_nothing_acknowledged_when_the_primary_dies() {
    let Some((primary, standby, url)) = pg::synchronous_pair("region") else {
        return;
    };
    let on = |args: &[&str]| {
        let out = served::output(served::command().env("QYZMET_DB", &url).args(args), None);
        served::succeeded(args, out)
    };
    on(&["init", "--demo", "--scale", "30"]);
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| -> PathBuf { dir.path().join(name) };
    let node = |name: &str| {
        let socket = file(&format!("{name}.sock"));
        let log = file(&format!("{name}.log"));
        (
            served::Served::start(Path::new(&url), &socket, &log),
            socket,
        )
    };
    let ((a, sock_a), (b, sock_b)) = (node("a"), node("b"));
    let (promoted, stop) = (AtomicBool::new(false), AtomicBool::new(false));
    let (promoted_ms, outputs, desk) = std::thread::scope(|s| {
        let desk = s.spawn(|| workstation(&sock_b, &promoted, &stop));
        let runs = [
            loadgen(&sock_a, &file("a.acks")),
            loadgen(&sock_b, &file("b.acks")),
        ];
        // Both loadgens at work (setup takes long on a busy machine), then
        // the primary goes.
        let mut db = postgres::Client::connect(&primary.0.url("region"), postgres::NoTls).unwrap();
        let entries = |db: &mut postgres::Client| -> i64 {
            db.query_one("SELECT count(*) FROM qyzmet.journal", &[])
                .unwrap()
                .get(0)
        };
        let before = entries(&mut db);
        served::wait_until("the loadgens' first changes", 120, || {
            entries(&mut db) > before + BEFORE_THE_KILL
        });
        drop(db);
        primary.0.kill();
        std::thread::sleep(Duration::from_millis(300));
        standby.0.promote();
        let promoted_ms = unix_ms();
        promoted.store(true, Ordering::SeqCst);
        eprintln!("primary killed, standby promoted");
        let outputs: Vec<_> = runs.map(|r| r.wait_with_output().unwrap()).into();
        stop.store(true, Ordering::SeqCst);
        (promoted_ms, outputs, desk.join().unwrap())
    });
    let mut told_unavailable = 0;
    for (name, out) in ["a", "b"].iter().zip(&outputs) {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "node {name}'s loadgen: {e}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        eprintln!(
            "node {name}: {} transitions, errors {} ({})",
            report["transitions"], report["errors"], report["error_examples"]
        );
        // The only failures are the outage's: the server said it could not
        // reach its store, or lost the connection while committing (the
        // change may or may not be there, and is not acknowledged).
        let log = std::fs::read_to_string(file(&format!("{name}.log"))).unwrap();
        for line in log.lines().filter(|l| l.contains("store failed")) {
            assert!(
                line.contains("no PostgreSQL server answers")
                    || line.contains("broke during a commit"),
                "node {name}: {line}"
            );
        }
        let errors = report["errors"].as_object().unwrap();
        told_unavailable += errors.get("unavailable").map_or(0, |n| n.as_u64().unwrap());
        for kind in errors.keys() {
            assert!(
                ["unavailable", "invalid"].contains(&kind.as_str()),
                "node {name}: {kind} errors: {}",
                report["error_examples"],
            );
        }
    }
    eprintln!("the clerk's workstation on node B: {desk:?}");
    assert!(
        desk.worked_after_promotion > 0,
        "the workstation did not carry on after the promotion"
    );
    assert!(
        told_unavailable + desk.told_unavailable as u64 > 0,
        "no client was told the store was out of reach: was the primary killed?"
    );
    assert_eq!(
        desk.shown_offline, desk.told_unavailable,
        "told the store is out of reach, the workstation shows itself offline"
    );
    a.stop();
    b.stop();

    // Each number's highest acknowledged version; and the clients of both
    // nodes carried on after the promotion by themselves.
    let mut acked: BTreeMap<String, u64> = BTreeMap::new();
    for name in ["a", "b"] {
        let acks = acks_in(&file(&format!("{name}.acks")));
        let after = acks.iter().filter(|a| a.at_ms > promoted_ms).count();
        eprintln!(
            "node {name}: {} acknowledged, {after} after the promotion",
            acks.len()
        );
        assert!(after > 0, "node {name}'s clients did not carry on");
        for a in acks {
            let v = acked.entry(a.number).or_default();
            *v = (*v).max(a.version);
        }
    }
    let store = Store::open(Path::new(&url)).unwrap();
    for (number, version) in &acked {
        let rec = store
            .app_by_number(number)
            .unwrap()
            .unwrap_or_else(|| panic!("acknowledged {number} is gone"));
        assert!(
            rec.app.version >= *version,
            "{number}: acknowledged v{version}, stored v{}",
            rec.app.version
        );
    }
    common::assert_numbers_gapless(&common::records(&store));
    common::assert_sound(&store);
    drop(store);
    on(&["check"]);
    on(&["journal", "verify"]);
}

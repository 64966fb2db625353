//! `qyzmet loadgen` against the real server binary on a demo store: the
//! simulated staff carry applications along their routes, nothing fails
//! but the expected stale-version conflicts, and the store is sound after.
//! No timing is asserted: the figures are for docs/PERFORMANCE.md.

mod common;
#[path = "common/served.rs"]
mod served;

use common::demo_store;
use served::{Served, qyzmet, text};
use tempfile::TempDir;

fn loadgen(socket: &str, clients: &str, duration: &str) -> serde_json::Value {
    loadgen_with(socket, clients, duration, &[])
}

fn loadgen_with(socket: &str, clients: &str, duration: &str, more: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "--connect",
        socket,
        "loadgen",
        "--clients",
        clients,
        "--duration",
        duration,
        "--json",
    ];
    args.extend(more);
    let out = qyzmet(&args);
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
    for kind in [
        "submit", "register", "assign", "decide", "sign", "receive", "issue",
    ] {
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
    let dir = demo_store();
    let db = dir.path().join("store");
    let socket = dir.path().join("s.sock");
    let server = Served::start(&db, &socket, &db.with_extension("log"));
    let sock = socket.to_str().unwrap();

    let four = loadgen(sock, "4", "2s");
    assert_worked(&four);
    assert_eq!(four["connections"], 4);
    // One client plays every desk in turn, on a connection per desk.
    let one = loadgen(sock, "1", "1s");
    assert_worked(&one);
    assert_eq!(one["connections"], 4);

    // The server's status brackets the run (this process is its OS user).
    for at in ["server_start", "server_end"] {
        assert!(four[at]["rss_bytes"].as_u64().unwrap() > 0, "{four:#}");
        assert!(four[at]["threads"].as_u64().unwrap() > 0, "{four:#}");
    }
    assert_eq!(four["mode"], "closed");

    // Open loop, with sessions that only listen.
    let open = loadgen_with(sock, "4", "2s", &["--rate", "100/s", "--idle", "20"]);
    assert_worked(&open);
    assert_eq!(open["mode"], "open");
    assert_eq!(open["rate_per_second"], 100.0);
    assert_eq!(open["idle_sessions"], 20);
    assert!(open["idle_notices"].as_u64().unwrap() > 0, "{open:#}");
    // The idle sessions were still connected at the end, with the probe.
    assert!(
        open["server_end"]["connections"].as_u64().unwrap() >= 21,
        "{open:#}"
    );
    // Colleagues on one login (16 clients: two on each of lane 0's) split its list.
    let split = loadgen_with(sock, "16", "2s", &["--split-queues"]);
    assert_worked(&split);
    assert_eq!(split["split_queues"], true);
    assert_eq!(four["split_queues"], false);
    let think = loadgen_with(sock, "4", "1s", &["--think", "20ms", "--no-check"]);
    assert_eq!(think["think_milliseconds"], 20.0);
    assert!(think["transitions"].as_u64().unwrap() > 0, "{think:#}");

    // A short soak: the server's status kept every second, the growth of
    // its RSS over the second half, and the CPU both processes used.
    let soak = loadgen_with(sock, "4", "3s", &["--sample-every", "1s", "--no-check"]);
    let samples = soak["server_samples"].as_array().unwrap();
    assert!(samples.len() >= 3, "{soak:#}");
    assert!(samples.iter().all(|s| s["rss_bytes"].as_u64().unwrap() > 0));
    let growth = &soak["rss_growth_second_half"];
    assert!(growth["to_seconds"].as_f64() > growth["from_seconds"].as_f64());
    assert!(
        soak["loadgen_cpu_seconds"].as_f64().unwrap() > 0.0,
        "{soak:#}"
    );
    assert!(
        soak["server_cpu_seconds"].as_f64().unwrap() > 0.0,
        "{soak:#}"
    );
    let end = &soak["server_end"];
    assert!(end["notice_writes"].as_u64().unwrap() > 0, "{soak:#}");
    assert!(
        end["notice_writes"].as_u64() <= end["notices_queued"].as_u64(),
        "{soak:#}"
    );

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
    let out = qyzmet(&["loadgen", "--rate", "fast"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not a rate"), "{}", text(&out));

    // A server without the demo region: told to make one.
    let db = dir.path().join("empty");
    let socket = dir.path().join("e.sock");
    let server = Served::start(&db, &socket, &db.with_extension("log"));
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

//! `qyzmet loadgen`: simulated staff working a server at once, to see what
//! it holds. Each client is one connection signed in as a demo user (an
//! operator, a provider's clerk, head or specialist) that works its queue
//! the way the workstation does: it reloads the queue when a notice says
//! something changed (at most every 50 ms, like the workstation's tick),
//! takes one of the most urgent applications and performs its step with
//! the version it saw. Operators take new applications in and hand results
//! out. Someone else having acted first (a stale version) is expected and
//! counted, not an error. At the end: transitions per second, latency per
//! kind, errors by kind, and `qyzmet check` run through the server.
//! `--think` slows each client down, `--rate` drives them in an open loop,
//! `--idle` adds sessions that only listen; the server's own status
//! (memory, threads, notices) is taken at the start, each second, and at
//! the end.

mod acks;
mod drive;
mod options;
mod plan;
mod report;
mod soak;
mod staff;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Instant;

pub use options::{LoadgenArgs, parse_duration};
pub use plan::{Desk, Share, desks};
pub use report::{Percentiles, Report, Samples};
pub use soak::{Growth, Sample, second_half_growth};

use super::{Context, Failure, Outcome};
use crate::domain::roles::Role;
use crate::ops::backend::Backend;
use crate::server::remote::Remote;
use crate::server::status::ServerStatus;
use plan::LANES;
use report::{Check, Tally, check, print_report};
use staff::{Arrivals, Shared, sit_down, workable};

pub fn run(ctx: &Context, args: LoadgenArgs) -> Outcome {
    let Some(socket) = ctx.server() else {
        return Err(Failure::usage(
            "loadgen works a server: start `qyzmet serve` and pass --connect SOCKET (or QYZMET_CONNECT)",
        ));
    };
    let report = generate(&socket, &args)?;
    if args.json {
        super::print_json(&report);
    } else {
        print_report(&report);
    }
    let sound = report.errors.is_empty() && (args.no_check || report.check.passed);
    Ok(if sound {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn generate(socket: &Path, args: &LoadgenArgs) -> Result<Report, Failure> {
    let fail = |m: String| Failure {
        code: 1,
        message: m,
    };
    let probe = probe(socket, &args.password)?;
    let server_start = probe.status().ok();
    let plan = desks(args.clients);
    let shared = Arc::new(staffing(&probe, &plan, args));

    let connections: usize = plan.iter().map(Vec::len).sum();
    let setup = Instant::now();
    let idle = drive::idle_sessions(socket, args.idle, &args.password)
        .map_err(|e| fail(format!("idle sessions could not sign in: {e}")))?;
    // Everyone connects and signs in, then all start together.
    let ready = Arc::new(Barrier::new(plan.len() + 1));
    let failed = Arc::new(Mutex::new(Vec::<String>::new()));
    let threads = start_clients(socket, plan, &shared, &args.password, &ready, &failed);
    ready.wait();
    let setup_s = setup.elapsed().as_secs_f64();
    let cpu_start = soak::own_cpu_seconds();
    // After the sign-ins (argon2), so the CPU counted is the run's.
    let server_cpu_start = probe.status().ok().and_then(|s| s.cpu_seconds);
    let (failures, start) = start_signal(&shared, &failed, &ready);
    let mut watched = soak::Watched::default();
    if failures.is_empty() {
        watched = soak::watch(&probe, start, args.duration, args.sample_every);
    }
    let peak = watched
        .peak
        .max(server_start.as_ref().and_then(|s| s.rss_bytes));
    shared.stop.store(true, Ordering::SeqCst);
    let tally = threads.into_iter().fold(Tally::default(), |mut tally, t| {
        tally.merge(t.join().unwrap_or_default());
        tally
    });
    let elapsed = start.elapsed().as_secs_f64();
    let loadgen_cpu_s = cpu_start.zip(soak::own_cpu_seconds()).map(|(a, b)| b - a);
    if let (Some(path), Some(acks)) = (&args.acknowledged, &shared.acks) {
        acks.write(path)
            .map_err(|e| fail(format!("{}: {e}", path.display())))?;
    }
    let idle_notices = drive::notices_received(&idle);
    // Taken with the idle sessions still connected.
    let server_end = probe.status().ok();
    let idle_sessions = idle.len();
    drop(idle);
    drop(probe);
    if let Some(first) = failures.first() {
        return Err(fail(format!(
            "{} of {} clients could not start: {first}",
            failures.len(),
            args.clients
        )));
    }

    let (latency, transitions) = latencies(&tally);
    let requests =
        transitions + tally.stale + tally.errors.values().sum::<usize>() + tally.reads.0.len();
    let check = checked(socket, args);
    Ok(Report {
        socket: socket.display().to_string(),
        clients: args.clients,
        connections,
        setup_s,
        duration_s: elapsed,
        transitions,
        transitions_per_s: transitions as f64 / elapsed.max(1e-9),
        latency,
        queue_reads: tally.reads.percentiles(),
        stale_conflicts: tally.stale,
        stale_latency: tally.stale_latency.percentiles(),
        requests,
        requests_per_s: requests as f64 / elapsed.max(1e-9),
        errors: tally.errors,
        error_examples: tally.examples,
        check,
        mode: if args.rate.is_some() {
            "open"
        } else {
            "closed"
        }
        .into(),
        think_ms: args.think.map(|t| t.as_secs_f64() * 1000.0),
        split_queues: args.split_queues,
        rate_per_s: args.rate,
        idle_arrivals: tally.idle_arrivals,
        idle_sessions,
        idle_notices,
        notices_per_s: notices_per_s(server_start.as_ref(), server_end.as_ref(), elapsed),
        server_rss_peak_bytes: peak.max(server_end.as_ref().and_then(|s| s.rss_bytes)),
        rss_growth_second_half: second_half_growth(&watched.samples),
        server_samples: watched.samples,
        loadgen_cpu_s,
        server_cpu_s: server_cpu_start
            .zip(server_end.as_ref().and_then(|s| s.cpu_seconds))
            .map(|(a, b)| b - a),
        server_start,
        server_end,
    })
}

/// Everyone has signed in (or failed to): the start, or, when someone
/// failed, the end; returns the failures and the moment of the start.
fn start_signal(
    shared: &Shared,
    failed: &Mutex<Vec<String>>,
    ready: &Barrier,
) -> (Vec<String>, Instant) {
    let failures = failed.lock().expect("failed").clone();
    let start = Instant::now();
    if !failures.is_empty() {
        shared.stop.store(true, Ordering::SeqCst);
    }
    if let Some(a) = &shared.arrivals {
        // The clients read it only after the barrier.
        let _ = a.start.set(start);
    }
    ready.wait();
    (failures, start)
}

/// `qyzmet check` of the store after the run, unless `--no-check`.
fn checked(socket: &Path, args: &LoadgenArgs) -> Check {
    if args.no_check {
        Check {
            ran: false,
            passed: false,
            output: "not run (--no-check)".into(),
        }
    } else {
        check(socket)
    }
}

/// The notices the server queued per second of the run, from its status
/// before and after.
fn notices_per_s(
    start: Option<&ServerStatus>,
    end: Option<&ServerStatus>,
    elapsed: f64,
) -> Option<f64> {
    let (a, b) = (start?, end?);
    Some(b.notices_queued.saturating_sub(a.notices_queued) as f64 / elapsed.max(1e-9))
}

/// One connection first: the catalogue, and a clear message when the
/// server is not there or not a demo region.
fn probe(socket: &Path, password: &str) -> Result<Remote, Failure> {
    let fail = |m: String| Failure {
        code: 1,
        message: m,
    };
    let probe = Remote::connect(socket).map_err(|e| fail(e.to_string()))?;
    probe
        .login("operator", password, crate::cli::admin::now())
        .map_err(|e| {
            fail(format!(
                "signing in as the demo operator: {e} (loadgen needs a demo region: `qyzmet init --demo`, password --password)"
            ))
        })?;
    Ok(probe)
}

/// A thread per client: it sits down at its desks, waits at the barrier
/// for everyone, then drives them until told to stop.
fn start_clients(
    socket: &Path,
    plan: Vec<Vec<Desk>>,
    shared: &Arc<Shared>,
    password: &str,
    ready: &Arc<Barrier>,
    failed: &Arc<Mutex<Vec<String>>>,
) -> Vec<std::thread::JoinHandle<Tally>> {
    plan.into_iter()
        .enumerate()
        .map(|(i, desks)| {
            let (shared, ready, failed) = (shared.clone(), ready.clone(), failed.clone());
            let socket = socket.to_path_buf();
            let password = password.to_string();
            std::thread::spawn(move || {
                let seats = sit_down(&socket, desks, &password, i);
                if let Err(e) = &seats {
                    failed.lock().expect("failed").push(e.clone());
                }
                // Signed in; then the start (or, when someone failed, the end).
                ready.wait();
                ready.wait();
                match seats {
                    Ok(mut seats) => drive::client(&mut seats, &shared),
                    Err(_) => Tally::default(),
                }
            })
        })
        .collect()
}

/// What the clients share: the services each lane works, the lanes fully
/// staffed, the specialists at work, and how they are driven.
fn staffing(probe: &Remote, plan: &[Vec<Desk>], args: &LoadgenArgs) -> Shared {
    let services: Vec<Vec<String>> = LANES
        .iter()
        .map(|l| {
            probe
                .catalog()
                .iter()
                .filter(|s| crate::demo::intended_provider(s) == Some(l.org) && workable(s))
                .map(|s| s.id.clone())
                .collect()
        })
        .collect();

    let played = |lane: usize, role: Role| {
        plan.iter()
            .flatten()
            .filter(|d| d.lane == lane && d.role == role)
            .map(|d| d.login)
            .collect::<Vec<_>>()
    };
    let staffed: Vec<usize> = (0..LANES.len())
        .filter(|&l| {
            !services[l].is_empty()
                && [Role::Clerk, Role::Head, Role::Specialist]
                    .iter()
                    .all(|&r| !played(l, r).is_empty())
        })
        .collect();
    let specialists = (0..LANES.len())
        .map(|l| {
            let mut s = played(l, Role::Specialist);
            s.dedup();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    Shared {
        stop: AtomicBool::new(false),
        open: Mutex::new(HashSet::new()),
        cap: (2 * args.clients).max(16),
        services,
        staffed,
        specialists,
        serial: AtomicUsize::new(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as usize % 100_000),
        ),
        arrivals: args.rate.map(Arrivals::at_rate),
        think: args.think,
        acks: args.acknowledged.as_ref().map(|_| acks::Acks::default()),
        split: args.split_queues,
    }
}

/// Each kind's percentiles and all transitions', and how many there were.
fn latencies(tally: &Tally) -> (BTreeMap<String, Percentiles>, usize) {
    let mut all = Samples::default();
    let mut latency = BTreeMap::new();
    for (kind, s) in &tally.acts {
        all.0.extend(&s.0);
        if let Some(p) = s.percentiles() {
            latency.insert(kind.clone(), p);
        }
    }
    let transitions = all.0.len();
    if let Some(p) = all.percentiles() {
        latency.insert("all".into(), p);
    }
    (latency, transitions)
}

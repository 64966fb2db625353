//! Crash safety, on every engine that runs inside the process: a child
//! process works on the store with several writer threads (so the engine
//! batches their commits) and is killed (SIGKILL) at random moments; every
//! change it acknowledged must be there afterwards, and the store must
//! check clean, round after round on the same store.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::engines::{self, EngineUnderTest};
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::route::EventKind;
use qyzmet::ops::{ActKind, ActRequest, Ops};

const CHILD_ENV: &str = "QYZMET_CRASH_CHILD";
const ENGINE_ENV: &str = "QYZMET_CRASH_ENGINE";
const CHILD_TEST: &str = "crash::crash_child";
const ROUNDS: usize = 24;
/// Writer threads in the child: concurrent commits share syncs.
const WORKERS: usize = 4;

/// The child's side: when started by the parent test, works on the store
/// until killed, printing `ACK <number> <version>` after each durable change
/// and now and then `BATCH <commits> <syncs>`.
#[test]
fn crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let engine = engines::by_name(&std::env::var(ENGINE_ENV).expect("the engine to test"));
    work_until_killed(&engine, Path::new(&dir));
}

fn work_until_killed(engine: &EngineUnderTest, dir: &Path) {
    let ops = if (engine.has_store)(dir) {
        ops_on((engine.open)(dir))
    } else {
        engines::fresh(engine, dir)
    };
    let out = Mutex::new(std::io::stdout());
    // libtest has printed "test crash_child ... " without a newline.
    say(&out, "\nREADY");
    // Carry on with what earlier (killed) children left open.
    let open: Vec<String> = records(&ops.store)
        .into_iter()
        .filter(|r| !r.app.status.is_closed())
        .map(|r| r.number)
        .collect();
    let next = AtomicUsize::new(ops.store.app_count());
    std::thread::scope(|s| {
        for w in 0..WORKERS {
            let mine = open
                .iter()
                .filter(|n| serial(n) as usize % WORKERS == w)
                .cloned()
                .collect();
            let (ops, out, next) = (&ops, &out, &next);
            s.spawn(move || work(ops, out, next, mine));
        }
    });
}

fn say(out: &Mutex<std::io::Stdout>, line: &str) {
    let mut out = out.lock().unwrap();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

/// One writer: takes in applications and moves its own along their route.
fn work(ops: &Ops, out: &Mutex<std::io::Stdout>, next: &AtomicUsize, mut open: Vec<String>) {
    let acks = AtomicUsize::new(0);
    let ack = |number: &str, version: u64| {
        say(out, &format!("ACK {number} {version}"));
        if acks.fetch_add(1, Ordering::Relaxed) % 20 == 19 {
            let (commits, syncs) = ops.store.commits_and_syncs();
            say(out, &format!("BATCH {commits} {syncs}"));
        }
    };
    loop {
        let rec = submit(ops, next.fetch_add(1, Ordering::SeqCst));
        ack(&rec.number, rec.app.version);
        open.push(rec.number);
        for number in open.iter().take(7) {
            let rec = ops.find(number).unwrap();
            let service = ops.service(&rec.app.service).unwrap();
            let at_sign = rec.app.current_step(service).map(|s| s.action) == Some(StepAction::Sign);
            let returned = rec
                .app
                .history
                .iter()
                .any(|e| matches!(e.what, EventKind::Returned { .. }));
            // Every fifth application goes back to the specialist once.
            let done = if at_sign && !returned && serial(number).is_multiple_of(5) {
                let req = ActRequest {
                    version: Some(rec.app.version),
                    comment: Some("Уточнить реквизиты банковского счета".into()),
                    ..ActRequest::default()
                };
                ops.act(HEAD, number, ActKind::Return, req, now())
            } else {
                advance(ops, &rec).expect("open applications have a next step")
            };
            let done = done.unwrap_or_else(|e| panic!("{number}: {e}"));
            ack(number, done.app.version);
        }
        open.retain(|number| !ops.find(number).unwrap().app.status.is_closed());
    }
}

/// Kills the child however the parent test ends.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// xorshift64*: deterministic, so a failing schedule can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

enum Line {
    Ready,
    Ack(String, u64),
    /// Commits and syncs since the child opened the store.
    Batch(u64, u64),
}

fn parse(line: &str) -> Option<Line> {
    let line = line.trim();
    if line == "READY" {
        return Some(Line::Ready);
    }
    if let Some(figures) = line.strip_prefix("BATCH ") {
        let (commits, syncs) = figures.split_once(' ')?;
        return Some(Line::Batch(commits.parse().ok()?, syncs.parse().ok()?));
    }
    let mut parts = line.strip_prefix("ACK ")?.split(' ');
    let number = parts.next()?.to_string();
    let version = parts.next()?.parse().ok()?;
    Some(Line::Ack(number, version))
}

#[test]
fn acknowledged_changes_survive_sigkill() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    for engine in engines::all().into_iter().filter(|e| e.survives_sigkill) {
        eprintln!("engine {}", engine.name);
        kill_rounds(&engine);
    }
}

/// Where the rounds run and what they have seen so far.
struct Rounds<'a> {
    engine: &'a EngineUnderTest,
    dir: std::path::PathBuf,
    child_log: std::path::PathBuf,
    exe: std::path::PathBuf,
    /// The highest acknowledged version of each application.
    acked: BTreeMap<String, u64>,
    total_acks: usize,
    /// Whether the child's writers were ever seen sharing a sync.
    shared_syncs: bool,
}

fn kill_rounds(engine: &EngineUnderTest) {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    // QYZMET_CRASH_SEED=<n> replays or varies the kill schedule.
    let seed = std::env::var("QYZMET_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    eprintln!("kill schedule seed {seed}");
    let mut rng = Rng(seed | 1);
    let mut rounds = Rounds {
        engine,
        dir: tmp.path().join("store"),
        child_log: tmp.path().join("child-stderr.log"),
        exe: std::env::current_exe().unwrap(),
        acked: BTreeMap::new(),
        total_acks: 0,
        shared_syncs: false,
    };
    for round in 0..ROUNDS {
        let window = Duration::from_millis(20 + rng.next() % 281);
        rounds.kill_one(round, window);
        rounds.assert_survived(round, window);
    }
    let total_acks = rounds.total_acks;
    eprintln!(
        "{ROUNDS} rounds, {total_acks} acknowledgements, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        total_acks >= ROUNDS,
        "the child hardly worked: {total_acks} acknowledgements"
    );
    if engine.group_commit {
        assert!(
            rounds.shared_syncs,
            "the child's writers never shared a sync"
        );
    }
}

impl Rounds<'_> {
    /// Starts a child, lets it work for `window` once it is ready, kills it
    /// and collects every acknowledgement it made.
    fn kill_one(&mut self, round: usize, window: Duration) {
        let child = Command::new(&self.exe)
            .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &self.dir)
            .env(ENGINE_ENV, self.engine.name)
            // A PostgreSQL child works on this binary's cluster.
            .envs(crate::pg::cluster().map(|c| (crate::pg::HOST_ENV, &c.host)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&self.child_log).unwrap())
            .spawn()
            .unwrap();
        let mut child = KillOnDrop(child);
        let stdout = child.0.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            let mut line = String::new();
            // Only whole lines count: a torn last line was not acknowledged.
            while stdout.read_line(&mut line).unwrap_or(0) > 0 && line.ends_with('\n') {
                if tx.send(std::mem::take(&mut line)).is_err() {
                    break;
                }
            }
        });
        let log = self.child_log.clone();
        let child_failed = |what: &str| -> String {
            format!(
                "round {round}: {what}; child stderr:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            )
        };
        // Opening (and in round 0 creating) the store is not timed.
        let ready_by = Instant::now() + Duration::from_secs(60);
        loop {
            let wait = ready_by.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(line) => match parse(&line) {
                    Some(Line::Ready) => break,
                    Some(Line::Ack(..) | Line::Batch(..)) => {
                        panic!("{}", child_failed("ACK before READY"))
                    }
                    None => {}
                },
                Err(_) => panic!("{}", child_failed("the child never got ready")),
            }
        }
        let mut round_acks = Vec::new();
        let kill_at = Instant::now() + window;
        while let Ok(line) = rx.recv_timeout(kill_at.saturating_duration_since(Instant::now())) {
            take(&line, &mut round_acks, &mut self.shared_syncs);
            if Instant::now() >= kill_at {
                break;
            }
        }
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!(
                "{}",
                child_failed(&format!("the child exited by itself ({status})"))
            );
        }
        child.0.kill().unwrap();
        child.0.wait().unwrap();
        // What it wrote before dying was acknowledged too.
        for line in rx.iter() {
            take(&line, &mut round_acks, &mut self.shared_syncs);
        }
        reader.join().unwrap();
        self.total_acks += round_acks.len();
        for (number, version) in round_acks {
            let v = self.acked.entry(number).or_default();
            *v = (*v).max(version);
        }
    }

    /// Every acknowledged change is there, and the store checks clean.
    fn assert_survived(&self, round: usize, window: Duration) {
        let store = (self.engine.open)(&self.dir);
        assert_eq!(
            store.verify_journal().unwrap(),
            Vec::<String>::new(),
            "round {round}: journal"
        );
        assert_eq!(
            store.check(|_| {}).unwrap(),
            Vec::<String>::new(),
            "round {round}: check"
        );
        for (number, version) in &self.acked {
            let rec = store
                .app_by_number(number)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: acknowledged {number} is gone"));
            assert!(
                rec.app.version >= *version,
                "round {round}: {number} acknowledged at version {version}, stored at {}",
                rec.app.version
            );
        }
        // Numbers are drawn in the same transaction that stores them: a
        // crash loses none and skips none.
        let recs = records(&store);
        assert_numbers_gapless(&recs);
        assert!(recs.len() >= self.acked.len());
        eprintln!(
            "round {round}: killed after {} ms, {} applications acknowledged so far, {} stored",
            window.as_millis(),
            self.acked.len(),
            recs.len()
        );
    }
}

/// An acknowledgement, or whether the child's writers share syncs.
fn take(line: &str, acks: &mut Vec<(String, u64)>, shared_syncs: &mut bool) {
    match parse(line) {
        Some(Line::Ack(number, version)) => acks.push((number, version)),
        Some(Line::Batch(commits, syncs)) => *shared_syncs |= syncs < commits,
        _ => {}
    }
}

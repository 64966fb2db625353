//! Failover with nothing acknowledged lost: a primary with a synchronous
//! streaming standby (`pg_basebackup -R`, `synchronous_standby_names`), the
//! store on a multi-host URL with `target_session_attrs=read-write`. Writers
//! work through the store; the primary is killed (SIGKILL) and the standby
//! promoted; the writers reconnect by themselves and carry on, every change
//! acknowledged before or after is there, numbers are gapless and the
//! journal verifies.

#[path = "common/mod.rs"]
mod common;

#[path = "common/pg.rs"]
mod pg;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::*;
use qyzmet::ops::Ops;
use qyzmet::store::Store;

const WRITERS: usize = 4;

/// Acknowledged (number, highest version) and how many acks came after the promotion.
#[derive(Default)]
struct Acks {
    versions: BTreeMap<String, u64>,
    after_promotion: usize,
}

/// One writer: takes in applications and moves its own on, until `stop`;
/// a failure (the primary gone) is not acknowledged, and it tries again.
fn write(
    ops: &Ops,
    next: &AtomicUsize,
    acks: &Mutex<Acks>,
    promoted: &AtomicBool,
    stop: &AtomicBool,
) {
    let mut mine: Vec<String> = Vec::new();
    let ack = |number: &str, version: u64| {
        let mut a = acks.lock().unwrap();
        let v = a.versions.entry(number.to_string()).or_default();
        *v = (*v).max(version);
        if promoted.load(Ordering::SeqCst) {
            a.after_promotion += 1;
        }
    };
    while !stop.load(Ordering::SeqCst) {
        let n = next.fetch_add(1, Ordering::SeqCst);
        match ops.submit(OPERATOR, submit_request(n), now()) {
            Ok(rec) => {
                ack(&rec.number, rec.app.version);
                mine.push(rec.number);
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
        for number in mine.iter().rev().take(3) {
            let Ok(rec) = ops.find(number) else { continue };
            if let Some(Ok(done)) = advance(ops, &rec) {
                ack(number, done.app.version);
            }
        }
    }
}

#[test]
fn acknowledged_changes_survive_the_loss_of_the_primary() {
    let Some((primary, standby, url)) = pg::synchronous_pair("region") else {
        return;
    };
    let ops = ops_on(Store::create(std::path::Path::new(&url), now()).unwrap());
    seed(&ops);
    let (next, acks) = (AtomicUsize::new(0), Mutex::new(Acks::default()));
    let (promoted, stop) = (AtomicBool::new(false), AtomicBool::new(false));
    std::thread::scope(|s| {
        for _ in 0..WRITERS {
            let (ops, next, acks, promoted, stop) = (&ops, &next, &acks, &promoted, &stop);
            s.spawn(move || write(ops, next, acks, promoted, stop));
        }
        std::thread::sleep(Duration::from_secs(2));
        primary.0.kill();
        std::thread::sleep(Duration::from_millis(300));
        standby.0.promote();
        promoted.store(true, Ordering::SeqCst);
        // The writers find the new primary by themselves.
        let since = Instant::now();
        while acks.lock().unwrap().after_promotion < 20 {
            assert!(
                since.elapsed() < Duration::from_secs(60),
                "no writer reconnected"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        stop.store(true, Ordering::SeqCst);
    });
    let acks = acks.into_inner().unwrap();
    eprintln!(
        "{} applications acknowledged, {} acknowledgements after the promotion",
        acks.versions.len(),
        acks.after_promotion
    );
    // Everything acknowledged is on the promoted standby.
    let store = &ops.store;
    for (number, version) in &acks.versions {
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
    assert_numbers_gapless(&records(store));
    assert_sound(store);
}

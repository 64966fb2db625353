//! The indexes the panes read: work queue by organisation, role and step.

mod common;

use common::*;
use qyzmet::domain::catalog::StepAction;

#[test]
fn the_clerks_inbox_and_outbox_are_separate_scans() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    seed(&ops);
    let inbox = submit(&ops, 1);
    let outbox = advance_to(&ops, &submit(&ops, 2).number, StepAction::Dispatch);
    let scan = |action: &str| {
        ops.store
            .scan(
                &[b"q", PROVIDER.as_bytes(), b"clerk", action.as_bytes()],
                100,
            )
            .unwrap()
    };
    assert_eq!(scan("register"), vec![inbox.id]);
    assert_eq!(scan("dispatch"), vec![outbox.id]);
    // The whole clerk queue is one prefix.
    let all = ops
        .store
        .scan(&[b"q", PROVIDER.as_bytes(), b"clerk"], 100)
        .unwrap();
    assert_eq!(all.len(), 2);
    // Once dispatched, the result waits at the centre for the mark of its
    // receipt, then to be issued.
    let ready = finish_step(&ops, &outbox.number);
    assert_eq!(
        ready.app.holder.as_ref().unwrap().action,
        StepAction::Receive
    );
    let waiting = |action: &str| {
        ops.store
            .scan(
                &[b"q", CENTRE.as_bytes(), b"operator", action.as_bytes()],
                100,
            )
            .unwrap()
    };
    assert_eq!(waiting("receive"), vec![outbox.id]);
    let received = finish_step(&ops, &outbox.number);
    assert_eq!(
        received.app.holder.as_ref().unwrap().action,
        StepAction::Issue
    );
    assert!(waiting("receive").is_empty());
    assert_eq!(waiting("issue"), vec![outbox.id]);
    assert!(scan("dispatch").is_empty());
    // Paging by key range: pages of one, each continuing after the last key.
    let statuses = [b"s".as_slice(), b"in_progress"];
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = ops
            .store
            .scan_page(&statuses, cursor.as_deref(), 1)
            .unwrap();
        seen.extend(page.ids);
        match page.next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    assert_eq!(seen, vec![inbox.id]);
    let mut ids = Vec::new();
    let first = ops.store.scan_page(&[b"i"], None, 1).unwrap();
    ids.extend(first.ids);
    let second = ops
        .store
        .scan_page(&[b"i"], first.next.as_deref(), 10)
        .unwrap();
    ids.extend(second.ids);
    assert_eq!(second.next, None);
    ids.sort();
    assert_eq!(ids, vec![inbox.id, outbox.id]);
    assert_sound(&ops.store);
}

fn finish_step(ops: &qyzmet::ops::Ops, number: &str) -> qyzmet::store::model::Record {
    let rec = ops.find(number).unwrap();
    advance(ops, &rec)
        .expect("a step to take")
        .expect("the step succeeds")
}

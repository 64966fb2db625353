//! The queue through the operations API: many operators calling at once
//! never get the same ticket, permissions, appointments, outcomes checked
//! against the applications, no-show waits, durability, and the day's figures.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};
use std::thread;

use chrono::Duration;
use common::{CENTRE, CLERK, HEAD, OPERATOR, at, create, now, user};
use qyzmet::domain::queue::{
    Category, OperatorState, Outcome, OutcomeKind, PriorityReason, QueueConfig, QueueError,
    TicketState, TransferTarget, WindowConfig,
};
use qyzmet::domain::roles::Role;
use qyzmet::ops::queue::QueueAct;
use qyzmet::ops::{Ops, OpsError};

fn config(windows: u16) -> QueueConfig {
    let cat = |letter, issuance| Category {
        letter,
        name_ru: format!("Очередь {letter}"),
        name_kk: format!("{letter} кезегі"),
        services: vec![],
        issuance,
        name_en: String::new(),
    };
    QueueConfig {
        centre: CENTRE.into(),
        categories: vec![cat('A', false), cat('B', false), cat('C', true)],
        windows: (1..=windows)
            .map(|number| WindowConfig {
                number,
                categories: vec!['A', 'B', 'C'],
            })
            .collect(),
        no_show_minutes: 3,
        appointment_early_minutes: 10,
        service_minutes: 10,
    }
}

fn operators(ops: &Ops, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let login = format!("op-{i}");
            ops.add_user(user(&login, CENTRE, vec![Role::Operator]), "admin", now())
                .unwrap();
            login
        })
        .collect()
}

fn consultation() -> Outcome {
    Outcome::new(OutcomeKind::Consultation, None).unwrap()
}

#[test]
fn many_operators_calling_at_once_never_share_a_ticket() {
    const THREADS: usize = 8;
    const TICKETS: usize = 240;
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    ops.queue_setup(config(THREADS as u16), now()).unwrap();
    let logins = operators(&ops, THREADS);
    for (i, l) in logins.iter().enumerate() {
        ops.queue_act(l, QueueAct::Sit(i as u16 + 1), now())
            .unwrap();
    }
    for i in 0..TICKETS {
        let letter = ['A', 'B', 'C'][i % 3];
        let prio = (i % 11 == 0).then_some(PriorityReason::Disability);
        ops.queue_take(CENTRE, letter, prio, now() + Duration::seconds(i as i64))
            .unwrap();
    }
    let ops = Arc::new(ops);
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = logins
        .into_iter()
        .map(|login| {
            let (ops, barrier) = (Arc::clone(&ops), Arc::clone(&barrier));
            thread::spawn(move || {
                barrier.wait();
                let at = now() + Duration::minutes(30);
                let mut mine = Vec::new();
                loop {
                    match ops.queue_act(&login, QueueAct::CallNext, at) {
                        Ok(desk) => mine.push(desk.ticket.unwrap().number),
                        Err(OpsError::Queue(QueueError::NobodyWaiting(_))) => break,
                        Err(e) => panic!("{login}: {e}"),
                    }
                    ops.queue_act(&login, QueueAct::Start, at).unwrap();
                    ops.queue_act(&login, QueueAct::Finish(consultation()), at)
                        .unwrap();
                }
                mine
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut total = 0;
    for h in handles {
        for number in h.join().unwrap() {
            total += 1;
            assert!(seen.insert(number.clone()), "{number} was handed out twice");
        }
    }
    assert_eq!(total, TICKETS, "every ticket called exactly once");
    let tickets = ops.queue_tickets(CENTRE, now().date()).unwrap();
    for t in &tickets {
        assert_eq!(t.state, TicketState::Done, "{}", t.number);
        let calls = t
            .history
            .iter()
            .filter(|e| e.state == TicketState::Called)
            .count();
        assert_eq!(calls, 1, "{} called {calls} times", t.number);
    }
    let stats = ops.queue_stats(None, CENTRE, now().date()).unwrap();
    assert_eq!(stats.total.served, TICKETS);
    assert!(ops.store.check(|_| {}).unwrap().is_empty());
}

#[test]
fn who_may_do_what() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    // No queue yet: a clear answer, not a crash.
    let e = ops.queue_take(CENTRE, 'A', None, now()).unwrap_err();
    assert!(e.to_string().contains("no electronic queue"), "{e}");
    ops.queue_setup(config(2), now()).unwrap();
    // A provider is no State Corporation centre.
    let mut other = config(1);
    other.centre = common::PROVIDER.into();
    assert!(matches!(
        ops.queue_setup(other, now()),
        Err(OpsError::Invalid(_))
    ));
    assert!(matches!(
        ops.queue_take(CENTRE, 'Z', None, now()),
        Err(OpsError::Invalid(_))
    ));
    // A clerk works no window; an operator needs one before calling.
    assert!(matches!(
        ops.queue_act(CLERK, QueueAct::CallNext, now()),
        Err(OpsError::Forbidden(_))
    ));
    assert!(matches!(
        ops.queue_act(OPERATOR, QueueAct::CallNext, now()),
        Err(OpsError::Queue(QueueError::NoWindow(_)))
    ));
    ops.queue_act(OPERATOR, QueueAct::Sit(1), now()).unwrap();
    let second = operators(&ops, 1).remove(0);
    // The window is taken: by whom, as a person.
    match ops.queue_act(&second, QueueAct::Sit(1), now()) {
        Err(OpsError::Queue(QueueError::WindowTaken { window: 1, by })) => {
            assert_eq!(by, format!("User {OPERATOR} ({OPERATOR})"))
        }
        other => panic!("the window is taken: {other:?}"),
    }
    assert!(matches!(
        ops.queue_act(&second, QueueAct::Sit(9), now()),
        Err(OpsError::Invalid(_))
    ));
    // The figures are the centre head's: not an operator's, not a provider head's.
    assert!(matches!(
        ops.queue_stats(Some(OPERATOR), CENTRE, now().date()),
        Err(OpsError::Forbidden(_))
    ));
    assert!(matches!(
        ops.queue_stats(Some(HEAD), CENTRE, now().date()),
        Err(OpsError::Forbidden(_))
    ));
    ops.add_user(user("sc-head", CENTRE, vec![Role::Head]), "admin", now())
        .unwrap();
    assert!(
        ops.queue_stats(Some("sc-head"), CENTRE, now().date())
            .is_ok()
    );
}

#[test]
fn a_window_works_through_its_visitors() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    ops.queue_setup(config(2), now()).unwrap();
    ops.queue_act(OPERATOR, QueueAct::Sit(1), now()).unwrap();
    let t0 = at("2026-11-23T10:00");
    let a1 = ops.queue_take(CENTRE, 'A', None, t0).unwrap();
    assert_eq!(a1.ticket.number, "A001");
    assert_eq!((a1.ahead, a1.wait_minutes), (0, Some(0)));
    let a2 = ops
        .queue_take(CENTRE, 'A', None, t0 + Duration::minutes(1))
        .unwrap();
    assert_eq!(
        (a2.ahead, a2.wait_minutes),
        (1, Some(10)),
        "one open window, 10 min a visit"
    );
    let p = ops
        .queue_take(
            CENTRE,
            'A',
            Some(PriorityReason::Elderly),
            t0 + Duration::minutes(2),
        )
        .unwrap();
    assert_eq!(p.ahead, 0, "priority goes first");
    // Breaks only between visitors; a call ends a break.
    let desk = ops
        .queue_act(OPERATOR, QueueAct::SetState(OperatorState::OnBreak), t0)
        .unwrap();
    assert_eq!(desk.window.unwrap().state, OperatorState::OnBreak);
    let t1 = t0 + Duration::minutes(5);
    let desk = ops.queue_act(OPERATOR, QueueAct::CallNext, t1).unwrap();
    assert_eq!(desk.ticket.unwrap().number, "A003");
    assert_eq!(desk.window.unwrap().state, OperatorState::Serving);
    assert!(matches!(
        ops.queue_act(OPERATOR, QueueAct::CallNext, t1),
        Err(OpsError::Queue(QueueError::Busy(_)))
    ));
    assert!(matches!(
        ops.queue_act(OPERATOR, QueueAct::SetState(OperatorState::OnBreak), t1),
        Err(OpsError::Queue(QueueError::Busy(_)))
    ));
    // No-show only after three minutes from the latest call.
    ops.queue_act(OPERATOR, QueueAct::Recall, t1 + Duration::minutes(2))
        .unwrap();
    assert!(matches!(
        ops.queue_act(OPERATOR, QueueAct::NoShow, t1 + Duration::minutes(4)),
        Err(OpsError::Queue(QueueError::TooEarly { minutes: 1 }))
    ));
    ops.queue_act(OPERATOR, QueueAct::NoShow, t1 + Duration::minutes(5))
        .unwrap();
    // A001 comes, is sent to queue B, and comes back from window 2's call.
    let t2 = t1 + Duration::minutes(6);
    assert_eq!(
        ops.queue_act(OPERATOR, QueueAct::CallNext, t2)
            .unwrap()
            .ticket
            .unwrap()
            .number,
        "A001"
    );
    ops.queue_act(OPERATOR, QueueAct::Start, t2).unwrap();
    let to = TransferTarget::Category('B');
    let e = ops
        .queue_act(
            OPERATOR,
            QueueAct::Transfer {
                to,
                reason: " ".into(),
            },
            t2,
        )
        .unwrap_err();
    assert!(e.to_string().contains("reason"), "{e}");
    ops.queue_act(
        OPERATOR,
        QueueAct::Transfer {
            to,
            reason: "пособие по безработице".into(),
        },
        t2 + Duration::minutes(3),
    )
    .unwrap();
    // Finishing needs a visitor at the window.
    assert!(
        ops.queue_act(OPERATOR, QueueAct::Finish(consultation()), t2)
            .is_err()
    );
    let board = ops.queue_board(CENTRE, t2).unwrap();
    assert_eq!(board.waiting, vec![('A', 1), ('B', 1), ('C', 0)]);
    // The transferred visitor is no longer called to this window: the board
    // drops that call until someone calls the ticket again.
    assert!(
        board.calls.iter().all(|c| c.number != "A001"),
        "{:?}",
        board.calls
    );
}

#[test]
fn outcomes_name_real_applications_of_the_centre() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    ops.queue_setup(config(1), now()).unwrap();
    ops.queue_act(OPERATOR, QueueAct::Sit(1), now()).unwrap();
    ops.queue_take(CENTRE, 'A', None, now()).unwrap();
    ops.queue_act(OPERATOR, QueueAct::CallNext, now()).unwrap();
    ops.queue_act(OPERATOR, QueueAct::Start, now()).unwrap();
    let finish = |kind, app: &str| {
        ops.queue_act(
            OPERATOR,
            QueueAct::Finish(Outcome::new(kind, Some(app)).unwrap()),
            now(),
        )
    };
    assert!(matches!(
        finish(OutcomeKind::Accepted, "KRG-SC-2026-999999"),
        Err(OpsError::NotFound(_))
    ));
    let rec = common::submit(&ops, 0);
    assert!(matches!(
        finish(OutcomeKind::Issued, &rec.number),
        Err(OpsError::Invalid(_))
    ));
    let desk = finish(OutcomeKind::Accepted, &rec.number).unwrap();
    let t = desk.ticket.unwrap();
    assert_eq!(t.state, TicketState::Done);
    assert_eq!(t.outcome.unwrap().application, Some(rec.number));
}

#[test]
fn appointments_check_in_once_at_the_head_of_their_queue() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    ops.queue_setup(config(1), now()).unwrap();
    let slot = at("2026-11-23T10:30");
    let booked = ops.queue_book(CENTRE, 'B', slot, 15, now()).unwrap();
    assert!(
        ops.queue_book(CENTRE, 'B', now() - Duration::hours(1), 15, now())
            .is_err()
    );
    for i in 0..3 {
        ops.queue_take(CENTRE, 'B', None, now() + Duration::minutes(i))
            .unwrap();
    }
    let taken = ops
        .queue_check_in(CENTRE, &booked.code, at("2026-11-23T10:25"))
        .unwrap();
    assert!(taken.ticket.head_of_queue);
    assert_eq!((taken.ticket.number.as_str(), taken.ahead), ("B004", 0));
    let again = ops
        .queue_check_in(CENTRE, &booked.code, at("2026-11-23T10:26"))
        .unwrap_err();
    assert!(again.to_string().contains("checked in already"), "{again}");
    assert!(matches!(
        ops.queue_check_in(CENTRE, "000000", now()),
        Err(OpsError::NotFound(_))
    ));
    ops.queue_act(OPERATOR, QueueAct::Sit(1), now()).unwrap();
    let desk = ops
        .queue_act(OPERATOR, QueueAct::CallNext, at("2026-11-23T10:27"))
        .unwrap();
    assert_eq!(desk.ticket.unwrap().number, "B004");
}

#[test]
fn the_queue_survives_a_reopen_and_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let ops = create(&path);
        ops.queue_setup(config(1), now()).unwrap();
        ops.queue_take(CENTRE, 'C', None, now()).unwrap();
    }
    let ops = common::ops_on(qyzmet::store::Store::open(&path).unwrap());
    assert_eq!(ops.queue_tickets(CENTRE, now().date()).unwrap().len(), 1);
    let rev = ops.queue_revision(CENTRE).unwrap();
    assert!(rev >= 2, "setup and take each raise the revision");
    let mut backup = Vec::new();
    ops.store.backup(&mut backup, |_| {}).unwrap();
    let restored =
        qyzmet::store::Store::restore(&dir.path().join("copy"), &backup, now(), |_| {}).unwrap();
    let copy = common::ops_on(restored);
    assert_eq!(
        copy.queue_tickets(CENTRE, now().date()).unwrap()[0].number,
        "C001"
    );
    assert!(copy.store.check(|_| {}).unwrap().is_empty());
}

/// A small day played through the operations: the figures are what happened.
#[test]
fn the_days_figures_match_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(dir.path());
    ops.queue_setup(config(1), now()).unwrap();
    ops.queue_act(OPERATOR, QueueAct::Sit(1), now()).unwrap();
    let m = |n: i64| at("2026-11-23T09:00") + Duration::minutes(n);
    let visit = |taken: i64, called: i64, start: i64, end: i64| {
        ops.queue_take(CENTRE, 'A', None, m(taken)).unwrap();
        ops.queue_act(OPERATOR, QueueAct::CallNext, m(called))
            .unwrap();
        ops.queue_act(OPERATOR, QueueAct::Start, m(start)).unwrap();
        ops.queue_act(OPERATOR, QueueAct::Finish(consultation()), m(end))
            .unwrap();
    };
    visit(0, 2, 3, 13); // waited 2, served 10
    visit(1, 13, 14, 20); // waited 12, served 6
    visit(15, 20, 20, 40); // waited 5, served 20
    ops.queue_take(CENTRE, 'A', None, m(41)).unwrap();
    ops.queue_act(OPERATOR, QueueAct::CallNext, m(42)).unwrap(); // waited 1
    ops.queue_act(OPERATOR, QueueAct::NoShow, m(45)).unwrap();
    let s = ops.queue_stats(None, CENTRE, m(0).date()).unwrap();
    let w = s.total.waiting.unwrap();
    assert_eq!((w.count, w.median, w.p90, w.max), (4, 120, 720, 720));
    let sv = s.total.service.unwrap();
    assert_eq!((sv.count, sv.median, sv.max), (3, 600, 1200));
    assert_eq!((s.total.served, s.total.no_shows), (3, 1));
    assert_eq!(s.operators[OPERATOR].served, 3);
    assert_eq!(s.arrivals[9], 4);
    // What the backend answers travels (the server's client will decode it).
    let back: qyzmet::domain::queue::stats::DayStats =
        serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back.total.waiting, s.total.waiting);
    assert_eq!(back.categories.keys().collect::<Vec<_>>(), vec![&'A']);
    let desk = ops.queue_desk(OPERATOR, m(50)).unwrap();
    let again: qyzmet::ops::queue::Desk =
        serde_json::from_str(&serde_json::to_string(&desk).unwrap()).unwrap();
    assert_eq!(again.windows, desk.windows);
}

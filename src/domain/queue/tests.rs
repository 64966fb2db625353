use chrono::NaiveDateTime;

use super::order::{ahead, estimate_wait, next_for};
use super::stats::{Spread, day_stats, percentile, visit_minutes};
use super::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("2026-11-23T{s}"), "%Y-%m-%dT%H:%M").unwrap()
}

fn config() -> QueueConfig {
    let cat = |letter, ru: &str, kk: &str, issuance| Category {
        letter,
        name_ru: ru.into(),
        name_kk: kk.into(),
        services: vec![],
        issuance,
        name_en: String::new(),
    };
    QueueConfig {
        centre: "KRG-SC".into(),
        categories: vec![
            cat('A', "Семья и дети", "Отбасы және балалар", false),
            cat('B', "Социальные и трудовые", "Әлеуметтік және еңбек", false),
            cat('C', "Выдача результатов", "Нәтижелерді беру", true),
        ],
        windows: vec![
            WindowConfig {
                number: 1,
                categories: vec!['A', 'C'],
            },
            WindowConfig {
                number: 2,
                categories: vec!['B'],
            },
        ],
        no_show_minutes: 3,
        appointment_early_minutes: 10,
        service_minutes: 12,
    }
}

fn ticket(letter: char, seq: u32, time: &str) -> Ticket {
    Ticket::new("KRG-SC", letter, seq, at(time), None)
}

#[test]
fn numbers_carry_the_letter_and_three_digits() {
    assert_eq!(ticket_number('A', 1), "A001");
    assert_eq!(ticket_number('C', 42), "C042");
    assert_eq!(ticket_number('B', 1234), "B1234");
}

#[test]
fn config_is_checked() {
    assert!(config().validate().is_ok());
    let mut c = config();
    c.categories[1].letter = 'A';
    assert!(c.validate().unwrap_err().to_string().contains("twice"));
    let mut c = config();
    c.windows[0].categories.push('Z');
    assert!(
        c.validate()
            .unwrap_err()
            .to_string()
            .contains("unknown category Z")
    );
    let mut c = config();
    c.categories[0].letter = 'ә';
    assert!(c.validate().is_err());
    let mut c = config();
    c.categories[2].name_kk = " ".into();
    assert!(c.validate().is_err());
    let mut c = config();
    c.windows.clear();
    assert!(c.validate().is_err());
}

#[test]
fn a_visit_from_call_to_finish() {
    let mut t = ticket('A', 1, "09:00");
    t.call(1, "op", at("09:05")).unwrap();
    assert_eq!(
        (t.state, t.window, t.calls),
        (TicketState::Called, Some(1), 1)
    );
    t.recall(1, "op", at("09:06")).unwrap();
    assert_eq!(t.calls, 2);
    assert!(matches!(
        t.start(2, "op2", at("09:07")),
        Err(QueueError::OtherWindow { window: 1, .. })
    ));
    t.start(1, "op", at("09:07")).unwrap();
    assert!(
        t.call(1, "op", at("09:08")).is_err(),
        "served tickets are not called"
    );
    let out = Outcome::new(OutcomeKind::Accepted, Some("KRG-SC-2026-000241")).unwrap();
    t.finish(1, "op", at("09:20"), out).unwrap();
    assert_eq!(t.state, TicketState::Done);
    let states: Vec<_> = t.history.iter().map(|e| (e.state, e.at)).collect();
    assert_eq!(
        states,
        vec![
            (TicketState::Waiting, at("09:00")),
            (TicketState::Called, at("09:05")),
            (TicketState::Called, at("09:06")),
            (TicketState::Serving, at("09:07")),
            (TicketState::Done, at("09:20")),
        ]
    );
}

#[test]
fn an_outcome_names_its_application() {
    assert_eq!(
        Outcome::new(OutcomeKind::Accepted, Some("  ")),
        Err(QueueError::NeedsApplication(OutcomeKind::Accepted))
    );
    assert!(Outcome::new(OutcomeKind::Consultation, None).is_ok());
    assert!(Outcome::new(OutcomeKind::Consultation, Some("X")).is_err());
    assert_eq!(
        OutcomeKind::parse("refused-intake"),
        Some(OutcomeKind::RefusedIntake)
    );
}

#[test]
fn no_show_only_after_the_wait_since_the_last_call() {
    let mut t = ticket('A', 1, "09:00");
    t.call(1, "op", at("09:05")).unwrap();
    t.recall(1, "op", at("09:07")).unwrap();
    assert_eq!(
        t.no_show(1, "op", at("09:09"), 3),
        Err(QueueError::TooEarly { minutes: 1 })
    );
    t.no_show(1, "op", at("09:10"), 3).unwrap();
    assert_eq!(t.state, TicketState::NoShow);
}

#[test]
fn transfer_needs_a_reason_and_a_real_target() {
    let c = config();
    let mut t = ticket('A', 1, "09:00");
    assert!(
        t.transfer(1, "op", at("09:01"), TransferTarget::Category('B'), "x", &c)
            .is_err()
    );
    t.call(1, "op", at("09:05")).unwrap();
    assert!(
        t.transfer(1, "op", at("09:06"), TransferTarget::Category('B'), " ", &c)
            .is_err()
    );
    assert!(
        t.transfer(1, "op", at("09:06"), TransferTarget::Category('Z'), "r", &c)
            .is_err()
    );
    assert!(
        t.transfer(1, "op", at("09:06"), TransferTarget::Category('A'), "r", &c)
            .is_err()
    );
    assert!(
        t.transfer(1, "op", at("09:06"), TransferTarget::Window(1), "r", &c)
            .is_err()
    );
    t.transfer(
        1,
        "op",
        at("09:06"),
        TransferTarget::Category('B'),
        "пособие на работу",
        &c,
    )
    .unwrap();
    assert_eq!(
        (t.state, t.category, t.window),
        (TicketState::Transferred, 'B', None)
    );
    // Window 1 does not serve B any more; window 2 does.
    let tickets = vec![t.clone()];
    assert!(next_for(&tickets, &c.windows[0]).is_none());
    assert_eq!(next_for(&tickets, &c.windows[1]).unwrap().number, "A001");
    // Sent to window 2 by number: only window 2 calls it.
    let mut t = ticket('A', 2, "09:00");
    t.call(1, "op", at("09:05")).unwrap();
    t.transfer(
        1,
        "op",
        at("09:06"),
        TransferTarget::Window(2),
        "нужен специалист",
        &c,
    )
    .unwrap();
    assert!(t.clone().call(1, "op", at("09:07")).is_err());
    t.call(2, "op2", at("09:07")).unwrap();
}

#[test]
fn target_parses() {
    assert_eq!("b".parse(), Ok(TransferTarget::Category('B')));
    assert_eq!("window:3".parse(), Ok(TransferTarget::Window(3)));
    assert!("window:x".parse::<TransferTarget>().is_err());
    assert!("AB".parse::<TransferTarget>().is_err());
}

#[test]
fn cancel_only_while_queued() {
    let mut t = ticket('A', 1, "09:00");
    assert!(t.cancel("kiosk", at("09:01"), "").is_err());
    t.cancel("kiosk", at("09:01"), "ушёл").unwrap();
    assert!(t.cancel("kiosk", at("09:02"), "ушёл").is_err());
}

#[test]
fn appointment_on_time_joins_the_head() {
    let a = Appointment {
        code: "100017".into(),
        centre: "KRG-SC".into(),
        category: 'B',
        slot_start: at("10:00"),
        slot_end: at("10:15"),
        ticket: None,
    };
    assert!(Ticket::for_appointment("KRG-SC", &a, 3, at("09:52"), 10).head_of_queue);
    assert!(!Ticket::for_appointment("KRG-SC", &a, 3, at("09:45"), 10).head_of_queue);
    assert!(!Ticket::for_appointment("KRG-SC", &a, 3, at("10:16"), 10).head_of_queue);
}

#[test]
fn calling_order_priority_appointment_arrival() {
    let c = config();
    let mut appt = ticket('A', 3, "09:30");
    appt.head_of_queue = true;
    let mut prio = ticket('A', 4, "09:40");
    prio.priority = Some(PriorityReason::Elderly);
    let tickets = vec![
        ticket('A', 1, "09:00"),
        ticket('A', 2, "09:10"),
        appt,
        prio,
        ticket('B', 1, "08:50"),
    ];
    let w1 = &c.windows[0];
    assert_eq!(next_for(&tickets, w1).unwrap().number, "A004");
    assert_eq!(ahead(&tickets, &tickets[1]), 3);
    assert_eq!(ahead(&tickets, &tickets[3]), 0);
    assert_eq!(next_for(&tickets, &c.windows[1]).unwrap().number, "B001");
}

#[test]
fn wait_estimate() {
    assert_eq!(estimate_wait(0, 1, 12), Some(0));
    assert_eq!(estimate_wait(3, 2, 10), Some(15));
    assert_eq!(estimate_wait(3, 0, 10), None);
}

#[test]
fn operator_state_between_visitors_only() {
    let mut w = WindowStatus::closed(1, at("09:00"));
    w.operator = Some("op".into());
    assert!(w.open());
    w.set_state(OperatorState::OnBreak, at("11:00")).unwrap();
    assert!(!w.open());
    assert!(w.set_state(OperatorState::Serving, at("11:00")).is_err());
    w.ticket = Some(TicketRef {
        day: at("09:00").date(),
        number: "A001".into(),
    });
    assert!(w.set_state(OperatorState::BackOffice, at("11:00")).is_err());
}

#[test]
fn percentiles_by_nearest_rank() {
    let s: Vec<i64> = (1..=10).collect();
    assert_eq!(percentile(&s, 50), 5);
    assert_eq!(percentile(&s, 90), 9);
    assert_eq!(percentile(&[7], 90), 7);
    assert_eq!(
        Spread::of(&[30, 10, 20]),
        Some(Spread {
            count: 3,
            median: 20,
            p90: 30,
            max: 30
        })
    );
    assert_eq!(Spread::of(&[]), None);
}

/// A small day whose figures are known by hand.
#[test]
fn statistics_match_what_happened() {
    let c = config();
    let mut a1 = ticket('A', 1, "09:00");
    a1.call(1, "op", at("09:05")).unwrap(); // waited 5 min
    a1.start(1, "op", at("09:06")).unwrap();
    let out = Outcome::new(OutcomeKind::Consultation, None).unwrap();
    a1.finish(1, "op", at("09:16"), out.clone()).unwrap(); // served 10 min
    let mut a2 = ticket('A', 2, "09:02");
    a2.call(1, "op", at("09:17")).unwrap(); // waited 15 min
    a2.no_show(1, "op", at("09:20"), 3).unwrap();
    let mut b1 = ticket('B', 1, "09:10");
    b1.call(2, "op2", at("09:12")).unwrap(); // waited 2 min
    b1.start(2, "op2", at("09:12")).unwrap();
    b1.transfer(
        2,
        "op2",
        at("09:14"),
        TransferTarget::Category('A'),
        "не та очередь",
        &c,
    )
    .unwrap(); // served 2 min, then waits in A
    b1.call(1, "op", at("09:24")).unwrap(); // waited 10 min in A
    b1.start(1, "op", at("09:25")).unwrap();
    b1.finish(1, "op", at("09:45"), out).unwrap(); // served 20 min
    let mut a3 = ticket('A', 3, "10:30");
    a3.cancel("kiosk", at("10:40"), "ушёл").unwrap();
    let waiting = ticket('B', 2, "10:50");

    let st = day_stats(&[a1, a2, b1, a3, waiting], at("09:00").date());
    assert_eq!(st.total.tickets, 5);
    assert_eq!(st.total.served, 2);
    assert_eq!(st.total.no_shows, 1);
    assert_eq!(st.total.cancelled, 1);
    assert_eq!(st.total.transferred, 1);
    assert_eq!(st.open, 1);
    let min = |m: i64| m * 60;
    // Waits: 5, 15, 2, 10 minutes.
    assert_eq!(
        st.total.waiting,
        Some(Spread {
            count: 4,
            median: min(5),
            p90: min(15),
            max: min(15)
        })
    );
    // Services: 10, 2, 20.
    assert_eq!(st.total.service.unwrap().median, min(10));
    let a = &st.categories[&'A'];
    assert_eq!((a.tickets, a.served, a.no_shows, a.cancelled), (3, 2, 1, 1));
    assert_eq!(
        a.waiting.unwrap().count,
        3,
        "A001, A002 and B001's leg in A"
    );
    assert_eq!(a.service.unwrap().max, min(20));
    let b = &st.categories[&'B'];
    assert_eq!((b.tickets, b.served, b.transferred), (2, 0, 1));
    assert_eq!(b.service.unwrap().max, min(2));
    let op = &st.operators["op"];
    assert_eq!((op.tickets, op.served, op.no_shows), (3, 2, 1));
    let op2 = &st.operators["op2"];
    assert_eq!((op2.tickets, op2.served, op2.transferred), (1, 0, 1));
    assert_eq!(st.arrivals[9], 3);
    assert_eq!(st.arrivals[10], 2);
    assert_eq!(visit_minutes(&st, 'A', 12), 12, "two legs are too few");
}

//! The calling order as properties over random queues: a window only calls
//! what it may; a colleague's transfer to it first, then barrier-free
//! priority, then appointments on time, then arrival; a queue called empty
//! hands every ticket out once; the kiosk's "people ahead" is the number of
//! calls before the ticket's own when one window serves its category.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::domain::queue::order::{ahead, class, eligible, next_for};
use qyzmet::domain::queue::{PriorityReason, Ticket, TicketState, WindowConfig};

fn base() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// (category 0..3, priority, appointment on time, minute taken, sent to window 1..=3 or none)
type Spec = (u8, bool, bool, u16, Option<u16>);

fn tickets(specs: &[Spec]) -> Vec<Ticket> {
    let mut seq = [0u32; 3];
    specs
        .iter()
        .map(|&(cat, prio, appt, minute, to)| {
            seq[cat as usize] += 1;
            let letter = (b'A' + cat) as char;
            let at = base() + Duration::minutes(minute as i64);
            let mut t = Ticket::new(
                "KRG-SC",
                letter,
                seq[cat as usize],
                at,
                prio.then_some(PriorityReason::Elderly),
            );
            t.head_of_queue = appt;
            if let Some(w) = to {
                t.state = TicketState::Transferred;
                t.to_window = Some(w);
            }
            t
        })
        .collect()
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..3,
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
        0u16..300,
        prop::option::weighted(0.1, 1u16..4),
    )
}

fn window() -> impl Strategy<Value = WindowConfig> {
    (
        1u16..4,
        prop::sample::subsequence(vec!['A', 'B', 'C'], 1..=3),
    )
        .prop_map(|(number, categories)| WindowConfig { number, categories })
}

/// Calls `window` until nobody waits for it: the tickets in calling order.
fn drain(ts: &mut [Ticket], w: &WindowConfig) -> Vec<Ticket> {
    let mut out = Vec::new();
    while let Some(n) = next_for(ts, w).map(|t| t.number.clone()) {
        let t = ts.iter_mut().find(|t| t.number == n).unwrap();
        t.call(w.number, "op", base() + Duration::hours(6)).unwrap();
        out.push(t.clone());
        assert!(out.len() <= ts.len(), "a ticket came twice");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_window_calls_only_what_it_may_and_the_best_of_it(
        specs in prop::collection::vec(spec(), 0..40),
        w in window(),
    ) {
        let ts = tickets(&specs);
        let pick = next_for(&ts, &w);
        let any = ts.iter().any(|t| eligible(t, &w));
        prop_assert_eq!(pick.is_some(), any);
        if let Some(p) = pick {
            match p.to_window {
                Some(to) => prop_assert_eq!(to, w.number),
                None => prop_assert!(w.categories.contains(&p.category)),
            }
            for t in ts.iter().filter(|t| eligible(t, &w)) {
                let key = |t: &Ticket| (t.to_window.is_none(), class(t), t.taken_at);
                prop_assert!(key(p) <= key(t), "{} picked before {}", p.number, t.number);
            }
        }
    }

    #[test]
    fn draining_a_window_hands_every_ticket_out_once_in_order(
        specs in prop::collection::vec(spec(), 0..40),
        w in window(),
    ) {
        let mut ts = tickets(&specs);
        let expected = ts.iter().filter(|t| eligible(t, &w)).count();
        let called = drain(&mut ts, &w);
        prop_assert_eq!(called.len(), expected);
        let mut numbers: Vec<&str> = called.iter().map(|t| t.number.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        prop_assert_eq!(numbers.len(), called.len());
        // Transfers to the window, then priority, then appointments, then the rest;
        // by arrival within each.
        for pair in called.windows(2) {
            let key = |t: &Ticket| (t.to_window.is_none(), class(t), t.taken_at);
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        // Nothing outside the window's categories unless sent to it.
        for t in &called {
            prop_assert!(t.to_window == Some(w.number) || w.categories.contains(&t.category));
        }
    }

    #[test]
    fn people_ahead_are_the_calls_before_ones_own(
        specs in prop::collection::vec(spec(), 1..40),
        pick in any::<prop::sample::Index>(),
    ) {
        // Nobody sent to a window: the kiosk counts its own category only.
        let specs: Vec<Spec> = specs.into_iter().map(|(c, p, a, m, _)| (c, p, a, m, None)).collect();
        let mut ts = tickets(&specs);
        let mine = ts[pick.index(ts.len())].clone();
        let predicted = ahead(&ts, &mine);
        let w = WindowConfig { number: 1, categories: vec![mine.category] };
        let called = drain(&mut ts, &w);
        let position = called.iter().position(|t| t.number == mine.number).unwrap();
        prop_assert_eq!(predicted, position);
    }
}

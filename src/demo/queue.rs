//! The demo centre's electronic queue: three categories, six windows, two
//! operators at windows 1 and 2, and the last stretch of today's hall played
//! through the operations API minute by minute: visitors take tickets faster
//! than two operators can serve them, the operators call, serve and finish
//! (one visitor does not come, one is not known to ГБД ФЛ so nothing is
//! taken in), and an appointment is booked for later. So
//! whenever the demo is created, visitors are waiting: `operator` ends free
//! at window 1 with someone to call; `operator2` may have a visitor.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::{CENTRE, EDUCATION, EMPLOYMENT, ORGS, SOCIAL};
use crate::domain::queue::{
    Category, Outcome, OutcomeKind, PriorityReason, QueueConfig, TicketState, WindowConfig,
};
use crate::ops::queue::QueueAct;
use crate::ops::{Ops, OpsError};

/// (login, window)
pub const OPERATORS: [(&str, u16); 2] = [("operator", 1), ("operator2", 2)];

fn services_of(codes: &[&str]) -> Vec<String> {
    ORGS.iter()
        .filter(|o| codes.contains(&o.code))
        .flat_map(|o| o.services.iter().map(|s| s.to_string()))
        .collect()
}

pub fn config() -> QueueConfig {
    let window = |number, categories: &[char]| WindowConfig {
        number,
        categories: categories.to_vec(),
    };
    QueueConfig {
        centre: CENTRE.into(),
        categories: vec![
            Category {
                letter: 'A',
                name_ru: "Семья и дети".into(),
                name_kk: "Отбасы және балалар".into(),
                name_en: "Family and children".into(),
                services: services_of(&[EDUCATION]),
                issuance: false,
            },
            Category {
                letter: 'B',
                name_ru: "Социальные и трудовые".into(),
                name_kk: "Әлеуметтік және еңбек".into(),
                name_en: "Social and employment".into(),
                services: services_of(&[SOCIAL, EMPLOYMENT]),
                issuance: false,
            },
            Category {
                letter: 'C',
                name_ru: "Выдача результатов".into(),
                name_kk: "Нәтижелерді беру".into(),
                name_en: "Issuing results".into(),
                services: Vec::new(),
                issuance: true,
            },
        ],
        windows: vec![
            window(1, &['A', 'C']),
            window(2, &['A', 'B']),
            window(3, &['B']),
            window(4, &['C']),
            window(5, &['A', 'B', 'C']),
            window(6, &['A', 'B', 'C']),
        ],
        no_show_minutes: 3,
        appointment_early_minutes: 10,
        service_minutes: 12,
    }
}

/// What an operator is doing in the simulation.
enum Desk {
    Free,
    Called { at: NaiveDateTime, no_show: bool },
    Serving { until: NaiveDateTime },
}

/// When the played stretch of today begins: two hours before `now`, not
/// before the 09:00 opening, yet at least half an hour (since midnight)
/// whatever the hour and even on a day off. A demo is for trying the
/// queue, and the operator's pane works on today's tickets, so today always
/// has visitors waiting rather than a faithful empty hall.
pub fn session_start(now: NaiveDateTime) -> NaiveDateTime {
    let at = |h| {
        now.date()
            .and_time(NaiveTime::from_hms_opt(h, 0, 0).expect("time"))
    };
    (now - Duration::hours(2))
        .max(at(9))
        .min(now - Duration::minutes(30))
        .max(at(0))
}

/// Plays today's hall from [`session_start`] until `now` (the queue is set
/// up before the applications, whose visits of earlier days it served).
pub fn populate(ops: &Ops, now: NaiveDateTime) -> Result<(), OpsError> {
    let opens = session_start(now);
    for (login, window) in OPERATORS {
        ops.queue_act(login, QueueAct::Sit(window), opens)?;
    }
    const PATTERN: &[u8] = b"ABACBAABCABBA";
    let mut arrivals = Vec::new();
    let mut at = opens;
    let mut i = 0;
    // One visitor every 3 to 5 minutes: more than two operators serve.
    while at < now - Duration::minutes(1) && i < 40 {
        arrivals.push((at, PATTERN[i % PATTERN.len()] as char, i == 5));
        at += Duration::minutes(3 + (i as i64 * 7) % 3);
        i += 1;
    }
    let mut desks = [Desk::Free, Desk::Free];
    let mut calls = 0;
    let mut served = 0;
    let mut next = 0;
    let mut minute = opens;
    while minute < now {
        while next < arrivals.len() && arrivals[next].0 <= minute {
            let (t, letter, priority) = arrivals[next];
            let prio = priority.then_some(PriorityReason::Elderly);
            ops.queue_take(CENTRE, letter, prio, t)?;
            next += 1;
        }
        for (k, (login, _)) in OPERATORS.iter().enumerate() {
            let visit = 7 + (calls as i64 * 5) % 6;
            desks[k] = match std::mem::replace(&mut desks[k], Desk::Free) {
                Desk::Free => {
                    // `operator` takes nobody they could not finish by now.
                    let fits = k != 0 || minute + Duration::minutes(visit + 2) < now;
                    let desk = ops.queue_desk(login, minute)?;
                    if fits && desk.for_me > 0 {
                        ops.queue_act(login, QueueAct::CallNext, minute)?;
                        calls += 1;
                        Desk::Called {
                            at: minute,
                            no_show: calls == 7,
                        }
                    } else {
                        Desk::Free
                    }
                }
                Desk::Called { at, no_show: true } if minute >= at + Duration::minutes(3) => {
                    ops.queue_act(login, QueueAct::NoShow, minute)?;
                    Desk::Free
                }
                Desk::Called { at, no_show: false } if minute > at => {
                    ops.queue_act(login, QueueAct::Start, minute)?;
                    Desk::Serving {
                        until: minute + Duration::minutes(visit),
                    }
                }
                Desk::Serving { until } if minute >= until => {
                    // One visitor ГБД ФЛ does not know: nothing can be taken
                    // in ("процесс 4 – формирование сообщения о невозможности
                    // получения данных", 000:187-188); the others ask.
                    let kind = if served == 2 {
                        OutcomeKind::NoPersonData
                    } else {
                        OutcomeKind::Consultation
                    };
                    served += 1;
                    let done = Outcome::new(kind, None)?;
                    ops.queue_act(login, QueueAct::Finish(done), minute)?;
                    Desk::Free
                }
                same => same,
            };
        }
        minute += Duration::minutes(1);
    }
    // Someone booked for later today (check in with the code at the kiosk).
    let slot = now + Duration::minutes(30);
    ops.queue_book(CENTRE, 'B', slot, 15, now)?;
    debug_assert!(
        ops.queue_desk(OPERATORS[0].0, now)?
            .current
            .is_none_or(|t| t.state != TicketState::Serving)
    );
    Ok(())
}

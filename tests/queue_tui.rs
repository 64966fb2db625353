//! The queue on screen: the kiosk, the hall board, the operator's window
//! pane and the head's figures as snapshots (80x24 and 160x48, Russian and
//! Kazakh, mono theme), and the reducer carrying a visitor from the kiosk
//! to a finished visit with an accepted application.

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qyzmet::domain::queue::TicketState;
use qyzmet::tui::action::Action;
use qyzmet::tui::hall::KioskError;
use qyzmet::tui::hall::board::HallBoard;
use qyzmet::tui::hall::kiosk::{Kiosk, KioskScreen};
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::keymap::Keymap;
use qyzmet::tui::screens::work::PaneKind;
use tui::{Harness, SIZES, demo_app, demo_ops, draw_text, snapshots};

use common::now;

fn snap(name: &str, setup: impl Fn(Lang) -> Harness) {
    for (snapshot, screen) in snapshots(name, setup) {
        insta::assert_snapshot!(snapshot, screen);
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn kiosk(lang: Lang) -> (Kiosk, tempfile::TempDir) {
    let (ops, dir) = demo_ops();
    let mut k = Kiosk::new(Box::new(ops), Keymap::builtin(), "KRG-SC", lang, now());
    k.tickets_dir = Some(dir.path().join("tickets"));
    k.printer = Some(dir.path().join("printer.bin"));
    (k, dir)
}

fn snap_kiosk(name: &str, setup: impl Fn(&mut Kiosk)) {
    for lang in [Lang::Ru, Lang::Kk] {
        let (mut k, dir) = kiosk(lang);
        setup(&mut k);
        for (w, h) in SIZES {
            let text = draw_text(w, h, |f, th| k.draw(f, th))
                .replace(&dir.path().display().to_string(), "<dir>");
            insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
        }
    }
}

#[test]
fn kiosk_screens() {
    snap_kiosk("kiosk_menu", |_| {});
    snap_kiosk("kiosk_priority", |k| {
        k.on_key(key(KeyCode::Char('p')));
        k.on_key(key(KeyCode::Down));
    });
    snap_kiosk("kiosk_ticket", |k| {
        k.on_key(key(KeyCode::Char('p')));
        k.on_key(key(KeyCode::Enter));
        k.on_key(key(KeyCode::Char('1')));
    });
}

#[test]
fn kiosk_takes_prints_and_checks_in() {
    let (mut k, dir) = kiosk(Lang::Ru);
    // Digit 2: category B at once.
    k.on_key(key(KeyCode::Char('2')));
    let KioskScreen::Ticket { taken, notes, .. } = &k.room.screen else {
        panic!("no ticket shown: {:?}", k.room.error);
    };
    assert_eq!(taken.ticket.number, "B007");
    assert_eq!(taken.ahead, 3, "B004, B005 and B006 wait before it");
    assert!(notes.iter().all(|n| !n.failed), "{notes:?}");
    let file = dir.path().join("tickets/KRG-SC-2026-11-23-B007.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("B007") && text.contains("Перед вами: 3"),
        "{text}"
    );
    let bytes = std::fs::read(dir.path().join("printer.bin")).unwrap();
    assert!(
        bytes.starts_with(&[0x1b, b'@']),
        "ESC/POS starts by resetting"
    );
    assert!(bytes.windows(4).any(|w| w == b"B007"));
    assert!(bytes.ends_with(&[0x1d, b'V', 66, 0]), "and ends with a cut");
    // The ticket leaves the screen by itself.
    k.tick(now() + Duration::seconds(21));
    assert!(matches!(k.room.screen, KioskScreen::Menu));
    // A wrong code is told, not a crash; the demo's booking checks in.
    k.on_key(key(KeyCode::Char('c')));
    for c in "999999".chars() {
        k.on_key(key(KeyCode::Char(c)));
    }
    k.on_key(key(KeyCode::Enter));
    assert_eq!(k.room.error, Some(KioskError::UnknownCode("999999".into())));
    k.on_key(key(KeyCode::Esc));
    k.on_key(key(KeyCode::Char('0')));
    for c in "000018".chars() {
        k.on_key(key(KeyCode::Char(c)));
    }
    k.on_key(key(KeyCode::Enter));
    let KioskScreen::Ticket { taken, .. } = &k.room.screen else {
        panic!("appointment not checked in: {:?}", k.room.error);
    };
    assert_eq!(taken.ticket.appointment.as_deref(), Some("000018"));
    assert!(
        !taken.ticket.head_of_queue,
        "20 minutes before its slot is early"
    );
}

/// A wrong code: the visitor is told in both hall languages (no English
/// detail), the field is cleared for the next try, and Esc dismisses the
/// message; the field takes digits only, up to a code's length.
#[test]
fn kiosk_refuses_a_wrong_code_in_both_languages_and_forgets_it() {
    let (mut k, dir) = kiosk(Lang::Ru);
    k.on_key(key(KeyCode::Char('0')));
    for c in "12ab3456789".chars() {
        k.on_key(key(KeyCode::Char(c)));
    }
    let KioskScreen::Code(field) = &k.room.screen else {
        panic!("not on the code screen");
    };
    assert_eq!(field.text(), "123456", "digits only, six of them");
    k.on_key(key(KeyCode::Enter));
    let KioskScreen::Code(field) = &k.room.screen else {
        panic!("a wrong code leaves the code screen");
    };
    assert_eq!(field.text(), "", "the wrong code is cleared");
    let screen = draw_text(80, 24, |f, th| k.draw(f, th))
        .replace(&dir.path().display().to_string(), "<dir>");
    insta::assert_snapshot!("kiosk_wrong_code_ru_80x24", screen);
    for english in ["no appointment", "with code", "at KRG"] {
        assert!(!screen.contains(english), "{screen}");
    }
    assert!(
        screen.contains("123456") && screen.contains("кодымен"),
        "{screen}"
    );
    k.on_key(key(KeyCode::Esc));
    assert_eq!(k.room.error, None, "Esc dismisses the message");
    assert!(matches!(k.room.screen, KioskScreen::Menu));
    let screen = draw_text(80, 24, |f, th| k.draw(f, th));
    assert!(!screen.contains("123456"), "{screen}");
}

fn board(lang: Lang) -> (HallBoard, tempfile::TempDir) {
    let (ops, dir) = demo_ops();
    (
        HallBoard::new(Box::new(ops), Keymap::builtin(), "KRG-SC", lang, now()),
        dir,
    )
}

#[test]
fn board_screens() {
    for lang in [Lang::Ru, Lang::Kk] {
        let (mut b, _dir) = board(lang);
        // A visitor comes, the operator calls them to window 1: the board
        // has it, newest first, on its next tick.
        b.backend.queue_take("KRG-SC", 'A', None, now()).unwrap();
        b.backend
            .queue_act("operator", qyzmet::ops::queue::QueueAct::CallNext, now())
            .unwrap();
        assert!(b.tick(now()), "a call moves the revision");
        assert!(!b.tick(now()), "nothing new: no reload");
        let first = &b.room.board.as_ref().unwrap().calls[0];
        assert_eq!((first.number.as_str(), first.window), ("A006", 1));
        for (w, h) in SIZES {
            insta::assert_snapshot!(
                format!("board_{}_{w}x{h}", lang.code()),
                draw_text(w, h, |f, th| b.draw(f, th))
            );
        }
    }
}

#[test]
fn operator_queue_pane() {
    snap("operator_queue", |l| {
        let mut h = demo_app(l);
        h.login("operator").act(Action::Pane3);
        h
    });
    snap("operator_queue_called", |l| {
        let mut h = demo_app(l);
        h.login("operator").act(Action::Pane3).f(5);
        h
    });
    snap("operator_queue_transfer", |l| {
        let mut h = demo_app(l);
        h.login("operator").act(Action::Pane3).f(5).f(4);
        h.act(Action::NextField).type_text("нужна другая очередь");
        h
    });
    snap("head_queue_stats", |l| {
        let mut h = demo_app(l);
        h.login("sc-head");
        h
    });
    // Friday's figures: the demo's intakes and issues of that day went
    // through the queue, so its visits within the regulation's minutes count.
    snap("head_queue_stats_friday", |l| {
        let mut h = demo_app(l);
        h.login("sc-head");
        for _ in 0..3 {
            h.act(Action::PrevDay);
        }
        h
    });
}

fn work(h: &Harness) -> &qyzmet::tui::screens::work::Work {
    h.app.state.work().expect("signed in")
}

/// The reducer: a kiosk ticket is called, the visitor served into an
/// accepted application, the visit finished with that application.
#[test]
fn a_visitor_from_kiosk_to_accepted_application() {
    let mut h = demo_app(Lang::Ru);
    // A priority ticket in A: it comes before everyone waiting.
    let taken = h
        .app
        .backend
        .queue_take(
            "KRG-SC",
            'A',
            Some(qyzmet::domain::queue::PriorityReason::Pregnant),
            now(),
        )
        .unwrap();
    h.login("operator").act(Action::Pane3);
    assert_eq!(work(&h).pane_kind(), PaneKind::Queue);
    // Finishing before anyone is called is refused with a message.
    h.act(Action::FinishVisit);
    assert!(h.last_toast().contains("начатое"), "{}", h.last_toast());
    h.act(Action::CallNext);
    assert!(
        h.last_toast()
            .contains(&format!("Талон {} вызван к окну 1", taken.ticket.number))
    );
    // No-show is not possible before the wait: said at once, nothing asked.
    h.act(Action::NoShow);
    assert!(h.app.state.overlays.is_empty());
    assert!(h.last_toast().contains("через 3 мин"), "{}", h.last_toast());
    h.act(Action::StartServing);
    assert_eq!(
        work(&h).pane_kind(),
        PaneKind::Intake,
        "serving opens the intake form"
    );
    assert!(
        h.screen(160, 48)
            .contains(&format!("талон {}", taken.ticket.number))
    );
    // The intake, as in the workstation's own tests.
    h.type_text("опекун").key(KeyCode::Enter);
    // The registry (ГБД ФЛ) knows her: the name is filled in.
    h.type_text("900415300123").act(Action::NextField);
    h.f(2).key(KeyCode::Enter);
    let number = h
        .toasts()
        .iter()
        .find_map(|t| {
            t.split_whitespace()
                .find(|w| w.starts_with("KRG-SC-2026-"))
                .map(str::to_string)
        })
        .expect("accepted");
    h.key(KeyCode::Esc); // the receipt
    h.act(Action::Pane3).act(Action::FinishVisit);
    let screen = h.screen(160, 48);
    assert!(
        screen.contains("заявление принято") && screen.contains(&number),
        "{screen}"
    );
    h.f(2).key(KeyCode::Enter);
    assert!(h.last_toast().contains("обслужен"), "{}", h.last_toast());
    let t = h.app.backend.queue_board("KRG-SC", now()).unwrap();
    assert_eq!(
        t.calls[0].number, taken.ticket.number,
        "the board keeps the latest call"
    );
    assert_eq!(t.calls[0].state, TicketState::Done);
    let desk = work(&h).queue.desk.as_ref().expect("the desk");
    let done = desk.ticket.clone().expect("the finished ticket");
    assert_eq!(done.state, TicketState::Done);
    assert_eq!(
        done.outcome.unwrap().application.as_deref(),
        Some(number.as_str())
    );
}

/// A colleague's call shows in the operator's pane on the next tick (the
/// pane follows the queue's revision, not the 30-second refresh).
#[test]
fn the_pane_follows_colleagues_calls() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator").act(Action::Pane3);
    let waiting = |h: &Harness| work(h).queue.desk.as_ref().unwrap().waiting.clone();
    let before = waiting(&h);
    h.app
        .backend
        .queue_act("operator2", qyzmet::ops::queue::QueueAct::CallNext, now())
        .unwrap();
    assert_eq!(waiting(&h), before, "nothing reloads by itself");
    h.app.tick(now() + Duration::seconds(1));
    let after = waiting(&h);
    let total = |w: &[(char, usize)]| w.iter().map(|(_, n)| n).sum::<usize>();
    assert_eq!(total(&after) + 1, total(&before), "{before:?} → {after:?}");
}

/// The head's figures: → stops at today (there are no figures of days to
/// come) and says so; ← goes back and → returns to today.
#[test]
fn queue_figures_never_move_into_the_future() {
    let mut h = demo_app(Lang::Ru);
    h.login("sc-head");
    let today = now().date();
    let day = |h: &Harness| work(h).stats.day.unwrap_or(today);
    h.act(Action::NextDay);
    assert_eq!(day(&h), today);
    assert!(
        h.last_toast().contains("будущих дней"),
        "{}",
        h.last_toast()
    );
    assert!(h.screen(80, 24).contains("сегодня (← — предыдущий день)"));
    h.act(Action::PrevDay);
    assert_eq!(day(&h), today - Duration::days(1));
    assert!(h.screen(160, 48).contains("(← → — другой день)"));
    h.act(Action::NextDay).act(Action::NextDay);
    assert_eq!(day(&h), today);
}

fn desk(h: &Harness) -> &qyzmet::ops::queue::Desk {
    work(h).queue.desk.as_ref().expect("the desk")
}

/// Right after a call the window is calling, not serving; a no-show before
/// the wait is refused before any question, with the time left; once the
/// wait is over it asks.
#[test]
fn a_call_is_not_service_and_a_no_show_waits_for_its_time() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator").act(Action::Pane3).f(5);
    let number = desk(&h).current.clone().expect("called").number;
    let screen = h.screen(160, 48);
    let title = screen.lines().find(|l| l.contains("Окно 1")).unwrap();
    assert!(
        title.contains(&format!("вызван {number}")) && !title.contains("обслуживает"),
        "{title}"
    );
    h.f(9);
    assert!(h.app.state.overlays.is_empty(), "nothing to confirm yet");
    assert!(h.last_toast().contains("через 3 мин"), "{}", h.last_toast());
    h.app.state.now = now() + Duration::minutes(3);
    h.f(9);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(qyzmet::tui::dialogs::Dialog::Confirm(_))
    ));
    // Serving: the title says so.
    h.key(KeyCode::Esc).f(7).act(Action::Pane3);
    let screen = h.screen(160, 48);
    assert!(screen.contains("обслуживает"), "{screen}");
}

/// F3 asks, and the pane shows the break at once; with a visitor at the
/// window it is refused before asking.
#[test]
fn a_break_asks_and_the_pane_shows_it() {
    use qyzmet::domain::queue::OperatorState;
    let mut h = demo_app(Lang::Ru);
    h.login("operator").act(Action::Pane3).f(3);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(qyzmet::tui::dialogs::Dialog::Confirm(_))
    ));
    assert_eq!(
        desk(&h).window.as_ref().unwrap().state,
        OperatorState::Available
    );
    h.key(KeyCode::Enter);
    assert_eq!(
        desk(&h).window.as_ref().unwrap().state,
        OperatorState::OnBreak
    );
    let screen = h.screen(160, 48);
    assert!(
        screen.contains("Перерыв с") && !screen.contains("Окно свободно"),
        "{screen}"
    );
    // Back, call someone: no break with a visitor at the window.
    h.f(3)
        .key(KeyCode::Enter)
        .f(3)
        .key(KeyCode::Enter)
        .f(5)
        .f(3);
    assert!(h.app.state.overlays.is_empty());
    assert!(
        h.last_toast().contains("сначала завершите"),
        "{}",
        h.last_toast()
    );
}

/// A transfer offers only windows someone sits at (the store refuses a
/// closed one too), and the board stops showing the call that was moved on.
#[test]
fn a_transfer_goes_to_open_windows_and_leaves_the_board() {
    use qyzmet::domain::queue::TransferTarget;
    use qyzmet::ops::queue::QueueAct;
    use qyzmet::tui::dialogs::Dialog;
    let mut h = demo_app(Lang::Ru);
    h.login("operator").act(Action::Pane3).f(5);
    let number = desk(&h).current.clone().unwrap().number;
    let open: Vec<u16> = desk(&h)
        .windows
        .iter()
        .filter(|w| w.operator.is_some())
        .map(|w| w.number)
        .collect();
    let closed = desk(&h)
        .config
        .windows
        .iter()
        .map(|w| w.number)
        .find(|n| !open.contains(n))
        .expect("the demo has a closed window");
    h.f(4);
    let Some(Dialog::Transfer(d)) = h.app.state.overlays.last() else {
        panic!("the transfer dialog");
    };
    for qyzmet::tui::dialogs::transfer::TransferChoice { to, label } in &d.targets {
        if let TransferTarget::Window(n) = to {
            assert!(open.contains(n), "closed window offered: {label}");
        }
    }
    let refused = h.app.backend.queue_act(
        "operator",
        QueueAct::Transfer {
            to: TransferTarget::Window(closed),
            reason: "проверка".into(),
        },
        now(),
    );
    assert!(
        matches!(refused, Err(qyzmet::ops::OpsError::Queue(qyzmet::domain::queue::QueueError::WindowClosed(n))) if n == closed),
        "{refused:?}"
    );
    h.type_text("нужна другая очередь").f(2).key(KeyCode::Enter);
    assert!(h.last_toast().contains("перенаправлен"), "{:?}", h.toasts());
    let board = h.app.backend.queue_board("KRG-SC", now()).unwrap();
    assert!(
        board.calls.iter().all(|c| c.number != number),
        "{:?}",
        board.calls
    );
}

/// A result offered to someone who is neither the applicant nor their
/// representative is refused before the confirmation.
#[test]
fn issuing_to_a_stranger_is_refused_before_asking() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator")
        .act(Action::Pane2)
        .select_marked_result()
        .f(5);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(qyzmet::tui::dialogs::Dialog::Text(
            qyzmet::tui::dialogs::TextDialog {
                purpose: qyzmet::tui::dialogs::TextPurpose::Issue { .. },
                ..
            }
        ))
    ));
    h.type_text("800101300016").f(2);
    assert!(
        matches!(
            h.app.state.overlays.last(),
            Some(qyzmet::tui::dialogs::Dialog::Text(
                qyzmet::tui::dialogs::TextDialog {
                    purpose: qyzmet::tui::dialogs::TextPurpose::Issue { .. },
                    ..
                }
            ))
        ),
        "no question for a stranger"
    );
    assert!(h.last_toast().contains("800101300016"), "{:?}", h.toasts());
}

/// A visit's outcome naming an application that cannot be it (no such
/// application here) is refused before the confirmation.
#[test]
fn a_finish_naming_a_wrong_application_is_refused_before_asking() {
    use qyzmet::tui::dialogs::Dialog;
    let mut h = demo_app(Lang::Ru);
    h.login("operator")
        .act(Action::Pane3)
        .f(5)
        .f(7)
        .act(Action::Pane3)
        .f(8);
    let Some(Dialog::Finish(d)) = h.app.state.overlays.last() else {
        panic!("the finish dialog");
    };
    assert_eq!(
        d.kind,
        qyzmet::domain::queue::OutcomeKind::Consultation,
        "a consultation when nothing was filed"
    );
    // Space twice: past "no data in ГБД ФЛ" to an accepted application; its
    // number typed.
    h.key(KeyCode::Char(' '))
        .key(KeyCode::Char(' '))
        .type_text("KRG-SC-2026-999999")
        .f(2);
    assert!(
        matches!(h.app.state.overlays.last(), Some(Dialog::Finish(_))),
        "no question for an application that is not there"
    );
    assert!(h.last_toast().contains("999999"), "{:?}", h.toasts());
}

/// An applicant the person registry (ГБД ФЛ) does not know cannot be taken
/// in (000:186-188): the finish dialog offers that outcome and, after such a
/// refusal while serving, starts on it; the visit records it.
#[test]
fn a_visit_ends_with_no_person_data_from_the_finish_dialog() {
    use qyzmet::domain::queue::OutcomeKind;
    use qyzmet::tui::dialogs::Dialog;
    let mut h = tui::demo_app_with(Lang::Ru, |ops| {
        ops.store.connect_person_registry().unwrap();
    });
    h.login("operator").act(Action::Pane3).f(5).f(7);
    // Serving opens the intake: an IIN the registry does not know.
    h.type_text("опекун").key(KeyCode::Enter);
    h.type_text("850505400018").act(Action::NextField);
    h.type_text("Незнакомая Анна");
    h.f(2).key(KeyCode::Enter);
    assert!(h.last_toast().contains("нет в ГБД ФЛ"), "{:?}", h.toasts());
    h.act(Action::Pane3).f(8);
    let Some(Dialog::Finish(d)) = h.app.state.overlays.last() else {
        panic!("the finish dialog");
    };
    assert_eq!(
        d.kind,
        OutcomeKind::NoPersonData,
        "offered after the refusal"
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("нет данных в ГБД ФЛ"), "{screen}");
    h.f(2).key(KeyCode::Enter);
    assert!(h.last_toast().contains("обслужен"), "{:?}", h.toasts());
    let desk = h.app.state.work().unwrap().queue.desk.as_ref().unwrap();
    let done = desk.ticket.clone().expect("the finished ticket");
    assert_eq!(done.outcome.unwrap().kind, OutcomeKind::NoPersonData);
}

/// Without a refusal the outcome is chosen: Space cycles to "no data".
#[test]
fn the_finish_dialog_cycles_to_no_person_data() {
    snap("queue_finish_no_person_data", |l| {
        let mut h = demo_app(l);
        h.login("operator")
            .act(Action::Pane3)
            .f(5)
            .f(7)
            .act(Action::Pane3)
            .f(8);
        // Consultation, then the registry's "no data".
        h.key(KeyCode::Char(' '));
        h
    });
}

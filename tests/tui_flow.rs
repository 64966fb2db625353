//! Reducer tests: keys and actions in, state out, on a real demo store.
//! The last one carries an application from intake to issuance through
//! every role's pane with the keyboard alone.

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::route::Status;
use qyzmet::ops::{ActKind, ActRequest};
use qyzmet::tui::action::Action;
use qyzmet::tui::dialogs::{Dialog, ReceiptDialog, TextDialog, TextPurpose};
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::panes::intake::{Focus, IinState};
use qyzmet::tui::screens::work::PaneKind;
use qyzmet::tui::state::Screen;
use tui::{Harness, demo_app, demo_app_with, empty_app};

/// The operator signed in, the intake form on the guardian allowance.
fn guardian_intake(h: &mut Harness) -> &mut Harness {
    h.login("operator").type_text("опекун").key(KeyCode::Enter)
}

fn work(h: &Harness) -> &qyzmet::tui::screens::work::Work {
    h.app.state.work().expect("working")
}

#[test]
fn empty_store_offers_the_demo_and_creates_it() {
    let mut h = empty_app(Lang::Ru);
    assert!(matches!(h.app.state.screen, Screen::DemoOffer));
    h.key(KeyCode::Enter);
    let Screen::Login(l) = &h.app.state.screen else {
        panic!("login expected");
    };
    assert!(l.hints.iter().any(|u| u.login == "operator"));
    assert!(h.last_toast().contains("qyzmet-demo"), "{:?}", h.toasts());
    h.login("operator");
}

#[test]
fn three_wrong_passwords_lock_the_account() {
    let mut h = demo_app(Lang::Ru);
    for _ in 0..3 {
        h.type_text("clerk")
            .key(KeyCode::Enter)
            .type_text("nope-nope")
            .key(KeyCode::Enter);
        // The login stays; clear it for the next try.
        if let Screen::Login(l) = &mut h.app.state.screen {
            l.login.clear();
            l.focus = qyzmet::tui::screens::login::LoginFocus::Login;
        }
    }
    let Screen::Login(l) = &h.app.state.screen else {
        panic!()
    };
    assert!(
        l.error.as_deref().unwrap().contains("заблокирована"),
        "{:?}",
        l.error
    );
    h.type_text("clerk")
        .key(KeyCode::Enter)
        .type_text(qyzmet::demo::PASSWORD)
        .key(KeyCode::Enter);
    assert!(
        h.app.state.work().is_none(),
        "a locked account must not log in"
    );
}

#[test]
fn iin_is_checked_as_typed_and_the_registry_fills_the_name() {
    let mut h = demo_app(Lang::Ru);
    guardian_intake(&mut h);
    assert_eq!(work(&h).intake.focus, Focus::Iin);
    assert!(work(&h).intake.service.is_some());
    h.type_text("90041530012");
    assert!(matches!(work(&h).intake.iin_state, IinState::Bad(_)));
    assert!(h.screen(160, 30).contains("нужно 12 цифр, введено 11"));
    h.key(KeyCode::Char('4'));
    assert!(
        h.screen(160, 30).contains("не сходится контрольная цифра"),
        "{}",
        h.screen(160, 30)
    );
    // A person of the demo registry: the name arrives by itself.
    let person = h.app.backend.queue("clerk").unwrap()[0].clone();
    for _ in 0..12 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(&person.iin.to_string());
    let IinState::Good { known, .. } = work(&h).intake.iin_state else {
        panic!()
    };
    assert!(known);
    assert_eq!(work(&h).intake.name.text(), person.name);
}

#[test]
fn missing_documents_block_acceptance_and_give_a_refusal_receipt() {
    let mut h = demo_app(Lang::Ru);
    guardian_intake(&mut h);
    h.type_text("900415300123")
        .act(Action::NextField)
        .type_text("Тестова Анна");
    // To the checklist; untick the first (required) document.
    while work(&h).intake.focus != Focus::Documents {
        h.act(Action::NextField);
    }
    h.key(KeyCode::Char(' '));
    h.f(2);
    assert!(
        h.last_toast()
            .contains("Не отмечены обязательные документы"),
        "{:?}",
        h.toasts()
    );
    assert!(h.app.state.overlays.is_empty());
    h.f(3);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(Dialog::Confirm(_))
    ));
    h.key(KeyCode::Enter);
    let Some(Dialog::Receipt(ReceiptDialog { text, .. })) = h.app.state.overlays.last() else {
        panic!("receipt expected: {:?}", h.toasts());
    };
    assert!(text.contains("РАСПИСКА ОБ ОТКАЗЕ"), "{text}");
    let files: Vec<_> = std::fs::read_dir(h.dir.path().join("receipts"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn a_failed_action_keeps_the_form() {
    let mut h = demo_app(Lang::En);
    h.login("operator")
        .type_text("guardian")
        .key(KeyCode::Enter);
    // Someone the registry does not know: nothing fills the name.
    h.type_text("900202400012");
    h.f(2);
    assert!(h.last_toast().contains("full name"), "{:?}", h.toasts());
    assert_eq!(work(&h).intake.iin.text(), "900202400012");
    assert!(work(&h).intake.service.is_some());
}

#[test]
fn unbound_keys_say_so_and_cyrillic_layout_works() {
    let mut h = demo_app(Lang::Ru);
    h.login("clerk");
    h.key(KeyCode::Char('z'));
    assert!(
        h.last_toast().contains("ничего не делает"),
        "{:?}",
        h.toasts()
    );
    let inbox = work(&h).list().unwrap();
    assert_eq!(inbox.kind, PaneKind::Inbox);
    assert!(
        !inbox.rows.is_empty(),
        "the demo clerk has incoming applications"
    );
    // 'о' sits on 'j' (down), 'к' on 'r' (register).
    h.key(KeyCode::Char('о'));
    assert_eq!(work(&h).list().unwrap().selected, 1.min(inbox_len(&h) - 1));
    h.key(KeyCode::Char('к'));
    assert!(
        matches!(h.app.state.overlays.last(), Some(Dialog::Confirm(_)))
            || h.last_toast().contains("этап"),
        "{:?}",
        h.toasts()
    );
}

fn inbox_len(h: &Harness) -> usize {
    work(h).list().unwrap().visible.len()
}

#[test]
fn language_switches_at_runtime() {
    let mut h = demo_app(Lang::Ru);
    h.login("operator");
    assert!(h.screen(100, 30).contains("Приём заявления"));
    h.key(KeyCode::F(12));
    assert_eq!(h.app.state.lang, Lang::Kk);
    assert!(h.screen(100, 30).contains("Өтінішті қабылдау"));
    h.key(KeyCode::F(12));
    assert!(h.screen(100, 30).contains("Application intake"));
}

#[test]
fn filter_narrows_the_worklist() {
    let mut h = demo_app(Lang::Ru);
    h.login("specialist");
    let total = work(&h).list().unwrap().rows.len();
    assert!(total > 1);
    let number = work(&h).list().unwrap().rows[1].number.clone();
    h.key(KeyCode::Char('/')).type_text(&number);
    assert_eq!(work(&h).list().unwrap().visible.len(), 1);
    assert_eq!(work(&h).list().unwrap().current().unwrap().number, number);
    h.key(KeyCode::Enter);
    assert!(!work(&h).list().unwrap().filtering);
    h.key(KeyCode::Esc);
    assert_eq!(work(&h).list().unwrap().visible.len(), total);
}

fn select(h: &mut Harness, number: &str) {
    h.key(KeyCode::Char('/'))
        .type_text(number)
        .key(KeyCode::Enter);
    assert_eq!(
        work(h)
            .list()
            .map(|l| l.current().map(|r| r.number.clone())),
        Some(Some(number.to_string())),
        "{number} not in {:?}\n{}",
        work(h).pane_kind(),
        h.screen(120, 30)
    );
}

fn logout(h: &mut Harness) {
    h.alt('q');
    assert!(matches!(h.app.state.screen, Screen::Login(_)));
}

#[test]
fn intake_to_issuance_with_the_keyboard() {
    let mut h = demo_app(Lang::Ru);
    // Operator: intake.
    guardian_intake(&mut h);
    // The registry (ГБД ФЛ) knows her: the name is filled in.
    h.type_text("900415300123");
    h.f(2).key(KeyCode::Enter);
    let Some(Dialog::Receipt(ReceiptDialog { text, .. })) = h.app.state.overlays.last() else {
        panic!("no receipt: {:?}", h.toasts());
    };
    assert!(text.contains("РАСПИСКА О ПРИЕМЕ"));
    let number = text
        .lines()
        .find_map(|l| l.strip_prefix("№ "))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    h.key(KeyCode::Esc);
    logout(&mut h);

    // Clerk: register.
    h.login("clerk");
    select(&mut h, &number);
    h.f(5).key(KeyCode::Enter);
    assert!(
        h.last_toast().contains("зарегистрировано"),
        "{:?}",
        h.toasts()
    );
    logout(&mut h);

    // Head: assign to the first specialist with a resolution.
    h.login("head");
    select(&mut h, &number);
    h.f(5);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(Dialog::Assign(_))
    ));
    let specialist = match h.app.state.overlays.last() {
        Some(Dialog::Assign(d)) => d
            .specialists
            .iter()
            .find(|s| s.login == "specialist")
            .map(|s| s.login.clone()),
        _ => None,
    }
    .expect("the demo specialist is listed");
    while !matches!(h.app.state.overlays.last(), Some(Dialog::Assign(d)) if d.specialists[d.selected].login == specialist)
    {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Tab)
        .type_text("Рассмотреть в срок")
        .key(KeyCode::F(2))
        .key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty(), "{:?}", h.toasts());
    logout(&mut h);

    // Specialist: open the case, decide.
    h.login("specialist");
    select(&mut h, &number);
    h.key(KeyCode::Enter);
    assert!(work(&h).case.is_some());
    assert!(h.screen(160, 48).contains("Рассмотреть в срок"));
    h.key(KeyCode::Esc);
    h.f(5);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(Dialog::Decide(_))
    ));
    h.key(KeyCode::Tab)
        .type_text("Назначить пособие")
        .key(KeyCode::F(2))
        .key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty(), "{:?}", h.toasts());
    logout(&mut h);

    // Head: read the draft (the specialist's text is there), sign.
    h.login("head").act(Action::Pane2);
    select(&mut h, &number);
    h.key(KeyCode::Enter);
    let case = h.screen(160, 48);
    assert!(case.contains("Назначить пособие"), "{case}");
    h.key(KeyCode::Esc);
    h.f(5).key(KeyCode::Enter);
    assert!(h.last_toast().contains("подписано"), "{:?}", h.toasts());
    logout(&mut h);

    // Clerk: dispatch from the outbox.
    h.login("clerk").act(Action::Pane3);
    select(&mut h, &number);
    h.f(5).key(KeyCode::Enter);
    assert!(h.last_toast().contains("отправлено"), "{:?}", h.toasts());
    logout(&mut h);

    // Operator: the result handed over waits for the centre's journal mark
    // (000:125-135): F5 (issue) is not its step yet; F6 marks the receipt.
    h.login("operator").act(Action::Pane2);
    select(&mut h, &number);
    h.f(5);
    assert!(h.app.state.overlays.is_empty(), "{:?}", h.toasts());
    assert!(
        h.last_toast().contains("отметка о получении"),
        "{:?}",
        h.toasts()
    );
    h.f(6);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(Dialog::Text(TextDialog {
            purpose: TextPurpose::Receive,
            ..
        }))
    ));
    h.type_text("Журнал получения, запись 41")
        .key(KeyCode::F(2))
        .key(KeyCode::Enter);
    assert!(h.last_toast().contains("отмечено"), "{:?}", h.toasts());
    let rec = h.app.backend.show("operator", &number).unwrap();
    assert!(rec.app.centre_receipt().is_some());
    // Operator: issue (the list still shows that one application).
    h.f(5)
        .type_text("900415300123")
        .key(KeyCode::F(2))
        .key(KeyCode::Enter);
    assert!(h.last_toast().contains("выдан"), "{:?}", h.toasts());
    let rec = h.app.backend.show("operator", &number).unwrap();
    assert_eq!(rec.app.status, Status::Issued);
}

#[test]
fn ctrl_q_quits() {
    let mut h = demo_app(Lang::Ru);
    h.app
        .on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(h.app.state.quit);
}

#[test]
fn the_head_returns_a_draft_and_the_specialist_gets_it_back() {
    let mut h = demo_app(Lang::Ru);
    h.login("head").act(Action::Pane2);
    let number = work(&h)
        .list()
        .unwrap()
        .current()
        .expect("something to sign")
        .number
        .clone();
    h.f(6);
    assert!(matches!(
        h.app.state.overlays.last(),
        Some(Dialog::Text(TextDialog {
            purpose: TextPurpose::Return,
            ..
        }))
    ));
    // An empty comment is refused and the dialog stays.
    h.f(2);
    assert!(h.last_toast().contains("Напишите"), "{:?}", h.toasts());
    h.type_text("Уточнить сумму").f(2).key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty(), "{:?}", h.toasts());
    assert!(h.last_toast().contains("возвращено"), "{:?}", h.toasts());
    assert!(
        work(&h)
            .list()
            .unwrap()
            .rows
            .iter()
            .all(|r| r.number != number)
    );
    let rec = h.app.backend.show("head", &number).unwrap();
    let holder = rec.app.holder.unwrap();
    assert_eq!(holder.action, qyzmet::domain::catalog::StepAction::Execute);
}

#[test]
fn help_which_key_and_theme_cycle() {
    let mut h = demo_app(Lang::Ru);
    h.login("clerk");
    h.key(KeyCode::F(1));
    assert!(h.app.state.help);
    h.key(KeyCode::Char('x'));
    assert!(!h.app.state.help, "any key closes the help");
    h.key(KeyCode::Char('g'));
    assert!(
        h.app.state.which_key.iter().any(|w| w.key == "t"),
        "{:?}",
        h.app.state.which_key
    );
    let before = h.app.state.theme_name.clone();
    h.key(KeyCode::Char('t'));
    assert!(h.app.state.which_key.is_empty());
    assert_ne!(h.app.state.theme_name, before);
    // Cyrillic: п (g) then е (t) cycles again.
    let second = h.app.state.theme_name.clone();
    h.key(KeyCode::Char('п')).key(KeyCode::Char('е'));
    assert_ne!(h.app.state.theme_name, second);
}

#[test]
fn roles_and_panes_switch() {
    let mut h = demo_app(Lang::Ru);
    h.login("clerk");
    assert_eq!(work(&h).pane_kind(), PaneKind::Inbox);
    h.key(KeyCode::Char(']'));
    assert_eq!(work(&h).pane_kind(), PaneKind::Intake);
    h.alt('3');
    assert_eq!(work(&h).pane_kind(), PaneKind::Outbox);
    h.ctrl('r');
    assert_eq!(
        work(&h).role,
        qyzmet::domain::roles::Role::Clerk,
        "one role: switching keeps it"
    );
}

#[test]
fn a_user_with_two_roles_switches_between_their_panes() {
    let mut h = demo_app_with(Lang::Ru, |ops| {
        let mut user = ops.store.user("head").unwrap().unwrap();
        user.login = "head-clerk".into();
        user.roles = vec![
            qyzmet::domain::roles::Role::Head,
            qyzmet::domain::roles::Role::Clerk,
        ];
        ops.add_user(user, "test", common::now()).unwrap();
    });
    h.login("head-clerk");
    // Roles in their natural order: clerk before head.
    assert_eq!(work(&h).role, qyzmet::domain::roles::Role::Clerk);
    assert_eq!(work(&h).pane_kind(), PaneKind::Inbox);
    assert!(h.screen(120, 30).contains("сменить роль"));
    h.ctrl('r');
    assert_eq!(work(&h).role, qyzmet::domain::roles::Role::Head);
    assert_eq!(work(&h).pane_kind(), PaneKind::Resolutions);
    assert!(
        !work(&h).list().unwrap().rows.is_empty(),
        "the head's resolutions load on switching"
    );
    h.ctrl('r');
    assert_eq!(work(&h).role, qyzmet::domain::roles::Role::Clerk);
}

#[test]
fn clearing_the_form_returns_to_the_offices_district() {
    let mut h = demo_app_with(Lang::Ru, |ops| {
        let mut other = ops.store.org("KRG-ED").unwrap().unwrap();
        other.code = "KRG-ED-2".into();
        other.district = "район Алихана Бокейхана".into();
        ops.add_org(other, "test", common::now()).unwrap();
    });
    guardian_intake(&mut h);
    h.type_text("900415300123");
    let home = work(&h).intake.district;
    assert!(
        work(&h).intake.districts.len() > 1,
        "the demo region has several districts"
    );
    while work(&h).intake.focus != Focus::District {
        h.act(Action::NextField);
    }
    h.key(KeyCode::Char(' '));
    assert_ne!(work(&h).intake.district, home);
    h.ctrl('n').key(KeyCode::Enter);
    let form = &work(&h).intake;
    assert_eq!(form.district, home);
    assert!(form.service.is_none() && form.iin.is_empty());
    assert_eq!(form.focus, Focus::Service);
}

/// A change made elsewhere (another workstation of the same office) shows at
/// the next tick without a manual refresh; time passing alone reassesses the
/// deadlines without reading the store.
#[test]
fn lists_follow_the_store_and_the_clock() {
    let mut h = demo_app(Lang::Ru);
    h.login("clerk");
    let before = inbox_len(&h);
    let number = work(&h).list().unwrap().rows[0].number.clone();
    h.app
        .backend
        .act(
            "clerk",
            &number,
            ActKind::Step(StepAction::Register),
            ActRequest::default(),
            common::now(),
        )
        .unwrap();
    assert_eq!(inbox_len(&h), before, "nothing reloads by itself yet");
    h.app.tick(common::now());
    assert_eq!(inbox_len(&h), before - 1);
    assert!(!h.screen(160, 30).contains(&number));

    // A month later every row of the worklist is overdue.
    logout(&mut h);
    h.login("specialist");
    let c = work(&h).list().unwrap().counters();
    assert!(c.overdue < c.total, "{c:?}");
    h.app.tick(common::now() + chrono::Duration::days(30));
    let c = work(&h).list().unwrap().counters();
    assert_eq!((c.on_time, c.at_risk, c.overdue), (0, 0, c.total));
}

/// A change to an application that now waits in another organisation's
/// queue (same role, say another office's clerk) leaves this clerk's inbox.
#[test]
fn a_change_elsewhere_leaves_the_inbox_by_organisation() {
    let mut h = demo_app(Lang::Ru);
    h.login("clerk");
    let before = inbox_len(&h);
    let mut s = h.app.backend.queue("clerk").unwrap()[0].clone();
    s.holder_org = Some("KRG-AK".into());
    h.app.apply_changes(&[s.clone()]);
    assert_eq!(inbox_len(&h), before - 1);
    // Back in this office's queue: back in the inbox, in its place.
    s.holder_org = Some(work(&h).org.code.clone());
    h.app.apply_changes(&[s.clone()]);
    assert_eq!(inbox_len(&h), before);
    assert!(
        work(&h)
            .list()
            .unwrap()
            .rows
            .iter()
            .any(|r| r.number == s.number)
    );
}

/// The operator marks the representative's power notarised (a choice on the
/// form, only at the State Corporation): ЕНИС is asked, and a power it does
/// not hold refuses the intake with its reason; the form keeps what was typed.
#[test]
fn a_notarised_power_is_checked_in_enis_at_intake() {
    let mut h = demo_app(Lang::Ru);
    guardian_intake(&mut h);
    h.type_text("900415300123").act(Action::NextField);
    while work(&h).intake.focus != Focus::RepName {
        h.act(Action::NextField);
    }
    h.type_text("Сейітова Айгүл").act(Action::NextField);
    h.type_text("900202400012").act(Action::NextField);
    h.type_text("НОТ-404").act(Action::NextField);
    assert_eq!(work(&h).intake.focus, Focus::Notarised);
    assert!(!work(&h).intake.notarised);
    h.key(KeyCode::Char(' '));
    assert!(work(&h).intake.notarised, "Space marks the power notarised");
    h.act(Action::Accept).act(Action::Confirm);
    assert!(
        h.last_toast().contains("В ЕНИС нет доверенности № НОТ-404"),
        "{:?}",
        h.toasts()
    );
    assert_eq!(work(&h).intake.poa.text(), "НОТ-404");
    // Not notarised: ЕНИС is not asked and the application is taken in.
    h.key(KeyCode::Char(' '));
    h.act(Action::Accept).act(Action::Confirm);
    assert!(
        h.toasts()
            .iter()
            .any(|t| t.contains("принято и направлено")),
        "{:?}",
        h.toasts()
    );
}

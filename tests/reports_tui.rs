//! The Reports pane: heads and the region's supervisor read compliance for
//! a period, drill down to the late applications and open them; reducer
//! tests over the demo store, and snapshots in Russian and Kazakh.

// The shared harness has more than these tests use.
#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::domain::calendar::SlaState;
use qyzmet::domain::report::{GroupKey, Period, PeriodName};
use qyzmet::ops::OpsError;
use qyzmet::ops::report::{ReportKind, ReportQuery};
use qyzmet::tui::action::Action;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::panes::reports::{Entry, Level, PeriodChoice, ReportView, ReportsPane};
use qyzmet::tui::screens::work::PaneKind;

use common::now;
use tui::{Harness, demo_app, snapshots};

fn work(h: &Harness) -> &qyzmet::tui::screens::work::Work {
    h.app.state.work().expect("signed in")
}

fn pane(h: &Harness) -> &ReportsPane {
    &work(h).reports
}

/// Moves the cursor to the first line `pick` accepts; false when none does.
fn select(h: &mut Harness, pick: impl Fn(&Entry) -> bool) -> bool {
    let Some(i) = pane(h).entries().iter().position(pick) else {
        return false;
    };
    h.act(Action::Top);
    for _ in 0..i {
        h.act(Action::Down);
    }
    pane(h).selected == i
}

fn late(e: &Entry) -> bool {
    matches!(e, Entry::Group(r) if r.tally.overdue_now > 0)
}

/// The demo's education head, on their Reports pane (the third tab).
fn head_on_reports(lang: Lang) -> Harness {
    let mut h = demo_app(lang);
    h.login("head").act(Action::Pane3);
    h.app.state.toasts.clear();
    h
}

/// Down to the late applications of the first person with any.
fn drill_to_late_person(h: &mut Harness) {
    assert!(select(h, late), "a service with late applications");
    h.key(KeyCode::Enter);
    assert!(select(h, late), "a person holding late applications");
    h.key(KeyCode::Enter);
    h.app.state.toasts.clear();
}

#[test]
fn a_head_drills_down_to_a_late_application_and_opens_it() {
    let mut h = head_on_reports(Lang::Ru);
    assert_eq!(work(&h).pane_kind(), PaneKind::Reports);
    let data = pane(&h).data.as_ref().expect("read when first shown");
    let today = now().date();
    assert_eq!(
        data.compliance.period,
        Period::named(PeriodName::ThisMonth, today)
    );
    // The head's own organisation: its rows are its services.
    assert!(
        pane(&h)
            .entries()
            .iter()
            .all(|e| matches!(e, Entry::Group(r) if matches!(r.key, GroupKey::Service(_))))
    );
    assert!(select(&mut h, late));
    let service_cursor = pane(&h).selected;
    h.key(KeyCode::Enter);
    let Some((Level::Service(service), _)) = pane(&h).path.last().cloned() else {
        panic!("Enter on a service goes down to it: {:?}", pane(&h).path);
    };
    // Within the service, its people; the report read is the service's only.
    assert_eq!(pane(&h).narrowed(), (None, Some(service.as_str())));
    assert!(
        pane(&h)
            .entries()
            .iter()
            .all(|e| matches!(e, Entry::Group(r) if matches!(r.key, GroupKey::Person(_))))
    );
    assert!(select(&mut h, late));
    h.key(KeyCode::Enter);
    let entries = pane(&h).entries();
    let Some(Entry::Overdue(first)) = entries.first().copied() else {
        panic!("a person's late applications: {entries:?}");
    };
    assert_eq!(first.service, service);
    let number = first.number.clone();
    let overdue = first.state == SlaState::Overdue;
    h.key(KeyCode::Enter);
    let case = work(&h).case.as_ref().expect("Enter opens the case");
    assert_eq!(case.rec.number, number);
    assert!(!overdue || case.rec.app.step_due.is_some_and(|d| d < now()));
    // Esc closes the case, back where the head was; Esc twice goes up,
    // the cursor on the service it came from.
    h.key(KeyCode::Esc);
    assert!(work(&h).case.is_none());
    assert_eq!(
        pane(&h)
            .entries()
            .first()
            .and_then(|e| e.number().map(str::to_string)),
        Some(number)
    );
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    assert!(pane(&h).path.is_empty());
    assert_eq!(pane(&h).selected, service_cursor);
}

#[test]
fn the_lists_show_what_is_late_and_what_will_be_and_why() {
    let mut h = head_on_reports(Lang::Ru);
    h.key(KeyCode::Tab);
    assert_eq!(pane(&h).view, ReportView::Overdue);
    let entries = pane(&h).entries();
    assert!(!entries.is_empty() && entries.iter().all(|e| matches!(e, Entry::Overdue(_))));
    h.key(KeyCode::Tab);
    assert_eq!(pane(&h).view, ReportView::Forecast);
    let Some(Entry::Forecast(row)) = pane(&h).entries().first().copied() else {
        panic!("the demo has forecast breaches");
    };
    // The reason in words beneath the list, as the command line says it.
    let reason = qyzmet::i18n::reports::forecast_reason(Lang::Ru, row);
    let screen = h.screen(200, 48);
    assert!(screen.contains(&reason), "{reason}\n{screen}");
    // Enter opens a forecast application's case too.
    let number = row.number.clone();
    h.key(KeyCode::Enter);
    assert_eq!(
        work(&h).case.as_ref().map(|c| c.rec.number.clone()),
        Some(number)
    );
    h.key(KeyCode::Esc)
        .act(Action::PrevView)
        .act(Action::PrevView);
    assert_eq!(pane(&h).view, ReportView::Compliance);
}

#[test]
fn the_period_picker_takes_a_named_period_or_dates() {
    let mut h = head_on_reports(Lang::Ru);
    let today = now().date();
    // p opens the picker on "this month"; ↓↓↓↓ is last quarter.
    h.type_text("p");
    assert_eq!(h.app.state.overlays.len(), 1);
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty());
    assert_eq!(
        pane(&h).period,
        PeriodChoice::Named(PeriodName::LastQuarter)
    );
    let read = &pane(&h).data.as_ref().unwrap().compliance;
    assert_eq!(read.period, Period::named(PeriodName::LastQuarter, today));
    // Dates: typing on the list goes to the first date.
    h.type_text("p").type_text("31.02.2026");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.state.overlays.len(),
        1,
        "a bad date keeps the picker open"
    );
    assert_eq!(h.last_toast(), "«31.02.2026» — не дата: пишите 01.11.2026");
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("16.11.2026").key(KeyCode::Tab);
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("2026-11-20").key(KeyCode::Enter);
    assert!(h.app.state.overlays.is_empty(), "{}", h.last_toast());
    let chosen = Period::new(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    )
    .unwrap();
    assert_eq!(pane(&h).period, PeriodChoice::Dates(chosen));
    assert_eq!(pane(&h).data.as_ref().unwrap().compliance.period, chosen);
    // Reversed dates are refused in words.
    h.type_text("p").type_text("20.11.2026").key(KeyCode::Tab);
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("19.11.2026").key(KeyCode::Enter);
    assert_eq!(h.last_toast(), "Период кончается раньше, чем начинается.");
}

#[test]
fn a_specialist_has_no_reports_and_ops_refuses_them() {
    let mut h = demo_app(Lang::Ru);
    h.login("specialist");
    assert!(!work(&h).panes().contains(&PaneKind::Reports));
    let query = ReportQuery {
        kind: ReportKind::Compliance,
        period: Period::named(PeriodName::ThisMonth, now().date()),
        org: None,
        service: None,
    };
    let refused = h.app.backend.report("specialist", query, now());
    assert!(matches!(refused, Err(OpsError::Forbidden(_))));
}

#[test]
fn a_small_terminal_is_asked_to_grow() {
    let h = head_on_reports(Lang::Kk);
    for (w, ht) in [(40, 10), (79, 23), (1, 1)] {
        let screen = h.screen(w, ht);
        assert!(!screen.contains("Есептер:"), "{screen}");
        if w > 20 {
            assert!(
                screen.contains("80"),
                "the size it needs is said:\n{screen}"
            );
        }
    }
}

fn snap(name: &str, setup: impl Fn(Lang) -> Harness) {
    for (snapshot, screen) in snapshots(name, setup) {
        insta::assert_snapshot!(snapshot, screen);
    }
}

#[test]
fn reports_pane_snapshots() {
    snap("head_reports", head_on_reports);
    snap("head_reports_person", |l| {
        let mut h = head_on_reports(l);
        drill_to_late_person(&mut h);
        h
    });
    snap("supervisor_reports", |l| {
        let mut h = demo_app(l);
        h.login("supervisor");
        h.app.state.toasts.clear();
        h
    });
    snap("head_reports_forecast", |l| {
        let mut h = head_on_reports(l);
        h.key(KeyCode::Tab).key(KeyCode::Tab);
        h
    });
}

/// The demo region's supervisor: the Reports pane only, every organisation
/// of the region, its applications opened, none changed.
#[test]
fn the_demo_supervisor_reads_the_whole_region_and_changes_nothing() {
    let mut h = demo_app(Lang::Ru);
    h.login("supervisor");
    h.app.state.toasts.clear();
    assert_eq!(work(&h).panes(), &[PaneKind::Reports]);
    let data = pane(&h)
        .data
        .as_ref()
        .expect("read at sign-in: the only pane");
    assert_eq!(
        data.scope,
        qyzmet::ops::report::ReportScope::Region("karaganda".into())
    );
    // The region's organisations, each its own row.
    let orgs: Vec<String> = pane(&h)
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Group(r) => match &r.key {
                GroupKey::Org(o) => Some(o.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    for code in ["KRG-ED", "KRG-SP", "KRG-EC"] {
        assert!(orgs.contains(&code.to_string()), "{code} in {orgs:?}");
    }
    // Into social protection, its late list, the first late case.
    let sp = GroupKey::Org("KRG-SP".into());
    assert!(select(
        &mut h,
        |e| matches!(e, Entry::Group(r) if r.key == sp)
    ));
    h.key(KeyCode::Enter);
    assert_eq!(pane(&h).narrowed(), (Some("KRG-SP"), None));
    h.key(KeyCode::Tab);
    let first = pane(&h)
        .entries()
        .first()
        .and_then(|e| e.number().map(str::to_string));
    let number = first.expect("the social protection office has late applications");
    h.key(KeyCode::Enter);
    let case = work(&h)
        .case
        .as_ref()
        .expect("a supervisor opens the region's cases");
    assert_eq!(case.rec.number, number);
    let version = case.rec.app.version;
    // Read-only: the step's own dialog saved and confirmed is refused by ops.
    h.f(5).ctrl('s').key(KeyCode::Enter);
    assert!(
        h.app.state.toasts.iter().any(|t| t.error),
        "{}",
        h.screen(160, 48)
    );
    while !h.app.state.overlays.is_empty() {
        h.key(KeyCode::Esc);
    }
    let after = h.app.backend.show("supervisor", &number).unwrap();
    assert_eq!(after.app.version, version);
    for kind in [
        qyzmet::ops::ActKind::Withdraw,
        qyzmet::ops::ActKind::Step(qyzmet::domain::catalog::StepAction::Execute),
    ] {
        let req = qyzmet::ops::ActRequest {
            comment: Some("проверка".into()),
            approve: Some(true),
            ..Default::default()
        };
        let act = h.app.backend.act("supervisor", &number, kind, req, now());
        assert!(matches!(act, Err(OpsError::Forbidden(_))), "{act:?}");
    }
    h.key(KeyCode::Esc);
    assert!(work(&h).case.is_none(), "{}", h.screen(160, 48));
}

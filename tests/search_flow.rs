//! The list filter (`/`) on a demo worklist: a part of a number, a Kazakh
//! name typed with Russian letters, and a service name find their rows.

#![allow(dead_code)]

mod common;
#[path = "common/tui.rs"]
mod tui;

use crossterm::event::KeyCode;
use qyzmet::tui::i18n::Lang;
use tui::{Harness, demo_app};

fn list(h: &Harness) -> &qyzmet::tui::panes::list::ListPane {
    h.app
        .state
        .work()
        .expect("working")
        .list()
        .expect("a list pane")
}

fn visible_numbers(h: &Harness) -> Vec<String> {
    let l = list(h);
    l.visible
        .iter()
        .map(|&i| l.rows[i].number.clone())
        .collect()
}

/// What a Russian keyboard gives for a Kazakh name.
fn as_russian_typist(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            'І' => 'И',
            'Қ' => 'К',
            'Ә' => 'А',
            'Ө' => 'О',
            'Ұ' | 'Ү' => 'У',
            c => c,
        })
        .filter(|c| *c != 'й')
        .collect()
}

fn filter(h: &mut Harness, text: &str) -> Vec<String> {
    h.key(KeyCode::Char('/')).type_text(text);
    let found = visible_numbers(h);
    h.key(KeyCode::Esc);
    found
}

#[test]
fn the_filter_finds_kazakh_names_numbers_and_services() {
    let mut h = demo_app(Lang::Ru);
    h.login("specialist");
    let rows = list(&h).rows.clone();
    assert!(rows.len() > 2);
    let surname =
        |r: &qyzmet::tui::panes::list::Row| r.name.split_whitespace().next().unwrap().to_string();
    let kazakh = rows
        .iter()
        .find(|r| surname(r).chars().any(|c| "әғқңөұүһіІҚӘӨҰҮ".contains(c)))
        .expect("a Kazakh surname in the demo worklist");
    let surname = surname(kazakh);
    let surname = surname.as_str();
    let typed = as_russian_typist(surname);
    assert_ne!(typed, surname);
    let found = filter(&mut h, &typed);
    assert!(found.contains(&kazakh.number), "{typed}: {found:?}");

    let number = &rows[1].number;
    let tail = &number[number.len() - 6..];
    assert!(filter(&mut h, tail).contains(number), "{tail}");

    let found = filter(&mut h, "zzzz");
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(visible_numbers(&h).len(), rows.len());
}

/// A registered application is found by its incoming journal number too,
/// not only by the number it was filed under (issue 11, item 18): one taken
/// in at the centre, registered by the provider's clerk, assigned by its head.
#[test]
fn the_filter_finds_an_application_by_its_registration_number() {
    use qyzmet::domain::catalog::StepAction;
    use qyzmet::ops::{ActKind, ActRequest};
    let mut filed = None;
    let mut h = tui::demo_app_with(Lang::Ru, |ops| {
        let now = common::now();
        let rec = ops
            .submit("operator", common::submit_request(7), now)
            .unwrap();
        let step = |login: &str, action, req| {
            ops.act(login, &rec.number, ActKind::Step(action), req, now)
                .unwrap()
        };
        let registered = step("clerk", StepAction::Register, ActRequest::default());
        let to = ActRequest {
            to: Some("specialist".into()),
            comment: Some("Рассмотреть".into()),
            ..ActRequest::default()
        };
        step("head", StepAction::Assign, to);
        filed = Some((rec.number.clone(), registered.app.numbers[0].clone()));
    });
    let (number, incoming) = filed.unwrap();
    assert_ne!(number, incoming);
    h.login("specialist");
    assert_eq!(
        filter(&mut h, &incoming),
        vec![number.clone()],
        "{incoming}"
    );
    // Its tail finds it as well, as a number's tail does.
    let tail = &incoming[incoming.len() - 6..];
    assert!(filter(&mut h, tail).contains(&number), "{tail}");
}

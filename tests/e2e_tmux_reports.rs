//! End to end: the Reports pane in the real binary, in tmux (its own
//! socket). The demo's education head opens the pane, goes down from their
//! organisation to the service and the person with late applications, opens
//! the late case the command line's overdue report names first, and comes
//! back up. What to look for is read beforehand from `qyzmet report overdue
//! --json` and `qyzmet user list --json`, not copied here.

#[path = "common/served.rs"]
mod served;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;

use serde_json::Value;
use served::{BIN, NOW, qyzmet_on, succeeded};
use tempfile::TempDir;
use tmux::Tmux;

const PASSWORD: &str = "qyzmet-demo";

fn cli_json(db: &Path, args: &[&str]) -> Value {
    let out = succeeded(args, qyzmet_on(db, args));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
}

/// The line index (among the table's rows under `header`) of the first row starting with `name`'s beginning.
fn row_of(screen: &str, header: &str, name: &str) -> usize {
    let prefix: String = name.chars().take(28).collect();
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.trim_start_matches('│').starts_with(header))
        .skip(1)
        .take_while(|l| !l.trim_matches(|c| c == '│' || c == ' ').is_empty())
        .collect();
    rows.iter()
        .position(|l| l.trim_start_matches('│').starts_with(&prefix))
        .unwrap_or_else(|| panic!("no row for {prefix:?} under {header:?}:\n{screen}"))
}

fn down(t: &Tmux, n: usize) {
    for _ in 0..n {
        t.keys(&["Down"]);
    }
}

#[test]
fn a_head_drills_down_to_a_late_case_in_tmux() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    succeeded(&["init", "--demo"], qyzmet_on(&db, &["init", "--demo"]));
    // The late application the head's report names first, held by a person.
    let report = cli_json(&db, &["report", "overdue", "--as", "head", "--json"]);
    let late = report["body"]["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["holder"]["person"].is_object() && r["state"] == "overdue")
        .expect("the demo has a late application held by a person")
        .clone();
    let number = late["number"].as_str().unwrap();
    let login = late["holder"]["person"]["login"].as_str().unwrap();
    let users = cli_json(&db, &["user", "list", "--json"]);
    let person = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["login"] == login)
        .and_then(|u| u["name"].as_str())
        .unwrap()
        .to_string();
    let catalog = qyzmet::catalog_files::embedded().unwrap();
    let service = catalog.get(late["service"].as_str().unwrap()).unwrap();

    let t = Tmux::new(&format!(
        "env QYZMET_NOW={NOW} XDG_CONFIG_HOME={} TERM=xterm-256color {BIN} --db {}; echo QYZMET-EXITED-$?; sleep 30",
        dir.path().join("config").display(),
        db.display()
    ));
    t.wait("Вход в рабочее место", 20);
    t.text("head");
    t.keys(&["Enter"]);
    t.text(PASSWORD);
    t.keys(&["Enter"]);
    t.wait("Резолюции", 20);
    // Alt+3: the Reports pane, this month, the head's organisation by service.
    t.keys(&["M-3"]);
    let screen = t.wait("Соблюдение сроков", 20);
    assert!(
        screen.contains("этот месяц (01.11.2026 – 30.11.2026)"),
        "{screen}"
    );
    down(&t, row_of(&screen, "Услуга", &service.name_ru));
    t.keys(&["Enter"]);
    // The service's people: down to the one holding the late application.
    let screen = t.wait("Сотрудник", 20);
    down(&t, row_of(&screen, "Сотрудник", &person));
    t.keys(&["Enter"]);
    let screen = t.wait(&format!("› {person}"), 20);
    assert!(
        screen.contains(number),
        "the late application is listed:\n{screen}"
    );
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.trim_start_matches('│').starts_with("Номер"))
        .skip(1)
        .take_while(|l| l.contains("KRG-"))
        .collect();
    let at = rows
        .iter()
        .position(|l| l.contains(number))
        .unwrap_or_else(|| panic!("{number} among the rows:\n{screen}"));
    down(&t, at);
    t.keys(&["Enter"]);
    // Its case, as any list opens it: the applicant, the route, the history.
    let case = t.wait("Маршрут", 20);
    assert!(case.contains(number), "{case}");
    // Esc back to the person's list, Esc twice up to the organisation.
    t.keys(&["Escape"]);
    t.wait(&format!("› {person}"), 20);
    t.keys(&["Escape"]);
    t.wait("Сотрудник", 20);
    t.keys(&["Escape"]);
    t.wait("Услуга", 20);
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);
}

//! End to end: the real binary in tmux (its own socket), driven by keys as a
//! user would, waiting on screen text (never fixed sleeps). An operator
//! accepts an application, the clerk registers it, the head assigns it, the
//! specialist decides, the head signs, the clerk dispatches, the operator
//! issues it; then `qyzmet app show --json` shows every step in the history.

#[path = "common/served.rs"]
mod served;
#[path = "common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use served::{BIN, NOW, Served, qyzmet_on, succeeded};
use tempfile::TempDir;
use tmux::Tmux;

const PASSWORD: &str = "qyzmet-demo";

/// The workstation (or, with `args` after `--db`, a subcommand such as
/// `kiosk ...`) in tmux; the pane says how it exited and stays a while.
fn start(db: &Path, receipts: &Path, config: &Path, args: &str) -> Tmux {
    Tmux::new(&format!(
        "env QYZMET_NOW={NOW} QYZMET_RECEIPTS={} XDG_CONFIG_HOME={} TERM=xterm-256color {BIN} --db {} {args}; echo QYZMET-EXITED-$?; sleep 30",
        receipts.display(),
        config.display(),
        db.display()
    ))
}

/// The workstation on a store of its own in `dir`.
fn workstation(dir: &TempDir) -> Tmux {
    let d = dir.path();
    start(&d.join("store"), &d.join("receipts"), &d.join("config"), "")
}

impl Tmux {
    fn login(&self, login: &str, then: &str) {
        self.wait("Вход в рабочее место", 20);
        self.text(login);
        self.keys(&["Enter"]);
        self.text(PASSWORD);
        // The password shows as mask characters only, on the real terminal too.
        // (The demo's toast may name the demo password: look at the field.)
        let typed = self.wait(&"•".repeat(PASSWORD.chars().count()), 10);
        let field = typed.lines().find(|l| l.contains("Пароль:")).unwrap_or("");
        assert!(!field.contains(PASSWORD), "the password is drawn:\n{typed}");
        self.keys(&["Enter"]);
        self.wait(then, 20);
    }

    fn logout(&self) {
        self.keys(&["M-q"]);
        self.wait("Вход в рабочее место", 20);
    }

    /// Quits with Ctrl+Q, and the program exits 0.
    fn quit(&self) {
        self.keys(&["C-q"]);
        self.wait("QYZMET-EXITED-0", 20);
    }

    /// The workstation's process: the child of the pane's shell.
    fn workstation_pid(&self) -> String {
        let shell = self.format("#{pane_pid}");
        let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&child.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        assert!(
            !pid.is_empty(),
            "the workstation runs under the pane's shell"
        );
        pid
    }

    /// The operator's intake of the guardian allowance for Сапарова
    /// Айгерим, from the service search to the receipt, closed again:
    /// the application's number.
    fn intake(&self) -> String {
        self.text("опекун");
        self.wait("Услуга (", 10);
        self.keys(&["Enter"]);
        self.wait("Свидетельство о рождении", 10);
        self.text("900415300123");
        // The registry (ГБД ФЛ) knows her: the name is filled in.
        self.wait("Сапарова Айгерим", 10);
        self.keys(&["F2"]);
        self.wait("Принять заявление «", 10);
        self.keys(&["Enter"]);
        let screen = self.wait("РАСПИСКА О ПРИЕМЕ ДОКУМЕНТОВ", 20);
        let number = screen
            .split_whitespace()
            .find(|w| w.starts_with("KRG-SC-2026-"))
            .expect("the receipt shows the number")
            .to_string();
        self.keys(&["Escape"]);
        self.wait_gone("РАСПИСКА О ПРИЕМЕ", 10);
        number
    }

    /// The operator's window in the queue pane.
    fn queue_window(&self) {
        self.keys(&["M-3"]);
        self.wait("Окно 1 (A, C)", 10);
    }
}

#[test]
fn an_application_from_intake_to_issuance_in_tmux() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let receipts = dir.path().join("receipts");
    let t = workstation(&dir);

    // An empty store: the workstation offers the demo region.
    t.wait("Хранилище пусто", 20);
    t.keys(&["Enter"]);
    t.wait("Пользователи демо-региона", 120);

    // Operator: intake.
    t.login("operator", "Приём заявления");
    let number = t.intake();
    assert!(
        receipts.join(format!("{number}.txt")).exists(),
        "the receipt file is written"
    );
    t.logout();

    // Clerk: register.
    t.login("clerk", "Входящие");
    t.confirm_step(&number, "Регистрация:", "зарегистрировано под №");
    t.logout();

    // Head: a resolution for the demo specialist.
    t.login("head", "Резолюции");
    t.find(&number);
    t.keys(&["F5"]);
    let screen = t.wait("Текст резолюции", 10);
    let listed: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("(specialist") || l.contains("(sp"))
        .collect();
    let index = listed
        .iter()
        .position(|l| l.contains("(specialist)"))
        .unwrap_or_else(|| panic!("the demo specialist is offered:\n{screen}"));
    for _ in 0..index {
        t.keys(&["Down"]);
    }
    t.keys(&["Tab"]);
    t.text("Рассмотреть и подготовить решение");
    t.keys(&["F2"]);
    t.wait("Поручить", 10);
    t.keys(&["Enter"]);
    t.wait("поручено", 20);
    t.logout();

    // Specialist: read the case, decide.
    t.login("specialist", "Мои заявления");
    t.find(&number);
    t.keys(&["Enter"]);
    t.wait("Рассмотреть и подготовить решение", 10);
    t.keys(&["Escape"]);
    // Back on the list: its search line shows again (the case view has none).
    t.wait("Поиск:", 10);
    t.keys(&["F5"]);
    t.wait("Решение по", 10);
    // One positive result: Tab goes straight to the text.
    t.keys(&["Tab"]);
    t.text("Назначить пособие с 1 декабря");
    t.keys(&["F2"]);
    t.wait("Направить решение", 10);
    t.keys(&["Enter"]);
    t.wait("направлено на подпись", 20);
    t.logout();

    // Head: sign.
    t.login("head", "Резолюции");
    t.keys(&["M-2"]);
    t.wait("На подпись", 10);
    t.confirm_step(&number, "Подписать результат", "подписано");
    t.logout();

    // Clerk: dispatch back to the State Corporation.
    t.login("clerk", "Входящие");
    t.keys(&["M-3"]);
    t.confirm_step(
        &number,
        "Отправка результата:",
        "отправлено (в ЦОН для выдачи)",
    );
    t.logout();

    // Operator: issue to the applicant.
    t.login("operator", "Приём заявления");
    t.keys(&["M-2"]);
    t.wait("Выдача результатов", 10);
    t.find(&number);
    // First the centre's journal mark of the result's receipt (000:125-135).
    t.keys(&["F6"]);
    t.wait("Отметка в журнале центра", 10);
    t.text("Журнал получения, запись 7");
    t.keys(&["F2"]);
    t.wait("Отметить получение результата", 10);
    t.keys(&["Enter"]);
    t.wait(&format!("Получение результата {number} отмечено"), 20);
    t.keys(&["F5"]);
    t.wait("ИИН получателя", 10);
    t.text("900415300123");
    t.keys(&["F2"]);
    t.wait("Выдать результат", 10);
    t.keys(&["Enter"]);
    t.wait(&format!("Результат {number} выдан"), 20);
    t.quit();

    let v: serde_json::Value =
        serde_json::from_str(&cli(&db, &["app", "show", &number, "--json"])).unwrap();
    assert_eq!(v["status"], "issued", "{v:#}");
    let history = v["history"].as_array().expect("history");
    let text = serde_json::to_string(history).unwrap();
    for what in [
        "submitted",
        "register",
        "assign",
        "execute",
        "sign",
        "dispatch",
        "result_received",
        "issued",
    ] {
        assert!(
            text.contains(what),
            "{what} missing from the history: {v:#}"
        );
    }
}

/// `qyzmet --db DB ARGS`, which must succeed: its output.
fn cli(db: &Path, args: &[&str]) -> String {
    succeeded(args, qyzmet_on(db, args))
}

#[test]
fn resizing_and_sigterm_leave_a_usable_terminal() {
    let dir = TempDir::new().unwrap();
    let t = workstation(&dir);
    t.wait("Хранилище пусто", 20);
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the workstation uses the alternate screen"
    );
    // Too small: a clear message; back to 80x24: the screen again.
    t.resize("60", "20");
    t.wait("Увеличьте окно терминала", 10);
    t.resize("80", "24");
    t.wait("Хранилище пусто", 10);
    // SIGTERM: the process ends cleanly and the terminal leaves the alternate screen.
    let pid = t.workstation_pid();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    t.wait("QYZMET-EXITED-0", 10);
    assert_eq!(t.format("#{alternate_on}"), "0", "the terminal is restored");
}

#[test]
fn a_vanished_terminal_ends_the_workstation() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let t = workstation(&dir);
    t.wait("Хранилище пусто", 20);
    let pid = t.workstation_pid();
    // The terminal goes away as when an SSH connection drops.
    drop(t);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.contains(") Z ") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the workstation still runs 10 s after its terminal vanished"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // And the store is free for the next one (the kernel may take a moment
    // to release a dead process's locks on a loaded machine).
    let start = Instant::now();
    loop {
        let out = qyzmet_on(&db, &["check"]);
        if out.status.success() {
            break;
        }
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let ps = Command::new("ps").arg("aux").output().unwrap();
        assert!(
            err.contains("in use") && start.elapsed() < Duration::from_secs(10),
            "{err}\n{}",
            String::from_utf8_lossy(&ps.stdout)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The queue end to end, one program after another on the same store (sled
/// lets one process hold a store; kiosk, workstation and board share one
/// through the coming server): the kiosk takes a priority ticket, the
/// operator calls it, the board shows the call, the operator serves the
/// visitor into an accepted application and finishes the visit with it.
#[test]
fn a_visitor_from_the_kiosk_to_an_accepted_application_in_tmux() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let receipts = dir.path().join("receipts");
    let config = dir.path().join("config");
    let tickets = dir.path().join("tickets");
    cli(&db, &["init", "--demo"]);

    // The kiosk: barrier-free priority, then category 1.
    let kiosk_args = format!("kiosk --centre KRG-SC --tickets {}", tickets.display());
    let t = start(&db, &receipts, &config, &kiosk_args);
    t.wait("Выберите услугу", 20);
    t.text("p");
    t.wait("Лицо с инвалидностью", 10);
    t.keys(&["Enter"]);
    t.wait("Приоритет: Лицо с инвалидностью", 10);
    t.text("1");
    let screen = t.wait("Талон сохранён", 20);
    let file = screen
        .split_whitespace()
        .find(|w| w.contains("KRG-SC-2026-11-23-"))
        .expect("the ticket file is named on the screen")
        .to_string();
    let number = file
        .rsplit('-')
        .next()
        .and_then(|f| f.strip_suffix(".txt"))
        .unwrap()
        .to_string();
    assert!(number.starts_with('A'), "{number}");
    let paper =
        std::fs::read_to_string(tickets.join(format!("KRG-SC-2026-11-23-{number}.txt"))).unwrap();
    assert!(
        paper.contains(&number) && paper.contains("Лицо с инвалидностью"),
        "{paper}"
    );
    t.quit();
    drop(t);

    // The operator calls: the priority ticket comes first.
    let t = start(&db, &receipts, &config, "");
    t.login("operator", "Приём заявления");
    t.queue_window();
    t.keys(&["F5"]);
    t.wait(&format!("Талон {number} вызван к окну 1"), 20);
    t.quit();
    drop(t);

    // The hall board shows the call.
    let t = start(&db, &receipts, &config, "board --centre KRG-SC");
    t.wait(&format!("Вызван талон {number} → окно 1"), 20);
    t.quit();
    drop(t);

    // The visitor comes: serving opens the intake form for the ticket.
    let t = start(&db, &receipts, &config, "");
    t.login("operator", "Приём заявления");
    t.queue_window();
    t.keys(&["F7"]);
    t.wait(&format!("талон {number}"), 10);
    let application = t.intake();
    // Finish: the outcome and the application are offered.
    t.queue_window();
    t.keys(&["F8"]);
    t.wait(&format!("Итог обслуживания талона {number}"), 10);
    t.wait(&application, 10);
    t.keys(&["F2"]);
    t.wait("заявление принято?", 10);
    t.keys(&["Enter"]);
    t.wait(&format!("Талон {number} обслужен"), 20);
    t.quit();
    drop(t);

    let list: serde_json::Value = serde_json::from_str(&cli(
        &db,
        &["queue", "list", "--centre", "KRG-SC", "--json"],
    ))
    .unwrap();
    let ticket = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == number.as_str())
        .expect("the ticket is listed");
    assert_eq!(ticket["state"], "done", "{ticket:#}");
    assert_eq!(ticket["priority"], "disability");
    assert_eq!(ticket["outcome"]["kind"], "accepted");
    assert_eq!(ticket["outcome"]["application"], application.as_str());
    let app: serde_json::Value =
        serde_json::from_str(&cli(&db, &["app", "show", &application, "--json"])).unwrap();
    assert_eq!(app["status"], "in_progress", "{app:#}");
    let stats: serde_json::Value = serde_json::from_str(&cli(
        &db,
        &[
            "queue",
            "stats",
            "--centre",
            "KRG-SC",
            "--date",
            "2026-11-23",
            "--json",
        ],
    ))
    .unwrap();
    assert!(stats["total"]["served"].as_u64().unwrap() >= 1, "{stats:#}");
}

/// The hall through a server. The kiosk with `--connect` writes its tickets
/// into the data directory of the user running it (no `--tickets` given)
/// and says where; kiosk and board show the centre's name. When the server
/// goes, both say so in the hall's two languages, the board keeping its last
/// calls, and the banners go once the server is back.
#[test]
fn kiosk_and_board_through_a_server_that_goes_and_comes_back() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let socket = dir.path().join("qyzmet.sock");
    let log = dir.path().join("server.log");
    let data = dir.path().join("data");
    cli(&db, &["init", "--demo"]);
    let server = Served::start(&db, &socket, &log);
    let hall = |what: &str| {
        Tmux::new(&format!(
            "env -u QYZMET_TICKETS QYZMET_NOW={NOW} XDG_DATA_HOME={} XDG_CONFIG_HOME={} TERM=xterm-256color {BIN} --connect {} {what}; echo QYZMET-EXITED-$?; sleep 30",
            data.display(),
            dir.path().join("config").display(),
            socket.display()
        ))
    };
    let kiosk = hall("kiosk --centre KRG-SC");
    let screen = kiosk.wait("Выберите услугу", 20);
    assert!(screen.contains("Отдел района имени Казыбек би"), "{screen}");
    kiosk.text("1");
    let screen = kiosk.wait("Талон сохранён / Талон сақталды", 20);
    let tickets = data.join("qyzmet").join("tickets");
    assert!(
        screen.contains(&tickets.display().to_string()),
        "the kiosk names {}: {screen}",
        tickets.display()
    );
    let written: Vec<_> = std::fs::read_dir(&tickets).unwrap().collect();
    assert_eq!(written.len(), 1, "one ticket file in {}", tickets.display());
    let board = hall("board --centre KRG-SC");
    board.wait("Ожидают / Күтуде", 20);
    board.wait("Вызван талон", 20);

    server.stop();
    for screen in [&kiosk, &board] {
        let shown = screen.wait("Сервер недоступен, переподключение…", 20);
        assert!(shown.contains("Сервер қолжетімсіз"), "{shown}");
    }
    let shown = board.screen();
    assert!(
        shown.contains("Ожидают / Күтуде") && shown.contains("→"),
        "the last calls stay: {shown}"
    );

    let _server = Served::start(&db, &socket, &log);
    kiosk.wait_gone("Сервер недоступен", 20);
    board.wait_gone("Сервер недоступен", 20);
    board.wait("Вызван талон", 20);
    kiosk.quit();
    board.quit();
}

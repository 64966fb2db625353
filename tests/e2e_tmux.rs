//! End to end: the real binary in tmux (its own socket), driven by keys as a
//! user would, waiting on screen text (never fixed sleeps). An operator
//! accepts an application, the clerk registers it, the head assigns it, the
//! specialist decides, the head signs, the clerk dispatches, the operator
//! issues it; then `qyzmet app show --json` shows every step in the history.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_qyzmet");
const NOW: &str = "2026-11-23T10:00";
const PASSWORD: &str = "qyzmet-demo";

/// tmux in UTF-8 whatever the caller's locale: the screens are Cyrillic.
fn tmux() -> Command {
    let mut c = Command::new("tmux");
    c.arg("-u").env("LC_ALL", "C.UTF-8").env("LANG", "C.UTF-8");
    c
}

struct Tmux {
    socket: PathBuf,
    _dir: TempDir,
}

impl Tmux {
    fn start(db: &Path, receipts: &Path, config: &Path) -> Tmux {
        Tmux::start_with(db, receipts, config, "")
    }

    /// The binary with `args` after `--db` (a subcommand such as `kiosk ...`).
    fn start_with(db: &Path, receipts: &Path, config: &Path, args: &str) -> Tmux {
        let dir = TempDir::new().unwrap();
        let socket = dir.path().join("tmux.sock");
        let cmd = format!(
            "env QYZMET_NOW={NOW} QYZMET_RECEIPTS={} XDG_CONFIG_HOME={} TERM=xterm-256color {BIN} --db {} {args}; echo QYZMET-EXITED-$?; sleep 30",
            receipts.display(),
            config.display(),
            db.display()
        );
        let ok = tmux()
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "48",
                &cmd,
            ])
            .status()
            .expect("tmux is needed for the end-to-end test (apt-get install tmux)");
        assert!(ok.success());
        Tmux { socket, _dir: dir }
    }

    fn screen(&self) -> String {
        let out = tmux()
            .arg("-S")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; fails with the screen after `secs`.
    fn wait(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("waited {secs} s for {text:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `text` has left the screen (a dialog closed).
    fn wait_gone(&self, text: &str, secs: u64) {
        let start = Instant::now();
        while self.screen().contains(text) {
            if start.elapsed() > Duration::from_secs(secs) {
                panic!(
                    "waited {secs} s for {text:?} to go; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let ok = tmux()
            .arg("-S")
            .arg(&self.socket)
            .args(["send-keys", "-t", "0"])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn text(&self, text: &str) {
        let ok = tmux()
            .arg("-S")
            .arg(&self.socket)
            .args(["send-keys", "-t", "0", "-l", text])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn login(&self, login: &str, then: &str) {
        self.wait("Вход в рабочее место", 20);
        self.text(login);
        self.keys(&["Enter"]);
        self.text(PASSWORD);
        self.keys(&["Enter"]);
        self.wait(then, 20);
    }

    fn logout(&self) {
        self.keys(&["M-q"]);
        self.wait("Вход в рабочее место", 20);
    }

    /// Narrows the current list to one application.
    fn find(&self, number: &str) {
        self.keys(&["/"]);
        self.wait("Поиск (номер, ИИН, ФИО)", 10);
        self.text(number);
        self.keys(&["Enter"]);
        self.wait("показано 1 из", 10);
    }
}

impl Tmux {
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

    /// Finds the application, presses F5 and confirms: the step's own dialog-free acts.
    fn confirm_step(&self, number: &str, asks: &str, done: &str) {
        self.find(number);
        self.keys(&["F5"]);
        self.wait(asks, 10);
        self.keys(&["Enter"]);
        self.wait(done, 20);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = tmux()
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

#[test]
fn an_application_from_intake_to_issuance_in_tmux() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let receipts = dir.path().join("receipts");
    let config = dir.path().join("config");
    let t = Tmux::start(&db, &receipts, &config);

    // An empty store: the workstation offers the demo region.
    t.wait("Хранилище пусто", 20);
    t.keys(&["Enter"]);
    t.wait("Пользователи демо-региона", 120);

    // Operator: intake.
    t.login("operator", "Приём заявления");
    t.text("опекун");
    t.wait("Услуга (", 10);
    t.keys(&["Enter"]);
    t.wait("Свидетельство о рождении", 10);
    t.text("900415300123");
    t.wait("15.04.1990", 10);
    t.keys(&["Tab"]);
    t.text("Сапарова Айгерим");
    t.keys(&["F2"]);
    t.wait("Принять заявление «", 10);
    t.keys(&["Enter"]);
    let screen = t.wait("РАСПИСКА О ПРИЕМЕ ДОКУМЕНТОВ", 20);
    let number = screen
        .split_whitespace()
        .find(|w| w.starts_with("KRG-SC-2026-"))
        .expect("the receipt shows the number")
        .to_string();
    assert!(
        receipts.join(format!("{number}.txt")).exists(),
        "the receipt file is written"
    );
    t.keys(&["Escape"]);
    t.wait_gone("РАСПИСКА О ПРИЕМЕ", 10);
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
    t.wait("Поиск (номер, ИИН, ФИО)", 10);
    t.keys(&["F5"]);
    t.wait("Решение по", 10);
    t.keys(&["Tab", "Tab"]);
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
    t.keys(&["F5"]);
    t.wait("ИИН получателя", 10);
    t.text("900415300123");
    t.keys(&["F2"]);
    t.wait("Выдать результат", 10);
    t.keys(&["Enter"]);
    t.wait(&format!("Результат {number} выдан"), 20);
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);

    let out = Command::new(BIN)
        .args(["--db"])
        .arg(&db)
        .args(["app", "show", &number, "--json"])
        .env("QYZMET_NOW", NOW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
        "issued",
    ] {
        assert!(
            text.contains(what),
            "{what} missing from the history: {v:#}"
        );
    }
}

impl Tmux {
    fn format(&self, f: &str) -> String {
        let out = tmux()
            .arg("-S")
            .arg(&self.socket)
            .args(["display-message", "-p", "-t", "0", f])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

#[test]
fn resizing_and_sigterm_leave_a_usable_terminal() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("store");
    let t = Tmux::start(
        &db,
        &dir.path().join("receipts"),
        &dir.path().join("config"),
    );
    t.wait("Хранилище пусто", 20);
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the workstation uses the alternate screen"
    );
    // Too small: a clear message; back to 80x24: the screen again.
    let resize = |w: &str, h: &str| {
        let ok = tmux()
            .arg("-S")
            .arg(&t.socket)
            .args(["resize-window", "-t", "0", "-x", w, "-y", h])
            .status()
            .unwrap();
        assert!(ok.success());
    };
    resize("60", "20");
    t.wait("Увеличьте окно терминала", 10);
    resize("80", "24");
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
    let t = Tmux::start(
        &db,
        &dir.path().join("receipts"),
        &dir.path().join("config"),
    );
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
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .arg("check")
            .output()
            .unwrap();
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
    let cli = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("QYZMET_NOW", NOW)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    cli(&["init", "--demo"]);

    // The kiosk: barrier-free priority, then category 1.
    let kiosk_args = format!("kiosk --centre KRG-SC --tickets {}", tickets.display());
    let t = Tmux::start_with(&db, &receipts, &config, &kiosk_args);
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
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);
    drop(t);

    // The operator calls: the priority ticket comes first.
    let t = Tmux::start(&db, &receipts, &config);
    t.login("operator", "Приём заявления");
    t.keys(&["M-3"]);
    t.wait("Окно 1 (A, C)", 10);
    t.keys(&["F5"]);
    t.wait(&format!("Талон {number} вызван к окну 1"), 20);
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);
    drop(t);

    // The hall board shows the call.
    let t = Tmux::start_with(&db, &receipts, &config, "board --centre KRG-SC");
    t.wait(&format!("Вызван талон {number} → окно 1"), 20);
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);
    drop(t);

    // The visitor comes: serving opens the intake form for the ticket.
    let t = Tmux::start(&db, &receipts, &config);
    t.login("operator", "Приём заявления");
    t.keys(&["M-3"]);
    t.wait("Окно 1 (A, C)", 10);
    t.keys(&["F7"]);
    t.wait(&format!("талон {number}"), 10);
    t.text("опекун");
    t.wait("Услуга (", 10);
    t.keys(&["Enter"]);
    t.wait("Свидетельство о рождении", 10);
    t.text("900415300123");
    t.wait("15.04.1990", 10);
    t.keys(&["Tab"]);
    t.text("Сапарова Айгерим");
    t.keys(&["F2"]);
    t.wait("Принять заявление «", 10);
    t.keys(&["Enter"]);
    let screen = t.wait("РАСПИСКА О ПРИЕМЕ ДОКУМЕНТОВ", 20);
    let application = screen
        .split_whitespace()
        .find(|w| w.starts_with("KRG-SC-2026-"))
        .expect("the receipt shows the number")
        .to_string();
    t.keys(&["Escape"]);
    t.wait_gone("РАСПИСКА О ПРИЕМЕ", 10);
    // Finish: the outcome and the application are offered.
    t.keys(&["M-3"]);
    t.wait("Окно 1 (A, C)", 10);
    t.keys(&["F8"]);
    t.wait(&format!("Итог обслуживания талона {number}"), 10);
    t.wait(&application, 10);
    t.keys(&["F2"]);
    t.wait("заявление принято?", 10);
    t.keys(&["Enter"]);
    t.wait(&format!("Талон {number} обслужен"), 20);
    t.keys(&["C-q"]);
    t.wait("QYZMET-EXITED-0", 20);
    drop(t);

    let list: serde_json::Value =
        serde_json::from_str(&cli(&["queue", "list", "--centre", "KRG-SC", "--json"])).unwrap();
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
        serde_json::from_str(&cli(&["app", "show", &application, "--json"])).unwrap();
    assert_eq!(app["status"], "in_progress", "{app:#}");
    let stats: serde_json::Value = serde_json::from_str(&cli(&[
        "queue",
        "stats",
        "--centre",
        "KRG-SC",
        "--date",
        "2026-11-23",
        "--json",
    ]))
    .unwrap();
    assert!(stats["total"]["served"].as_u64().unwrap() >= 1, "{stats:#}");
}

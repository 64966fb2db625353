//! End to end in Kazakh: the whole route in tmux (its own socket) with
//! `--lang kk`, from the operator's intake at the counter to the issue of
//! the result, every screen on the way kept and read for leaks: no
//! snake_case identifier, no debug shape (`Name {`), no English word of the
//! English table, on any of them. The texts waited for come from the Kazakh
//! table and the catalogue, not from copies here.

#[path = "common/served.rs"]
mod served;
#[path = "common/tmux.rs"]
mod tmux;

use std::cell::RefCell;
use std::path::Path;

use qyzmet::i18n::{Lang, leaks::leaks, t};
use served::{BIN, NOW};
use tempfile::TempDir;
use tmux::Tmux;

const PASSWORD: &str = "qyzmet-demo";
const APPLICANT_IIN: &str = "900415300123";

/// The longest piece of a Kazakh message between its placeables: what a
/// screen shows of it whatever the values (`{ $number } поручено: { $name }`
/// → ` поручено: `).
fn kk(key: &str) -> String {
    let text = t(Lang::Kk, key);
    let mut pieces = vec![];
    let mut piece = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                pieces.push(std::mem::take(&mut piece));
            }
            '}' => depth -= 1,
            _ if depth == 0 => piece.push(c),
            _ => {}
        }
    }
    pieces.push(piece);
    let best = pieces
        .into_iter()
        .max_by_key(|p| p.trim().chars().count())
        .unwrap_or_default();
    best.trim().to_string()
}

/// The longest word of a Kazakh message, for a dialog whose lines wrap.
fn kk_word(key: &str) -> String {
    kk(key)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .max_by_key(|w| w.chars().count())
        .unwrap_or_default()
        .to_string()
}

/// A tmux session whose every awaited screen is kept.
struct Route {
    t: Tmux,
    screens: RefCell<Vec<String>>,
}

impl Route {
    fn wait(&self, text: &str, secs: u64) -> String {
        let screen = self.t.wait(text, secs);
        self.screens.borrow_mut().push(screen.clone());
        screen
    }

    fn keys(&self, keys: &[&str]) {
        self.t.keys(keys);
    }

    fn text(&self, text: &str) {
        self.t.text(text);
    }

    fn login(&self, login: &str, then: &str) {
        self.wait(&kk("login.title"), 20);
        self.text(login);
        self.keys(&["Enter"]);
        self.text(PASSWORD);
        self.wait(&"•".repeat(PASSWORD.chars().count()), 10);
        self.keys(&["Enter"]);
        self.wait(then, 20);
    }

    fn logout(&self) {
        self.keys(&["M-q"]);
        self.wait(&kk("login.title"), 20);
    }

    fn find(&self, number: &str) {
        self.keys(&["/"]);
        self.wait(&kk("list.filter"), 10);
        self.text(number);
        self.keys(&["Enter"]);
        self.wait(&kk("list.shown"), 10);
    }

    fn confirm_step(&self, number: &str, asks: &str, done: &str) {
        self.find(number);
        self.keys(&["F5"]);
        self.wait(asks, 10);
        self.keys(&["Enter"]);
        self.wait(done, 20);
    }

    /// The operator's intake of the guardian allowance: the number.
    fn intake(&self) -> String {
        let catalog = qyzmet::catalog_files::embedded().unwrap();
        let service = catalog.get("krg-34-17-guardian-allowance").unwrap();
        self.text("опекун");
        let title: String = service.name_kk.chars().take(20).collect();
        self.wait(&title, 10);
        self.keys(&["Enter"]);
        let first_doc: String = service.documents[0].name_kk.chars().take(20).collect();
        self.wait(&first_doc, 10);
        self.text(APPLICANT_IIN);
        self.wait("15.04.1990", 10);
        self.keys(&["Tab"]);
        self.text("Сапарова Айгерим");
        self.keys(&["F2"]);
        self.wait(&kk_word("intake.confirm_accept"), 10);
        self.keys(&["Enter"]);
        let screen = self.wait("KRG-SC-2026-", 20);
        let number = screen
            .split(|c: char| c.is_whitespace() || c == '│')
            .find(|w| w.starts_with("KRG-SC-2026-") && w.len() == "KRG-SC-2026-000000".len())
            .expect("the receipt shows the number")
            .to_string();
        self.keys(&["Escape"]);
        self.wait(&kk("pane.intake"), 10);
        number
    }
}

fn start(dir: &Path) -> Tmux {
    Tmux::new(&format!(
        "env QYZMET_NOW={NOW} QYZMET_RECEIPTS={} XDG_CONFIG_HOME={} TERM=xterm-256color {BIN} --lang kk --db {}; echo QYZMET-EXITED-$?; sleep 30",
        dir.join("receipts").display(),
        dir.join("config").display(),
        dir.join("store").display()
    ))
}

#[test]
fn the_whole_route_in_kazakh_shows_no_identifier_and_no_english() {
    let dir = TempDir::new().unwrap();
    let r = Route {
        t: start(dir.path()),
        screens: RefCell::new(vec![]),
    };
    r.wait(&kk("demo.title"), 20);
    r.keys(&["Enter"]);
    r.wait(&kk("login.users"), 120);

    // Operator: intake at the counter.
    r.login("operator", &kk("intake.title"));
    let number = r.intake();
    r.logout();

    // Clerk: register.
    r.login("clerk", &kk("pane.inbox"));
    // The confirmation of a step's act: "Тіркеу: NUMBER «service»?".
    let asks = format!(": {number} «");
    r.confirm_step(&number, &asks, &kk("act.registered"));
    r.logout();

    // Head: a resolution for the demo specialist (the first one offered is
    // the least loaded; any will do here, the specialist's list is read below).
    r.login("head", &kk("pane.resolutions"));
    r.find(&number);
    r.keys(&["F5"]);
    let screen = r.wait(&kk("assign.resolution"), 10);
    let listed: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("(specialist") || l.contains("(sp"))
        .collect();
    let index = listed
        .iter()
        .position(|l| l.contains("(specialist)"))
        .unwrap_or_else(|| panic!("the demo specialist is offered:\n{screen}"));
    for _ in 0..index {
        r.keys(&["Down"]);
    }
    r.keys(&["Tab"]);
    r.text("Қарап, шешім дайындаңыз");
    r.keys(&["F2"]);
    r.wait(&kk_word("assign.confirm"), 10);
    r.keys(&["Enter"]);
    r.wait(&kk("assign.done"), 20);
    r.logout();

    // Specialist: read the case, decide.
    r.login("specialist", &kk("pane.worklist"));
    r.find(&number);
    r.keys(&["Enter"]);
    r.wait("Қарап, шешім дайындаңыз", 10);
    r.keys(&["Escape"]);
    r.wait(&kk("list.filter"), 10);
    r.keys(&["F5"]);
    r.wait(&kk("decide.title"), 10);
    r.keys(&["Tab"]);
    r.text("1 желтоқсаннан бастап жәрдемақы тағайындалсын");
    r.keys(&["F2"]);
    r.wait(&kk_word("decide.confirm"), 10);
    r.keys(&["Enter"]);
    r.wait(&kk("decide.done"), 20);
    r.logout();

    // Head: sign.
    r.login("head", &kk("pane.resolutions"));
    r.keys(&["M-2"]);
    r.wait(&kk("pane.signing"), 10);
    r.confirm_step(&number, &kk_word("sign.confirm"), &kk("sign.done"));
    r.logout();

    // Clerk: dispatch back to the State Corporation.
    r.login("clerk", &kk("pane.inbox"));
    r.keys(&["M-3"]);
    r.wait(&kk("pane.outbox"), 10);
    r.confirm_step(&number, &asks, &kk("act.dispatched"));
    r.logout();

    // Operator: issue to the applicant.
    r.login("operator", &kk("intake.title"));
    r.keys(&["M-2"]);
    r.wait(&kk("pane.results"), 10);
    r.find(&number);
    // First the centre's journal mark of the result's receipt (000:125-135).
    r.keys(&["F6"]);
    r.wait(&kk("results.mark"), 10);
    r.text("Журнал, жазба 7");
    r.keys(&["F2"]);
    r.wait(&kk_word("results.confirm_receive"), 10);
    r.keys(&["Enter"]);
    r.wait(&kk_word("results.received"), 20);
    r.keys(&["F5"]);
    r.wait(&kk("results.recipient"), 10);
    r.text(APPLICANT_IIN);
    r.keys(&["F2"]);
    r.wait(&kk_word("results.confirm_issue"), 10);
    r.keys(&["Enter"]);
    r.wait(&kk("results.issued"), 20);
    // The help of the last screen too: key names and sections in Kazakh.
    r.keys(&["F1"]);
    let section = kk("help_section.global");
    r.wait(&section, 10);
    r.keys(&["Escape"]);
    r.t.wait_gone(&section, 10);
    r.keys(&["C-q"]);
    r.t.wait("QYZMET-EXITED-0", 20);

    // Logins of the demo staff are theirs, the store's path is the user's,
    // and Home is the key cap as a Kazakh keyboard prints it.
    let own = [
        "operator",
        "clerk",
        "head",
        "specialist",
        "akim",
        "supervisor",
        // The city akimat's akim and office (KRG-AKIMAT), on the login screen.
        "akimat",
        "qyzmet",
        "home",
    ];
    let screens = r.screens.borrow();
    let found: Vec<String> = screens
        .iter()
        .flat_map(|s| {
            let l = leaks(s, &own);
            (!l.is_empty()).then(|| format!("{l:?}\n{s}"))
        })
        .collect();
    assert!(screens.len() > 40, "only {} screens kept", screens.len());
    assert!(found.is_empty(), "{}", found.join("\n-----\n"));
}

//! Driving the workstation in tests: a demo store copied from a template made
//! once per test binary, an `App` over it, keys in, screens out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use qyzmet::ops::backend::Backend;
use qyzmet::store::Store;
use qyzmet::tui::action::Action;
use qyzmet::tui::app::App;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::keymap::Keymap;
use qyzmet::tui::state::State;
use qyzmet::tui::theme::{ColorSupport, Theme};
use qyzmet::tui::ui::{self, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use crate::common::{demo_store, now, ops_on};

pub struct Harness {
    pub app: App,
    pub dir: TempDir,
}

/// An app on a fresh copy of the demo store, at the login screen.
pub fn demo_app(lang: Lang) -> Harness {
    demo_app_with(lang, |_| {})
}

/// The same, after `prepare` has changed the store (more users, say).
pub fn demo_app_with(lang: Lang, prepare: impl FnOnce(&qyzmet::ops::Ops)) -> Harness {
    let dir = demo_store();
    let ops = ops_on(Store::open(&dir.path().join("store")).unwrap());
    prepare(&ops);
    app_on(Box::new(ops), lang, dir)
}

/// A fresh copy of the demo store and its operations, for the kiosk and the board.
pub fn demo_ops() -> (qyzmet::ops::Ops, TempDir) {
    let dir = demo_store();
    let ops = ops_on(Store::open(&dir.path().join("store")).unwrap());
    (ops, dir)
}

/// The sizes every snapshot is taken at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// `setup`'s app in Russian and in Kazakh, drawn at each of `SIZES`: the
/// snapshot's name (`NAME_LANG_WxH`) and the screen, for `insta::assert_snapshot!`
/// in the test crate (whose module names the snapshot files).
pub fn snapshots(
    name: &str,
    setup: impl Fn(Lang) -> Harness,
) -> impl Iterator<Item = (String, String)> {
    let name = name.to_string();
    [Lang::Ru, Lang::Kk].into_iter().flat_map(move |lang| {
        let h = setup(lang);
        let name = name.clone();
        SIZES.map(move |(w, ht)| (format!("{name}_{}_{w}x{ht}", lang.code()), h.screen(w, ht)))
    })
}

/// Text of whatever `draw` puts on a `w`×`h` screen in the monochrome theme.
pub fn draw_text(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame, &Theme)) -> String {
    let theme = Theme::load("mono", ColorSupport::None).unwrap();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(f, &theme)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An app on an empty store (the demo offer).
pub fn empty_app(lang: Lang) -> Harness {
    let dir = TempDir::new().unwrap();
    let ops = ops_on(Store::create(&dir.path().join("store"), now()).unwrap());
    app_on(Box::new(ops), lang, dir)
}

pub fn app_on(backend: Box<dyn Backend>, lang: Lang, dir: TempDir) -> Harness {
    let mut state = State::new(lang, now(), "/tmp/qyzmet-test/store".into(), "mono".into());
    state.now = now();
    let mut app = App::new(state, Keymap::builtin(), backend);
    app.receipts = Some(dir.path().join("receipts"));
    app.themes = Theme::builtin_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    app.start();
    Harness { app, dir }
}

impl Harness {
    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    pub fn alt(&mut self, c: char) -> &mut Self {
        self.app
            .on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
        self
    }

    pub fn f(&mut self, n: u8) -> &mut Self {
        self.key(KeyCode::F(n))
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    pub fn act(&mut self, a: Action) -> &mut Self {
        self.app.update(a);
        self
    }

    pub fn login(&mut self, login: &str) -> &mut Self {
        self.type_text(login)
            .key(KeyCode::Enter)
            .type_text(qyzmet::demo::PASSWORD)
            .key(KeyCode::Enter);
        assert!(
            self.app.state.work().is_some(),
            "login as {login} failed:\n{}",
            self.screen(100, 30)
        );
        self
    }

    /// Moves the cursor of the operator's Results list down to the first
    /// result the centre has marked as received, the one it may issue.
    pub fn select_marked_result(&mut self) -> &mut Self {
        let marked = |h: &Harness| {
            let list = h.app.state.work().and_then(|w| w.list());
            let row = list.and_then(|l| l.current());
            row.map(|r| r.action == Some(qyzmet::domain::catalog::StepAction::Issue))
        };
        for _ in 0..50 {
            match marked(self) {
                Some(false) => self.key(KeyCode::Down),
                _ => break,
            };
        }
        assert_eq!(marked(self), Some(true), "{}", self.screen(160, 48));
        self
    }

    /// The screen as text, drawn with the monochrome theme.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let contexts = self.app.contexts();
        draw_text(w, h, |f, theme| {
            let view = View {
                theme,
                keymap: &self.app.keymap,
                catalog: self.app.backend.catalog(),
                contexts: &contexts,
            };
            ui::draw(f, &self.app.state, &view)
        })
    }

    pub fn toasts(&self) -> Vec<String> {
        self.app
            .state
            .toasts
            .iter()
            .map(|t| t.text.clone())
            .collect()
    }

    pub fn last_toast(&self) -> String {
        self.toasts().last().cloned().unwrap_or_default()
    }
}

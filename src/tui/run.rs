//! The terminal side: raw mode and the alternate screen, restored on every
//! way out (return, error, panic, SIGTERM/SIGHUP), and the event loop.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;
use crossterm::event::{self, Event};

use super::app::App;
use super::keymap::Keymap;
use super::state::State;
use super::theme::{ColorSupport, Theme};
use super::ui::{self, View};
use crate::ops::backend::Backend;

pub struct Options {
    pub keymap: Keymap,
    /// Loaded (and so checked) before the terminal is taken.
    pub theme: Theme,
    pub colors: ColorSupport,
    pub lang: super::i18n::Lang,
    pub receipts: Option<PathBuf>,
    pub clock: fn() -> NaiveDateTime,
}

pub fn run(backend: Box<dyn Backend>, opts: Options) -> io::Result<()> {
    let theme = opts.theme;
    let now = (opts.clock)();
    let location = backend.location();
    let state = State::new(opts.lang, now, location, theme.name.clone());
    let mut app = App::new(state, opts.keymap, backend);
    app.receipts = opts.receipts;
    app.themes = Theme::builtin_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    app.start();

    on_terminal(|terminal, stop| {
        event_loop(terminal, &mut app, theme, opts.colors, opts.clock, stop)
    })
}

/// Takes the terminal for `body` and gives it back on return, on a panic,
/// on SIGTERM/SIGHUP (`body` watches the flag) and when the terminal goes.
fn on_terminal(
    body: impl FnOnce(&mut ratatui::DefaultTerminal, &AtomicBool) -> io::Result<()>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // ratatui::init enters raw mode and the alternate screen and installs a
    // panic hook that restores the terminal before the panic is reported.
    let mut terminal = ratatui::init();
    let done = Arc::new(AtomicBool::new(false));
    watch_terminal(Arc::clone(&stop), Arc::clone(&done));
    let result = body(&mut terminal, &stop);
    done.store(true, Ordering::Relaxed);
    ratatui::restore();
    result
}

/// When the terminal hangs up (an SSH connection drops, the window closes)
/// crossterm's reader spins on end-of-file inside `poll` and never returns,
/// so the event loop cannot notice. This watcher ends the process then, and
/// when a SIGTERM/SIGHUP is not honoured within two seconds. Every change is
/// durable before the user is told of it, so nothing is lost, and the
/// store's lock goes with the process.
fn watch_terminal(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut stopping_for = 0;
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(300));
            if done.load(Ordering::Relaxed) {
                return;
            }
            // Asked of the terminal itself: crossterm's size() falls back to tput.
            if rustix::termios::tcgetwinsize(std::io::stdout()).is_err() {
                std::process::exit(0);
            }
            if stop.load(Ordering::Relaxed) {
                stopping_for += 1;
                if stopping_for > 6 {
                    ratatui::restore();
                    std::process::exit(0);
                }
            }
        }
    });
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    mut theme: Theme,
    colors: ColorSupport,
    clock: fn() -> NaiveDateTime,
    stop: &AtomicBool,
) -> io::Result<()> {
    // Drawn when something may have changed: a key, news from the store,
    // the clock's second. An idle workstation (dozens of them on one server
    // over SSH) then costs next to nothing.
    let mut dirty = true;
    while !app.state.quit && !stop.load(Ordering::Relaxed) {
        if theme.name != app.state.theme_name {
            match Theme::load(&app.state.theme_name, colors) {
                Ok(t) => theme = t,
                Err(e) => {
                    app.state.theme_name = theme.name.clone();
                    app.toast(e.to_string(), true);
                }
            }
        }
        if dirty {
            let contexts = app.contexts();
            terminal.draw(|f| {
                let view = View {
                    theme: &theme,
                    keymap: &app.keymap,
                    catalog: app.backend.catalog(),
                    contexts: &contexts,
                };
                ui::draw(f, &app.state, &view)
            })?;
        }
        // Short enough that another user's change shows within 100 ms.
        dirty = false;
        if event::poll(Duration::from_millis(50))? {
            dirty = true;
            match event::read()? {
                Event::Key(k) => app.on_key(k),
                Event::Paste(text) => {
                    for c in text.chars().filter(|c| !c.is_control()) {
                        app.on_key(crossterm::event::KeyEvent::from(
                            crossterm::event::KeyCode::Char(c),
                        ));
                    }
                }
                _ => {}
            }
        }
        dirty |= app.tick(clock());
    }
    Ok(())
}

/// A full-screen program besides the workstation: the kiosk, the hall board.
pub trait FullScreen {
    fn draw(&self, f: &mut ratatui::Frame, theme: &Theme);
    fn on_key(&mut self, key: crossterm::event::KeyEvent);
    fn tick(&mut self, now: NaiveDateTime);
    fn done(&self) -> bool;
}

impl FullScreen for super::hall::kiosk::Kiosk {
    fn draw(&self, f: &mut ratatui::Frame, theme: &Theme) {
        super::hall::kiosk::Kiosk::draw(self, f, theme)
    }
    fn on_key(&mut self, key: crossterm::event::KeyEvent) {
        super::hall::kiosk::Kiosk::on_key(self, key)
    }
    fn tick(&mut self, now: NaiveDateTime) {
        super::hall::kiosk::Kiosk::tick(self, now)
    }
    fn done(&self) -> bool {
        self.quit
    }
}

impl FullScreen for super::hall::board::HallBoard {
    fn draw(&self, f: &mut ratatui::Frame, theme: &Theme) {
        super::hall::board::HallBoard::draw(self, f, theme)
    }
    fn on_key(&mut self, key: crossterm::event::KeyEvent) {
        super::hall::board::HallBoard::on_key(self, key)
    }
    fn tick(&mut self, now: NaiveDateTime) {
        super::hall::board::HallBoard::tick(self, now);
    }
    fn done(&self) -> bool {
        self.quit
    }
}

/// Runs `app` on the terminal with the workstation's care: restored on
/// return, panic, SIGTERM/SIGHUP and a vanished terminal.
pub fn run_full_screen(
    app: &mut dyn FullScreen,
    theme: Theme,
    clock: fn() -> NaiveDateTime,
) -> io::Result<()> {
    on_terminal(|terminal, stop| {
        while !app.done() && !stop.load(Ordering::Relaxed) {
            terminal.draw(|f| app.draw(f, &theme))?;
            if event::poll(Duration::from_millis(250))?
                && let Event::Key(k) = event::read()?
            {
                app.on_key(k);
            }
            app.tick(clock());
        }
        Ok(())
    })
}

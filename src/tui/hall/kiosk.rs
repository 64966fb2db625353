//! The ticket kiosk in the centre's hall: a large bilingual menu of the
//! categories (arrows or digits), barrier-free priority, appointment check-in
//! by code; a taken ticket shows its number, the people ahead and the
//! expected wait, and is written as a text file and to the receipt printer.
//! `Kiosk` is the shell (backend, keymap, files, printer); `KioskRoom` the
//! screen's state, keys and actions; `kiosk_view` its drawing.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Duration, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::ops::backend::Backend;
use crate::ops::queue::{APPOINTMENT_CODE_LEN, Taken};
use crate::ops::{OpsResult, ticket_print};

use super::{self as hall, HallRoom, KioskError, centre_names};
use crate::tui::action::{Action, Context};
use crate::tui::effect::{Command, Effect};
use crate::tui::field::Field;
use crate::tui::i18n::{Lang, t};
use crate::tui::keymap::Keymap;
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::Theme;

/// Seconds a taken ticket stays on the screen.
const SHOW_SECONDS: i64 = 20;

pub enum KioskScreen {
    Menu,
    /// Choosing the reason for priority; the cursor.
    Priority(usize),
    /// Typing an appointment code.
    Code(Box<Field>),
    Ticket {
        taken: Box<Taken>,
        until: NaiveDateTime,
        /// What became of the file and the printer: (text, failed).
        notes: Vec<Note>,
    },
}

/// What became of a ticket's file or its printing, in both languages.
#[derive(Debug, Clone)]
pub struct Note {
    pub text: String,
    pub failed: bool,
}

/// The kiosk's screen: what it shows and what the visitor chose.
pub struct KioskRoom {
    /// The centre's name, the first language's first.
    pub centre_names: (String, String),
    /// The first language; the other of Russian and Kazakh shows beneath.
    pub lang: Lang,
    pub now: NaiveDateTime,
    pub config: Option<QueueConfig>,
    pub error: Option<KioskError>,
    /// False while the server is out of reach: a banner says so.
    pub online: bool,
    pub screen: KioskScreen,
    pub cursor: usize,
    pub priority: Option<PriorityReason>,
}

/// The kiosk: its room, and the backend, files and printer it works with.
pub struct Kiosk {
    pub backend: Box<dyn Backend>,
    pub keymap: Keymap,
    pub centre: String,
    pub room: KioskRoom,
    pub tickets_dir: Option<PathBuf>,
    pub printer: Option<PathBuf>,
    pub quit: bool,
}

impl Kiosk {
    pub fn new(
        backend: Box<dyn Backend>,
        keymap: Keymap,
        centre: &str,
        lang: Lang,
        now: NaiveDateTime,
    ) -> Kiosk {
        let room = KioskRoom {
            centre_names: centre_names(backend.as_ref(), centre, lang),
            lang,
            now,
            config: None,
            error: None,
            online: true,
            screen: KioskScreen::Menu,
            cursor: 0,
            priority: None,
        };
        let mut k = Kiosk {
            backend,
            keymap,
            centre: centre.to_string(),
            room,
            tickets_dir: None,
            printer: None,
            quit: false,
        };
        k.load_config();
        k
    }

    fn load_config(&mut self) {
        let read = self.backend.queue_config(&self.centre);
        hall::loaded(read, &mut self.room.config, &mut self.room.error);
    }

    pub fn tick(&mut self, now: NaiveDateTime) {
        let room = &mut self.room;
        room.now = now;
        room.online = self.backend.online();
        // The connection came back: its banner and error go.
        if room.online && room.error == Some(KioskError::Unavailable) {
            room.error = None;
        }
        if room.online && room.config.is_none() {
            self.load_config();
        }
        if let KioskScreen::Ticket { until, .. } = &self.room.screen
            && now >= *until
        {
            self.room.screen = KioskScreen::Menu;
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        let (quit, effects) = hall::key(self.backend.as_ref(), &self.keymap, &mut self.room, key);
        self.quit |= quit;
        for e in effects {
            if let Effect::Run(cmd) = e {
                self.run(cmd);
            }
        }
    }

    /// A ticket taken or an appointment checked in, as the room asked.
    fn run(&mut self, cmd: Command) {
        let now = self.room.now;
        let (r, code) = match cmd {
            Command::TakeTicket { letter, priority } => (
                self.backend.queue_take(&self.centre, letter, priority, now),
                None,
            ),
            Command::CheckIn { code } => {
                let r = self.backend.queue_check_in(&self.centre, &code, now);
                (r, Some(code))
            }
            _ => return,
        };
        let notes = r.as_ref().map(|t| self.print(t)).unwrap_or_default();
        self.room.show(r, code.as_deref(), notes);
    }

    /// Writes the ticket file and sends it to the printer; says how each
    /// went in both languages (the system's error goes to the log).
    fn print(&self, taken: &Taken) -> Vec<Note> {
        let mut notes = Vec::new();
        let note = |key: &str, path: &std::path::Path, failed: bool| {
            let label = self.room.both_with(|l| t(l, key).to_string());
            Note {
                text: format!("{label}: {}", path.display()),
                failed,
            }
        };
        if let Some(dir) = &self.tickets_dir {
            let t = &taken.ticket;
            let path = dir.join(format!("{}-{}-{}.txt", self.centre, t.day, t.number));
            let text = ticket_print::text(&self.centre, taken, self.room.now);
            notes.push(
                match std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, text)) {
                    Ok(()) => note("kiosk.saved_in", &path, false),
                    Err(e) => {
                        tracing::warn!(path = %path.display(), error = %e, "ticket file");
                        note("kiosk.not_saved_in", &path, true)
                    }
                },
            );
        }
        if let Some(dev) = &self.printer {
            let bytes = ticket_print::escpos(&self.centre, taken, self.room.now);
            let sent = std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(dev)
                .and_then(|mut f| f.write_all(&bytes).and_then(|_| f.flush()));
            notes.push(match sent {
                Ok(()) => Note {
                    text: self.room.both_with(|l| t(l, "kiosk.printed").to_string()),
                    failed: false,
                },
                Err(e) => {
                    tracing::warn!(device = %dev.display(), error = %e, "ticket printer");
                    note("kiosk.not_printed_on", dev, true)
                }
            });
        }
        notes
    }

    pub fn draw(&self, f: &mut Frame, th: &Theme) {
        hall::draw(f, th, self.backend.as_ref(), &self.keymap, &self.room);
    }
}

impl KioskRoom {
    /// A text in both languages of the hall.
    pub(super) fn both(&self, key: &str) -> (String, String) {
        (
            t(self.lang, key).to_string(),
            t(self.lang.partner(), key).to_string(),
        )
    }

    /// A text of the hall's first language, then " / " and the other's.
    pub(super) fn both_with(&self, text: impl Fn(Lang) -> String) -> String {
        format!("{} / {}", text(self.lang), text(self.lang.partner()))
    }

    fn code_field() -> KioskScreen {
        KioskScreen::Code(Box::new(Field::limited(APPOINTMENT_CODE_LEN)))
    }

    fn items(&self) -> usize {
        self.config.as_ref().map_or(0, |c| c.categories.len()) + 1
    }

    /// Shows the ticket taken, or what went wrong; a refused code is cleared
    /// for the next try.
    fn show(&mut self, r: OpsResult<Taken>, code: Option<&str>, notes: Vec<Note>) {
        match r {
            Ok(taken) => {
                self.error = None;
                self.priority = None;
                self.screen = KioskScreen::Ticket {
                    taken: Box::new(taken),
                    until: self.now + Duration::seconds(SHOW_SECONDS),
                    notes,
                };
            }
            Err(e) => {
                self.error = Some(KioskError::from_ops(&e, code));
                if let KioskScreen::Code(field) = &mut self.screen {
                    field.clear();
                }
            }
        }
    }

    /// The ticket of the category under the cursor.
    fn take(&self, cx: &mut Cx) {
        let letter = self
            .config
            .as_ref()
            .and_then(|c| c.categories.get(self.cursor))
            .map(|c| c.letter);
        if let Some(letter) = letter {
            let priority = self.priority;
            cx.run(Command::TakeTicket { letter, priority });
        }
    }
}

impl Room for KioskRoom {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Kiosk, Context::Global]
    }

    /// Typed characters go to the code field; digits pick a category.
    fn take_key(&mut self, key: KeyEvent, cx: &mut Cx) -> EventState {
        if key.modifiers != KeyModifiers::NONE && key.modifiers != KeyModifiers::SHIFT {
            return EventState::Ignored;
        }
        if let KioskScreen::Code(field) = &mut self.screen
            && key.code != KeyCode::Enter
            && key.code != KeyCode::Esc
            && field.takes(&key)
        {
            // A code is digits only: other characters are taken and dropped.
            if !matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) {
                field.input(key);
            }
            return EventState::Consumed;
        }
        let (KioskScreen::Menu, KeyCode::Char(c)) = (&self.screen, key.code) else {
            return EventState::Ignored;
        };
        let Some(d) = c.to_digit(10) else {
            return EventState::Ignored;
        };
        let n = self.config.as_ref().map_or(0, |c| c.categories.len());
        match d as usize {
            0 => {
                self.on_action(Action::CheckIn, cx);
            }
            i if i >= 1 && i <= n => {
                self.cursor = i - 1;
                self.on_action(Action::Confirm, cx);
            }
            _ => {}
        }
        EventState::Consumed
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if action == Action::Quit {
            return EventState::Ignored;
        }
        // Esc always dismisses what went wrong.
        if action == Action::Cancel {
            self.error = None;
        }
        if self.config.is_none() {
            return EventState::Consumed;
        }
        let items = self.items();
        match &mut self.screen {
            KioskScreen::Menu => match action {
                Action::Up => self.cursor = (self.cursor + items - 1) % items,
                Action::Down => self.cursor = (self.cursor + 1) % items,
                Action::Priority => self.screen = KioskScreen::Priority(0),
                Action::CheckIn => self.screen = KioskRoom::code_field(),
                Action::Confirm if self.cursor + 1 == items => {
                    self.screen = KioskRoom::code_field()
                }
                Action::Confirm => self.take(cx),
                Action::Cancel => self.priority = None,
                _ => {}
            },
            KioskScreen::Priority(i) => {
                let n = PriorityReason::ALL.len() + 1;
                match action {
                    Action::Up => *i = (*i + n - 1) % n,
                    Action::Down => *i = (*i + 1) % n,
                    Action::Confirm => {
                        self.priority = PriorityReason::ALL.get(*i).copied();
                        self.screen = KioskScreen::Menu;
                    }
                    Action::Cancel => self.screen = KioskScreen::Menu,
                    _ => {}
                }
            }
            KioskScreen::Code(field) => match action {
                Action::Confirm => {
                    let code = field.text();
                    if !code.trim().is_empty() {
                        cx.run(Command::CheckIn { code });
                    }
                }
                Action::Cancel => self.screen = KioskScreen::Menu,
                _ => {}
            },
            KioskScreen::Ticket { .. } => {
                if matches!(action, Action::Confirm | Action::Cancel) {
                    self.screen = KioskScreen::Menu;
                }
            }
        }
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        self.draw_kiosk(f, area, p.theme);
        area
    }
}

impl HallRoom for KioskRoom {
    fn lang(&self) -> Lang {
        self.lang
    }
    fn now(&self) -> NaiveDateTime {
        self.now
    }
}

//! Everything the screen shows. Panes render from this and nothing else.

use std::cell::Cell;
use std::collections::VecDeque;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::queue::stats::DayStats;
use crate::domain::queue::{OutcomeKind, QueueConfig};
use crate::ops::queue::Desk;

use super::action::Action;
use super::field::Field;
use super::i18n::Lang;
use super::keymap::KeyPress;
use super::screens::work::Work;

pub struct State {
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// Where the data lives, for the frame.
    pub location: String,
    pub screen: Screen,
    /// Dialogs over the screen, innermost last.
    pub overlays: Vec<super::dialogs::Dialog>,
    pub toasts: VecDeque<Toast>,
    /// Keys of a sequence typed so far, and what may follow (which-key).
    pub pending: Vec<KeyPress>,
    pub which_key: Vec<(String, String)>,
    pub help: bool,
    /// The help's scroll when it does not fit the screen.
    pub help_scroll: Scroll,
    pub theme_name: String,
    pub quit: bool,
    /// False while the server is out of reach.
    pub online: bool,
}

pub enum Screen {
    /// An empty store: offer the demo region.
    DemoOffer,
    Login(Box<LoginForm>),
    Work(Box<Work>),
}

pub struct LoginForm {
    pub login: Field,
    /// Masked: a password is never drawn in clear.
    pub password: Field,
    pub on_password: bool,
    pub error: Option<String>,
    /// Demo users to show (login, role, organisation).
    pub hints: Vec<(String, String, String)>,
}

impl Default for LoginForm {
    fn default() -> Self {
        LoginForm::new(Vec::new())
    }
}

impl LoginForm {
    pub fn new(hints: Vec<(String, String, String)>) -> LoginForm {
        LoginForm {
            login: Field::new(),
            password: Field::secret(),
            on_password: false,
            error: None,
            hints,
        }
    }
}

/// The operator's queue pane: their desk as last loaded.
#[derive(Default)]
pub struct QueuePane {
    pub desk: Option<Desk>,
    /// Why there is no desk (no queue at this centre...).
    pub error: Option<String>,
    /// The window list's cursor, while no window is taken.
    pub cursor: usize,
    /// Applications filed while serving the current ticket (the finish
    /// dialog offers the last one), with the ticket they belong to.
    pub filed: Vec<Filed>,
}

impl QueuePane {
    /// What to say while there is no desk to show.
    pub fn unavailable(&self, lang: Lang) -> String {
        self.error
            .clone()
            .unwrap_or_else(|| super::i18n::t(lang, "queue.not_loaded").to_string())
    }

    /// The ticket being served at the operator's window.
    pub fn serving(&self) -> Option<&str> {
        let d = self.desk.as_ref()?;
        d.current
            .as_ref()
            .filter(|t| t.state == crate::domain::queue::TicketState::Serving)
            .map(|t| t.number.as_str())
    }
}

/// An application filed, or a result issued, while a ticket was served.
#[derive(Debug, Clone)]
pub struct Filed {
    pub ticket: String,
    pub kind: OutcomeKind,
    pub application: String,
}

/// The queue figures of one day.
#[derive(Default)]
pub struct StatsPane {
    pub day: Option<NaiveDate>,
    pub stats: Option<DayStats>,
    pub config: Option<QueueConfig>,
    pub error: Option<String>,
}

/// A scroll position over text taller than its window: moved by the reducer,
/// kept within the text by drawing (which alone knows the window's height).
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    pub offset: Cell<u16>,
    /// The window's height at the last drawing: a page.
    pub page: Cell<u16>,
}

impl Scroll {
    /// Moves by the key's lines; false when it is not a scrolling key.
    pub fn on(&self, action: Action) -> bool {
        use Action::*;
        let page = self.page.get().max(1) as i32;
        let by = match action {
            Up => -1,
            Down => 1,
            PageUp => -page,
            PageDown => page,
            Top => -i32::from(u16::MAX),
            Bottom => i32::from(u16::MAX),
            _ => return false,
        };
        let to = (i32::from(self.offset.get()) + by).clamp(0, i32::from(u16::MAX));
        self.offset.set(to as u16);
        true
    }

    /// Keeps the offset within `total` lines shown `height` at a time; the offset.
    pub fn fit(&self, total: usize, height: u16) -> u16 {
        self.page.set(height);
        let max = (total as u16).saturating_sub(height);
        let offset = self.offset.get().min(max);
        self.offset.set(offset);
        offset
    }
}

#[derive(Debug, Clone)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub until: NaiveDateTime,
}

impl State {
    pub fn new(lang: Lang, now: NaiveDateTime, location: String, theme_name: String) -> State {
        State {
            lang,
            now,
            location,
            screen: Screen::Login(Box::default()),
            overlays: Vec::new(),
            toasts: VecDeque::new(),
            pending: Vec::new(),
            which_key: Vec::new(),
            help: false,
            help_scroll: Scroll::default(),
            theme_name,
            quit: false,
            online: true,
        }
    }

    pub fn work(&self) -> Option<&Work> {
        match &self.screen {
            Screen::Work(w) => Some(w),
            _ => None,
        }
    }
}


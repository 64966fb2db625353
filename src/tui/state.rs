//! The state above the rooms: the language and clock, the screen (whose
//! rooms hold their own state), the dialogs over it, toasts, which-key and
//! the key help. `State::room` is the innermost room.

use std::cell::Cell;
use std::collections::VecDeque;

use chrono::NaiveDateTime;

use super::action::Action;
use super::i18n::Lang;
use super::keymap::KeyPress;
use super::room::Room;
use super::screens::demo_offer::DemoOffer;
use super::screens::login::LoginForm;
use super::screens::work::Work;

/// A key that may follow the ones typed so far, and what it does.
#[derive(Debug, Clone)]
pub struct WhichKey {
    pub key: String,
    pub what: String,
}

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
    pub which_key: Vec<WhichKey>,
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

/// A scroll position over text taller than its window: moved by its room's keys,
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

    /// The innermost room: the top dialog, else the screen's.
    pub fn room(&self) -> &dyn Room {
        if let Some(d) = self.overlays.last() {
            return d;
        }
        match &self.screen {
            Screen::DemoOffer => &DemoOffer,
            Screen::Login(form) => &**form,
            Screen::Work(w) => w.room(),
        }
    }

    pub fn work(&self) -> Option<&Work> {
        match &self.screen {
            Screen::Work(w) => Some(w),
            _ => None,
        }
    }
}

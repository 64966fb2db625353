//! The ticket kiosk in the centre's hall: a large bilingual menu of the
//! categories (arrows or digits), barrier-free priority, appointment check-in
//! by code; a taken ticket shows its number, the people ahead and the
//! expected wait, and is written as a text file and to the receipt printer.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Duration, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::ops::OpsError;
use crate::ops::backend::Backend;
use crate::ops::queue::{APPOINTMENT_CODE_LEN, Taken};
use crate::ops::ticket_print;

use super::action::{Action, Context};
use super::field::Field;
use super::i18n::{Lang, category_names, t, tf};
use super::keymap::{KeyPress, Keymap, Resolution};
use super::theme::{StyleName as S, Theme};
use super::chrome::widgets::truncate;
use unicode_width::UnicodeWidthStr;

/// Seconds a taken ticket stays on the screen.
const SHOW_SECONDS: i64 = 20;

/// What went wrong, as a visitor in the hall is told it (in both languages,
/// at drawing): never the operations' own wording, which is for logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KioskError {
    /// No appointment has this code here.
    UnknownCode(String),
    /// The appointment is for another day or was checked in already.
    CodeNotValid(String),
    /// The server is out of reach (the client reconnects).
    Unavailable,
    /// The centre's queue is not set up.
    NoQueue,
    /// Anything else: the staff can help.
    Failed,
}

impl KioskError {
    pub(super) fn from_ops(e: &OpsError, code: Option<&str>) -> KioskError {
        tracing::warn!(error = %e, "kiosk");
        match (e, code) {
            (OpsError::Unavailable(_), _) => KioskError::Unavailable,
            (OpsError::NotFound(_), Some(code)) => KioskError::UnknownCode(code.to_string()),
            (OpsError::NotFound(_), None) => KioskError::NoQueue,
            (OpsError::Invalid(_) | OpsError::Queue(_), Some(code)) => {
                KioskError::CodeNotValid(code.to_string())
            }
            _ => KioskError::Failed,
        }
    }

    /// The text in one language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            KioskError::UnknownCode(code) => tf(lang, "kiosk.err_unknown_code", &[("code", code)]),
            KioskError::CodeNotValid(code) => {
                tf(lang, "kiosk.err_code_not_valid", &[("code", code)])
            }
            KioskError::Unavailable => t(lang, "error.unavailable").to_string(),
            KioskError::NoQueue => t(lang, "kiosk.err_no_queue").to_string(),
            KioskError::Failed => t(lang, "kiosk.err_failed").to_string(),
        }
    }
}

/// The centre's name in the hall's two languages (its code when unknown).
pub fn centre_names(backend: &dyn Backend, centre: &str, lang: Lang) -> (String, String) {
    let org = backend
        .orgs()
        .ok()
        .and_then(|orgs| orgs.into_iter().find(|o| o.code == centre));
    match org {
        Some(o) => {
            let kk = if o.name_kk.is_empty() {
                o.name_ru.clone()
            } else {
                o.name_kk.clone()
            };
            if lang == Lang::Kk {
                (kk, o.name_ru)
            } else {
                (o.name_ru, kk)
            }
        }
        None => (centre.to_string(), centre.to_string()),
    }
}

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
        notes: Vec<(String, bool)>,
    },
}

pub struct Kiosk {
    pub backend: Box<dyn Backend>,
    pub keymap: Keymap,
    pub centre: String,
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
        let centre_names = centre_names(backend.as_ref(), centre, lang);
        let mut k = Kiosk {
            backend,
            keymap,
            centre: centre.to_string(),
            centre_names,
            lang,
            now,
            config: None,
            error: None,
            online: true,
            screen: KioskScreen::Menu,
            cursor: 0,
            priority: None,
            tickets_dir: None,
            printer: None,
            quit: false,
        };
        k.load_config();
        k
    }

    fn load_config(&mut self) {
        match self.backend.queue_config(&self.centre) {
            Ok(c) => {
                self.config = Some(c);
                self.error = None;
            }
            Err(e) => self.error = Some(KioskError::from_ops(&e, None)),
        }
    }

    /// A text in both languages of the hall.
    fn both(&self, key: &str) -> (String, String) {
        (
            t(self.lang, key).to_string(),
            t(self.lang.partner(), key).to_string(),
        )
    }

    /// A text of the hall's first language, then " / " and the other's.
    fn both_with(&self, text: impl Fn(Lang) -> String) -> String {
        format!("{} / {}", text(self.lang), text(self.lang.partner()))
    }

    fn code_field() -> KioskScreen {
        KioskScreen::Code(Box::new(Field::limited(APPOINTMENT_CODE_LEN)))
    }

    fn items(&self) -> usize {
        self.config.as_ref().map_or(0, |c| c.categories.len()) + 1
    }

    pub fn tick(&mut self, now: NaiveDateTime) {
        self.now = now;
        self.online = self.backend.online();
        // The connection came back: its banner and error go.
        if self.online && self.error == Some(KioskError::Unavailable) {
            self.error = None;
        }
        if self.online && self.config.is_none() {
            self.load_config();
        }
        if let KioskScreen::Ticket { until, .. } = &self.screen
            && now >= *until
        {
            self.screen = KioskScreen::Menu;
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // Typed characters go to the code field; digits pick a category.
        if key.modifiers == KeyModifiers::NONE || key.modifiers == KeyModifiers::SHIFT {
            if let KioskScreen::Code(field) = &mut self.screen
                && key.code != KeyCode::Enter
                && key.code != KeyCode::Esc
                && field.takes(&key)
            {
                // A code is digits only: other characters are taken and dropped.
                if !matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) {
                    field.input(key);
                }
                return;
            }
            if let (KioskScreen::Menu, KeyCode::Char(c)) = (&self.screen, key.code)
                && let Some(d) = c.to_digit(10)
            {
                let n = self.config.as_ref().map_or(0, |c| c.categories.len());
                match d as usize {
                    0 => self.update(Action::CheckIn),
                    i if i >= 1 && i <= n => {
                        self.cursor = i - 1;
                        self.update(Action::Confirm);
                    }
                    _ => {}
                }
                return;
            }
        }
        let press = KeyPress::from_event(&key);
        if let Resolution::Action(a) =
            self.keymap
                .resolve(&[Context::Kiosk, Context::Global], &[], press)
        {
            self.update(a);
        }
    }

    pub fn update(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        // Esc always dismisses what went wrong.
        if action == Action::Cancel {
            self.error = None;
        }
        if self.config.is_none() {
            return;
        }
        let items = self.items();
        match &mut self.screen {
            KioskScreen::Menu => match action {
                Action::Up => self.cursor = (self.cursor + items - 1) % items,
                Action::Down => self.cursor = (self.cursor + 1) % items,
                Action::Priority => self.screen = KioskScreen::Priority(0),
                Action::CheckIn => self.screen = Kiosk::code_field(),
                Action::Confirm if self.cursor + 1 == items => self.screen = Kiosk::code_field(),
                Action::Confirm => self.take(),
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
                    if code.trim().is_empty() {
                        return;
                    }
                    let r = self.backend.queue_check_in(&self.centre, &code, self.now);
                    self.show(r, Some(&code));
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
    }

    fn take(&mut self) {
        let Some(letter) = self
            .config
            .as_ref()
            .and_then(|c| c.categories.get(self.cursor))
            .map(|c| c.letter)
        else {
            return;
        };
        let r = self
            .backend
            .queue_take(&self.centre, letter, self.priority, self.now);
        self.show(r, None);
    }

    /// Shows the ticket taken, or what went wrong; a refused code is cleared
    /// for the next try.
    fn show(&mut self, r: crate::ops::OpsResult<Taken>, code: Option<&str>) {
        match r {
            Ok(taken) => {
                self.error = None;
                self.priority = None;
                let notes = self.print(&taken);
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

    /// Writes the ticket file and sends it to the printer; says how each
    /// went in both languages (the system's error goes to the log).
    fn print(&self, taken: &Taken) -> Vec<(String, bool)> {
        let mut notes = Vec::new();
        let note = |key: &str, path: &std::path::Path, failed: bool| {
            let label = self.both_with(|l| t(l, key).to_string());
            (format!("{label}: {}", path.display()), failed)
        };
        if let Some(dir) = &self.tickets_dir {
            let t = &taken.ticket;
            let path = dir.join(format!("{}-{}-{}.txt", self.centre, t.day, t.number));
            let text = ticket_print::text(&self.centre, taken, self.now);
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
            let bytes = ticket_print::escpos(&self.centre, taken, self.now);
            let sent = std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(dev)
                .and_then(|mut f| f.write_all(&bytes).and_then(|_| f.flush()));
            notes.push(match sent {
                Ok(()) => (self.both_with(|l| t(l, "kiosk.printed").to_string()), false),
                Err(e) => {
                    tracing::warn!(device = %dev.display(), error = %e, "ticket printer");
                    note("kiosk.not_printed_on", dev, true)
                }
            });
        }
        notes
    }

    pub fn draw(&self, f: &mut Frame, th: &Theme) {
        let area = f.area();
        f.render_widget(Block::default().style(th.style(S::Base)), area);
        // What went wrong (or the lost server) shows above the hints, in both languages.
        let error = self
            .error
            .clone()
            .or((!self.online).then_some(KioskError::Unavailable));
        let error_lines: Vec<Line> = error
            .iter()
            .flat_map(|e| [e.text(self.lang), e.text(self.lang.partner())])
            .map(|text| Line::styled(format!(" {text}"), th.style(S::Error)))
            .collect();
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(1),
            Constraint::Length(2 + error_lines.len() as u16),
        ])
        .areas(area);
        let (title, title2) = self.both("kiosk.title");
        let (name, name2) = &self.centre_names;
        let clock = self.now.format("%d.%m.%Y %H:%M").to_string();
        // The clock always shows; the centre's name takes the room left.
        let room = |used: usize| (area.width as usize).saturating_sub(used);
        let name = truncate(name, room(title.width() + clock.width() + 6));
        let name2 = truncate(name2, room(title2.width() + 4));
        f.render_widget(
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled(format!(" {title} "), th.style(S::Title)),
                    Span::styled(format!(" {name} "), th.style(S::Muted)),
                    Span::raw(" "),
                    Span::styled(clock, th.style(S::Muted)),
                ]),
                Line::styled(format!(" {title2}  {name2}"), th.style(S::Muted)),
            ])
            .style(th.style(S::Header)),
            head,
        );
        let Some(config) = &self.config else {
            f.render_widget(Paragraph::new(error_lines).wrap(Wrap { trim: true }), body);
            return;
        };
        match &self.screen {
            KioskScreen::Menu => self.draw_menu(f, body, config, th),
            KioskScreen::Priority(i) => self.draw_priority(f, body, *i, th),
            KioskScreen::Code(field) => self.draw_code(f, body, field, th),
            KioskScreen::Ticket { taken, notes, .. } => self.draw_ticket(f, body, taken, notes, th),
        }
        let hint = match &self.screen {
            KioskScreen::Menu => "kiosk.hint_menu",
            KioskScreen::Priority(_) => "kiosk.hint_priority",
            KioskScreen::Code(_) => "kiosk.hint_code",
            KioskScreen::Ticket { .. } => "kiosk.hint_ticket",
        };
        let (h1, h2) = self.both(hint);
        let mut lines = error_lines;
        lines.push(Line::styled(format!(" {h1}"), th.style(S::Key)));
        lines.push(Line::styled(format!(" {h2}"), th.style(S::Muted)));
        f.render_widget(Paragraph::new(lines), foot);
    }

    fn draw_menu(&self, f: &mut Frame, area: Rect, config: &QueueConfig, th: &Theme) {
        let (ask, ask2) = self.both("kiosk.choose");
        let mut banner = vec![Line::from(vec![
            Span::styled(format!(" {ask}"), th.style(S::Title)),
            Span::styled(format!(" / {ask2}"), th.style(S::Muted)),
        ])];
        if let Some(p) = self.priority {
            let key = format!("priority.{}", p.as_str());
            let (p1, p2) = self.both(&key);
            let (l1, l2) = self.both("kiosk.priority_on");
            banner.push(Line::styled(
                format!(" ♿ {l1}: {p1} / {l2}: {p2}"),
                th.style(S::Highlight),
            ));
        }
        let [top, list] = Layout::vertical([
            Constraint::Length(banner.len() as u16 + 1),
            Constraint::Min(1),
        ])
        .areas(area);
        f.render_widget(Paragraph::new(banner), top);
        let n = config.categories.len() + 1;
        let big = list.height as usize >= n * 4;
        let rows =
            Layout::vertical(vec![Constraint::Length(if big { 4 } else { 2 }); n]).split(list);
        for (i, row) in rows.iter().enumerate() {
            let selected = i == self.cursor;
            let style = th.style(if selected { S::Selected } else { S::Base });
            f.render_widget(Block::default().style(style), *row);
            let (letter, name1, name2) = match config.categories.get(i) {
                Some(c) => {
                    let (a, b) = category_names(self.lang, c);
                    (format!("{}", i + 1), a.to_string(), b.to_string())
                }
                None => {
                    let (a, b) = self.both("kiosk.appointment");
                    ("0".to_string(), a, b)
                }
            };
            let [_, num, text] = Layout::horizontal([
                Constraint::Length(2),
                Constraint::Length(if big { 12 } else { 4 }),
                Constraint::Min(1),
            ])
            .areas(*row);
            if big {
                f.render_widget(
                    BigText::builder()
                        .pixel_size(PixelSize::HalfHeight)
                        .style(style)
                        .lines(vec![Line::raw(letter.clone())])
                        .build(),
                    num,
                );
            } else {
                f.render_widget(Paragraph::new(letter.clone()).style(style), num);
            }
            let pad = if big { "\n" } else { "" };
            f.render_widget(
                Paragraph::new(format!("{pad}{name1}\n{name2}")).style(style),
                text,
            );
        }
    }

    fn draw_priority(&self, f: &mut Frame, area: Rect, cursor: usize, th: &Theme) {
        let (ask, ask2) = self.both("kiosk.priority_title");
        let mut lines = vec![
            Line::styled(format!(" {ask}"), th.style(S::Title)),
            Line::styled(format!(" {ask2}"), th.style(S::Muted)),
            Line::raw(""),
        ];
        for i in 0..=PriorityReason::ALL.len() {
            let key = PriorityReason::ALL
                .get(i)
                .map_or("priority.none".to_string(), |p| {
                    format!("priority.{}", p.as_str())
                });
            let (a, b) = self.both(&key);
            let style = th.style(if i == cursor { S::Selected } else { S::Base });
            lines.push(Line::styled(format!("  {a} / {b}"), style));
            lines.push(Line::raw(""));
        }
        f.render_widget(Paragraph::new(lines), area);
    }

    fn draw_code(&self, f: &mut Frame, area: Rect, field: &Field, th: &Theme) {
        let (ask, ask2) = self.both("kiosk.code_title");
        let [label, input, rest] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(4),
            Constraint::Min(0),
        ])
        .areas(area);
        f.render_widget(
            Paragraph::new(vec![
                Line::styled(format!(" {ask}"), th.style(S::Title)),
                Line::styled(format!(" {ask2}"), th.style(S::Muted)),
            ]),
            label,
        );
        let text = field.text();
        f.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::HalfHeight)
                .style(th.style(S::InputFocused))
                .lines(vec![Line::raw(format!(" {text}_"))])
                .build(),
            input,
        );
        let _ = rest;
    }

    fn draw_ticket(
        &self,
        f: &mut Frame,
        area: Rect,
        taken: &Taken,
        notes: &[(String, bool)],
        th: &Theme,
    ) {
        let lang = self.lang;
        let l2 = self.lang.partner();
        let size = if area.height >= 18 && area.width >= 60 {
            PixelSize::Full
        } else {
            PixelSize::HalfHeight
        };
        let big_h = if size == PixelSize::Full { 8 } else { 4 };
        let [label, big, info] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(big_h),
            Constraint::Min(1),
        ])
        .areas(area);
        let (yours, yours2) = self.both("kiosk.your_ticket");
        f.render_widget(
            Paragraph::new(format!("{yours} / {yours2}"))
                .alignment(Alignment::Center)
                .style(th.style(S::Title)),
            label,
        );
        f.render_widget(
            BigText::builder()
                .pixel_size(size)
                .style(th.style(S::Highlight))
                .centered()
                .lines(vec![Line::raw(taken.ticket.number.clone())])
                .build(),
            big,
        );
        let (c1, c2) = category_names(lang, &taken.category);
        let wait = |l: Lang| match taken.wait_minutes {
            Some(m) => tf(l, "kiosk.wait", &[("minutes", &m)]),
            None => t(l, "kiosk.no_window").to_string(),
        };
        let mut lines = vec![
            Line::raw(""),
            Line::styled(format!("{c1} / {c2}"), th.style(S::Title)),
            Line::raw(format!(
                "{} / {}",
                tf(lang, "kiosk.ahead", &[("n", &taken.ahead)]),
                tf(l2, "kiosk.ahead", &[("n", &taken.ahead)])
            )),
            Line::raw(format!("{} / {}", wait(lang), wait(l2))),
        ];
        if let Some(p) = taken.ticket.priority {
            let (a, b) = self.both(&format!("priority.{}", p.as_str()));
            lines.push(Line::styled(
                format!("♿ {a} / {b}"),
                th.style(S::Highlight),
            ));
        }
        for (text, failed) in notes {
            lines.push(Line::styled(
                text.clone(),
                th.style(if *failed { S::Error } else { S::Muted }),
            ));
        }
        f.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::NONE)),
            info,
        );
    }
}

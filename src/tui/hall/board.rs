//! The hall display: the tickets at windows in large digits, the latest
//! call first and highlighted, and how many wait in each category. It reads
//! the centre's queue revision every tick and reloads only when it moved,
//! so a call shows within a tick. `HallBoard` is the shell (backend,
//! keymap); `BoardRoom` what the board shows, and its drawing.

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use crate::ops::backend::Backend;
use crate::ops::queue::Board;

use super::{self as hall, HallRoom, KioskError, centre_names};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::truncate;
use crate::tui::effect::Effect;
use crate::tui::i18n::{Lang, both, category_names, t, tf};
use crate::tui::keymap::Keymap;
use crate::tui::room::{Cx, EventState, Paint, Room};
use crate::tui::theme::{StyleName as S, Theme};

/// What the board shows.
pub struct BoardRoom {
    /// The centre's name, the first language's first.
    pub centre_names: (String, String),
    pub lang: Lang,
    pub now: NaiveDateTime,
    /// The last board read: it stays on screen while the server is away.
    pub board: Option<Board>,
    pub error: Option<KioskError>,
}

/// The board: its room and the backend it reads.
pub struct HallBoard {
    pub backend: Box<dyn Backend>,
    pub keymap: Keymap,
    pub centre: String,
    pub room: BoardRoom,
    pub quit: bool,
}

impl HallBoard {
    pub fn new(
        backend: Box<dyn Backend>,
        keymap: Keymap,
        centre: &str,
        lang: Lang,
        now: NaiveDateTime,
    ) -> HallBoard {
        let room = BoardRoom {
            centre_names: centre_names(backend.as_ref(), centre, lang),
            lang,
            now,
            board: None,
            error: None,
        };
        let mut b = HallBoard {
            backend,
            keymap,
            centre: centre.to_string(),
            room,
            quit: false,
        };
        b.reload();
        b
    }

    fn reload(&mut self) {
        let read = self.backend.queue_board(&self.centre, self.room.now);
        hall::loaded(read, &mut self.room.board, &mut self.room.error);
    }

    /// The clock moved: reload when the queue changed or a new day began.
    /// Returns whether it reloaded.
    pub fn tick(&mut self, now: NaiveDateTime) -> bool {
        self.room.now = now;
        // The revision is known from notices: while the server is away it
        // would not move, so the board reloads (and so learns it is back).
        let stale = !self.backend.online()
            || self.room.error.is_some()
            || match (&self.room.board, self.backend.queue_revision(&self.centre)) {
                (Some(b), Ok(rev)) => b.revision != rev || b.day != now.date(),
                _ => true,
            };
        if stale {
            self.reload();
        }
        stale
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        let (quit, effects) = hall::key(self.backend.as_ref(), &self.keymap, &mut self.room, key);
        self.quit |= quit;
        if effects.iter().any(|e| matches!(e, Effect::Refresh)) {
            self.reload();
        }
    }

    pub fn draw(&self, f: &mut Frame, th: &Theme) {
        hall::draw(f, th, self.backend.as_ref(), &self.keymap, &self.room);
    }
}

impl Room for BoardRoom {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Global]
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        if action != Action::Refresh {
            return EventState::Ignored;
        }
        cx.effect(Effect::Refresh);
        EventState::Consumed
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        self.draw_board(f, area, p.theme);
        area
    }
}

/// One call in large digits: the ticket, an arrow, the window.
fn big_call(
    f: &mut Frame,
    row: Rect,
    (size, num_w): (PixelSize, u16),
    number: &str,
    window: u16,
    style: ratatui::style::Style,
) {
    let [num, arrow, win] = Layout::horizontal([
        Constraint::Length(num_w),
        Constraint::Length(4),
        Constraint::Min(1),
    ])
    .areas(row);
    for (text, at) in [(number.to_string(), num), (window.to_string(), win)] {
        f.render_widget(
            BigText::builder()
                .pixel_size(size)
                .style(style)
                .lines(vec![Line::raw(text)])
                .build(),
            at,
        );
    }
    f.render_widget(
        Paragraph::new(vec![Line::raw(""), Line::styled(" → ", style)]),
        arrow,
    );
}

impl BoardRoom {
    fn draw_board(&self, f: &mut Frame, area: Rect, th: &Theme) {
        f.render_widget(Block::default().style(th.style(S::Base)), area);
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let other = self.lang.partner();
        let (name, name2) = &self.centre_names;
        let centre = if name == name2 {
            name.clone()
        } else {
            format!("{name} / {name2}")
        };
        let title = both(self.lang, "board.title");
        // The clock always shows; the centre's names take the room left.
        let centre = truncate(
            &centre,
            (area.width as usize).saturating_sub(title.width() + 4 + 2 + 16),
        );
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {title} "), th.style(S::Title)),
                Span::styled(format!(" {centre}  "), th.style(S::Muted)),
                Span::styled(
                    self.now.format("%d.%m.%Y %H:%M").to_string(),
                    th.style(S::Title),
                ),
            ]))
            .style(th.style(S::Header)),
            head,
        );
        // What went wrong, in both languages, in place of the latest call's words;
        // the last known calls stay.
        let error = self
            .error
            .as_ref()
            .map(|e| format!(" {} / {}", e.text(self.lang), e.text(other)));
        let Some(board) = &self.board else {
            f.render_widget(
                Paragraph::new(error.unwrap_or_default())
                    .style(th.style(S::Error))
                    .wrap(Wrap { trim: true }),
                body,
            );
            return;
        };
        if let Some(e) = error {
            f.render_widget(Paragraph::new(e).style(th.style(S::Error)), foot);
        }
        let [calls, side] =
            Layout::horizontal([Constraint::Percentage(66), Constraint::Percentage(34)])
                .areas(body);
        self.draw_calls(f, calls, board, th);
        self.draw_waiting(f, side, board, th);
        // The newest call once more in plain words, for those who do not read big digits.
        if let Some(c) = board.calls.first().filter(|_| self.error.is_none()) {
            let say = |l: Lang| {
                tf(
                    l,
                    "board.latest",
                    &[("number", &c.number), ("window", &c.window)],
                )
            };
            f.render_widget(
                Paragraph::new(format!(" {} / {}", say(self.lang), say(other)))
                    .style(th.style(S::Highlight)),
                foot,
            );
        }
    }

    fn draw_calls(&self, f: &mut Frame, area: Rect, board: &Board, th: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.style(S::Border))
            .title(Span::styled(
                format!(" {} ", both(self.lang, "board.calls")),
                th.style(S::Title),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        if board.calls.is_empty() {
            f.render_widget(
                Paragraph::new(both(self.lang, "board.none")).style(th.style(S::Muted)),
                inner,
            );
            return;
        }
        // Big rows (4 lines) while they fit, then the rest in plain text.
        let fits = (inner.height / 5) as usize;
        let size = if inner.width >= 60 {
            PixelSize::HalfHeight
        } else {
            PixelSize::Quadrant
        };
        let num_w = if size == PixelSize::HalfHeight {
            40
        } else {
            20
        };
        let mut y = inner.y;
        for (i, c) in board.calls.iter().enumerate() {
            let style = th.style(if i == 0 { S::Highlight } else { S::Base });
            if i < fits {
                let row = Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 4,
                };
                big_call(f, row, (size, num_w), &c.number, c.window, style);
                y += 5;
            } else if y < inner.y + inner.height {
                let row = Rect {
                    x: inner.x,
                    y,
                    width: inner.width,
                    height: 1,
                };
                f.render_widget(
                    Paragraph::new(format!(
                        " {:<6} → {} {}",
                        c.number,
                        t(self.lang, "board.window"),
                        c.window
                    ))
                    .style(style),
                    row,
                );
                y += 1;
            }
        }
    }

    fn draw_waiting(&self, f: &mut Frame, area: Rect, board: &Board, th: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.style(S::Border))
            .title(Span::styled(
                format!(" {} ", both(self.lang, "board.waiting")),
                th.style(S::Title),
            ));
        let mut lines = Vec::new();
        for (letter, n) in &board.waiting {
            let Some(c) = board.config.category(*letter) else {
                continue;
            };
            let (a, b) = category_names(self.lang, c);
            lines.push(Line::styled(
                format!(" {letter}  {n:>3}"),
                th.style(S::Highlight),
            ));
            lines.push(Line::styled(format!(" {a}"), th.style(S::Title)));
            lines.push(Line::styled(format!(" {b}"), th.style(S::Muted)));
            lines.push(Line::raw(""));
        }
        f.render_widget(Paragraph::new(lines).block(block), area);
    }
}

impl HallRoom for BoardRoom {
    fn lang(&self) -> Lang {
        self.lang
    }
    fn now(&self) -> NaiveDateTime {
        self.now
    }
}

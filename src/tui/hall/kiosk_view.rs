//! Drawing the kiosk: the header with the centre's names and the clock,
//! the menu, the priority choice, the code entry or the ticket, and the
//! hints and any error in both languages.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use crate::domain::queue::{PriorityReason, QueueConfig};
use crate::ops::queue::Taken;
use crate::tui::chrome::widgets::truncate;
use crate::tui::field::Field;
use crate::tui::i18n::{self, Lang, category_names, t, tf};
use crate::tui::theme::{StyleName as S, Theme};

use super::KioskError;
use super::kiosk::{KioskRoom, KioskScreen, Note};

impl KioskRoom {
    /// A priority (or none) in the hall's two languages.
    fn priority_both(&self, p: Option<PriorityReason>) -> (String, String) {
        let name = |lang: Lang| match p {
            Some(p) => i18n::priority_name(lang, p).to_string(),
            None => t(lang, "priority.none").to_string(),
        };
        (name(self.lang), name(self.lang.partner()))
    }

    pub(super) fn draw_kiosk(&self, f: &mut Frame, area: Rect, th: &Theme) {
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
            let (p1, p2) = self.priority_both(Some(p));
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
            let (a, b) = self.priority_both(PriorityReason::ALL.get(i).copied());
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

    fn draw_ticket(&self, f: &mut Frame, area: Rect, taken: &Taken, notes: &[Note], th: &Theme) {
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
            let (a, b) = self.priority_both(Some(p));
            lines.push(Line::styled(
                format!("♿ {a} / {b}"),
                th.style(S::Highlight),
            ));
        }
        for Note { text, failed } in notes {
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

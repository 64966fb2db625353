//! Sending the visitor at the window on: to another category or to a
//! window someone sits at, with a reason.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::queue::{Ticket, TransferTarget};
use crate::ops::queue::{Desk, QueueAct};
use crate::tui::action::{Action, Context};
use crate::tui::chrome::widgets::{dialog_block, draw_field, modal};
use crate::tui::effect::Command;
use crate::tui::field::Field;
use crate::tui::i18n::{self, Lang, t, tf};
use crate::tui::room::{Cx, EventState, Paint, Room, Session};
use crate::tui::theme::StyleName as S;

use super::{FORM_CONTEXTS, ListAndText, save_footer};

/// Where a visitor may be sent, as the list says it.
#[derive(Debug, Clone)]
pub struct TransferChoice {
    pub to: TransferTarget,
    pub label: String,
}

/// The transfer dialog's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferFocus {
    Target,
    Reason,
}

pub struct TransferDialog {
    pub ticket: String,
    pub targets: Vec<TransferChoice>,
    pub selected: usize,
    pub reason: Field,
    pub focus: TransferFocus,
}

/// "category B" or "window 3".
pub fn target_name(lang: Lang, to: TransferTarget) -> String {
    match to {
        TransferTarget::Category(c) => tf(lang, "queue.to_category", &[("letter", &c)]),
        TransferTarget::Window(n) => tf(lang, "queue.to_window", &[("window", &n)]),
    }
}

impl TransferDialog {
    /// The other categories, then the windows someone else sits at (a closed
    /// one would strand the visitor).
    pub fn new(lang: Lang, desk: &Desk, ticket: &Ticket, session: Session) -> TransferDialog {
        let mine = desk.window.as_ref().map(|s| s.number);
        let mut targets: Vec<TransferChoice> = desk
            .config
            .categories
            .iter()
            .filter(|c| c.letter != ticket.category)
            .map(|c| {
                let name = i18n::category_name(lang, c);
                let to = TransferTarget::Category(c.letter);
                let label = format!("{} — {name}", target_name(lang, to));
                TransferChoice { to, label }
            })
            .collect();
        let open = desk
            .windows
            .iter()
            .filter(|s| Some(s.number) != mine && desk.config.window(s.number).is_some());
        for s in open {
            let Some(who) = s.operator.as_deref().map(|l| session.name_of(l)) else {
                continue;
            };
            let to = TransferTarget::Window(s.number);
            let state = i18n::operator_state_name(lang, s.state);
            let label = format!("{} — {who} ({state})", target_name(lang, to));
            targets.push(TransferChoice { to, label });
        }
        TransferDialog {
            ticket: ticket.number.clone(),
            targets,
            selected: 0,
            reason: Field::new(),
            focus: TransferFocus::Target,
        }
    }
}

impl ListAndText for TransferDialog {
    fn on_text(&self) -> bool {
        self.focus == TransferFocus::Reason
    }

    fn set_on_text(&mut self, on_text: bool) {
        self.focus = if on_text {
            TransferFocus::Reason
        } else {
            TransferFocus::Target
        };
    }

    fn cursor(&mut self) -> (&mut usize, usize) {
        (&mut self.selected, self.targets.len())
    }

    fn text(&mut self) -> &mut Field {
        &mut self.reason
    }

    fn submit(&self, cx: &mut Cx) {
        let lang = cx.lang;
        let reason = self.reason.text().trim().to_string();
        let Some(choice) = self.targets.get(self.selected) else {
            return;
        };
        if reason.is_empty() {
            return cx.error(t(lang, "queue.need_reason"));
        }
        let text = tf(
            lang,
            "queue.confirm_transfer",
            &[("number", &self.ticket), ("to", &choice.label)],
        );
        let to = choice.to;
        cx.ask(text, Command::Queue(QueueAct::Transfer { to, reason }));
    }
}

impl Room for TransferDialog {
    fn contexts(&self) -> &'static [Context] {
        FORM_CONTEXTS
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Submit, Action::Cancel, Action::NextField]
    }

    fn typing(&self) -> bool {
        true
    }

    fn unsaved(&self) -> bool {
        !self.reason.text().trim().is_empty()
    }

    fn take_key(&mut self, key: KeyEvent, _cx: &mut Cx) -> EventState {
        self.take_list_key(key)
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) -> EventState {
        self.on_list_action(action, cx)
    }

    fn draw(&self, f: &mut Frame, area: Rect, p: &Paint) -> Rect {
        let (lang, th) = (p.lang, p.theme);
        let r = modal(f, th, area, 70, (self.targets.len() as u16 + 7).min(18));
        let title = tf(lang, "queue.transfer_title", &[("number", &self.ticket)]);
        let block = dialog_block(title, th);
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [list, label, text, foot] = Layout::vertical([
            Constraint::Min(2),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let mut lines = vec![Line::styled(
            t(lang, "queue.transfer_to"),
            th.style(S::Label),
        )];
        for (i, choice) in self.targets.iter().enumerate() {
            let style = match (i == self.selected, self.on_text()) {
                (true, false) => th.style(S::Selected),
                (true, true) => th.style(S::Highlight),
                _ => Style::default(),
            };
            lines.push(Line::styled(format!("  {}", choice.label), style));
        }
        f.render_widget(Paragraph::new(lines), list);
        f.render_widget(
            Paragraph::new(t(lang, "queue.reason")).style(th.style(S::Label)),
            label,
        );
        draw_field(f, text, &self.reason, self.on_text(), th);
        f.render_widget(Paragraph::new(save_footer(p)), foot);
        r
    }
}

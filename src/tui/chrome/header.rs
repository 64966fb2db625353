//! The top line: the product, who is signed in where, the data's location (or that the server is out of reach) and the clock.
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::widgets::truncate;
use crate::tui::i18n::{self, t};
use crate::tui::state::*;
use crate::tui::theme::StyleName as S;
use crate::tui::ui::View;

pub fn draw_header(f: &mut Frame, area: Rect, state: &State, v: &View) {
    let lang = state.lang;
    let th = v.theme;
    let width = area.width as usize;
    let clock = state.now.format("%d.%m.%Y %H:%M:%S").to_string();
    let who = state.work().map(|w| {
        format!(
            " {} ({}) │ {} │ {} ",
            w.user.full_name,
            w.user.login,
            i18n::role_name(lang, w.role),
            i18n::org_name(lang, &w.org),
        )
    });
    let offline = !state.online;
    let location = if offline {
        format!(" {} │", t(lang, "error.unavailable"))
    } else {
        format!(" {}: {} │", t(lang, "frame.data"), state.location)
    };
    // The clock always shows; the user comes next; the data location if room is left.
    let room = width.saturating_sub(" Qyzmet ".width() + clock.width() + 2);
    // A lost server outranks the user's name for the room.
    let who_room = if offline {
        room.saturating_sub(location.width())
    } else {
        room
    };
    let who = truncate(who.as_deref().unwrap_or(""), who_room);
    let room = room.saturating_sub(who.width());
    let location = if location.width() <= room {
        location
    } else {
        String::new()
    };
    let pad = room.saturating_sub(location.width());
    let line = Line::from(vec![
        Span::styled(" Qyzmet ", th.style(S::Title)),
        Span::raw(who),
        Span::raw(" ".repeat(pad)),
        Span::styled(
            location,
            th.style(if offline { S::Error } else { S::Muted }),
        ),
        Span::raw(" "),
        Span::styled(clock, th.style(S::Title)),
    ]);
    f.render_widget(Paragraph::new(line).style(th.style(S::Header)), area);
}

//! A text field: ratatui-textarea does the editing; the field decides which
//! keys it takes, so everything else reaches the pane and the keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone)]
pub struct Field {
    pub area: TextArea<'static>,
    pub multiline: bool,
    pub secret: bool,
    /// At most this many characters (0: no limit).
    pub max: usize,
}

impl Default for Field {
    fn default() -> Self {
        Field::new()
    }
}

impl Field {
    pub fn new() -> Field {
        Field {
            area: TextArea::default(),
            multiline: false,
            secret: false,
            max: 0,
        }
    }

    pub fn multiline() -> Field {
        Field {
            multiline: true,
            ..Field::new()
        }
    }

    pub fn secret() -> Field {
        let mut f = Field::new();
        f.secret = true;
        f.area.set_mask_char('•');
        f
    }

    pub fn limited(max: usize) -> Field {
        Field {
            max,
            ..Field::new()
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.is_empty())
    }

    pub fn set(&mut self, text: &str) {
        let mut area = TextArea::new(text.lines().map(String::from).collect());
        if self.secret {
            area.set_mask_char('•');
        }
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.area = area;
    }

    pub fn clear(&mut self) {
        self.set("");
    }

    /// Whether this key is the field's to edit with.
    pub fn takes(&self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(_) => plain,
            KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right => true,
            KeyCode::Home | KeyCode::End => plain,
            KeyCode::Enter => self.multiline && plain,
            KeyCode::Up | KeyCode::Down => self.multiline && plain && self.area.lines().len() > 1,
            _ => false,
        }
    }

    /// Edits with the key when it is the field's; says whether it was.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        if !self.takes(&key) {
            return false;
        }
        if let KeyCode::Char(_) = key.code
            && self.max > 0
            && self.text().chars().count() >= self.max
        {
            return true;
        }
        self.area.input(key);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn edits_and_lets_the_rest_through() {
        let mut f = Field::limited(3);
        for c in "1234".chars() {
            assert!(f.input(key(KeyCode::Char(c))));
        }
        assert_eq!(f.text(), "123");
        assert!(f.input(key(KeyCode::Backspace)));
        assert_eq!(f.text(), "12");
        assert!(!f.input(key(KeyCode::Enter)));
        assert!(!f.input(key(KeyCode::Tab)));
        assert!(!f.input(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        let mut m = Field::multiline();
        assert!(m.input(key(KeyCode::Char('a'))));
        assert!(m.input(key(KeyCode::Enter)));
        assert!(m.input(key(KeyCode::Char('b'))));
        assert_eq!(m.text(), "a\nb");
        f.set("абв");
        assert_eq!(f.text(), "абв");
    }
}

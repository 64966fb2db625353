//! A Cyrillic keyboard layout folded back to the keys of a US one, so that
//! letters work whichever layout is active.

use crossterm::event::KeyCode;

use super::key::KeyPress;

/// The key in the same physical position on a US QWERTY keyboard, for a
/// character typed with a Cyrillic layout active; modifiers are kept
/// (Ctrl+ч is Ctrl+x). Anything else is returned unchanged.
///
/// Russian ЙЦУКЕН (lower / upper case -> unshifted / shifted US key):
///
/// | row    | Cyrillic                  | US                        |
/// |--------|---------------------------|---------------------------|
/// | `      | ё Ё                       | `` ` ~ ``                 |
/// | top    | й ц у к е н г ш щ з х ъ   | q w e r t y u i o p [ ]   |
/// | home   | ф ы в а п р о л д ж э     | a s d f g h j k l ; '     |
/// | bottom | я ч с м и т ь б ю         | z x c v b n m , .         |
///
/// Upper case gives the shifted US character (Х -> `{`, Ж -> `:`, Б -> `<`).
///
/// Kazakh (KZ, RST KazSSR 903-90; the Windows "Kazakh" and XKB `kz` layouts):
/// the letters of the Russian alphabet sit as above, and the nine Kazakh
/// letters replace the digits of the number row:
///
/// | key | 2 | 3 | 4 | 5 | 8 | 9 | 0 | - | = |
/// |-----|---|---|---|---|---|---|---|---|---|
/// | lower | ә | і | ң | ғ | ү | ұ | қ | ө | һ |
/// | upper (US shifted) | Ә `@` | І `#` | Ң `$` | Ғ `%` | Ү `*` | Ұ `(` | Қ `)` | Ө `_` | Һ `+` |
///
/// (Keys 1, 6 and 7 carry `"` `!`, `,` `;` and `.` `:` in that layout.)
///
/// ASCII characters are never remapped, although the Russian layout puts `.`
/// and `,` on the `/` key: `.` typed on a Latin layout would then act as `/`.
pub fn remap_layout(k: KeyPress) -> KeyPress {
    let KeyCode::Char(c) = k.code else { return k };
    match LAYOUT.iter().find(|(cy, _)| *cy == c) {
        Some((_, latin)) => KeyPress::new(KeyCode::Char(*latin), k.mods),
        None => k,
    }
}

pub(super) const LAYOUT: &[(char, char)] = &[
    // Russian, number row and top row
    ('ё', '`'),
    ('Ё', '~'),
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('Й', 'Q'),
    ('Ц', 'W'),
    ('У', 'E'),
    ('К', 'R'),
    ('Е', 'T'),
    ('Н', 'Y'),
    ('Г', 'U'),
    ('Ш', 'I'),
    ('Щ', 'O'),
    ('З', 'P'),
    ('Х', '{'),
    ('Ъ', '}'),
    // home row
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('Ф', 'A'),
    ('Ы', 'S'),
    ('В', 'D'),
    ('А', 'F'),
    ('П', 'G'),
    ('Р', 'H'),
    ('О', 'J'),
    ('Л', 'K'),
    ('Д', 'L'),
    ('Ж', ':'),
    ('Э', '"'),
    // bottom row
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('Я', 'Z'),
    ('Ч', 'X'),
    ('С', 'C'),
    ('М', 'V'),
    ('И', 'B'),
    ('Т', 'N'),
    ('Ь', 'M'),
    ('Б', '<'),
    ('Ю', '>'),
    // Kazakh letters on the number row
    ('ә', '2'),
    ('і', '3'),
    ('ң', '4'),
    ('ғ', '5'),
    ('ү', '8'),
    ('ұ', '9'),
    ('қ', '0'),
    ('ө', '-'),
    ('һ', '='),
    ('Ә', '@'),
    ('І', '#'),
    ('Ң', '$'),
    ('Ғ', '%'),
    ('Ү', '*'),
    ('Ұ', '('),
    ('Қ', ')'),
    ('Ө', '_'),
    ('Һ', '+'),
];

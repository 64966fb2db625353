//! The paper ticket from the kiosk, in Kazakh and Russian: as plain text (a
//! file beside the store) and as ESC/POS bytes for a receipt printer.
//! Receipt printers know code page 866, which lacks the Kazakh letters:
//! those print as the nearest Russian ones.

use chrono::NaiveDateTime;

use super::queue::Taken;
use crate::domain::queue::PriorityReason;

fn priority_text(p: PriorityReason) -> &'static str {
    match p {
        PriorityReason::Disability => "Мүгедектігі бар адам / Лицо с инвалидностью",
        PriorityReason::Elderly => "Егде жастағы адам / Пожилой возраст",
        PriorityReason::Pregnant => "Жүкті әйел / Беременная",
    }
}

/// The ticket's lines; the number is the second line.
fn lines(centre: &str, taken: &Taken, at: NaiveDateTime) -> Vec<String> {
    let t = &taken.ticket;
    let mut out = vec![
        "КЕЗЕК ТАЛОНЫ / ТАЛОН ОЧЕРЕДИ".to_string(),
        t.number.clone(),
        format!("{} / {}", taken.category.name_kk, taken.category.name_ru),
    ];
    if let Some(p) = t.priority {
        out.push(format!("Басым / Приоритет: {}", priority_text(p)));
    }
    if let Some(code) = &t.appointment {
        out.push(format!("Жазылу / Запись: {code}"));
    }
    out.push(format!("Сізден бұрын / Перед вами: {}", taken.ahead));
    out.push(match taken.wait_minutes {
        Some(m) => format!("Күту / Ожидание: ~{m} мин"),
        None => "Күту / Ожидание: терезелер жабық / окна закрыты".to_string(),
    });
    out.push(format!("{centre}  {}", at.format("%d.%m.%Y %H:%M")));
    out
}

/// The ticket as a small text file.
pub fn text(centre: &str, taken: &Taken, at: NaiveDateTime) -> String {
    let mut out = String::new();
    let rule = "-".repeat(40);
    for (i, l) in lines(centre, taken, at).into_iter().enumerate() {
        if i == 1 {
            out.push_str(&format!("{rule}\n\n        {l}\n\n{rule}\n"));
        } else {
            out.push_str(&l);
            out.push('\n');
        }
    }
    out
}

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

/// ESC/POS: reset, code page 866, centred, the number four times as large,
/// a feed and a partial cut.
pub fn escpos(centre: &str, taken: &Taken, at: NaiveDateTime) -> Vec<u8> {
    let mut b = vec![ESC, b'@', ESC, b't', 17, ESC, b'a', 1];
    for (i, l) in lines(centre, taken, at).into_iter().enumerate() {
        if i == 1 {
            b.extend([GS, b'!', 0x33]);
            b.extend(cp866(&l));
            b.extend([b'\n', GS, b'!', 0x00]);
        } else {
            b.extend(cp866(&l));
            b.push(b'\n');
        }
    }
    b.extend([b'\n', b'\n', b'\n', GS, b'V', 66, 0]);
    b
}

/// Text in code page 866; Kazakh letters as their nearest Russian ones,
/// anything else unknown as '?'.
pub fn cp866(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            let c = match c {
                'Ә' => 'А',
                'ә' => 'а',
                'Ғ' => 'Г',
                'ғ' => 'г',
                'Қ' => 'К',
                'қ' => 'к',
                'Ң' => 'Н',
                'ң' => 'н',
                'Ө' => 'О',
                'ө' => 'о',
                'Ұ' | 'Ү' => 'У',
                'ұ' | 'ү' => 'у',
                'Һ' => 'Х',
                'һ' => 'х',
                'І' => 'I',
                'і' => 'i',
                '«' | '»' => '"',
                '—' | '–' => '-',
                other => other,
            };
            match c as u32 {
                0..=0x7f => c as u8,
                0x410..=0x43f => (c as u32 - 0x410 + 0x80) as u8,
                0x440..=0x44f => (c as u32 - 0x440 + 0xe0) as u8,
                0x401 => 0xf0,
                0x451 => 0xf1,
                0x2116 => 0xfc,
                _ => b'?',
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_page_866() {
        assert_eq!(cp866("Aя"), vec![b'A', 0xef]);
        assert_eq!(cp866("Ёё№"), vec![0xf0, 0xf1, 0xfc]);
        assert_eq!(cp866("Әқ"), cp866("Ак"));
        assert_eq!(cp866("☺"), vec![b'?']);
        assert_eq!(cp866("Рп"), vec![0x90, 0xaf]);
    }
}

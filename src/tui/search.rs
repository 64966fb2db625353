//! Fuzzy search for the service picker and the list filter (`/`), with the
//! `nucleo` matcher: each word of the query must match one field (a name,
//! a number, an IIN) in order of its letters; closer and earlier matches at
//! word starts rank higher. Kazakh letters fold to the Russian ones people
//! type for them, so `Сеитова` finds `Сейітова`.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Lower case, `ё` as `е`, and the Kazakh letters as the Russian letters a
/// Russian keyboard gives (`ә`→`а`, `қ`→`к`, `і`→`и`...); `й` as `и`, since
/// `Сейітова` is also typed `Сеитова`.
pub fn fold_letters(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' | 'й' => 'и',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

/// A typed query, ready to score many candidates.
pub struct Query {
    atoms: Vec<Atom>,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let atoms = fold_letters(text)
            .split_whitespace()
            .map(|word| {
                // Digits are a number or an IIN: a part of it, not scattered digits.
                let kind = if word.chars().any(|c| c.is_ascii_digit()) {
                    AtomKind::Substring
                } else {
                    AtomKind::Fuzzy
                };
                Atom::new(
                    word,
                    CaseMatching::Ignore,
                    Normalization::Never,
                    kind,
                    false,
                )
            })
            .collect();
        Query {
            atoms,
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty()
    }

    /// The score of a candidate whose `fields` are already folded with
    /// [`fold_letters`]; None when some word matches no field.
    pub fn score<S: AsRef<str>>(&mut self, fields: &[S]) -> Option<u32> {
        let mut total = 0;
        for atom in &self.atoms {
            let best = fields
                .iter()
                .filter_map(|f| {
                    let hay = Utf32Str::new(f.as_ref(), &mut self.buf);
                    atom.score(hay, &mut self.matcher)
                })
                .max()?;
            total += u32::from(best);
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, field: &str) -> bool {
        Query::new(query).score(&[fold_letters(field)]).is_some()
    }

    #[test]
    fn kazakh_names_are_found_with_russian_letters() {
        assert!(matches("Сеитова", "Сейітова Айгүл"));
        assert!(matches("айгул", "Сейітова Айгүл"));
        assert!(matches("кайрат", "Қайрат"));
        assert!(matches("Сейітова", "Сейітова Айгүл"));
        assert!(!matches("Петрова", "Сейітова Айгүл"));
    }

    #[test]
    fn numbers_match_as_a_part() {
        assert!(matches("000059", "KRG-ED-2026-000059"));
        assert!(matches("krg-ed-2026-000059", "KRG-ED-2026-000059"));
        assert!(!matches("000095", "KRG-ED-2026-000059"));
        assert!(matches("800101", "800101300016"));
    }
}

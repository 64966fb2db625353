//! The individual identification number (ИИН): 12 digits, YYMMDD, a
//! century-and-sex digit, a 4-digit serial and a check digit.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// A valid IIN. Construct it with `parse`; holding one proves it is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin([u8; 12]);

/// Why a string is not an IIN. Each says what a person at the counter should check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum IinError {
    #[error("an IIN has 12 digits, this has {0}")]
    Length(usize),
    #[error("an IIN has only digits; {0:?} at position {1} is not one")]
    NonDigit(char, usize),
    #[error("digit 7 ({0}) must be 1-6 (century and sex)")]
    Century(u8),
    #[error("the first six digits are not a real birth date ({0})")]
    Date(String),
    #[error("the check digit does not match: expected {expected}, got {got}")]
    Checksum { expected: u8, got: u8 },
    #[error("no valid check digit exists for these first 11 digits")]
    NoChecksum,
    #[error("the birth date {0} is in the future")]
    FutureBirth(NaiveDate),
}

impl IinError {
    /// A short stable key for the reason, for scripts (`--json`).
    pub fn code(&self) -> &'static str {
        match self {
            IinError::Length(_) => "length",
            IinError::NonDigit(..) => "non_digit",
            IinError::Century(_) => "century",
            IinError::Date(_) => "date",
            IinError::Checksum { .. } | IinError::NoChecksum => "checksum",
            IinError::FutureBirth(_) => "future_birth",
        }
    }
}

const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit for the first 11 digits, or None when both passes give 10.
pub fn check_digit(d: &[u8; 11]) -> Option<u8> {
    let sum = |w: &[u32; 11]| {
        d.iter()
            .zip(w)
            .map(|(&x, &w)| u32::from(x) * w)
            .sum::<u32>()
            % 11
    };
    match sum(&W1) {
        10 => match sum(&W2) {
            10 => None,
            c => Some(c as u8),
        },
        c => Some(c as u8),
    }
}

/// What a person types between digit groups ("800101 300016", "800101-300016").
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}')
}

impl Iin {
    /// An IIN as a person typed it, on `today`: group separators (spaces,
    /// dashes) are dropped, and a birth date after `today` is refused. Every
    /// IIN that comes from a person (command line, registry file, form)
    /// goes through here; `parse` is for IINs already on record.
    pub fn from_input(s: &str, today: NaiveDate) -> Result<Iin, IinError> {
        let typed = s.trim();
        // Anything but digits and separators is named where it was typed.
        if let Some((i, c)) = typed
            .chars()
            .enumerate()
            .find(|&(_, c)| !c.is_ascii_digit() && !is_separator(c))
        {
            return Err(IinError::NonDigit(c, i + 1));
        }
        let digits: String = typed.chars().filter(|&c| !is_separator(c)).collect();
        let iin = Iin::parse(&digits)?;
        if iin.birth_date() > today {
            return Err(IinError::FutureBirth(iin.birth_date()));
        }
        Ok(iin)
    }

    pub fn parse(s: &str) -> Result<Iin, IinError> {
        let s = s.trim();
        let n = s.chars().count();
        if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit())
            && (n == 12 || !c.is_ascii_digit() && n <= 12)
        {
            return Err(IinError::NonDigit(c, i + 1));
        }
        if n != 12 {
            return Err(IinError::Length(n));
        }
        let mut d = [0u8; 12];
        for (i, b) in s.bytes().enumerate() {
            d[i] = b - b'0';
        }
        let century = d[6];
        let base = match century {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(IinError::Century(century)),
        };
        let year = base + i32::from(d[0] * 10 + d[1]);
        let month = u32::from(d[2] * 10 + d[3]);
        let day = u32::from(d[4] * 10 + d[5]);
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(IinError::Date(format!("{year}-{month:02}-{day:02}")));
        }
        let first: [u8; 11] = d[..11].try_into().expect("11 digits");
        match check_digit(&first) {
            None => Err(IinError::NoChecksum),
            Some(c) if c != d[11] => Err(IinError::Checksum {
                expected: c,
                got: d[11],
            }),
            Some(_) => Ok(Iin(d)),
        }
    }

    pub fn birth_date(&self) -> NaiveDate {
        let d = &self.0;
        let base = match d[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            _ => 2000,
        };
        NaiveDate::from_ymd_opt(
            base + i32::from(d[0] * 10 + d[1]),
            u32::from(d[2] * 10 + d[3]),
            u32::from(d[4] * 10 + d[5]),
        )
        .expect("validated at parse")
    }

    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Builds a valid IIN from a birth date, sex and serial, for demo data and
    /// tests; None when that serial has no valid check digit.
    pub fn compose(birth: NaiveDate, sex: Sex, serial: u16) -> Option<Iin> {
        use chrono::Datelike;
        let y = birth.year();
        let century = match (y / 100, sex) {
            (18, Sex::Male) => 1,
            (18, Sex::Female) => 2,
            (19, Sex::Male) => 3,
            (19, Sex::Female) => 4,
            (20, Sex::Male) => 5,
            (20, Sex::Female) => 6,
            _ => return None,
        };
        let s = format!(
            "{:02}{:02}{:02}{century}{:04}",
            y % 100,
            birth.month(),
            birth.day(),
            serial % 10000
        );
        let mut d = [0u8; 11];
        for (i, b) in s.bytes().enumerate() {
            d[i] = b - b'0';
        }
        let c = check_digit(&d)?;
        Iin::parse(&format!("{s}{c}")).ok()
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl FromStr for Iin {
    type Err = IinError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

impl TryFrom<String> for Iin {
    type Error = IinError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iin::parse(&s)
    }
}

impl From<Iin> for String {
    fn from(i: Iin) -> String {
        i.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn typed_separators_are_not_digits() {
        let want = Iin::parse("800101300016").unwrap();
        for typed in [
            "800101 300016",
            " 800101-300016 ",
            "8001 0130 0016",
            "800101\u{2013}300016",
        ] {
            assert_eq!(Iin::from_input(typed, today()), Ok(want), "{typed:?}");
        }
        assert_eq!(
            Iin::from_input("800101 3000166", today()),
            Err(IinError::Length(13))
        );
        assert_eq!(
            Iin::from_input("800101/300016", today()),
            Err(IinError::NonDigit('/', 7))
        );
    }

    #[test]
    fn a_birth_date_after_today_is_refused() {
        let born_2030 = Iin::compose(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(), Sex::Male, 1)
            .expect("a valid IIN");
        assert_eq!(
            Iin::from_input(&born_2030.to_string(), today()),
            Err(IinError::FutureBirth(born_2030.birth_date()))
        );
        let born_today = Iin::compose(today(), Sex::Female, 7).expect("a valid IIN");
        assert_eq!(
            Iin::from_input(&born_today.to_string(), today()),
            Ok(born_today)
        );
        assert_eq!(
            Iin::from_input("300101500014", today()).map_err(|e| e.code()),
            Err("future_birth")
        );
    }

    #[test]
    fn accepts_a_valid_number() {
        let good = Iin::compose(
            NaiveDate::from_ymd_opt(1990, 4, 15).unwrap(),
            Sex::Male,
            123,
        )
        .expect("composable");
        assert_eq!(good.to_string()[..11], *"90041530123");
        let parsed = Iin::parse(&good.to_string()).unwrap();
        assert_eq!(
            parsed.birth_date(),
            NaiveDate::from_ymd_opt(1990, 4, 15).unwrap()
        );
        assert_eq!(parsed.sex(), Sex::Male);
    }

    #[test]
    fn known_check_digit() {
        // 8 0 0 1 0 1 3 0 0 0 1: sum = 8+0+0+4+0+6+21+0+0+0+11 = 50, 50 mod 11 = 6.
        assert_eq!(check_digit(&[8, 0, 0, 1, 0, 1, 3, 0, 0, 0, 1]), Some(6));
        assert!(Iin::parse("800101300016").is_ok());
        assert_eq!(
            Iin::parse("800101300017"),
            Err(IinError::Checksum {
                expected: 6,
                got: 7
            })
        );
    }

    #[test]
    fn second_weights_when_the_first_pass_gives_ten() {
        // Every prefix whose first pass gives 10 takes the second weights.
        let mut found = false;
        for serial in 0..10000u32 {
            let s = format!("0001015{serial:04}");
            let d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
            let arr: [u8; 11] = d.try_into().unwrap();
            let p1 = arr
                .iter()
                .zip(W1)
                .map(|(&x, w)| u32::from(x) * w)
                .sum::<u32>()
                % 11;
            if p1 == 10 {
                let p2 = arr
                    .iter()
                    .zip(W2)
                    .map(|(&x, w)| u32::from(x) * w)
                    .sum::<u32>()
                    % 11;
                let c = check_digit(&arr);
                if p2 == 10 {
                    assert_eq!(c, None);
                    assert_eq!(Iin::parse(&format!("{s}0")), Err(IinError::NoChecksum));
                } else {
                    assert_eq!(c, Some(p2 as u8));
                    assert!(Iin::parse(&format!("{s}{p2}")).is_ok());
                    found = true;
                }
            }
        }
        assert!(found);
    }

    #[test]
    fn each_rejection_says_why() {
        assert_eq!(Iin::parse("12345"), Err(IinError::Length(5)));
        assert_eq!(Iin::parse("1234567890123"), Err(IinError::Length(13)));
        assert_eq!(Iin::parse("80010130001a"), Err(IinError::NonDigit('a', 12)));
        assert_eq!(Iin::parse("8001 0130001"), Err(IinError::NonDigit(' ', 5)));
        assert_eq!(Iin::parse("800101700016"), Err(IinError::Century(7)));
        assert_eq!(Iin::parse("800101000016"), Err(IinError::Century(0)));
        assert!(matches!(Iin::parse("801301300016"), Err(IinError::Date(_))));
        // 29 Feb 1900 did not exist; 29 Feb 2000 did.
        assert!(matches!(Iin::parse("000229300010"), Err(IinError::Date(_))));
        assert!(!matches!(
            Iin::parse("000229500010"),
            Err(IinError::Date(_))
        ));
        assert_eq!(Iin::parse("").unwrap_err().code(), "length");
        // Cyrillic letters and full-width digits are non-digits, not a panic.
        assert!(matches!(
            Iin::parse("80010130001я"),
            Err(IinError::NonDigit('я', 12))
        ));
    }

    proptest! {
        #[test]
        fn composed_numbers_parse_back(days in 0i64..80000, male in any::<bool>(), serial in 0u16..10000) {
            let birth = NaiveDate::from_ymd_opt(1850, 1, 1).unwrap() + chrono::Duration::days(days);
            let sex = if male { Sex::Male } else { Sex::Female };
            if let Some(iin) = Iin::compose(birth, sex, serial) {
                let back = Iin::parse(&iin.to_string()).unwrap();
                prop_assert_eq!(back.birth_date(), birth);
                prop_assert_eq!(back.sex(), sex);
            }
        }

        #[test]
        fn changing_one_digit_is_caught(days in 0i64..60000, serial in 0u16..10000, pos in 0usize..12, delta in 1u8..10) {
            let birth = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Duration::days(days);
            if let Some(iin) = Iin::compose(birth, Sex::Female, serial) {
                let mut s: Vec<u8> = iin.to_string().into_bytes();
                s[pos] = b'0' + (s[pos] - b'0' + delta) % 10;
                let changed = String::from_utf8(s.clone()).unwrap();
                // With the first weights a change of digits 1-10 or of the check
                // digit always moves the result (11 is prime). The scheme itself
                // leaves gaps: digit 11 has weight 11 = 0 (mod 11), and a prefix
                // that falls back to the second weights can collide.
                let pass = |d: &[u8]| d[..11].iter().zip(W1).map(|(&x, w)| u32::from(x - b'0') * w).sum::<u32>() % 11;
                let original = iin.to_string().into_bytes();
                if pos != 10 && pass(&s) != 10 && pass(&original) != 10 {
                    prop_assert!(Iin::parse(&changed).is_err(), "{} accepted", changed);
                }
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = Iin::parse(&s);
        }
    }
}

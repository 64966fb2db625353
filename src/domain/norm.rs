//! A time norm exactly as a regulation states it: a value and a unit.
//! Days are never converted into hours: each unit has its own arithmetic
//! (see `calendar`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormUnit {
    Minutes,
    Hours,
    WorkingDays,
    CalendarDays,
}

impl NormUnit {
    pub const ALL: [NormUnit; 4] = [
        NormUnit::Minutes,
        NormUnit::Hours,
        NormUnit::WorkingDays,
        NormUnit::CalendarDays,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NormUnit::Minutes => "minutes",
            NormUnit::Hours => "hours",
            NormUnit::WorkingDays => "working_days",
            NormUnit::CalendarDays => "calendar_days",
        }
    }
}

impl fmt::Display for NormUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A norm such as "15 minutes" or "5 working_days". A value of 0 days means
/// "the same day" ("в день поступления"): due at the close of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Norm {
    pub value: u32,
    pub unit: NormUnit,
}

impl Norm {
    pub const fn new(value: u32, unit: NormUnit) -> Self {
        Norm { value, unit }
    }
}

impl fmt::Display for Norm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value, self.unit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NormParseError {
    #[error("a norm is a number and a unit, e.g. \"5 working_days\"; got {0:?}")]
    Shape(String),
    #[error("{0:?} is not a whole number of units")]
    Value(String),
    #[error("unknown unit {0:?}: use minutes, hours, working_days or calendar_days")]
    Unit(String),
    /// "days" alone: a regulation's days are working or calendar days, and
    /// guessing either moves a deadline.
    #[error("{0:?} is ambiguous: use minutes, hours, working_days or calendar_days")]
    Ambiguous(String),
}

impl FromStr for Norm {
    type Err = NormParseError;

    /// Accepts "5 working_days", "5 working-days", "5 working days", "15 min",
    /// "2h", "3wd" (working days) and "3cd" (calendar days); plain "days" is
    /// ambiguous and refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let split = s
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(|| NormParseError::Shape(s.to_string()))?;
        let (num, unit) = s.split_at(split);
        if num.is_empty() {
            return Err(NormParseError::Shape(s.to_string()));
        }
        let value: u32 = num
            .parse()
            .map_err(|_| NormParseError::Value(num.to_string()))?;
        let unit_key: String = unit
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        let unit = match unit_key.as_str() {
            "minutes" | "minute" | "min" | "m" => NormUnit::Minutes,
            "hours" | "hour" | "h" => NormUnit::Hours,
            "working_days" | "working_day" | "wd" => NormUnit::WorkingDays,
            "calendar_days" | "calendar_day" | "cd" => NormUnit::CalendarDays,
            "days" | "day" | "d" => return Err(NormParseError::Ambiguous(unit.trim().to_string())),
            _ => return Err(NormParseError::Unit(unit.trim().to_string())),
        };
        Ok(Norm { value, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(
            "5 working_days".parse(),
            Ok(Norm::new(5, NormUnit::WorkingDays))
        );
        assert_eq!(
            "5 working days".parse(),
            Ok(Norm::new(5, NormUnit::WorkingDays))
        );
        assert_eq!("15 min".parse(), Ok(Norm::new(15, NormUnit::Minutes)));
        assert_eq!("2h".parse(), Ok(Norm::new(2, NormUnit::Hours)));
        assert_eq!(
            "30 calendar_days".parse(),
            Ok(Norm::new(30, NormUnit::CalendarDays))
        );
    }

    #[test]
    fn rejects_with_a_reason() {
        assert!(matches!(
            "working_days".parse::<Norm>(),
            Err(NormParseError::Shape(_))
        ));
        assert!(matches!(
            "5 fortnights".parse::<Norm>(),
            Err(NormParseError::Unit(_))
        ));
        assert!(matches!("".parse::<Norm>(), Err(NormParseError::Shape(_))));
        for days in ["5 days", "5 day", "5d", "5 Days"] {
            assert!(
                matches!(days.parse::<Norm>(), Err(NormParseError::Ambiguous(_))),
                "{days}"
            );
        }
        assert!(matches!(
            "99999999999 minutes".parse::<Norm>(),
            Err(NormParseError::Value(_))
        ));
    }

    #[test]
    fn display_round_trips() {
        for unit in NormUnit::ALL {
            let n = Norm::new(7, unit);
            assert_eq!(n.to_string().parse(), Ok(n));
        }
    }
}

//! The public holidays as data: rules with the years they hold
//! (`catalog/calendar/holidays.toml`), so that a change of law (the 2026
//! Constitution moved Constitution Day from 30 August to 15 March) is an edit
//! of that file. Pure: it parses and validates the text handed to it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};
use toml::Spanned;

use super::calendar::{FIRST_YEAR, LAST_YEAR};

/// The file name of the holiday rules among the calendar files.
pub const RULES_FILE: &str = "holidays.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    Secular,
    Religious,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayNames {
    pub ru: String,
    pub kk: String,
    pub en: String,
}

/// A day off the law names, as the rule in force that year gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Stable id ("nauryz"); the same over renamings and re-datings.
    pub id: String,
    pub kind: HolidayKind,
    /// Its day off moves to the next working day when it falls on a weekend.
    pub moved_if_weekend: bool,
    pub names: HolidayNames,
}

impl Holiday {
    pub fn is_religious(&self) -> bool {
        self.kind == HolidayKind::Religious
    }

    pub fn name_ru(&self) -> &str {
        &self.names.ru
    }

    pub fn name_kk(&self) -> &str {
        &self.names.kk
    }

    pub fn name_en(&self) -> &str {
        &self.names.en
    }
}

/// Scripts see a holiday by its id, as before the rules became data.
impl Serialize for Holiday {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id)
    }
}

/// A date set each year rather than by the law's month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Announced {
    /// The first day of Kurban Ait: `kurban_ait` of each `kz-YYYY.toml`.
    KurbanAit,
}

/// When a rule's holiday falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleDate {
    /// Month and day, every year the rule holds.
    Fixed(Vec<(u32, u32)>),
    Announced(Announced),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayRule {
    pub holiday: Holiday,
    pub on: RuleDate,
    /// First and last year it holds, both included.
    pub from: i32,
    pub until: i32,
    /// Where it is written, for messages.
    pub line: usize,
}

impl HolidayRule {
    pub fn holds_in(&self, year: i32) -> bool {
        (self.from..=self.until).contains(&year)
    }
}

/// All the rules of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayRules {
    pub rules: Vec<HolidayRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    holiday: Vec<Spanned<RuleText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleText {
    id: String,
    #[serde(default)]
    dates: Vec<Spanned<String>>,
    announced: Option<Announced>,
    kind: HolidayKind,
    moved_if_weekend: bool,
    from: Option<Spanned<i32>>,
    until: Option<Spanned<i32>>,
    name: HolidayNames,
    #[serde(default)]
    #[allow(dead_code)] // for the reader of the file
    law: Option<String>,
}

/// 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl HolidayRules {
    /// Parses and validates the rules; errors name the file and the line.
    pub fn from_toml(origin: &str, text: &str) -> Result<HolidayRules, String> {
        let file: RulesFile = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        let mut rules = Vec::new();
        for spanned in file.holiday {
            let line = line_of(text, spanned.span().start);
            let rule = Self::rule(text, line, spanned.into_inner())
                .map_err(|(line, why)| format!("{origin}:{line}: {why}"))?;
            rules.push(rule);
        }
        if rules.is_empty() {
            return Err(format!("{origin}: no [[holiday]] rules"));
        }
        let rules = HolidayRules { rules };
        rules
            .check_overlaps()
            .map_err(|(line, why)| format!("{origin}:{line}: {why}"))?;
        Ok(rules)
    }

    /// One rule, checked: the error carries the line it is about.
    fn rule(text: &str, line: usize, r: RuleText) -> Result<HolidayRule, (usize, String)> {
        let at = |s: &Spanned<i32>| line_of(text, s.span().start);
        let id_ok = !r.id.is_empty()
            && r.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !id_ok {
            return Err((
                line,
                format!("id {:?}: lowercase latin, digits and '_'", r.id),
            ));
        }
        for (lang, name) in [("ru", &r.name.ru), ("kk", &r.name.kk), ("en", &r.name.en)] {
            if name.trim().is_empty() {
                return Err((line, format!("{}: name.{lang} is empty", r.id)));
            }
        }
        let on = match (r.dates.is_empty(), r.announced) {
            (false, None) => RuleDate::Fixed(
                r.dates
                    .iter()
                    .map(|d| month_day(d.get_ref()).map_err(|e| (line_of(text, d.span().start), e)))
                    .collect::<Result<_, _>>()?,
            ),
            (true, Some(a)) => RuleDate::Announced(a),
            _ => {
                return Err((
                    line,
                    format!(
                        "{}: give either dates = [\"MM-DD\", ...] or announced",
                        r.id
                    ),
                ));
            }
        };
        let from = r.from.as_ref().map_or(FIRST_YEAR, |y| *y.get_ref());
        let until = r.until.as_ref().map_or(LAST_YEAR, |y| *y.get_ref());
        for y in [&r.from, &r.until].into_iter().flatten() {
            if !(FIRST_YEAR..=LAST_YEAR).contains(y.get_ref()) {
                return Err((
                    at(y),
                    format!(
                        "{}: year {} is outside {FIRST_YEAR}-{LAST_YEAR}",
                        r.id,
                        y.get_ref()
                    ),
                ));
            }
        }
        if from > until {
            let l = r.until.as_ref().map_or(line, at);
            return Err((l, format!("{}: from {from} is after until {until}", r.id)));
        }
        let holiday = Holiday {
            id: r.id,
            kind: r.kind,
            moved_if_weekend: r.moved_if_weekend,
            names: r.name,
        };
        Ok(HolidayRule {
            holiday,
            on,
            from,
            until,
            line,
        })
    }

    /// No day is a holiday by two rules in the same year.
    fn check_overlaps(&self) -> Result<(), (usize, String)> {
        let mut seen: BTreeMap<String, Vec<&HolidayRule>> = BTreeMap::new();
        for rule in &self.rules {
            let keys: Vec<String> = match &rule.on {
                RuleDate::Fixed(days) => {
                    days.iter().map(|(m, d)| format!("{m:02}-{d:02}")).collect()
                }
                RuleDate::Announced(a) => vec![format!("{a:?}")],
            };
            for key in keys {
                let earlier = seen.entry(key.clone()).or_default();
                if let Some(other) = earlier
                    .iter()
                    .find(|o| o.from <= rule.until && rule.from <= o.until)
                {
                    let (a, b) = (rule.from.max(other.from), rule.until.min(other.until));
                    let years = if a == b {
                        a.to_string()
                    } else {
                        format!("{a}-{b}")
                    };
                    return Err((
                        rule.line,
                        format!(
                            "{}: {key} is already a holiday ({}) by the rule at line {} in {years}",
                            rule.holiday.id, other.holiday.id, other.line,
                        ),
                    ));
                }
                earlier.push(rule);
            }
        }
        Ok(())
    }

    /// The fixed-date holidays of `year`.
    pub fn fixed_in(&self, year: i32) -> impl Iterator<Item = (NaiveDate, &Holiday)> {
        self.rules
            .iter()
            .filter(move |r| r.holds_in(year))
            .filter_map(|r| match &r.on {
                RuleDate::Fixed(days) => Some(days.iter().map(move |d| (d, &r.holiday))),
                RuleDate::Announced(_) => None,
            })
            .flatten()
            .filter_map(move |(&(m, d), h)| NaiveDate::from_ymd_opt(year, m, d).map(|x| (x, h)))
    }

    /// The holiday whose date `year`'s file announces as `what`, if the law has it that year.
    pub fn announced_in(&self, year: i32, what: Announced) -> Option<&Holiday> {
        self.rules
            .iter()
            .find(|r| r.holds_in(year) && r.on == RuleDate::Announced(what))
            .map(|r| &r.holiday)
    }
}

/// "MM-DD" as (month, day); 02-29 is allowed (it holds in leap years).
fn month_day(s: &str) -> Result<(u32, u32), String> {
    let parsed = s
        .split_once('-')
        .filter(|(m, d)| m.len() == 2 && d.len() == 2)
        .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
        .filter(|&(m, d)| NaiveDate::from_ymd_opt(2000, m, d).is_some());
    parsed.ok_or_else(|| format!("{s:?} is not a month and day; write it as \"08-30\""))
}

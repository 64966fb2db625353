//! The powers-of-attorney registry: the stand-in for the notary system
//! (ЕНИС) that the State Corporation asks about a representative's notarised
//! power (003:297-302). Filled from CSV files like the person registry.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{NaiveDate, NaiveDateTime};

use super::persons::{RowErrors, cell, data_rows, open_csv};
use super::{ImportReport, Ops, OpsResult, Refusal};
use crate::domain::iin::Iin;
use crate::domain::power::{PowerCheck, PowerOfAttorney};
use crate::domain::route::Representative;
use crate::store::PowersRefused;

/// The columns of a powers file, all required.
pub const COLUMNS: [&str; 6] = [
    "number",
    "principal_iin",
    "representative_iin",
    "valid_from",
    "valid_until",
    "notary",
];

/// ЕНИС as intake sees it: the adapter boundary. The persons of the store
/// (each with the powers filed under them by `power import`) are the
/// stand-in; a client of the e-government gateway (ШЭП) asking the notary
/// system would implement this trait instead.
pub trait PowerRegistry {
    /// The power with this number that `principal` gave, or None.
    fn power(&self, principal: &Iin, number: &str) -> OpsResult<Option<PowerOfAttorney>>;
}

impl PowerRegistry for crate::store::Store {
    fn power(&self, principal: &Iin, number: &str) -> OpsResult<Option<PowerOfAttorney>> {
        let number = number.trim();
        Ok(self
            .person(principal)?
            .and_then(|p| p.powers.into_iter().find(|w| w.number == number)))
    }
}

impl Ops {
    /// What ЕНИС says of the representative's power: asked only for a
    /// notarised one ("при ином удостоверении доверенности данные
    /// доверенности не заполняются", 003:290-291).
    pub fn ask_enis(
        &self,
        registry: &dyn PowerRegistry,
        principal: &Iin,
        representative: Option<&Representative>,
        notarised: bool,
    ) -> OpsResult<PowerCheck> {
        match representative {
            Some(r) if notarised => Ok(PowerCheck::Enis {
                number: r.power_of_attorney.trim().to_string(),
                found: registry.power(principal, &r.power_of_attorney)?,
            }),
            _ => Ok(PowerCheck::NotAsked),
        }
    }

    /// Imports a file of powers of attorney: CSV, UTF-8, a header line naming
    /// the columns (`number,principal_iin,representative_iin,valid_from,
    /// valid_until,notary` in any order; dates `YYYY-MM-DD` or `DD.MM.YYYY`).
    /// Each principal must be in the person registry. All or nothing, as
    /// `import_persons`: the report lists every bad row.
    pub fn import_powers(
        &self,
        csv_text: &str,
        by: &str,
        at: NaiveDateTime,
    ) -> OpsResult<ImportReport> {
        let (powers, mut errors) = parse_powers(csv_text, at.date())?;
        for (line, p) in &powers {
            if self.store.person(&p.principal)?.is_none() {
                errors.push((
                    *line,
                    Refusal::PrincipalUnknown {
                        iin: p.principal.to_string(),
                    },
                ));
            }
        }
        errors.sort_by_key(|(line, _)| *line);
        if !errors.is_empty() {
            return Ok(ImportReport {
                imported: 0,
                errors,
            });
        }
        let powers: Vec<PowerOfAttorney> = powers.into_iter().map(|(_, p)| p).collect();
        match self.store.put_powers(&powers, by, at) {
            Ok(imported) => Ok(ImportReport {
                imported,
                errors: Vec::new(),
            }),
            // A person removed meanwhile: said as the check above says it.
            Err(PowersRefused::UnknownPrincipals(iins)) => Ok(ImportReport {
                imported: 0,
                errors: iins
                    .iter()
                    .map(|i| (0, Refusal::PrincipalUnknown { iin: i.to_string() }))
                    .collect(),
            }),
            Err(PowersRefused::Store(e)) => Err(e.into()),
        }
    }
}

/// A date as a person writes it: ISO or the Kazakh `DD.MM.YYYY`.
fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .ok()
}

/// The rows of a powers file (with their lines) and the bad ones, without
/// touching the store.
pub(crate) fn parse_powers(
    text: &str,
    today: NaiveDate,
) -> OpsResult<(Vec<(usize, PowerOfAttorney)>, RowErrors)> {
    let (mut reader, column) = open_csv(text, &COLUMNS, &COLUMNS)?;
    let mut powers = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, row) in data_rows(&mut reader, &mut errors) {
        match parse_power(|name: &str| cell(&column, &row, name), today) {
            Ok(p) => match seen.entry(p.number.clone()) {
                Entry::Occupied(first) => errors.push((
                    line,
                    Refusal::PowerTwice {
                        number: p.number,
                        first: *first.get(),
                    },
                )),
                Entry::Vacant(slot) => {
                    slot.insert(line);
                    powers.push((line, p));
                }
            },
            Err(faults) => errors.extend(faults.into_iter().map(|f| (line, f))),
        }
    }
    Ok((powers, errors))
}

/// One row's power, or every fault in it.
fn parse_power(
    cell: impl Fn(&str) -> String,
    today: NaiveDate,
) -> Result<PowerOfAttorney, Vec<Refusal>> {
    let mut faults = Vec::new();
    let mut text = |name: &str| {
        let v = cell(name).split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            faults.push(Refusal::RowNoValue {
                column: name.into(),
            });
        }
        v
    };
    let number = text("number");
    let notary = text("notary");
    let raw = [
        text("principal_iin"),
        text("representative_iin"),
        text("valid_from"),
        text("valid_until"),
    ];
    let mut iin = |value: &str| {
        Iin::from_input(value, today)
            .map_err(|e| faults.push(Refusal::bad_iin(value, e)))
            .ok()
    };
    let (principal, representative) = match (raw[0].as_str(), raw[1].as_str()) {
        ("", _) | (_, "") => (None, None),
        (p, r) => (iin(p), iin(r)),
    };
    let mut day = |name: &str, value: &str| {
        let d = parse_day(value);
        if d.is_none() && !value.is_empty() {
            faults.push(Refusal::RowBadDate {
                column: name.into(),
                value: value.into(),
            });
        }
        d
    };
    let valid_from = day("valid_from", &raw[2]);
    let valid_until = day("valid_until", &raw[3]);
    if let (Some(from), Some(until)) = (valid_from, valid_until)
        && until < from
    {
        faults.push(Refusal::RowPeriod);
    }
    match (principal, representative, valid_from, valid_until) {
        (Some(principal), Some(representative), Some(valid_from), Some(valid_until))
            if faults.is_empty() =>
        {
            Ok(PowerOfAttorney {
                number,
                principal,
                representative,
                valid_from,
                valid_until,
                notary,
            })
        }
        _ => Err(faults),
    }
}

//! The person registry: the stand-in for the state database of individuals.
//! Filled from CSV files; the intake form looks applicants up in it.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDateTime;

use super::{Ops, OpsError, OpsResult, Refusal};
use crate::domain::iin::Iin;
use crate::store::model::Person;

/// The columns of a registry file; `iin` and `full_name` are required.
pub const COLUMNS: [&str; 5] = ["iin", "full_name", "phone", "address", "district"];

/// The person registry as intake sees it: the adapter boundary of ГБД ФЛ.
/// The store's `persons` tree (filled by `person import`) is the stand-in; a
/// real client of the e-government gateway (ШЭП) would implement this trait
/// and answer from the state database instead.
pub trait PersonRegistry {
    /// The person with this IIN, or None when the registry has no data on it.
    fn lookup(&self, iin: &Iin) -> OpsResult<Option<Person>>;
    /// Whether a registry is connected at all (the stand-in: once an
    /// administrator imported a registry file with `person import`).
    fn connected(&self) -> OpsResult<bool>;
}

impl PersonRegistry for crate::store::Store {
    fn lookup(&self, iin: &Iin) -> OpsResult<Option<Person>> {
        Ok(self.person(iin)?)
    }

    fn connected(&self) -> OpsResult<bool> {
        Ok(self.person_registry_connected()?)
    }
}

impl Ops {
    /// Condition 1 of the State Corporation's process (000:186-188, 003:296-305):
    /// an applicant the person registry does not know cannot be taken in. A
    /// store whose registry was never imported by an administrator (a new
    /// store, the demo's own registry) has no stand-in connected and checks
    /// nothing.
    pub fn check_person_data(&self, registry: &dyn PersonRegistry, iin: &Iin) -> OpsResult<()> {
        if registry.connected()? && registry.lookup(iin)?.is_none() {
            return Err(crate::domain::route::SubmitError::NoPersonData(*iin).into());
        }
        Ok(())
    }
}

/// What an import did. When `errors` is not empty nothing was imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    /// (line number in the file, what is wrong there), in file order.
    pub errors: Vec<(usize, Refusal)>,
}

impl Ops {
    /// A person of the registry by IIN, for an active user, not recorded
    /// as viewed (see `views`).
    pub(crate) fn person_unrecorded(&self, login: &str, iin: &str) -> OpsResult<Option<Person>> {
        let (user, _) = self.caller(login)?;
        Self::reads_cases(&user)?;
        // A lookup: separators a person typed are dropped; a birth date in
        // the future finds nobody, so no "today" is needed here.
        let iin = Iin::from_input(iin, chrono::NaiveDate::MAX)
            .map_err(|e| OpsError::Invalid(Refusal::bad_iin(iin, e)))?;
        Ok(self.store.person(&iin)?)
    }

    /// Imports a registry file: CSV, UTF-8, a header line naming the columns
    /// (`iin,full_name,phone,address,district` in any order; unknown columns
    /// are ignored; `;`-separated files as spreadsheets export them are
    /// accepted too). Known IINs are updated. All or nothing: one bad row (an
    /// invalid IIN, an empty name, an IIN twice) and nothing is written; the
    /// report lists every bad row. A file without the header is `Invalid`.
    pub fn import_persons(
        &self,
        csv_text: &str,
        by: &str,
        at: NaiveDateTime,
    ) -> OpsResult<ImportReport> {
        let (persons, errors) = parse_persons(csv_text, at.date())?;
        if !errors.is_empty() {
            return Ok(ImportReport {
                imported: 0,
                errors,
            });
        }
        let imported = self.store.put_persons(&persons, by, at)?;
        Ok(ImportReport {
            imported,
            errors: Vec::new(),
        })
    }
}

pub(crate) type RowErrors = Vec<(usize, Refusal)>;

/// Where each known column of a file is.
pub(crate) type Columns = HashMap<String, usize>;

/// A registry file's reader past its header line, and where each known
/// column is: UTF-8 (a byte-order mark is dropped), `,` or, as spreadsheets
/// export, `;`. A header without the `required` columns is `Invalid`.
/// The rows of a registry file that hold data, with their line numbers; an
/// unreadable row is a bad row, and a row of empty cells (spreadsheets leave
/// them behind) is skipped.
pub(crate) fn data_rows(
    reader: &mut csv::Reader<&[u8]>,
    errors: &mut RowErrors,
) -> Vec<(usize, csv::StringRecord)> {
    let mut rows = Vec::new();
    for row in reader.records() {
        match row {
            Ok(r) if r.iter().all(str::is_empty) => {}
            Ok(r) => rows.push((r.position().map_or(0, |p| p.line() as usize), r)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push((line, Refusal::RowUnreadable));
            }
        }
    }
    rows
}

/// A row's cell in the named column, empty where the file has none.
pub(crate) fn cell(column: &Columns, row: &csv::StringRecord, name: &str) -> String {
    column
        .get(name)
        .and_then(|&i| row.get(i))
        .unwrap_or("")
        .to_string()
}

pub(crate) fn open_csv<'t>(
    text: &'t str,
    columns: &[&str],
    required: &[&str],
) -> OpsResult<(csv::Reader<&'t [u8]>, Columns)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let expected = || columns.join(",");
    let header = reader
        .headers()
        .map_err(|_| {
            OpsError::Invalid(Refusal::RegistryHeader {
                columns: expected(),
            })
        })?
        .clone();
    let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let mut column = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if columns.contains(&name.as_str()) && column.insert(name.clone(), i).is_some() {
            return Err(OpsError::Invalid(Refusal::ColumnTwice {
                column: name.clone(),
                columns: expected(),
            }));
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !column.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        let line = if names.iter().all(String::is_empty) {
            String::new()
        } else {
            header.iter().collect::<Vec<_>>().join(",")
        };
        return Err(OpsError::Invalid(Refusal::ColumnsMissing {
            missing: missing.iter().map(|c| c.to_string()).collect(),
            line,
            columns: expected(),
        }));
    }
    Ok((reader, column))
}

/// The rows of a registry file and the bad ones, without touching the store
/// (the fuzz targets parse through here too).
pub(crate) fn parse_persons(
    text: &str,
    today: chrono::NaiveDate,
) -> OpsResult<(Vec<Person>, RowErrors)> {
    let (mut reader, column) = open_csv(text, &COLUMNS, &["iin", "full_name"])?;
    let mut persons = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<Iin, usize> = HashMap::new();
    for (line, row) in data_rows(&mut reader, &mut errors) {
        let field = |name: &str| cell(&column, &row, name);
        let optional = |name: &str| Some(field(name)).filter(|v| !v.is_empty());
        let raw_iin = field("iin");
        let iin = if raw_iin.is_empty() {
            errors.push((line, Refusal::RowNoIin));
            None
        } else {
            match Iin::from_input(&raw_iin, today) {
                Ok(iin) => Some(iin),
                Err(e) => {
                    errors.push((line, Refusal::bad_iin(&raw_iin, e)));
                    None
                }
            }
        };
        let full_name = field("full_name")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if full_name.is_empty() {
            errors.push((line, Refusal::RowNoName));
        }
        let Some(iin) = iin else {
            continue;
        };
        match seen.entry(iin) {
            Entry::Occupied(first) => {
                let first = first.get();
                errors.push((
                    line,
                    Refusal::IinTwice {
                        iin: iin.to_string(),
                        first: *first,
                    },
                ));
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        if full_name.is_empty() {
            continue;
        }
        persons.push(Person {
            iin,
            full_name,
            phone: optional("phone"),
            address: optional("address"),
            district: optional("district"),
            powers: Vec::new(),
        });
    }
    Ok((persons, errors))
}

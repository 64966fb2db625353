//! Loading the catalogue: the files embedded at build time, or an admin's
//! directory of the same layout that replaces them.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::{WorkingCalendar, YearData};
use crate::domain::catalog::{Catalog, CatalogError};
use crate::domain::holidays::{HolidayRules, RULES_FILE};

static SERVICES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/services");
static SOURCES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/sources");
static CALENDAR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/calendar");

/// The service and calendar files as (origin, text): what a server hands
/// its clients, so everyone works by the same catalogue and calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    pub services: Vec<(String, String)>,
    pub calendar: Vec<(String, String)>,
}

impl Sources {
    /// The embedded files, or those of the given directories.
    pub fn load(services: Option<&Path>, calendar: Option<&Path>) -> Result<Sources, String> {
        let services = match services {
            None => embedded_files(&SERVICES, "catalog/services"),
            Some(dir) => dir_files(dir).map_err(|e| e.to_string())?,
        };
        let calendar = match calendar {
            None => embedded_files(&CALENDAR, "catalog/calendar"),
            Some(dir) => dir_files(dir).map_err(|e| e.to_string())?,
        };
        Ok(Sources { services, calendar })
    }

    pub fn catalog(&self) -> Result<Catalog, Vec<CatalogError>> {
        Catalog::from_sources(self.services.iter().map(|(o, t)| (o.clone(), t.as_str())))
    }

    /// The holiday rules (`holidays.toml`, required) and the year files (the rest).
    pub fn calendar(&self) -> Result<WorkingCalendar, String> {
        let is_rules = |origin: &str| Path::new(origin).file_name() == Some(RULES_FILE.as_ref());
        let (rules, years): (Vec<_>, Vec<_>) = self.calendar.iter().partition(|(o, _)| is_rules(o));
        let rules = match rules.as_slice() {
            [(origin, text)] => HolidayRules::from_toml(origin, text)?,
            _ => {
                return Err(format!(
                    "{RULES_FILE} is missing: the calendar files need the holiday rules beside the year files"
                ));
            }
        };
        let years = years
            .iter()
            .map(|(o, t)| YearData::from_toml(o, t))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(WorkingCalendar::new(&rules, years))
    }
}

fn embedded_files(dir: &Dir<'static>, origin: &str) -> Vec<(String, String)> {
    dir.files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .map(|f| {
            let text = f.contents_utf8().unwrap_or("");
            (format!("{origin}/{}", f.path().display()), text.to_string())
        })
        .collect()
}

/// `dir/*.toml`, sorted by name.
/// A file of an admin's directory that cannot be read: the path, and why
/// (the operating system's reason, without the path it may repeat).
#[derive(Debug)]
struct DirError {
    path: String,
    reason: String,
}

impl std::fmt::Display for DirError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

fn dir_error(path: &Path) -> impl Fn(std::io::Error) -> DirError + '_ {
    move |e| {
        let text = e.to_string();
        let reason = text.split(" (os error").next().unwrap_or(&text).to_string();
        DirError {
            path: path.display().to_string(),
            reason,
        }
    }
}

fn dir_files(dir: &Path) -> Result<Vec<(String, String)>, DirError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(dir_error(dir))? {
        let path = entry.map_err(dir_error(dir))?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(dir_error(&path))?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    Ok(files)
}

/// The catalogue compiled into the binary.
pub fn embedded() -> Result<Catalog, Vec<CatalogError>> {
    Sources {
        services: embedded_files(&SERVICES, "catalog/services"),
        calendar: Vec::new(),
    }
    .catalog()
}

/// A catalogue from `dir/*.toml` (an admin's edited copy).
pub fn from_dir(dir: &Path) -> Result<Catalog, Vec<CatalogError>> {
    let files = dir_files(dir).map_err(|e| {
        vec![CatalogError {
            origin: e.path,
            message: e.reason,
        }]
    })?;
    // An empty catalogue would make every service unknown: say why instead.
    if files.is_empty() {
        return Err(vec![CatalogError {
            origin: dir.display().to_string(),
            message: "no service files (*.toml) in this directory".into(),
        }]);
    }
    Catalog::from_sources(files.iter().map(|(o, t)| (o.clone(), t.as_str())))
}

/// The regulation text a catalogue entry was transcribed from.
pub fn source_text(file: &str) -> Option<&'static str> {
    SOURCES.get_file(file).and_then(|f| f.contents_utf8())
}

/// The working calendar from the embedded files, or from `dir/holidays.toml`
/// and `dir/kz-*.toml`.
pub fn calendar(dir: Option<&Path>) -> Result<WorkingCalendar, String> {
    let files = match dir {
        None => embedded_files(&CALENDAR, "catalog/calendar"),
        Some(dir) => dir_files(dir).map_err(|e| e.to_string())?,
    };
    Sources {
        services: Vec::new(),
        calendar: files,
    }
    .calendar()
}

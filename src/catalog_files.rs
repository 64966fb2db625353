//! Loading the catalogue: the files embedded at build time, or an admin's
//! directory of the same layout that replaces them.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::domain::calendar::{WorkingCalendar, YearData};
use crate::domain::catalog::{Catalog, CatalogError};

static SERVICES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/services");
static SOURCES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/sources");
static CALENDAR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/catalog/calendar");

/// The catalogue compiled into the binary.
pub fn embedded() -> Result<Catalog, Vec<CatalogError>> {
    Catalog::from_sources(
        SERVICES
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
            .map(|f| {
                let text = f.contents_utf8().unwrap_or("");
                (format!("catalog/services/{}", f.path().display()), text)
            }),
    )
}

/// A catalogue from `dir/*.toml` (an admin's edited copy).
pub fn from_dir(dir: &Path) -> Result<Catalog, Vec<CatalogError>> {
    let io = |e: std::io::Error| {
        vec![CatalogError {
            origin: dir.display().to_string(),
            message: e.to_string(),
        }]
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(io)?;
            files.push((path.display().to_string(), text));
        }
    }
    files.sort();
    Catalog::from_sources(files.iter().map(|(o, t)| (o.clone(), t.as_str())))
}

/// The regulation text a catalogue entry was transcribed from.
pub fn source_text(file: &str) -> Option<&'static str> {
    SOURCES.get_file(file).and_then(|f| f.contents_utf8())
}

/// The working calendar from the embedded year files, or from `dir/kz-*.toml`.
pub fn calendar(dir: Option<&Path>) -> Result<WorkingCalendar, String> {
    let mut years = Vec::new();
    match dir {
        None => {
            for f in CALENDAR.files() {
                let origin = format!("catalog/calendar/{}", f.path().display());
                let text = f.contents_utf8().ok_or(format!("{origin}: not UTF-8"))?;
                years.push(YearData::from_toml(&origin, text)?);
            }
        }
        Some(dir) => {
            let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in entries {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let origin = path.display().to_string();
                    let text =
                        std::fs::read_to_string(&path).map_err(|e| format!("{origin}: {e}"))?;
                    years.push(YearData::from_toml(&origin, &text)?);
                }
            }
        }
    }
    Ok(WorkingCalendar::new(years))
}

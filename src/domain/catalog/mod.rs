//! The service catalogue: one entry per regulation variant, transcribed from the
//! regional regulations (`catalog/sources/`) into `catalog/services/*.toml`.
//!
//! This module is pure: it parses and validates text handed to it. Loading the
//! embedded files or an admin's directory lives in `crate::catalog_files`.

use std::collections::BTreeMap;

mod documents;
mod kinds;
mod service;
mod step;
mod validate;

pub use documents::*;
pub use kinds::*;
pub use service::*;
pub use step::*;

/// A problem in one catalogue entry, named by the entry and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CatalogError {
    pub origin: String,
    pub message: String,
}

fn err(origin: &str, message: impl Into<String>) -> CatalogError {
    CatalogError {
        origin: origin.to_string(),
        message: message.into(),
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The loaded catalogue, keyed by variant id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    services: BTreeMap<String, Service>,
}

impl Catalog {
    /// Builds a catalogue from (origin, toml text) pairs; every error is reported.
    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
    ) -> Result<Catalog, Vec<CatalogError>> {
        let mut services = BTreeMap::new();
        let mut errors = Vec::new();
        for (origin, text) in files {
            match Service::from_toml(&origin, text) {
                Ok(s) => {
                    if services.contains_key(&s.id) {
                        errors.push(err(&origin, format!("duplicate id {}", s.id)));
                    } else {
                        services.insert(s.id.clone(), s);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Catalog { services })
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.get(id)
    }

    /// Finds by variant id, or by service id when only one active variant has it.
    pub fn find(&self, id: &str) -> Result<&Service, LookupError> {
        if let Some(s) = self.services.get(id) {
            return Ok(s);
        }
        let variants: Vec<&Service> = self
            .services
            .values()
            .filter(|s| s.service == id && !s.excluded)
            .collect();
        match variants.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::Unknown(id.to_string())),
            many => Err(LookupError::Ambiguous {
                id: id.to_string(),
                variants: many.iter().map(|s| s.id.clone()).collect(),
            }),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }

    pub fn len(&self) -> usize {
        self.services.len()
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("unknown service {0:?}; `qyzmet catalog list` shows the ids")]
    Unknown(String),
    #[error("{id:?} has several regional variants, name one: {}", variants.join(", "))]
    Ambiguous { id: String, variants: Vec<String> },
}

/// Folds text for comparison with the sources: letters and digits only,
/// lowercased, so line breaks, letter-spacing and punctuation do not matter.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Checks that every quote and the title of `service` stand in its source span.
/// `source` is the whole text of the file `service.source.file`.
pub fn verify_quotes(service: &Service, source: &str) -> Vec<String> {
    let [first, last] = service.source.lines;
    let span: String = source
        .lines()
        .skip(first.saturating_sub(1) as usize)
        .take((last - first + 1) as usize)
        .collect::<Vec<_>>()
        .join("\n");
    let span = fold(&span);
    let mut missing = Vec::new();
    let mut check = |what: String, quote: &str| {
        let q = fold(quote);
        if q.is_empty() || !span.contains(&q) {
            missing.push(format!("{what}: {quote:?} is not in lines {first}-{last}"));
        }
    };
    check("source.title".into(), &service.source.title);
    if let Some(q) = &service.total_term_quote {
        check("total_term_quote".into(), q);
    }
    if let Some(q) = &service.intake_refusal_quote {
        check("intake_refusal_quote".into(), q);
    }
    if let Some(q) = &service.rural_akim_condition_quote {
        check("rural_akim_condition_quote".into(), q);
    }
    for route in &service.routes {
        for (i, step) in route.steps.iter().enumerate() {
            check(format!("route {} step {}", route.id, i + 1), &step.quote);
        }
    }
    for (i, step) in service.operator_steps.iter().enumerate() {
        check(format!("operator step {}", i + 1), &step.quote);
    }
    missing
}

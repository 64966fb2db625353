//! Reading one keymap file into its entries, every problem collected.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::errors::{KeymapError, Location};
use super::key::KeyPress;
use super::{Binding, Entry, context_from_name, line_of};
use crate::tui::action::Action;

/// Parses one file into its entries in file order, pushing every problem.
pub(super) fn parse_file(origin: &str, text: &str, errors: &mut Vec<KeymapError>) -> Vec<Entry> {
    let at = |offset: usize| Location {
        file: origin.to_string(),
        line: line_of(text, offset),
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc.into_inner(),
        Err(e) => {
            errors.push(KeymapError::Syntax {
                at: at(e.span().map(|s| s.start).unwrap_or(0)),
                message: e.message().trim().to_string(),
            });
            return Vec::new();
        }
    };
    let mut sections: Vec<(&Spanned<_>, &Spanned<DeValue>)> = doc.iter().collect();
    sections.sort_by_key(|(k, _)| k.span().start);

    let mut entries = Vec::new();
    for (name, value) in sections {
        let section_at = at(name.span().start);
        let Some(context) = context_from_name(name.get_ref()) else {
            errors.push(KeymapError::UnknownSection {
                at: section_at,
                section: name.get_ref().to_string(),
            });
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            errors.push(KeymapError::BadEntry {
                at: section_at,
                message: format!(
                    "\"{}\" must be a section [{}]",
                    name.get_ref(),
                    name.get_ref()
                ),
            });
            continue;
        };
        let section = context.name();
        let mut items: Vec<_> = table.iter().collect();
        items.sort_by_key(|(k, _)| k.span().start);
        for (key, value) in items {
            let entry_at = at(key.span().start);
            let Some(action) = Action::from_name(key.get_ref()) else {
                errors.push(KeymapError::UnknownAction {
                    at: entry_at,
                    section: section.to_string(),
                    action: key.get_ref().to_string(),
                });
                continue;
            };
            let shape = || KeymapError::BadEntry {
                at: entry_at.clone(),
                message: format!(
                    "{} in [{section}] must be {{ keys = [\"...\"], description = \"...\" }}",
                    action.name()
                ),
            };
            let DeValue::Table(fields) = value.get_ref() else {
                errors.push(shape());
                continue;
            };
            let mut keys = None;
            let mut description = None;
            let mut ok = true;
            for (field, v) in fields.iter() {
                let name: &str = field.get_ref();
                match (name, v.get_ref()) {
                    ("keys", DeValue::Array(list)) => keys = Some(list),
                    ("description", DeValue::String(s)) => description = Some(s.to_string()),
                    ("keys" | "description", _) => {
                        errors.push(shape());
                        ok = false;
                    }
                    (other, _) => {
                        errors.push(KeymapError::BadEntry {
                            at: at(field.span().start),
                            message: format!(
                                "unknown field \"{other}\" for {} in [{section}] (expected keys, description)",
                                action.name()
                            ),
                        });
                        ok = false;
                    }
                }
            }
            let Some(keys) = keys else {
                if ok {
                    errors.push(shape());
                }
                continue;
            };
            let mut bindings = Vec::new();
            for k in keys.iter() {
                let k_at = at(k.span().start);
                let DeValue::String(s) = k.get_ref() else {
                    errors.push(KeymapError::BadEntry {
                        at: k_at,
                        message: format!(
                            "the keys of {} in [{section}] must be strings",
                            action.name()
                        ),
                    });
                    continue;
                };
                match KeyPress::parse_sequence(s) {
                    Ok(seq) => bindings.push(Binding {
                        keys: seq,
                        action,
                        description: description.clone(),
                        at: k_at,
                        text: s.to_string(),
                    }),
                    Err(reason) => errors.push(KeymapError::BadKey {
                        at: k_at,
                        section: section.to_string(),
                        key: s.to_string(),
                        reason,
                    }),
                }
            }
            entries.push(Entry {
                context,
                action,
                description,
                bindings,
            });
        }
    }
    entries
}

//! Reading one keymap file into its entries, every problem collected.

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::errors::{KeymapError, Location};
use super::key::KeyPress;
use super::{Binding, Entry, context_from_name, line_of};
use crate::tui::action::{Action, Context};

/// One file being read: where problems are said to be, and the problems.
struct Reader<'a> {
    origin: &'a str,
    text: &'a str,
    errors: &'a mut Vec<KeymapError>,
}

/// Parses one file into its entries in file order, pushing every problem.
pub(super) fn parse_file(origin: &str, text: &str, errors: &mut Vec<KeymapError>) -> Vec<Entry> {
    let mut r = Reader {
        origin,
        text,
        errors,
    };
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc.into_inner(),
        Err(e) => {
            let at = r.at(e.span().map(|s| s.start).unwrap_or(0));
            let message = e.message().trim().to_string();
            r.errors.push(KeymapError::Syntax { at, message });
            return Vec::new();
        }
    };
    let mut sections: Vec<(&Spanned<_>, &Spanned<DeValue>)> = doc.iter().collect();
    sections.sort_by_key(|(k, _)| k.span().start);
    let mut entries = Vec::new();
    for (name, value) in sections {
        let section_at = r.at(name.span().start);
        let Some(context) = context_from_name(name.get_ref()) else {
            r.errors.push(KeymapError::UnknownSection {
                at: section_at,
                section: name.get_ref().to_string(),
            });
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            let name = name.get_ref();
            r.errors.push(KeymapError::BadEntry {
                at: section_at,
                message: format!("\"{name}\" must be a section [{name}]"),
            });
            continue;
        };
        let mut items: Vec<_> = table.iter().collect();
        items.sort_by_key(|(k, _)| k.span().start);
        for (key, value) in items {
            if let Some(e) = r.entry(context, key.get_ref(), key.span().start, value) {
                entries.push(e);
            }
        }
    }
    entries
}

impl Reader<'_> {
    fn at(&self, offset: usize) -> Location {
        Location {
            file: self.origin.to_string(),
            line: line_of(self.text, offset),
        }
    }

    /// `action = { keys = [...], description = "..." }` in `context`'s section.
    fn entry(
        &mut self,
        context: Context,
        name: &str,
        offset: usize,
        value: &Spanned<DeValue>,
    ) -> Option<Entry> {
        let section = context.name();
        let entry_at = self.at(offset);
        let Some(action) = Action::from_name(name) else {
            self.errors.push(KeymapError::UnknownAction {
                at: entry_at,
                section: section.to_string(),
                action: name.to_string(),
            });
            return None;
        };
        let shape = KeymapError::BadEntry {
            at: entry_at,
            message: format!(
                "{} in [{section}] must be {{ keys = [\"...\"], description = \"...\" }}",
                action.name()
            ),
        };
        let DeValue::Table(fields) = value.get_ref() else {
            self.errors.push(shape);
            return None;
        };
        let (keys, description) = self.fields(fields, action, section, shape)?;
        let bindings = self.bindings(keys, action, section, &description);
        Some(Entry {
            context,
            action,
            description,
            bindings,
        })
    }

    /// The entry's keys and description; None (with the problem pushed) when malformed.
    fn fields<'t>(
        &mut self,
        fields: &'t DeTable,
        action: Action,
        section: &str,
        shape: KeymapError,
    ) -> Option<(&'t DeArray<'t>, Option<String>)> {
        let mut keys = None;
        let mut description = None;
        let mut ok = true;
        for (field, v) in fields.iter() {
            let name: &str = field.get_ref();
            match (name, v.get_ref()) {
                ("keys", DeValue::Array(list)) => keys = Some(list),
                ("description", DeValue::String(s)) => description = Some(s.to_string()),
                ("keys" | "description", _) => {
                    self.errors.push(shape.clone());
                    ok = false;
                }
                (other, _) => {
                    let at = self.at(field.span().start);
                    self.errors.push(KeymapError::BadEntry {
                        at,
                        message: format!(
                            "unknown field \"{other}\" for {} in [{section}] (expected keys, description)",
                            action.name()
                        ),
                    });
                    ok = false;
                }
            }
        }
        if keys.is_none() && ok {
            self.errors.push(shape);
        }
        Some((keys?, description))
    }

    /// Each key sequence of an entry, parsed.
    fn bindings(
        &mut self,
        keys: &DeArray,
        action: Action,
        section: &str,
        description: &Option<String>,
    ) -> Vec<Binding> {
        let mut bindings = Vec::new();
        for k in keys.iter() {
            let k_at = self.at(k.span().start);
            let DeValue::String(s) = k.get_ref() else {
                self.errors.push(KeymapError::BadEntry {
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
                Err(reason) => self.errors.push(KeymapError::BadKey {
                    at: k_at,
                    section: section.to_string(),
                    key: s.to_string(),
                    reason,
                }),
            }
        }
        bindings
    }
}

//! What can be wrong with a keymap file, each with its file and line.

use std::fmt;

/// Where something was written: `keymaps/default.toml:12`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One problem in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("{0}: cannot read: {1}")]
    Read(String, String),
    #[error("{at}: {message}")]
    Syntax { at: Location, message: String },
    #[error("{at}: unknown section [{section}]")]
    UnknownSection { at: Location, section: String },
    #[error("{at}: unknown action \"{action}\" in [{section}]")]
    UnknownAction {
        at: Location,
        section: String,
        action: String,
    },
    #[error("{at}: {message}")]
    BadEntry { at: Location, message: String },
    #[error("{at}: bad key \"{key}\" in [{section}]: {reason}")]
    BadKey {
        at: Location,
        section: String,
        key: String,
        reason: String,
    },
    #[error("{at}: key \"{key}\" is bound twice in [{section}] ({first}, {second})")]
    Duplicate {
        at: Location,
        section: String,
        key: String,
        first: &'static str,
        second: &'static str,
    },
    #[error(
        "{at}: key \"{prefix}\" ({prefix_action}) is a prefix of \"{longer}\" ({longer_action}) in [{section}]"
    )]
    Prefix {
        at: Location,
        section: String,
        prefix: String,
        prefix_action: &'static str,
        longer: String,
        longer_action: &'static str,
    },
}

/// Every problem found while loading a keymap, one per line when displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapErrors(pub Vec<KeymapError>);

impl fmt::Display for KeymapErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapErrors {}

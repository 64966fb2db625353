//! The UI texts moved to the crate-level `crate::i18n`; this path stays so the
//! workstation code keeps its imports.

pub use crate::i18n::*;

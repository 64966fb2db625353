//! Qyzmet: a terminal workstation for Kazakhstan's public-service counters.

pub mod catalog_files;
pub mod cli;
pub mod demo;
pub mod domain;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod ops;
pub mod server;
pub mod store;
pub mod tui;

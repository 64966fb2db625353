//! The workstation: a ratatui front end over the operations API.

pub mod action;
pub mod field;
pub mod i18n;
pub mod intake;
pub mod keymap;
pub mod run;
pub mod state;
pub mod theme;
pub mod ui;
pub mod update;

//! The workstation: a ratatui front end over the operations API.

pub mod action;
pub mod app;
pub mod chrome;
pub mod command;
pub mod dialogs;
pub mod effect;
pub mod field;
pub mod i18n;
pub mod keymap;
pub mod room;
pub mod global;
pub mod hall;
pub mod panes;
pub mod queue_command;
pub mod run;
pub mod screens;
pub mod search;
pub mod sync;
pub mod state;
pub mod theme;
pub mod ui;

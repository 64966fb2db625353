//! The workstation: a ratatui front end over the operations API.

pub mod action;
pub mod keymap;
pub mod theme;

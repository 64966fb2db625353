//! The workstation: a ratatui front end over the operations API.

pub mod action;

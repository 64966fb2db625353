//! Server mode: one process owns the store, workstations connect to it.

pub mod protocol;
pub mod remote;
pub mod serve;

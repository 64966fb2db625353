//! Server mode: one process owns the store, workstations connect to it.

mod handle;
mod hub;
mod outbox;
pub mod protocol;
pub mod remote;
pub mod serve;
pub mod status;

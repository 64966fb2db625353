//! Server mode: one process owns the store, workstations connect to it.

mod guard;
pub(crate) mod handle;
pub(crate) mod hub;
mod limits;
mod outbox;
pub mod protocol;
pub mod remote;
pub mod serve;
pub mod status;

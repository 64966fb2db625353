//! Server mode: one process owns the store, workstations connect to it.

mod guard;
pub(crate) mod handle;
mod hooks;
pub(crate) mod hub;
mod limits;
mod outbox;
mod peers;
pub mod protocol;
mod reactor;
pub mod remote;
pub mod serve;
pub mod status;
mod workers;

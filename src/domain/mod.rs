//! Pure domain code: no I/O, no clock. Time is always passed in.

pub mod calendar;
pub mod catalog;
pub mod history;
pub mod holidays;
pub mod iin;
pub mod norm;
pub mod power;
pub mod queue;
pub mod report;
pub mod roles;
pub mod route;
pub mod unfit;

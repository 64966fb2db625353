//! Pure domain code: no I/O, no clock. Time is always passed in.

pub mod catalog;
pub mod norm;
pub mod roles;
pub mod route;
pub mod calendar;
pub mod iin;

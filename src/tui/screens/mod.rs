//! The screens: the demo offer on an empty store, the login, and the
//! workstation with its panes.

pub mod demo_offer;
pub mod login;
pub mod work;

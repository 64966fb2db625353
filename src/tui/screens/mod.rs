//! The screens: the demo offer on an empty store, the login, and the
//! workstation with its panes.

pub mod work;

//! What frames every screen: the header, the footer's key hints, toasts,
//! which-key, the key help, and the widgets rooms draw with.

pub mod footer;
pub mod header;
pub mod help;
pub mod toasts;
pub mod which_key;
pub mod widgets;

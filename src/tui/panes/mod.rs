//! The panes of the workstation, one room each (a folder when it has a
//! form, a reducer and a view of some size). Which role sees which pane is
//! `screens::work::PaneKind::for_role`.

pub mod case;
pub mod case_view;
pub mod intake;
pub mod list;
pub mod list_view;
pub mod queue_desk;
pub mod reports;
pub mod stats;
pub mod step;

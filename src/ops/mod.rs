//! The operations API: every change and query, with the acting user. One place
//! decides permissions; the TUI, the CLI and (later) the server call this.

mod accounts;
mod act;
mod admin;
pub mod auth;
pub mod backend;
mod error;
mod lists;
mod local_executive;
pub mod operations;
mod password_memory;
pub(crate) mod persons;
pub(crate) mod powers;
pub mod queue;
pub mod receipt;
pub mod refusal;
pub mod report;
pub mod report_cells;
pub mod report_read;
mod request;
mod staff;
mod submit;
pub mod ticket_print;
pub mod views;

pub use auth::LoginError;
pub use error::{OpsError, OpsResult};
pub use persons::ImportReport;
pub use powers::PowerRegistry;
pub use refusal::{Named, OrgNamed, Refusal, RefusalKind};
pub use request::{ActKind, ActRequest, ListFilter, SpecialistLoad, SubmitRequest};

use crate::domain::catalog::Catalog;
use crate::domain::route::Deadlines;
use crate::store::Store;

/// The operations over one store, with the catalogue and the calendar they
/// judge by. Its methods live by subject: `staff` (who acts), `submit`
/// (intake), `act` (a step on an application), `lists` (reads),
/// `admin` (organisations and users), `queue`, `report`, `views`.
pub struct Ops {
    pub store: Store,
    pub catalog: Catalog,
    pub deadlines: Deadlines,
}

impl Ops {
    pub fn new(mut store: Store, catalog: Catalog, deadlines: Deadlines) -> Ops {
        // Every change keeps the report's cells from here on.
        store.keep_cells(report_cells::rules(&catalog, &deadlines));
        Ops {
            store,
            catalog,
            deadlines,
        }
    }
}

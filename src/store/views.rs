//! The access log: who looked at whose data, kept apart from the journal
//! (a read changes nothing, and the journal's revision drives every
//! workstation's refresh). Keyed by the applicant's IIN, so "who looked at
//! my data" is one prefix scan.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::codec::{decode_body, encode};
use super::{Store, StoreError};
use crate::domain::iin::Iin;

/// The tree of the access log (in every backup: see `TREES`).
pub const VIEWS: &str = "views";

/// One look at a person's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub at: NaiveDateTime,
    /// The login of who looked, or `admin:OS-USER` for a store command.
    pub by: String,
    /// Their organisation (none for an administrator).
    pub org: Option<String>,
    /// Whose data: the applicant's or the looked-up person's IIN.
    pub iin: Iin,
    pub what: Viewed,
    /// Where from: the server's peer (uid, OS user, pid) or this machine.
    pub from: String,
}

/// What was looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewed {
    /// An application (its card, with the applicant and history).
    Application { number: String },
    /// The person registry's record.
    Person,
    /// Their applications, found by their IIN (`app list --iin`): the
    /// numbers listed. (A new variant goes last: views are stored by index.)
    Applications { numbers: Vec<String> },
}

impl Store {
    /// Records a view, durably, before the data is handed out.
    pub fn record_view(&self, view: &View) -> Result<(), StoreError> {
        self.engine
            .put_view(view.iin.to_string().as_bytes(), &encode(view))
    }

    /// Every recorded view of `iin`'s data, oldest first.
    pub fn views_of(&self, iin: &Iin) -> Result<Vec<View>, StoreError> {
        let mut out = Vec::new();
        for v in self.engine.views_with(iin.to_string().as_bytes()) {
            // The body, whatever schema header a later migration left on it:
            // a view's shape is its own.
            out.push(decode_body(&v?)?);
        }
        Ok(out)
    }
}

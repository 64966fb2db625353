//! A user's OS account mapping: run by whoever holds the store, like the
//! other administration.

use chrono::NaiveDateTime;

use super::{Ops, OpsError, OpsResult, Refusal};
use crate::store::model::JournalWhat;

impl Ops {
    /// Maps `login` to the OS account `os_user`, or removes its mapping
    /// (None). A server ends the peer-credential sessions of a removed
    /// mapping at their next request.
    pub fn map_os_user(
        &self,
        login: &str,
        os_user: Option<String>,
        by: &str,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        let mut user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        user.os_user = os_user.clone().filter(|o| !o.trim().is_empty());
        let what = JournalWhat::OsUserMapped {
            login: login.into(),
            os_user: user.os_user.clone(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }
}

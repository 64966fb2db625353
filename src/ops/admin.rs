//! Administration: organisations and users, run by whoever holds the store
//! (the OS decides who that is).

use chrono::NaiveDateTime;

use super::{Ops, OpsError, OpsResult, Refusal, auth};
use crate::store::model::{JournalWhat, Organisation, User};

impl Ops {
    pub fn add_org(&self, org: Organisation, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        if self.store.org(&org.code)?.is_some() {
            return Err(OpsError::Invalid(Refusal::OrganisationExists {
                code: org.code,
            }));
        }
        Ok(self.store.put_org(&org, by, at)?)
    }

    pub fn add_user(&self, user: User, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        if self.store.user(&user.login)?.is_some() {
            return Err(OpsError::Invalid(Refusal::UserExists { login: user.login }));
        }
        if self.store.org(&user.org)?.is_none() {
            return Err(OpsError::NotFound(Refusal::NoOrganisation {
                code: user.org,
            }));
        }
        if user.roles.is_empty() {
            return Err(OpsError::Invalid(Refusal::NoRoles));
        }
        if user.login.trim().is_empty() || user.login.chars().any(|c| c.is_whitespace() || c == '/')
        {
            return Err(OpsError::Invalid(Refusal::BadLogin { login: user.login }));
        }
        let what = JournalWhat::UserAdded {
            login: user.login.clone(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }

    pub fn disable_user(&self, login: &str, by: &str, at: NaiveDateTime) -> OpsResult<()> {
        let mut user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        user.active = false;
        let what = JournalWhat::UserDisabled {
            login: login.into(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }

    pub fn set_password(
        &self,
        login: &str,
        password: &str,
        by: &str,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        let mut user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        auth::check_password(login, password)?;
        user.password_hash = auth::hash_password(password)?;
        user.failed_logins = 0;
        user.locked_until = None;
        let what = JournalWhat::PasswordChanged {
            login: login.into(),
        };
        Ok(self.store.put_user(&user, what, by, at)?)
    }
}

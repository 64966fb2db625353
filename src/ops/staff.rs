//! Who acts: the caller and their organisation, the staff as screens name
//! them, the specialists a head assigns to.

use chrono::NaiveDateTime;

use super::{Ops, OpsError, OpsResult, Refusal, SpecialistLoad};
use crate::domain::roles::Role;
use crate::domain::route::TransitionError;
use crate::store::model::{Organisation, User};

impl Ops {
    /// The acting user and their organisation; disabled users act on nothing.
    pub fn caller(&self, login: &str) -> OpsResult<(User, Organisation)> {
        let user = self.store.user(login)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoUser {
                login: login.into(),
            })
        })?;
        if !user.active {
            return Err(OpsError::Forbidden(Refusal::UserDisabled {
                login: login.into(),
            }));
        }
        let org = self.store.org(&user.org)?.ok_or_else(|| {
            OpsError::NotFound(Refusal::OrganisationMissing {
                login: login.into(),
                code: user.org.clone(),
            })
        })?;
        Ok((user, org))
    }

    /// An organisation by its code.
    pub fn org(&self, code: &str) -> OpsResult<Organisation> {
        self.store
            .org(code)?
            .ok_or_else(|| OpsError::NotFound(Refusal::NoOrganisation { code: code.into() }))
    }

    /// Whether the store has any user; a store without one is new (the
    /// workstation offers the demo).
    pub fn has_users(&self) -> OpsResult<bool> {
        Ok(self.store.has_users()?)
    }

    /// Every user's login and full name, for screens that name people
    /// (histories, windows): `login` must be a signed-in user.
    pub fn staff_names(&self, login: &str) -> OpsResult<Vec<(String, String)>> {
        self.caller(login)?;
        Ok(self
            .store
            .users()?
            .into_iter()
            .map(|u| (u.login, u.full_name))
            .collect())
    }

    /// The demo region's users this store still holds, as the login screen
    /// lists them (login, role, organisation): none on a store of real staff.
    pub fn demo_users(&self) -> OpsResult<Vec<(String, String, String)>> {
        Ok(crate::demo::users_present(&self.store.users()?))
    }

    /// The active specialists of the caller's organisation with what each has
    /// on their desk at `at`, least loaded first (then by login). Only a head
    /// may ask.
    pub fn specialists(&self, login: &str, at: NaiveDateTime) -> OpsResult<Vec<SpecialistLoad>> {
        let (user, org) = self.caller(login)?;
        if !user.roles.contains(&Role::Head) {
            return Err(OpsError::Forbidden(Refusal::LacksRole {
                login: user.login,
                role: Role::Head,
            }));
        }
        let mut out = Vec::new();
        for spec in self.store.users()? {
            if spec.org != org.code || !spec.active || !spec.roles.contains(&Role::Specialist) {
                continue;
            }
            let mut load = SpecialistLoad {
                login: spec.login.clone(),
                full_name: spec.full_name.clone(),
                open: 0,
                overdue: 0,
            };
            // The `a/LOGIN` index holds what is assigned to them now.
            for s in self
                .store
                .summaries(&[b"a", spec.login.as_bytes()], |_| false)?
            {
                let theirs =
                    s.holder.as_ref().and_then(|h| h.login.as_deref()) == Some(spec.login.as_str());
                if !theirs || s.status.is_closed() {
                    continue;
                }
                load.open += 1;
                if s.step_due.is_some_and(|d| d < at) {
                    load.overdue += 1;
                }
            }
            out.push(load);
        }
        out.sort_by(|a, b| a.open.cmp(&b.open).then_with(|| a.login.cmp(&b.login)));
        Ok(out)
    }

    /// A person as messages name them: "Full Name (login)", or the login
    /// alone when the store does not know it.
    pub fn who(&self, login: &str) -> String {
        match self.known_name(login) {
            Some(name) => format!("{name} ({login})"),
            None => login.to_string(),
        }
    }

    /// A person's full name, or the login when the store does not know it.
    pub fn full_name(&self, login: &str) -> String {
        self.known_name(login).unwrap_or_else(|| login.to_string())
    }

    pub(super) fn known_name(&self, login: &str) -> Option<String> {
        let user = self.store.user(login).ok().flatten()?;
        Some(user.full_name).filter(|n| !n.trim().is_empty())
    }

    /// A conflict names the person who acted first, a step assigned to
    /// someone else names that person: not only their login.
    pub(super) fn named(&self, e: OpsError) -> OpsError {
        match e {
            OpsError::Stale { number, by } => OpsError::Stale {
                by: self.who(&by),
                number,
            },
            OpsError::Transition(TransitionError::NotAssignee(login)) => {
                OpsError::Transition(TransitionError::NotAssignee(self.who(&login)))
            }
            other => other,
        }
    }
}

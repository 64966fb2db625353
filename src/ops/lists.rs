//! What a caller may read of the applications: one by number, lists by
//! filter, what waits for them, what changed since a revision.

use chrono::NaiveDateTime;

use super::{ListFilter, Named, Ops, OpsError, OpsResult, Refusal};
use crate::domain::iin::Iin;
use crate::domain::roles::Role;
use crate::store::Known;
use crate::store::model::{Organisation, Record, Summary, User};

impl Ops {
    pub fn find(&self, number: &str) -> OpsResult<Record> {
        Ok(self.find_known(number)?.rec)
    }

    /// The same, with what it was read from (for a change to compare).
    pub(crate) fn find_known(&self, number: &str) -> OpsResult<Known> {
        self.store.known_by_number(number.trim())?.ok_or_else(|| {
            OpsError::NotFound(Refusal::NoApplication {
                number: number.trim().into(),
            })
        })
    }

    /// A region supervisor reads reports (`ops::report`) and, from their
    /// drill-down, the region's applications one by one (`show`, recorded
    /// as a view), nothing else of a case: no lists, no person's record, no
    /// notices. A user holding another role as well reads by that role.
    pub(crate) fn reads_cases(user: &User) -> OpsResult<()> {
        if user.roles.iter().all(|r| *r == Role::Supervisor) {
            return Err(OpsError::Forbidden(Refusal::SupervisorReadsNoCases {
                login: user.login.clone(),
            }));
        }
        Ok(())
    }

    pub(super) fn may_see(rec: &Record, org: &Organisation) -> bool {
        rec.orgs.intake == org.code
            || rec.orgs.provider == org.code
            || rec.orgs.akim.as_deref() == Some(&org.code)
            || rec.orgs.local_executive.as_deref() == Some(&org.code)
    }

    /// An application the caller may see, not recorded as viewed (see `views`).
    pub(crate) fn show_unrecorded(&self, login: &str, number: &str) -> OpsResult<Record> {
        let (user, org) = self.caller(login)?;
        let rec = self.find(number)?;
        if !Self::may_see(&rec, &org) && !self.supervises(&user, &org, &rec)? {
            return Err(OpsError::Forbidden(Refusal::NotYourApplication {
                number: rec.number.clone(),
                org: Named::from(&org),
            }));
        }
        Ok(rec)
    }

    pub fn list(
        &self,
        login: &str,
        filter: &ListFilter,
        at: NaiveDateTime,
    ) -> OpsResult<Vec<Record>> {
        let (user, org) = self.caller(login)?;
        Self::reads_cases(&user)?;
        let limit = filter.limit.unwrap_or(usize::MAX);
        let mut ids: Vec<u64> = Vec::new();
        if filter.queue {
            for role in &user.roles {
                ids.extend(self.store.scan(
                    &[b"q", org.code.as_bytes(), role.as_str().as_bytes()],
                    usize::MAX,
                )?);
            }
            ids.extend(
                self.store
                    .scan(&[b"a", user.login.as_bytes()], usize::MAX)?,
            );
        } else if let Some(iin) = &filter.iin {
            let iin = Iin::from_input(iin, at.date())
                .map_err(|e| OpsError::Invalid(Refusal::bad_iin(iin, e)))?;
            ids = self
                .store
                .scan(&[b"i", iin.to_string().as_bytes()], usize::MAX)?;
        } else {
            for r in self.store.records() {
                let r = r?;
                if Self::may_see(&r, &org) {
                    ids.push(r.id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::new();
        for id in ids {
            let Some(rec) = self.store.app(id)? else {
                continue;
            };
            if !Self::may_see(&rec, &org) {
                continue;
            }
            if filter.queue && !self.waits_for(&rec, &user) {
                continue;
            }
            if let Some(iin) = &filter.iin
                && rec.app.applicant.iin.to_string() != iin.trim()
            {
                continue;
            }
            if filter.overdue && rec.app.step_due.is_none_or(|d| d >= at) {
                continue;
            }
            out.push(rec);
            if out.len() >= limit {
                break;
            }
        }
        // Most urgent first.
        out.sort_by_key(|r| (r.app.step_due.is_none(), r.app.step_due, r.id));
        Ok(out)
    }

    /// What waits for the caller: their organisation's queue for each of
    /// their roles and what is assigned to them by name, most urgent first.
    /// Read from the index summaries, so a queue of 100,000 costs no record reads.
    pub fn queue(&self, login: &str) -> OpsResult<Vec<Summary>> {
        let (user, org) = self.caller(login)?;
        let mut out = self
            .store
            .summaries(&[b"a", user.login.as_bytes()], |_| false)?;
        let mine: std::collections::HashSet<u64> = out.iter().map(|s| s.id).collect();
        for role in &user.roles {
            out.extend(self.store.summaries(
                &[b"q", org.code.as_bytes(), role.as_str().as_bytes()],
                |id| mine.contains(&id),
            )?);
        }
        out.retain(|s| {
            s.holder.as_ref().is_some_and(|h| match &h.login {
                Some(l) => *l == user.login,
                None => user.roles.contains(&h.actor.role),
            })
        });
        out.sort_by_key(|s| (s.step_due.is_none(), s.step_due, s.id));
        Ok(out)
    }

    /// The applications the caller may see that changed after store
    /// revision `after`, as lists show them; None when so much changed that
    /// a reload is cheaper. The embedded store's change feed: the journal.
    pub fn changes_since(&self, login: &str, after: u64) -> OpsResult<Option<Vec<Summary>>> {
        let (user, org) = self.caller(login)?;
        if Self::reads_cases(&user).is_err() {
            return Ok(Some(Vec::new()));
        }
        let Some(ids) = self.store.apps_changed_since(after, 10_000)? else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for id in ids {
            if let Some(rec) = self.store.app(id)?
                && Self::may_see(&rec, &org)
            {
                out.push(Summary::of(&rec));
            }
        }
        Ok(Some(out))
    }

    pub(super) fn waits_for(&self, rec: &Record, user: &User) -> bool {
        match &rec.app.holder {
            Some(h) => match &h.login {
                Some(l) => l == &user.login,
                None => user.roles.contains(&h.actor.role),
            },
            None => false,
        }
    }
}

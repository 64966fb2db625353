//! Who viewed what: every read that hands out a named person's data (an
//! application's card, a registry record) is recorded in the access log
//! (`store::views`) before the data leaves, with who, when and from where.
//! Recorded here, on the read path, so no front end can skip it.

use chrono::NaiveDateTime;

use super::{ListFilter, Ops, OpsResult};
use crate::domain::iin::Iin;
use crate::store::model::{Person, Record};
use crate::store::views::{View, Viewed};

/// Where a read came from: a server's peer, or the machine the store is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

impl Origin {
    /// A client of `qyzmet serve`, by its socket's peer credentials.
    pub fn peer(uid: u32, os_user: Option<&str>, pid: i32) -> Origin {
        Origin(format!(
            "socket peer uid {uid} ({}), pid {pid}",
            os_user.unwrap_or("?")
        ))
    }

    /// A store command run by a server for its client.
    pub fn served_command(client: &str) -> Origin {
        Origin(format!("command through the server by {client}"))
    }

    /// This process, on the store directly: the host and the OS user.
    pub fn this_machine() -> Origin {
        let host = nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "?".into());
        let user = std::env::var("USER").unwrap_or_else(|_| "?".into());
        Origin(format!(
            "{host}, OS user {user}, pid {}",
            std::process::id()
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Reads of the same data by the same person from the same place within
/// this span are one look (a workstation refreshing an open case).
const SAME_LOOK: chrono::Duration = chrono::Duration::minutes(10);

fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

impl Ops {
    /// An application the caller's organisation may see, recorded as
    /// viewed from this machine now.
    pub fn show(&self, login: &str, number: &str) -> OpsResult<Record> {
        self.show_from(login, number, &Origin::this_machine(), local_now())
    }

    /// `show`, recorded as viewed from `from` at `at`.
    pub fn show_from(
        &self,
        login: &str,
        number: &str,
        from: &Origin,
        at: NaiveDateTime,
    ) -> OpsResult<Record> {
        let rec = self.show_unrecorded(login, number)?;
        let org = self.store.user(login)?.map(|u| u.org);
        let what = Viewed::Application {
            number: rec.number.clone(),
        };
        self.record(login, org, rec.app.applicant.iin, what, from, at)?;
        Ok(rec)
    }

    /// A person of the registry, for an active user, recorded as viewed
    /// from this machine now.
    pub fn person(&self, login: &str, iin: &str) -> OpsResult<Option<Person>> {
        self.person_from(login, iin, &Origin::this_machine(), local_now())
    }

    /// `person`, recorded as viewed from `from` at `at` when it finds someone.
    pub fn person_from(
        &self,
        login: &str,
        iin: &str,
        from: &Origin,
        at: NaiveDateTime,
    ) -> OpsResult<Option<Person>> {
        let found = self.person_unrecorded(login, iin)?;
        if let Some(p) = &found {
            let org = self.store.user(login)?.map(|u| u.org);
            self.record(login, org, p.iin, Viewed::Person, from, at)?;
        }
        Ok(found)
    }

    /// `list`, recorded as views from `from` at `at` where the list shows
    /// named people: a search by IIN is one view of that person's
    /// applications; with `shows_applicants` (the list prints the
    /// applicant of each, as `app list --json` does) each application is a
    /// view of its applicant's. A list of numbers, statuses and deadlines
    /// alone (the caller's work) names nobody and is not recorded.
    pub fn list_from(
        &self,
        login: &str,
        filter: &ListFilter,
        shows_applicants: bool,
        from: &Origin,
        at: NaiveDateTime,
    ) -> OpsResult<Vec<Record>> {
        let recs = self.list(login, filter, at)?;
        let org = self.store.user(login)?.map(|u| u.org);
        if filter.iin.is_some() {
            // Every record found has the searched IIN (`list` keeps no other).
            if let Some(first) = recs.first() {
                let numbers = recs.iter().map(|r| r.number.clone()).collect();
                let what = Viewed::Applications { numbers };
                self.record(login, org, first.app.applicant.iin, what, from, at)?;
            }
        } else if shows_applicants {
            for rec in &recs {
                let what = Viewed::Application {
                    number: rec.number.clone(),
                };
                self.record(login, org.clone(), rec.app.applicant.iin, what, from, at)?;
            }
        }
        Ok(recs)
    }

    /// A store command's administrator looked at `iin`'s data.
    pub fn admin_viewed(
        &self,
        by: &str,
        iin: Iin,
        what: Viewed,
        from: &Origin,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        self.record(by, None, iin, what, from, at)
    }

    /// Who looked at `iin`'s data, oldest first: for an administrator
    /// answering a citizen (whoever holds the store, as for `user add`).
    pub fn views_of(&self, iin: &Iin) -> OpsResult<Vec<View>> {
        Ok(self.store.views_of(iin)?)
    }

    fn record(
        &self,
        by: &str,
        org: Option<String>,
        iin: Iin,
        what: Viewed,
        from: &Origin,
        at: NaiveDateTime,
    ) -> OpsResult<()> {
        let view = View {
            at,
            by: by.to_string(),
            org,
            iin,
            what,
            from: from.as_str().to_string(),
        };
        // A workstation reads an open case again after every change it is
        // told of: the same look, not a new one, within a few minutes.
        let again = self.store.views_of(&iin)?.iter().rev().any(|v| {
            v.by == view.by
                && v.what == view.what
                && v.from == view.from
                && v.at <= at
                && at - v.at < SAME_LOOK
        });
        if again {
            return Ok(());
        }
        Ok(self.store.record_view(&view)?)
    }
}

//! Store administration and scripting: the same operations API the workstation uses.
//! One file per command group; this one holds what they share (the store,
//! failures, passwords, progress) and `init` and `check`.

mod app;
mod backup;
mod org;
mod person;
mod user;

pub use app::*;
pub use backup::*;
pub use org::*;
pub use person::*;
pub use user::*;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use super::{Context, Failure, Outcome, outln, print_json, say};
use crate::domain::catalog::Channel;
use crate::domain::iin::Iin;
use crate::domain::roles::Role;
use crate::domain::route::{Deadlines, RefusalGround, Representative};
use crate::ops::views::Origin;
use crate::ops::{ActKind, ActRequest, ListFilter, Ops, OpsError, SubmitRequest, auth};
use crate::store::model::{Person, Record, User};
use crate::store::views::Viewed;
use crate::store::{Store, StoreError};
use crate::tui::i18n::iin_reason;

/// Where the store lives: --db, QYZMET_DB, `db` in the config file, or the
/// XDG data directory. A `postgres://` URL names a PostgreSQL database.
pub fn store_path(db: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(p) = db {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = crate::cli::workstation::configured_db()? {
        return Ok(p);
    }
    directories::ProjectDirs::from("", "", "qyzmet")
        .map(|d| d.data_dir().join("store"))
        .ok_or_else(|| Failure::usage(say::t("no_home")))
}

pub fn now() -> NaiveDateTime {
    // QYZMET_NOW pins the clock for reproducible scripts and tests.
    std::env::var("QYZMET_NOW")
        .ok()
        .and_then(|s| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M").ok())
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}

pub(crate) fn store_failure(e: StoreError) -> Failure {
    Failure {
        code: 1,
        message: crate::i18n::store_error_text(say::lang(), &e),
    }
}

pub fn ops_failure(e: OpsError) -> Failure {
    let code = match e {
        OpsError::Invalid(_) => 2,
        // What a person named (a number, a login, a ticket) is not there:
        // a refusal like any other, not malformed input.
        OpsError::NotFound(_) => 1,
        OpsError::Forbidden(_) | OpsError::Login(_) => 3,
        OpsError::Conflict(_)
        | OpsError::Stale { .. }
        | OpsError::Queue(crate::domain::queue::QueueError::WindowTaken { .. }) => 4,
        _ => 1,
    };
    let lang = super::say::lang();
    let message = match &e {
        // The workstation shows the new state at once; a script must look itself.
        OpsError::Stale { number, by } => {
            crate::i18n::tf(lang, "cli.stale", &[("number", number), ("by", by)])
        }
        _ => crate::i18n::error_text(lang, &e),
    };
    Failure { code, message }
}

/// The store a command works on: opened for it, or the server's.
pub enum OpsRef<'a> {
    Own(Box<Ops>),
    Served(&'a Ops),
}

impl std::ops::Deref for OpsRef<'_> {
    type Target = Ops;
    fn deref(&self) -> &Ops {
        match self {
            OpsRef::Own(o) => o,
            OpsRef::Served(o) => o,
        }
    }
}

impl<'a> Context<'a> {
    /// Where this command's reads come from, for the access log.
    pub fn origin(&self) -> Origin {
        match &self.served {
            Some(s) => Origin::served_command(&s.actor),
            None => Origin::this_machine(),
        }
    }

    pub fn open_ops(&self) -> Result<OpsRef<'a>, Failure> {
        if let Some(s) = &self.served {
            return Ok(OpsRef::Served(s.ops));
        }
        Ok(OpsRef::Own(Box::new(self.open_own_ops()?)))
    }

    pub(crate) fn open_own_ops(&self) -> Result<Ops, Failure> {
        self.ops_at(false)
    }

    /// The store, created empty when there is none yet: what a workstation
    /// or a server starts on.
    pub(crate) fn open_or_create_ops(&self) -> Result<Ops, Failure> {
        self.ops_at(true)
    }

    fn ops_at(&self, create: bool) -> Result<Ops, Failure> {
        let path = store_path(self.db.as_deref())?;
        let store = if create && !Store::exists(&path).map_err(store_failure)? {
            Store::create(&path, now())
        } else {
            Store::open(&path)
        };
        let ops = Ops::new(
            store.map_err(store_failure)?,
            self.catalog()?,
            Deadlines::new(self.calendar()?),
        );
        if create {
            mend_cells(&ops)?;
        }
        Ok(ops)
    }
}

/// A server or a workstation starts on complete report cells: cells of an
/// older layout are rebuilt here, before anything is served (nothing else
/// writes yet, and the first report is not the one kept waiting), with a
/// progress bar on a terminal, a big store taking a while.
fn mend_cells(ops: &Ops) -> Result<(), Failure> {
    if ops.store.cells_complete().map_err(store_failure)? {
        return Ok(());
    }
    let bar = progress(Some(ops.store.app_count() as u64), say::t("progress_cells"));
    ops.mend_cells(|n| bar.set_position(n))
        .map_err(ops_failure)?;
    bar.finish_and_clear();
    Ok(())
}

/// A progress bar on a terminal; nothing in scripts.
pub fn progress(len: Option<u64>, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || super::capturing() {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let template = if len.is_some() {
        "{msg} [{bar:30}] {pos}/{len}"
    } else {
        "{msg} {spinner} {pos}"
    };
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// Who the journal names for an administrator's command: the OS user
/// running it (for a command a server runs, the client's).
pub(crate) fn admin_name(ctx: &Context) -> String {
    let user = match &ctx.served {
        Some(s) => s.actor.clone(),
        None => std::env::var("USER").unwrap_or_else(|_| "unknown".into()),
    };
    format!("admin:{user}")
}

/// The password for `user add` / `user passwd`. Run by a server for a
/// client, it is the one the client read and sent with the command (the
/// server's own stdin and terminal are not the user's).
fn read_password(ctx: &Context, stdin: bool, prompt: &str) -> Result<String, Failure> {
    match ctx.served.as_ref() {
        Some(s) => {
            let bytes = s
                .input
                .clone()
                .ok_or_else(|| Failure::usage(say::t("password_missing")))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::usage(say::t("password_not_utf8")))?;
            Ok(text.lines().next().unwrap_or("").to_string())
        }
        None => ask_password(stdin, prompt),
    }
}

/// A user changing their own password through the server says the
/// current one first: the first line the client sent. Checked as a
/// sign-in (`Ops::check_own_password`): wrong ones count towards the lock.
fn check_current_password(ctx: &Context, ops: &Ops, login: &str) -> Result<(), Failure> {
    let current = read_password(ctx, false, "")?;
    ops.check_own_password(login, &current, now())
        .map_err(|e| match e {
            OpsError::Login(auth::LoginError::UnknownOrWrong { attempts_left }) => Failure {
                code: 3,
                message: say::tf("passwd-wrong_current", &[("n", &attempts_left)]),
            },
            other => ops_failure(other),
        })
}

/// The new password of `user passwd`: through the server for oneself, the
/// second line the client sent (after the current one).
fn new_password(ctx: &Context, stdin: bool, login: &str) -> Result<String, Failure> {
    match ctx.served.as_ref() {
        Some(s) if s.by_self => {
            let text = String::from_utf8_lossy(s.input.as_deref().unwrap_or_default()).into_owned();
            Ok(text.lines().nth(1).unwrap_or("").to_string())
        }
        _ => {
            let prompt = say::tf("password_new_for", &[("login", &login)]);
            read_password(ctx, stdin, &prompt)
        }
    }
}

/// Reads a password from stdin (its first line) or asks for it twice on the terminal.
pub fn ask_password(stdin: bool, prompt: &str) -> Result<String, Failure> {
    let password = if stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|_| Failure::usage(say::t("password_unreadable")))?;
        s.lines().next().unwrap_or("").to_string()
    } else {
        let unreadable = |_| Failure::usage(say::t("password_unreadable"));
        let first = rpassword::prompt_password(prompt).map_err(unreadable)?;
        let again = rpassword::prompt_password(say::t("password_again")).map_err(unreadable)?;
        if first != again {
            return Err(Failure::usage(say::t("passwords_differ")));
        }
        first
    };
    Ok(password)
}

// ---- init, journal, check, backup, restore

pub fn init(ctx: &Context, demo: bool, scale: usize) -> Outcome {
    let path = store_path(ctx.db.as_deref())?;
    let at = now();
    let store = Store::create(&path, at).map_err(store_failure)?;
    // The store's own name for its place: a URL without its password.
    outln!(
        "{}",
        say::tf("store_created", &[("path", &store.path().display())])
    );
    if demo {
        let ops = Ops::new(store, ctx.catalog()?, Deadlines::new(ctx.calendar()?));
        let bar = progress(Some(scale as u64), say::t("demo_progress"));
        let summary = crate::demo::populate(&ops, at, scale, &mut |n| bar.set_position(n))
            .map_err(ops_failure)?;
        bar.finish_and_clear();
        outln!(
            "{}",
            say::tf(
                "demo_created",
                &[
                    ("orgs", &summary.orgs),
                    ("apps", &summary.applications),
                    ("persons", &summary.persons),
                ],
            )
        );
        outln!(
            "{}",
            say::tf("demo_users", &[("password", &summary.password)])
        );
        for (login, role, org) in &summary.users {
            let role = say::ui(&format!("role.{role}"));
            outln!("  {login:<16} {role:<20} {org}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(ctx: &Context) -> Outcome {
    let ops = ctx.open_ops()?;
    // Counting is a full scan of the applications: do it once.
    let count = ops.store.app_count();
    let bar = progress(Some(count as u64), say::t("progress_check"));
    let mut findings = ops
        .store
        .check(|n| bar.set_position(n))
        .map_err(store_failure)?;
    findings.extend(
        ops.store
            .check_routes(&ops.catalog)
            .map_err(store_failure)?,
    );
    // The report's cells against a recomputation (built here when never kept).
    findings.extend(ops.check_cells().map_err(ops_failure)?);
    bar.finish_and_clear();
    report(say::tf("sound_store", &[("n", &count)]), findings)
}

/// `sound`: what was found sound, said when nothing is wrong.
pub(crate) fn report(sound: String, findings: Vec<String>) -> Outcome {
    if findings.is_empty() {
        outln!("{sound}");
        Ok(ExitCode::SUCCESS)
    } else {
        for f in &findings {
            outln!("{f}");
        }
        outln!("{}", say::tf("problems_found", &[("n", &findings.len())]));
        Ok(ExitCode::FAILURE)
    }
}

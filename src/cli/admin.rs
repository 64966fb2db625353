//! Store administration and scripting: the same operations API the workstation uses.

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

/// Where the store lives: --db, QYZMET_DB, or the XDG data directory.
pub fn store_path(db: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(p) = db {
        return Ok(p.to_path_buf());
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
        let exists = path.join("db").exists() || path.join("conf").exists();
        let store = if create && !exists {
            Store::create(&path, now())
        } else {
            Store::open(&path)
        };
        Ok(Ops::new(
            store.map_err(store_failure)?,
            self.catalog()?,
            Deadlines::new(self.calendar()?),
        ))
    }
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
/// current one first: the first line the client sent.
fn check_current_password(ctx: &Context, ops: &Ops, login: &str) -> Result<(), Failure> {
    let current = read_password(ctx, false, "")?;
    let user = ops.store.user(login).map_err(store_failure)?;
    match user {
        Some(u) if auth::verify_password(&current, &u.password_hash) => Ok(()),
        _ => Err(Failure {
            code: 3,
            message: say::t("passwd-wrong_current").to_string(),
        }),
    }
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

// ---- qyzmet user

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Adds a user: `qyzmet user add aigerim --name "Ахметова Айгерим" --org KRG-ED --role clerk`.
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        org: String,
        /// operator, clerk, head, specialist (repeat for several).
        #[arg(long = "role", required = true, value_parser = parse_role)]
        roles: Vec<Role>,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
        /// The OS account mapped to this user (SSH sessions in server mode).
        #[arg(long)]
        os_user: Option<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Disable {
        login: String,
    },
    /// Maps the user to an OS account (signed in by peer credentials through
    /// a server); without --os-user, removes the mapping, which ends such sessions.
    Map {
        login: String,
        #[arg(long)]
        os_user: Option<String>,
    },
    /// Sets a new password.
    Passwd {
        login: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::ALL
        .into_iter()
        .find(|r| r.as_str() == s)
        .ok_or_else(|| {
            format!("unknown role {s:?}: use operator, clerk, head, specialist or supervisor")
        })
}

pub fn user(ctx: &Context, cmd: UserCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    let at = now();
    match cmd {
        UserCmd::Add {
            login,
            name,
            org,
            roles,
            password_stdin,
            os_user,
        } => {
            let prompt = say::tf("password_for", &[("login", &login)]);
            let password = read_password(ctx, password_stdin, &prompt)?;
            auth::check_password(&login, &password).map_err(ops_failure)?;
            let user = User {
                login: login.clone(),
                full_name: name,
                org,
                roles,
                password_hash: auth::hash_password(&password).map_err(ops_failure)?,
                active: true,
                os_user,
                failed_logins: 0,
                locked_until: None,
            };
            ops.add_user(user, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("user_added", &[("login", &login)]));
        }
        UserCmd::List { json } => {
            let users = ops.store.users().map_err(store_failure)?;
            if json {
                let rows: Vec<Value> = users
                    .iter()
                    .map(|u| json!({"login": u.login, "name": u.full_name, "org": u.org, "roles": u.roles, "active": u.active, "os_user": u.os_user}))
                    .collect();
                print_json(&rows);
            } else {
                for u in users {
                    let roles: Vec<&str> = u
                        .roles
                        .iter()
                        .map(|r| say::ui(&format!("role.{r}")))
                        .collect();
                    let state = if u.active {
                        String::new()
                    } else {
                        format!(" ({})", say::t("user_disabled_mark"))
                    };
                    outln!(
                        "{:<16} {:<10} {:<24} {}{state}",
                        u.login,
                        u.org,
                        roles.join(","),
                        u.full_name
                    );
                }
            }
        }
        UserCmd::Disable { login } => {
            ops.disable_user(&login, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("user_disabled", &[("login", &login)]));
        }
        UserCmd::Map { login, os_user } => {
            ops.map_os_user(&login, os_user.clone(), &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!(
                "user {login} mapped to {}",
                os_user.as_deref().unwrap_or("-")
            );
        }
        UserCmd::Passwd {
            login,
            password_stdin,
        } => {
            if ctx.served.as_ref().is_some_and(|s| s.by_self) {
                check_current_password(ctx, &ops, &login)?;
            }
            let password = new_password(ctx, password_stdin, &login)?;
            ops.set_password(&login, &password, &admin_name(ctx), at)
                .map_err(ops_failure)?;
            outln!("{}", say::tf("password_changed", &[("login", &login)]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---- qyzmet person

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Imports a registry file (UTF-8 CSV); one bad row and nothing is imported.
    ///
    /// The first line names the columns: `iin,full_name,phone,address,district`
    /// in any order (`iin` and `full_name` required, other columns ignored;
    /// `;` as the separator works too). Known IINs are updated. Any bad row
    /// (invalid IIN, no name, an IIN twice): nothing is imported, every bad
    /// row is listed with its line number, exit 2.
    Import { file: PathBuf },
    /// One person of the registry.
    Show {
        iin: String,
        /// Look up as this user (who must be active).
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn person(ctx: &Context, cmd: PersonCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    match cmd {
        PersonCmd::Import { file } => {
            let bytes = match ctx.served.as_ref().and_then(|s| s.input.clone()) {
                Some(b) => b,
                None => std::fs::read(&file).map_err(|e| Failure::file(&file, &e))?,
            };
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::usage(say::tf("not_utf8", &[("file", &file.display())])))?;
            let report = ops
                .import_persons(&text, &admin_name(ctx), now())
                .map_err(|e| {
                    let mut f = ops_failure(e);
                    f.message = format!("{}: {}", file.display(), f.message);
                    f
                })?;
            if report.errors.is_empty() {
                // An administrator's registry file: the stand-in of ГБД ФЛ, checked at intake.
                ops.store
                    .connect_person_registry()
                    .map_err(|e| ops_failure(e.into()))?;
            } else {
                let mut message = say::tf(
                    "import_refused",
                    &[("file", &file.display()), ("n", &report.errors.len())],
                );
                for (line, what) in &report.errors {
                    let what = crate::i18n::refusal_text(say::lang(), what);
                    message.push_str("\n  ");
                    message.push_str(&say::tf("import_line", &[("line", line), ("what", &what)]));
                }
                return Err(Failure::usage(message));
            }
            outln!(
                "{}",
                say::tf(
                    "imported",
                    &[
                        ("n", &report.imported),
                        ("total", &ops.store.person_count())
                    ]
                )
            );
        }
        PersonCmd::Show {
            iin,
            as_login,
            json,
        } => {
            let found = match &as_login {
                Some(login) => ops
                    .person_from(login, &iin, &ctx.origin(), now())
                    .map_err(ops_failure)?,
                None => {
                    let valid = Iin::from_input(&iin, chrono::NaiveDate::MAX).map_err(|e| {
                        Failure::usage(say::tf(
                            "iin_bad",
                            &[
                                ("iin", &iin.trim()),
                                ("reason", &iin_reason(say::lang(), &e)),
                            ],
                        ))
                    })?;
                    ops.store.person(&valid).map_err(store_failure)?
                }
            };
            let p = found
                .ok_or_else(|| Failure::not_found(say::tf("no_person", &[("iin", &iin.trim())])))?;
            if as_login.is_none() {
                ops.admin_viewed(
                    &admin_name(ctx),
                    p.iin,
                    Viewed::Person,
                    &ctx.origin(),
                    now(),
                )
                .map_err(ops_failure)?;
            }
            if json {
                print_json(&p);
            } else {
                print_person(&p);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_person(p: &Person) {
    outln!("{}  {}", p.iin, p.full_name);
    for (key, value) in [
        ("person.phone", &p.phone),
        ("person.address", &p.address),
        ("person.district", &p.district),
    ] {
        let label = format!("{}:", say::t(key));
        outln!("  {label:<9} {}", value.as_deref().unwrap_or("—"));
    }
}

// ---- qyzmet app

impl AppCmd {
    /// The user the command acts as (`--as`).
    pub fn acting_login(&self) -> Option<&str> {
        match self {
            AppCmd::Submit(a) => Some(&a.as_login),
            AppCmd::Act(a) => Some(&a.as_login),
            AppCmd::Show { as_login, .. } => as_login.as_deref(),
            AppCmd::List { as_login, .. } => Some(as_login),
        }
    }
}

impl PersonCmd {
    pub fn acting_login(&self) -> Option<&str> {
        match self {
            PersonCmd::Import { .. } => None,
            PersonCmd::Show { as_login, .. } => as_login.as_deref(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AppCmd {
    /// Takes an application in; missing documents give a receipt of refusal.
    Submit(SubmitArgs),
    /// An action of the route: register, assign, decide, sign, dispatch, issue, return, withdraw...
    Act(ActArgs),
    /// One application with its full history.
    Show {
        number: String,
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Applications visible to a user; --queue: those waiting for them.
    List {
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: String,
        #[arg(long)]
        queue: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        iin: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    #[arg(long)]
    service: String,
    #[arg(long)]
    iin: String,
    #[arg(long)]
    name: String,
    #[arg(long, value_parser = |s: &str| s.parse::<Channel>())]
    channel: Channel,
    #[arg(long)]
    org: Option<String>,
    /// The applicant's district (decides the provider); default the intake office's.
    #[arg(long)]
    district: Option<String>,
    #[arg(long = "as", value_name = "LOGIN")]
    as_login: String,
    #[arg(long)]
    phone: Option<String>,
    /// Representative acting by power of attorney: "Name;NUMBER".
    #[arg(long)]
    representative: Option<String>,
    /// all, or missing:a,b (the documents not handed in).
    #[arg(long, default_value = "all")]
    docs: String,
    /// Documents handed in whose term of validity ran out, comma-separated:
    /// intake is refused naming them apart from the missing ones.
    #[arg(long, value_delimiter = ',', value_name = "DOC,...")]
    expired: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ActArgs {
    number: String,
    /// register, assign, review, inspect, decide, conclude, sign, forward, dispatch, issue, return, withdraw, refuse-intake, complete
    #[arg(value_parser = |s: &str| s.parse::<ActKind>())]
    action: ActKind,
    #[arg(long = "as", value_name = "LOGIN")]
    as_login: String,
    /// assign: the specialist's login.
    #[arg(long)]
    to: Option<String>,
    #[arg(long, value_parser = ["approve", "refuse"])]
    decision: Option<String>,
    /// approve: the result kind (see `catalog show`).
    #[arg(long)]
    result: Option<String>,
    #[arg(long, value_parser = |s: &str| s.parse::<RefusalGround>())]
    ground: Option<RefusalGround>,
    #[arg(long)]
    comment: Option<String>,
    /// return: the step to go back to (1-based).
    #[arg(long)]
    step: Option<usize>,
    /// issue: IIN of who collects the result.
    #[arg(long)]
    iin: Option<String>,
    /// refuse-intake: the missing documents, comma-separated.
    #[arg(long, value_delimiter = ',')]
    missing: Vec<String>,
    #[arg(long)]
    version: Option<u64>,
    #[arg(long)]
    json: bool,
}

fn record_json(ops: &Ops, rec: &Record, at: NaiveDateTime) -> Value {
    let service = ops.catalog.get(&rec.app.service);
    let step = service.and_then(|s| rec.app.current_step(s));
    let sla = service.and_then(|s| rec.app.step_sla(s, &ops.deadlines, at));
    json!({
        "number": rec.number,
        "id": rec.id,
        "service": rec.app.service,
        "channel": rec.app.channel,
        "status": rec.app.status,
        "version": rec.app.version,
        "applicant": rec.app.applicant,
        "orgs": rec.orgs,
        "step": step.map(|s| json!({
            "index": rec.app.step + 1,
            "action": s.action,
            "actor": {"org": s.org, "role": s.role},
            "holder": rec.app.holder.as_ref().and_then(|h| h.login.clone()),
            "started": rec.app.step_started,
            "due": rec.app.step_due,
            "norm": s.norm,
        })),
        "sla": sla.map(|s| json!({"state": s.state, "due": s.due, "left_or_overdue": s.amount})),
        "overall_due": rec.app.overall_due,
        "decision": rec.app.decision,
        "numbers": rec.app.numbers,
        "missing_documents": rec.app.missing_documents(),
        "expired_documents": rec.app.expired_documents(),
        "history": rec.app.history,
    })
}

/// One application as JSON for scripts, or as a card (`full`: with its history).
fn emit(ops: &Ops, rec: &Record, at: NaiveDateTime, json: bool, full: bool) {
    if json {
        print_json(&record_json(ops, rec, at));
    } else {
        super::card::print(ops, rec, at, full);
    }
}

fn fmt_time(t: Option<NaiveDateTime>) -> String {
    t.map_or("-".into(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

pub fn app(ctx: &Context, cmd: AppCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    let at = now();
    match cmd {
        AppCmd::Submit(a) => {
            let documents = if a.docs == "all" {
                None
            } else if let Some(missing) = a.docs.strip_prefix("missing:") {
                let missing: Vec<&str> = missing
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                let service = ops.service(&a.service).map_err(ops_failure)?;
                for m in &missing {
                    if !service.documents.iter().any(|d| d.id == *m) {
                        return Err(Failure::usage(say::tf(
                            "unknown_document",
                            &[("doc", m), ("service", &service.id)],
                        )));
                    }
                }
                Some(
                    service
                        .documents
                        .iter()
                        .map(|d| d.id.clone())
                        .filter(|d| !missing.contains(&d.as_str()))
                        .collect(),
                )
            } else {
                return Err(Failure::usage(say::t("docs_shape")));
            };
            let service = ops.service(&a.service).map_err(ops_failure)?;
            let handed_in = |d: &str| {
                service.documents.iter().any(|x| x.id == d)
                    && documents
                        .as_ref()
                        .is_none_or(|docs: &Vec<String>| docs.iter().any(|x| x == d))
            };
            if let Some(d) = a.expired.iter().find(|d| !handed_in(d.trim())) {
                return Err(Failure::usage(say::tf(
                    "expired_not_handed_in",
                    &[("doc", d)],
                )));
            }
            let representative = match a.representative {
                None => None,
                Some(r) => {
                    let (name, poa) = r
                        .split_once(';')
                        .ok_or_else(|| Failure::usage(say::t("representative_shape")))?;
                    Some(Representative {
                        name: name.trim().into(),
                        iin: None,
                        power_of_attorney: poa.trim().into(),
                    })
                }
            };
            let req = SubmitRequest {
                district: a.district,
                service: a.service,
                channel: a.channel,
                iin: a.iin,
                name: a.name,
                phone: a.phone,
                representative,
                org: a.org,
                documents,
                expired: a.expired.iter().map(|d| d.trim().to_string()).collect(),
            };
            let rec = ops.submit(&a.as_login, req, at).map_err(ops_failure)?;
            if a.json {
                let mut v = record_json(&ops, &rec, at);
                v["receipt"] = receipt_text(&ops, &rec).into();
                print_json(&v);
            } else {
                super::card::print(&ops, &rec, at, false);
                outln!("");
                outln!("{}", receipt_text(&ops, &rec));
            }
        }
        AppCmd::Act(a) => {
            let req = ActRequest {
                to: a.to,
                approve: a.decision.as_deref().map(|d| d == "approve"),
                result: a.result,
                ground: a.ground,
                comment: a.comment,
                to_step: a.step,
                recipient: a.iin,
                missing: a.missing,
                version: a.version,
            };
            let rec = ops
                .act(&a.as_login, &a.number, a.action, req, at)
                .map_err(ops_failure)?;
            emit(&ops, &rec, at, a.json, false);
        }
        AppCmd::Show {
            number,
            as_login,
            json,
        } => {
            let number = application_number(&number)?;
            let found = match &as_login {
                Some(login) => ops.show_from(login, number, &ctx.origin(), at),
                None => ops.find(number),
            };
            let rec = found.map_err(|e| match e {
                OpsError::NotFound(_) => {
                    Failure::not_found(say::tf("no_application", &[("number", &number)]))
                }
                e => ops_failure(e),
            })?;
            if as_login.is_none() {
                let what = Viewed::Application {
                    number: rec.number.clone(),
                };
                let iin = rec.app.applicant.iin;
                ops.admin_viewed(&admin_name(ctx), iin, what, &ctx.origin(), at)
                    .map_err(ops_failure)?;
            }
            emit(&ops, &rec, at, json, true);
        }
        AppCmd::List {
            as_login,
            queue,
            overdue,
            iin,
            json,
        } => {
            let filter = ListFilter {
                queue,
                overdue,
                iin,
                limit: None,
            };
            let recs = ops.list(&as_login, &filter, at).map_err(ops_failure)?;
            if json {
                print_json(
                    &recs
                        .iter()
                        .map(|r| record_json(&ops, r, at))
                        .collect::<Vec<_>>(),
                );
            } else {
                for r in &recs {
                    outln!(
                        "{:<22} {:<18} {:<40} {} {}",
                        r.number,
                        say::ui(&format!("status.{}", r.app.status.as_str())),
                        ops.catalog
                            .get(&r.app.service)
                            .map_or(r.app.service.as_str(), |s| {
                                crate::i18n::service_name(say::lang(), s)
                            }),
                        say::t("list_due"),
                        fmt_time(r.app.step_due)
                    );
                }
                outln!("{}", say::tf("applications_count", &[("n", &recs.len())]));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A number as typed, when it has the shape of one: `ORG-YYYY-NNNNNN`, with
/// `-OUT-` for outgoing numbers (a malformed number is bad input; a
/// well-formed one that matches nothing is "not found").
fn application_number(typed: &str) -> Result<&str, Failure> {
    let number = typed.trim();
    let parts: Vec<&str> = number.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let well_formed = parts.len() >= 3
        && digits(parts[parts.len() - 1], 6)
        && digits(parts[parts.len() - 2], 4)
        && parts[..parts.len() - 2]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if well_formed {
        Ok(number)
    } else {
        Err(Failure::usage(say::tf(
            "bad_number",
            &[("number", &number)],
        )))
    }
}

/// The receipt handed to the applicant (the same text the workstation prints).
pub fn receipt_text(ops: &Ops, rec: &Record) -> String {
    let by = rec.app.history.first().map_or("", |e| e.by.as_str());
    crate::ops::receipt::text(&ops.catalog, rec, &ops.full_name(by))
}

// ---- init, journal, check, backup, restore

pub fn init(ctx: &Context, demo: bool, scale: usize) -> Outcome {
    let path = store_path(ctx.db.as_deref())?;
    let at = now();
    let store = Store::create(&path, at).map_err(store_failure)?;
    outln!("{}", say::tf("store_created", &[("path", &path.display())]));
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

pub fn backup(ctx: &Context, file: &Path, force: bool, encrypt_to: &[String]) -> Outcome {
    let recipients = super::sealed::Recipients::parse(encrypt_to)?;
    let ops = ctx.open_ops()?;
    if recipients.is_empty() {
        warn_personal_data(&ops);
    }
    let written = |entries: u64| match recipients.len() {
        0 => backup_written(entries, file),
        n => say::tf(
            "backup-sealed_written",
            &[
                ("n", &entries),
                ("file", &file.display()),
                ("recipients", &n),
            ],
        ),
    };
    if let Some(s) = &ctx.served {
        // For a client: the bytes go back to it, which writes its file.
        let mut output = s.output.borrow_mut();
        let n = recipients
            .write_to(&mut *output, |out| {
                let mut out = out;
                ops.store
                    .backup(&mut out, |_| {})
                    .map_err(|e| std::io::Error::other(e.to_string()))
            })
            .map_err(|e| Failure::file(file, &e))?;
        outln!("{}", written(n));
        return Ok(ExitCode::SUCCESS);
    }
    refuse_existing(file, force)?;
    let bar = progress(None, say::t("progress_backup"));
    let mut entries = 0;
    write_new_file(file, force, |out| {
        let mut out = std::io::BufWriter::new(out);
        entries = recipients.write_to(&mut out, |sealed| {
            let mut sealed = sealed;
            ops.store
                .backup(&mut sealed, |n| bar.set_position(n))
                .map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        std::io::Write::flush(&mut out)
    })?;
    bar.finish_and_clear();
    outln!("{}", written(entries));
    Ok(ExitCode::SUCCESS)
}

/// A backup in the clear of a store holding citizens' data is worth a
/// warning: it is the whole registry on whatever disk it is copied to.
fn warn_personal_data(ops: &Ops) {
    let (apps, persons) = (ops.store.app_count(), ops.store.person_count());
    if apps + persons > 0 {
        super::say_err(&say::tf(
            "backup-plain_warning",
            &[("apps", &apps), ("persons", &persons)],
        ));
    }
}

fn backup_written(entries: u64, file: &Path) -> String {
    say::tf(
        "backup_written",
        &[("n", &entries), ("file", &file.display())],
    )
}

/// A backup never replaces a file by surprise: an existing FILE needs `--force`.
pub fn refuse_existing(file: &Path, force: bool) -> Result<(), Failure> {
    if !force && file.exists() {
        return Err(Failure::usage(say::tf(
            "file_exists",
            &[("file", &file.display())],
        )));
    }
    Ok(())
}

/// Writes `file` durably: into a hidden temporary file beside it, synced,
/// then moved into place — over an existing file only with `force` (without
/// it the move refuses a file that appeared meanwhile). Messages name only
/// `file`, the path the user gave.
/// A hard link does not replace an existing file, as rename would; where
/// the file system has no hard links (a FAT stick), the file was checked
/// for just before and rename is the fallback.
fn move_without_replacing(tmp: &Path, file: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, file) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if !file.exists() => std::fs::rename(tmp, file),
        Err(e) => Err(e),
    }
}

pub fn write_new_file(
    file: &Path,
    force: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let name = file
        .file_name()
        .map_or("backup".into(), |n| n.to_string_lossy());
    let tmp = file.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let fail = |e: std::io::Error| Failure::file(file, &e);
    let result = std::fs::File::create_new(&tmp)
        .and_then(|mut f| write(&mut f).and_then(|()| f.sync_all()))
        .and_then(|()| {
            if force {
                std::fs::rename(&tmp, file)
            } else {
                move_without_replacing(&tmp, file)
            }
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

pub fn restore(ctx: &Context, file: &Path, identity: Option<&Path>) -> Outcome {
    let path = ctx
        .db
        .clone()
        .ok_or_else(|| Failure::usage(say::t("restore_needs_db")))?;
    let bytes = std::fs::read(file).map_err(|e| Failure::file(file, &e))?;
    let bytes = super::sealed::open(file, bytes, identity)?;
    let bar = progress(None, say::t("progress_restore"));
    let store =
        Store::restore(&path, &bytes, now(), |n| bar.set_position(n)).map_err(|e| match e {
            StoreError::Rejected(m) => Failure::usage(m),
            e => store_failure(e),
        })?;
    bar.finish_and_clear();
    let findings = store.check(|_| {}).map_err(store_failure)?;
    if !findings.is_empty() {
        return report(String::new(), findings);
    }
    outln!(
        "{}",
        say::tf(
            "restored",
            &[("n", &store.app_count()), ("path", &path.display())]
        )
    );
    Ok(ExitCode::SUCCESS)
}

// ---- qyzmet org

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// Adds an organisation: `qyzmet org add KRG-ED --kind provider --provider-kind education_department ...`.
    Add {
        /// Short code used in registration numbers, e.g. KRG-ED.
        code: String,
        #[arg(long)]
        name_ru: String,
        #[arg(long)]
        name_kk: String,
        /// The English name (screens in English show the Russian one without it).
        #[arg(long, default_value = "")]
        name_en: String,
        /// state_corp, provider, akim_office
        #[arg(long, value_parser = parse_org_kind)]
        kind: crate::domain::roles::OrgKind,
        /// For providers: district_executive, education_department, employment_centre, ... (repeatable).
        #[arg(long = "provider-kind", value_parser = parse_provider_kind)]
        provider_kinds: Vec<crate::domain::catalog::ProviderKind>,
        /// Region key of the catalogue: karaganda, west_kazakhstan, zhambyl.
        #[arg(long)]
        region: String,
        #[arg(long)]
        district: String,
        /// State Corporation centres: number of service windows.
        #[arg(long, default_value_t = 0)]
        windows: u16,
        /// Providers: a service (catalogue `service` id) it renders; repeatable.
        /// Without any, it renders every service of its provider kinds.
        #[arg(long = "service")]
        services: Vec<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
}

fn parse_org_kind(s: &str) -> Result<crate::domain::roles::OrgKind, String> {
    serde_json::from_value(Value::String(s.into()))
        .map_err(|_| format!("unknown kind {s:?}: use state_corp, provider or akim_office"))
}

fn parse_provider_kind(s: &str) -> Result<crate::domain::catalog::ProviderKind, String> {
    serde_json::from_value(Value::String(s.into())).map_err(|_| {
        format!(
            "unknown provider kind {s:?}: use district_executive, regional_executive, education_department, \
             education_organisation, employment_social_department, employment_centre or rural_akim"
        )
    })
}

pub fn org(ctx: &Context, cmd: OrgCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    match cmd {
        OrgCmd::Add {
            code,
            name_ru,
            name_kk,
            name_en,
            kind,
            provider_kinds,
            region,
            district,
            windows,
            services,
        } => {
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(Failure::usage(say::tf("bad_org_code", &[("code", &code)])));
            }
            let org = crate::store::model::Organisation {
                code: code.clone(),
                name_ru,
                name_kk,
                kind,
                provider_kinds,
                region,
                district,
                windows: (1..=windows).collect(),
                services,
                name_en,
            };
            ops.add_org(org, &admin_name(ctx), now())
                .map_err(ops_failure)?;
            outln!("{}", say::tf("org_added", &[("code", &code)]));
        }
        OrgCmd::List { json } => {
            let orgs = ops.store.orgs().map_err(store_failure)?;
            if json {
                print_json(&orgs);
            } else {
                for o in orgs {
                    outln!(
                        "{:<10} {:<24} {:<16} {:<24} {}",
                        o.code,
                        crate::i18n::org_kind_name(say::lang(), o.kind),
                        crate::i18n::region_name(say::lang(), &o.region),
                        crate::i18n::district_name(say::lang(), &o.district),
                        crate::i18n::org_name(say::lang(), &o)
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! The command line: the same domain code the workstation uses, for scripts
//! and for a look at the catalogue and the calendar.

pub mod admin;
mod audit;
pub(crate) mod calendar;
mod card;
mod catalog;
mod iin;
mod journal;
pub mod loadgen;
mod manual;
mod migrate;
pub mod options;
pub(crate) mod queue;
pub(crate) mod remote_cli;
mod report;
mod report_table;
mod report_view;
pub mod say;
mod sealed;
mod serve;
mod status;
mod workstation;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{Args, FromArgMatches, Parser, Subcommand};

use crate::catalog_files;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::catalog::Catalog;
use crate::tui::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "qyzmet",
    version,
    about = "Workstation for Kazakhstan's public-service counters"
)]
pub struct Cli {
    // These four are offered at the top (the workstation) and on the commands
    // that use them (see `options`), not on every command.
    /// A directory of service files replacing the built-in catalogue.
    #[arg(long, env = "QYZMET_CATALOG", value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// A directory of kz-YYYY.toml files replacing the built-in calendar data.
    #[arg(long, env = "QYZMET_CALENDAR", value_name = "DIR")]
    pub calendar: Option<PathBuf>,
    /// The store directory (default: ~/.local/share/qyzmet/store).
    #[arg(long, env = "QYZMET_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// A Qyzmet server's socket to work through instead of opening the store.
    #[arg(long, env = "QYZMET_CONNECT", value_name = "SOCKET")]
    pub connect: Option<PathBuf>,
    /// The workstation's colour theme: default, light, high-contrast, mono (or a file in
    /// ~/.config/qyzmet/themes). Not global: only the screens have colours (`kiosk` and
    /// `board` take their own `--theme`).
    #[arg(long, env = "QYZMET_THEME", value_name = "NAME")]
    pub theme: Option<String>,
    /// The language of the screens and of the command line's messages: ru (default), kk or en.
    #[arg(long, global = true, env = "QYZMET_LANG", value_name = "LANG", value_parser = say::LangParser)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process, checked: clap's errors and `--help`
    /// end the process as clap does.
    pub fn from_env() -> Cli {
        Cli::checked(options::command().get_matches()).unwrap_or_else(|e| e.exit())
    }

    /// The parsed command line, refusing a workstation option given to a
    /// command that has no screen (`qyzmet --theme light loadgen`).
    pub fn checked(matches: clap::ArgMatches) -> Result<Cli, clap::Error> {
        let mut cli = Cli::from_arg_matches(&matches)?;
        if let Some(flag) = options::misplaced(&matches) {
            let command = matches.subcommand_name().unwrap_or_default();
            let lang = cli.lang.unwrap_or_default();
            return Err(options::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                crate::i18n::tf(
                    lang,
                    "cli.option_not_here",
                    &[("flag", &flag), ("command", &command)],
                ),
            ));
        }
        options::settle(&mut cli, &matches);
        let theme_typed = matches.value_source("theme") == Some(ValueSource::CommandLine);
        if theme_typed && cli.command.is_some() {
            return Err(options::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "--theme is an option of the workstation (`qyzmet --theme NAME`); \
                 the kiosk and the board take it after their name (`qyzmet kiosk --theme NAME`)",
            ));
        }
        Ok(cli)
    }
}

/// The colour theme of a hall screen.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The colour theme: default, light, high-contrast, mono (or a file in ~/.config/qyzmet/themes).
    #[arg(long, env = "QYZMET_THEME", value_name = "NAME")]
    pub theme: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The service catalogue transcribed from the regional regulations.
    #[command(subcommand)]
    Catalog(catalog::CatalogCmd),
    /// The Kazakh working calendar and deadline arithmetic.
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// Individual identification numbers.
    #[command(subcommand)]
    Iin(iin::IinCmd),
    /// Creates a store; --demo adds a demo region with users and applications.
    Init {
        #[arg(long)]
        demo: bool,
        /// How many demo applications.
        #[arg(long, default_value_t = crate::ops::backend::DEMO_APPLICATIONS)]
        scale: usize,
    },
    /// Organisations: State Corporation centres, providers, akim offices.
    #[command(subcommand)]
    Org(admin::OrgCmd),
    /// Users of the store.
    #[command(subcommand)]
    User(admin::UserCmd),
    /// The person registry: import a CSV file, look someone up by IIN.
    #[command(subcommand)]
    Person(admin::PersonCmd),
    /// Applications: submit, act, show, list.
    #[command(subcommand)]
    App(admin::AppCmd),
    /// The electronic queue: set up, take, call, list, figures.
    #[command(subcommand)]
    Queue(queue::QueueCmd),
    /// Reports for heads and the region: compliance, overdue, forecast breaches, step times.
    Report(report::ReportArgs),
    /// The ticket kiosk of a centre's hall (full screen).
    Kiosk {
        #[arg(long)]
        centre: String,
        /// An ESC/POS receipt printer (a device such as /dev/usb/lp0, or a file).
        #[arg(long, value_name = "DEVICE")]
        printer: Option<PathBuf>,
        /// Where tickets are written as text (default: tickets/ beside the store; through a
        /// server, qyzmet/tickets in the data folder of the user running the kiosk).
        #[arg(long, env = "QYZMET_TICKETS", value_name = "DIR")]
        tickets: Option<PathBuf>,
        #[command(flatten)]
        screen: ScreenArgs,
    },
    /// The hall display of a centre: the latest calls in large digits.
    Board {
        #[arg(long)]
        centre: String,
        #[command(flatten)]
        screen: ScreenArgs,
    },
    /// The tamper-evident journal.
    #[command(subcommand)]
    Journal(JournalCmd),
    /// Who looked at whose data: `audit views --iin IIN`.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Checks every index against the records and the whole journal chain.
    Check,
    /// Writes a consistent snapshot of the store to FILE (a new file; --force replaces one).
    Backup {
        file: PathBuf,
        /// Replace FILE when it exists.
        #[arg(long)]
        force: bool,
        /// Encrypt the backup (age format) to this public key (`age1...`); repeatable.
        #[arg(long = "encrypt-to", value_name = "RECIPIENT")]
        encrypt_to: Vec<String>,
    },
    /// Restores FILE into an empty location given by --db.
    Restore {
        file: PathBuf,
        /// The age identity file that opens an encrypted backup.
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// Copies a store whole into a new one, e.g. an embedded store into PostgreSQL, and proves the copy.
    Migrate {
        /// The store to copy (a directory, or a postgres:// URL).
        #[arg(long, value_name = "PATH")]
        from: PathBuf,
        /// Where the copy goes: a database holding no store (postgres://...) or an empty directory.
        #[arg(long, value_name = "URL")]
        to: PathBuf,
    },
    /// Owns the store and serves workstations and commands on a Unix socket.
    Serve(serve::ServeArgs),
    /// Simulated staff working a server's demo region at once: transitions/s, latency, errors, check.
    Loadgen(loadgen::LoadgenArgs),
    /// Prints a shell completion script: `qyzmet completions bash > /etc/bash_completion.d/qyzmet`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Prints the manual page (roff); --out DIR writes qyzmet.1 and one page per command there.
    Man {
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// How a running server fares: connections, sessions, requests/s, p99, memory, threads, store size.
    Status {
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum JournalCmd {
    /// Verifies the hash chain: exit 0 when sound.
    Verify {
        /// Also check the chain against the anchors in FILE (an anchor file,
        /// the server's log, or the system log's export).
        #[arg(long, value_name = "FILE")]
        anchors: Option<PathBuf>,
    },
    /// Writes the chain's head (an anchor) outside the store: appended to
    /// FILE, or sent to the system log; without either, printed.
    Anchor {
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
        #[arg(long, conflicts_with = "to")]
        syslog: bool,
    },
}

/// A failure to report: the message, and the exit code (2 for bad input).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// Something a person named (a number, an IIN) is not there: exit 1, as
    /// for any refusal; only malformed input is exit 2.
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// A file the user named cannot be read or written: the path once, then why.
    pub fn file(path: &std::path::Path, e: &std::io::Error) -> Failure {
        Failure::usage(say::io_error(path, e))
    }
}

pub type Outcome = Result<ExitCode, Failure>;

#[derive(Default)]
pub struct Context<'a> {
    pub db: Option<PathBuf>,
    pub connect: Option<PathBuf>,
    pub catalog_dir: Option<PathBuf>,
    pub calendar_dir: Option<PathBuf>,
    /// Set when a server runs a command for a client: the server's store,
    /// the contents of the file argument the client read, and where a
    /// file the command produces goes instead of the client's path.
    pub served: Option<Served<'a>>,
}

pub struct Served<'a> {
    pub ops: &'a crate::ops::Ops,
    /// The client's OS user, for the journal.
    pub actor: String,
    pub input: Option<Vec<u8>>,
    pub output: std::cell::RefCell<Vec<u8>>,
    /// A user acting on their own account (not an administrator): `user
    /// passwd` asks for the current password then.
    pub by_self: bool,
}

thread_local! {
    /// What a command run for a client prints, instead of stdout.
    static CAPTURE: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
    /// Its warnings, instead of stderr.
    static CAPTURE_ERR: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// `println!` for commands that may run inside the server for a client.
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::out_line(&format!($($t)*)) };
}
pub(crate) use outln;

pub(crate) fn out_line(line: &str) {
    CAPTURE.with(|c| match &mut *c.borrow_mut() {
        Some(buf) => {
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
        }
        None => {
            let mut bytes = Vec::with_capacity(line.len() + 1);
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            out_bytes(&bytes);
        }
    })
}

/// Why standard output stopped taking what a command prints, once it has.
static STDOUT_LOST: std::sync::OnceLock<std::io::ErrorKind> = std::sync::OnceLock::new();

/// Every byte a command prints to standard output goes through here. A
/// reader that stops reading (`qyzmet app list ... | head -1`) closes the
/// pipe: the write fails with EPIPE (Rust ignores SIGPIPE), and the rest of
/// the output is dropped while the command finishes normally, so a change it
/// made is complete and the store is closed cleanly. SIGPIPE is deliberately
/// not restored to its default: the same process writes to sockets (the
/// server, a workstation or command through `--connect`), where a closed
/// peer must be an error to handle, not a signal that kills the process.
pub(crate) fn out_bytes(bytes: &[u8]) {
    use std::io::Write;
    if STDOUT_LOST.get().is_some() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        let _ = STDOUT_LOST.set(e.kind());
    }
}

/// How a command's own exit code ends up once its output is considered: a
/// closed pipe ends it quietly with that code, any other failure to write
/// (a full disk) is reported.
fn settle_output(code: ExitCode) -> ExitCode {
    match STDOUT_LOST.get() {
        None | Some(std::io::ErrorKind::BrokenPipe) => code,
        Some(kind) => {
            say_err(&say::tf(
                "output_failed",
                &[("error", &std::io::Error::from(*kind))],
            ));
            ExitCode::from(1)
        }
    }
}

/// A line on standard error; a closed standard error loses it silently.
pub(crate) fn say_err(message: &str) {
    use std::io::Write;
    let line = format!("qyzmet: {message}\n");
    let kept = CAPTURE_ERR.with(|c| match &mut *c.borrow_mut() {
        Some(buf) => {
            buf.extend_from_slice(line.as_bytes());
            true
        }
        None => false,
    });
    if !kept {
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
}

/// Whether output is being collected for a client (no progress bars then).
pub(crate) fn capturing() -> bool {
    CAPTURE.with(|c| c.borrow().is_some())
}

/// What a command run for a client printed: its `outln!` lines and its warnings.
pub(crate) struct Printed {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `f` with its `outln!` output and `say_err` warnings collected.
pub(crate) fn captured<T>(f: impl FnOnce() -> T) -> (T, Printed) {
    CAPTURE.with(|c| *c.borrow_mut() = Some(Vec::new()));
    CAPTURE_ERR.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let out = f();
    let printed = Printed {
        stdout: CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default(),
        stderr: CAPTURE_ERR
            .with(|c| c.borrow_mut().take())
            .unwrap_or_default(),
    };
    (out, printed)
}

impl Context<'_> {
    pub fn catalog(&self) -> Result<Catalog, Failure> {
        let loaded = match &self.catalog_dir {
            Some(dir) => catalog_files::from_dir(dir),
            None => catalog_files::embedded(),
        };
        loaded.map_err(|errs| Failure {
            code: 1,
            message: format!(
                "{}\n{}",
                say::t("catalog_invalid"),
                errs.iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        })
    }

    pub fn calendar(&self) -> Result<WorkingCalendar, Failure> {
        catalog_files::calendar(self.calendar_dir.as_deref()).map_err(|e| Failure {
            code: 1,
            message: say::tf("calendar_invalid", &[("detail", &e)]),
        })
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.unwrap_or_default();
    say::with_lang(lang, || settle_output(run_in_lang(cli)))
}

fn run_in_lang(cli: Cli) -> ExitCode {
    let ui = workstation::UiChoice {
        theme: cli.theme,
        lang: cli.lang,
    };
    let ctx = Context {
        db: cli.db,
        connect: cli.connect,
        catalog_dir: cli.catalog,
        calendar_dir: cli.calendar,
        served: None,
    };
    let server = cli
        .command
        .as_ref()
        .filter(|c| remote_cli::uses_store(c))
        .and_then(|_| ctx.server());
    let outcome = match (cli.command, server) {
        (Some(cmd), Some(socket)) => remote_cli::forward(&socket, &cmd),
        (Some(Command::Catalog(cmd)), _) => catalog::run(&ctx, cmd),
        (Some(Command::Calendar(cmd)), _) => calendar::run(&ctx, cmd),
        (Some(Command::Iin(cmd)), _) => iin::run(cmd),
        (Some(Command::Serve(args)), _) => serve::run(&ctx, args),
        (Some(Command::Migrate { from, to }), _) => migrate::run(&from, &to),
        (
            Some(Command::Kiosk {
                centre,
                printer,
                tickets,
                screen,
            }),
            _,
        ) => workstation::kiosk(&ctx, ui.with(screen), &centre, printer, tickets),
        (Some(Command::Board { centre, screen }), _) => {
            workstation::board(&ctx, ui.with(screen), &centre)
        }
        (Some(Command::Loadgen(args)), _) => loadgen::run(&ctx, args),
        (Some(Command::Completions { shell }), _) => manual::completions(shell),
        (Some(Command::Man { out }), _) => manual::man(out.as_deref()),
        (Some(Command::Status { json }), _) => status::run(&ctx, json),
        (Some(cmd), None) => remote_cli::dispatch(&ctx, cmd),
        (None, _) => workstation::run(&ctx, ui),
    };
    match outcome {
        Ok(code) => code,
        Err(f) => {
            say_err(&f.message);
            ExitCode::from(f.code)
        }
    }
}

pub(crate) fn print_json(value: &impl serde::Serialize) {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).expect("plain data serialises")
    );
}

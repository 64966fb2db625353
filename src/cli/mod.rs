//! The command line: the same domain code the workstation uses, for scripts
//! and for a look at the catalogue and the calendar.

pub mod admin;
mod calendar;
mod catalog;
mod iin;
pub mod loadgen;
mod queue;
mod remote_cli;
mod serve;
mod status;
mod workstation;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::catalog_files;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::catalog::Catalog;

#[derive(Debug, Parser)]
#[command(
    name = "qyzmet",
    version,
    about = "Workstation for Kazakhstan's public-service counters"
)]
pub struct Cli {
    /// A directory of service files replacing the built-in catalogue.
    #[arg(long, global = true, env = "QYZMET_CATALOG", value_name = "DIR")]
    pub catalog: Option<PathBuf>,
    /// A directory of kz-YYYY.toml files replacing the built-in calendar data.
    #[arg(long, global = true, env = "QYZMET_CALENDAR", value_name = "DIR")]
    pub calendar: Option<PathBuf>,
    /// The store directory (default: ~/.local/share/qyzmet/store).
    #[arg(long, global = true, env = "QYZMET_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// A Qyzmet server's socket to work through instead of opening the store.
    #[arg(long, global = true, env = "QYZMET_CONNECT", value_name = "SOCKET")]
    pub connect: Option<PathBuf>,
    /// The colour theme: default, light, high-contrast, mono (or a file in ~/.config/qyzmet/themes).
    #[arg(long, global = true, env = "QYZMET_THEME", value_name = "NAME")]
    pub theme: Option<String>,
    /// The workstation's language: ru (default), kk or en.
    #[arg(long, global = true, env = "QYZMET_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
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
    /// The ticket kiosk of a centre's hall (full screen).
    Kiosk {
        #[arg(long)]
        centre: String,
        /// An ESC/POS receipt printer (a device such as /dev/usb/lp0, or a file).
        #[arg(long, value_name = "DEVICE")]
        printer: Option<PathBuf>,
        /// Where tickets are written as text (default: tickets/ beside the store).
        #[arg(long, env = "QYZMET_TICKETS", value_name = "DIR")]
        tickets: Option<PathBuf>,
    },
    /// The hall display of a centre: the latest calls in large digits.
    Board {
        #[arg(long)]
        centre: String,
    },
    /// The tamper-evident journal.
    #[command(subcommand)]
    Journal(JournalCmd),
    /// Checks every index against the records and the whole journal chain.
    Check,
    /// Writes a consistent snapshot of the store to FILE.
    Backup { file: PathBuf },
    /// Restores FILE into an empty location given by --db.
    Restore { file: PathBuf },
    /// Owns the store and serves workstations and commands on a Unix socket.
    Serve(serve::ServeArgs),
    /// Simulated staff working a server's demo region at once: transitions/s, latency, errors, check.
    Loadgen(loadgen::LoadgenArgs),
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
    Verify,
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
}

thread_local! {
    /// What a command run for a client prints, instead of stdout.
    static CAPTURE: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
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
        None => println!("{line}"),
    })
}

/// Whether output is being collected for a client (no progress bars then).
pub(crate) fn capturing() -> bool {
    CAPTURE.with(|c| c.borrow().is_some())
}

/// Runs `f` with its `outln!` output collected.
pub(crate) fn captured<T>(f: impl FnOnce() -> T) -> (T, Vec<u8>) {
    CAPTURE.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let out = f();
    let buf = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (out, buf)
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
                "the service catalogue is invalid:\n{}",
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
            message: format!("the calendar data is invalid: {e}"),
        })
    }
}

pub fn run(cli: Cli) -> ExitCode {
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
        (
            Some(Command::Kiosk {
                centre,
                printer,
                tickets,
            }),
            _,
        ) => workstation::kiosk(&ctx, ui, &centre, printer, tickets),
        (Some(Command::Board { centre }), _) => workstation::board(&ctx, ui, &centre),
        (Some(Command::Loadgen(args)), _) => loadgen::run(&ctx, args),
        (Some(Command::Status { json }), _) => status::run(&ctx, json),
        (Some(cmd), None) => remote_cli::dispatch(&ctx, cmd),
        (None, _) => workstation::run(&ctx, ui),
    };
    match outcome {
        Ok(code) => code,
        Err(f) => {
            eprintln!("qyzmet: {}", f.message);
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

//! The command line: the same domain code the workstation uses, for scripts
//! and for a look at the catalogue and the calendar.

pub mod admin;
mod calendar;
mod catalog;
mod iin;
mod queue;
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

pub struct Context {
    pub db: Option<PathBuf>,
    pub catalog_dir: Option<PathBuf>,
    pub calendar_dir: Option<PathBuf>,
}

impl Context {
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
        catalog_dir: cli.catalog,
        calendar_dir: cli.calendar,
    };
    let outcome = match cli.command {
        Some(Command::Catalog(cmd)) => catalog::run(&ctx, cmd),
        Some(Command::Calendar(cmd)) => calendar::run(&ctx, cmd),
        Some(Command::Iin(cmd)) => iin::run(cmd),
        Some(Command::Init { demo, scale }) => admin::init(&ctx, demo, scale),
        Some(Command::Org(cmd)) => admin::org(&ctx, cmd),
        Some(Command::User(cmd)) => admin::user(&ctx, cmd),
        Some(Command::Person(cmd)) => admin::person(&ctx, cmd),
        Some(Command::App(cmd)) => admin::app(&ctx, cmd),
        Some(Command::Queue(cmd)) => queue::run(&ctx, cmd),
        Some(Command::Kiosk {
            centre,
            printer,
            tickets,
        }) => workstation::kiosk(&ctx, ui, &centre, printer, tickets),
        Some(Command::Board { centre }) => workstation::board(&ctx, ui, &centre),
        Some(Command::Journal(JournalCmd::Verify)) => admin::journal_verify(&ctx),
        Some(Command::Check) => admin::check(&ctx),
        Some(Command::Backup { file }) => admin::backup(&ctx, &file),
        Some(Command::Restore { file }) => admin::restore(&ctx, &file),
        None => workstation::run(&ctx, ui),
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
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("plain data serialises")
    );
}

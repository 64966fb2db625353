//! Where the store, the server, the catalogue and the calendar come from:
//! `--db`, `--connect`, `--catalog`, `--calendar` (and their QYZMET_*
//! variables). The workstation takes them before any command; each command
//! is offered (in its help, the completions and the manual) only those it
//! uses, so `qyzmet iin check --db X` is an error, not an option ignored.

use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory};

use super::Cli;

/// The four options, by their ids in `Cli`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Db,
    Connect,
    Catalog,
    Calendar,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Db,
        Source::Connect,
        Source::Catalog,
        Source::Calendar,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Source::Db => "db",
            Source::Connect => "connect",
            Source::Catalog => "catalog",
            Source::Calendar => "calendar",
        }
    }
}

/// The options a top-level command uses.
pub fn taken_by(command: &str) -> &'static [Source] {
    use Source::*;
    match command {
        // `migrate` names both of its stores itself.
        "iin" | "completions" | "man" | "migrate" => &[],
        "catalog" => &[Catalog],
        "calendar" => &[Calendar],
        "status" | "loadgen" => &[Connect],
        // The server owns its store and reads its own sources.
        "serve" => &[Db, Catalog, Calendar],
        // Store commands, the kiosk and the board: a store here or a server.
        _ => &Source::ALL,
    }
}

/// The command line's definition: the four options at the top (for the
/// workstation) and on each command that uses them, for all its subcommands.
pub fn command() -> clap::Command {
    let top = Cli::command();
    let defs: Vec<(Source, clap::Arg)> = Source::ALL
        .into_iter()
        .filter_map(|s| {
            let arg = top.get_arguments().find(|a| a.get_id() == s.id())?;
            Some((s, arg.clone().global(true)))
        })
        .collect();
    let names: Vec<String> = top
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    names.into_iter().fold(top, |cmd, name| {
        let takes = taken_by(&name);
        cmd.mut_subcommand(&name, |sub| {
            defs.iter()
                .filter(|(s, _)| takes.contains(s))
                .fold(sub, |sub, (_, arg)| sub.arg(arg.clone()))
        })
    })
}

/// `command` reading nothing from the environment (a server parsing a
/// client's words, which must not pick up the server's variables).
pub fn command_without_env() -> clap::Command {
    fn strip(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let cmd = cmd.mut_args(|a| a.env(None::<&str>));
        names
            .into_iter()
            .fold(cmd, |cmd, name| cmd.mut_subcommand(&name, strip))
    }
    strip(command())
}

/// The top-level command's name, if any.
fn command_name(matches: &ArgMatches) -> Option<&str> {
    matches.subcommand_name()
}

/// An option typed before a command that does not use it: its flag.
pub fn misplaced(matches: &ArgMatches) -> Option<String> {
    let name = command_name(matches)?;
    Source::ALL
        .into_iter()
        .filter(|s| !taken_by(name).contains(s))
        .find(|s| matches.value_source(s.id()) == Some(ValueSource::CommandLine))
        .map(|s| format!("--{}", s.id()))
}

/// Puts what was typed after a command into `cli` (the deepest level it was
/// typed at wins; the top level already holds what came before the command
/// and what the environment says).
pub fn settle(cli: &mut Cli, matches: &ArgMatches) {
    let mut level = matches.subcommand();
    while let Some((_, sub)) = level {
        for s in Source::ALL {
            // Asking a level for an option it lacks is an error, not None.
            let Ok(Some(v)) = sub.try_get_one::<PathBuf>(s.id()) else {
                continue;
            };
            if sub.value_source(s.id()) == Some(ValueSource::CommandLine) {
                let slot = match s {
                    Source::Db => &mut cli.db,
                    Source::Connect => &mut cli.connect,
                    Source::Catalog => &mut cli.catalog,
                    Source::Calendar => &mut cli.calendar,
                };
                *slot = Some(v.clone());
            }
        }
        level = sub.subcommand();
    }
}

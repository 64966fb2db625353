use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    qyzmet::cli::run(qyzmet::cli::Cli::parse())
}

use std::process::ExitCode;

fn main() -> ExitCode {
    qyzmet::cli::run(qyzmet::cli::Cli::from_env())
}

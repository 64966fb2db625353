use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::{Outcome, print_json};
use crate::domain::iin::{Iin, Sex};

#[derive(Debug, Subcommand)]
pub enum IinCmd {
    /// Checks an IIN: exit 0 and the birth date and sex when valid, exit 1 and the reason when not.
    Check {
        iin: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: IinCmd) -> Outcome {
    let IinCmd::Check { iin, json } = cmd;
    match Iin::parse(&iin) {
        Ok(valid) => {
            let sex = match valid.sex() {
                Sex::Male => "male",
                Sex::Female => "female",
            };
            if json {
                print_json(&json!({
                    "valid": true,
                    "iin": valid.to_string(),
                    "birth_date": valid.birth_date().to_string(),
                    "sex": sex,
                }));
            } else {
                println!("valid: born {}, {sex}", valid.birth_date());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                print_json(&json!({ "valid": false, "reason": e.to_string(), "code": e.code() }));
            } else {
                println!("invalid: {e}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

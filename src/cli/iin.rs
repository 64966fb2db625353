use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::admin::now;
use super::{Outcome, outln, print_json, say};
use crate::domain::iin::{Iin, Sex};
use crate::tui::i18n::iin_reason;

#[derive(Debug, Subcommand)]
pub enum IinCmd {
    /// Checks an IIN: exit 0 and the birth date and sex when valid, exit 1 and the reason when not.
    ///
    /// Spaces and dashes between digit groups are ignored; a birth date after
    /// today (QYZMET_NOW pins it) is refused.
    Check {
        iin: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cmd: IinCmd) -> Outcome {
    let IinCmd::Check { iin, json } = cmd;
    match Iin::from_input(&iin, now().date()) {
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
                outln!(
                    "{}",
                    say::tf(
                        "iin_valid",
                        &[
                            ("iin", &valid),
                            ("born", &valid.birth_date().format("%d.%m.%Y")),
                            ("sex", &say::t(&format!("sex_{sex}"))),
                        ],
                    )
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            if json {
                print_json(&json!({ "valid": false, "reason": e.to_string(), "code": e.code() }));
            } else {
                outln!(
                    "{}",
                    say::tf("iin_invalid", &[("reason", &iin_reason(say::lang(), &e))])
                );
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

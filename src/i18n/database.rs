//! A PostgreSQL database's failure in the user's language (issue 15, pg):
//! the location is said without its password, as the engine shows it.

use super::{Lang, tf};
use crate::store::DbProblem;

pub fn database_error_text(lang: Lang, at: &str, problem: &DbProblem) -> String {
    let at = ("at", &at as &dyn super::args::Arg);
    match problem {
        DbProblem::BadUrl(_) => tf(lang, "store_error.pg-bad_url", &[at]),
        DbProblem::Unreachable(_) => tf(lang, "store_error.pg-unreachable", &[at]),
        DbProblem::Refused => tf(lang, "store_error.pg-refused", &[at]),
        DbProblem::NoDatabase => tf(lang, "store_error.pg-no_database", &[at]),
        DbProblem::NotAllowed(_) => tf(lang, "store_error.pg-not_allowed", &[at]),
        DbProblem::NewerLayout { have, known } => tf(
            lang,
            "store_error.pg-newer",
            &[
                at,
                ("have", &have.to_string()),
                ("known", &known.to_string()),
            ],
        ),
        DbProblem::Unsafe(setting) => {
            tf(lang, "store_error.pg-unsafe", &[at, ("setting", setting)])
        }
        DbProblem::CommitUnknown(_) => tf(lang, "store_error.pg-commit_unknown", &[at]),
        DbProblem::Failed(why) => tf(lang, "store_error.pg-failed", &[at, ("why", why)]),
    }
}

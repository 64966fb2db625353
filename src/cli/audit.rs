//! `qyzmet audit views --iin IIN`: who looked at a citizen's data, for an
//! administrator answering that citizen's request.

use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::admin::{ops_failure, store_failure};
use super::{Context, Failure, Outcome, outln, print_json, say};
use crate::domain::iin::Iin;
use crate::store::views::{View, Viewed};
use crate::tui::i18n::iin_reason;

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Every recorded view of a person's data: application cards and registry look-ups.
    Views {
        #[arg(long)]
        iin: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: AuditCmd) -> Outcome {
    let AuditCmd::Views { iin, json } = cmd;
    let valid = Iin::from_input(&iin, chrono::NaiveDate::MAX).map_err(|e| {
        Failure::usage(say::tf(
            "iin_bad",
            &[
                ("iin", &iin.trim()),
                ("reason", &iin_reason(say::lang(), &e)),
            ],
        ))
    })?;
    let ops = ctx.open_ops()?;
    let views = ops.views_of(&valid).map_err(ops_failure)?;
    if json {
        print_json(&views.iter().map(view_json).collect::<Vec<_>>());
        return Ok(ExitCode::SUCCESS);
    }
    if views.is_empty() {
        outln!("{}", say::tf("audit-none", &[("iin", &valid)]));
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", say::tf("audit-header", &[("iin", &valid)]));
    print_views(&ops, &views)?;
    Ok(ExitCode::SUCCESS)
}

/// One line a view, and their count (also under an administrator's
/// `person show`: the record shows who looked at it).
pub fn print_views(ops: &crate::ops::Ops, views: &[View]) -> Result<(), Failure> {
    for v in views {
        let who = match ops.store.user(&v.by).map_err(store_failure)? {
            Some(u) => format!("{} ({})", u.full_name, u.login),
            None => v.by.clone(),
        };
        let what = match &v.what {
            Viewed::Application { number } => say::tf("audit-application", &[("number", number)]),
            Viewed::Person => say::t("audit-person").to_string(),
            Viewed::Applications { numbers } => {
                say::tf("audit-applications", &[("numbers", &numbers.join(", "))])
            }
        };
        outln!(
            "  {}  {who}{}  {what}  [{}]",
            v.at.format("%Y-%m-%d %H:%M"),
            v.org
                .as_deref()
                .map(|o| format!(", {o}"))
                .unwrap_or_default(),
            v.from
        );
    }
    outln!("{}", say::tf("audit-count", &[("n", &views.len())]));
    Ok(())
}

fn view_json(v: &View) -> serde_json::Value {
    let (what, numbers) = match &v.what {
        Viewed::Application { number } => ("application", vec![number.clone()]),
        Viewed::Person => ("person", Vec::new()),
        Viewed::Applications { numbers } => ("applications", numbers.clone()),
    };
    json!({
        "at": v.at,
        "by": v.by,
        "org": v.org,
        "iin": v.iin.to_string(),
        "what": what,
        "number": numbers.first(),
        "numbers": numbers,
        "from": v.from,
    })
}

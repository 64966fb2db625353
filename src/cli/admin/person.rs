//! `qyzmet person`: the person registry (ГБД ФЛ's stand-in): import and look-up.

use super::*;
use crate::ops::ImportReport;

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Imports a registry file (UTF-8 CSV); one bad row and nothing is imported.
    ///
    /// The first line names the columns: `iin,full_name,phone,address,district`
    /// in any order (`iin` and `full_name` required, other columns ignored;
    /// `;` as the separator works too). Known IINs are updated. Any bad row
    /// (invalid IIN, no name, an IIN twice): nothing is imported, every bad
    /// row is listed with its line number, exit 2.
    Import { file: PathBuf },
    /// Imports powers of attorney (ЕНИС's stand-in, UTF-8 CSV) under their
    /// principals; one bad row and nothing is imported.
    ///
    /// The first line names the columns, all required, in any order:
    /// `number,principal_iin,representative_iin,valid_from,valid_until,notary`
    /// (dates `YYYY-MM-DD` or `DD.MM.YYYY`). Each principal must be in the
    /// person registry; a known number of the same principal is replaced.
    /// Any bad row: every one is listed with its line number, exit 2.
    ImportPowers { file: PathBuf },
    /// One person of the registry.
    Show {
        iin: String,
        /// Look up as this user (who must be active).
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn person(ctx: &Context, cmd: PersonCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    match cmd {
        PersonCmd::Import { file } => {
            let report = import_file(ctx, &file, |text| {
                ops.import_persons(text, &admin_name(ctx), now())
            })?;
            // An administrator's registry file: the stand-in of ГБД ФЛ, checked at intake.
            ops.store
                .connect_person_registry()
                .map_err(|e| ops_failure(e.into()))?;
            outln!(
                "{}",
                say::tf(
                    "imported",
                    &[
                        ("n", &report.imported),
                        ("total", &ops.store.person_count())
                    ]
                )
            );
        }
        PersonCmd::ImportPowers { file } => {
            let report = import_file(ctx, &file, |text| {
                ops.import_powers(text, &admin_name(ctx), now())
            })?;
            outln!("{}", say::tf("powers_imported", &[("n", &report.imported)]));
        }
        PersonCmd::Show {
            iin,
            as_login,
            json,
        } => {
            let found = match &as_login {
                Some(login) => ops
                    .person_from(login, &iin, &ctx.origin(), now())
                    .map_err(ops_failure)?,
                None => {
                    let valid = Iin::from_input(&iin, chrono::NaiveDate::MAX).map_err(|e| {
                        Failure::usage(say::tf(
                            "iin_bad",
                            &[
                                ("iin", &iin.trim()),
                                ("reason", &iin_reason(say::lang(), &e)),
                            ],
                        ))
                    })?;
                    ops.store.person(&valid).map_err(store_failure)?
                }
            };
            let p = found
                .ok_or_else(|| Failure::not_found(say::tf("no_person", &[("iin", &iin.trim())])))?;
            if as_login.is_none() {
                ops.admin_viewed(
                    &admin_name(ctx),
                    p.iin,
                    Viewed::Person,
                    &ctx.origin(),
                    now(),
                )
                .map_err(ops_failure)?;
            }
            if json {
                print_json(&p);
            } else {
                print_person(&p);
                // An administrator's look shows who else looked (the
                // view just recorded included), as `audit views` does.
                if as_login.is_none() {
                    let views = ops.views_of(&p.iin).map_err(ops_failure)?;
                    outln!("{}", say::tf("audit-header", &[("iin", &p.iin)]));
                    crate::cli::audit::print_views(&ops, &views)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a registry file (through a server: the bytes the client sent) and
/// imports it; a refused file's every bad line, said, is the failure.
fn import_file(
    ctx: &Context,
    file: &Path,
    import: impl FnOnce(&str) -> Result<ImportReport, OpsError>,
) -> Result<ImportReport, Failure> {
    let bytes = match ctx.served.as_ref().and_then(|s| s.input.clone()) {
        Some(b) => b,
        None => std::fs::read(file).map_err(|e| Failure::file(file, &e))?,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::usage(say::tf("not_utf8", &[("file", &file.display())])))?;
    let report = import(&text).map_err(|e| {
        let mut f = ops_failure(e);
        f.message = format!("{}: {}", file.display(), f.message);
        f
    })?;
    if report.errors.is_empty() {
        return Ok(report);
    }
    let mut message = say::tf(
        "import_refused",
        &[("file", &file.display()), ("n", &report.errors.len())],
    );
    for (line, what) in &report.errors {
        let what = crate::i18n::refusal_text(say::lang(), what);
        message.push_str("\n  ");
        message.push_str(&say::tf("import_line", &[("line", line), ("what", &what)]));
    }
    Err(Failure::usage(message))
}

fn print_person(p: &Person) {
    outln!("{}  {}", p.iin, p.full_name);
    for (key, value) in [
        ("person.phone", &p.phone),
        ("person.address", &p.address),
        ("person.district", &p.district),
    ] {
        let label = format!("{}:", say::t(key));
        outln!("  {label:<9} {}", value.as_deref().unwrap_or("—"));
    }
}

impl PersonCmd {
    pub fn acting_login(&self) -> Option<&str> {
        match self {
            PersonCmd::Import { .. } | PersonCmd::ImportPowers { .. } => None,
            PersonCmd::Show { as_login, .. } => as_login.as_deref(),
        }
    }
}

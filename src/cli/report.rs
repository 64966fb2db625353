//! `qyzmet report compliance|overdue|forecast|steps`: the figures heads and
//! the region act on, as text, JSON, CSV or XLSX, within what `--as` may read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::admin::{now, ops_failure, progress};
use super::report_table::{Table, to_xlsx};
use super::{Context, Failure, Outcome, outln, print_json, say};
use crate::domain::report::{GroupBy, Period, PeriodName};
use crate::ops::OpsError;
use crate::ops::report::{Report, ReportKind, ReportQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Compliance,
    Overdue,
    Forecast,
    Steps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Region,
    Org,
    Service,
    Step,
    Person,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// compliance, overdue (and at risk today), forecast (breaches), or steps (times against norms).
    #[arg(value_enum)]
    pub kind: KindArg,
    /// Whose permissions apply: a head (their organisation or centre) or a region supervisor.
    #[arg(long = "as", value_name = "LOGIN")]
    pub as_login: String,
    /// The first day, e.g. 2026-03-01 (with --to).
    // Dates, the period and the delimiter are checked in `run`, where the
    // user's language is settled (clap parses before it is).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day, included.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// A named period instead: today, this-month (the default), last-month, this-quarter, last-quarter, this-year.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// One organisation within what LOGIN may read (its code).
    #[arg(long, value_name = "CODE")]
    pub org: Option<String>,
    /// One service: a regulation variant (krg-34-17-guardian-allowance) or the service shared by its variants.
    #[arg(long)]
    pub service: Option<String>,
    /// The rows of the compliance table (default: org); XLSX has a sheet per grouping.
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    #[arg(long, conflicts_with_all = ["csv", "xlsx"])]
    pub json: bool,
    /// Writes CSV (UTF-8 with a byte-order mark) to FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "xlsx")]
    pub csv: Option<PathBuf>,
    /// Writes an XLSX workbook to FILE.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// The CSV field delimiter (default ','; ';' for spreadsheets set up that way).
    #[arg(long, default_value = ",")]
    pub delimiter: String,
}

impl ReportArgs {
    pub fn acting_login(&self) -> Option<&str> {
        Some(&self.as_login)
    }

    /// The file the command writes, if any.
    pub fn file(&self) -> Option<&Path> {
        self.csv.as_deref().or(self.xlsx.as_deref())
    }
}

fn bad_period() -> Failure {
    Failure::usage(say::t("report.bad_period"))
}

fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad_period())
}

fn parse_delimiter(s: &str) -> Result<u8, Failure> {
    match s.as_bytes() {
        [b] if b.is_ascii() && *b != b'"' && *b != b'\n' => Ok(*b),
        _ => Err(Failure::usage(say::t("report.bad_delimiter"))),
    }
}

impl From<ByArg> for GroupBy {
    fn from(b: ByArg) -> GroupBy {
        match b {
            ByArg::Region => GroupBy::Region,
            ByArg::Org => GroupBy::Org,
            ByArg::Service => GroupBy::Service,
            ByArg::Step => GroupBy::Step,
            ByArg::Person => GroupBy::Person,
        }
    }
}

fn kind(k: KindArg) -> ReportKind {
    match k {
        KindArg::Compliance => ReportKind::Compliance,
        KindArg::Overdue => ReportKind::Overdue,
        KindArg::Forecast => ReportKind::Forecast,
        KindArg::Steps => ReportKind::Steps,
    }
}

fn period(args: &ReportArgs, today: NaiveDate) -> Result<Period, Failure> {
    match (&args.from, &args.to, &args.period) {
        (Some(from), Some(to), None) => {
            Period::new(parse_date(from)?, parse_date(to)?).map_err(|_| bad_period())
        }
        (None, None, name) => {
            let name = match name {
                Some(n) => n.parse::<PeriodName>().map_err(|_| bad_period())?,
                None => PeriodName::ThisMonth,
            };
            Ok(Period::named(name, today))
        }
        _ => Err(bad_period()),
    }
}

pub fn run(ctx: &Context, args: ReportArgs) -> Outcome {
    let at = now();
    let delimiter = parse_delimiter(&args.delimiter)?;
    let query = ReportQuery {
        kind: kind(args.kind),
        period: period(&args, at.date())?,
        org: args.org.clone(),
        service: args.service.clone(),
    };
    let ops = ctx.open_ops()?;
    let bar = progress(
        Some(ops.store.app_count() as u64),
        say::t("report.progress"),
    );
    let report = ops
        .report_with_progress(&args.as_login, query, at, &mut |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .map_err(|e| refusal(e, &args))?;
    bar.finish_and_clear();
    if args.json {
        print_json(&super::report_view::json(&report));
        return Ok(ExitCode::SUCCESS);
    }
    let names = super::report_view::Names::of(&ops).map_err(ops_failure)?;
    let by = args.by.map(GroupBy::from);
    let tables = names.tables(&report, by, args.xlsx.is_some());
    match (&args.csv, &args.xlsx) {
        (Some(file), _) => {
            let first = tables.into_iter().next().expect("a report has a table");
            write(ctx, file, &first.to_csv(delimiter))
        }
        (None, Some(file)) => {
            let bytes = to_xlsx(&tables).map_err(|e| Failure::not_found(e.to_string()))?;
            write(ctx, file, &bytes)
        }
        (None, None) => {
            print_text(
                &report,
                &tables,
                report.query.period.working_days(&ops.deadlines.calendar),
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The file: through a server, the bytes go back for the client to write.
fn write(ctx: &Context, file: &Path, bytes: &[u8]) -> Outcome {
    match &ctx.served {
        Some(s) => s.output.borrow_mut().extend_from_slice(bytes),
        None => std::fs::write(file, bytes).map_err(|e| Failure::file(file, &e))?,
    }
    outln!(
        "{}",
        say::tf("report.written", &[("path", &file.display())])
    );
    Ok(ExitCode::SUCCESS)
}

/// A refusal in the user's words: who may read reports, or that the
/// organisation asked for lies outside what they may read.
fn refusal(e: OpsError, args: &ReportArgs) -> Failure {
    match e {
        OpsError::Forbidden(_) => Failure {
            code: 3,
            message: match &args.org {
                Some(org) => say::tf("report.outside", &[("org", org)]),
                None => say::tf("report.forbidden", &[("login", &args.as_login)]),
            },
        },
        other => ops_failure(other),
    }
}

fn print_text(report: &Report, tables: &[Table], days: u32) {
    let p = report.query.period;
    outln!(
        "{}",
        say::tf(
            "report.title",
            &[
                (
                    "kind",
                    &say::t(&format!("report.kind.{}", report.query.kind.as_str()))
                ),
                ("from", &p.from.format("%d.%m.%Y").to_string()),
                ("to", &p.to.format("%d.%m.%Y").to_string()),
                ("days", &days),
                ("now", &crate::i18n::date_time(report.now)),
            ]
        )
    );
    for table in tables {
        outln!("");
        outln!("{}", table.name);
        if table.rows.is_empty() {
            outln!("{}", say::t("report.none"));
            continue;
        }
        for line in table.to_text(say::lang()) {
            outln!("{line}");
        }
    }
}

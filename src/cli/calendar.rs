use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::{Context, Failure, Outcome, print_json};
use crate::domain::calendar::{Office, Schedule, WorkingCalendar};
use crate::domain::norm::Norm;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScheduleKind {
    /// Providers: 09:00-18:30, break 13:00-14:30.
    Provider,
    /// State Corporation centres: 09:00-18:00.
    StateCorp,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// When a step started at --from with --norm is due.
    Due {
        /// Start, local time: 2026-03-19T10:00.
        #[arg(long)]
        from: String,
        /// "5 working_days", "15 minutes", "2 hours", "30 calendar_days".
        #[arg(long)]
        norm: String,
        #[arg(long, value_enum, default_value = "provider")]
        schedule: ScheduleKind,
        #[arg(long)]
        json: bool,
    },
    /// Whether a day is a working day, and why.
    Day {
        /// 2026-03-24
        date: String,
        #[arg(long)]
        json: bool,
    },
}

fn parse_moment(s: &str) -> Result<NaiveDateTime, Failure> {
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s.trim(), fmt) {
            return Ok(t);
        }
    }
    Err(Failure::usage(format!(
        "{s:?} is not a date and time; write it as 2026-03-19T10:00"
    )))
}

fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::usage(format!("{s:?} is not a date; write it as 2026-03-24")))
}

pub fn run(ctx: &Context, cmd: CalendarCmd) -> Outcome {
    match cmd {
        CalendarCmd::Due {
            from,
            norm,
            schedule,
            json,
        } => {
            let from = parse_moment(&from)?;
            let norm: Norm = norm.parse().map_err(|e| Failure::usage(format!("{e}")))?;
            if !WorkingCalendar::in_range(from.date()) {
                return Err(Failure::usage(format!(
                    "{} is outside the calendar's years",
                    from.date()
                )));
            }
            let calendar = ctx.calendar()?;
            let schedule = match schedule {
                ScheduleKind::Provider => Schedule::provider(),
                ScheduleKind::StateCorp => Schedule::state_corp(),
            };
            let office = Office {
                calendar: &calendar,
                schedule: &schedule,
            };
            let due = office
                .due(from, norm)
                .map_err(|e| Failure::usage(e.to_string()))?;
            let text = due.format("%Y-%m-%dT%H:%M").to_string();
            if json {
                print_json(&json!({ "due": text }));
            } else {
                println!("{text}");
            }
            Ok(ExitCode::SUCCESS)
        }
        CalendarCmd::Day { date, json } => {
            let date = parse_date(&date)?;
            if !WorkingCalendar::in_range(date) {
                return Err(Failure::usage(format!(
                    "{date} is outside the calendar's years"
                )));
            }
            let info = ctx.calendar()?.day(date);
            if json {
                let mut value = serde_json::to_value(&info).expect("plain data");
                value["description"] = info.to_string().into();
                print_json(&value);
            } else {
                println!("{info}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

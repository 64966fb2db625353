use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::{Context, Failure, Outcome, outln, print_json, say, say_err};
use crate::domain::calendar::{Office, Schedule, WorkingCalendar};
use crate::domain::norm::{Norm, NormParseError};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScheduleKind {
    /// Providers: 09:00-18:30, break 13:00-14:30.
    Provider,
    /// State Corporation centres: 09:00-18:00 (`state_corp`, as the catalogue writes it).
    #[value(name = "state_corp", alias = "state-corp")]
    StateCorp,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCmd {
    /// When a step started at --from with --norm is due.
    Due {
        /// Start, local time: 2026-03-19T10:00.
        #[arg(long)]
        from: String,
        /// "5 working_days", "15 minutes", "2 hours", "30 calendar_days" (plain "days" is ambiguous).
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

pub(crate) fn parse_moment(s: &str) -> Result<NaiveDateTime, Failure> {
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s.trim(), fmt) {
            return Ok(t);
        }
    }
    Err(Failure::usage(say::tf(
        "bad_moment",
        &[("text", &s.trim())],
    )))
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::usage(say::tf("bad_date", &[("text", &s.trim())])))
}

/// A norm as typed, or why not, naming the four units in the user's words.
pub(crate) fn parse_norm(s: &str) -> Result<Norm, Failure> {
    s.parse().map_err(|e| {
        let (key, text) = match &e {
            NormParseError::Shape(t) => ("norm_shape", t),
            NormParseError::Value(t) => ("norm_value", t),
            NormParseError::Unit(t) => ("norm_unit", t),
            NormParseError::Ambiguous(t) => ("norm_ambiguous", t),
        };
        Failure::usage(format!(
            "{} {}",
            say::tf(key, &[("text", text)]),
            say::t("norm_units")
        ))
    })
}

fn outside(date: NaiveDate) -> Failure {
    Failure::usage(say::tf("outside_years", &[("date", &date)]))
}

pub fn run(ctx: &Context, cmd: CalendarCmd) -> Outcome {
    match cmd {
        CalendarCmd::Due {
            from,
            norm,
            schedule,
            json,
        } => due(ctx, &from, &norm, schedule, json),
        CalendarCmd::Day { date, json } => {
            let date = parse_date(&date)?;
            if !WorkingCalendar::in_range(date) {
                return Err(outside(date));
            }
            let info = ctx.calendar()?.day(date);
            if json {
                let mut value = serde_json::to_value(&info).expect("plain data");
                value["description"] = info.to_string().into();
                print_json(&value);
            } else {
                outln!("{info}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn due(ctx: &Context, from: &str, norm: &str, schedule: ScheduleKind, json: bool) -> Outcome {
    let from = parse_moment(from)?;
    let norm = parse_norm(norm)?;
    if !WorkingCalendar::in_range(from.date()) {
        return Err(outside(from.date()));
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
    let provisional = calendar.provisional_years(from.date(), due.date());
    let text = due.format("%Y-%m-%dT%H:%M").to_string();
    if json {
        print_json(&json!({ "due": text, "provisional_years": provisional }));
    } else {
        outln!("{text}");
    }
    for year in provisional {
        say_err(&say::tf("provisional_year", &[("year", &year)]));
    }
    Ok(ExitCode::SUCCESS)
}

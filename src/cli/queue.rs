//! `qyzmet queue ...`: the electronic queue for scripts, over the same
//! operations the kiosk, the board and the workstation use.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;

use super::admin::{now, ops_failure};
use super::{Context, Failure, Outcome, outln, print_json, say};
use crate::domain::queue::stats::{DayStats, Figures, Spread};
use crate::domain::queue::{
    OperatorState, Outcome as VisitOutcome, OutcomeKind, PriorityReason, QueueConfig, Ticket,
    TransferTarget,
};
use crate::i18n::{self, operator_state_name, outcome_name, ticket_state_name};
use crate::ops::queue::{Desk, QueueAct, Taken};

#[derive(Debug, Subcommand)]
pub enum QueueCmd {
    /// Sets up or changes a centre's queue from a TOML file (categories, windows, minutes).
    Setup {
        #[arg(long)]
        centre: String,
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// The centre's queue settings and windows.
    Show {
        #[arg(long)]
        centre: String,
        #[arg(long)]
        json: bool,
    },
    /// Takes a ticket, as the kiosk does.
    Take {
        #[arg(long)]
        centre: String,
        #[arg(long, value_parser = parse_letter)]
        category: char,
        /// Barrier-free service: disability, elderly or pregnant.
        #[arg(long, value_parser = parse_priority)]
        priority: Option<PriorityReason>,
        #[arg(long)]
        json: bool,
    },
    /// Books a time slot; prints the code to check in with at the kiosk.
    Book {
        #[arg(long)]
        centre: String,
        #[arg(long, value_parser = parse_letter)]
        category: char,
        /// The slot's start, e.g. 2026-11-23T11:00.
        #[arg(long, value_parser = parse_time)]
        at: NaiveDateTime,
        #[arg(long, default_value_t = 15)]
        minutes: u32,
        #[arg(long)]
        json: bool,
    },
    /// Checks an appointment in by its code, as the kiosk does.
    CheckIn {
        #[arg(long)]
        centre: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// The operator takes a seat at a window.
    Sit {
        #[arg(long = "as", value_name = "LOGIN")]
        login: String,
        #[arg(long)]
        window: u16,
    },
    /// Calls the next visitor to the operator's window.
    Call {
        #[arg(long = "as", value_name = "LOGIN")]
        login: String,
        #[arg(long)]
        json: bool,
    },
    /// Another act at the operator's window.
    Act {
        #[arg(long = "as", value_name = "LOGIN")]
        login: String,
        /// recall, no-show, serve, finish, transfer, break, back-office, available, leave.
        what: String,
        /// finish: accepted, refused-intake, issued or consultation.
        #[arg(long)]
        outcome: Option<String>,
        /// finish: the application's number.
        #[arg(long)]
        app: Option<String>,
        /// transfer: a category letter (B) or a window (window:3).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Takes a waiting ticket of today off the queue, with the reason.
    Cancel {
        #[arg(long)]
        centre: String,
        #[arg(long)]
        ticket: String,
        #[arg(long)]
        reason: String,
        /// Ask as this operator of the centre; default: the store's administrator.
        #[arg(long = "as", value_name = "LOGIN")]
        login: Option<String>,
    },
    /// The tickets of a day with their states.
    List {
        #[arg(long)]
        centre: String,
        /// Default: today.
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Waiting and service times, visits and no-shows of a day.
    Stats {
        #[arg(long)]
        centre: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Ask as this user (the centre's head); default: the store's administrator.
        #[arg(long = "as", value_name = "LOGIN")]
        login: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_letter(s: &str) -> Result<char, String> {
    let mut c = s.trim().chars();
    match (c.next(), c.next()) {
        (Some(l), None) if l.is_ascii_alphabetic() => Ok(l.to_ascii_uppercase()),
        _ => Err(format!("{s:?} is not a category letter")),
    }
}

fn parse_priority(s: &str) -> Result<PriorityReason, String> {
    PriorityReason::parse(s).ok_or_else(|| format!("{s:?}: use disability, elderly or pregnant"))
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date like 2026-11-23"))
}

pub(crate) fn parse_time(s: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| format!("{s:?} is not a time like 2026-11-23T11:00"))
}

/// A queue set-up file (`origin` names it in errors) for `centre`: the
/// file's tables with the centre put in. Shared with the fuzz targets.
pub(crate) fn setup_config(origin: &str, centre: &str, text: &str) -> Result<QueueConfig, Failure> {
    let mut table: toml::Table =
        toml::from_str(text).map_err(|e| Failure::usage(format!("{origin}: {e}")))?;
    table.insert("centre".into(), toml::Value::String(centre.to_string()));
    table
        .try_into()
        .map_err(|e| Failure::usage(format!("{origin}: {e}")))
}

pub fn run(ctx: &Context, cmd: QueueCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    let at = now();
    match cmd {
        QueueCmd::Setup { centre, file } => setup(&ops, &centre, &file, at)?,
        QueueCmd::Show { centre, json } => show(&ops, &centre, json)?,
        QueueCmd::Take {
            centre,
            category,
            priority,
            json,
        } => {
            let taken = ops
                .queue_take(&centre, category, priority, at)
                .map_err(ops_failure)?;
            print_taken(&taken, json);
        }
        QueueCmd::Book {
            centre,
            category,
            at: start,
            minutes,
            json,
        } => {
            let a = ops
                .queue_book(&centre, category, start, minutes, at)
                .map_err(ops_failure)?;
            print_appointment(&a, json);
        }
        QueueCmd::CheckIn { centre, code, json } => {
            let taken = ops
                .queue_check_in(&centre, &code, at)
                .map_err(ops_failure)?;
            print_taken(&taken, json);
        }
        QueueCmd::Sit { login, window } => act_at(&ops, &login, QueueAct::Sit(window), false, at)?,
        QueueCmd::Call { login, json } => act_at(&ops, &login, QueueAct::CallNext, json, at)?,
        QueueCmd::Act {
            login,
            what,
            outcome,
            app,
            to,
            reason,
            json,
        } => {
            let act = queue_act(&what, outcome, app, to, reason)?;
            act_at(&ops, &login, act, json, at)?;
        }
        QueueCmd::Cancel {
            centre,
            ticket,
            reason,
            login,
        } => {
            let t = ops
                .queue_cancel(login.as_deref(), &centre, &ticket, &reason, at)
                .map_err(ops_failure)?;
            outln!("{}", ticket_line(&t));
        }
        QueueCmd::List { centre, date, json } => {
            let day = date.unwrap_or(at.date());
            let tickets = ops.queue_tickets(&centre, day).map_err(ops_failure)?;
            print_tickets(&tickets, json);
        }
        QueueCmd::Stats {
            centre,
            date,
            login,
            json,
        } => {
            let day = date.unwrap_or(at.date());
            let stats = ops
                .queue_stats(login.as_deref(), &centre, day)
                .map_err(ops_failure)?;
            match json {
                true => print_json(&stats),
                false => print_stats(&stats),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `queue setup`: a centre's queue settings from a TOML file.
fn setup(
    ops: &crate::ops::Ops,
    centre: &str,
    file: &std::path::Path,
    at: NaiveDateTime,
) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| Failure::file(file, &e))?;
    let config = setup_config(&file.display().to_string(), centre, &text)?;
    ops.queue_setup(config, at).map_err(ops_failure)?;
    outln!("{}", say::tf("queue_set_up", &[("centre", &centre)]));
    Ok(())
}

/// `queue show`: a centre's categories and windows, who sits at each.
fn show(ops: &crate::ops::Ops, centre: &str, json: bool) -> Result<(), Failure> {
    let config = ops.queue_config(centre).map_err(ops_failure)?;
    let windows = ops
        .store
        .windows(centre)
        .map_err(|e| ops_failure(e.into()))?;
    if json {
        print_json(&serde_json::json!({ "config": config, "windows": windows }));
    } else {
        for c in &config.categories {
            outln!("{}  {} / {}", c.letter, c.name_ru, c.name_kk);
        }
        for w in &config.windows {
            let status = windows.iter().find(|s| s.number == w.number);
            let who = status
                .and_then(|s| s.operator.clone())
                .map(|o| {
                    let state = status.map_or("", |s| operator_state_name(say::lang(), s.state));
                    format!("{o} ({state})")
                })
                .unwrap_or_else(|| say::t("window_closed").into());
            let cats: String = w.categories.iter().collect();
            let window = say::tf("window", &[("n", &w.number.to_string())]);
            outln!("{window:<10} {cats:<6} {who}");
        }
    }
    Ok(())
}

/// The act `queue act` names, with what it needs.
fn queue_act(
    what: &str,
    outcome: Option<String>,
    app: Option<String>,
    to: Option<String>,
    reason: Option<String>,
) -> Result<QueueAct, Failure> {
    Ok(match what {
        "recall" => QueueAct::Recall,
        "no-show" | "no_show" => QueueAct::NoShow,
        "serve" | "start" => QueueAct::Start,
        "finish" => {
            let raw = outcome.ok_or_else(|| Failure::usage(say::t("finish_needs_outcome")))?;
            let kind = OutcomeKind::parse(&raw)
                .ok_or_else(|| Failure::usage(say::tf("unknown_outcome", &[("value", &raw)])))?;
            let o = VisitOutcome::new(kind, app.as_deref())
                .map_err(|e| Failure::usage(i18n::error_text(say::lang(), &e.into())))?;
            QueueAct::Finish(o)
        }
        "transfer" => {
            let to: TransferTarget = to
                .ok_or_else(|| Failure::usage(say::t("transfer_needs_to")))?
                .parse()
                .map_err(Failure::usage)?;
            let reason = reason.ok_or_else(|| Failure::usage(say::t("transfer_needs_reason")))?;
            QueueAct::Transfer { to, reason }
        }
        "break" => QueueAct::SetState(OperatorState::OnBreak),
        "back-office" | "back_office" => QueueAct::SetState(OperatorState::BackOffice),
        "available" => QueueAct::SetState(OperatorState::Available),
        "leave" => QueueAct::Leave,
        other => {
            return Err(Failure::usage(say::tf(
                "unknown_queue_act",
                &[("value", &other)],
            )));
        }
    })
}

fn print_appointment(a: &crate::domain::queue::Appointment, json: bool) {
    if json {
        print_json(a);
    } else {
        outln!(
            "code {}: category {}, {}–{}",
            a.code,
            a.category,
            a.slot_start.format("%d.%m.%Y %H:%M"),
            a.slot_end.format("%H:%M")
        );
    }
}

/// An act at `login`'s window, and the window as it is after it.
fn act_at(
    ops: &crate::ops::Ops,
    login: &str,
    act: QueueAct,
    json: bool,
    at: NaiveDateTime,
) -> Result<(), Failure> {
    let desk = ops.queue_act(login, act, at).map_err(ops_failure)?;
    print_desk(&desk, json);
    Ok(())
}

fn print_tickets(tickets: &[crate::domain::queue::Ticket], json: bool) {
    if json {
        print_json(&tickets);
    } else {
        for t in tickets {
            outln!("{}", ticket_line(t));
        }
    }
}

fn print_taken(taken: &Taken, json: bool) {
    if json {
        print_json(taken);
        return;
    }
    let wait = taken
        .wait_minutes
        .map_or(say::t("no_window_open").to_string(), |m| {
            say::tf("wait_minutes", &[("n", &m)])
        });
    outln!(
        "{}",
        say::tf(
            "ticket_taken",
            &[
                ("number", &taken.ticket.number),
                ("ru", &taken.category.name_ru),
                ("kk", &taken.category.name_kk),
                ("ahead", &taken.ahead),
                ("wait", &wait),
            ]
        )
    );
}

fn print_desk(desk: &Desk, json: bool) {
    if json {
        print_json(desk);
        return;
    }
    match &desk.window {
        Some(w) => outln!(
            "{}: {}",
            say::tf("window", &[("n", &w.number.to_string())]),
            operator_state_name(say::lang(), w.state)
        ),
        None => outln!("{}", say::t("no_window")),
    }
    if let Some(t) = desk.ticket.as_ref().or(desk.current.as_ref()) {
        outln!("{}", ticket_line(t));
    }
    outln!("{}", say::tf("waiting_for_window", &[("n", &desk.for_me)]));
}

fn ticket_line(t: &Ticket) -> String {
    let outcome = t.outcome.as_ref().map_or(String::new(), |o| {
        format!(
            " {}{}",
            outcome_name(say::lang(), o.kind),
            o.application
                .as_ref()
                .map_or(String::new(), |a| format!(" {a}"))
        )
    });
    let line = say::tf(
        "ticket_line",
        &[
            ("category", &t.category),
            ("taken", &t.taken_at.format("%H:%M").to_string()),
            ("window", &t.window.map_or("-".into(), |w| w.to_string())),
            ("operator", &t.operator.as_deref().unwrap_or("-")),
        ],
    );
    let state = ticket_state_name(say::lang(), t.state);
    format!("{:<6} {state:<14} {line}{outcome}", t.number)
}

fn minutes(s: Option<Spread>) -> String {
    let m = |secs: i64| format!("{:.1}", secs as f64 / 60.0);
    s.map_or("-".into(), |s| {
        format!("{}/{}/{}", m(s.median), m(s.p90), m(s.max))
    })
}

fn figures_line(name: &str, f: &Figures) -> String {
    format!(
        "{name:<14} {:>7} {:>6} {:>8} {:>11} {:>9}  {:<18} {}",
        f.tickets,
        f.served,
        f.no_shows,
        f.transferred,
        f.cancelled,
        minutes(f.waiting),
        minutes(f.service),
    )
}

fn print_stats(s: &DayStats) {
    outln!("{}", say::tf("stats_title", &[("day", &s.day)]));
    let head = |k: &str| say::t(&format!("stats_head.{k}"));
    outln!(
        "{:<14} {:>7} {:>6} {:>8} {:>11} {:>9}  {:<18} {}",
        "",
        head("tickets"),
        head("served"),
        head("no_shows"),
        head("transferred"),
        head("cancelled"),
        head("wait"),
        head("service")
    );
    outln!("{}", figures_line(say::t("stats_total"), &s.total));
    for (c, f) in &s.categories {
        let label = say::tf("stats_category", &[("category", c)]);
        outln!("{}", figures_line(&label, f));
    }
    for (o, f) in &s.operators {
        outln!("{}", figures_line(o, f));
    }
    outln!("{}", say::tf("stats_open", &[("n", &s.open)]));
    let r = s.regulation;
    outln!(
        "{}",
        say::tf(
            "stats_within_norm",
            &[("within", &r.within), ("timed", &r.timed)]
        )
    );
}

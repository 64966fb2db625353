//! `qyzmet app`: applications from the command line (submit, act, show, list).

use super::*;

impl AppCmd {
    /// The user the command acts as (`--as`).
    pub fn acting_login(&self) -> Option<&str> {
        match self {
            AppCmd::Submit(a) => Some(&a.as_login),
            AppCmd::Act(a) => Some(&a.as_login),
            AppCmd::Show { as_login, .. } => as_login.as_deref(),
            AppCmd::List { as_login, .. } => Some(as_login),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AppCmd {
    /// Takes an application in; missing documents give a receipt of refusal.
    Submit(SubmitArgs),
    /// An action of the route: register, assign, decide, sign, dispatch, issue, return, withdraw...
    Act(ActArgs),
    /// One application with its full history.
    Show {
        number: String,
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Applications visible to a user; --queue: those waiting for them.
    List {
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: String,
        #[arg(long)]
        queue: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        iin: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SubmitArgs {
    #[arg(long)]
    service: String,
    #[arg(long)]
    iin: String,
    #[arg(long)]
    name: String,
    #[arg(long, value_parser = |s: &str| s.parse::<Channel>())]
    channel: Channel,
    #[arg(long)]
    org: Option<String>,
    /// The applicant's district (decides the provider); default the intake office's.
    #[arg(long)]
    district: Option<String>,
    #[arg(long = "as", value_name = "LOGIN")]
    as_login: String,
    #[arg(long)]
    phone: Option<String>,
    /// Representative acting by power of attorney: "Name;NUMBER" or
    /// "Name;NUMBER;IIN" (the representative's IIN).
    #[arg(long)]
    representative: Option<String>,
    /// The power of attorney is notarised: at the State Corporation it is
    /// checked in ЕНИС (`power import` fills its stand-in) and needs the
    /// representative's IIN.
    #[arg(long, requires = "representative")]
    notarised: bool,
    /// all, or missing:a,b (the documents not handed in).
    #[arg(long, default_value = "all")]
    docs: String,
    /// Documents handed in whose term of validity ran out, comma-separated:
    /// intake is refused naming them apart from the missing ones.
    #[arg(long, value_delimiter = ',', value_name = "DOC,...")]
    expired: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ActArgs {
    number: String,
    /// register, assign, review, inspect, decide, conclude, sign, forward, dispatch, receive, issue, return, withdraw, refuse-intake, complete
    #[arg(value_parser = |s: &str| s.parse::<ActKind>())]
    action: ActKind,
    #[arg(long = "as", value_name = "LOGIN")]
    as_login: String,
    /// assign: the specialist's login.
    #[arg(long)]
    to: Option<String>,
    #[arg(long, value_parser = ["approve", "refuse"])]
    decision: Option<String>,
    /// approve: the result kind (see `catalog show`).
    #[arg(long)]
    result: Option<String>,
    #[arg(long, value_parser = |s: &str| s.parse::<RefusalGround>())]
    ground: Option<RefusalGround>,
    #[arg(long)]
    comment: Option<String>,
    /// return: the step to go back to (1-based).
    #[arg(long)]
    step: Option<usize>,
    /// issue: IIN of who collects the result.
    #[arg(long)]
    iin: Option<String>,
    /// receive: the mark made in the centre's journal on the result's
    /// receipt (its entry).
    #[arg(long)]
    mark: Option<String>,
    /// refuse-intake: the missing documents, comma-separated.
    #[arg(long, value_delimiter = ',')]
    missing: Vec<String>,
    #[arg(long)]
    version: Option<u64>,
    /// decide: the text of an act the step draws up beside the decision,
    /// "ID=TEXT" (ids in `catalog show`; e.g. inspection_act); repeatable.
    #[arg(long = "act", value_name = "ID=TEXT", value_parser = parse_act)]
    acts: Vec<crate::domain::route::ActText>,
    #[arg(long)]
    json: bool,
}

fn parse_act(s: &str) -> Result<crate::domain::route::ActText, String> {
    let (id, text) = s
        .split_once('=')
        .ok_or_else(|| say::t("act_shape").to_string())?;
    Ok(crate::domain::route::ActText {
        id: id.trim().to_string(),
        text: text.trim().to_string(),
    })
}

/// `--representative "Name;NUMBER[;IIN]"`.
fn parse_representative(r: &str, today: chrono::NaiveDate) -> Result<Representative, Failure> {
    let parts: Vec<&str> = r.split(';').map(str::trim).collect();
    let (name, poa, iin) = match parts.as_slice() {
        [name, poa] => (*name, *poa, None),
        [name, poa, iin] => (*name, *poa, Some(*iin)),
        _ => return Err(Failure::usage(say::t("representative_shape"))),
    };
    let iin = iin
        .map(|i| {
            Iin::from_input(i, today).map_err(|e| {
                Failure::usage(say::tf(
                    "iin_bad",
                    &[("iin", &i), ("reason", &iin_reason(say::lang(), &e))],
                ))
            })
        })
        .transpose()?;
    Ok(Representative {
        name: name.into(),
        iin,
        power_of_attorney: poa.into(),
    })
}

fn record_json(ops: &Ops, rec: &Record, at: NaiveDateTime) -> Value {
    let service = ops.catalog.get(&rec.app.service);
    let step = service.and_then(|s| rec.app.current_step(s));
    let sla = service.and_then(|s| rec.app.step_sla(s, &ops.deadlines, at));
    // The State Corporation's part, timed on its schedule (issue 13 item 5).
    let counter = service.map(|s| {
        let office = ops
            .deadlines
            .office(crate::domain::roles::OrgKind::StateCorp);
        let timed = rec.app.counter_part(s, office, at);
        timed
            .iter()
            .map(|p| {
                json!({"phase": p.phase, "started": p.started, "ended": p.ended,
                "minutes": p.minutes, "norm_minutes": p.norm_minutes, "within": p.within()})
            })
            .collect::<Vec<_>>()
    });
    json!({
        "number": rec.number,
        "id": rec.id,
        "service": rec.app.service,
        "channel": rec.app.channel,
        "status": rec.app.status,
        "version": rec.app.version,
        "applicant": rec.app.applicant,
        "orgs": rec.orgs,
        "step": step.map(|s| json!({
            "index": rec.app.step + 1,
            "action": s.action,
            "actor": {"org": s.org, "role": s.role},
            "holder": rec.app.holder.as_ref().and_then(|h| h.login.clone()),
            "started": rec.app.step_started,
            "due": rec.app.step_due,
            "norm": s.norm,
        })),
        // Who holds it and for what: the step's action, or at the centre
        // `receive` (the journal's mark) then `issue`.
        "waits_for": rec.app.holder.as_ref().map(|h| json!({
            "action": h.action, "org": h.actor.org, "role": h.actor.role,
        })),
        "sla": sla.map(|s| json!({"state": s.state, "due": s.due, "left_or_overdue": s.amount})),
        "overall_due": rec.app.overall_due,
        "decision": rec.app.decision,
        "numbers": rec.app.numbers,
        "missing_documents": rec.app.missing_documents(),
        "expired_documents": rec.app.expired_documents(),
        "history": rec.app.history,
        "counter_part": counter,
    })
}

/// One application as JSON for scripts, or as a card (`full`: with its history).
fn emit(ops: &Ops, rec: &Record, at: NaiveDateTime, json: bool, full: bool) {
    if json {
        print_json(&record_json(ops, rec, at));
    } else {
        crate::cli::card::print(ops, rec, at, full);
    }
}

fn fmt_time(t: Option<NaiveDateTime>) -> String {
    t.map_or("-".into(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

pub fn app(ctx: &Context, cmd: AppCmd) -> Outcome {
    let ops = ctx.open_ops()?;
    let at = now();
    match cmd {
        AppCmd::Submit(a) => submit(&ops, a, at)?,
        AppCmd::Act(a) => act(&ops, a, at)?,
        AppCmd::Show {
            number,
            as_login,
            json,
        } => show(ctx, &ops, &number, as_login, json, at)?,
        AppCmd::List {
            as_login,
            queue,
            overdue,
            iin,
            json,
        } => list(
            ctx,
            &ops,
            ListFilter {
                queue,
                overdue,
                iin,
                limit: None,
            },
            &as_login,
            json,
            at,
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `app submit`: an intake, with its card and receipt.
fn submit(ops: &Ops, a: SubmitArgs, at: NaiveDateTime) -> Result<(), Failure> {
    let documents = if a.docs == "all" {
        None
    } else if let Some(missing) = a.docs.strip_prefix("missing:") {
        let missing: Vec<&str> = missing
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let service = ops.service(&a.service).map_err(ops_failure)?;
        for m in &missing {
            if !service.documents.iter().any(|d| d.id == *m) {
                return Err(Failure::usage(say::tf(
                    "unknown_document",
                    &[("doc", m), ("service", &service.id)],
                )));
            }
        }
        Some(
            service
                .documents
                .iter()
                .map(|d| d.id.clone())
                .filter(|d| !missing.contains(&d.as_str()))
                .collect(),
        )
    } else {
        return Err(Failure::usage(say::t("docs_shape")));
    };
    let service = ops.service(&a.service).map_err(ops_failure)?;
    let handed_in = |d: &str| {
        service.documents.iter().any(|x| x.id == d)
            && documents
                .as_ref()
                .is_none_or(|docs: &Vec<String>| docs.iter().any(|x| x == d))
    };
    if let Some(d) = a.expired.iter().find(|d| !handed_in(d.trim())) {
        return Err(Failure::usage(say::tf(
            "expired_not_handed_in",
            &[("doc", d)],
        )));
    }
    let representative = a
        .representative
        .as_deref()
        .map(|r| parse_representative(r, at.date()))
        .transpose()?;
    let req = SubmitRequest {
        district: a.district,
        service: a.service,
        channel: a.channel,
        iin: a.iin,
        name: a.name,
        phone: a.phone,
        representative,
        org: a.org,
        documents,
        expired: a.expired.iter().map(|d| d.trim().to_string()).collect(),
        notarised: a.notarised,
    };
    let rec = ops.submit(&a.as_login, req, at).map_err(ops_failure)?;
    if a.json {
        let mut v = record_json(ops, &rec, at);
        v["receipt"] = receipt_text(ops, &rec).into();
        print_json(&v);
    } else {
        crate::cli::card::print(ops, &rec, at, false);
        outln!("");
        outln!("{}", receipt_text(ops, &rec));
    }
    Ok(())
}

/// `app act`: an act of the route.
fn act(ops: &Ops, a: ActArgs, at: NaiveDateTime) -> Result<(), Failure> {
    let req = ActRequest {
        to: a.to,
        approve: a.decision.as_deref().map(|d| d == "approve"),
        result: a.result,
        ground: a.ground,
        comment: a.mark.or(a.comment),
        to_step: a.step,
        recipient: a.iin,
        missing: a.missing,
        version: a.version,
        acts: a.acts,
    };
    let rec = ops
        .act(&a.as_login, &a.number, a.action, req, at)
        .map_err(ops_failure)?;
    emit(ops, &rec, at, a.json, false);
    Ok(())
}

/// `app show`: one application (a read recorded in the access log).
fn show(
    ctx: &Context,
    ops: &Ops,
    number: &str,
    as_login: Option<String>,
    json: bool,
    at: NaiveDateTime,
) -> Result<(), Failure> {
    let number = application_number(number)?;
    let found = match &as_login {
        Some(login) => ops.show_from(login, number, &ctx.origin(), at),
        None => ops.find(number),
    };
    let rec = found.map_err(|e| match e {
        OpsError::NotFound(_) => {
            Failure::not_found(say::tf("no_application", &[("number", &number)]))
        }
        e => ops_failure(e),
    })?;
    if as_login.is_none() {
        let what = Viewed::Application {
            number: rec.number.clone(),
        };
        let iin = rec.app.applicant.iin;
        ops.admin_viewed(&admin_name(ctx), iin, what, &ctx.origin(), at)
            .map_err(ops_failure)?;
    }
    emit(ops, &rec, at, json, true);
    Ok(())
}

/// `app list`: the applications the user may see, by filter.
/// A search by IIN, and `--json` (which prints each applicant), are
/// recorded as views (`Ops::list_from`).
fn list(
    ctx: &Context,
    ops: &Ops,
    filter: ListFilter,
    as_login: &str,
    json: bool,
    at: NaiveDateTime,
) -> Result<(), Failure> {
    let recs = ops
        .list_from(as_login, &filter, json, &ctx.origin(), at)
        .map_err(ops_failure)?;
    if json {
        print_json(
            &recs
                .iter()
                .map(|r| record_json(ops, r, at))
                .collect::<Vec<_>>(),
        );
    } else {
        for r in &recs {
            outln!(
                "{:<22} {:<18} {:<40} {} {}",
                r.number,
                say::ui(&format!("status.{}", r.app.status.as_str())),
                ops.catalog
                    .get(&r.app.service)
                    .map_or(r.app.service.as_str(), |s| {
                        crate::i18n::service_name(say::lang(), s)
                    }),
                say::t("list_due"),
                fmt_time(r.app.step_due)
            );
        }
        outln!("{}", say::tf("applications_count", &[("n", &recs.len())]));
    }
    Ok(())
}

/// A number as typed, when it has the shape of one: `ORG-YYYY-NNNNNN`, with
/// `-OUT-` for outgoing numbers (a malformed number is bad input; a
/// well-formed one that matches nothing is "not found").
fn application_number(typed: &str) -> Result<&str, Failure> {
    let number = typed.trim();
    let parts: Vec<&str> = number.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let well_formed = parts.len() >= 3
        && digits(parts[parts.len() - 1], 6)
        && digits(parts[parts.len() - 2], 4)
        && parts[..parts.len() - 2]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if well_formed {
        Ok(number)
    } else {
        Err(Failure::usage(say::tf(
            "bad_number",
            &[("number", &number)],
        )))
    }
}

/// The receipt handed to the applicant (the same text the workstation prints).
pub fn receipt_text(ops: &Ops, rec: &Record) -> String {
    let by = rec.app.history.first().map_or("", |e| e.by.as_str());
    crate::ops::receipt::text(&ops.catalog, rec, &ops.full_name(by))
}

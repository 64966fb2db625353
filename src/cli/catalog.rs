use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};

use super::{Context, Failure, Outcome, outln, print_json, say};
use crate::catalog_files;
use crate::domain::catalog::{Channel, ResultKind, Service, verify_quotes};
use crate::tui::i18n::{self, Lang};

#[derive(Debug, Subcommand)]
pub enum CatalogCmd {
    /// Every regulation variant: id, region, act, name.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One variant whole: channels, results, documents, routes with norms.
    Show {
        /// A variant id, or a service id with a single variant.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Validates a catalogue directory (default: the one in use) and every
    /// quote against the regulation texts.
    Check {
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// The JSON of a service: the documented keys first, the rest after.
pub fn service_json(s: &Service) -> Value {
    let routes: Vec<Value> = s
        .routes
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name_ru,
                "name_en": r.name_en,
                "channels": r.channels,
                "steps": r.steps.iter().map(|st| json!({
                    "actor": { "org": st.org, "role": st.role },
                    "action": st.action,
                    "norm": st.norm,
                    "when": st.when,
                    "produces": st.produces_ru,
                    "produces_en": st.produces_en,
                    "quote": st.quote,
                    "note": st.note,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "id": s.id,
        "service": s.service,
        "name_ru": s.name_ru,
        "name_kk": s.name_kk,
        "name_en": s.name_en,
        "region": s.region,
        "region_ru": s.region_ru,
        "act": { "number": s.act.number, "date": s.act.date, "issuer": s.act.issuer_ru, "amended_by": s.act.amended_by },
        "excluded": s.excluded,
        "excluded_note": s.excluded_note,
        "provider_kinds": s.provider_kinds,
        "provider": s.provider_ru,
        "channels": s.channels,
        "form": s.form,
        "result_form": s.result_form,
        "result_form_inferred": s.result_form_inferred,
        "total_term": s.total_term,
        "intake_refusal": s.intake_refusal_quote,
        "results": s.results,
        "documents": s.documents,
        "routes": routes,
        "operator_steps": s.operator_steps,
        "notes": s.notes,
        "source": s.source,
    })
}

fn norm_text(n: Option<crate::domain::norm::Norm>) -> String {
    n.map_or_else(|| say::t("service.no_norm").to_string(), say::norm_words)
}

/// Channels as the CLI's language names them, comma-separated.
fn channels(v: &[Channel]) -> String {
    v.iter()
        .map(|c| say::ui(&format!("channel.{}", c.as_str())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A variant's routes, each with its steps, norms and conditions.
fn print_routes(s: &Service) {
    let lang = say::lang();
    for r in &s.routes {
        let name = if lang == Lang::En {
            &r.name_en
        } else {
            &r.name_ru
        };
        outln!(
            "  {} {} ({}): {name}",
            say::t("service.route"),
            r.id,
            channels(&r.channels)
        );
        for (i, st) in r.steps.iter().enumerate() {
            let produces = if lang == Lang::En {
                &st.produces_en
            } else {
                &st.produces_ru
            };
            let when = st
                .when
                .map(|c| format!(" ({})", say::t(&format!("service.when_{}", c.as_str()))))
                .unwrap_or_default();
            outln!(
                "    {}. {} — {}, {}{when}: {produces}",
                i + 1,
                i18n::step_name(lang, st.action),
                say::ui(&format!("role.{}", st.role.as_str())),
                norm_text(st.norm),
            );
        }
    }
}

/// One variant as a person reads it, in the CLI's language (the regulation's
/// own wording, quoted in Russian, stays as the act has it).
fn print_service(s: &Service) {
    let lang = say::lang();
    let label = |key: &str| format!("{}:", say::t(key));
    outln!("{}  [{}]", s.id, s.service);
    outln!("  {}", i18n::service_name(lang, s));
    outln!(
        "  {} — {} от {} № {}{}",
        s.region_ru,
        s.act.issuer_ru,
        s.act.date.format("%d.%m.%Y"),
        s.act.number,
        s.act
            .amended_by
            .as_ref()
            .map(|a| format!(" (в редакции: {a})"))
            .unwrap_or_default()
    );
    if s.excluded {
        outln!(
            "  {} {}",
            label("service.excluded"),
            s.excluded_note.as_deref().unwrap_or("")
        );
        return;
    }
    outln!("  {} {}", label("service.provider"), s.provider_ru);
    outln!("  {} {}", label("service.channels"), channels(&s.channels));
    outln!(
        "  {} {}",
        label("service.total_term"),
        norm_text(s.total_term)
    );
    outln!("  {}", label("service.results"));
    for r in &s.results {
        let kind = match r.kind {
            ResultKind::Positive => say::t("service.positive"),
            ResultKind::Refusal => say::t("service.refusal"),
            ResultKind::Notice => say::t("service.notice"),
        };
        outln!("    - {} ({kind}): {}", r.id, i18n::result_name(lang, r));
    }
    outln!("  {}", label("service.documents"));
    for d in &s.documents {
        let mark = if d.is_required() { "x" } else { " " };
        outln!("    - [{mark}] {}: {}", d.id, i18n::document_name(lang, d));
    }
    print_routes(s);
    if !s.operator_steps.is_empty() {
        outln!("  {}", label("service.operator"));
        for o in &s.operator_steps {
            outln!("    - {}: {}", norm_text(o.norm), o.name_ru);
        }
    }
    for n in &s.notes {
        outln!("  {} {n}", label("service.note"));
    }
}

pub fn run(ctx: &Context, cmd: CatalogCmd) -> Outcome {
    match cmd {
        CatalogCmd::List { json } => {
            let cat = ctx.catalog()?;
            if json {
                let rows: Vec<Value> = cat
                    .iter()
                    .map(|s| {
                        json!({
                            "id": s.id, "service": s.service, "name_ru": s.name_ru,
                            "name_kk": s.name_kk, "name_en": s.name_en, "region": s.region,
                            "act": { "number": s.act.number, "date": s.act.date },
                            "channels": s.channels, "total_term": s.total_term,
                            "excluded": s.excluded,
                        })
                    })
                    .collect();
                print_json(&rows);
            } else {
                for s in cat.iter() {
                    let mark = if s.excluded { " (excluded)" } else { "" };
                    outln!("{:<48} {:<16} {}{mark}", s.id, s.region, s.name_en);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CatalogCmd::Show { id, json } => {
            let cat = ctx.catalog()?;
            let s = cat.find(&id).map_err(|e| Failure::usage(e.to_string()))?;
            if json {
                print_json(&service_json(s));
            } else {
                print_service(s);
            }
            Ok(ExitCode::SUCCESS)
        }
        CatalogCmd::Check { dir } => {
            let cat = match dir {
                Some(d) => catalog_files::from_dir(&d).map_err(|errs| Failure {
                    code: 1,
                    message: errs
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("\n"),
                })?,
                None => ctx.catalog()?,
            };
            let mut problems = Vec::new();
            for s in cat.iter() {
                problems.extend(s.missing_translations());
                match catalog_files::source_text(&s.source.file) {
                    Some(text) => problems.extend(
                        verify_quotes(s, text)
                            .into_iter()
                            .map(|p| format!("{}: {p}", s.id)),
                    ),
                    None => {
                        problems.push(format!("{}: unknown source file {}", s.id, s.source.file))
                    }
                }
            }
            for p in &problems {
                outln!("{p}");
            }
            outln!(
                "{}",
                say::tf(
                    "catalog_checked",
                    &[("entries", &cat.len()), ("problems", &problems.len())]
                )
            );
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

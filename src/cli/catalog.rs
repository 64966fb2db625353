use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};

use super::{Context, Failure, Outcome, print_json};
use crate::catalog_files;
use crate::domain::catalog::{Service, verify_quotes};

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
    n.map_or_else(|| "no norm stated".to_string(), |n| n.to_string())
}

fn print_service(s: &Service) {
    println!("{}  [{}]", s.id, s.service);
    println!("  {}", s.name_ru);
    println!("  {}", s.name_kk);
    println!("  {}", s.name_en);
    println!(
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
        println!("  EXCLUDED: {}", s.excluded_note.as_deref().unwrap_or(""));
        return;
    }
    println!("  provider: {}", s.provider_ru);
    let list = |v: Vec<String>| v.join(", ");
    println!(
        "  channels: {}",
        list(s.channels.iter().map(|c| c.to_string()).collect())
    );
    println!("  total term: {}", norm_text(s.total_term));
    println!("  results:");
    for r in &s.results {
        println!("    - {} ({:?}): {}", r.id, r.kind, r.name_ru);
    }
    println!("  documents:");
    for d in &s.documents {
        println!(
            "    - [{}] {}: {}",
            if d.required { "x" } else { " " },
            d.id,
            d.name_ru
        );
    }
    for r in &s.routes {
        println!(
            "  route {} ({}): {}",
            r.id,
            list(r.channels.iter().map(|c| c.to_string()).collect()),
            r.name_ru
        );
        for (i, st) in r.steps.iter().enumerate() {
            println!(
                "    {}. {:<22} {:<9} {:<18} {}",
                i + 1,
                st.actor().to_string(),
                st.action.to_string(),
                norm_text(st.norm),
                st.produces_ru
            );
        }
    }
    if !s.operator_steps.is_empty() {
        println!("  State Corporation operator:");
        for o in &s.operator_steps {
            println!("    - {:<16} {}", norm_text(o.norm), o.name_ru);
        }
    }
    for n in &s.notes {
        println!("  note: {n}");
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
                    println!("{:<48} {:<16} {}{mark}", s.id, s.region, s.name_en);
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
                println!("{p}");
            }
            println!("{} entries, {} problems", cat.len(), problems.len());
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

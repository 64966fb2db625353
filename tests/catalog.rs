//! The catalogue against the regulations it was transcribed from.

use std::collections::BTreeSet;

use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Catalog, Channel, Service, StepAction, fold, verify_quotes};
use qyzmet::domain::norm::NormUnit;

const SOURCES: [&str; 5] = [
    "000_9e36f760cfba6a20.txt",
    "001_00054b1e3eac58b3.txt",
    "002_9d76fb71cedfe847.txt",
    "003_95a6d7c2b4c359dc.txt",
    "004_b0f6b37c67847754.txt",
];

fn catalog() -> Catalog {
    catalog_files::embedded().unwrap_or_else(|errs| {
        panic!(
            "{}",
            errs.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Every place a source names a regulation in its heading, as folded text
/// that starts with the title: Russian "Регламент государственной услуги
/// "…"" and Kazakh ""…" мемлекеттік көрсетілетін қызмет регламенті".
fn headings(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let folded = fold(line);
        for prefix in [
            "регламентгосударственнойуслуги",
            "регламентоказаниягосударственнойуслуги",
        ] {
            if folded.starts_with(prefix) {
                let rest = fold(&lines[i..(i + 6).min(lines.len())].join(" "));
                out.push((i + 1, rest[prefix.len()..].to_string()));
            }
        }
    }
    // The Kazakh seed: a quoted title right after each "бекітілген" block.
    if out.is_empty() {
        for (i, line) in lines.iter().enumerate() {
            if fold(line) == "бекітілген" {
                let next: String = lines[i + 1..(i + 12).min(lines.len())].join(" ");
                if let Some(start) = next.find('"') {
                    out.push((i + 1, fold(&next[start..])));
                }
            }
        }
    }
    out
}

#[test]
fn the_catalogue_holds_32_variants_of_26_services() {
    let cat = catalog();
    assert_eq!(cat.len(), 32);
    let services: BTreeSet<&str> = cat.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services.len(), 26, "{services:?}");
    let excluded: Vec<&str> = cat
        .iter()
        .filter(|s| s.excluded)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(excluded.len(), 2, "{excluded:?}");
}

#[test]
fn every_regulation_heading_in_the_seeds_is_catalogued() {
    let cat = catalog();
    let mut total = 0;
    for file in SOURCES {
        let text = catalog_files::source_text(file).expect("source embedded");
        let found = headings(text);
        assert!(!found.is_empty(), "no headings found in {file}");
        for (line, heading) in found {
            total += 1;
            let hit = cat.iter().find(|s| {
                s.source.file == file
                    && heading.starts_with(&fold(&s.source.title))
                    && (s.source.lines[0]..=s.source.lines[1]).contains(&(line as u32))
            });
            // The social-labour seed prints one regulation twice; the second
            // printing is catalogued once, under the first.
            let duplicate = cat.iter().any(|s| {
                s.source.file == file
                    && heading.starts_with(&fold(&s.source.title))
                    && s.notes.iter().any(|n| n.contains("twice"))
            });
            assert!(
                hit.is_some() || duplicate,
                "{file}:{line}: heading not in the catalogue: {heading:.80}"
            );
        }
    }
    // 3 + 13 + 3 + 12 (one printed twice) + 2 headings.
    assert_eq!(total, 33);
}

#[test]
fn every_quote_stands_in_its_regulation() {
    let cat = catalog();
    let mut problems = Vec::new();
    for s in cat.iter() {
        let text = catalog_files::source_text(&s.source.file)
            .unwrap_or_else(|| panic!("{}: unknown source {}", s.id, s.source.file));
        problems.extend(
            verify_quotes(s, text)
                .into_iter()
                .map(|p| format!("{}: {p}", s.id)),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Number words the regulations use for norms, folded (Russian and Kazakh).
fn number_words(n: u32) -> &'static [&'static str] {
    match n {
        0 => &["день", "күн"],
        1 => &["один", "одного", "одн", "бір"],
        2 => &["два", "двух", "екі"],
        3 => &["три", "трех", "үш"],
        5 => &["пят", "бес"],
        10 => &["десят", "он"],
        15 => &["пятнадцат", "онбес"],
        _ => &[],
    }
}

#[test]
fn every_norm_is_the_one_its_quote_states() {
    let cat = catalog();
    let mut problems = Vec::new();
    for s in cat.iter() {
        let steps = s
            .routes
            .iter()
            .flat_map(|r| r.steps.iter().map(|st| (st.norm, &st.quote)));
        let ops = s.operator_steps.iter().map(|o| (o.norm, &o.quote));
        let total = s
            .total_term
            .map(|n| (Some(n), s.total_term_quote.as_ref().unwrap()));
        for (norm, quote) in steps.chain(ops).chain(total) {
            let Some(norm) = norm else { continue };
            let q = fold(quote);
            let value_ok = q.contains(&norm.value.to_string())
                || number_words(norm.value).iter().any(|w| q.contains(w));
            let unit_ok = match norm.unit {
                NormUnit::Minutes => q.contains("мин"),
                NormUnit::Hours => q.contains("час") || q.contains("сағат"),
                NormUnit::WorkingDays => {
                    q.contains("рабоч") || q.contains("жұмыс") || norm.value == 0
                }
                NormUnit::CalendarDays => {
                    q.contains("дн") || q.contains("ден") || q.contains("күн")
                }
            };
            if !value_ok || !unit_ok {
                problems.push(format!("{}: {norm} vs {quote:?}", s.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn routes_are_runnable_and_cover_every_channel() {
    let cat = catalog();
    for s in cat.iter().filter(|s| !s.excluded) {
        for &c in &s.channels {
            let route = s
                .route_for(c)
                .unwrap_or_else(|| panic!("{}: no route for {c}", s.id));
            assert!(
                route
                    .steps
                    .iter()
                    .any(|st| st.action == StepAction::Execute),
                "{}: route {} has no decision",
                s.id,
                route.id
            );
        }
        assert!(s.documents.iter().any(|d| d.id == "application"));
        assert!(s.documents.iter().any(|d| d.id == "identity_document"));
    }
    // Targeted social assistance goes through the rural akim on its own route.
    let tsa = cat.get("krg-37-03-targeted-social-assistance").unwrap();
    let via_akim = tsa.route_for(Channel::RuralAkim).unwrap();
    assert_ne!(via_akim.id, tsa.route_for(Channel::StateCorp).unwrap().id);
    assert!(via_akim.steps.len() > tsa.route_for(Channel::StateCorp).unwrap().steps.len());
}

#[test]
fn variants_of_one_service_share_their_names() {
    let cat = catalog();
    // The guardian allowance is regulated in Karaganda and West Kazakhstan
    // with different norms for the specialist's step.
    let krg = cat.get("krg-34-17-guardian-allowance").unwrap();
    let zko = cat.get("zko-62-guardian-allowance").unwrap();
    assert_eq!(krg.service, zko.service);
    let spec = |s: &qyzmet::domain::catalog::Service| {
        s.routes[0]
            .steps
            .iter()
            .find(|st| st.action == StepAction::Execute)
            .and_then(|st| st.norm)
            .unwrap()
    };
    assert_eq!(spec(krg).to_string(), "6 working_days");
    assert_eq!(spec(zko).to_string(), "1 working_days");
    assert!(
        cat.find("guardian-allowance").is_err(),
        "ambiguous without a region"
    );
    assert_eq!(
        cat.find("zko-62-guardian-allowance").unwrap().region,
        "west_kazakhstan"
    );
}

#[test]
fn catalog_check_refuses_an_issue_step_before_the_end_of_a_route() {
    // The engine turns a route's closing issue into the hand-over to the counter
    // that issues (route::step_action); an issue mid-route would close the
    // application before the route is done.
    let text =
        std::fs::read_to_string("catalog/services/krg-37-03-targeted-social-assistance.toml")
            .unwrap();
    Service::from_toml("tsa.toml", &text).unwrap();
    // The provider's sign step (step 4 of the default route) made an issue.
    let signed = "action = \"sign\"";
    assert!(text.contains(signed));
    let broken = text.replacen(signed, "action = \"issue\"", 1);
    let err = Service::from_toml("tsa.toml", &broken)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("tsa.toml: route default step 4: issue hands the result over, so it must be the last step"),
        "{err}"
    );
}

/// The district or city akimat adopts the guardianship resolution itself
/// ("местный исполнительный орган района или города областного значения …
/// принимает соответствующее постановление", 001:356; a participant of its
/// own, 001:371): step 4 is the local executive body's, and `catalog check`
/// refuses that body where the text cannot put it (the first step, before the
/// decision, a specialist of it).
#[test]
fn the_local_executive_body_adopts_the_guardianship_resolution() {
    use qyzmet::domain::roles::{OrgKind, Role};
    let path = "catalog/services/zko-62-guardianship-establishment.toml";
    let text = std::fs::read_to_string(path).unwrap();
    let s = Service::from_toml("zko.toml", &text).unwrap();
    for route in &s.routes {
        let step = route
            .steps
            .iter()
            .find(|st| st.quote.starts_with("местный исполнительный орган"))
            .expect("the akimat's step");
        assert_eq!((step.org, step.role), (OrgKind::LocalExecutive, Role::Head));
        assert_eq!(step.action, StepAction::Sign);
    }
    let cat = catalog();
    let others: Vec<&str> = cat
        .iter()
        .filter(|s| s.id != "zko-62-guardianship-establishment")
        .filter(|s| {
            s.routes
                .iter()
                .flat_map(|r| &r.steps)
                .any(|st| st.org == OrgKind::LocalExecutive)
        })
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        others.is_empty(),
        "no other text names the akimat: {others:?}"
    );
    // The registering clerk made the akimat's: refused.
    let first = "org = \"provider\"\nrole = \"clerk\"\naction = \"register\"";
    assert!(text.contains(first));
    let broken = text.replacen(
        first,
        "org = \"local_executive\"\nrole = \"clerk\"\naction = \"register\"",
        1,
    );
    let err = Service::from_toml("zko.toml", &broken)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "zko.toml: route default step 1: the local executive body acts by its head or clerk"
        ),
        "{err}"
    );
}

/// The act of inspection of living conditions is drawn up in the decision's
/// step of both Zhambyl entries (004:115-117, 151-154, 332-334, 366-370):
/// every route's `execute` there names it, and `catalog check` refuses acts
/// on a step that takes no decision.
#[test]
fn the_inspection_act_is_an_output_of_the_decision_step() {
    let cat = catalog();
    for id in ["zhb-133-patronage", "zhb-133-adoption-registration"] {
        let s = cat.get(id).unwrap();
        for route in &s.routes {
            let execute = &route.steps[route.execute_step().unwrap()];
            let ids: Vec<&str> = execute.acts.iter().map(|a| a.id.as_str()).collect();
            assert_eq!(ids, ["inspection_act"], "{id} route {}", route.id);
        }
    }
    let path = "catalog/services/zhb-133-patronage.toml";
    let text = std::fs::read_to_string(path).unwrap();
    let broken = text.replacen("action = \"execute\"", "action = \"review\"", 1);
    let broken = broken.replacen("action = \"sign\"", "action = \"execute\"", 1);
    let err = Service::from_toml("zhb.toml", &broken)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("acts go with the decision: only an execute step has them"),
        "{err}"
    );
}

/// The State Corporation's processes are the counter's own clock (issue 13
/// item 5): each phase's minutes are the sum of its processes' norms as the
/// regulation states them, and `catalog check` refuses a counter norm in days
/// or a process given twice.
#[test]
fn the_counters_phases_sum_the_regulations_minutes() {
    use qyzmet::domain::route::CounterPhase;
    let c = catalog();
    let minutes = |id: &str, p: CounterPhase| p.norm_minutes(c.get(id).unwrap());
    // Child benefit (003:583-623): reception 2, authorisation 1, form 2,
    // ГБД ФЛ/ЕНИС request 2, condition 1 one minute, sending 1; the
    // registration in АРМ РШЭП 1 (003:615); the result's receipt 2 (003:623).
    assert_eq!(
        minutes("krg-37-03-child-benefit", CounterPhase::Visit),
        Some(9)
    );
    assert_eq!(
        minutes("krg-37-03-child-benefit", CounterPhase::Transfer),
        Some(1)
    );
    assert_eq!(
        minutes("krg-37-03-child-benefit", CounterPhase::Issue),
        Some(2)
    );
    // Guardian allowance (000:171-197) gives its processes no minutes.
    assert_eq!(
        minutes("krg-34-17-guardian-allowance", CounterPhase::Visit),
        None
    );
    // Every timed phase lies in the centre's working day.
    for s in c.iter() {
        for p in CounterPhase::ALL {
            assert!(
                p.norm_minutes(s).is_none_or(|m| m > 0 && m < 540),
                "{} {p:?}",
                s.id
            );
        }
    }
    let text = std::fs::read_to_string("catalog/services/krg-37-03-child-benefit.toml").unwrap();
    let send = "kind = \"send\"";
    assert!(text.contains(send));
    let twice = text.replacen(send, "kind = \"reception\"", 1);
    let err = Service::from_toml("cb.toml", &twice)
        .unwrap_err()
        .to_string();
    assert!(err.contains("its kind is given twice"), "{err}");
    let reception_norm = "norm = { value = 2, unit = \"minutes\" }\nquote = 'услугополучатель";
    assert!(text.contains(reception_norm));
    let days = text.replacen(
        reception_norm,
        "norm = { value = 2, unit = \"working_days\" }\nquote = 'услугополучатель",
        1,
    );
    let err = Service::from_toml("cb.toml", &days)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("a counter norm is in minutes or hours"),
        "{err}"
    );
}

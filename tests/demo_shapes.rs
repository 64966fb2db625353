//! The demo exercises every route shape of the catalogue (issue 13, "the
//! demo region exercises every route shape"). The shapes are derived from
//! the catalogue's routes, not listed by hand: every step as its actor takes
//! it on each channel, every step conditioned on a decision passed over after
//! the other one, every act drawn up beside a decision, a return from a
//! reviewing step, and each channel's ending. Each must show in at least one
//! application of a demo built as `tests/demo.rs` builds it, and
//! `qyzmet check` must find that store sound.

#[path = "common/served.rs"]
mod served;

use chrono::NaiveDateTime;
use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Catalog, Channel, Route, Service, StepAction, StepCondition};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{Application, Deadlines, EventKind, Status, StepOutput, step_action};
use qyzmet::ops::Ops;
use qyzmet::store::Store;
use qyzmet::store::model::Record;

/// Where the result reaches the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Marked as received at the State Corporation's centre, then issued
    /// once, at its counter (000:125-135).
    Counter,
    /// Issued by the provider's office to the applicant who came there.
    Office,
    /// Issued at the rural akim's office.
    Akim,
    /// Delivered to the portal cabinet, nobody collecting it.
    Cabinet,
    /// The applicant comes to the provider after the portal notice
    /// (004:437-439, 000:355-357): waiting for them, or handed over.
    Visit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// A step completed by its actor, with the action it takes on the
    /// application's channel (`route::step_action`).
    Step(OrgKind, Role, StepAction),
    /// A step taken only on one decision, passed over after the other: the
    /// application closed without it (001:356, 000:355-357).
    PassedOver(StepCondition, OrgKind, StepAction),
    /// An act drawn up beside the decision, its text kept (004:151-153).
    Act(String),
    /// A draft returned from a reviewing step.
    Returned,
    Ending(Channel, Ending),
}

fn ending_of(route: &Route, channel: Channel) -> Ending {
    match channel {
        Channel::StateCorp => Ending::Counter,
        Channel::ProviderOffice => Ending::Office,
        Channel::RuralAkim => Ending::Akim,
        Channel::Portal if route.steps.last().is_some_and(|s| s.visit) => Ending::Visit,
        Channel::Portal => Ending::Cabinet,
    }
}

/// Every shape of the catalogue's active routes, each with an entry that has it.
fn catalogue_shapes(catalog: &Catalog) -> Vec<(Shape, String)> {
    let mut out: Vec<(Shape, String)> = Vec::new();
    let mut add = |shape: Shape, id: &str| {
        if !out.iter().any(|(s, _)| *s == shape) {
            out.push((shape, id.to_string()));
        }
    };
    for s in catalog.iter().filter(|s| !s.excluded) {
        for route in &s.routes {
            for &channel in &route.channels {
                add(Shape::Ending(channel, ending_of(route, channel)), &s.id);
                for step in &route.steps {
                    let action = step_action(step, channel);
                    add(Shape::Step(step.org, step.role, action), &s.id);
                    if let Some(when) = step.when {
                        add(Shape::PassedOver(when, step.org, action), &s.id);
                    }
                    for act in &step.acts {
                        add(Shape::Act(act.id.clone()), &s.id);
                    }
                    if step.returnable {
                        add(Shape::Returned, &s.id);
                    }
                }
            }
        }
    }
    out
}

/// The shapes one application's history shows.
fn shapes_of(service: &Service, app: &Application) -> Vec<Shape> {
    let route = service.route(&app.route).expect("its route");
    let mut out = Vec::new();
    let mut issues = Vec::new();
    let mut received = false;
    for e in &app.history {
        match &e.what {
            EventKind::Completed { action, output } => {
                out.push(Shape::Step(e.actor.org, e.actor.role, *action));
                if let StepOutput::DecidedWithActs { acts, .. } = output {
                    let kept = acts.iter().filter(|a| !a.text.trim().is_empty());
                    out.extend(kept.map(|a| Shape::Act(a.id.clone())));
                }
            }
            EventKind::Returned { .. } => out.push(Shape::Returned),
            EventKind::ResultReceived { .. } => received = true,
            _ => {}
        }
        if e.what.is_issue() {
            issues.push(e.actor.org);
        }
    }
    let closed = app.status == Status::Issued;
    let outcome = app.outcome();
    for (i, step) in route.steps.iter().enumerate() {
        let Some(when) = step.when else { continue };
        let taken = app
            .history
            .iter()
            .any(|e| e.from_step == Some(i) && matches!(e.what, EventKind::Completed { .. }));
        if closed && outcome.is_some() && !step.applies(outcome) && !taken {
            let action = step_action(step, app.channel);
            out.push(Shape::PassedOver(when, step.org, action));
        }
    }
    let at_visit = app.current_step(service).is_some_and(|s| s.visit)
        || issues == [OrgKind::Provider] && app.channel == Channel::Portal;
    let ending = match app.channel {
        Channel::StateCorp if closed && received && issues == [OrgKind::StateCorp] => {
            Some(Ending::Counter)
        }
        Channel::ProviderOffice if closed && issues == [OrgKind::Provider] => Some(Ending::Office),
        Channel::RuralAkim if closed && issues == [OrgKind::AkimOffice] => Some(Ending::Akim),
        Channel::Portal if at_visit => Some(Ending::Visit),
        Channel::Portal if closed && issues.is_empty() => Some(Ending::Cabinet),
        _ => None,
    };
    out.extend(ending.map(|end| Shape::Ending(app.channel, end)));
    out
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

#[test]
fn the_demo_shows_every_route_shape_of_the_catalogue_and_checks_sound() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let now = at(served::NOW);
    let ops = Ops::new(
        Store::create(&db, now).unwrap(),
        catalog_files::embedded().unwrap(),
        Deadlines::new(catalog_files::calendar(None).unwrap()),
    );
    let n = qyzmet::ops::backend::DEMO_APPLICATIONS;
    qyzmet::demo::populate(&ops, now, n, &mut |_| {}).unwrap();
    let expected = catalogue_shapes(&ops.catalog);
    // The catalogue has the shapes issue 13 named: the local executive
    // body's step, passed over on refusal, and the act of inspection.
    for shape in [
        Shape::Step(OrgKind::LocalExecutive, Role::Head, StepAction::Sign),
        Shape::PassedOver(
            StepCondition::Approved,
            OrgKind::LocalExecutive,
            StepAction::Sign,
        ),
        Shape::Act("inspection_act".into()),
        Shape::Ending(Channel::Portal, Ending::Visit),
    ] {
        assert!(expected.iter().any(|(s, _)| *s == shape), "{shape:?}");
    }
    let recs: Vec<Record> = ops.store.records().map(|r| r.unwrap()).collect();
    let mut shown: Vec<(Shape, String)> = Vec::new();
    for rec in &recs {
        let service = ops.catalog.get(&rec.app.service).unwrap();
        for shape in shapes_of(service, &rec.app) {
            if !shown.iter().any(|(s, _)| *s == shape) {
                shown.push((shape, rec.number.clone()));
            }
        }
    }
    let missing: Vec<&(Shape, String)> = expected
        .iter()
        .filter(|(s, _)| !shown.iter().any(|(x, _)| x == s))
        .collect();
    assert!(
        missing.is_empty(),
        "shapes of the catalogue no demo application shows (with an entry that has each): {missing:#?}"
    );
    for (shape, number) in &shown {
        println!("{shape:?}: {number}");
    }
    shapes_of_west_kazakhstan_and_zhambyl(&recs);
    // What `qyzmet check` finds in that store, through the real binary.
    drop(ops);
    let out = served::qyzmet_on(&db, &["check"]);
    let said = served::succeeded(&["check"], out);
    assert!(said.starts_with("sound"), "{said}");
}

/// West Kazakhstan's guardianship establishment: a refusal closes without
/// the local executive body's resolution, taken "при положительном
/// результате" (001:356, 371), an approval goes through the city's akimat;
/// Zhambyl's decision keeps the act of inspection beside it (004:151-154).
fn shapes_of_west_kazakhstan_and_zhambyl(recs: &[Record]) {
    use qyzmet::domain::catalog::ResultKind;
    use qyzmet::domain::roles::OrgKind;
    use qyzmet::domain::route::StepOutput;
    let guardianship = |outcome: ResultKind| {
        recs.iter().find(|r| {
            r.app.service == "zko-62-guardianship-establishment"
                && r.app.status == Status::Issued
                && r.app.outcome() == Some(outcome)
        })
    };
    let by_akimat = |r: &Record| {
        r.app
            .history
            .iter()
            .filter(|e| e.actor.org == OrgKind::LocalExecutive)
            .count()
    };
    let refused = guardianship(ResultKind::Refusal).expect("a refused guardianship establishment");
    assert_eq!(by_akimat(refused), 0, "{}", refused.number);
    assert_eq!(refused.orgs.local_executive.as_deref(), Some("ZKO-AKIMAT"));
    let approved =
        guardianship(ResultKind::Positive).expect("an approved guardianship establishment");
    assert_eq!(by_akimat(approved), 1, "{}", approved.number);
    let act = recs.iter().find_map(|r| {
        r.app.history.iter().find_map(|e| match &e.what {
            EventKind::Completed {
                output: StepOutput::DecidedWithActs { acts, .. },
                ..
            } if r.app.service.starts_with("zhb-133-") => acts.first(),
            _ => None,
        })
    });
    let act = act.expect("a Zhambyl decision with its act of inspection");
    assert_eq!(act.id, "inspection_act");
    assert!(act.text.starts_with("Акт обследования"), "{}", act.text);
}

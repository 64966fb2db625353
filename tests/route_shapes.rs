//! Route shapes the regulations write (issue 13): steps conditioned on the
//! decision, and property tests over every catalogue route that whatever the
//! moves, an application only takes steps its route gives it.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Catalog, Channel, ResultKind, Service, StepAction};
use qyzmet::domain::iin::{Iin, Sex};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{
    ActText, Applicant, Application, Deadlines, Decision, EventKind, Intake, Performer,
    RefusalGround, Status, StepOutput, Transition, TransitionError, intake_actor,
};
use qyzmet::domain::unfit::Unfit;

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| catalog_files::embedded().unwrap());
static DEADLINES: LazyLock<Deadlines> =
    LazyLock::new(|| Deadlines::new(catalog_files::calendar(None).unwrap()));

const GUARDIANSHIP: &str = "zko-62-guardianship-establishment";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn applicant_iin() -> Iin {
    Iin::compose(
        NaiveDate::from_ymd_opt(1985, 3, 14).unwrap(),
        Sex::Female,
        4321,
    )
    .unwrap()
}

fn submit(s: &Service, channel: Channel) -> Application {
    let by = Performer {
        login: "intake".into(),
        actor: intake_actor(channel),
    };
    let intake = Intake {
        id: "ZKO-SC-2026-000001".into(),
        service: s,
        channel,
        applicant: Applicant {
            iin: applicant_iin(),
            name: "Ахметова Айгерим".into(),
            phone: None,
            representative: None,
        },
        documents: s.documents.iter().map(|d| d.id.clone()).collect(),
        expired: Vec::new(),
        power: Default::default(),
        call: None,
    };
    Application::submit(intake, &by, at("2026-11-23T10:00"), &DEADLINES).unwrap()
}

/// What the holder's step needs, deciding `outcome` at the decision.
fn output_for(s: &Service, app: &Application, outcome: ResultKind) -> StepOutput {
    // The acts the decision's step draws up beside it (004:151-153).
    let acts: Vec<ActText> = app
        .current_step(s)
        .map(|st| {
            st.acts
                .iter()
                .map(|a| ActText {
                    id: a.id.clone(),
                    text: "акт обследования".into(),
                })
                .collect()
        })
        .unwrap_or_default();
    match app.holder.as_ref().unwrap().action {
        StepAction::Register | StepAction::Dispatch => StepOutput::Registered {
            number: format!("N-{}", app.history.len()),
        },
        StepAction::Assign => StepOutput::Assigned {
            specialist: "s".into(),
            resolution: "исполнить".into(),
        },
        StepAction::Inspect | StepAction::Conclude => StepOutput::Report {
            text: "акт".into()
        },
        StepAction::Execute if outcome == ResultKind::Refusal => StepOutput::decided(
            Decision::Refuse {
                ground: RefusalGround::RequirementsNotMet,
                text: "не соответствует".into(),
            },
            &acts,
        ),
        StepAction::Execute => StepOutput::decided(
            Decision::Approve {
                result: s.positive_results().next().unwrap().id.clone(),
            },
            &acts,
        ),
        StepAction::Issue => StepOutput::Issued {
            recipient: applicant_iin(),
        },
        StepAction::Accept | StepAction::Review | StepAction::Sign | StepAction::Forward => {
            StepOutput::Done
        }
        StepAction::Receive => unreachable!("the centre's receipt is no route step"),
    }
}

/// The holder completes the next step.
fn step(s: &Service, app: &mut Application, outcome: ResultKind, now: NaiveDateTime) {
    let h = app.holder.clone().unwrap();
    let by = Performer {
        login: h.login.unwrap_or_else(|| "s".into()),
        actor: h.actor,
    };
    let t = Transition::Complete(output_for(s, app, outcome));
    app.apply(s, &by, now, t, &DEADLINES)
        .unwrap_or_else(|e| panic!("{}: {e}", s.id));
}

/// The route indexes the history completed, in order.
fn completed_steps(app: &Application) -> Vec<usize> {
    app.history
        .iter()
        .filter(|e| matches!(e.what, EventKind::Completed { .. }))
        .filter_map(|e| e.from_step)
        .collect()
}

#[test]
fn a_refused_guardianship_establishment_skips_the_local_executive_body() {
    // "направление пакета документов (при положительном результате) в местный
    // исполнительный орган или подготовка мотивированного ответа об отказе" (001:356).
    let s = CATALOG.get(GUARDIANSHIP).unwrap();
    let route = s.route("default").unwrap();
    assert_eq!(
        route.steps[3].when,
        Some(qyzmet::domain::catalog::StepCondition::Approved)
    );
    let mut now = at("2026-11-23T10:00");
    let mut app = submit(s, Channel::StateCorp);
    for _ in 0..3 {
        now += chrono::Duration::minutes(30);
        step(s, &mut app, ResultKind::Refusal, now);
    }
    // Straight from the motivated refusal to the office's delivery.
    assert_eq!(app.step, 4);
    assert_eq!(app.holder.as_ref().unwrap().action, StepAction::Dispatch);
    step(s, &mut app, ResultKind::Refusal, now);
    assert_eq!(app.status, Status::ResultReady);
    assert_eq!(completed_steps(&app), vec![0, 1, 2, 4]);
    app.check_invariants(s).unwrap();
    app.check_history(s).unwrap();

    // An approval goes through the akimat's resolution.
    let mut app = submit(s, Channel::StateCorp);
    while app.status == Status::InProgress {
        now += chrono::Duration::minutes(30);
        step(s, &mut app, ResultKind::Positive, now);
    }
    assert_eq!(completed_steps(&app), vec![0, 1, 2, 3, 4]);
    app.check_history(s).unwrap();
}

#[test]
fn a_history_that_takes_a_step_of_the_other_decision_fails_the_check() {
    let s = CATALOG.get(GUARDIANSHIP).unwrap();
    let mut app = submit(s, Channel::StateCorp);
    let mut now = at("2026-11-23T10:00");
    while app.status == Status::InProgress {
        now += chrono::Duration::minutes(30);
        step(s, &mut app, ResultKind::Positive, now);
    }
    // Rewrite the decision as a refusal: the akimat's step 4 no longer belongs.
    for e in &mut app.history {
        if let EventKind::Completed {
            output: StepOutput::Decided(d),
            ..
        } = &mut e.what
        {
            *d = Decision::Refuse {
                ground: RefusalGround::Other,
                text: "нет".into(),
            };
        }
    }
    app.decision = app.history.iter().find_map(|e| match &e.what {
        EventKind::Completed {
            output: StepOutput::Decided(d),
            ..
        } => Some(d.clone()),
        _ => None,
    });
    let err = app.check_history(s).unwrap_err();
    assert!(err.contains("does not lead to step 5"), "{err}");
}

#[test]
fn a_refusal_is_not_held_to_the_skipped_steps_term_but_intake_counts_the_longer_way() {
    let s = CATALOG.get(GUARDIANSHIP).unwrap();
    let app = submit(s, Channel::StateCorp);
    // 15 + 15 minutes, 12 + 6 + 1 working days from Monday 23 November 2026.
    let due = app.overall_due.unwrap();
    assert!(
        due.date() >= NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        "{due}"
    );
}

#[test]
fn catalog_check_refuses_a_condition_before_the_decision() {
    let text = std::fs::read_to_string(format!("catalog/services/{GUARDIANSHIP}.toml")).unwrap();
    let bad = text.replacen(
        "action = \"assign\"\n",
        "action = \"assign\"\nwhen = \"refused\"\n",
        1,
    );
    let err = Service::from_toml("g.toml", &bad).unwrap_err().to_string();
    assert!(
        err.contains("route default step 2: when = \"refused\" needs the decision first"),
        "{err}"
    );
    let unknown = text.replacen("when = \"approved\"", "when = \"maybe\"", 1);
    assert!(Service::from_toml("g.toml", &unknown).is_err());
}

// ---- property: every catalogue route, any decision and returns, reaches an end
// the regulation names, through only the steps it gives that application.

fn active() -> Vec<&'static Service> {
    CATALOG.iter().filter(|s| !s.excluded).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_route_ends_through_only_its_own_steps(
        service in 0usize..64,
        channel in 0usize..4,
        refuse in any::<bool>(),
        returns in prop::collection::vec(0usize..8, 0..3),
    ) {
        let services = active();
        let s = services[service % services.len()];
        let channel = s.channels[channel % s.channels.len()];
        let outcome = if refuse { ResultKind::Refusal } else { ResultKind::Positive };
        let mut app = submit(s, channel);
        let route = s.route_for(channel).unwrap();
        let mut returns = returns.into_iter();
        let mut now = at("2026-11-23T10:00");
        for _ in 0..100 {
            if app.status != Status::InProgress {
                break;
            }
            now += chrono::Duration::minutes(45);
            let returnable = route.steps[app.step].returnable;
            match returns.next() {
                Some(to) if returnable && to < app.step => {
                    let h = app.holder.clone().unwrap();
                    let by = Performer { login: "h".into(), actor: h.actor };
                    let t = Transition::Return { to_step: to, comment: "исправить".into() };
                    // A return to a step of the other decision is refused, and changes nothing.
                    let before = app.clone();
                    if app.apply(s, &by, now, t, &DEADLINES).is_err() {
                        prop_assert_eq!(&app, &before);
                        step(s, &mut app, outcome, now);
                    }
                }
                _ => step(s, &mut app, outcome, now),
            }
            app.check_invariants(s).map_err(TestCaseError::fail)?;
        }
        prop_assert!(
            matches!(app.status, Status::ResultReady | Status::Issued),
            "{} on {channel} stuck at step {}", s.id, app.step + 1
        );
        prop_assert_eq!(app.outcome(), Some(outcome));
        for i in completed_steps(&app) {
            prop_assert!(route.steps[i].applies(Some(outcome)), "{}: step {} taken after {:?}", s.id, i + 1, outcome);
        }
        // Every step the route gives this decision was completed at least once.
        for (i, st) in route.steps.iter().enumerate() {
            if st.applies(Some(outcome)) {
                prop_assert!(completed_steps(&app).contains(&i), "{}: step {} skipped", s.id, i + 1);
            }
        }
        // The end: the result waits at the counter the applicant came to, or
        // the route itself handed it over.
        if app.status == Status::ResultReady {
            let h = app.holder.clone().unwrap();
            // At the State Corporation the centre first marks its receipt.
            let waits = if channel == Channel::StateCorp {
                StepAction::Receive
            } else {
                StepAction::Issue
            };
            prop_assert_eq!(h.action, waits);
            prop_assert_eq!(h.actor, intake_actor(channel));
            prop_assert!(h.actor.org != OrgKind::Provider || h.actor.role == Role::Clerk);
        }
        app.check_history(s).map_err(TestCaseError::fail)?;
    }
}

// ---- channel-specific endings and results

/// Drives the provider's steps up to the holder's `stop` action.
fn drive_until(s: &Service, app: &mut Application, outcome: ResultKind, stop: StepAction) {
    let mut now = at("2026-11-23T10:00");
    while app.status == Status::InProgress && app.holder.as_ref().unwrap().action != stop {
        now += chrono::Duration::minutes(30);
        step(s, app, outcome, now);
    }
}

#[test]
fn a_portal_adoption_registration_waits_for_the_applicants_visit() {
    // "После получения уведомления услугополучателю необходимо обратиться по
    // указанному в уведомлении адресу для получения заключения" (004:437-439).
    let s = CATALOG.get("zhb-133-adoption-registration").unwrap();
    for outcome in [ResultKind::Positive, ResultKind::Refusal] {
        let mut app = submit(s, Channel::Portal);
        assert_eq!(app.route, "portal");
        drive_until(s, &mut app, outcome, StepAction::Dispatch);
        step(s, &mut app, outcome, at("2026-12-20T10:00"));
        // The notice is in the cabinet; the conclusion waits for the visit.
        assert_eq!(app.status, Status::InProgress, "{outcome:?}");
        let h = app.holder.clone().unwrap();
        assert_eq!(
            (h.actor.org, h.actor.role, h.action),
            (OrgKind::Provider, Role::Clerk, StepAction::Issue)
        );
        assert_eq!(app.step_due, None, "a visit has no term");
        let stranger =
            Iin::compose(NaiveDate::from_ymd_opt(1999, 9, 9).unwrap(), Sex::Male, 7).unwrap();
        let clerk = Performer::new("clerk", OrgKind::Provider, Role::Clerk);
        let wrong = Transition::Complete(StepOutput::Issued {
            recipient: stranger,
        });
        assert!(
            app.apply(s, &clerk, at("2026-12-21T10:00"), wrong, &DEADLINES)
                .is_err()
        );
        let t = Transition::Complete(StepOutput::Issued {
            recipient: applicant_iin(),
        });
        app.apply(s, &clerk, at("2026-12-21T10:00"), t, &DEADLINES)
            .unwrap();
        assert_eq!(app.status, Status::Issued);
        assert_eq!(app.history.iter().filter(|e| e.what.is_issue()).count(), 1);
        app.check_history(s).unwrap();
    }
}

#[test]
fn a_refused_portal_patronage_ends_in_the_cabinet_and_an_approved_one_with_the_contract() {
    let s = CATALOG.get("krg-34-17-patronage").unwrap();
    let mut refused = submit(s, Channel::Portal);
    drive_until(s, &mut refused, ResultKind::Refusal, StepAction::Dispatch);
    step(s, &mut refused, ResultKind::Refusal, at("2026-12-20T10:00"));
    assert_eq!(refused.status, Status::Issued);
    assert_eq!(completed_steps(&refused), vec![0, 1, 2, 3, 4]);
    refused.check_history(s).unwrap();

    let mut approved = submit(s, Channel::Portal);
    drive_until(s, &mut approved, ResultKind::Positive, StepAction::Dispatch);
    step(
        s,
        &mut approved,
        ResultKind::Positive,
        at("2026-12-20T10:00"),
    );
    assert_eq!(approved.holder.as_ref().unwrap().action, StepAction::Issue);
    step(
        s,
        &mut approved,
        ResultKind::Positive,
        at("2026-12-21T10:00"),
    );
    assert_eq!(approved.status, Status::Issued);
    assert_eq!(completed_steps(&approved), vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn a_portal_result_reaches_the_cabinet_without_a_collectors_iin() {
    let s = CATALOG.get("krg-34-17-patronage-allowance").unwrap();
    let mut app = submit(s, Channel::Portal);
    drive_until(s, &mut app, ResultKind::Positive, StepAction::Dispatch);
    assert_eq!(
        app.step, 4,
        "the route's closing issue is the cabinet's delivery"
    );
    let clerk = Performer::new("clerk", OrgKind::Provider, Role::Clerk);
    let collector = Transition::Complete(StepOutput::Issued {
        recipient: applicant_iin(),
    });
    assert!(
        app.apply(s, &clerk, at("2026-12-20T10:00"), collector, &DEADLINES)
            .is_err()
    );
    app.apply(
        s,
        &clerk,
        at("2026-12-20T10:00"),
        Transition::Complete(StepOutput::Done),
        &DEADLINES,
    )
    .unwrap();
    assert_eq!(app.status, Status::Issued);
    assert!(
        app.history.iter().all(|e| !e.what.is_issue()),
        "nobody collected it"
    );
    app.check_history(s).unwrap();
}

#[test]
fn a_notice_is_no_decision_and_results_keep_to_their_channels() {
    for id in [
        "zhb-133-adoption-registration",
        "krg-34-18-adoption-registration",
    ] {
        let s = CATALOG.get(id).unwrap();
        let notice = s
            .results
            .iter()
            .find(|r| r.kind == ResultKind::Notice)
            .unwrap();
        assert_eq!(notice.channels, vec![Channel::Portal], "{id}");
        let mut app = submit(s, Channel::ProviderOffice);
        drive_until(s, &mut app, ResultKind::Positive, StepAction::Execute);
        let t = Transition::Complete(StepOutput::Decided(Decision::Approve {
            result: notice.id.clone(),
        }));
        let by = Performer::new("s", OrgKind::Provider, Role::Specialist);
        let err = app
            .apply(s, &by, at("2026-11-25T10:00"), t, &DEADLINES)
            .unwrap_err();
        assert!(err.to_string().contains("not a result"), "{id}: {err}");
    }
    // A positive result an administrator ties to the portal is refused at the office.
    let text =
        std::fs::read_to_string("catalog/services/krg-37-03-active-employment-referral.toml")
            .unwrap();
    let anchor = "id = \"youth_practice_referral\"\n";
    assert!(text.contains(anchor));
    let tied = text.replacen(anchor, &format!("{anchor}channels = [\"portal\"]\n"), 1);
    let s = Service::from_toml("a.toml", &tied).unwrap_or_else(|e| panic!("{e}"));
    let mut app = submit(&s, Channel::ProviderOffice);
    drive_until(&s, &mut app, ResultKind::Positive, StepAction::Execute);
    let before = app.clone();
    let t = Transition::Complete(StepOutput::Decided(Decision::Approve {
        result: "youth_practice_referral".into(),
    }));
    let by = Performer::new("s", OrgKind::Provider, Role::Specialist);
    let err = app
        .apply(&s, &by, at("2026-11-25T10:00"), t, &DEADLINES)
        .unwrap_err();
    assert!(
        matches!(err, TransitionError::ResultNotOnChannel { .. }),
        "{err}"
    );
    assert_eq!(app, before);
    // Every channel keeps a positive result.
    let only = text.replace(
        "kind = \"positive\"\n",
        "kind = \"positive\"\nchannels = [\"portal\"]\n",
    );
    let err = Service::from_toml("a.toml", &only).unwrap_err().to_string();
    assert!(
        err.contains("no positive result for channel provider_office"),
        "{err}"
    );
}

#[test]
fn catalog_check_keeps_notices_on_the_portal_and_visits_on_portal_routes() {
    let text =
        std::fs::read_to_string("catalog/services/zhb-133-adoption-registration.toml").unwrap();
    let office_notice = text.replacen(
        "channels = [\"portal\"]\n",
        "channels = [\"provider_office\"]\n",
        1,
    );
    let err = Service::from_toml("z.toml", &office_notice)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("result portal_notification: a notice is the portal's"),
        "{err}"
    );
    let office_visit = text.replacen(
        "action = \"issue\"\nproduces_ru = \"заключение выдано",
        "action = \"issue\"\nvisit = true\nproduces_ru = \"заключение выдано",
        1,
    );
    assert_ne!(office_visit, text);
    let err = Service::from_toml("z.toml", &office_visit)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "route default step 5: visit is the closing issue of a route for the portal alone"
        ),
        "{err}"
    );
}

// ---- the catalogue's audit classes (issue 13, "one text, one action, everywhere")

/// A step's words without its norm: letters only, folded.
fn words(quote: &str) -> String {
    qyzmet::domain::catalog::fold(quote)
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect()
}

fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

#[test]
fn one_text_is_one_action_by_one_actor_everywhere() {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<String, (String, StepAction, qyzmet::domain::roles::Actor)> =
        BTreeMap::new();
    let mut problems = Vec::new();
    for s in CATALOG.iter() {
        for r in &s.routes {
            for st in &r.steps {
                // The words without the norm: its digits and "(пятнадцати)" differ.
                let key = words(&without_parentheses(&st.quote));
                if key.chars().count() < 30 {
                    continue;
                }
                let here = (format!("{} {}", s.id, r.id), st.action, st.actor());
                match seen.get(&key) {
                    Some((there, action, actor)) if (*action, *actor) != (here.1, here.2) => {
                        problems.push(format!(
                            "{there}: {action} by {actor}, {}: {} by {}",
                            here.0, here.1, here.2
                        ))
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, here);
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // "прием, регистрацию" and "прием и их регистрацию" are a registration.
    for s in CATALOG.iter() {
        for r in &s.routes {
            for st in &r.steps {
                let q = words(&st.quote);
                if q.contains("регистрац") && q.contains("прием") {
                    assert_eq!(
                        st.action,
                        StepAction::Register,
                        "{} {}: {}",
                        s.id,
                        r.id,
                        st.quote
                    );
                }
                if q.contains("специалистаппаратаакима") {
                    assert_eq!(st.role, Role::Specialist, "{} {}", s.id, r.id);
                }
            }
        }
    }
}

#[test]
fn every_condition_one_is_recorded_as_what_it_checks() {
    use qyzmet::domain::catalog::OperatorStepKind;
    for s in CATALOG.iter() {
        for o in &s.operator_steps {
            let q = words(&o.quote);
            if !q.starts_with("условие") || q.contains("услугодател") {
                continue;
            }
            let expected = if q.contains("енис") {
                OperatorStepKind::GbdFlEnisCheck
            } else {
                OperatorStepKind::GbdFlCheck
            };
            assert_eq!(o.kind, expected, "{}: {}", s.id, o.quote);
        }
        // Where the centre asks ГБД ФЛ (process 3), condition 1 is recorded.
        let kinds: Vec<_> = s.operator_steps.iter().map(|o| o.kind).collect();
        if kinds.contains(&OperatorStepKind::GbdFlLookup) {
            assert!(
                kinds.contains(&OperatorStepKind::GbdFlCheck)
                    || kinds.contains(&OperatorStepKind::GbdFlEnisCheck),
                "{}",
                s.id
            );
            assert!(kinds.contains(&OperatorStepKind::DocumentCheck), "{}", s.id);
        }
    }
}

#[test]
fn forms_are_recorded_as_written_and_inferred_result_forms_say_so() {
    use qyzmet::domain::catalog::ServiceForm;
    // "электронная и (или) бумажная" (001:323) says nothing of automation.
    let s = CATALOG.get(GUARDIANSHIP).unwrap();
    assert_eq!(s.form, vec![ServiceForm::Electronic, ServiceForm::Paper]);
    assert!(!s.result_form_inferred);
    let s = CATALOG.get("krg-37-03-active-employment-referral").unwrap();
    assert!(s.result_form_inferred);
}

// ---- the result's receipt at the State Corporation's centre (000:125-135)

/// Every State Corporation result, approved or refused, is marked as received
/// at the centre once, after the provider's hand-over and before the one
/// issue; `check` replays it, and refuses a history with a second mark, a
/// mark before the hand-over, or one made by someone other than the centre.
#[test]
fn the_centre_marks_each_result_received_once_before_it_issues_it() {
    let operator = Performer::new("op", OrgKind::StateCorp, Role::Operator);
    let mut checked = 0;
    for s in CATALOG
        .iter()
        .filter(|s| !s.excluded && s.channels.contains(&Channel::StateCorp))
    {
        for outcome in [ResultKind::Positive, ResultKind::Refusal] {
            let mut app = submit(s, Channel::StateCorp);
            let mut now = at("2026-11-23T10:00");
            while app.status == Status::InProgress {
                now += chrono::Duration::minutes(30);
                step(s, &mut app, outcome, now);
            }
            assert_eq!(app.status, Status::ResultReady, "{}", s.id);
            let issue = Transition::Issue {
                recipient: applicant_iin(),
            };
            let before = app.clone();
            let early = app.apply(s, &operator, now, issue.clone(), &DEADLINES);
            assert_eq!(
                early,
                Err(TransitionError::Invalid(Unfit::NotReceivedYet)),
                "{}",
                s.id
            );
            assert_eq!(app, before);
            let blank = Transition::Receive { mark: " ".into() };
            assert!(app.apply(s, &operator, now, blank, &DEADLINES).is_err());
            let clerk = Performer::new("cl", OrgKind::Provider, Role::Clerk);
            let mark = Transition::Receive {
                mark: "Журнал получения, запись 7".into(),
            };
            assert!(app.apply(s, &clerk, now, mark.clone(), &DEADLINES).is_err());
            assert_eq!(app, before);
            app.apply(s, &operator, now, mark.clone(), &DEADLINES)
                .unwrap();
            let twice = app.apply(s, &operator, now, mark, &DEADLINES);
            assert_eq!(twice, Err(TransitionError::Invalid(Unfit::AlreadyReceived)));
            let Some(EventKind::ResultReceived { mark, outgoing }) =
                app.history.last().map(|e| &e.what)
            else {
                panic!("{}: no receipt recorded", s.id);
            };
            assert_eq!(mark, "Журнал получения, запись 7");
            assert_eq!(outgoing.as_deref(), app.numbers.last().map(String::as_str));
            app.check_history(s).unwrap();
            app.check_invariants(s).unwrap();
            app.apply(s, &operator, now, issue, &DEADLINES).unwrap();
            assert_eq!(app.history.iter().filter(|e| e.what.is_issue()).count(), 1);
            app.check_history(s).unwrap();

            // Histories the engine would not write are caught by check.
            let receipt = app.history.len() - 2;
            let mut twice = app.clone();
            twice.history.insert(receipt, app.history[receipt].clone());
            assert!(twice.check_history(s).is_err(), "{}: marked twice", s.id);
            let mut early = app.clone();
            let moved = early.history.remove(receipt);
            early.history.insert(1, moved);
            assert!(
                early.check_history(s).is_err(),
                "{}: before hand-over",
                s.id
            );
            let mut wrong = app.clone();
            wrong.history[receipt].actor = clerk.actor;
            assert!(wrong.check_history(s).is_err(), "{}: by the provider", s.id);
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
    // A result the applicant collects at the provider is never "received".
    let s = CATALOG.get("krg-37-03-child-benefit").unwrap();
    let mut own = submit(s, Channel::ProviderOffice);
    let mark = Transition::Receive {
        mark: "запись 1".into(),
    };
    let clerk = Performer::new("cl", OrgKind::Provider, Role::Clerk);
    let r = own.apply(s, &clerk, at("2026-12-20T10:00"), mark, &DEADLINES);
    assert_eq!(r, Err(TransitionError::Invalid(Unfit::ReceiptOnlyAtCentre)));
}

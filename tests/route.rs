//! The route engine on real catalogue services.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::catalog_files;
use qyzmet::domain::catalog::{Catalog, Channel, Service, StepAction};
use qyzmet::domain::iin::{Iin, Sex};
use qyzmet::domain::roles::{Actor, OrgKind, Role};
use qyzmet::domain::route::{
    Applicant, Application, Deadlines, Decision, Intake, Performer, RefusalGround, Status,
    StepOutput, SubmitError, Transition, TransitionError,
};
use qyzmet::domain::unfit::Unfit;

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| catalog_files::embedded().unwrap());
static DEADLINES: LazyLock<Deadlines> =
    LazyLock::new(|| Deadlines::new(catalog_files::calendar(None).unwrap()));

fn catalog() -> &'static Catalog {
    &CATALOG
}

fn deadlines() -> &'static Deadlines {
    &DEADLINES
}

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

fn applicant() -> Applicant {
    Applicant {
        iin: applicant_iin(),
        name: "Ахметова Айгерим Серикқызы".into(),
        phone: Some("+7 701 123 45 67".into()),
        representative: None,
    }
}

fn all_documents(s: &Service) -> Vec<String> {
    s.documents.iter().map(|d| d.id.clone()).collect()
}

fn operator() -> Performer {
    Performer::new("op1", OrgKind::StateCorp, Role::Operator)
}
fn clerk() -> Performer {
    Performer::new("clerk1", OrgKind::Provider, Role::Clerk)
}
fn head() -> Performer {
    Performer::new("head1", OrgKind::Provider, Role::Head)
}
fn specialist(login: &str) -> Performer {
    Performer::new(login, OrgKind::Provider, Role::Specialist)
}

fn submit(
    s: &Service,
    channel: Channel,
    by: &Performer,
    docs: Vec<String>,
) -> Result<Application, SubmitError> {
    Application::submit(
        Intake {
            id: "KRG-SC-2026-000001".into(),
            service: s,
            channel,
            applicant: applicant(),
            documents: docs,
            expired: Vec::new(),
            power: Default::default(),
            call: None,
        },
        by,
        at("2026-11-23T10:00"),
        deadlines(),
    )
}

#[test]
fn a_guardian_allowance_goes_the_whole_route() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    let d = deadlines();
    let mut app = submit(s, Channel::StateCorp, &operator(), all_documents(s)).unwrap();
    assert_eq!(app.status, Status::InProgress);
    assert_eq!(app.current_step(s).unwrap().action, StepAction::Register);
    // 15 minutes at the provider.
    assert_eq!(app.step_due, Some(at("2026-11-23T10:15")));
    // 15 min + 1 wd + 6 wd + 1 wd chained: Thursday 3 December, 18:30; the
    // last 15 minutes run from Friday's opening.
    assert_eq!(app.overall_due, Some(at("2026-12-04T09:15")));

    let t = |app: &mut Application, by: &Performer, when: &str, tr: Transition| {
        app.apply(s, by, at(when), tr, d)
    };
    t(
        &mut app,
        &clerk(),
        "2026-11-23T10:05",
        Transition::Complete(StepOutput::Registered {
            number: "KRG-ED-2026-000123".into(),
        }),
    )
    .unwrap();
    assert_eq!(app.holder.as_ref().unwrap().actor.role, Role::Head);
    assert_eq!(app.step_due, Some(at("2026-11-24T18:30")));
    // The clerk cannot assign: that is the head's step.
    let err = t(
        &mut app,
        &clerk(),
        "2026-11-23T10:06",
        Transition::Complete(StepOutput::Assigned {
            specialist: "spec1".into(),
            resolution: "Рассмотреть".into(),
        }),
    )
    .unwrap_err();
    assert!(matches!(err, TransitionError::WrongActor { .. }));
    t(
        &mut app,
        &head(),
        "2026-11-23T11:00",
        Transition::Complete(StepOutput::Assigned {
            specialist: "spec1".into(),
            resolution: "Рассмотреть в установленный срок".into(),
        }),
    )
    .unwrap();
    assert_eq!(app.holder.as_ref().unwrap().login.as_deref(), Some("spec1"));
    // Another specialist cannot take the decision.
    let approve = Transition::Complete(StepOutput::Decided(Decision::Approve {
        result: "allowance_decision".into(),
    }));
    assert_eq!(
        t(
            &mut app,
            &specialist("spec2"),
            "2026-11-24T10:00",
            approve.clone()
        ),
        Err(TransitionError::NotAssignee("spec1".into()))
    );
    // An unknown result kind is refused.
    assert!(matches!(
        t(
            &mut app,
            &specialist("spec1"),
            "2026-11-24T10:00",
            Transition::Complete(StepOutput::Decided(Decision::Approve {
                result: "medal".into()
            }))
        ),
        Err(TransitionError::UnknownResult(_))
    ));
    t(
        &mut app,
        &specialist("spec1"),
        "2026-11-24T10:00",
        approve.clone(),
    )
    .unwrap();
    // The head returns the draft with a comment: back to the specialist.
    let execute = 2;
    assert!(
        t(
            &mut app,
            &head(),
            "2026-11-24T12:00",
            Transition::Return {
                to_step: execute,
                comment: " ".into()
            }
        )
        .is_err()
    );
    t(
        &mut app,
        &head(),
        "2026-11-24T12:00",
        Transition::Return {
            to_step: execute,
            comment: "Уточнить реквизиты банковского счета".into(),
        },
    )
    .unwrap();
    assert_eq!(app.decision, None);
    assert_eq!(app.step, execute);
    assert_eq!(app.holder.as_ref().unwrap().login.as_deref(), Some("spec1"));
    t(&mut app, &specialist("spec1"), "2026-11-24T15:00", approve).unwrap();
    t(
        &mut app,
        &head(),
        "2026-11-24T16:00",
        Transition::Complete(StepOutput::Done),
    )
    .unwrap();
    t(
        &mut app,
        &clerk(),
        "2026-11-24T16:30",
        Transition::Complete(StepOutput::Registered {
            number: "KRG-ED-OUT-2026-000045".into(),
        }),
    )
    .unwrap();
    // Back at the State Corporation: ready to issue to the applicant only.
    assert_eq!(app.status, Status::ResultReady);
    assert_eq!(
        app.holder.as_ref().unwrap().actor,
        Actor {
            org: OrgKind::StateCorp,
            role: Role::Operator
        }
    );
    // The centre issues only what it has marked as received.
    let before = app.clone();
    assert_eq!(
        t(
            &mut app,
            &operator(),
            "2026-11-25T09:00",
            Transition::Issue {
                recipient: applicant_iin(),
            }
        ),
        Err(TransitionError::Invalid(Unfit::NotReceivedYet))
    );
    assert_eq!(app, before);
    receive(s, &mut app, "2026-11-25T09:05");
    let stranger =
        Iin::compose(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(), Sex::Male, 1).unwrap();
    assert_eq!(
        t(
            &mut app,
            &operator(),
            "2026-11-25T10:00",
            Transition::Issue {
                recipient: stranger
            }
        ),
        Err(TransitionError::WrongRecipient(stranger))
    );
    t(
        &mut app,
        &operator(),
        "2026-11-25T10:00",
        Transition::Issue {
            recipient: applicant_iin(),
        },
    )
    .unwrap();
    assert_eq!(app.status, Status::Issued);
    assert_eq!(app.numbers.len(), 2);
    app.check_invariants(s).unwrap();
    // Closed: nothing more.
    assert_eq!(
        t(
            &mut app,
            &operator(),
            "2026-11-25T10:05",
            Transition::Withdraw { reason: "x".into() }
        ),
        Err(TransitionError::Closed(Status::Issued))
    );
}

#[test]
fn missing_documents_refuse_the_intake() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    let app = submit(
        s,
        Channel::StateCorp,
        &operator(),
        vec!["application".into()],
    )
    .unwrap();
    assert_eq!(app.status, Status::RefusedAtIntake);
    let missing = app.missing_documents().unwrap();
    assert!(missing.contains(&"identity_document".to_string()));
    assert!(
        !missing.contains(&"bank_account".to_string()),
        "optional documents are not missing"
    );
    app.check_invariants(s).unwrap();
}

#[test]
fn intake_is_for_the_channels_counter_and_the_services_channels() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    assert!(matches!(
        submit(s, Channel::StateCorp, &clerk(), all_documents(s)),
        Err(SubmitError::WrongActor { .. })
    ));
    assert!(matches!(
        submit(s, Channel::RuralAkim, &operator(), all_documents(s)),
        Err(SubmitError::Channel { .. })
    ));
    assert!(matches!(
        submit(
            s,
            Channel::StateCorp,
            &operator(),
            vec!["passport_of_mars".into()]
        ),
        Err(SubmitError::UnknownDocument(_))
    ));
    let excluded = cat.iter().find(|s| s.excluded).unwrap();
    assert!(matches!(
        submit(excluded, Channel::StateCorp, &operator(), vec![]),
        Err(SubmitError::Excluded(_))
    ));
}

#[test]
fn a_refusal_travels_the_rest_of_the_route() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    let d = deadlines();
    let mut app = submit(s, Channel::ProviderOffice, &clerk(), all_documents(s)).unwrap();
    let mut go = |by: Performer, out: StepOutput| {
        app.apply(s, &by, at("2026-11-23T12:00"), Transition::Complete(out), d)
    };
    go(clerk(), StepOutput::Registered { number: "1".into() }).unwrap();
    go(
        head(),
        StepOutput::Assigned {
            specialist: "spec1".into(),
            resolution: "".into(),
        },
    )
    .unwrap();
    // A refusal without reasons is not a motivated refusal.
    assert!(
        go(
            specialist("spec1"),
            StepOutput::Decided(Decision::Refuse {
                ground: RefusalGround::RequirementsNotMet,
                text: "".into()
            })
        )
        .is_err()
    );
    go(
        specialist("spec1"),
        StepOutput::Decided(Decision::Refuse {
            ground: RefusalGround::RequirementsNotMet,
            text: "Ребенок не относится к категории детей, оставшихся без попечения родителей"
                .into(),
        }),
    )
    .unwrap();
    go(head(), StepOutput::Done).unwrap();
    go(clerk(), StepOutput::Done).unwrap();
    assert_eq!(app.status, Status::ResultReady);
    assert_eq!(
        app.outcome(),
        Some(qyzmet::domain::catalog::ResultKind::Refusal)
    );
}

#[test]
fn portal_applications_close_when_the_result_reaches_the_cabinet() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    let mut app = submit(s, Channel::Portal, &clerk(), all_documents(s)).unwrap();
    provider_route(s, &mut app, "allowance_decision", StepOutput::Done);
    assert_eq!(app.status, Status::Issued);
}

#[test]
fn withdrawal_closes_with_the_reason() {
    let cat = catalog();
    let s = cat.get("krg-34-17-guardian-allowance").unwrap();
    let d = deadlines();
    let mut app = submit(s, Channel::StateCorp, &operator(), all_documents(s)).unwrap();
    assert!(
        app.apply(
            s,
            &head(),
            at("2026-11-23T12:00"),
            Transition::Withdraw {
                reason: "передумала".into()
            },
            d
        )
        .is_err()
    );
    app.apply(
        s,
        &operator(),
        at("2026-11-23T12:00"),
        Transition::Withdraw {
            reason: "по заявлению".into(),
        },
        d,
    )
    .unwrap();
    assert_eq!(app.status, Status::Withdrawn);
    app.check_invariants(s).unwrap();
}

#[test]
fn the_rural_akim_route_starts_at_the_akim_office() {
    let cat = catalog();
    let s = cat.get("krg-37-03-targeted-social-assistance").unwrap();
    let akim_clerk = Performer::new("akim1", OrgKind::AkimOffice, Role::Clerk);
    let app = submit(s, Channel::RuralAkim, &akim_clerk, all_documents(s)).unwrap();
    assert_eq!(app.route, "via_rural_akim");
    assert_eq!(app.holder.as_ref().unwrap().actor.org, OrgKind::AkimOffice);
}

// ---- returns and binding (issue 13 item 6)

#[test]
fn the_akim_may_return_from_signing_the_cover_letter_as_a_head_from_signing() {
    // "аким сельского округа подписывает сопроводительное письмо" (003:163) is
    // `forward` in TSA: a reviewing step the text gives the akim, returnable as
    // fuel-aid's identical `sign` is.
    let cat = catalog();
    let s = cat.get("krg-37-03-targeted-social-assistance").unwrap();
    let akim_clerk = Performer::new("akim-clerk", OrgKind::AkimOffice, Role::Clerk);
    let akim = Performer::new("akim", OrgKind::AkimOffice, Role::Head);
    let akim_specialist = Performer::new("akim-sp", OrgKind::AkimOffice, Role::Specialist);
    let mut app = submit(s, Channel::RuralAkim, &akim_clerk, all_documents(s)).unwrap();
    let d = deadlines();
    // "специалист аппарата акима … осуществляет прием и их регистрацию" (003:148).
    let steps = [
        (
            &akim_specialist,
            StepOutput::Registered {
                number: "A-1".into(),
            },
        ),
        (
            &akim,
            StepOutput::Assigned {
                specialist: "akim-sp".into(),
                resolution: "Подготовить письмо".into(),
            },
        ),
    ];
    for (by, out) in steps {
        app.apply(s, by, at("2026-11-23T11:00"), Transition::Complete(out), d)
            .unwrap();
    }
    // The specialist's review is not a head's: it cannot be returned.
    let back = |comment: &str| Transition::Return {
        to_step: 1,
        comment: comment.into(),
    };
    let err = app
        .apply(s, &akim_specialist, at("2026-11-23T12:00"), back("x"), d)
        .unwrap_err();
    assert!(matches!(err, TransitionError::WrongStep { .. }), "{err}");
    let t = Transition::Complete(StepOutput::Done);
    app.apply(s, &akim_specialist, at("2026-11-24T10:00"), t, d)
        .unwrap();
    assert_eq!(app.holder.as_ref().unwrap().action, StepAction::Forward);
    let to_review = Transition::Return {
        to_step: 2,
        comment: "Приложить акт".into(),
    };
    app.apply(s, &akim, at("2026-11-24T11:00"), to_review, d)
        .unwrap();
    assert_eq!(app.step, 2);
    // Back with the specialist who was assigned.
    assert_eq!(app.holder.as_ref().unwrap().actor, akim_specialist.actor);
    app.check_invariants(s).unwrap();
    app.check_history(s).unwrap();
}

/// The guardian allowance with an inspection by the specialist after the
/// assignment (as item 7's entries will have), and `returnable` as given.
fn with_inspection(returnable_on_inspect: bool) -> Result<Service, String> {
    let text =
        std::fs::read_to_string("catalog/services/krg-34-17-guardian-allowance.toml").unwrap();
    let assign = "action = \"assign\"";
    let at = text.find(assign).unwrap();
    let next = at + text[at..].find("[[routes.steps]]").unwrap();
    let flag = if returnable_on_inspect {
        "returnable = true\n"
    } else {
        ""
    };
    let inspect = format!(
        "[[routes.steps]]\norg = \"provider\"\nrole = \"specialist\"\naction = \"inspect\"\n{flag}\
         produces_ru = \"акт обследования\"\nproduces_en = \"act of inspection\"\nquote = \"обследование\"\n\n"
    );
    let text = format!("{}{inspect}{}", &text[..next], &text[next..]);
    Service::from_toml("guardian.toml", &text).map_err(|e| e.to_string())
}

#[test]
fn an_inspection_is_bound_to_the_assigned_specialist_as_the_decision_is() {
    let s = with_inspection(false).unwrap();
    let d = deadlines();
    let mut app = submit(&s, Channel::StateCorp, &operator(), all_documents(&s)).unwrap();
    for (by, out) in provider_steps("allowance_decision").into_iter().take(2) {
        app.apply(
            &s,
            &by,
            at("2026-11-23T12:00"),
            Transition::Complete(out),
            d,
        )
        .unwrap();
    }
    let holder = app.holder.clone().unwrap();
    assert_eq!(holder.action, StepAction::Inspect);
    assert_eq!(holder.login.as_deref(), Some("s"));
    let act = || {
        Transition::Complete(StepOutput::Report {
            text: "Условия проживания удовлетворительные".into(),
        })
    };
    let err = app
        .apply(&s, &specialist("other"), at("2026-11-23T13:00"), act(), d)
        .unwrap_err();
    assert_eq!(err, TransitionError::NotAssignee("s".into()));
    app.apply(&s, &specialist("s"), at("2026-11-23T13:00"), act(), d)
        .unwrap();
    assert_eq!(app.holder.as_ref().unwrap().action, StepAction::Execute);
    app.check_history(&s).unwrap();
}

#[test]
fn catalog_check_allows_returns_only_from_a_heads_reviewing_step() {
    let err = with_inspection(true).unwrap_err();
    assert!(
        err.contains("route default step 3: only a head's reviewing step"),
        "{err}"
    );
    // Every head's sign and the akims' cover letters are returnable in the catalogue.
    for s in catalog().iter() {
        for r in &s.routes {
            for st in &r.steps {
                let reviewing = matches!(st.action, StepAction::Sign | StepAction::Forward);
                assert_eq!(
                    st.returnable,
                    reviewing && st.role == Role::Head,
                    "{} {}",
                    s.id,
                    r.id
                );
            }
        }
    }
}

// ---- property test: any sequence of transitions keeps the application consistent

const ACTORS: [(OrgKind, Role); 7] = [
    (OrgKind::StateCorp, Role::Operator),
    (OrgKind::Provider, Role::Clerk),
    (OrgKind::Provider, Role::Head),
    (OrgKind::Provider, Role::Specialist),
    (OrgKind::AkimOffice, Role::Clerk),
    (OrgKind::AkimOffice, Role::Head),
    (OrgKind::AkimOffice, Role::Specialist),
];
const LOGINS: [&str; 3] = ["a", "b", "c"];

#[derive(Debug, Clone)]
struct Move {
    actor: usize,
    login: usize,
    kind: u8,
    pick: usize,
    minutes: i64,
    blank: bool,
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    prop::collection::vec(
        (
            0..ACTORS.len() + 2,
            0..LOGINS.len(),
            0u8..13,
            0usize..8,
            0i64..3000,
            prop::bool::weighted(0.1),
        )
            .prop_map(|(actor, login, kind, pick, minutes, blank)| Move {
                actor,
                login,
                kind,
                pick,
                minutes,
                blank,
            }),
        1..40,
    )
}

/// Biases the actor towards whoever holds the application, so runs get far.
fn performer(app: &Application, m: &Move) -> Performer {
    let actor = match (m.actor, &app.holder) {
        (i, Some(h)) if i >= ACTORS.len() => (h.actor.org, h.actor.role),
        (i, _) => ACTORS[i % ACTORS.len()],
    };
    let login = match (&app.holder, m.login) {
        (Some(h), 0) if h.login.is_some() => h.login.clone().unwrap(),
        _ => LOGINS[m.login].to_string(),
    };
    Performer::new(&login, actor.0, actor.1)
}

fn transition(s: &Service, app: &Application, m: &Move) -> Transition {
    let text = if m.blank { "" } else { "текст" };
    let other = Iin::compose(NaiveDate::from_ymd_opt(1999, 9, 9).unwrap(), Sex::Male, 7).unwrap();
    let recipient = if m.pick == 7 {
        other
    } else {
        app.applicant.iin
    };
    match m.kind {
        0 => Transition::Complete(StepOutput::Done),
        1 => Transition::Complete(StepOutput::Registered {
            number: text.into(),
        }),
        2 => Transition::Complete(StepOutput::Assigned {
            specialist: LOGINS[m.pick % 3].into(),
            resolution: text.into(),
        }),
        3 => Transition::Complete(StepOutput::Report { text: text.into() }),
        4 | 5 => {
            let positive: Vec<_> = s.positive_results().collect();
            let result = if m.pick == 7 {
                "nonsense".into()
            } else {
                positive[m.pick % positive.len()].id.clone()
            };
            Transition::Complete(StepOutput::Decided(Decision::Approve { result }))
        }
        6 => Transition::Complete(StepOutput::Decided(Decision::Refuse {
            ground: RefusalGround::ALL[m.pick % 4],
            text: text.into(),
        })),
        7 => Transition::Complete(StepOutput::Issued { recipient }),
        8 => Transition::Return {
            to_step: m.pick,
            comment: text.into(),
        },
        9 => Transition::Withdraw {
            reason: text.into(),
        },
        10 => Transition::Issue { recipient },
        11 => Transition::Receive { mark: text.into() },
        _ => Transition::RefuseIntake {
            missing: if m.blank {
                vec![]
            } else {
                vec!["application".into()]
            },
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_sequence_keeps_the_application_consistent(service in 0usize..30, channel in 0usize..4, moves in moves()) {
        let cat = catalog();
        let d = deadlines();
        let active: Vec<&Service> = cat.iter().filter(|s| !s.excluded).collect();
        let s = active[service % active.len()];
        let channel = s.channels[channel % s.channels.len()];
        let by = Performer {
            login: "intake".into(),
            actor: qyzmet::domain::route::intake_actor(channel),
        };
        let mut app = submit(s, channel, &by, all_documents(s)).unwrap();
        app.check_invariants(s).map_err(TestCaseError::fail)?;
        let mut now = at("2026-11-23T10:00");
        for m in &moves {
            now += chrono::Duration::minutes(m.minutes);
            let before = app.clone();
            let p = performer(&app, m);
            let t = transition(s, &app, m);
            match app.apply(s, &p, now, t.clone(), d) {
                Ok(()) => {
                    prop_assert_eq!(app.version, before.version + 1);
                    prop_assert!(!before.status.is_closed());
                }
                Err(e) => {
                    prop_assert_eq!(&app, &before, "failed {:?} changed the application: {}", t, e);
                }
            }
            app.check_invariants(s).map_err(|e| TestCaseError::fail(format!("{e} after {t:?}")))?;
            app.check_history(s).map_err(|e| TestCaseError::fail(format!("history: {e} after {t:?}")))?;
        }
    }
}

#[test]
fn a_providers_closing_issue_hands_a_state_corp_result_to_the_counter() {
    // "работник канцелярии услугодателя регистрирует уведомления ... и выдает
    // услугополучателю" (003:142-144) is the provider's own issue only where the
    // applicant came to the provider; a State Corporation applicant gets the
    // result "через работника ГК" (003:320-323).
    let cat = catalog();
    let s = cat.get("krg-37-03-targeted-social-assistance").unwrap();
    let issued = || StepOutput::Issued {
        recipient: applicant_iin(),
    };
    let mut own = submit(s, Channel::ProviderOffice, &clerk(), all_documents(s)).unwrap();
    provider_route(s, &mut own, "assistance_notice", issued());
    assert_eq!(own.status, Status::Issued);
    assert_eq!(issues(&own), 1);

    let mut app = submit(s, Channel::StateCorp, &operator(), all_documents(s)).unwrap();
    let sent = StepOutput::Registered {
        number: "KRG-ED-OUT-2026-000007".into(),
    };
    provider_route(s, &mut app, "assistance_notice", sent);
    assert_eq!(app.status, Status::ResultReady);
    let holder = app.holder.clone().unwrap();
    assert_eq!(
        holder.actor,
        qyzmet::domain::route::intake_actor(Channel::StateCorp)
    );
    assert_eq!(holder.action, StepAction::Receive);
    assert_eq!(app.numbers.last().unwrap(), "KRG-ED-OUT-2026-000007");
    assert_eq!(issues(&app), 0, "the provider issued nothing");
    receive(s, &mut app, "2026-11-24T09:30");
    assert_eq!(app.holder.as_ref().unwrap().action, StepAction::Issue);
    app.apply(
        s,
        &operator(),
        at("2026-11-24T10:00"),
        Transition::Issue {
            recipient: applicant_iin(),
        },
        deadlines(),
    )
    .unwrap();
    assert_eq!(app.status, Status::Issued);
    assert_eq!(issues(&app), 1);
}

#[test]
fn the_hand_over_to_the_counter_is_not_an_issue_and_needs_its_outgoing_number() {
    let cat = catalog();
    let s = cat.get("krg-37-03-targeted-social-assistance").unwrap();
    let mut app = submit(s, Channel::StateCorp, &operator(), all_documents(s)).unwrap();
    let steps = provider_steps("assistance_notice");
    for (by, out) in steps.into_iter().take(4) {
        let t = Transition::Complete(out);
        app.apply(s, &by, at("2026-11-23T12:00"), t, deadlines())
            .unwrap();
    }
    assert_eq!(app.holder.as_ref().unwrap().action, StepAction::Dispatch);
    let before = app.clone();
    for wrong in [
        StepOutput::Issued {
            recipient: applicant_iin(),
        },
        StepOutput::Done,
        StepOutput::Registered { number: " ".into() },
    ] {
        let t = Transition::Complete(wrong);
        assert!(
            app.apply(s, &clerk(), at("2026-11-23T12:05"), t, deadlines())
                .is_err()
        );
        assert_eq!(app, before);
    }
}

/// Issue events in a history: the counter's and any step completed as `issue`.
fn issues(app: &Application) -> usize {
    app.history.iter().filter(|e| e.what.is_issue()).count()
}

/// What the holder's step needs to complete with an approval.
fn output_for(s: &Service, app: &Application) -> StepOutput {
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
        StepAction::Execute => StepOutput::Decided(Decision::Approve {
            result: s.positive_results().next().unwrap().id.clone(),
        }),
        StepAction::Issue => StepOutput::Issued {
            recipient: applicant_iin(),
        },
        StepAction::Accept | StepAction::Review | StepAction::Sign | StepAction::Forward => {
            StepOutput::Done
        }
        StepAction::Receive => unreachable!("the centre's receipt is no route step"),
    }
}

/// The centre marks the result handed to it as received (000:125-135).
fn receive(s: &Service, app: &mut Application, when: &str) {
    let t = Transition::Receive {
        mark: "Журнал, запись 12".into(),
    };
    app.apply(s, &operator(), at(when), t, deadlines()).unwrap();
}

#[test]
fn every_state_corp_application_is_issued_once_at_the_counter() {
    let cat = catalog();
    let mut checked = 0;
    for s in cat.iter().filter(|s| !s.excluded) {
        if !s.channels.contains(&Channel::StateCorp) {
            continue;
        }
        let mut app = submit(s, Channel::StateCorp, &operator(), all_documents(s)).unwrap();
        let mut now = at("2026-11-23T10:00");
        while app.status == Status::InProgress {
            let h = app.holder.clone().unwrap();
            let by = Performer {
                login: h.login.unwrap_or_else(|| "s".into()),
                actor: h.actor,
            };
            let t = Transition::Complete(output_for(s, &app));
            now += chrono::Duration::minutes(30);
            app.apply(s, &by, now, t, deadlines())
                .unwrap_or_else(|e| panic!("{}: {e}", s.id));
        }
        assert_eq!(app.status, Status::ResultReady, "{}", s.id);
        assert_eq!(issues(&app), 0, "{}: issued before the counter", s.id);
        let t = Transition::Receive {
            mark: "Журнал, запись 1".into(),
        };
        app.apply(s, &operator(), now, t, deadlines()).unwrap();
        let t = Transition::Issue {
            recipient: applicant_iin(),
        };
        app.apply(s, &operator(), now, t, deadlines()).unwrap();
        assert_eq!(issues(&app), 1, "{}", s.id);
        let last = app.history.last().unwrap();
        assert_eq!(last.actor.org, OrgKind::StateCorp, "{}", s.id);
        app.check_invariants(s).unwrap();
        app.check_history(s)
            .unwrap_or_else(|e| panic!("{}: {e}", s.id));
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} services take State Corporation applications"
    );
}

/// Drives the provider's five steps (register, assign, approve, sign, and a
/// last step completed with `last`) at one moment.
fn provider_route(s: &Service, app: &mut Application, result: &str, last: StepOutput) {
    let mut steps = provider_steps(result);
    steps.push((clerk(), last));
    for (by, out) in steps {
        app.apply(
            s,
            &by,
            at("2026-11-23T12:00"),
            Transition::Complete(out),
            deadlines(),
        )
        .unwrap();
    }
}

/// The provider's first four steps: register, assign, approve with `result`, sign.
fn provider_steps(result: &str) -> Vec<(Performer, StepOutput)> {
    vec![
        (clerk(), StepOutput::Done),
        (
            head(),
            StepOutput::Assigned {
                specialist: "s".into(),
                resolution: "r".into(),
            },
        ),
        (
            specialist("s"),
            StepOutput::Decided(Decision::Approve {
                result: result.into(),
            }),
        ),
        (head(), StepOutput::Done),
    ]
}

//! Report figures against a hand-computed scenario across Nauryz 2026
//! (Monday 23 March a holiday, Tuesday 24 and Wednesday 25 days off moved
//! from the weekend), and the fold of events in journal order against the
//! fold of one history after another.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use qyzmet::catalog_files;
use qyzmet::domain::calendar::SlaState;
use qyzmet::domain::catalog::{Catalog, Channel, Service};
use qyzmet::domain::iin::{Iin, Sex};
use qyzmet::domain::norm::{Norm, NormUnit};
use qyzmet::domain::report::{
    AppFacts, ComplianceReport, GroupBy, GroupKey, HolderKey, Period, ReportFold, StepTimes, Tally,
    elapsed, overdue,
};
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{
    Applicant, Application, Deadlines, Decision, Event, Intake, Performer, RefusalGround,
    StepOutput, Transition,
};

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| catalog_files::embedded().unwrap());
static DEADLINES: LazyLock<Deadlines> =
    LazyLock::new(|| Deadlines::new(catalog_files::calendar(None).unwrap()));
const SERVICE: &str = "krg-34-17-guardian-allowance";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn service() -> &'static Service {
    CATALOG.get(SERVICE).unwrap()
}

fn clerk() -> Performer {
    Performer::new("clerk1", OrgKind::Provider, Role::Clerk)
}
fn head() -> Performer {
    Performer::new("head1", OrgKind::Provider, Role::Head)
}
fn specialist() -> Performer {
    Performer::new("spec1", OrgKind::Provider, Role::Specialist)
}

fn submit(id: &str, when: &str, complete: bool) -> Application {
    let s = service();
    let documents = s
        .documents
        .iter()
        .filter(|d| complete || d.id == "application")
        .map(|d| d.id.clone())
        .collect();
    Application::submit(
        Intake {
            id: id.into(),
            service: s,
            channel: Channel::ProviderOffice,
            applicant: Applicant {
                iin: Iin::compose(
                    NaiveDate::from_ymd_opt(1985, 3, 14).unwrap(),
                    Sex::Female,
                    4321,
                )
                .unwrap(),
                name: "Ахметова Айгерим".into(),
                phone: None,
                representative: None,
            },
            documents,
            expired: Vec::new(),
            power: Default::default(),
            call: None,
        },
        &clerk(),
        at(when),
        &DEADLINES,
    )
    .unwrap()
}

fn act(app: &mut Application, by: Performer, when: &str, output: StepOutput) {
    app.apply(
        service(),
        &by,
        at(when),
        Transition::Complete(output),
        &DEADLINES,
    )
    .unwrap();
}

fn registered(n: &str) -> StepOutput {
    StepOutput::Registered { number: n.into() }
}

fn assigned() -> StepOutput {
    StepOutput::Assigned {
        specialist: "spec1".into(),
        resolution: "Рассмотреть".into(),
    }
}

/// A: every step on time but the last (30 minutes against 15); the decision
/// took 2 working days (7 calendar days) across Nauryz.
/// B: a motivated refusal decided a working day late (7 working days against 6).
/// C: refused at intake. D: withdrawn. E: still with the specialist, overdue.
fn scenario() -> Vec<Application> {
    let mut a = submit("A", "2026-03-19T10:00", true);
    act(&mut a, clerk(), "2026-03-19T10:10", registered("IN-1"));
    act(&mut a, head(), "2026-03-20T11:00", assigned());
    let approve = Decision::Approve {
        result: "allowance_decision".into(),
    };
    act(
        &mut a,
        specialist(),
        "2026-03-27T15:00",
        StepOutput::Decided(approve),
    );
    act(&mut a, head(), "2026-03-30T10:00", StepOutput::Done);
    act(&mut a, clerk(), "2026-03-30T10:30", registered("OUT-1"));

    let mut b = submit("B", "2026-03-20T09:30", true);
    act(&mut b, clerk(), "2026-03-20T09:40", registered("IN-2"));
    act(&mut b, head(), "2026-03-20T12:00", assigned());
    let refuse = Decision::Refuse {
        ground: RefusalGround::RequirementsNotMet,
        text: "Нет оснований".into(),
    };
    act(
        &mut b,
        specialist(),
        "2026-04-03T10:00",
        StepOutput::Decided(refuse),
    );
    act(&mut b, head(), "2026-04-03T11:00", StepOutput::Done);
    act(&mut b, clerk(), "2026-04-03T11:10", registered("OUT-2"));

    let c = submit("C", "2026-03-19T11:00", false);

    let mut d = submit("D", "2026-03-26T10:00", true);
    act(&mut d, clerk(), "2026-03-26T10:05", registered("IN-3"));
    let withdraw = Transition::Withdraw {
        reason: "передумала".into(),
    };
    d.apply(
        service(),
        &clerk(),
        at("2026-03-27T09:30"),
        withdraw,
        &DEADLINES,
    )
    .unwrap();

    let mut e = submit("E", "2026-03-26T11:00", true);
    act(&mut e, clerk(), "2026-03-26T11:05", registered("IN-4"));
    act(&mut e, head(), "2026-03-27T17:00", assigned());
    vec![a, b, c, d, e]
}

fn facts(app: &Application) -> AppFacts {
    AppFacts::of(app, "karaganda", "KRG-ED", "KRG-ED", None)
}

fn period() -> Period {
    Period::new(
        NaiveDate::from_ymd_opt(2026, 3, 19).unwrap(),
        NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(),
    )
    .unwrap()
}

fn one_history_after_another<'a>(apps: &[Application], period: Period) -> ReportFold<'a> {
    let mut fold = ReportFold::new(&CATALOG, &DEADLINES, period);
    for app in apps {
        let f = facts(app);
        for e in &app.history {
            fold.apply(&f, e);
        }
    }
    fold
}

fn row<'r>(
    report: &'r ComplianceReport,
    key: &GroupKey,
) -> &'r qyzmet::domain::report::ComplianceRow {
    report.rows.iter().find(|r| &r.key == key).unwrap()
}

fn step(n: usize) -> GroupKey {
    GroupKey::Step {
        service: SERVICE.into(),
        route: service()
            .route_for(Channel::ProviderOffice)
            .unwrap()
            .id
            .clone(),
        step: n,
    }
}

#[test]
fn figures_match_the_hand_computation() {
    let now = at("2026-04-07T10:00");
    let fold = one_history_after_another(&scenario(), period());
    let report = fold.report(now);
    // 19, 20, 26, 27, 30, 31 March and 1, 2, 3 April: Nauryz is not counted.
    assert_eq!(report.working_days, 9);
    let total = report.total().unwrap();
    assert_eq!(
        total.tally,
        Tally {
            received: 5,
            completed: 2,
            completed_on_time: 2,
            overdue_now: 1,
            refused_at_intake: 1,
            refused_motivated: 1,
            withdrawn: 1,
            steps_completed: 13,
            steps_on_time: 11,
        }
    );
    assert_eq!(total.on_time_share, Some(1.0));
    assert_eq!(report.rows_by(GroupBy::Org).count(), 1);

    // The decision: A in 2 working days, B in 7; the norm is 6 working days.
    let decision = row(&report, &step(2));
    assert_eq!(decision.tally.steps_completed, 2);
    assert_eq!(decision.tally.steps_on_time, 1);
    assert_eq!(decision.tally.overdue_now, 1);
    assert_eq!(decision.step_on_time_share, Some(0.5));
    let times = decision.step.as_ref().unwrap().times.clone().unwrap();
    assert_eq!((times.median, times.p90, times.max), (2.0, 7.0, 7.0));
    assert_eq!(times.norm.to_string(), "6 working_days");

    // The dispatch: 30 and 10 office minutes against 15.
    let dispatch = row(&report, &step(4));
    let times = dispatch.step.as_ref().unwrap().times.clone().unwrap();
    assert_eq!((times.median, times.p90, times.max), (10.0, 30.0, 30.0));
    assert_eq!(dispatch.tally.steps_on_time, 1);

    // The specialist: two decisions, one late, and E overdue in their hands.
    let spec = row(&report, &GroupKey::Person("spec1".into()));
    assert_eq!(
        (spec.tally.steps_completed, spec.tally.steps_on_time),
        (2, 1)
    );
    assert_eq!(spec.tally.overdue_now, 1);
    // The clerk: 4 registrations and 2 dispatches, one of them late.
    let clerk = row(&report, &GroupKey::Person("clerk1".into()));
    assert_eq!(
        (clerk.tally.steps_completed, clerk.tally.steps_on_time),
        (6, 5)
    );

    // E waits with the specialist since 27 March 17:00; due 6 working days
    // later (30, 31 March, 1, 2, 3, 6 April), so 1 working day over on 7 April.
    let late = overdue(&fold, now);
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].number, "E");
    assert_eq!(late[0].state, SlaState::Overdue);
    assert_eq!(late[0].due, at("2026-04-06T18:30"));
    assert_eq!(
        late[0].holder,
        HolderKey::Person {
            login: "spec1".into(),
            org: "KRG-ED".into()
        }
    );
    assert_eq!(
        late[0].amount,
        qyzmet::domain::calendar::TimeAmount::WorkingDays(1)
    );
}

#[test]
fn a_period_counts_only_what_happened_in_it() {
    // March alone: B's refusal (3 April) and completion fall outside.
    let march = Period::new(
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
    )
    .unwrap();
    let report = one_history_after_another(&scenario(), march).report(at("2026-04-07T10:00"));
    let t = &report.total().unwrap().tally;
    assert_eq!((t.received, t.completed, t.refused_motivated), (5, 1, 0));
    assert_eq!(t.overdue_now, 1);
}

/// Random walks of a few applications along the route: complete, return
/// from the signing step, or withdraw, at random moments.
fn walk(seed: &[(u8, u16)], n: usize) -> Vec<Application> {
    let s = service();
    let mut apps: Vec<Application> = (0..n)
        .map(|i| {
            let minutes = seed.get(i).map_or(0, |x| i64::from(x.1 % 600));
            let when = at("2026-03-16T09:00") + chrono::Duration::minutes(minutes);
            submit(
                &format!("P{i}"),
                &when.format("%Y-%m-%dT%H:%M").to_string(),
                i % 7 != 3,
            )
        })
        .collect();
    for (k, &(choice, gap)) in seed.iter().enumerate() {
        let app = &mut apps[k % n];
        let last = app.history.last().unwrap().at;
        let when = last + chrono::Duration::minutes(i64::from(gap) * 7);
        let Some(step) = app.current_step(s).cloned() else {
            continue;
        };
        let by = Performer::new(
            if step.role == Role::Specialist {
                "spec1"
            } else {
                ["clerk1", "head1"][usize::from(step.role == Role::Head)]
            },
            step.org,
            step.role,
        );
        let transition = match (choice % 10, step.action) {
            (0, _) => Transition::Withdraw {
                reason: "сама".into(),
            },
            (1 | 2, _) if step.returnable => Transition::Return {
                to_step: app.step - 1,
                comment: "исправить".into(),
            },
            (_, qyzmet::domain::catalog::StepAction::Register) => {
                Transition::Complete(registered("N"))
            }
            (_, qyzmet::domain::catalog::StepAction::Dispatch) => {
                Transition::Complete(registered("O"))
            }
            (_, qyzmet::domain::catalog::StepAction::Assign) => Transition::Complete(assigned()),
            (c, qyzmet::domain::catalog::StepAction::Execute) => {
                Transition::Complete(StepOutput::Decided(if c % 3 == 0 {
                    Decision::Refuse {
                        ground: RefusalGround::Other,
                        text: "нет".into(),
                    }
                } else {
                    Decision::Approve {
                        result: "allowance_decision".into(),
                    }
                }))
            }
            _ => Transition::Complete(StepOutput::Done),
        };
        let by = if matches!(transition, Transition::Withdraw { .. }) {
            clerk()
        } else {
            by
        };
        let _ = app.apply(s, &by, when, transition, &DEADLINES);
    }
    apps
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Events folded as the journal has them (all applications interleaved
    /// in time) give the same report as each history folded whole, and the
    /// fold knows each open application's step and due as the engine does.
    #[test]
    fn folding_the_journal_equals_recomputing(
        seed in prop::collection::vec((any::<u8>(), 1u16..400), 1..60),
        n in 1usize..6,
        from_day in 16u32..31,
    ) {
        let apps = walk(&seed, n);
        let period = Period::new(
            NaiveDate::from_ymd_opt(2026, 3, from_day).unwrap(),
            NaiveDate::from_ymd_opt(2026, 5, 31).unwrap(),
        ).unwrap();
        let mut journal: Vec<(&Event, AppFacts)> = apps
            .iter()
            .flat_map(|a| a.history.iter().map(move |e| (e, facts(a))))
            .collect();
        journal.sort_by_key(|(e, _)| e.at);
        let mut incremental = ReportFold::new(&CATALOG, &DEADLINES, period);
        for (e, f) in &journal {
            incremental.apply(f, e);
        }
        let whole = one_history_after_another(&apps, period);
        let now = at("2026-04-20T12:00");
        prop_assert_eq!(incremental.report(now), whole.report(now));
        let open = incremental.open_cases();
        for app in apps.iter().filter(|a| a.status == qyzmet::domain::route::Status::InProgress) {
            let case = open.iter().find(|c| c.number == app.id).unwrap();
            prop_assert_eq!(case.step, app.step);
            prop_assert_eq!(case.step_due, app.step_due);
            prop_assert_eq!(case.step_started, app.step_started);
        }
        prop_assert_eq!(open.len(), apps.iter().filter(|a| a.status == qyzmet::domain::route::Status::InProgress).count());
    }
}

#[test]
fn units_are_never_converted_into_one_another() {
    let office = DEADLINES.office(OrgKind::Provider);
    // Friday before Nauryz to the Thursday after: 6 calendar days, 1 working day.
    let (from, to) = (at("2026-03-20T11:00"), at("2026-03-26T11:00"));
    assert_eq!(elapsed(office, from, to, NormUnit::CalendarDays), 6);
    assert_eq!(elapsed(office, from, to, NormUnit::WorkingDays), 1);
    // Office minutes skip the nights and the days off: as from one working day's 11:00 to the next.
    let day = elapsed(
        office,
        at("2026-03-26T11:00"),
        at("2026-03-27T11:00"),
        NormUnit::Minutes,
    );
    assert_eq!(elapsed(office, from, to, NormUnit::Hours), day);
    assert!(day > 0 && day < 24 * 60, "{day}");
    // Hours keep their fraction; nothing measured is no figure.
    let t = StepTimes::of(Norm::new(2, NormUnit::Hours), &[30, 90, 150]).unwrap();
    assert_eq!((t.median, t.p90, t.max), (1.5, 2.5, 2.5));
    assert!(StepTimes::of(Norm::new(2, NormUnit::Hours), &[]).is_none());
}

//! What the workstation asks of `Ops` besides applications: signing in with
//! lockout, the head's view of the specialists' load, organisations, and
//! whether the store is new.

mod common;

use chrono::Duration;
use common::*;
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::roles::Role;
use qyzmet::ops::auth::{LOCK_MINUTES, MAX_FAILED_LOGINS};
use qyzmet::ops::{ActKind, ActRequest, LoginError, Ops, OpsError, SpecialistLoad};
use qyzmet::store::Store;
use qyzmet::store::model::JournalWhat;

const PASSWORD: &str = "password1";

fn login_error(r: Result<impl std::fmt::Debug, OpsError>) -> LoginError {
    match r {
        Err(OpsError::Login(e)) => e,
        other => panic!("expected a login error, got {other:?}"),
    }
}

/// The journal entries after the first `from`.
fn journal_since(ops: &Ops, from: usize) -> Vec<(String, JournalWhat)> {
    ops.store
        .journal()
        .skip(from)
        .map(|e| {
            let e = e.unwrap();
            (e.by, e.what)
        })
        .collect()
}

fn failed(login: &str, locked: bool) -> (String, JournalWhat) {
    (
        login.into(),
        JournalWhat::LoginFailed {
            login: login.into(),
            locked,
        },
    )
}

fn logged_in(login: &str) -> (String, JournalWhat) {
    (
        login.into(),
        JournalWhat::LoggedIn {
            login: login.into(),
        },
    )
}

#[test]
fn three_failures_lock_the_account_for_five_minutes() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let t0 = now();
    let journal = ops.store.journal_len();

    assert_eq!(
        login_error(ops.login(CLERK, "wrong-one", t0)),
        LoginError::UnknownOrWrong { attempts_left: 2 }
    );
    assert_eq!(
        login_error(ops.login(CLERK, "wrong-two", t0 + Duration::seconds(10))),
        LoginError::UnknownOrWrong { attempts_left: 1 }
    );
    let t3 = t0 + Duration::seconds(20);
    let until = t3 + Duration::minutes(LOCK_MINUTES);
    assert_eq!(
        login_error(ops.login(CLERK, "wrong-three", t3)),
        LoginError::Locked { until }
    );
    let stored = ops.store.user(CLERK).unwrap().unwrap();
    assert_eq!(stored.locked_until, Some(until));
    assert_eq!(
        journal_since(&ops, journal),
        vec![
            failed(CLERK, false),
            failed(CLERK, false),
            failed(CLERK, true)
        ]
    );

    // Locked: the right password is refused too, and nothing is written.
    for at in [t3 + Duration::minutes(1), until - Duration::seconds(1)] {
        assert_eq!(
            login_error(ops.login(CLERK, PASSWORD, at)),
            LoginError::Locked { until }
        );
        assert_eq!(
            login_error(ops.login(CLERK, "wrong-again", at)),
            LoginError::Locked { until }
        );
    }
    assert_eq!(ops.store.journal_len(), journal + 3);
    let msg = OpsError::from(LoginError::Locked { until }).to_string();
    assert!(msg.contains("locked") && msg.contains("10:05"), "{msg}");

    // Once the lock is over the right password lets them in and clears it.
    let (user, org) = ops.login(CLERK, PASSWORD, until).unwrap();
    assert_eq!((user.login.as_str(), org.code.as_str()), (CLERK, PROVIDER));
    assert_eq!((user.failed_logins, user.locked_until), (0, None));
    assert_eq!(ops.store.user(CLERK).unwrap().unwrap(), user);
    assert_eq!(journal_since(&ops, journal + 3), vec![logged_in(CLERK)]);
    // Other accounts were never affected.
    ops.login(HEAD, PASSWORD, t3 + Duration::minutes(1))
        .unwrap();
    assert_sound(&ops.store);
}

#[test]
fn a_success_resets_the_count_and_a_clean_login_writes_only_the_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let journal = ops.store.journal_len();
    let before = ops.store.user(OPERATOR).unwrap().unwrap();

    // No failures before: the user record is not rewritten, only journaled.
    let (user, org) = ops.login(OPERATOR, PASSWORD, now()).unwrap();
    assert_eq!(user, before);
    assert_eq!(org.code, CENTRE);
    assert_eq!(ops.store.user(OPERATOR).unwrap().unwrap(), before);
    assert_eq!(journal_since(&ops, journal), vec![logged_in(OPERATOR)]);

    // Two failures, then success: the count is back to zero, so the next
    // failure leaves two attempts again rather than locking.
    for _ in 0..2 {
        login_error(ops.login(OPERATOR, "nope-nope", now()));
    }
    assert_eq!(ops.store.user(OPERATOR).unwrap().unwrap().failed_logins, 2);
    ops.login(OPERATOR, PASSWORD, now()).unwrap();
    assert_eq!(ops.store.user(OPERATOR).unwrap().unwrap().failed_logins, 0);
    assert_eq!(
        login_error(ops.login(OPERATOR, "nope-nope", now())),
        LoginError::UnknownOrWrong { attempts_left: 2 }
    );
    assert_eq!(
        journal_since(&ops, journal),
        vec![
            logged_in(OPERATOR),
            failed(OPERATOR, false),
            failed(OPERATOR, false),
            logged_in(OPERATOR),
            failed(OPERATOR, false),
        ]
    );
    // A new password (set by the administrator) also clears the count.
    ops.set_password(OPERATOR, "another-password", "admin", now())
        .unwrap();
    assert_eq!(ops.store.user(OPERATOR).unwrap().unwrap().failed_logins, 0);
    login_error(ops.login(OPERATOR, PASSWORD, now()));
    ops.login(OPERATOR, "another-password", now()).unwrap();
    assert_sound(&ops.store);
}

#[test]
fn unknown_logins_look_like_wrong_passwords_and_disabled_accounts_stay_out() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let journal = ops.store.journal_len();
    for _ in 0..4 {
        assert_eq!(
            login_error(ops.login("nobody", PASSWORD, now())),
            LoginError::UnknownOrWrong {
                attempts_left: MAX_FAILED_LOGINS
            }
        );
    }
    // Nothing stored for a login that does not exist.
    assert_eq!(ops.store.journal_len(), journal);
    assert!(ops.store.user("nobody").unwrap().is_none());
    let wrong = OpsError::from(LoginError::UnknownOrWrong { attempts_left: 2 }).to_string();
    assert!(wrong.contains("wrong login or password"), "{wrong}");

    ops.disable_user(SPECIALIST, "admin", now()).unwrap();
    let journal = ops.store.journal_len();
    assert_eq!(
        login_error(ops.login(SPECIALIST, PASSWORD, now())),
        LoginError::Disabled
    );
    assert_eq!(ops.store.journal_len(), journal);
    // A wrong password on a disabled account is just a wrong password.
    assert_eq!(
        login_error(ops.login(SPECIALIST, "wrong-pass", now())),
        LoginError::UnknownOrWrong { attempts_left: 2 }
    );
    assert_eq!(
        journal_since(&ops, journal),
        vec![failed(SPECIALIST, false)]
    );
}

#[test]
fn failures_racing_on_one_account_get_three_verdicts_at_most() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let journal = ops.store.journal_len();
    let barrier = std::sync::Barrier::new(6);
    let results: Vec<LoginError> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..6)
            .map(|i| {
                let (ops, barrier) = (&ops, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    login_error(ops.login(CLERK, &format!("guess-number-{i}"), now()))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let until = now() + Duration::minutes(LOCK_MINUTES);
    let locked = results
        .iter()
        .filter(|e| **e == LoginError::Locked { until })
        .count();
    assert!(locked >= 1, "{results:?}");
    // Exactly three failures were counted and journaled, the last one locking.
    let entries = journal_since(&ops, journal);
    assert_eq!(
        entries,
        vec![
            failed(CLERK, false),
            failed(CLERK, false),
            failed(CLERK, true)
        ]
    );
    assert_eq!(
        ops.store.user(CLERK).unwrap().unwrap().locked_until,
        Some(until)
    );
    assert_sound(&ops.store);
}

/// Assigns application `number` (at its assign step) to `to`.
fn assign(ops: &Ops, number: &str, to: &str) {
    let rec = advance_to(ops, number, StepAction::Assign);
    ops.act(
        HEAD,
        number,
        ActKind::Step(StepAction::Assign),
        ActRequest {
            to: Some(to.into()),
            comment: Some("Рассмотреть".into()),
            version: Some(rec.app.version),
            ..ActRequest::default()
        },
        now(),
    )
    .unwrap();
}

#[test]
fn the_head_sees_each_specialists_load() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    for u in [
        user("spec2", PROVIDER, vec![Role::Specialist]),
        user("spec0", PROVIDER, vec![Role::Specialist]),
        user("spec-gone", PROVIDER, vec![Role::Specialist]),
        user("op2", CENTRE, vec![Role::Operator, Role::Specialist]),
    ] {
        ops.add_user(u, "admin", now()).unwrap();
    }
    let numbers: Vec<String> = (0..5).map(|n| submit(&ops, n).number).collect();
    assign(&ops, &numbers[0], SPECIALIST);
    assign(&ops, &numbers[1], SPECIALIST);
    assign(&ops, &numbers[2], "spec2");
    assign(&ops, &numbers[3], "spec-gone");
    // A decided one has left the specialist's desk; a finished one too.
    finish(&ops, &numbers[4]);
    ops.disable_user("spec-gone", "admin", now()).unwrap();

    let load = |login: &str, open: usize, overdue: usize| SpecialistLoad {
        login: login.into(),
        full_name: format!("User {login}"),
        open,
        overdue,
    };
    assert_eq!(
        ops.specialists(HEAD, now()).unwrap(),
        vec![
            load("spec0", 0, 0),
            load("spec2", 1, 0),
            load(SPECIALIST, 2, 0)
        ]
    );
    // Past the decision step's deadline everything open is overdue.
    let due = ops.find(&numbers[0]).unwrap().app.step_due.unwrap();
    assert_eq!(
        ops.specialists(HEAD, due + Duration::minutes(1)).unwrap(),
        vec![
            load("spec0", 0, 0),
            load("spec2", 1, 1),
            load(SPECIALIST, 2, 2)
        ]
    );
    // Sent on for signature: off the specialist's desk.
    let rec = ops.find(&numbers[1]).unwrap();
    ops.act(
        SPECIALIST,
        &numbers[1],
        ActKind::Step(StepAction::Execute),
        ActRequest {
            approve: Some(true),
            version: Some(rec.app.version),
            ..ActRequest::default()
        },
        now(),
    )
    .unwrap();
    let loads = ops.specialists(HEAD, now()).unwrap();
    assert_eq!(loads[1..], [load(SPECIALIST, 1, 0), load("spec2", 1, 0)]);

    // Only a head asks.
    for login in [CLERK, SPECIALIST, OPERATOR] {
        let err = ops.specialists(login, now()).unwrap_err();
        assert!(matches!(err, OpsError::Forbidden(_)), "{login}: {err:?}");
    }
    ops.disable_user(HEAD, "admin", now()).unwrap();
    let err = ops.specialists(HEAD, now()).unwrap_err();
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");
}

#[test]
fn organisations_are_looked_up_and_a_new_store_has_no_users() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = ops_on(Store::create(tmp.path(), now()).unwrap());
    assert!(!ops.has_users().unwrap());
    let err = ops.org(PROVIDER).unwrap_err();
    assert!(
        matches!(&err, OpsError::NotFound(qyzmet::ops::Refusal::NoOrganisation { code }) if code == PROVIDER),
        "{err:?}"
    );
    seed(&ops);
    assert!(ops.has_users().unwrap());
    assert_eq!(ops.org(PROVIDER).unwrap(), orgs()[1]);
    assert!(matches!(ops.org("KRG-XX"), Err(OpsError::NotFound(_))));
}

/// The embedded store's change feed: what changed after a revision, read
/// from the journal, as the workstation's lists show it.
#[test]
fn changes_since_a_revision_come_from_the_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(&tmp.path().join("store"));
    let before = ops.store.revision().unwrap();
    let a = submit(&ops, 1);
    let b = submit(&ops, 2);
    let changed = ops.changes_since(CLERK, before).unwrap().unwrap();
    let numbers: Vec<&str> = changed.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, [a.number.as_str(), b.number.as_str()]);
    assert_eq!(changed[0], qyzmet::store::model::Summary::of(&a));
    let now = ops.store.revision().unwrap();
    assert!(ops.changes_since(CLERK, now).unwrap().unwrap().is_empty());
    // A user without work there is still told nothing they may not see.
    assert!(ops.changes_since("nobody", before).is_err());
}

/// The specialist's text for an approval is kept with the decision and in
/// the history (what `app show --json` prints), for the head to read; an
/// approval without text keeps the shape older builds stored.
#[test]
fn an_approvals_text_is_kept_in_the_history() {
    use qyzmet::domain::route::{Decision, EventKind, StepOutput};
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let decide = |n: usize, comment: Option<&str>| {
        let rec = submit(&ops, n);
        let rec = advance_to(&ops, &rec.number, StepAction::Execute);
        let req = ActRequest {
            approve: Some(true),
            comment: comment.map(String::from),
            version: Some(rec.app.version),
            ..ActRequest::default()
        };
        let kind = ActKind::Step(StepAction::Execute);
        ops.act(SPECIALIST, &rec.number, kind, req, now()).unwrap();
        ops.show(HEAD, &rec.number).unwrap()
    };
    let rec = decide(1, Some("  Документы в порядке, право подтверждено "));
    let decision = rec.app.decision.clone().unwrap();
    assert_eq!(
        decision.text(),
        Some("Документы в порядке, право подтверждено")
    );
    assert!(decision.is_positive() && decision.result().is_some());
    let last = rec.app.history.last().unwrap();
    assert!(matches!(
        &last.what,
        EventKind::Completed { output: StepOutput::Decided(d), .. } if *d == decision
    ));
    let json = serde_json::to_string(&rec.app).unwrap();
    assert!(json.contains("Документы в порядке"), "{json}");
    let plain = decide(2, None);
    assert!(matches!(plain.app.decision, Some(Decision::Approve { .. })));
}

/// Someone acting first is named as a person, with the login.
#[test]
fn a_stale_act_names_the_person_who_acted_first() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let rec = submit(&ops, 3);
    let req = ActRequest {
        version: Some(rec.app.version),
        ..ActRequest::default()
    };
    let kind = ActKind::Step(StepAction::Register);
    ops.act(CLERK, &rec.number, kind, req.clone(), now())
        .unwrap();
    match ops.act(CLERK, &rec.number, kind, req, now()) {
        Err(OpsError::Stale { by, .. }) => assert_eq!(by, format!("User {CLERK} ({CLERK})")),
        other => panic!("stale expected, got {other:?}"),
    }
}

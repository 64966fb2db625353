//! Bad input gets a clear error and writes nothing: unknown services, invalid
//! IINs, the wrong role or organisation, closed applications, stale versions,
//! damaged backups, occupied locations, a store already in use.

mod common;

use std::fmt::Debug;
use std::path::Path;

use common::*;
use qyzmet::domain::catalog::StepAction;
use qyzmet::domain::roles::{OrgKind, Role};
use qyzmet::domain::route::{Status, TransitionError};
use qyzmet::ops::{ActKind, ActRequest, Ops, OpsError, OpsResult, SubmitRequest};
use qyzmet::store::model::JournalWhat;
use qyzmet::store::{Store, StoreError};
use sha2::{Digest, Sha256};

/// Another district's provider of the same kinds, with its own specialist.
const OTHER_PROVIDER: &str = "KRG-ED2";
const OTHER_SPECIALIST: &str = "spec2";

fn fixture() -> (tempfile::TempDir, Ops) {
    let dir = tempfile::tempdir().unwrap();
    let ops = create(&dir.path().join("store"));
    ops.add_org(
        org(
            OTHER_PROVIDER,
            OrgKind::Provider,
            provider_kinds(),
            "temirtau",
        ),
        "admin",
        now(),
    )
    .unwrap();
    ops.add_user(
        user(OTHER_SPECIALIST, OTHER_PROVIDER, vec![Role::Specialist]),
        "admin",
        now(),
    )
    .unwrap();
    (dir, ops)
}

/// Runs `f`, which must fail, and checks that it changed nothing.
fn refused<T: Debug>(ops: &Ops, what: &str, f: impl FnOnce() -> OpsResult<T>) -> OpsError {
    let journal = ops.store.journal_len();
    let apps = ops.store.app_count();
    let before = records(&ops.store);
    let err = match f() {
        Ok(v) => panic!("{what}: accepted: {v:?}"),
        Err(e) => e,
    };
    assert_eq!(ops.store.journal_len(), journal, "{what}: journal written");
    assert_eq!(ops.store.app_count(), apps, "{what}: application written");
    assert_eq!(
        records(&ops.store),
        before,
        "{what}: an application changed"
    );
    assert!(!err.to_string().trim().is_empty(), "{what}: empty message");
    err
}

/// `refused` for an act of `login` on `number`.
fn refused_act(
    ops: &Ops,
    what: &str,
    login: &str,
    number: &str,
    kind: ActKind,
    req: ActRequest,
) -> OpsError {
    refused(ops, what, || act(ops, login, number, kind, req))
}

/// `refused` for an operator's intake of the usual request (no district
/// given) as `change` leaves it.
fn refused_intake(ops: &Ops, what: &str, change: impl FnOnce(&mut SubmitRequest)) -> OpsError {
    let mut req = SubmitRequest {
        district: None,
        ..submit_request(0)
    };
    change(&mut req);
    refused(ops, what, || ops.submit(OPERATOR, req, now()))
}

/// The operator's withdrawal at the applicant's request, as seen at `version`.
fn withdraw(version: Option<u64>) -> ActRequest {
    ActRequest {
        comment: Some("передумал".into()),
        version,
        ..ActRequest::default()
    }
}

fn act(
    ops: &Ops,
    login: &str,
    number: &str,
    kind: ActKind,
    req: ActRequest,
) -> OpsResult<qyzmet::store::model::Record> {
    ops.act(login, number, kind, req, now())
}

#[test]
fn intake_with_an_unknown_service_or_a_bad_iin_is_refused() {
    let (_dir, ops) = fixture();
    let err = refused_intake(&ops, "unknown service", |r| {
        r.service = "krg-99-no-such-service".into()
    });
    // An id the catalogue does not know is bad input (exit 2), like a bad
    // IIN; "not found" (exit 1) is for records a person names.
    assert!(matches!(err, OpsError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("krg-99-no-such-service"), "{err}");

    let valid = iin(0).to_string();
    let mut wrong_check = valid.clone().into_bytes();
    wrong_check[11] = b'0' + (wrong_check[11] - b'0' + 1) % 10;
    let wrong_check = String::from_utf8(wrong_check).unwrap();
    for (bad, says) in [
        (wrong_check.as_str(), "check digit"),
        ("85031440", "12 digits"),
        ("85031440001X", "digits only"),
        ("851340400012", "birth date"),
        ("", "12 digits"),
    ] {
        let err = refused_intake(&ops, bad, |r| r.iin = bad.into());
        assert!(matches!(err, OpsError::Invalid(_)), "{bad}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains("IIN") && msg.contains(says), "{bad}: {msg}");
    }

    // Unknown documents, an empty name, a user who does not exist.
    let err = refused_intake(&ops, "unknown document", |r| {
        r.documents = Some(vec!["application".into(), "diploma".into()])
    });
    assert!(err.to_string().contains("diploma"), "{err}");
    refused_intake(&ops, "empty name", |r| r.name = "  ".into());
    let err = refused(&ops, "no such user", || {
        ops.submit("nobody", submit_request(0), now())
    });
    assert!(matches!(err, OpsError::NotFound(_)), "{err:?}");
    // A clerk of the provider cannot take State Corporation intake.
    let err = refused(&ops, "clerk at the counter", || {
        ops.submit(CLERK, submit_request(0), now())
    });
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");

    // Nothing was numbered: the first good intake gets number 1.
    assert_eq!(submit(&ops, 0).number, "KRG-SC-2026-000001");
    assert_sound(&ops.store);
}

#[test]
fn the_wrong_role_or_organisation_cannot_act() {
    let (_dir, ops) = fixture();
    let number = submit(&ops, 0).number;

    // Registration by the head or the operator: not their step.
    for login in [HEAD, OPERATOR, SPECIALIST, OTHER_SPECIALIST] {
        let err = refused_act(
            &ops,
            login,
            login,
            &number,
            ActKind::Complete,
            ActRequest::default(),
        );
        assert!(matches!(err, OpsError::Forbidden(_)), "{login}: {err:?}");
    }

    // The head assigns a specialist of another provider: no.
    let rec = advance_to(&ops, &number, StepAction::Assign);
    let err = refused_act(
        &ops,
        "assign to another provider's specialist",
        HEAD,
        &number,
        ActKind::Step(StepAction::Assign),
        ActRequest {
            to: Some(OTHER_SPECIALIST.into()),
            version: Some(rec.app.version),
            ..ActRequest::default()
        },
    );
    assert!(matches!(err, OpsError::Invalid(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("not a specialist of “KRG-ED (en)”"),
        "{err}"
    );

    // Another provider's specialist cannot decide, see or return it.
    let rec = advance_to(&ops, &number, StepAction::Execute);
    assert_eq!(rec.app.assignee.as_deref(), Some(SPECIALIST));
    let approve = ActRequest {
        approve: Some(true),
        version: Some(rec.app.version),
        ..ActRequest::default()
    };
    let err = refused_act(
        &ops,
        "another provider's specialist decides",
        OTHER_SPECIALIST,
        &number,
        ActKind::Step(StepAction::Execute),
        approve.clone(),
    );
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");
    assert!(err.to_string().contains(OTHER_PROVIDER), "{err}");
    let err = refused(&ops, "another provider's specialist looks", || {
        ops.show(OTHER_SPECIALIST, &number)
    });
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");
    // Deciding needs a decision.
    let err = refused_act(
        &ops,
        "decide without a decision",
        SPECIALIST,
        &number,
        ActKind::Step(StepAction::Execute),
        ActRequest::default(),
    );
    assert!(matches!(err, OpsError::Invalid(_)), "{err:?}");

    // At signing: the clerk cannot sign, the head cannot dispatch yet.
    let rec = advance_to(&ops, &number, StepAction::Sign);
    let err = refused_act(
        &ops,
        "clerk signs",
        CLERK,
        &number,
        ActKind::Step(StepAction::Sign),
        ActRequest::default(),
    );
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");
    assert!(err.to_string().contains("the role “Head”"), "{err}");
    let err = refused_act(
        &ops,
        "head dispatches at signing",
        HEAD,
        &number,
        ActKind::Step(StepAction::Dispatch),
        ActRequest::default(),
    );
    assert!(
        matches!(err, OpsError::Transition(TransitionError::WrongStep { .. })),
        "{err:?}"
    );
    // A return needs a comment; issuing is not due yet.
    refused_act(
        &ops,
        "return without a comment",
        HEAD,
        &number,
        ActKind::Return,
        ActRequest::default(),
    );
    let err = refused_act(
        &ops,
        "issue before the result is ready",
        OPERATOR,
        &number,
        ActKind::Issue,
        ActRequest {
            recipient: Some(rec.app.applicant.iin.to_string()),
            ..ActRequest::default()
        },
    );
    assert!(matches!(err, OpsError::Transition(_)), "{err:?}");

    // Issued to the wrong person: no.
    let rec = finish_but_issue(&ops, &number);
    let err = refused_act(
        &ops,
        "issue to a stranger",
        OPERATOR,
        &number,
        ActKind::Issue,
        ActRequest {
            recipient: Some(iin(1).to_string()),
            version: Some(rec.app.version),
            ..ActRequest::default()
        },
    );
    assert!(
        matches!(
            err,
            OpsError::Transition(TransitionError::WrongRecipient(_))
        ),
        "{err:?}"
    );

    // Not one number was spent by the refusals.
    let rec = finish(&ops, &number);
    assert_eq!(
        rec.app.numbers,
        vec!["KRG-ED-2026-000001", "KRG-ED-OUT-2026-000001"]
    );
    assert_sound(&ops.store);
}

/// Drives an application to the counter, result ready to issue.
fn finish_but_issue(ops: &Ops, number: &str) -> qyzmet::store::model::Record {
    loop {
        let rec = ops.find(number).unwrap();
        if rec.app.status == Status::ResultReady {
            return rec;
        }
        advance(ops, &rec).unwrap().unwrap();
    }
}

#[test]
fn closed_applications_and_stale_versions_are_refused() {
    let (_dir, ops) = fixture();
    let number = submit(&ops, 0).number;
    let closed = finish(&ops, &number);
    assert_eq!(closed.app.status, Status::Issued);
    let recipient = Some(closed.app.applicant.iin.to_string());
    let attempts: [(&str, ActKind, ActRequest); 4] = [
        (CLERK, ActKind::Complete, ActRequest::default()),
        (
            OPERATOR,
            ActKind::Issue,
            ActRequest {
                recipient: recipient.clone(),
                ..ActRequest::default()
            },
        ),
        (OPERATOR, ActKind::Withdraw, withdraw(None)),
        (HEAD, ActKind::Return, ActRequest::default()),
    ];
    for (login, kind, req) in attempts {
        let err = refused_act(
            &ops,
            &format!("{kind:?} on a closed application"),
            login,
            &number,
            kind,
            req,
        );
        assert!(
            matches!(
                err,
                OpsError::Transition(TransitionError::Closed(Status::Issued))
            ),
            "{kind:?}: {err:?}"
        );
        assert!(err.to_string().contains("closed"), "{err}");
    }
    let err = refused_act(
        &ops,
        "no such application",
        CLERK,
        "KRG-SC-2026-999999",
        ActKind::Complete,
        ActRequest::default(),
    );
    assert!(matches!(err, OpsError::NotFound(_)), "{err:?}");

    // Stale versions: the act fits the application as it is now, but the
    // caller looked at an older version.
    let number = submit(&ops, 1).number;
    let seen = ops.find(&number).unwrap();
    let registered = advance(&ops, &seen).unwrap().unwrap();
    assert_eq!(registered.app.version, seen.app.version + 1);
    let assign = ActRequest {
        to: Some(SPECIALIST.into()),
        version: Some(seen.app.version),
        ..ActRequest::default()
    };
    let err = refused_act(
        &ops,
        "assign at a stale version",
        HEAD,
        &number,
        ActKind::Step(StepAction::Assign),
        assign,
    );
    assert!(matches!(err, OpsError::Stale { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&number) && msg.contains("changed meanwhile") && msg.contains(CLERK),
        "{msg}"
    );
    let err = refused_act(
        &ops,
        "withdraw at a stale version",
        OPERATOR,
        &number,
        ActKind::Withdraw,
        withdraw(Some(seen.app.version)),
    );
    assert!(matches!(err, OpsError::Stale { .. }), "{err:?}");
    // A version from the future is as stale.
    refused_act(
        &ops,
        "withdraw at a future version",
        OPERATOR,
        &number,
        ActKind::Withdraw,
        withdraw(Some(registered.app.version + 5)),
    );
    // With the current version it goes through.
    let withdrawn = act(
        &ops,
        OPERATOR,
        &number,
        ActKind::Withdraw,
        withdraw(Some(registered.app.version)),
    )
    .unwrap();
    assert_eq!(withdrawn.app.status, Status::Withdrawn);
    assert_sound(&ops.store);
}

fn backup_of(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.backup(&mut out, |_| {}).unwrap();
    out
}

fn with_checksum(mut body: Vec<u8>) -> Vec<u8> {
    let sum = Sha256::digest(&body);
    body.extend_from_slice(&sum);
    body
}

fn assert_nothing_at(path: &Path, what: &str) {
    if path.exists() {
        let entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(entries.is_empty(), "{what}: restore wrote {entries:?}");
    }
}

/// A damaged backup is refused before anything is created, whether the
/// target is absent or an empty directory.
fn assert_restore_refused(tmp: &Path, input: &[u8], what: &str) -> StoreError {
    let absent = tmp.join("absent");
    let err = match Store::restore(&absent, input, now(), |_| {}) {
        Ok(_) => panic!("{what}: restored"),
        Err(e) => e,
    };
    assert!(!absent.exists(), "{what}: created {}", absent.display());
    let empty = tmp.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert!(
        Store::restore(&empty, input, now(), |_| {}).is_err(),
        "{what}: restored into an empty directory"
    );
    assert_nothing_at(&empty, what);
    assert!(
        err.to_string().contains("not a valid Qyzmet backup"),
        "{what}: {err}"
    );
    err
}

#[test]
fn damaged_backups_are_refused_and_create_nothing() {
    let (dir, ops) = fixture();
    for n in 0..3 {
        let number = submit(&ops, n).number;
        advance_to(&ops, &number, StepAction::Sign);
    }
    let journal = ops.store.journal_len();
    let backup = backup_of(&ops.store);
    let tmp = dir.path();

    // Random bytes, with and without a plausible header.
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut random = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng as u8
            })
            .collect()
    };
    for n in [0, 1, 31, 48, 4096] {
        assert_restore_refused(tmp, &random(n), &format!("{n} random bytes"));
    }
    let mut fake = b"QYZMET-BACKUP-1\n".to_vec();
    fake.extend(random(2000));
    assert_restore_refused(tmp, &fake, "header and random bytes");

    // Truncated anywhere.
    for cut in [
        0,
        10,
        16,
        backup.len() / 3,
        backup.len() / 2,
        backup.len() - 33,
        backup.len() - 32,
        backup.len() - 1,
    ] {
        assert_restore_refused(tmp, &backup[..cut], &format!("cut at {cut}"));
    }
    // One flipped byte anywhere: header, contents, checksum.
    for pos in [
        0,
        15,
        20,
        backup.len() / 2,
        backup.len() - 40,
        backup.len() - 32,
        backup.len() - 1,
    ] {
        let mut bad = backup.clone();
        bad[pos] ^= 0x01;
        assert_restore_refused(tmp, &bad, &format!("flipped byte {pos}"));
    }
    // Well-formed checksums over a broken structure: refused while parsing,
    // still before anything is created.
    let body = &backup[..backup.len() - 32];
    let err = assert_restore_refused(
        tmp,
        &with_checksum(body[..body.len() - 1].to_vec()),
        "truncated with a new checksum",
    );
    assert!(err.to_string().contains("truncated"), "{err}");
    let users = b"\x05\x00\x00\x00users";
    let at = body
        .windows(users.len())
        .position(|w| w == users)
        .expect("the users tree in the backup");
    let mut renamed = body.to_vec();
    renamed[at + 4..at + 9].copy_from_slice(b"userz");
    let err = assert_restore_refused(tmp, &with_checksum(renamed), "unknown tree");
    assert!(err.to_string().contains("userz"), "{err}");

    // The original backup is fine, and the store was not touched.
    assert_eq!(ops.store.journal_len(), journal);
    let restored = Store::restore(&tmp.join("good"), &backup, now(), |_| {}).unwrap();
    assert_sound(&restored);
}

#[test]
fn restore_refuses_an_occupied_location() {
    let (dir, ops) = fixture();
    submit(&ops, 0);
    let backup = backup_of(&ops.store);

    let occupied = dir.path().join("occupied");
    std::fs::create_dir_all(&occupied).unwrap();
    std::fs::write(occupied.join("notes.txt"), "keep me").unwrap();
    let err = match Store::restore(&occupied, &backup, now(), |_| {}) {
        Ok(_) => panic!("restored over a non-empty directory"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::Exists(_)), "{err:?}");
    assert!(err.to_string().contains("already exists"), "{err}");
    let entries: Vec<_> = std::fs::read_dir(&occupied)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, vec!["notes.txt"]);
    assert_eq!(
        std::fs::read_to_string(occupied.join("notes.txt")).unwrap(),
        "keep me"
    );

    // Over the live store itself: refused, and the store carries on.
    let journal = ops.store.journal_len();
    let err = match Store::restore(ops.store.path(), &backup, now(), |_| {}) {
        Ok(_) => panic!("restored over the live store"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::Exists(_)), "{err:?}");
    assert_eq!(ops.store.journal_len(), journal);
    submit(&ops, 1);
    assert_sound(&ops.store);

    // Creating a store there is refused too.
    let err = match Store::create(&occupied, now()) {
        Ok(_) => panic!("created over a non-empty directory"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::Exists(_)), "{err:?}");
}

#[test]
fn a_store_in_use_is_locked_and_a_missing_one_is_named() {
    let (dir, ops) = fixture();
    submit(&ops, 0);
    let journal = ops.store.journal_len();
    let apps = ops.store.app_count();
    for _ in 0..2 {
        let err = match Store::open(ops.store.path()) {
            Ok(_) => panic!("opened a store in use"),
            Err(e) => e,
        };
        assert!(matches!(err, StoreError::Locked(_)), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains("`qyzmet serve`"), "{msg}");
        assert!(
            msg.contains(&ops.store.path().display().to_string()),
            "{msg}"
        );
    }
    // The first holder is unaffected.
    assert_eq!(ops.store.journal_len(), journal);
    assert_eq!(ops.store.app_count(), apps);
    submit(&ops, 1);
    assert_sound(&ops.store);

    let missing = dir.path().join("missing");
    let err = match Store::open(&missing) {
        Ok(_) => panic!("opened nothing"),
        Err(e) => e,
    };
    assert!(matches!(err, StoreError::Missing(_)), "{err:?}");
    assert!(err.to_string().contains("qyzmet init"), "{err}");
    assert!(!missing.exists(), "opening created {}", missing.display());

    // Once the holder is gone, it opens.
    let path = ops.store.path().to_path_buf();
    drop(ops);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.app_count(), apps + 1);
}

#[test]
fn backup_and_restore_give_the_same_store_plus_a_restored_entry() {
    let (dir, ops) = fixture();
    let numbers: Vec<String> = (0..5).map(|n| submit(&ops, n).number).collect();
    finish(&ops, &numbers[0]);
    advance_to(&ops, &numbers[1], StepAction::Execute);
    advance_to(&ops, &numbers[2], StepAction::Dispatch);
    finish_but_issue(&ops, &numbers[3]);
    let journal = ops.store.journal_len();
    let original = records(&ops.store);
    let mut progress = 0;
    let mut out = Vec::new();
    let count = ops.store.backup(&mut out, |n| progress = n).unwrap();
    assert_eq!(progress, count);

    let target = dir.path().join("restored");
    let restored = Store::restore(&target, &out, now(), |_| {}).unwrap();
    assert_eq!(restored.check(|_| {}).unwrap(), Vec::<String>::new());
    assert_eq!(restored.verify_journal().unwrap(), Vec::<String>::new());
    assert_eq!(records(&restored), original);
    assert_eq!(restored.app_count(), original.len());
    assert_eq!(restored.journal_len(), journal + 1);
    let last = restored.journal().last().unwrap().unwrap();
    assert!(
        matches!(last.what, JournalWhat::Restored { .. }),
        "{:?}",
        last.what
    );
    let mut theirs: Vec<_> = restored.journal().map(|e| e.unwrap()).collect();
    theirs.pop();
    let ours: Vec<_> = ops.store.journal().map(|e| e.unwrap()).collect();
    assert_eq!(theirs, ours);
    assert_eq!(restored.orgs().unwrap(), ops.store.orgs().unwrap());
    assert_eq!(restored.users().unwrap(), ops.store.users().unwrap());
    for r in &original {
        assert_eq!(restored.app_by_number(&r.number).unwrap().as_ref(), Some(r));
    }

    // The restored store works on, numbering where the original left off;
    // the original is untouched by it.
    let ops2 = ops_on(restored);
    let next = submit(&ops2, 9).number;
    assert_eq!(next, "KRG-SC-2026-000006");
    finish(&ops2, &numbers[1]);
    assert_numbers_gapless(&records(&ops2.store));
    assert_sound(&ops2.store);
    assert_eq!(records(&ops.store), original);
    assert_eq!(ops.store.journal_len(), journal);
}

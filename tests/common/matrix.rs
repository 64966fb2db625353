//! What the permission matrices share (docs/SECURITY.md: the table of
//! requests, tests/permission_matrix.rs, and the table of CLI commands,
//! tests/cli_matrix.rs): the identities of the columns, the store they
//! act on with an application of each organisation relation, and the
//! tables read from the document and compared with what was driven.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{self, now, ops_on};
use qyzmet::domain::catalog::Channel;
use qyzmet::domain::roles::Role;
use qyzmet::domain::route::Status;
use qyzmet::ops::{ActKind, ActRequest, Ops, SubmitRequest};
use qyzmet::store::Store;
use qyzmet::store::model::{Record, User};

/// The identities of the tables' columns: (column, OS uid, demo login mapped to it).
pub const IDENTITIES: [(&str, u32, Option<&str>); 10] = [
    ("operator", 1, Some("operator")),
    ("centre head", 2, Some("sc-head")),
    ("provider clerk", 3, Some("clerk")),
    ("head", 5, Some("head")),
    ("specialist", 6, Some("specialist")),
    ("akim office", 7, Some("akim-clerk")),
    ("region supervisor", 8, Some(SUPERVISOR)),
    ("administrator", 0, None),
    ("kiosk/board", 9, None),
    ("unmapped OS user", 10, None),
];

/// The region supervisor the fixture adds beside the demo's own: at the
/// State Corporation centre, as README's example puts one.
pub const SUPERVISOR: &str = "sup";

/// A staff member of the same role at another organisation of the region.
pub fn region_peer(login: &str) -> &'static str {
    match login {
        "operator" => "clerk",
        "sc-head" => "head",
        "clerk" => "sp-clerk",
        "head" => "sp-head",
        "specialist" => "sp-specialist",
        _ => "clerk",
    }
}

/// The organisation of a column's user.
pub fn own_org(login: &str) -> &'static str {
    match login {
        "operator" | "sc-head" | SUPERVISOR => "KRG-SC",
        "akim-clerk" => "KRG-AK",
        _ => "KRG-ED",
    }
}

/// Another organisation of the region than `login`'s.
pub fn region_org(login: &str) -> &'static str {
    if own_org(login) == "KRG-ED" {
        "KRG-SP"
    } else {
        "KRG-ED"
    }
}

/// An application with the act that completes its step.
pub type Acting = (Record, ActKind, ActRequest);

/// What the plans refer to: applications and numbers per relation.
pub struct Fixture {
    /// login -> an application it may see, the act it would do on it.
    pub own: BTreeMap<String, Acting>,
    pub region: BTreeMap<String, Acting>,
    pub other_region: Record,
    pub applicant: String,
}

/// The demo store, plus an application of the demo's Zhambyl provider
/// (another region), a region supervisor, and the staff mapped to the OS
/// users of the tables' columns.
pub fn prepare(db: &Path) -> Fixture {
    let ops = ops_on(Store::open(db).unwrap());
    akim_result_to_hand_over(&ops);
    let mut sup = common::user(SUPERVISOR, "KRG-SC", vec![Role::Supervisor]);
    // The demo's password, as every other column's user has.
    sup.password_hash = ops.store.user("clerk").unwrap().unwrap().password_hash;
    ops.add_user(sup, "admin", now()).unwrap();
    let other_region = ops
        .submit(
            "zhb-clerk",
            SubmitRequest {
                service: "zhb-133-patronage".into(),
                channel: Channel::ProviderOffice,
                iin: common::iin(1).to_string(),
                name: "Сейтова Динара".into(),
                phone: None,
                representative: None,
                org: None,
                documents: None,
                district: None,
                expired: Vec::new(),
                notarised: false,
            },
            now(),
        )
        .unwrap();
    for (_, uid, login) in IDENTITIES {
        if let Some(login) = login {
            let name = nix::unistd::User::from_uid(uid.into())
                .unwrap()
                .unwrap()
                .name;
            ops.map_os_user(login, Some(name), "admin", now()).unwrap();
        }
    }
    let mut own = BTreeMap::new();
    let mut region = BTreeMap::new();
    for (_, _, login) in IDENTITIES {
        let Some(login) = login else { continue };
        // The supervisor sees no application: its own are the centre's.
        let seer = if login == SUPERVISOR {
            "operator"
        } else {
            login
        };
        own.insert(login.to_string(), waiting_for(&ops, seer, None));
        let (user, _) = ops.caller(login).unwrap();
        region.insert(
            login.to_string(),
            waiting_for(&ops, region_peer(login), Some(&user)),
        );
    }
    let applicant = own["clerk"].0.app.applicant.iin.to_string();
    Fixture {
        own,
        region,
        other_region,
        applicant,
    }
}

/// The akim office's clerk hands its own certificates over (their last
/// step): one brought there, whatever the demo left waiting at `now`.
fn akim_result_to_hand_over(ops: &Ops) {
    let mut req = common::submit_request(2);
    req.service = "krg-37-03-tsa-recipient-certificate".into();
    req.channel = Channel::RuralAkim;
    let mut rec = ops.submit("akim-clerk", req, now()).unwrap();
    for (login, fill) in [
        ("akim-specialist", None),
        ("akim", Some("akim-specialist")),
        ("akim-specialist", None),
        ("akim", None),
    ] {
        let req = ActRequest {
            version: Some(rec.app.version),
            to: fill.map(str::to_string),
            comment: fill.map(|_| "Рассмотреть".to_string()),
            approve: (rec.app.holder.as_ref().map(|h| h.action)
                == Some(qyzmet::domain::catalog::StepAction::Execute))
            .then_some(true),
            ..ActRequest::default()
        };
        rec = ops
            .act(login, &rec.number, ActKind::Complete, req, now())
            .unwrap();
    }
}

/// An application waiting for `login` (else one they may see), with the
/// act that completes its step; none of `not_of`'s organisation.
fn waiting_for(ops: &Ops, login: &str, not_of: Option<&User>) -> Acting {
    let theirs = |r: &Record| {
        not_of.is_none_or(|u| {
            r.orgs.intake != u.org
                && r.orgs.provider != u.org
                && r.orgs.akim.as_ref() != Some(&u.org)
        })
    };
    let mut candidates: Vec<Record> = ops
        .queue(login)
        .unwrap()
        .iter()
        .map(|s| ops.find(&s.number).unwrap())
        .collect();
    let all = ops.list(login, &Default::default(), now()).unwrap();
    // Results to issue are the operator's own: someone else's look at one
    // the operator has just issued would be a stale version, not a refusal.
    if login == "operator" {
        candidates.extend(
            all.iter()
                .filter(|r| r.app.status == Status::ResultReady)
                .cloned(),
        );
    }
    candidates.extend(all);
    // A result the centre has not marked as received is not issued yet.
    let unmarked = |r: &Record| {
        r.app.holder.as_ref().map(|h| h.action)
            == Some(qyzmet::domain::catalog::StepAction::Receive)
    };
    let rec = candidates
        .into_iter()
        .find(|r| theirs(r) && !unmarked(r))
        .expect(login);
    let mut req = ActRequest {
        version: Some(rec.app.version),
        ..ActRequest::default()
    };
    let kind = if rec.app.status == Status::ResultReady {
        req.recipient = Some(rec.app.applicant.iin.to_string());
        ActKind::Issue
    } else {
        let service = ops.service(&rec.app.service).unwrap();
        use qyzmet::domain::catalog::StepAction as A;
        match rec.app.current_step(service).map(|s| s.action) {
            Some(A::Assign) => {
                let spec = if rec.orgs.provider == "KRG-AK" {
                    "akim-specialist"
                } else {
                    "specialist"
                };
                req.to = Some(spec.into());
                req.comment = Some("Рассмотреть".into());
            }
            Some(A::Execute) => req.approve = Some(true),
            Some(A::Issue) => req.recipient = Some(rec.app.applicant.iin.to_string()),
            _ => req.comment = Some("акт".into()),
        }
        ActKind::Complete
    };
    (rec, kind, req)
}

/// (row, relation) -> column -> outcome.
pub type Table = BTreeMap<(String, String), BTreeMap<String, String>>;

/// The table in docs/SECURITY.md between two `<!-- MARK -->` lines.
pub fn table(mark: &str) -> Table {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/SECURITY.md"))
            .unwrap();
    let mark = format!("<!-- {mark} -->");
    let section = doc
        .split(&mark)
        .nth(1)
        .unwrap_or_else(|| panic!("the table between {mark} lines"));
    let mut lines = section.lines().filter(|l| l.starts_with('|'));
    let header: Vec<String> = cells(lines.next().expect("the header"));
    assert_eq!(header[..2].len(), 2);
    assert_eq!(
        header[2..].to_vec(),
        IDENTITIES
            .iter()
            .map(|i| i.0.to_string())
            .collect::<Vec<_>>()
    );
    let mut out = BTreeMap::new();
    for line in lines.skip(1) {
        let c = cells(line);
        let row = c[0].trim_matches('`').to_string();
        let by: BTreeMap<String, String> = header[2..]
            .iter()
            .cloned()
            .zip(c[2..].iter().cloned())
            .collect();
        out.insert((row, c[1].clone()), by);
    }
    out
}

pub fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

/// The driven table in the document's form (to write it after a
/// deliberate change, then review every changed cell).
pub fn print_table(first: &str, actual: &Table) {
    let names: Vec<&str> = IDENTITIES.iter().map(|i| i.0).collect();
    println!("| {first} | relation | {} |", names.join(" | "));
    println!("|---|---|{}", "---|".repeat(names.len()));
    for ((row, relation), cells) in actual {
        let c: Vec<&str> = names.iter().map(|n| cells[*n].as_str()).collect();
        println!("| `{row}` | {relation} | {} |", c.join(" | "));
    }
}

/// Every cell that differs between what was driven and the table, and
/// every row of either that the other lacks.
pub fn differences(actual: &Table, expected: &Table) -> Vec<String> {
    let mut wrong = Vec::new();
    for ((row, relation), cells) in actual {
        let Some(want) = expected.get(&(row.clone(), relation.clone())) else {
            wrong.push(format!(
                "{row} ({relation}): no row in the table; got {cells:?}"
            ));
            continue;
        };
        for (column, got) in cells {
            if want.get(column) != Some(got) {
                wrong.push(format!(
                    "{row} ({relation}) × {column}: table says {:?}, the server {got:?}",
                    want.get(column)
                ));
            }
        }
    }
    for key in expected.keys() {
        if !actual.contains_key(key) {
            wrong.push(format!("{key:?}: in the table but not driven"));
        }
    }
    wrong
}

/// Whether the driven tables are printed instead of checked.
pub fn printing() -> bool {
    std::env::var_os("QYZMET_MATRIX_PRINT").is_some()
}

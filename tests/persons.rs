//! The person registry: CSV import (all or nothing), look-up by IIN for active
//! users, and its place in the journal, backup, restore and check.

mod common;

use common::*;
use qyzmet::ops::{ImportReport, OpsError};
use qyzmet::store::Store;
use qyzmet::store::codec::encode;
use qyzmet::store::model::{JournalWhat, Person};

const SERIK: &str = "780412323149";
const AIGUL: &str = "850923412074";
const NATALYA: &str = "721105445199";

fn last_journal_what(ops: &qyzmet::ops::Ops) -> JournalWhat {
    ops.store.journal().last().unwrap().unwrap().what
}

fn person(ops: &qyzmet::ops::Ops, iin: &str) -> Option<Person> {
    ops.person(OPERATOR, iin).unwrap()
}

#[test]
fn a_registry_file_is_imported_and_looked_up() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    // Columns in their own order, an unknown one, a byte-order mark, quoted
    // fields with commas and quotes, padding, a field over two lines.
    let text = "\u{feff}district, Full_Name ,iin,note,address,phone\n\
        район имени Казыбек би,Ахметов Серік Болатұлы,780412323149,x,\"г. Караганда, ул. Ерубаева, д. 12, кв. 5\",+7 701 234 56 78\n\
        ,  Жұмабаева   Айгүл Ерланқызы ,  850923412074 ,,\"мкр. Голубые пруды, ЖК \"\"Сарыарқа\"\", д. 3\",\n\
        район Әлихан Бөкейхан,Иванова Наталья Сергеевна,721105445199,,\"ул. Гоголя,\nд. 37\",\n";
    let journal = ops.store.journal_len();
    let report = ops.import_persons(text, "admin", now()).unwrap();
    assert_eq!(
        report,
        ImportReport {
            imported: 3,
            errors: vec![]
        }
    );
    assert_eq!(ops.store.person_count(), 3);
    assert_eq!(ops.store.journal_len(), journal + 1);
    assert_eq!(
        last_journal_what(&ops),
        JournalWhat::PersonsImported { count: 3 }
    );

    let serik = person(&ops, SERIK).unwrap();
    assert_eq!(serik.iin.to_string(), SERIK);
    assert_eq!(serik.full_name, "Ахметов Серік Болатұлы");
    assert_eq!(serik.phone.as_deref(), Some("+7 701 234 56 78"));
    assert_eq!(
        serik.address.as_deref(),
        Some("г. Караганда, ул. Ерубаева, д. 12, кв. 5")
    );
    assert_eq!(serik.district.as_deref(), Some("район имени Казыбек би"));
    let aigul = person(&ops, &format!(" {AIGUL} ")).unwrap();
    assert_eq!(aigul.full_name, "Жұмабаева Айгүл Ерланқызы");
    assert_eq!(aigul.phone, None);
    assert_eq!(aigul.district, None);
    assert_eq!(
        aigul.address.as_deref(),
        Some("мкр. Голубые пруды, ЖК \"Сарыарқа\", д. 3")
    );
    let natalya = person(&ops, NATALYA).unwrap();
    assert_eq!(natalya.address.as_deref(), Some("ул. Гоголя,\nд. 37"));
    // A valid IIN nobody imported.
    assert_eq!(person(&ops, &iin(0).to_string()), None);
    assert_sound(&ops.store);
}

#[test]
fn only_active_users_look_people_up_and_the_iin_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    ops.import_persons(
        &format!("iin,full_name\n{SERIK},Ахметов Серік Болатұлы\n"),
        "admin",
        now(),
    )
    .unwrap();
    // Any active user may: a clerk of the provider as well as the operator.
    assert!(ops.person(CLERK, SERIK).unwrap().is_some());
    let err = ops.person(OPERATOR, "780412323148").unwrap_err();
    assert!(
        matches!(&err, OpsError::Invalid(m) if m.to_string().contains("check digit")),
        "{err:?}"
    );
    let err = ops.person(OPERATOR, "7804123231").unwrap_err();
    assert!(
        matches!(&err, OpsError::Invalid(m) if m.to_string().contains("12 digits")),
        "{err:?}"
    );
    let err = ops.person("nobody", SERIK).unwrap_err();
    assert!(matches!(err, OpsError::NotFound(_)), "{err:?}");
    ops.disable_user(CLERK, "admin", now()).unwrap();
    let err = ops.person(CLERK, SERIK).unwrap_err();
    assert!(matches!(err, OpsError::Forbidden(_)), "{err:?}");
}

#[test]
fn any_bad_row_imports_nothing_and_every_bad_row_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let journal = ops.store.journal_len();
    let text = "iin,full_name,address\n\
        780412323149,Ахметов Серік Болатұлы,\"ул. Ерубаева,\nд. 12\"\n\
        780412323148,Неверная Контрольная Цифра,\n\
        85092341207,Короткий Номер,\n\
        850923412074,,\n\
        721105445199,Иванова Наталья Сергеевна,\n\
        780412323149,Ахметов Дубль,\n\
        ,Без Номера,\n\
        789912323149,Несуществующая Дата,\n";
    let report = ops.import_persons(text, "admin", now()).unwrap();
    assert_eq!(report.imported, 0);
    let lines: Vec<usize> = report.errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![4, 5, 6, 8, 9, 10], "{:#?}", report.errors);
    let says = |line: usize, what: &str| {
        assert!(
            report
                .errors
                .iter()
                .any(|(l, m)| *l == line && m.to_string().contains(what)),
            "line {line} should say {what:?}: {:#?}",
            report.errors
        );
    };
    says(4, "IIN 780412323148: the check digit does not match");
    says(5, "IIN 85092341207: 12 digits needed, 11 typed");
    says(6, "no full_name");
    says(8, "IIN 780412323149 is already on line 2");
    says(9, "no IIN");
    says(10, "the first six digits are not a birth date");
    // Nothing written: no person, no journal entry.
    assert_eq!(ops.store.person_count(), 0);
    assert_eq!(ops.store.journal_len(), journal);
    assert_eq!(person(&ops, NATALYA), None);
}

#[test]
fn a_file_without_its_header_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    for (text, says) in [
        (
            format!("{SERIK},Ахметов Серік Болатұлы\n"),
            "no iin, full_name column",
        ),
        ("".to_string(), "the file is empty"),
        (
            "iin,name\n780412323149,Ахметов\n".to_string(),
            "no full_name column",
        ),
        (
            "iin,full_name,IIN\n780412323149,Ахметов,1\n".to_string(),
            "column iin appears twice",
        ),
    ] {
        let err = ops.import_persons(&text, "admin", now()).unwrap_err();
        assert!(
            matches!(&err, OpsError::Invalid(m) if m.to_string().contains(says) && m.to_string().contains("iin,full_name,phone,address,district")),
            "{text:?}: {err:?}"
        );
    }
    // A header alone is a file of nobody: fine, and nothing is written.
    let journal = ops.store.journal_len();
    let report = ops
        .import_persons("iin,full_name,phone,address,district\n", "admin", now())
        .unwrap();
    assert_eq!(report, ImportReport::default());
    assert_eq!(ops.store.journal_len(), journal);
}

#[test]
fn importing_a_known_iin_again_updates_it() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let first = format!(
        "iin,full_name,phone\n{SERIK},Ахметов Серік Болатұлы,+7 701 234 56 78\n{AIGUL},Жұмабаева Айгүл Ерланқызы,\n"
    );
    ops.import_persons(&first, "admin", now()).unwrap();
    let second = format!(
        "iin,full_name,phone,district\n{AIGUL},Сейітова Айгүл Ерланқызы,+7 777 415 20 93,район имени Казыбек би\n"
    );
    let report = ops.import_persons(&second, "admin", now()).unwrap();
    assert_eq!(report.imported, 1);
    assert_eq!(ops.store.person_count(), 2);
    let aigul = person(&ops, AIGUL).unwrap();
    assert_eq!(aigul.full_name, "Сейітова Айгүл Ерланқызы");
    assert_eq!(aigul.phone.as_deref(), Some("+7 777 415 20 93"));
    assert_eq!(aigul.district.as_deref(), Some("район имени Казыбек би"));
    // The other one is untouched.
    assert_eq!(
        person(&ops, SERIK).unwrap().phone.as_deref(),
        Some("+7 701 234 56 78")
    );
    assert_sound(&ops.store);
}

#[test]
fn semicolon_files_from_spreadsheets_are_read_too() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    // As a spreadsheet in a Russian locale saves CSV: `;`, CRLF, rows of
    // empty cells at the end.
    let text = format!(
        "iin;full_name;phone;address;district\r\n{SERIK};Ахметов Серік Болатұлы;;г. Караганда, ул. Ерубаева, д. 12;\r\n;;;;\r\n;;;;\r\n"
    );
    let report = ops.import_persons(&text, "admin", now()).unwrap();
    assert_eq!(report.imported, 1, "{:?}", report.errors);
    assert_eq!(
        person(&ops, SERIK).unwrap().address.as_deref(),
        Some("г. Караганда, ул. Ерубаева, д. 12")
    );
}

#[test]
fn the_sample_file_imports_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let ops = create(tmp.path());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/persons-sample.csv"
    ))
    .unwrap();
    let report = ops.import_persons(&text, "admin", now()).unwrap();
    assert_eq!(
        report,
        ImportReport {
            imported: 10,
            errors: vec![]
        }
    );
    let all: Vec<Person> = text
        .lines()
        .skip(1)
        .map(|l| person(&ops, &l[..12]).unwrap())
        .collect();
    assert!(
        all.iter()
            .all(|p| p.address.is_some() && p.district.is_some())
    );
    assert_eq!(all.iter().filter(|p| p.phone.is_none()).count(), 1);
}

#[test]
fn persons_go_into_backups_and_check_looks_at_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let ops = create(&dir);
    ops.import_persons(
        &format!("iin,full_name\n{SERIK},Ахметов Серік Болатұлы\n{AIGUL},Жұмабаева Айгүл\n"),
        "admin",
        now(),
    )
    .unwrap();
    let mut backup = Vec::new();
    ops.store.backup(&mut backup, |_| {}).unwrap();
    let copy = Store::restore(&tmp.path().join("copy"), &backup, now(), |_| {}).unwrap();
    assert_eq!(copy.person_count(), 2);
    let serik = SERIK.parse().unwrap();
    assert_eq!(
        copy.person(&serik).unwrap(),
        ops.store.person(&serik).unwrap()
    );
    assert_sound(&copy);
    drop(copy);

    // A person filed under another IIN's key is found by `check`.
    drop(ops);
    {
        let db = sled::open(&dir).unwrap();
        let tree = db.open_tree("persons").unwrap();
        let aigul = tree.get(AIGUL).unwrap().unwrap();
        tree.insert(NATALYA, aigul).unwrap();
        tree.insert("000000000000", &encode(&"not a person")[..])
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&dir).unwrap();
    let findings = store.check(|_| {}).unwrap();
    assert_eq!(findings.len(), 3, "{findings:#?}");
    assert!(findings[0].contains("000000000000"), "{findings:#?}");
    assert_eq!(
        findings[1],
        format!("person {AIGUL} is filed under {NATALYA}")
    );
    // The kept count no longer matches the two persons written behind its back.
    assert_eq!(
        findings[2],
        "the count of persons says 2, the registry holds 4"
    );
}

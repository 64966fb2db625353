//! `qyzmet report` through the real binary: an XLSX workbook read back and
//! compared with the JSON figures, CSV as Kazakh spreadsheets open it, the
//! same report through a server, and refusals.

#[path = "common/served.rs"]
mod served;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use served::{Served, failed, qyzmet_on, succeeded};

const NOVEMBER: [&str; 4] = ["--from", "2026-11-01", "--to", "2026-11-30"];

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("store");
    succeeded(&["init", "--demo"], qyzmet_on(&db, &["init", "--demo"]));
    db
}

fn run(db: &Path, args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend_from_slice(&NOVEMBER);
    succeeded(&all, qyzmet_on(db, &all))
}

fn sheet(file: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(file).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn the_workbook_holds_the_json_figures_with_proper_types() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let xlsx = dir.path().join("compliance.xlsx");
    let said = run(
        &db,
        &[
            "report",
            "compliance",
            "--as",
            "head",
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(said.contains("compliance.xlsx"), "{said}");
    let json: Value = serde_json::from_str(&run(
        &db,
        &["report", "compliance", "--as", "head", "--json"],
    ))
    .unwrap();

    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Region", "Organisation", "Service", "Step", "Person"]
    );
    let rows = sheet(&xlsx, "Service");
    assert_eq!(rows[0][0], Data::String("Service".into()));
    assert_eq!(rows[0][1], Data::String("Received".into()));
    let expected: Vec<&Value> = json["body"]["compliance"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["key"].get("service").is_some())
        .collect();
    // The services, then the total.
    assert_eq!(rows.len(), 1 + expected.len() + 1);
    for (row, want) in rows[1..].iter().zip(&expected) {
        let t = &want["tally"];
        assert_eq!(row[1], Data::Float(t["received"].as_f64().unwrap()));
        assert_eq!(row[2], Data::Float(t["completed"].as_f64().unwrap()));
        assert_eq!(row[5], Data::Float(t["overdue_now"].as_f64().unwrap()));
        match want["on_time_share"].as_f64() {
            Some(share) => assert_eq!(row[4], Data::Float(share)),
            None => assert_eq!(row[4], Data::Empty),
        }
    }
    let total = rows.last().unwrap();
    assert_eq!(total[0], Data::String("Total".into()));
    let received: f64 = expected
        .iter()
        .map(|r| r["tally"]["received"].as_f64().unwrap())
        .sum();
    assert_eq!(total[1], Data::Float(received));

    // A list keeps its dates as dates.
    let overdue = dir.path().join("overdue.xlsx");
    run(
        &db,
        &[
            "report",
            "overdue",
            "--as",
            "head",
            "--xlsx",
            overdue.to_str().unwrap(),
        ],
    );
    let rows = sheet(&overdue, "Overdue and at risk");
    assert!(rows.len() > 1);
    assert!(matches!(rows[1][5], Data::DateTime(_)), "{:?}", rows[1][5]);
}

#[test]
fn csv_opens_in_kazakh_spreadsheets() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let csv = dir.path().join("steps.csv");
    let file = csv.to_str().unwrap();
    run(
        &db,
        &[
            "--lang",
            "ru",
            "report",
            "steps",
            "--as",
            "head",
            "--csv",
            file,
            "--delimiter",
            ";",
        ],
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte-order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("Услуга;Этап;Норма;"), "{header}");
    let fields = header.split(';').count();
    assert!(text.lines().count() > 2);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let mut shares = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), fields);
        shares.extend(
            record
                .iter()
                .filter(|f| f.ends_with('%'))
                .map(str::to_string),
        );
    }
    // Split at `;`, a spreadsheet reads the decimal comma.
    assert!(shares.iter().any(|f| f.contains(',')), "{shares:?}");
    assert!(shares.iter().all(|f| !f.contains('.')), "{shares:?}");
    // The default is the comma, and with it the decimal point.
    run(&db, &["report", "steps", "--as", "head", "--csv", file]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.starts_with("Service,Step,Norm,"));
    let shares: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|f| f.ends_with('%'))
        .collect();
    assert!(shares.iter().any(|f| f.contains('.')), "{shares:?}");
    assert!(shares.iter().all(|f| !f.contains(',')), "{shares:?}");
}

#[test]
fn the_terminal_writes_fractions_as_the_language_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let fractions = |lang: &str, kind: &str| -> Vec<String> {
        let out = run(&db, &["--lang", lang, "report", kind, "--as", "head"]);
        // A figure with a fraction: digits, one mark, digits (not a date).
        let fraction = |w: &&str| {
            let mut parts = w.split(['.', ',']);
            let digits = |p: Option<&str>| {
                p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            };
            digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
        };
        out.split_whitespace()
            .filter(fraction)
            .map(str::to_string)
            .collect()
    };
    for kind in ["compliance", "steps"] {
        let ru = fractions("ru", kind);
        assert!(!ru.is_empty(), "{kind}: some figure has a fraction");
        let all = |v: &[String], mark: char| v.iter().all(|w| w.contains(mark));
        assert!(all(&ru, ','), "{kind} ru: {ru:?}");
        let kk = fractions("kk", kind);
        assert!(all(&kk, ',') && !kk.is_empty(), "{kind} kk: {kk:?}");
        let en = fractions("en", kind);
        assert!(all(&en, '.') && !en.is_empty(), "{kind} en: {en:?}");
    }
}

#[test]
fn through_a_server_the_file_is_written_here() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let direct = dir.path().join("direct.xlsx");
    run(
        &db,
        &[
            "report",
            "forecast",
            "--as",
            "sc-head",
            "--xlsx",
            direct.to_str().unwrap(),
        ],
    );
    let socket = dir.path().join("q.sock");
    let _server = Served::start(&db, &socket, &dir.path().join("serve.log"));
    let remote = dir.path().join("remote.xlsx");
    let mut args = vec![
        "--connect",
        socket.to_str().unwrap(),
        "report",
        "forecast",
        "--as",
        "sc-head",
    ];
    args.extend_from_slice(&NOVEMBER);
    args.extend_from_slice(&["--xlsx", remote.to_str().unwrap()]);
    succeeded(&args, served::qyzmet(&args));
    let name = "Forecast breaches";
    assert_eq!(sheet(&remote, name), sheet(&direct, name));
}

#[test]
fn bad_input_and_the_wrong_role_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let fails =
        |args: &[&str], code: i32, says: &str| failed(args, qyzmet_on(&db, args), code, says);
    fails(
        &["report", "compliance", "--as", "specialist"],
        3,
        "may not read reports",
    );
    fails(
        &["report", "compliance", "--as", "head", "--org", "KRG-SC"],
        3,
        "KRG-SC is outside",
    );
    fails(
        &[
            "report",
            "compliance",
            "--as",
            "head",
            "--from",
            "2026-11-01",
        ],
        2,
        "--from and --to",
    );
    fails(
        &[
            "report",
            "compliance",
            "--as",
            "head",
            "--from",
            "2026-11-31",
            "--to",
            "2026-12-01",
        ],
        2,
        "--from and --to",
    );
    fails(
        &[
            "report",
            "steps",
            "--as",
            "head",
            "--csv",
            "x.csv",
            "--delimiter",
            ";;",
        ],
        2,
        "one character",
    );
    fails(
        &["report", "steps", "--as", "head", "--period", "last-week"],
        2,
        "--period",
    );
    fails(
        &[
            "--lang",
            "kk",
            "report",
            "steps",
            "--as",
            "head",
            "--from",
            "1.11.2026",
            "--to",
            "2026-11-30",
        ],
        2,
        "көрсетіңіз",
    );
    fails(
        &[
            "report",
            "steps",
            "--as",
            "head",
            "--service",
            "nothing-such",
        ],
        1,
        "nothing-such",
    );
}

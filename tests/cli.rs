//! The command line as a script would use it: the real binary, its output and exit codes.

use std::process::{Command, Output};

fn qyzmet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qyzmet"))
        .args(args)
        .env_remove("QYZMET_CATALOG")
        .env_remove("QYZMET_CALENDAR")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn calendar_due_prints_the_due_time() {
    let o = qyzmet(&[
        "calendar",
        "due",
        "--from",
        "2026-03-19T10:00",
        "--norm",
        "5 working_days",
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), "2026-03-31T18:30");
    let o = qyzmet(&[
        "calendar",
        "due",
        "--from",
        "2026-03-19T10:00",
        "--norm",
        "5 working_days",
        "--schedule",
        "state-corp",
        "--json",
    ]);
    assert_eq!(json(&o)["due"], "2026-03-31T18:00");
}

#[test]
fn calendar_due_rejects_bad_input_with_exit_2() {
    for args in [
        ["--from", "2026-02-30T10:00", "--norm", "5 working_days"],
        ["--from", "yesterday", "--norm", "5 working_days"],
        ["--from", "2026-03-19T10:00", "--norm", "five days"],
        ["--from", "2026-03-19T10:00", "--norm", "5 fortnights"],
    ] {
        let mut all = vec!["calendar", "due"];
        all.extend(args);
        let o = qyzmet(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.starts_with("qyzmet: "), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn calendar_day_says_why() {
    let o = qyzmet(&["calendar", "day", "2026-03-24"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("moved from 2026-03-21"),
        "{}",
        stdout(&o)
    );
    let v = json(&qyzmet(&["calendar", "day", "2025-01-05", "--json"]));
    assert_eq!(v["working"], true);
    assert_eq!(v["reason"]["kind"], "decreed_working_day");
    let v = json(&qyzmet(&["calendar", "day", "2026-05-27", "--json"]));
    assert_eq!(v["working"], false);
    assert_eq!(v["reason"]["holiday"], "kurban_ait");
    assert_eq!(
        qyzmet(&["calendar", "day", "24.03.2026"]).status.code(),
        Some(2)
    );
}

#[test]
fn iin_check_exit_codes_and_reasons() {
    let o = qyzmet(&["iin", "check", "800101300016"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("1980-01-01") && stdout(&o).contains("male"));
    let o = qyzmet(&["iin", "check", "800101300017", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["valid"], false);
    assert!(v["reason"].as_str().unwrap().contains("check digit"));
    let o = qyzmet(&["iin", "check", "801301300016"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("birth date"));
}

#[test]
fn catalog_show_json_has_the_documented_shape() {
    let v = json(&qyzmet(&[
        "catalog",
        "show",
        "krg-34-17-guardian-allowance",
        "--json",
    ]));
    for key in [
        "id",
        "name_ru",
        "name_kk",
        "region",
        "act",
        "channels",
        "routes",
        "total_term",
        "excluded",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["act"]["number"], "34/17");
    assert_eq!(v["act"]["date"], "2015-06-23");
    assert!(v["total_term"].is_null());
    let step = &v["routes"][0]["steps"][0];
    assert!(v["routes"][0]["name"].is_string());
    assert_eq!(step["actor"]["org"], "provider");
    assert_eq!(step["actor"]["role"], "clerk");
    assert_eq!(step["action"], "register");
    assert_eq!(step["norm"]["value"], 15);
    assert_eq!(step["norm"]["unit"], "minutes");
}

#[test]
fn catalog_list_and_unknown_ids() {
    let v = json(&qyzmet(&["catalog", "list", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 32);
    let o = qyzmet(&["catalog", "show", "no-such-service"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("unknown service")
    );
    // A service id with one variant is enough.
    let v = json(&qyzmet(&[
        "catalog",
        "show",
        "targeted-social-assistance",
        "--json",
    ]));
    assert_eq!(v["id"], "krg-37-03-targeted-social-assistance");
}

#[test]
fn an_admin_catalogue_directory_replaces_the_built_in_one() {
    let dir = std::env::temp_dir().join(format!("qyzmet-cat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("catalog/services/krg-34-17-guardian-allowance.toml");
    let text = std::fs::read_to_string(src).unwrap();
    std::fs::write(
        dir.join("one.toml"),
        text.replace("name = \"Свидетельство о рождении ребенка\"", "x"),
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let v = json(&qyzmet(&["--catalog", d, "catalog", "list", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert!(qyzmet(&["catalog", "check", "--dir", d]).status.success());
    // A broken edit is reported with the file, not a panic.
    std::fs::write(
        dir.join("broken.toml"),
        "id = \"x\"\nchannels = [\"telegraph\"]\n",
    )
    .unwrap();
    let o = qyzmet(&["--catalog", d, "catalog", "list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("broken.toml"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

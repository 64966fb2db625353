//! The command line as a script would use it: the real binary, its output and exit codes.

use std::process::{Command, Output};

/// The binary on 2026-11-23, with none of the caller's settings.
fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qyzmet"));
    c.env_remove("QYZMET_CATALOG")
        .env_remove("QYZMET_CALENDAR")
        .env_remove("QYZMET_LANG")
        .env_remove("QYZMET_THEME")
        .env("QYZMET_NOW", "2026-11-23T10:00");
    c
}

fn qyzmet(args: &[&str]) -> Output {
    command().args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
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

/// The schedule as the catalogue and JSON spell it; "days" alone is refused
/// naming the four units; a deadline into a provisional year warns.
#[test]
fn calendar_due_takes_state_corp_refuses_plain_days_and_warns_of_provisional_years() {
    let due = |norm: &str, from: &str, extra: &[&str]| {
        let mut args = vec!["calendar", "due", "--from", from, "--norm", norm];
        args.extend(extra);
        qyzmet(&args)
    };
    let o = due(
        "5 working_days",
        "2026-03-19T10:00",
        &["--schedule", "state_corp"],
    );
    assert_eq!(stdout(&o).trim(), "2026-03-31T18:00", "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "2026 is confirmed: {}", stderr(&o));
    for days in ["5 days", "5d", "5 day"] {
        let o = due(days, "2026-03-19T10:00", &[]);
        assert_eq!(o.status.code(), Some(2), "{days}");
        let err = stderr(&o);
        for unit in [
            "minutes",
            "hours",
            "working_days",
            "calendar_days",
            "неоднозначно",
        ] {
            assert!(err.contains(unit), "{days}: {err} lacks {unit}");
        }
    }
    let o = due("30 calendar_days", "2027-05-10T10:00", &["--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["provisional_years"], serde_json::json!([2027]));
    assert!(
        stderr(&o).contains("2027") && stderr(&o).contains("предварительный"),
        "{}",
        stderr(&o)
    );
    let o = qyzmet(&[
        "--lang",
        "en",
        "calendar",
        "due",
        "--from",
        "2027-05-10T10:00",
        "--norm",
        "30 calendar_days",
    ]);
    assert!(stderr(&o).contains("provisional"), "{}", stderr(&o));
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
    let o = qyzmet(&["--lang", "en", "iin", "check", "800101300016"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("01.01.1980") && stdout(&o).contains("male"));
    let o = qyzmet(&["iin", "check", "800101300016"]);
    assert!(
        stdout(&o).contains("дата рождения 01.01.1980, пол мужской"),
        "{}",
        stdout(&o)
    );
    let o = qyzmet(&["iin", "check", "800101300017", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["valid"], false);
    assert!(v["reason"].as_str().unwrap().contains("check digit"));
    let o = qyzmet(&["--lang", "en", "iin", "check", "801301300016"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("birth date"));
}

/// What a person types between digit groups is not a digit; a birth date
/// after today (QYZMET_NOW) is no birth date.
#[test]
fn iin_check_ignores_typed_groups_and_refuses_a_future_birth() {
    for typed in ["800101 300016", "800101-300016", " 8001 0130 0016 "] {
        let o = qyzmet(&["iin", "check", typed, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{typed}: {}", stdout(&o));
        assert_eq!(json(&o)["iin"], "800101300016");
    }
    let o = qyzmet(&["iin", "check", "800101 3000166"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("введено 13"), "{}", stdout(&o));
    let o = qyzmet(&["iin", "check", "300101500014", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["code"], "future_birth");
    assert!(json(&o)["reason"].as_str().unwrap().contains("2030-01-01"));
    let o = qyzmet(&["iin", "check", "300101500014"]);
    assert!(
        stdout(&o).contains("дата рождения ещё не наступила"),
        "{}",
        stdout(&o)
    );
    // On the day itself it is valid.
    let o = command()
        .env("QYZMET_NOW", "2030-01-01T09:00")
        .args(["iin", "check", "300101500014"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// `catalog check` of a directory without service files is an error, and a
/// missing one is named once.
#[test]
fn catalog_check_refuses_an_empty_or_missing_directory() {
    let empty = tempfile::tempdir().unwrap();
    let d = empty.path().to_str().unwrap();
    let o = qyzmet(&["catalog", "check", "--dir", d]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("no service files"), "{}", stderr(&o));
    let o = qyzmet(&["catalog", "check", "--dir", "/nonexistent"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("/nonexistent").count(), 1, "{err}");
    assert!(!err.contains("os error"), "{err}");
    let o = qyzmet(&["catalog", "check"]);
    assert!(
        stdout(&o).contains("Записей: 32; проблем: 0"),
        "{}",
        stdout(&o)
    );
}

/// `--lang` is checked by clap whatever the command; `--theme` is offered
/// only by the screens.
#[test]
fn lang_is_checked_everywhere_and_theme_only_where_there_is_a_screen() {
    for args in [
        &["--lang", "xx", "iin", "check", "800101300016"][..],
        &["calendar", "day", "2026-03-24", "--lang", "fr"],
    ] {
        let o = qyzmet(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("ru, kk или en"), "{}", stderr(&o));
    }
    let o = command()
        .env("QYZMET_LANG", "de")
        .args(["iin", "check", "800101300016"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = qyzmet(&["--lang", "kk", "iin", "check", "800101300016"]);
    assert!(stdout(&o).contains("ЖСН"), "{}", stdout(&o));

    let help = |args: &[&str]| stdout(&qyzmet(args));
    assert!(!help(&["loadgen", "--help"]).contains("--theme"));
    assert!(!help(&["app", "list", "--help"]).contains("--theme"));
    assert!(help(&["kiosk", "--help"]).contains("--theme"));
    assert!(help(&["board", "--help"]).contains("--theme"));
    assert!(help(&["--help"]).contains("--theme"));
    let o = qyzmet(&["--theme", "light", "iin", "check", "800101300016"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("kiosk --theme"), "{}", stderr(&o));
}

/// `--db`, `--connect`, `--catalog`, `--calendar` are offered where they
/// mean something: the workstation, and each command that uses them (after
/// its name too), never on `iin`, `completions` or `man`; typed before a
/// command that ignores them they are refused, set in the environment they
/// are not.
#[test]
fn store_and_source_options_only_where_they_are_used() {
    let help = |args: &[&str]| stdout(&qyzmet(args));
    for args in [
        &["iin", "check", "--help"][..],
        &["completions", "--help"],
        &["man", "--help"],
    ] {
        let text = help(args);
        for flag in ["--db", "--connect", "--catalog", "--calendar"] {
            assert!(!text.contains(flag), "{args:?} offers {flag}:\n{text}");
        }
    }
    let app = help(&["app", "list", "--help"]);
    for flag in ["--db", "--connect", "--catalog", "--calendar"] {
        assert!(app.contains(flag), "app list lacks {flag}:\n{app}");
    }
    let calendar = help(&["calendar", "day", "--help"]);
    assert!(
        calendar.contains("--calendar") && !calendar.contains("--db"),
        "{calendar}"
    );
    let status = help(&["status", "--help"]);
    assert!(
        status.contains("--connect") && !status.contains("--db"),
        "{status}"
    );
    let top = help(&["--help"]);
    assert!(top.contains("--db") && top.contains("--connect"), "{top}");

    let o = qyzmet(&["--db", "/tmp/nowhere", "iin", "check", "800101300016"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--db"), "{}", stderr(&o));
    let o = qyzmet(&["iin", "check", "800101300016", "--db", "/tmp/nowhere"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = command()
        .env("QYZMET_DB", "/tmp/nowhere")
        .args(["iin", "check", "800101300016"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));

    // After the command's name, at any depth, as before it.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    assert!(qyzmet(&["init", "--db", db]).status.success());
    for args in [
        &["--db", db, "org", "list"][..],
        &["org", "--db", db, "list"],
        &["org", "list", "--db", db],
    ] {
        let o = qyzmet(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let bash = stdout(&qyzmet(&["completions", "bash"]));
    let iin = bash
        .split("qyzmet__subcmd__iin__subcmd__check)")
        .nth(1)
        .and_then(|s| s.split(";;").next())
        .expect("the iin check case in the bash script");
    assert!(!iin.contains("--db"), "{iin}");
}

/// Completions and the manual page come from the clap definitions.
#[test]
fn completions_and_the_manual_are_generated() {
    let o = qyzmet(&["completions", "bash"]);
    assert!(o.status.success());
    let bash = stdout(&o);
    assert!(bash.contains("complete -F"), "{bash}");
    for word in [
        "calendar",
        "catalog",
        "app",
        "queue",
        "completions",
        "--lang",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    for shell in ["zsh", "fish"] {
        let o = qyzmet(&["completions", shell]);
        assert!(
            o.status.success() && stdout(&o).contains("calendar"),
            "{shell}"
        );
    }
    assert_eq!(qyzmet(&["completions", "tcsh"]).status.code(), Some(2));

    let page = stdout(&qyzmet(&["man"]));
    for roff in [
        ".TH qyzmet 1",
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(roff), "the page lacks {roff}");
    }
    let dir = tempfile::tempdir().unwrap();
    let o = qyzmet(&["man", "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "qyzmet.1",
        "qyzmet-app.1",
        "qyzmet-app-show.1",
        "qyzmet-calendar-due.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
    let o = qyzmet(&["man", "--out", "/nonexistent/man"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A reader that closes the pipe early ends the command quietly: no panic,
/// exit 0 (the pipe is closed before the command writes anything).
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    for args in [
        &["catalog", "list", "--json"][..],
        &["catalog", "list"],
        &["catalog", "show", "krg-34-17-guardian-allowance"],
        &["completions", "bash"],
        &["man"],
        &["calendar", "day", "2026-03-24"],
        &["iin", "check", "800101300016"],
    ] {
        let o = closed_pipe(command().args(args));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Runs `c` with its standard output a pipe whose reading end is closed
/// before the program starts writing.
fn closed_pipe(c: &mut Command) -> Output {
    use std::process::Stdio;
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
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

/// `catalog show` names norms, steps, roles and channels in words, not by
/// their identifiers.
#[test]
fn catalog_show_speaks_in_words() {
    let ru = stdout(&qyzmet(&[
        "catalog",
        "show",
        "krg-34-17-guardian-allowance",
    ]));
    for part in [
        "1. регистрация — Канцелярия, 15 мин",
        "6 раб. дн.",
        "ЦОН (Госкорпорация)",
    ] {
        assert!(ru.contains(part), "lacks {part:?}:\n{ru}");
    }
    for id in ["working_days", "provider/clerk", "state_corp", "Positive"] {
        assert!(!ru.contains(id), "shows {id:?}:\n{ru}");
    }
    let en = stdout(&qyzmet(&[
        "--lang",
        "en",
        "catalog",
        "show",
        "krg-34-17-guardian-allowance",
    ]));
    assert!(en.contains("1. registration — Clerk, 15 min"), "{en}");
}

//! The command line speaks the user's language: Russian by default, Kazakh
//! and English with `--lang` or `QYZMET_LANG`; an unknown language is refused.

#[path = "common/served.rs"]
mod served;

use served::{command, failed, output, succeeded};

/// An issued demo application: acting on it again is refused.
const CLOSED: [&str; 6] = [
    "app",
    "act",
    "KRG-SC-2026-000001",
    "register",
    "--as",
    "clerk",
];

#[test]
fn errors_are_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let run = |lang: Option<&str>, args: &[&str]| {
        let mut c = command();
        c.env("QYZMET_DB", &db).env_remove("QYZMET_LANG");
        if let Some(l) = lang {
            c.env("QYZMET_LANG", l);
        }
        output(c.args(args), None)
    };
    succeeded(&["init", "--demo"], run(Some("en"), &["init", "--demo"]));
    failed(&CLOSED, run(None, &CLOSED), 1, "Заявление закрыто (выдан)");
    failed(
        &CLOSED,
        run(Some("kk"), &CLOSED),
        1,
        "Өтініш жабылған (берілді)",
    );
    failed(
        &CLOSED,
        run(Some("en"), &CLOSED),
        1,
        "The application is closed (issued)",
    );
    let mut with_flag = vec!["--lang", "kk"];
    with_flag.extend(CLOSED);
    failed(
        &with_flag,
        run(Some("en"), &with_flag),
        1,
        "Өтініш жабылған",
    );
}

#[test]
fn an_unknown_language_is_refused_for_every_command() {
    let args = ["--lang", "xx", "iin", "check", "800101300016"];
    let out = output(command().args(args), None);
    failed(&args, out, 2, "«xx»: ru, kk");
}

/// The administrator's commands, their answers and their refusals, in
/// Kazakh: no English word (from the English table's own words), no
/// snake_case identifier, no debug shape on standard output or error.
/// Logins, codes and the values an administrator typed are theirs.
#[test]
fn administration_speaks_kazakh() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let root = env!("CARGO_MANIFEST_DIR");
    let queue_file = format!("{root}/docs/queue-sample.toml");
    let persons = format!("{root}/docs/persons-sample.csv");
    let backup = dir.path().join("copy.bak");
    let backup = backup.to_str().unwrap();
    let restored = dir.path().join("restored");
    let restored = restored.to_str().unwrap();
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(&bad_csv, "800101300016,Ахметова Айгерим\n").unwrap();
    let bad_csv = bad_csv.to_str().unwrap();
    let org = [
        "org",
        "add",
        "KRG-SC",
        "--kind",
        "state_corp",
        "--region",
        "karaganda",
        "--district",
        "Казыбек би",
        "--name-ru",
        "ЦОН",
        "--name-kk",
        "ХҚКО",
        "--windows",
        "2",
    ];
    let user = |login: &'static str| {
        vec![
            "user",
            "add",
            login,
            "--name",
            "Серікова Әйгерім",
            "--org",
            "KRG-SC",
            "--role",
            "operator",
            "--password-stdin",
        ]
    };
    let runs: Vec<(Vec<&str>, Option<&str>, bool)> = vec![
        (vec!["init"], None, true),
        (org.to_vec(), None, true),
        (org.to_vec(), None, false),
        (
            vec![
                "org",
                "add",
                "KRG SC!",
                "--kind",
                "provider",
                "--region",
                "karaganda",
                "--district",
                "Казыбек би",
                "--name-ru",
                "А",
                "--name-kk",
                "Ә",
            ],
            None,
            false,
        ),
        (vec!["org", "list"], None, true),
        (user("aigerim"), Some("qyzmet-secret\n"), true),
        (user("aigerim"), Some("qyzmet-secret\n"), false),
        (user("short"), Some("abc\n"), false),
        (vec!["user", "list"], None, true),
        (
            vec!["user", "passwd", "aigerim", "--password-stdin"],
            Some("another-secret\n"),
            true,
        ),
        (vec!["user", "disable", "nobody"], None, false),
        (vec!["person", "import", &persons], None, true),
        (vec!["person", "import", bad_csv], None, false),
        (vec!["person", "show", "800101300017"], None, false),
        (
            vec![
                "queue",
                "setup",
                "--centre",
                "KRG-SC",
                "--file",
                &queue_file,
            ],
            None,
            true,
        ),
        (vec!["queue", "show", "--centre", "KRG-SC"], None, true),
        (
            vec!["queue", "take", "--centre", "KRG-SC", "--category", "A"],
            None,
            true,
        ),
        (
            vec!["queue", "take", "--centre", "KRG-SC", "--category", "Q"],
            None,
            false,
        ),
        (
            vec!["queue", "sit", "--as", "aigerim", "--window", "1"],
            None,
            true,
        ),
        (
            vec!["queue", "act", "--as", "aigerim", "transfer", "--to", "B"],
            None,
            false,
        ),
        (vec!["queue", "act", "--as", "aigerim", "wave"], None, false),
        (
            vec![
                "queue",
                "stats",
                "--centre",
                "KRG-SC",
                "--date",
                "2026-11-23",
            ],
            None,
            true,
        ),
        (vec!["user", "disable", "aigerim"], None, true),
        (vec!["user", "list"], None, true),
        (vec!["journal", "verify"], None, true),
        (vec!["check"], None, true),
        (vec!["backup", backup], None, true),
        (vec!["backup", backup], None, false),
        (vec!["restore", backup], None, false),
    ];
    let mut said = String::new();
    let mut leaks = vec![];
    let mut check = |args: &[&str], out: std::process::Output, ok: bool| {
        assert_eq!(out.status.success(), ok, "{args:?}: {}", served::text(&out));
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.trim().is_empty(), "{args:?} said nothing");
        // Logins and a registry file's column names are the administrator's
        // own words (a region is named, not shown by its key).
        let own = [
            "aigerim",
            "short",
            "nobody",
            "iin",
            "full_name",
            "phone",
            "address",
            "district",
        ];
        let found = qyzmet::i18n::leaks::leaks(&text, &own);
        if !found.is_empty() {
            leaks.push(format!("{args:?}: {found:?}\n{text}"));
        }
        said.push_str(&text);
    };
    for (args, stdin, ok) in &runs {
        let mut c = served::command();
        c.arg("--lang").arg("kk").arg("--db").arg(&db).args(args);
        check(args, output(&mut c, *stdin), *ok);
    }
    let mut c = served::command();
    c.args(["--lang", "kk", "--db", restored, "restore", backup]);
    check(&["restore"], output(&mut c, None), true);
    // No server at the socket given: said in Kazakh too.
    let none = dir.path().join("none.sock");
    let mut c = served::command();
    c.args(["--lang", "kk", "status", "--connect"]).arg(&none);
    check(&["status"], output(&mut c, None), false);
    assert!(leaks.is_empty(), "{leaks:#?}");
    // `org list` names the region, not its key.
    assert!(said.contains("Қарағанды облысы") && !said.contains(" karaganda "));
    assert!(said.contains("серверіне қосылу мүмкін болмады"), "{said}");
    assert!(said.contains("пайдаланушысы қосылды"), "{said}");
    assert!(said.contains("кезегі бапталды"), "{said}");
}

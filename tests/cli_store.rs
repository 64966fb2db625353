//! Store administration and scripting through the real binary, as an admin would.

#[path = "common/served.rs"]
mod served;

use std::path::Path;
use std::process::Output;

use served::{command, failed, output, succeeded};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("store")
    }

    /// `qyzmet ARGS` on the store `db` (named by `QYZMET_DB`, as an admin's
    /// shell would).
    fn run_in(&self, db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
        output(
            command()
                .env("QYZMET_LANG", "ru")
                .env("QYZMET_DB", db)
                .args(args),
            stdin,
        )
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(&self.db(), args, None)
    }

    fn ok(&self, args: &[&str]) -> String {
        succeeded(args, self.run(args))
    }

    fn fails(&self, args: &[&str], code: i32, says: &str) {
        failed(args, self.run(args), code, says)
    }

    /// `qyzmet restore BACKUP --db TARGET`.
    fn restore(&self, backup: &Path, target: &Path) -> Output {
        let (backup, target_arg) = (backup.to_str().unwrap(), target.to_str().unwrap());
        self.run_in(target, &["restore", backup, "--db", target_arg], None)
    }

    fn region(&self) {
        self.ok(&["init"]);
        self.ok(&[
            "org",
            "add",
            "KRG-SC",
            "--name-ru",
            "ЦОН",
            "--name-kk",
            "ХҚКО",
            "--kind",
            "state_corp",
            "--region",
            "karaganda",
            "--district",
            "Казыбек би",
            "--windows",
            "4",
        ]);
        self.ok(&[
            "org",
            "add",
            "KRG-ED",
            "--name-ru",
            "Отдел образования",
            "--name-kk",
            "Білім бөлімі",
            "--kind",
            "provider",
            "--provider-kind",
            "district_executive",
            "--provider-kind",
            "education_department",
            "--region",
            "karaganda",
            "--district",
            "Казыбек би",
        ]);
        for (login, role, org) in [
            ("op", "operator", "KRG-SC"),
            ("cl", "clerk", "KRG-ED"),
            ("hd", "head", "KRG-ED"),
            ("sp", "specialist", "KRG-ED"),
        ] {
            let args = [
                "user",
                "add",
                login,
                "--name",
                "Тест",
                "--org",
                org,
                "--role",
                role,
                "--password-stdin",
            ];
            succeeded(&args, self.run_in(&self.db(), &args, Some("password1\n")));
        }
    }
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

const SERVICE: &str = "krg-34-17-guardian-allowance";

/// The arguments of an intake; append more flags to the returned vector.
fn submit<'a>(
    service: &'a str,
    iin: &'a str,
    name: &'a str,
    channel: &'a str,
    login: &'a str,
) -> Vec<&'a str> {
    vec![
        "app",
        "submit",
        "--service",
        service,
        "--iin",
        iin,
        "--name",
        name,
        "--channel",
        channel,
        "--as",
        login,
    ]
}
const IIN: &str = "800101300016";

#[test]
fn an_application_goes_its_route_from_the_command_line() {
    let env = Env::new();
    env.region();
    let mut intake = submit(SERVICE, IIN, "Ахметов Серик", "state_corp", "op");
    intake.push("--json");
    let v = json(&env.ok(&intake));
    let n = v["number"].as_str().unwrap().to_string();
    assert_eq!(n, "KRG-SC-2026-000001");
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["step"]["due"], "2026-11-23T10:15:00");
    assert!(v["receipt"].as_str().unwrap().contains("РАСПИСКА О ПРИЕМЕ"));

    // Wrong person, wrong step, stale version: clear errors, nothing written.
    env.fails(
        &["app", "act", &n, "register", "--as", "hd"],
        3,
        "у пользователя hd нет роли «Канцелярия»",
    );
    env.fails(
        &["app", "act", &n, "sign", "--as", "cl"],
        1,
        "Текущий этап заявления — регистрация",
    );
    env.fails(
        &["app", "act", &n, "register", "--as", "cl", "--version", "7"],
        4,
        "уже изменил",
    );
    env.fails(
        &["app", "act", "KRG-SC-2026-999999", "register", "--as", "cl"],
        1,
        "нет заявления с номером",
    );

    let v = json(&env.ok(&["app", "act", &n, "register", "--as", "cl", "--json"]));
    assert_eq!(v["numbers"][0], "KRG-ED-2026-000001");
    env.ok(&[
        "app",
        "act",
        &n,
        "assign",
        "--as",
        "hd",
        "--to",
        "sp",
        "--comment",
        "Рассмотреть",
    ]);
    env.ok(&[
        "app",
        "act",
        &n,
        "decide",
        "--as",
        "sp",
        "--decision",
        "approve",
    ]);
    env.ok(&[
        "app",
        "act",
        &n,
        "return",
        "--as",
        "hd",
        "--comment",
        "Уточнить счет",
    ]);
    env.ok(&[
        "app",
        "act",
        &n,
        "decide",
        "--as",
        "sp",
        "--decision",
        "refuse",
        "--ground",
        "requirements_not_met",
        "--comment",
        "Не соответствует требованиям",
    ]);
    env.ok(&["app", "act", &n, "sign", "--as", "hd"]);
    let v = json(&env.ok(&["app", "act", &n, "dispatch", "--as", "cl", "--json"]));
    assert_eq!(v["status"], "result_ready");
    assert_eq!(v["numbers"][1], "KRG-ED-OUT-2026-000001");
    assert_eq!(v["waits_for"]["action"], "receive", "{v}");
    env.fails(
        &[
            "app",
            "act",
            &n,
            "issue",
            "--as",
            "op",
            "--iin",
            "800101300017",
        ],
        2,
        "контрольная цифра",
    );
    // The centre marks the result's receipt in its journal before it issues it.
    let v = json(&env.ok(&[
        "app",
        "act",
        &n,
        "receive",
        "--as",
        "op",
        "--mark",
        "запись 9",
        "--json",
    ]));
    assert_eq!(v["status"], "result_ready");
    assert_eq!(v["waits_for"]["action"], "issue", "{v}");
    let v = json(&env.ok(&[
        "app", "act", &n, "issue", "--as", "op", "--iin", IIN, "--json",
    ]));
    assert_eq!(v["status"], "issued");
    env.fails(
        &["app", "act", &n, "withdraw", "--as", "op", "--comment", "x"],
        1,
        "закрыто",
    );

    let v = json(&env.ok(&["app", "show", &n, "--json"]));
    assert_eq!(
        v["history"].as_array().unwrap().len() as u64,
        v["version"].as_u64().unwrap()
    );
    assert!(env.ok(&["journal", "verify"]).starts_with("в порядке"));
    assert!(env.ok(&["check"]).starts_with("в порядке"));
}

#[test]
fn missing_documents_give_a_receipt_of_refusal() {
    let env = Env::new();
    env.region();
    let mut intake = submit(SERVICE, IIN, "Ахметов Серик", "state_corp", "op");
    intake.extend(["--docs", "missing:identity_document"]);
    let out = env.ok(&intake);
    assert!(
        out.contains("Статус:") && out.contains("отказ в приёме"),
        "{out}"
    );
    assert!(out.contains("Нет документов:"), "{out}");
    assert!(!out.contains("refused_at_intake"), "{out}");
    assert!(out.contains("РАСПИСКА ОБ ОТКАЗЕ"));
    assert!(out.contains("Документ, удостоверяющий личность"));
    let mut intake = submit(SERVICE, IIN, "X", "state_corp", "op");
    intake.extend(["--docs", "missing:passport_of_mars"]);
    env.fails(&intake, 2, "Неизвестный документ «passport_of_mars»");
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let env = Env::new();
    env.region();
    let before = env.ok(&["journal", "verify"]);
    env.fails(
        &submit("no-such", IIN, "X", "state_corp", "op"),
        2,
        "нет услуги no-such в каталоге",
    );
    env.fails(
        &submit(SERVICE, "80010130001", "X", "state_corp", "op"),
        2,
        "нужно 12 цифр",
    );
    env.fails(
        &submit(SERVICE, IIN, "X", "state_corp", "cl"),
        3,
        "Нет прав",
    );
    env.fails(
        &submit(SERVICE, IIN, "X", "rural_akim", "op"),
        3,
        "Нет прав",
    );
    env.fails(
        &submit(SERVICE, IIN, "X", "state_corp", "nobody"),
        1,
        "нет пользователя",
    );
    env.fails(
        &submit(SERVICE, "300101500014", "X", "state_corp", "op"),
        2,
        "дата рождения ещё не наступила",
    );
    assert_eq!(env.ok(&["journal", "verify"]), before);
    assert!(
        env.ok(&["app", "list", "--as", "op"])
            .contains("Заявлений: 0")
    );
    assert!(
        env.ok(&["--lang", "en", "app", "list", "--as", "op"])
            .contains("Applications: 0")
    );
}

#[test]
fn users_can_be_disabled_and_a_missing_store_is_explained() {
    let env = Env::new();
    env.fails(&["check"], 1, "qyzmet init");
    env.region();
    env.fails(&["init"], 1, "уже существует");
    env.ok(&["user", "disable", "op"]);
    env.fails(
        &submit(SERVICE, IIN, "X", "state_corp", "op"),
        3,
        "отключён",
    );
    let users = json(&env.ok(&["user", "list", "--json"]));
    assert_eq!(users.as_array().unwrap().len(), 4);
    let o = env.run_in(
        &env.db(),
        &["user", "passwd", "cl", "--password-stdin"],
        Some("short\n"),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn backup_and_restore_round_trip() {
    let env = Env::new();
    env.region();
    env.ok(&submit(SERVICE, IIN, "Ахметов Серик", "state_corp", "op"));
    let file = env.dir.path().join("b.qbk");
    env.ok(&["backup", file.to_str().unwrap()]);
    let copy = env.dir.path().join("copy");
    let o = env.restore(&file, &copy);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = json(&env.ok(&["app", "show", "KRG-SC-2026-000001", "--json"]));
    let o = env.run_in(
        &copy,
        &["app", "show", "KRG-SC-2026-000001", "--json"],
        None,
    );
    assert_eq!(json(&String::from_utf8(o.stdout).unwrap()), a);
    // Into a non-empty location, or from garbage: refused.
    let o = env.restore(&file, &copy);
    assert_eq!(o.status.code(), Some(1));
    let junk = env.dir.path().join("junk.qbk");
    std::fs::write(&junk, b"not a backup at all, just words").unwrap();
    let target = env.dir.path().join("from-junk");
    let o = env.restore(&junk, &target);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a valid Qyzmet backup"));
    assert!(!target.exists());
}

#[test]
fn two_providers_of_one_kind_must_say_which_services_they_render() {
    let env = Env::new();
    env.region();
    // A second district executive body in the same district: which one renders
    // the guardian allowance is ambiguous until the administrator says so.
    let social = [
        "org",
        "add",
        "KRG-SP",
        "--name-ru",
        "Отдел занятости",
        "--name-kk",
        "Жұмыспен қамту бөлімі",
        "--kind",
        "provider",
        "--provider-kind",
        "district_executive",
        "--region",
        "karaganda",
        "--district",
        "Казыбек би",
    ];
    env.ok(&social);
    let intake = submit(SERVICE, IIN, "Ахметов Серик", "state_corp", "op");
    env.fails(
        &intake,
        2,
        "несколько услугодателей: «Отдел образования» (KRG-ED), «Отдел занятости» (KRG-SP)",
    );

    let env = Env::new();
    env.region();
    let mut listed = social.to_vec();
    listed.extend(["--service", "targeted-social-assistance"]);
    env.ok(&listed);
    let mut intake = intake.clone();
    intake.push("--json");
    let v = json(&env.ok(&intake));
    assert_eq!(v["orgs"]["provider"], "KRG-ED");
}

#[test]
fn persons_are_imported_and_shown_from_the_command_line() {
    let env = Env::new();
    env.region();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/persons-sample.csv");
    let out = env.ok(&["person", "import", sample]);
    assert!(out.contains("импортировано людей: 10"), "{out}");

    let v = json(&env.ok(&["person", "show", "910217308739", "--json"]));
    assert_eq!(v["iin"], "910217308739");
    assert_eq!(v["full_name"], "Нұрланов Дәурен Маратұлы");
    assert_eq!(
        v["address"],
        "г. Караганда, мкр. Голубые пруды, ЖК \"Сарыарқа\", д. 3, кв. 41"
    );
    let out = env.ok(&["person", "show", "660730330522", "--as", "op"]);
    assert!(out.contains("Ким Виктор Александрович"), "{out}");
    assert!(out.contains("Телефон:  —"), "{out}");
    env.fails(
        &["person", "show", "660730330522", "--as", "nobody"],
        1,
        "нет пользователя",
    );
    // Not there is "not found" (1); a malformed IIN is bad input (2); the
    // groups a person types are fine.
    env.fails(
        &["person", "show", IIN],
        1,
        "нет человека с ИИН 800101300016",
    );
    env.fails(&["person", "show", "660730330523"], 2, "контрольная цифра");
    assert!(
        env.ok(&["person", "show", "660730 330522"])
            .contains("Ким Виктор")
    );

    // One bad row: nothing imported, every bad row listed.
    let bad = env.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "full_name,iin\nАхметова Айгерим,800101300016\nБез Имени,80010130001\n,850923412074\n",
    )
    .unwrap();
    let o = env.run(&["person", "import", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("ничего не импортировано, 2 проблемы"), "{err}");
    assert!(
        err.contains("строка 3: ИИН 80010130001: нужно 12 цифр"),
        "{err}"
    );
    assert!(err.contains("строка 4: нет ФИО"), "{err}");
    env.fails(&["person", "show", IIN], 1, "нет человека с ИИН");
    // Not CSV with a header, not UTF-8, not there.
    std::fs::write(&bad, "800101300016,Ахметова Айгерим\n").unwrap();
    env.fails(
        &["person", "import", bad.to_str().unwrap()],
        2,
        "первая строка должна называть столбцы",
    );
    std::fs::write(&bad, b"iin,full_name\n800101300016,\xc0\xf5\xec\xe5\xf2\n").unwrap();
    env.fails(
        &["person", "import", bad.to_str().unwrap()],
        2,
        "не текст UTF-8",
    );
    env.fails(
        &["person", "import", "/no/such.csv"],
        2,
        "/no/such.csv: нет такого файла или каталога",
    );

    assert!(env.ok(&["journal", "verify"]).starts_with("в порядке"));
    assert!(env.ok(&["check"]).starts_with("в порядке"));
}

/// The route of `an_application_goes_its_route...` in short, with typed
/// texts: register, assign, decide (refuse), then the card and the JSON.
fn refused_application(env: &Env) -> String {
    let mut intake = submit(
        SERVICE,
        "800101 300016",
        "Ахметов Серик",
        "state_corp",
        "op",
    );
    intake.push("--json");
    let n = json(&env.ok(&intake))["number"]
        .as_str()
        .unwrap()
        .to_string();
    for act in [
        &["register", "--as", "cl"][..],
        &[
            "assign",
            "--as",
            "hd",
            "--to",
            "sp",
            "--comment",
            "Рассмотреть в срок",
        ],
        &[
            "decide",
            "--as",
            "sp",
            "--decision",
            "refuse",
            "--ground",
            "requirements_not_met",
            "--comment",
            "Не соответствует требованиям",
        ],
    ] {
        let mut args = vec!["app", "act", &n];
        args.extend(act);
        env.ok(&args);
    }
    n
}

/// `app show` is a card a person reads, in their language; `--json` stays
/// for scripts. Neither shows Rust's debug notation.
#[test]
fn app_show_prints_a_readable_card_and_clean_json() {
    let env = Env::new();
    env.region();
    let n = refused_application(&env);
    let card = env.ok(&["app", "show", &n]);
    for part in [
        "Заявитель:",
        "Ахметов Серик, ИИН 800101300016",
        "ЦОН (Госкорпорация)",
        "в работе",
        "подписание — Руководитель, Отдел образования (KRG-ED)",
        "Срок этапа:",
        "в срок, осталось",
        "История:",
        "23.11.2026 10:00  Тест (op), Оператор ЦОН, ЦОН (KRG-SC) — подано",
        "регистрация: № KRG-ED-2026-000001",
        "резолюция: исполнитель Тест (sp), текст: «Рассмотреть в срок»",
        "несоответствие требованиям. Не соответствует требованиям",
    ] {
        assert!(card.contains(part), "the card lacks {part:?}:\n{card}");
    }
    for debug in [
        "Iin(",
        "Submitted {",
        "OnTime",
        "Some(",
        "working_days",
        "StateCorp",
        "⟨?⟩",
    ] {
        assert!(!card.contains(debug), "the card shows {debug:?}:\n{card}");
    }
    let en = env.ok(&["--lang", "en", "app", "show", &n]);
    assert!(en.contains("Applicant:") && en.contains("History:"), "{en}");

    let text = env.ok(&["app", "show", &n, "--json"]);
    let v = json(&text);
    assert_eq!(v["applicant"]["iin"], "800101300016");
    assert_eq!(v["sla"]["state"], "on_time");
    assert!(v["sla"]["left_or_overdue"].is_object(), "{}", v["sla"]);
    for debug in ["Iin(", "[8,", "Some(", "OnTime"] {
        assert!(!text.contains(debug), "the JSON shows {debug:?}:\n{text}");
    }
}

/// Every number a person sees on a paper finds its application: the
/// incoming registration number, the outgoing one. A well-formed number
/// that matches nothing is "not found" (1); a malformed one bad input (2).
#[test]
fn any_number_of_an_application_finds_it() {
    let env = Env::new();
    env.region();
    let n = refused_application(&env);
    env.ok(&["app", "act", &n, "sign", "--as", "hd"]);
    env.ok(&["app", "act", &n, "dispatch", "--as", "cl"]);
    for number in ["KRG-ED-2026-000001", "KRG-ED-OUT-2026-000001", &n] {
        let v = json(&env.ok(&["app", "show", number, "--json"]));
        assert_eq!(v["number"], n.as_str(), "{number}");
        let card = env.ok(&["app", "show", number, "--as", "cl"]);
        assert!(card.starts_with(&n), "{number}: {card}");
    }
    env.fails(
        &["app", "show", "KRG-ED-2026-000059"],
        1,
        "нет заявления с номером KRG-ED-2026-000059",
    );
    env.fails(&["app", "show", "59"], 2, "не номер заявления");
    assert!(env.ok(&["check"]).starts_with("в порядке"));
}

/// A backup never replaces a file by surprise and names no file the user
/// did not give.
#[test]
fn backup_refuses_an_existing_file_without_force() {
    let env = Env::new();
    env.region();
    let file = env.dir.path().join("b.qbk");
    std::fs::write(&file, "keep me").unwrap();
    let f = file.to_str().unwrap();
    let o = env.run(&["backup", f]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(f) && err.contains("--force"), "{err}");
    assert!(!err.contains("partial"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    let out = env.ok(&["backup", f, "--force"]);
    assert!(out.contains(f) && !out.contains("partial"), "{out}");
    assert_ne!(std::fs::read(&file).unwrap(), b"keep me");
    let o = env.run(&["backup", "/nonexistent/dir/b.qbk"]);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("/nonexistent").count(), 1, "{err}");
    assert!(!err.contains("partial"), "{err}");
    // Nothing left behind beside the file.
    let names: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
}

/// `... | head -1`: a reader that closes the pipe ends a store command
/// quietly, on the store and through a server.
#[test]
fn a_closed_pipe_ends_store_commands_quietly() {
    let env = Env::new();
    env.region();
    for _ in 0..3 {
        env.ok(&submit(SERVICE, IIN, "Ахметов Серик", "state_corp", "op"));
    }
    let socket = env.dir.path().join("q.sock");
    let lists: [&[&str]; 4] = [
        &["app", "list", "--as", "op"],
        &["app", "list", "--as", "op", "--json"],
        &["app", "show", "KRG-SC-2026-000001"],
        &["user", "list", "--json"],
    ];
    for args in lists {
        let o = closed_pipe(command().env("QYZMET_DB", env.db()).args(args));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    let _server = served::Served::start(&env.db(), &socket, &env.dir.path().join("log"));
    for args in lists {
        let o = closed_pipe(command().arg("--connect").arg(&socket).args(args));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "--connect {args:?}: {err}");
        assert!(!err.contains("panicked"), "--connect {args:?}: {err}");
    }
}

/// Runs `c` with its standard output a pipe whose reading end is closed
/// before the program starts writing.
fn closed_pipe(c: &mut std::process::Command) -> Output {
    use std::process::Stdio;
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

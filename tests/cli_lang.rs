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

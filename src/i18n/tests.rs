//! The texts are complete, parse and fill.

use super::*;

#[test]
fn languages_have_the_same_keys() {
    let ru: std::collections::BTreeSet<_> = texts(Lang::Ru).plain.keys().collect();
    assert!(ru.len() > 300, "only {} messages compiled", ru.len());
    for lang in [Lang::Kk, Lang::En] {
        let other: std::collections::BTreeSet<_> = texts(lang).plain.keys().collect();
        let missing: Vec<_> = ru.difference(&other).collect();
        let extra: Vec<_> = other.difference(&ru).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            lang.code()
        );
    }
}

/// A broken .ftl file must fail here, not reach a user as missing texts.
#[test]
fn ftl_files_parse_without_problems() {
    for lang in Lang::ALL {
        assert!(
            texts(lang).problems.is_empty(),
            "{:#?}",
            texts(lang).problems
        );
    }
}

/// Every `t(.., "key")` / `tf(.., "key", ..)` in the crate's source names a key that exists.
#[test]
fn every_key_used_exists() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let mut unknown = vec![];
    let mut seen = 0;
    for f in files {
        // rustfmt splits long calls over lines: scan with every run of
        // whitespace made one space, and none right after a parenthesis.
        let raw = std::fs::read_to_string(&f).unwrap();
        let text = raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace("( ", "(");
        for pat in [
            "t(lang, \"",
            "tf(lang, \"",
            "t(self.lang, \"",
            "tf(self.lang, \"",
            "t(l, \"",
            "tf(l, \"",
            "self.both(\"",
        ] {
            for (i, _) in text.match_indices(pat) {
                let rest = &text[i + pat.len()..];
                let key = &rest[..rest.find('"').unwrap()];
                seen += 1;
                if lookup(Lang::Ru, key).is_none() {
                    unknown.push(format!("{}: {key}", f.display()));
                }
            }
        }
    }
    assert!(
        seen > 50,
        "the scan found only {seen} keys: the pattern is stale"
    );
    assert!(unknown.is_empty(), "unknown keys: {unknown:#?}");
}

#[test]
fn placeholders_fill() {
    assert_eq!(
        tf(Lang::En, "login.wrong", &[("n", &2)]),
        "Wrong login or password. Attempts left: 2"
    );
    assert_eq!(
        tf(Lang::Ru, "time.hours", &[("h", &3), ("m", &5)]),
        "3 ч 05 мин"
    );
}

#[test]
fn russian_counts_take_three_forms() {
    let created = |n: u32| {
        tf(
            Lang::Ru,
            "demo.created",
            &[("apps", &n), ("password", &"x")],
        )
    };
    assert!(created(1).contains(" 1 заявление."), "{}", created(1));
    assert!(created(2).contains(" 2 заявления."), "{}", created(2));
    assert!(created(5).contains(" 5 заявлений."), "{}", created(5));
    assert!(created(11).contains(" 11 заявлений."), "{}", created(11));
    assert!(created(21).contains(" 21 заявление."), "{}", created(21));
    assert!(created(24).contains(" 24 заявления."), "{}", created(24));
}

#[test]
fn kazakh_and_english_counts() {
    let created = |lang, n: usize| tf(lang, "demo.created", &[("apps", &n), ("password", &"x")]);
    assert!(created(Lang::Kk, 1).contains(" 1 өтініш."));
    assert!(created(Lang::Kk, 5).contains(" 5 өтініш."));
    assert!(created(Lang::En, 1).contains(" 1 application."));
    assert!(created(Lang::En, 2).contains(" 2 applications."));
    assert_eq!(
        tf(Lang::En, "time.working_days", &[("n", &1)]),
        "1 working day"
    );
    assert_eq!(
        tf(Lang::En, "time.working_days", &[("n", &21)]),
        "21 working days"
    );
}

/// Numbers given as text (an IIN, a ticket number) keep their digits.
#[test]
fn text_arguments_stay_text() {
    assert_eq!(
        tf(
            Lang::Ru,
            "error.wrong_recipient",
            &[("iin", &"000101500014")]
        ),
        "Результат выдаётся только заявителю или его представителю; ИИН 000101500014 не их"
    );
    // No Unicode isolation marks around placeables: terminals show them.
    assert!(!tf(Lang::En, "login.wrong", &[("n", &2)]).contains('\u{2068}'));
}

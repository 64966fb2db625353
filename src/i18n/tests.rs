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

/// Every variant of every enum a screen names has a real text in every
/// language: no marker, no internal code.
#[test]
fn every_domain_value_has_a_name_in_every_language() {
    use crate::domain::catalog::{Channel, ResultKind, StepAction};
    use crate::domain::norm::{Norm, NormUnit};
    use crate::domain::queue::{OperatorState, OutcomeKind, PriorityReason, TicketState};
    use crate::domain::roles::Role;
    use crate::domain::route::{RefusalGround, Status};
    use crate::tui::action::Context;

    for lang in Lang::ALL {
        let mut named: Vec<(String, String)> = vec![];
        let mut add = |code: &str, text: String| named.push((code.to_string(), text));
        StepAction::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), step_name(lang, v).into()));
        Status::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), status_name(lang, v).into()));
        Channel::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), channel_name(lang, v).into()));
        Role::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), role_name(lang, v).into()));
        RefusalGround::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), ground_name(lang, v).into()));
        ResultKind::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), result_kind_name(lang, v).into()));
        TicketState::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), ticket_state_name(lang, v).into()));
        OutcomeKind::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), outcome_name(lang, v).into()));
        OperatorState::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), operator_state_name(lang, v).into()));
        PriorityReason::ALL
            .into_iter()
            .for_each(|v| add(v.as_str(), priority_name(lang, v).into()));
        Context::ALL
            .into_iter()
            .for_each(|v| add(v.name(), help_section(lang, v).into()));
        for unit in NormUnit::ALL {
            for n in [0, 1, 2, 5, 21] {
                add(unit.as_str(), norm_text(lang, Norm::new(n, unit)));
            }
        }
        for (code, text) in named {
            let latin = text.chars().any(|c| c.is_ascii_alphabetic());
            assert!(
                !text.contains(['⟨', '{', '_']) && (lang == Lang::En || !latin),
                "{}: {code} is shown as {text:?}",
                lang.code()
            );
        }
    }
}

#[test]
fn norms_read_as_people_say_them() {
    use crate::domain::norm::{Norm, NormUnit};
    let n = |lang, v, u| norm_text(lang, Norm::new(v, u));
    assert_eq!(n(Lang::Ru, 15, NormUnit::Minutes), "15 минут");
    assert_eq!(n(Lang::Ru, 1, NormUnit::WorkingDays), "1 рабочий день");
    assert_eq!(n(Lang::Ru, 3, NormUnit::WorkingDays), "3 рабочих дня");
    assert_eq!(n(Lang::Ru, 0, NormUnit::WorkingDays), "в день поступления");
    assert_eq!(
        n(Lang::Ru, 21, NormUnit::CalendarDays),
        "21 календарный день"
    );
    assert_eq!(n(Lang::Kk, 15, NormUnit::Minutes), "15 минут");
    assert_eq!(n(Lang::Kk, 5, NormUnit::WorkingDays), "5 жұмыс күні");
    assert_eq!(n(Lang::En, 1, NormUnit::Hours), "1 hour");
    assert_eq!(n(Lang::En, 15, NormUnit::Minutes), "15 minutes");
    assert_eq!(n(Lang::En, 1, NormUnit::WorkingDays), "1 working day");
}

/// The built-in catalogue names every document in all three languages; an
/// administrator's entry without a language falls back to Russian and
/// `catalog check` lists it.
#[test]
fn documents_are_named_in_every_language() {
    let cat = crate::catalog_files::embedded().unwrap();
    let missing: Vec<String> = cat.iter().flat_map(|s| s.missing_translations()).collect();
    assert!(missing.is_empty(), "{missing:#?}");
    let service = cat.get("krg-34-17-guardian-allowance").unwrap();
    let doc = &service.documents[1];
    assert_ne!(document_name(Lang::En, doc), doc.name_ru);
    assert!(
        document_name(Lang::En, doc).is_ascii(),
        "{}",
        document_name(Lang::En, doc)
    );

    let mut own = service.clone();
    own.documents[1].name_en.clear();
    assert_eq!(document_name(Lang::En, &own.documents[1]), doc.name_ru);
    assert_eq!(
        own.missing_translations(),
        vec![format!(
            "{}: document {} has no name_en",
            own.id, own.documents[1].id
        )]
    );
}

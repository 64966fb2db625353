//! A `domain::unfit::Unfit` reason as a sentence in the user's language:
//! one message `unfit-<kind>` per variant.

use super::{Lang, tf};
use crate::domain::unfit::{Unfit, UnfitKind};

/// The message key of a reason's kind: `unfit.name_empty`...
fn unfit_key(kind: UnfitKind) -> String {
    let name: &'static str = kind.into();
    format!("unfit.{name}")
}

pub fn unfit_text(lang: Lang, u: &Unfit) -> String {
    let key = unfit_key(UnfitKind::from(u));
    match u {
        Unfit::ExpiredNotHandedIn { document } => tf(lang, &key, &[("doc", document)]),
        Unfit::OtherService { service } => tf(lang, &key, &[("service", service)]),
        Unfit::RouteMissing { route } => tf(lang, &key, &[("route", route)]),
        Unfit::NotEarlierStep { step } | Unfit::StepNotTaken { step } => {
            tf(lang, &key, &[("step", step)])
        }
        Unfit::PowerNotInEnis { number } | Unfit::PowerNeedsRepresentativeIin { number } => {
            tf(lang, &key, &[("number", number)])
        }
        Unfit::PowerOtherRepresentative { number, named } => {
            tf(lang, &key, &[("number", number), ("iin", named)])
        }
        Unfit::PowerNotYetValid { number, from: day }
        | Unfit::PowerExpired { number, until: day } => tf(
            lang,
            &key,
            &[("number", number), ("date", &day.format("%d.%m.%Y"))],
        ),
        Unfit::ActTextMissing {
            name_ru,
            name_kk,
            name_en,
        } => {
            let name = match lang {
                Lang::Ru => name_ru,
                Lang::Kk => name_kk,
                Lang::En => name_en,
            };
            tf(lang, &key, &[("act", name)])
        }
        Unfit::ActNotOfStep { act } => tf(lang, &key, &[("act", act)]),
        _ => tf(lang, &key, &[]),
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::super::leaks::leaks;
    use super::super::lookup;
    use super::*;

    fn sample(kind: UnfitKind) -> Unfit {
        match kind {
            UnfitKind::NameEmpty => Unfit::NameEmpty,
            UnfitKind::ExpiredNotHandedIn => Unfit::ExpiredNotHandedIn {
                document: "ДОК".into(),
            },
            UnfitKind::OtherService => Unfit::OtherService {
                service: "УСЛУГА".into(),
            },
            UnfitKind::RouteMissing => Unfit::RouteMissing {
                route: "МАРШРУТ".into(),
            },
            UnfitKind::RefuseOnlyAtIntake => Unfit::RefuseOnlyAtIntake,
            UnfitKind::NameMissingDocuments => Unfit::NameMissingDocuments,
            UnfitKind::WithdrawalNeedsReason => Unfit::WithdrawalNeedsReason,
            UnfitKind::RegistrationNumberEmpty => Unfit::RegistrationNumberEmpty,
            UnfitKind::ResultGoesToCounter => Unfit::ResultGoesToCounter,
            UnfitKind::NameSpecialist => Unfit::NameSpecialist,
            UnfitKind::ActEmpty => Unfit::ActEmpty,
            UnfitKind::RefusalNeedsReasons => Unfit::RefusalNeedsReasons,
            UnfitKind::ReturnOnlyInProgress => Unfit::ReturnOnlyInProgress,
            UnfitKind::NotEarlierStep => Unfit::NotEarlierStep { step: 3 },
            UnfitKind::ReturnNeedsComment => Unfit::ReturnNeedsComment,
            UnfitKind::StepNotTaken => Unfit::StepNotTaken { step: 4 },
            UnfitKind::PowerNotInEnis => Unfit::PowerNotInEnis {
                number: "НОТ-15".into(),
            },
            UnfitKind::PowerOtherRepresentative => Unfit::PowerOtherRepresentative {
                number: "НОТ-15".into(),
                named: "900202400012".into(),
            },
            UnfitKind::PowerNotYetValid => Unfit::PowerNotYetValid {
                number: "НОТ-15".into(),
                from: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            },
            UnfitKind::PowerExpired => Unfit::PowerExpired {
                number: "НОТ-15".into(),
                until: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            },
            UnfitKind::PowerNeedsRepresentativeIin => Unfit::PowerNeedsRepresentativeIin {
                number: "НОТ-15".into(),
            },
            UnfitKind::ActTextMissing => Unfit::ActTextMissing {
                name_ru: "акт обследования".into(),
                name_kk: "тексеру актісі".into(),
                name_en: "inspection act".into(),
            },
            UnfitKind::ActNotOfStep => Unfit::ActNotOfStep {
                act: "АКТ".into()
            },
            UnfitKind::ReceiptNeedsMark => Unfit::ReceiptNeedsMark,
            UnfitKind::AlreadyReceived => Unfit::AlreadyReceived,
            UnfitKind::NotReceivedYet => Unfit::NotReceivedYet,
            UnfitKind::ReceiptOnlyAtCentre => Unfit::ReceiptOnlyAtCentre,
        }
    }

    /// Every reason has a text in each language, with its values filled in,
    /// and the Russian and Kazakh ones carry no English word or identifier.
    #[test]
    fn every_reason_is_said_in_words() {
        let mut bad = vec![];
        for kind in UnfitKind::iter() {
            let u = sample(kind);
            assert_eq!(UnfitKind::from(&u), kind);
            for lang in Lang::ALL {
                let key = unfit_key(kind);
                assert!(lookup(lang, &key).is_some(), "{key} missing in {lang:?}");
                let text = unfit_text(lang, &u);
                assert!(!text.contains('{'), "{key} ({lang:?}): {text}");
                let latin = text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()));
                if lang != Lang::En && (latin || !leaks(&text, &[]).is_empty()) {
                    bad.push(format!("{key} ({}): {text}", lang.code()));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }
}

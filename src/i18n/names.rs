//! The names of domain values (services, documents, organisations, steps,
//! categories) in the user's language.

use chrono::NaiveDateTime;

use super::{Lang, t};
use crate::domain::catalog::{Document, ResultDoc, Service, StepAction};
use crate::store::model::Organisation;

/// Dates as users write them.
pub fn date_time(at: NaiveDateTime) -> String {
    at.format("%d.%m.%Y %H:%M").to_string()
}

pub fn opt_date_time(at: Option<NaiveDateTime>) -> String {
    at.map(date_time).unwrap_or_else(|| "—".into())
}

pub fn service_name(lang: Lang, s: &Service) -> &str {
    match lang {
        Lang::Ru => &s.name_ru,
        Lang::Kk => &s.name_kk,
        Lang::En => &s.name_en,
    }
}

pub fn document_name(lang: Lang, d: &Document) -> &str {
    match lang {
        Lang::Kk if !d.name_kk.is_empty() => &d.name_kk,
        _ => &d.name_ru,
    }
}

pub fn result_name(lang: Lang, r: &ResultDoc) -> &str {
    match lang {
        Lang::Ru => &r.name_ru,
        Lang::Kk => &r.name_kk,
        Lang::En => &r.name_en,
    }
}

pub fn org_name(lang: Lang, o: &Organisation) -> &str {
    match lang {
        Lang::Kk if !o.name_kk.is_empty() => &o.name_kk,
        _ => &o.name_ru,
    }
}

pub fn step_name(lang: Lang, a: StepAction) -> &'static str {
    t(lang, &format!("step.{}", a.as_str()))
}

/// A queue category's names, `lang`'s first.
pub fn category_names(lang: Lang, c: &crate::domain::queue::Category) -> (&str, &str) {
    if lang == Lang::Kk {
        (&c.name_kk, &c.name_ru)
    } else {
        (&c.name_ru, &c.name_kk)
    }
}

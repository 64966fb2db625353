//! Reports in words: groupings, column headers and the forecast's reason
//! ("4 ahead of it at this specialist, who completes 2 a day").

use super::names::role_name;
use super::{Lang, t, tf};
use crate::domain::report::{ForecastRow, GroupBy, HolderKey, Outlook, PACE_DAYS};

pub fn group_name(lang: Lang, by: Option<GroupBy>) -> &'static str {
    t(
        lang,
        &format!("report.group.{}", by.map_or("total", GroupBy::as_str)),
    )
}

/// A column's header (`report.col.NAME`).
pub fn column(lang: Lang, name: &str) -> &'static str {
    t(lang, &format!("report.col.{name}"))
}

/// How a language writes the fractional part of a number: "2,8" in
/// Russian and Kazakh, "2.8" in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    pub fn of(lang: Lang) -> DecimalMark {
        match lang {
            Lang::En => DecimalMark::Point,
            Lang::Ru | Lang::Kk => DecimalMark::Comma,
        }
    }

    /// `value` with `digits` decimals, written with this mark.
    pub fn write(self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        match self {
            DecimalMark::Point => text,
            DecimalMark::Comma => text.replace('.', ","),
        }
    }

    /// Whole when it is, else with up to `digits` decimals.
    pub fn figure(self, value: f64, digits: usize) -> String {
        if value.fract() == 0.0 {
            self.write(value, 0)
        } else {
            self.write(value, digits)
        }
    }
}

/// Completions a day as people say it: whole, or with one decimal.
fn pace(lang: Lang, per_day: f64) -> String {
    DecimalMark::of(lang).figure((per_day * 10.0).round() / 10.0, 1)
}

/// Who holds it, in words: the person's login, or the role at its organisation.
pub fn holder_words(lang: Lang, holder: &HolderKey) -> String {
    match holder {
        HolderKey::Person { login, .. } => login.clone(),
        HolderKey::Office { org, role } => format!("{} ({org})", role_name(lang, *role)),
    }
}

/// Why an application is forecast as it is.
pub fn forecast_reason(lang: Lang, row: &ForecastRow) -> String {
    let ahead = tf(lang, "report.ahead", &[("n", &row.ahead)]);
    match (row.outlook, &row.holder) {
        (Outlook::NoPace, holder) => tf(
            lang,
            "report.reason.stalled",
            &[
                ("ahead", &ahead),
                ("holder", &holder_words(lang, holder)),
                ("days", &PACE_DAYS),
            ],
        ),
        (Outlook::Pace { per_day }, HolderKey::Person { .. }) => tf(
            lang,
            "report.reason.person",
            &[("ahead", &ahead), ("pace", &pace(lang, per_day))],
        ),
        (Outlook::Pace { per_day }, HolderKey::Office { org, role }) => tf(
            lang,
            "report.reason.office",
            &[
                ("ahead", &ahead),
                ("role", &role_name(lang, *role)),
                ("org", org),
                ("pace", &pace(lang, per_day)),
            ],
        ),
    }
}

/// Which due the forecast says will be missed.
pub fn misses(lang: Lang, row: &ForecastRow) -> &'static str {
    match (row.misses_step, row.misses_overall) {
        (true, true) => t(lang, "report.misses.both"),
        (false, true) => t(lang, "report.misses.overall"),
        _ => t(lang, "report.misses.step"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::StepAction;
    use crate::domain::roles::Role;

    fn row(ahead: u32, outlook: Outlook, holder: HolderKey) -> ForecastRow {
        ForecastRow {
            number: "N".into(),
            service: "s".into(),
            step: 2,
            action: StepAction::Execute,
            holder,
            ahead,
            outlook,
            expected: None,
            step_due: None,
            overall_due: None,
            misses_step: true,
            misses_overall: false,
        }
    }

    #[test]
    fn the_reason_reads_as_a_sentence_in_each_language() {
        let person = HolderKey::Person {
            login: "spec1".into(),
            org: "KRG-ED".into(),
        };
        let r = row(4, Outlook::Pace { per_day: 2.0 }, person);
        assert_eq!(
            forecast_reason(Lang::En, &r),
            "4 ahead of it at this specialist, who completes 2 a day"
        );
        assert_eq!(
            forecast_reason(Lang::Ru, &r),
            "впереди 4 заявления у этого исполнителя, который выполняет 2 в день"
        );
        assert_eq!(
            forecast_reason(Lang::Kk, &r),
            "бұл орындаушыда алдында 4 өтініш, ол күніне 2 орындайды"
        );
        let office = HolderKey::Office {
            org: "KRG-ED".into(),
            role: Role::Clerk,
        };
        let r = row(1, Outlook::Pace { per_day: 0.44 }, office.clone());
        assert_eq!(
            forecast_reason(Lang::En, &r),
            "1 ahead of it at Clerk of KRG-ED, who complete 0.4 a day"
        );
        assert_eq!(
            forecast_reason(Lang::Ru, &r),
            "впереди 1 заявление в очереди «Канцелярия» (KRG-ED), там выполняют 0,4 в день"
        );
        assert!(
            forecast_reason(Lang::Kk, &r).contains("0,4"),
            "{}",
            forecast_reason(Lang::Kk, &r)
        );
        let r = row(0, Outlook::NoPace, office);
        assert!(
            forecast_reason(Lang::Ru, &r).starts_with("впереди никого у «Канцелярия (KRG-ED)»")
        );
        for lang in Lang::ALL {
            assert!(!forecast_reason(lang, &r).contains('⟨'));
            for by in GroupBy::ALL.map(Some).into_iter().chain([None]) {
                assert!(!group_name(lang, by).contains('⟨'));
            }
        }
    }
}

//! The working calendar and norm arithmetic against the shipped year files.

#[path = "common/served.rs"]
mod served;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use proptest::prelude::*;
use qyzmet::catalog_files;
use qyzmet::domain::calendar::{
    DayReason, DueError, Office, Schedule, SlaState, TimeAmount, WorkingCalendar,
};
use qyzmet::domain::norm::{Norm, NormUnit};

fn cal() -> WorkingCalendar {
    CAL.clone()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn due(cal: &WorkingCalendar, schedule: &Schedule, from: &str, norm: &str) -> String {
    let office = Office {
        calendar: cal,
        schedule,
    };
    office
        .due(at(from), norm.parse().unwrap())
        .unwrap()
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The id of the holiday `d` is, if it is one.
fn holiday_of(c: &WorkingCalendar, d: &str) -> Option<String> {
    match c.day(date(d)).reason {
        DayReason::Holiday { holiday } => Some(holiday.id),
        _ => None,
    }
}

/// The holiday whose day off moved onto `d`, and the day it fell on.
fn moved_from(c: &WorkingCalendar, d: &str) -> Option<(String, NaiveDate)> {
    match c.day(date(d)).reason {
        DayReason::MovedDayOff { holiday, from } => Some((holiday.id, from)),
        _ => None,
    }
}

#[test]
fn the_issue_example_five_working_days_across_nauryz() {
    let c = cal();
    assert_eq!(
        due(
            &c,
            &Schedule::provider(),
            "2026-03-19T10:00",
            "5 working_days"
        ),
        "2026-03-31T18:30"
    );
    // State Corporation centres close at 18:00.
    assert_eq!(
        due(
            &c,
            &Schedule::state_corp(),
            "2026-03-19T10:00",
            "5 working_days"
        ),
        "2026-03-31T18:00"
    );
}

#[test]
fn nauryz_weekend_days_move_to_the_next_working_days() {
    let c = cal();
    for d in ["2026-03-21", "2026-03-23"] {
        assert_eq!(holiday_of(&c, d), Some("nauryz".into()), "{d}");
    }
    assert_eq!(
        moved_from(&c, "2026-03-24"),
        Some(("nauryz".into(), date("2026-03-21")))
    );
    assert_eq!(
        moved_from(&c, "2026-03-25"),
        Some(("nauryz".into(), date("2026-03-22")))
    );
    assert!(c.is_working(date("2026-03-26")));
}

#[test]
fn each_2026_weekend_holiday_moves_as_published() {
    let c = cal();
    for (off, from) in [
        ("2026-03-09", "2026-03-08"),
        ("2026-05-11", "2026-05-09"),
        ("2026-10-26", "2026-10-25"),
    ] {
        let info = c.day(date(off));
        assert!(!info.working, "{off}");
        assert!(matches!(info.reason, DayReason::MovedDayOff { from: f, .. } if f == date(from)));
    }
    assert_eq!(holiday_of(&c, "2026-05-27"), Some("kurban_ait".into()));
    assert!(!c.day(date("2026-05-27")).provisional);
}

#[test]
fn religious_days_do_not_move() {
    let c = cal();
    // Kurban Ait 2027 (forecast) falls on a Sunday: Monday stays a working day.
    assert_eq!(date("2027-05-16").weekday(), Weekday::Sun);
    assert!(c.is_working(date("2027-05-17")));
    assert!(c.day(date("2027-05-16")).provisional);
    // 7 Jan 2023 was a Saturday; Monday 9 Jan 2023 was a working day, while
    // New Year's Sunday 1 Jan moved to Tuesday 3 Jan (2 Jan being a holiday).
    assert!(c.is_working(date("2023-01-09")));
    assert_eq!(moved_from(&c, "2023-01-03").unwrap().0, "new_year");
}

#[test]
fn decrees_move_days_off_and_make_weekends_working() {
    let c = cal();
    let jan3 = c.day(date("2025-01-03"));
    assert!(!jan3.working);
    assert!(matches!(jan3.reason, DayReason::DecreedDayOff { ref act } if act.contains("436")));
    let jan5 = c.day(date("2025-01-05"));
    assert!(jan5.working);
    assert!(matches!(jan5.reason, DayReason::DecreedWorkingDay { .. }));
}

#[test]
fn years_without_data_are_provisional_but_follow_the_law() {
    let c = cal();
    let d = c.day(date("2030-12-16"));
    assert!(!d.working && d.provisional);
}

#[test]
fn minutes_count_only_office_hours() {
    let c = cal();
    let p = Schedule::provider();
    // 40 minutes left on Friday, the rest from Monday's opening.
    assert_eq!(
        due(&c, &p, "2026-11-20T17:50", "60 minutes"),
        "2026-11-23T09:20"
    );
    // A step started in the lunch break counts from 14:30.
    assert_eq!(
        due(&c, &p, "2026-11-23T13:30", "15 minutes"),
        "2026-11-23T14:45"
    );
    // Started before opening.
    assert_eq!(
        due(&c, &p, "2026-11-23T07:00", "15 minutes"),
        "2026-11-23T09:15"
    );
    // Started on a Saturday.
    assert_eq!(
        due(&c, &p, "2026-11-21T11:00", "15 minutes"),
        "2026-11-23T09:15"
    );
    // Exactly to the close: due at the close, not the next morning.
    assert_eq!(
        due(&c, &p, "2026-11-23T18:00", "30 minutes"),
        "2026-11-23T18:30"
    );
    // Hours across the break: 11:00 + 3 h = 11:00-13:00 (2 h) + 14:30-15:30.
    assert_eq!(
        due(&c, &p, "2026-11-23T11:00", "3 hours"),
        "2026-11-23T15:30"
    );
    // The State Corporation has no break.
    assert_eq!(
        due(&c, &Schedule::state_corp(), "2026-11-23T11:00", "3 hours"),
        "2026-11-23T14:00"
    );
}

#[test]
fn working_days_skip_the_start_day_and_days_off() {
    let c = cal();
    let p = Schedule::provider();
    assert_eq!(
        due(&c, &p, "2026-11-23T10:00", "1 working_days"),
        "2026-11-24T18:30"
    );
    // Friday + 1 working day = Monday.
    assert_eq!(
        due(&c, &p, "2026-11-20T10:00", "1 working_days"),
        "2026-11-23T18:30"
    );
    // A step started on Saturday: Monday is the first following working day.
    assert_eq!(
        due(&c, &p, "2026-11-21T10:00", "1 working_days"),
        "2026-11-23T18:30"
    );
    // Zero means the same day; on a day off, the next working day.
    assert_eq!(
        due(&c, &p, "2026-11-23T10:00", "0 working_days"),
        "2026-11-23T18:30"
    );
    assert_eq!(
        due(&c, &p, "2026-11-22T10:00", "0 working_days"),
        "2026-11-23T18:30"
    );
    // Across the 2026/27 new year: 31 Dec (Thu) + 2 = 5 Jan (1, 2 Jan off, 2 Jan Sat -> 4 Jan off).
    assert_eq!(
        due(&c, &p, "2026-12-31T10:00", "2 working_days"),
        "2027-01-06T18:30"
    );
}

#[test]
fn calendar_days_land_on_the_next_working_day() {
    let c = cal();
    let p = Schedule::provider();
    assert_eq!(
        due(&c, &p, "2026-11-23T10:00", "3 calendar_days"),
        "2026-11-26T18:30"
    );
    // 19 Mar + 2 = 21 Mar (Nauryz, Saturday): the next working day is 26 Mar.
    assert_eq!(
        due(&c, &p, "2026-03-19T10:00", "2 calendar_days"),
        "2026-03-26T18:30"
    );
    assert_eq!(
        due(&c, &p, "2026-11-20T10:00", "30 calendar_days"),
        "2026-12-21T18:30"
    );
}

/// Found by fuzzing (fuzz/crashes/date_norm): a norm of more days than
/// chrono's dates reach was an overflow panic, not an out-of-range error.
#[test]
fn a_huge_calendar_day_norm_is_out_of_range() {
    let c = cal();
    let p = Schedule::provider();
    let office = Office {
        calendar: &c,
        schedule: &p,
    };
    let norm = Norm::new(u32::MAX, NormUnit::CalendarDays);
    assert!(matches!(
        office.due(at("2026-11-23T10:00"), norm),
        Err(DueError::OutOfRange(_))
    ));
}

#[test]
fn sla_states_in_the_norms_terms() {
    let c = cal();
    let p = Schedule::provider();
    let office = Office {
        calendar: &c,
        schedule: &p,
    };
    let start = at("2026-11-23T09:00");
    // 09:00-13:00 and 14:30-15:30: the lunch break does not count.
    let norm = Norm::new(5, NormUnit::Hours);
    let due_at = office.due(start, norm).unwrap();
    assert_eq!(due_at, at("2026-11-23T15:30"));
    let s = office.sla(start, due_at, norm, at("2026-11-23T10:00"));
    assert_eq!(s.state, SlaState::OnTime);
    assert_eq!(s.amount, TimeAmount::WorkingMinutes(240));
    assert_eq!(s.amount.to_string(), "4 h 00 min");
    // In the break, 60 minutes of 300 are left (20%): at risk.
    let s = office.sla(start, due_at, norm, at("2026-11-23T14:00"));
    assert_eq!(s.state, SlaState::AtRisk);
    assert_eq!(s.amount, TimeAmount::WorkingMinutes(60));
    let s = office.sla(start, due_at, norm, at("2026-11-24T09:45"));
    assert_eq!(s.state, SlaState::Overdue);
    assert_eq!(s.amount, TimeAmount::WorkingMinutes(3 * 60 + 45));

    let norm = Norm::new(5, NormUnit::WorkingDays);
    let due_at = office.due(start, norm).unwrap();
    assert_eq!(due_at, at("2026-11-30T18:30"));
    let s = office.sla(start, due_at, norm, at("2026-11-25T12:00"));
    assert_eq!(
        (s.state, s.amount),
        (SlaState::OnTime, TimeAmount::WorkingDays(3))
    );
    let s = office.sla(start, due_at, norm, at("2026-11-30T16:00"));
    assert_eq!(s.state, SlaState::AtRisk);
    let s = office.sla(start, due_at, norm, at("2026-12-02T10:00"));
    assert_eq!(
        (s.state, s.amount),
        (SlaState::Overdue, TimeAmount::WorkingDays(2))
    );
}

#[test]
fn out_of_range_dates_are_an_error_not_a_panic() {
    let c = cal();
    let p = Schedule::provider();
    let office = Office {
        calendar: &c,
        schedule: &p,
    };
    assert!(
        office
            .due(
                at("2100-12-30T10:00"),
                Norm::new(400, NormUnit::WorkingDays)
            )
            .is_err()
    );
    assert!(
        office
            .due(at("1800-01-01T10:00"), Norm::new(1, NormUnit::Minutes))
            .is_err()
    );
}

fn any_moment() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..(3 * 366), 0u32..24, 0u32..60)
        .prop_map(|(d, h, m)| date("2025-01-01").and_hms_opt(h, m, 0).unwrap() + Duration::days(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn working_days_due_counts_exactly_n_working_days(from in any_moment(), n in 0u32..40) {
        let c = cal();
        let p = Schedule::provider();
        let office = Office { calendar: &c, schedule: &p };
        let due = office.due(from, Norm::new(n, NormUnit::WorkingDays)).unwrap();
        prop_assert!(c.is_working(due.date()));
        prop_assert_eq!(due.time(), p.close);
        let mut count = 0;
        let mut d = from.date() + Duration::days(1);
        while d <= due.date() {
            if c.is_working(d) { count += 1; }
            d += Duration::days(1);
        }
        if n == 0 {
            prop_assert!(count <= 1);
        } else {
            prop_assert_eq!(count, n);
        }
    }

    #[test]
    /// Working minutes add up (the forecast finds each holder's next case
    /// from the last one's moment): n then m minutes is n + m, on both the
    /// provider's and the State Corporation's schedule.
    fn working_minutes_add_up(from in any_moment(), n in 1u32..5000, m in 1u32..5000, corp in any::<bool>()) {
        let c = cal();
        let s = if corp { Schedule::state_corp() } else { Schedule::provider() };
        let office = Office { calendar: &c, schedule: &s };
        let minutes = |at, k| office.due(at, Norm::new(k, NormUnit::Minutes)).unwrap();
        prop_assert_eq!(minutes(minutes(from, n), m), minutes(from, n + m));
    }

    #[test]
    fn minutes_due_spends_exactly_the_norm_in_office_time(from in any_moment(), m in 1u32..3000) {
        let c = cal();
        let p = Schedule::provider();
        let office = Office { calendar: &c, schedule: &p };
        let due = office.due(from, Norm::new(m, NormUnit::Minutes)).unwrap();
        prop_assert!(due > from);
        prop_assert_eq!(office.working_minutes_between(from, due), i64::from(m));
        prop_assert!(c.is_working(due.date()));
    }

    #[test]
    fn calendar_days_due_is_the_first_working_day_from_the_target(from in any_moment(), n in 0u32..60) {
        let c = cal();
        let p = Schedule::provider();
        let office = Office { calendar: &c, schedule: &p };
        let due = office.due(from, Norm::new(n, NormUnit::CalendarDays)).unwrap();
        let target = from.date() + Duration::days(i64::from(n));
        prop_assert!(due.date() >= target);
        prop_assert!(c.is_working(due.date()));
        let mut d = target;
        while d < due.date() {
            prop_assert!(!c.is_working(d));
            d += Duration::days(1);
        }
    }

    #[test]
    fn due_is_monotonic_in_the_start_and_the_norm(a in any_moment(), b in any_moment(), n in 0u32..30, unit in 0usize..4) {
        let c = cal();
        let p = Schedule::provider();
        let office = Office { calendar: &c, schedule: &p };
        let unit = NormUnit::ALL[unit];
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let da = office.due(a, Norm::new(n, unit)).unwrap();
        prop_assert!(da <= office.due(b, Norm::new(n, unit)).unwrap());
        prop_assert!(da <= office.due(a, Norm::new(n + 1, unit)).unwrap());
    }

    #[test]
    fn every_weekend_secular_holiday_yields_one_moved_weekday(year in 1995i32..2090) {
        let c = cal();
        let mut weekend_secular = 0;
        let mut moved = 0;
        let mut d = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        while d <= end {
            match c.day(d).reason {
                DayReason::Holiday { holiday } if holiday.moved_if_weekend
                    && matches!(d.weekday(), Weekday::Sat | Weekday::Sun) => weekend_secular += 1,
                DayReason::MovedDayOff { from, .. } => {
                    moved += 1;
                    prop_assert!(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
                    prop_assert!(from < d);
                }
                _ => {}
            }
            d += Duration::days(1);
        }
        // Decreed days can cover a moved one only in years with data (2025-2027).
        if !(2025..=2027).contains(&year) {
            prop_assert_eq!(weekend_secular, moved);
        }
    }
}

static CAL: std::sync::LazyLock<WorkingCalendar> =
    std::sync::LazyLock::new(|| catalog_files::calendar(None).expect("embedded calendar loads"));

/// Working minutes the slow way: every day from `from` to `to`, every
/// interval clipped (what the counted-days arithmetic must equal).
fn minutes_by_walking(office: &Office, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let mut total = 0;
    let mut day = from.date();
    while to > from && day <= to.date() {
        if office.calendar.is_working(day) {
            for (a, b) in office.schedule.intervals() {
                let s = day.and_time(a).max(from);
                let e = day.and_time(b).min(to);
                if e > s {
                    total += (e - s).num_minutes();
                }
            }
        }
        day += Duration::days(1);
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn counted_working_time_equals_walking_it(
        a in any_moment(),
        b in any_moment(),
        state_corp in any::<bool>(),
    ) {
        let schedule = if state_corp { Schedule::state_corp() } else { Schedule::provider() };
        let office = Office { calendar: &CAL, schedule: &schedule };
        let (from, to) = (a.min(b), a.max(b));
        prop_assert_eq!(
            office.working_minutes_between(from, to),
            minutes_by_walking(&office, from, to)
        );
        prop_assert_eq!(office.working_minutes_between(to, from), 0);
        let walked = (0..(to.date() - from.date()).num_days())
            .filter(|&i| CAL.is_working(from.date() + Duration::days(i)))
            .count() as u32;
        prop_assert_eq!(CAL.working_days_in(from.date(), to.date()), walked);
    }
}

/// The counted working days agree with the day-by-day explanation, over
/// the years with data and beyond them.
#[test]
fn is_working_agrees_with_the_explained_day() {
    let mut d = date("2023-12-25");
    while d <= date("2031-01-10") {
        assert_eq!(CAL.is_working(d), CAL.day(d).working, "{d}");
        d += Duration::days(1);
    }
}

// ---- Constitution Day under the Constitution adopted on 15 March 2026
// (issue 13 item 12; catalog/calendar/holidays.toml).

#[test]
fn constitution_day_is_30_august_until_2025() {
    let c = cal();
    // Saturday 30 August 2025: the holiday, its day off on Monday 1 September.
    assert_eq!(
        holiday_of(&c, "2025-08-30"),
        Some("constitution_day".into())
    );
    assert_eq!(
        moved_from(&c, "2025-09-01"),
        Some(("constitution_day".into(), date("2025-08-30")))
    );
    assert!(!c.is_working(date("2025-09-01")));
}

#[test]
fn from_2026_30_august_is_no_holiday_and_31_august_2026_was_a_working_day() {
    let c = cal();
    let sunday = c.day(date("2026-08-30"));
    assert_eq!(sunday.reason, DayReason::Weekend);
    let monday = c.day(date("2026-08-31"));
    assert!(monday.working, "{monday}");
    assert_eq!(monday.reason, DayReason::Weekday);
    // A 1-working-day step from Friday 28 August is due on Monday 31 August.
    let p = Schedule::provider();
    assert_eq!(
        due(&c, &p, "2026-08-28T10:00", "1 working_days"),
        "2026-08-31T18:30"
    );
    assert_eq!(holiday_of(&c, "2027-08-30"), None);
}

#[test]
fn from_2027_15_march_is_constitution_day() {
    let c = cal();
    assert_eq!(date("2027-03-15").weekday(), Weekday::Mon);
    let day = c.day(date("2027-03-15"));
    assert!(!day.working);
    match &day.reason {
        DayReason::Holiday { holiday } => {
            assert_eq!(holiday.id, "constitution_day");
            assert!(!holiday.is_religious() && holiday.moved_if_weekend);
            assert_eq!(
                holiday.name_kk(),
                "Қазақстан Республикасының Конституциясы күні"
            );
        }
        other => panic!("{other:?}"),
    }
    // Not yet in 2026: Sunday 15 March 2026 moved nothing to Monday 16 March.
    assert_eq!(c.day(date("2026-03-15")).reason, DayReason::Weekend);
    assert!(c.is_working(date("2026-03-16")));
    // A weekend 15 March moves its day off: Saturday in 2031 -> Monday 17.
    assert_eq!(
        moved_from(&c, "2031-03-17"),
        Some(("constitution_day".into(), date("2031-03-15")))
    );
}

#[test]
fn a_deadline_across_15_march_2027_skips_constitution_day() {
    let c = cal();
    let p = Schedule::provider();
    // Friday 12 March + 1 working day: Monday 15 is off, so Tuesday 16.
    assert_eq!(
        due(&c, &p, "2027-03-12T10:00", "1 working_days"),
        "2027-03-16T18:30"
    );
    // Thursday 11 March + 5 working days: 12, 16, 17, 18, 19.
    assert_eq!(
        due(&c, &p, "2027-03-11T10:00", "5 working_days"),
        "2027-03-19T18:30"
    );
    // Minutes run over the holiday too: Friday 17:30 + 90 minutes.
    assert_eq!(
        due(&c, &p, "2027-03-12T17:30", "90 minutes"),
        "2027-03-16T09:30"
    );
    // A calendar-day norm ending on the holiday moves to the next working day.
    assert_eq!(
        due(&c, &p, "2027-03-05T10:00", "10 calendar_days"),
        "2027-03-16T18:30"
    );
}

#[test]
fn republic_day_has_the_name_the_law_gives_it_in_each_year() {
    let c = cal();
    let name = |d: &str| match c.day(date(d)).reason {
        DayReason::Holiday { holiday } | DayReason::MovedDayOff { holiday, .. } => (
            holiday.id.clone(),
            holiday.name_kk().to_string(),
            holiday.name_ru().to_string(),
        ),
        other => panic!("{d}: {other:?}"),
    };
    assert_eq!(
        name("2025-10-27"),
        (
            "republic_day".into(),
            "Республика күні".into(),
            "День Республики".into()
        )
    );
    assert_eq!(
        name("2027-10-25"),
        (
            "republic_day".into(),
            "Қазақстан Республикасы күні".into(),
            "День Республики Казахстан".into()
        )
    );
}

/// A calendar from the shipped year files and `rules` instead of the shipped rules.
fn with_rules(rules: &str) -> Result<WorkingCalendar, String> {
    let dir = tempfile::tempdir().unwrap();
    for f in ["kz-2025.toml", "kz-2026.toml", "kz-2027.toml"] {
        std::fs::copy(format!("catalog/calendar/{f}"), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("holidays.toml"), rules).unwrap();
    catalog_files::calendar(Some(dir.path()))
}

#[test]
fn a_rule_holds_from_its_first_to_its_last_year_inclusive() {
    let c = with_rules(
        r#"
[[holiday]]
id = "test_day"
dates = ["06-16"]
kind = "secular"
moved_if_weekend = true
from = 2026
until = 2027
name = { ru = "Тест", kk = "Тест", en = "Test" }
"#,
    )
    .unwrap();
    // Tuesday 16 June 2025 and Friday 16 June 2028: outside the years.
    assert!(c.is_working(date("2025-06-16")));
    assert!(c.is_working(date("2028-06-16")));
    // Tuesday 16 June 2026 and Wednesday 16 June 2027: the first and last year.
    assert_eq!(holiday_of(&c, "2026-06-16"), Some("test_day".into()));
    assert_eq!(holiday_of(&c, "2027-06-16"), Some("test_day".into()));
    // The rules replace the shipped ones: 1 January is no holiday here.
    assert!(c.is_working(date("2026-01-01")));
}

#[test]
fn bad_holiday_rules_are_refused_with_file_and_line() {
    let rule = |body: &str| {
        format!(
            "# rules\n\n[[holiday]]\nid = \"a\"\nkind = \"secular\"\nmoved_if_weekend = true\nname = {{ ru = \"А\", kk = \"А\", en = \"A\" }}\n{body}"
        )
    };
    for (body, line, says) in [
        ("dates = [\"02-30\"]\n", 8, "not a month and day"),
        (
            "dates = [\"01-05\"]\nfrom = 2030\nuntil = 2029\n",
            10,
            "from 2030 is after until 2029",
        ),
        (
            "dates = [\"01-05\"]\nannounced = \"kurban_ait\"\n",
            3,
            "either dates",
        ),
        ("dates = [\"01-05\"]\nfrom = 1800\n", 9, "outside"),
        ("", 3, "either dates"),
    ] {
        let err = with_rules(&rule(body)).unwrap_err();
        assert!(err.contains(&format!("holidays.toml:{line}: ")), "{err}");
        assert!(err.contains(says), "{err}");
    }
    // Two rules giving the same day in the same years: named by both lines.
    let two = format!(
        "{}\n[[holiday]]\nid = \"b\"\ndates = [\"01-05\"]\nkind = \"secular\"\nmoved_if_weekend = true\nfrom = 2027\nname = {{ ru = \"Б\", kk = \"Б\", en = \"B\" }}\n",
        rule("dates = [\"01-05\"]\nuntil = 2027\n")
    );
    let err = with_rules(&two).unwrap_err();
    assert!(err.contains("holidays.toml:11: "), "{err}");
    assert!(
        err.contains("01-05 is already a holiday (a) by the rule at line 3 in 2027"),
        "{err}"
    );
    // An unknown field and a syntax error name their line too.
    let err = with_rules(&rule("dates = [\"01-05\"]\nmoved = true\n")).unwrap_err();
    assert!(
        err.contains("holidays.toml") && err.contains("line 9"),
        "{err}"
    );
}

#[test]
fn a_calendar_directory_without_holiday_rules_is_refused_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "catalog/calendar/kz-2026.toml",
        dir.path().join("kz-2026.toml"),
    )
    .unwrap();
    let cal = dir.path().to_str().unwrap();
    let args = ["--calendar", cal, "calendar", "day", "2026-08-31"];
    served::failed(&args, served::qyzmet(&args), 1, "holidays.toml is missing");
    // With the shipped rules beside it, 31 August 2026 is a working day.
    std::fs::copy(
        "catalog/calendar/holidays.toml",
        dir.path().join("holidays.toml"),
    )
    .unwrap();
    let out = served::qyzmet_ok(&args);
    assert!(out.contains("2026-08-31 (Monday): working day"), "{out}");
    let out = served::qyzmet_ok(&["calendar", "day", "2027-03-15", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reason"]["holiday"], "constitution_day", "{v}");
    assert!(
        v["description"]
            .as_str()
            .unwrap()
            .contains("День Конституции Республики Казахстан")
    );
}

/// A calendar from the shipped holiday rules and a year file `text` for 2026.
fn with_year_2026(text: &str) -> Result<WorkingCalendar, String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "catalog/calendar/holidays.toml",
        dir.path().join("holidays.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("kz-2026.toml"), text).unwrap();
    catalog_files::calendar(Some(dir.path()))
}

#[test]
fn bad_year_files_are_refused_with_file_and_line() {
    let decree = |date: &str, act: &str| {
        format!("\n[[decrees]]\ndate = \"{date}\"\nworking = false\nact = \"{act}\"\n")
    };
    let head = "year = 2026\nkurban_ait = \"2026-05-27\"\n";
    for (text, line, says) in [
        (
            "year = 2026\nkurban_ait = \"2025-06-06\"\n".to_string(),
            2,
            "kurban_ait is not in 2026",
        ),
        (
            format!("{head}{}", decree("2027-01-04", "№ 1")),
            4,
            "decree date 2027-01-04 is not in 2026",
        ),
        (
            format!(
                "{head}{}{}",
                decree("2026-08-31", "№ 1"),
                decree("2026-08-31", "№ 2")
            ),
            9,
            "a second decree for 2026-08-31",
        ),
        (
            format!("{head}{}", decree("2026-08-31", " ")),
            4,
            "names no act",
        ),
        ("year = 2200\n".to_string(), 1, "outside"),
    ] {
        let err = with_year_2026(&text).unwrap_err();
        assert!(
            err.contains(&format!("kz-2026.toml:{line}: ")),
            "{err}\n{text}"
        );
        assert!(err.contains(says), "{err}");
    }
    // A decree the Government did make still applies: 31 August 2026 off by decree.
    let c = with_year_2026(&format!("{head}{}", decree("2026-08-31", "№ 1"))).unwrap();
    assert!(!c.is_working(date("2026-08-31")));
}

//! The breach forecast held against what then happened, on the demo region
//! generated over three simulated weeks (`demo::populate` with the clock
//! passed in): at noon of each of the last ten working days, the forecast
//! from what the journal held then; afterwards, whether each forecast step
//! was completed past its due. docs/REPORTS.md quotes the figures:
//! `QYZMET_BACKTEST_SCALE=3000 cargo test --release --test report_backtest -- --nocapture`.

mod common;

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use common::*;
use qyzmet::domain::report::{AppFacts, backtest};
use qyzmet::domain::route::Event;
use qyzmet::ops::report::facts_of;
use qyzmet::store::Store;

/// The demo's last day: a Friday evening, so every cut lies in the past.
fn end() -> NaiveDateTime {
    at("2026-11-27T18:00")
}

fn cuts(ops: &qyzmet::ops::Ops) -> Vec<NaiveDateTime> {
    let cal = &ops.deadlines.calendar;
    let mut out = Vec::new();
    let mut day = end().date();
    while out.len() < 10 {
        day -= Duration::days(1);
        if cal.is_working(day) {
            out.push(day.and_hms_opt(12, 0, 0).unwrap());
        }
    }
    out
}

#[test]
fn the_forecast_beats_the_base_rate_on_simulated_weeks() {
    let scale = std::env::var("QYZMET_BACKTEST_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let dir = tempfile::tempdir().unwrap();
    let ops = ops_on(Store::create(&dir.path().join("store"), end()).unwrap());
    qyzmet::demo::populate(&ops, end(), scale, &mut |_| {}).unwrap();
    let orgs: HashMap<_, _> = ops
        .store
        .orgs()
        .unwrap()
        .into_iter()
        .map(|o| (o.code.clone(), o))
        .collect();
    let apps: Vec<(AppFacts, Vec<Event>)> = ops
        .store
        .records()
        .map(|r| {
            let r = r.unwrap();
            (facts_of(&r, &orgs), r.app.history)
        })
        .collect();
    let result = backtest(&ops.catalog, &ops.deadlines, &apps, &cuts(&ops), end());
    let precision = result.precision().unwrap();
    let recall = result.recall().unwrap();
    let base = f64::from(result.breached) / f64::from(result.judged);
    println!(
        "backtest over {scale} applications: {} forecasts judged, {} forecast to breach, {} breached, {} both; \
         precision {precision:.2}, recall {recall:.2}, base rate {base:.2}",
        result.judged, result.predicted, result.breached, result.hits
    );
    assert!(result.judged > 100, "{result:?}");
    // Better than flagging at random at the base rate.
    assert!(precision > base, "{result:?}");
    assert!(recall > 0.1, "{result:?}");
}

//! Report benchmarks; the targets and the method are in docs/PERFORMANCE.md
//! ("Reports").
//!
//! 1. `compliance`: `Ops::report` (compliance, this year) as the head of the
//!    provider over a store of `QYZMET_BENCH_APPS` applications (default
//!    1,000,000), added up from the kept cells; the target is 2 s.
//! 2. `reports_first_frame`: the head's Reports pane read (three reports
//!    through the backend) and drawn at 160x48; the target is 300 ms.
//!
//! The store is written by the bulk path of `benches/common` (as the store
//! bench writes it), then `check_cells` builds its cells once (timed and
//! printed: what `qyzmet check` does on a store that never kept them).
//!
//! `cargo bench --bench report` measures; `cargo test --benches` runs each
//! part once on a 300-application store (criterion's test mode).

use std::time::Instant;

use chrono::NaiveDate;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use qyzmet::domain::report::{Period, PeriodName};
use qyzmet::ops::Ops;
use qyzmet::ops::report::{ReportKind, ReportQuery};
use qyzmet::store::Store;
use qyzmet::tui::app::App;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::keymap::Keymap;
use qyzmet::tui::screens::work::{PaneKind, Work};
use qyzmet::tui::state::{Screen, State};
use qyzmet::tui::theme::{ColorSupport, Theme};
use qyzmet::tui::ui::{self, View};

mod common;
use common::*;

fn apps_wanted() -> u64 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test");
    std::env::var("QYZMET_BENCH_APPS")
        .ok()
        .map(|s| {
            s.replace('_', "")
                .parse()
                .expect("QYZMET_BENCH_APPS: a number")
        })
        .unwrap_or(if bench { 1_000_000 } else { 300 })
}

fn ops_on(dir: &std::path::Path) -> Ops {
    Ops::new(
        Store::open(dir).unwrap(),
        CATALOG.clone(),
        DEADLINES.clone(),
    )
}

/// The head's workstation on the Reports pane, before anything is read.
fn head_app(ops: Ops) -> App {
    let now = t0() + chrono::TimeDelta::days(300);
    let mut state = State::new(Lang::Ru, now, "bench".into(), "default".into());
    let orgs = organisations();
    let org = orgs.iter().find(|o| o.code == ED).unwrap().clone();
    let user = users().into_iter().find(|u| u.login == "head").unwrap();
    let mut work = Work::new(
        user,
        org.clone(),
        vec![org.district.clone()],
        Default::default(),
    );
    work.pane = work
        .panes()
        .iter()
        .position(|p| *p == PaneKind::Reports)
        .unwrap();
    state.screen = Screen::Work(Box::new(work));
    App::new(state, Keymap::builtin(), Box::new(ops))
}

fn draw(app: &App, theme: &Theme) {
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let contexts = app.contexts();
    let view = View {
        theme,
        keymap: &app.keymap,
        catalog: app.backend.catalog(),
        contexts: &contexts,
    };
    term.draw(|f| ui::draw(f, &app.state, &view)).unwrap();
}

fn main() {
    let n = apps_wanted();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("store");
    let built = bulk_build(&dir, n);
    let ops = ops_on(&dir);
    let t = Instant::now();
    assert!(ops.check_cells().unwrap().is_empty());
    assert!(ops.store.cells_complete().unwrap());
    eprintln!(
        "report: {} applications written in {:.1?}, cells built in {:.1?}",
        built.apps,
        built.generate + built.write,
        t.elapsed()
    );
    let year = Period::named(
        PeriodName::ThisYear,
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    );
    let now = t0() + chrono::TimeDelta::days(300);
    let query = ReportQuery {
        kind: ReportKind::Compliance,
        period: year,
        org: None,
        service: None,
    };
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    c.bench_function("compliance", |b| {
        b.iter(|| ops.report("head", query.clone(), now).unwrap())
    });
    let theme = Theme::load("default", ColorSupport::TrueColor).unwrap();
    let mut app = head_app(ops);
    c.bench_function("reports_first_frame", |b| {
        b.iter(|| {
            app.load_reports(None);
            draw(&app, &theme);
        })
    });
    c.final_summary();
}

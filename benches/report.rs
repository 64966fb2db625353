//! Report benchmarks; the targets and the method are in docs/PERFORMANCE.md
//! ("Reports at 1M").
//!
//! Over a store of `QYZMET_BENCH_APPS` applications (default 1,000,000)
//! received over two years (`history.rs`), as the provider's head:
//!
//! 1. `compliance_this_year`, `compliance_this_month`,
//!    `compliance_two_years`: one `Ops::report` (compliance), added up from
//!    the kept cells and the applications in progress; the target is 2 s.
//! 2. `overdue`, `forecast`: the two lists of the pane, each alone.
//! 3. `reports_first_frame`: the head's Reports pane read (its three
//!    reports through the backend) and drawn at 160x48; the target is 300 ms.
//!
//! The cells are built once by `check_cells` (timed and printed: what
//! `qyzmet check` does on a store that never kept them). With
//! `QYZMET_BENCH_DIR` the store is kept there and reused by later runs.
//!
//! `cargo bench --bench report` measures; `cargo test --benches` runs each
//! part once on a 300-application store (criterion's test mode).

use std::time::Instant;

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
#[path = "report/history.rs"]
mod history;
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
    let now = history::now();
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

/// The history store of `n` applications: kept in `QYZMET_BENCH_DIR` (and
/// reused) when that is set, else in a temporary directory. Its cells are
/// built once by `check_cells`, as `qyzmet check` builds them.
fn history_store(n: u64) -> (Option<tempfile::TempDir>, std::path::PathBuf) {
    let (temp, dir) = match std::env::var_os("QYZMET_BENCH_DIR") {
        Some(d) => (
            None,
            std::path::PathBuf::from(d).join(format!("qyzmet-bench-history-{n}")),
        ),
        None => {
            let t = tempfile::tempdir().unwrap();
            let dir = t.path().join("store");
            (Some(t), dir)
        }
    };
    let done = dir.with_extension("done");
    if done.exists() {
        eprintln!("report: reusing {}", dir.display());
        // Kept by an older build: cells of an older layout are rebuilt, as
        // a server's or workstation's start does.
        let ops = ops_on(&dir);
        if !ops.store.cells_complete().unwrap() {
            let t = Instant::now();
            assert!(ops.check_cells().unwrap().is_empty());
            eprintln!(
                "report: cells of an older layout rebuilt in {:.1?}",
                t.elapsed()
            );
        }
        return (temp, dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let w = history::write(&dir, n);
    eprintln!(
        "report: {} applications ({} in progress), {} journal entries written in {:.1?}",
        w.apps, w.open, w.journal_entries, w.took
    );
    let ops = ops_on(&dir);
    let t = Instant::now();
    assert!(ops.check_cells().unwrap().is_empty());
    assert!(ops.store.cells_complete().unwrap());
    eprintln!("report: cells built in {:.1?}", t.elapsed());
    std::fs::write(&done, format!("{n} applications\n")).unwrap();
    (temp, dir)
}

fn query(kind: ReportKind, name: PeriodName) -> ReportQuery {
    ReportQuery {
        kind,
        period: Period::named(name, history::now().date()),
        org: None,
        service: None,
    }
}

fn main() {
    let n = apps_wanted();
    let (_temp, dir) = history_store(n);
    let ops = ops_on(&dir);
    let now = history::now();
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    let cases = [
        (
            "compliance_this_year",
            ReportKind::Compliance,
            PeriodName::ThisYear,
        ),
        (
            "compliance_this_month",
            ReportKind::Compliance,
            PeriodName::ThisMonth,
        ),
        ("overdue", ReportKind::Overdue, PeriodName::ThisMonth),
        ("forecast", ReportKind::Forecast, PeriodName::ThisMonth),
    ];
    for (name, kind, period) in cases {
        let q = query(kind, period);
        c.bench_function(name, |b| {
            b.iter(|| ops.report("head", q.clone(), now).unwrap())
        });
    }
    // The whole span at once, as the CLI's explicit dates ask for it.
    let mut all = query(ReportKind::Compliance, PeriodName::ThisYear);
    all.period = Period::new(now.date() - chrono::TimeDelta::days(800), now.date()).unwrap();
    c.bench_function("compliance_two_years", |b| {
        b.iter(|| ops.report("head", all.clone(), now).unwrap())
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

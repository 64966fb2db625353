//! Workstation benchmarks; the method and the figures are in
//! docs/PERFORMANCE.md ("Workstation rendering and start-up").
//!
//! 1. `worklist_frame`: a specialist's worklist of 100,000 rows drawn with
//!    `ui::draw` on ratatui's `TestBackend` (160x48 and 80x24), the cursor in
//!    the middle; `PageDown` + draw; one character typed into the filter.
//! 2. `startup`: what a specialist waits for on a store of
//!    `QYZMET_BENCH_APPS` applications (default 1,000,000): `Store::open`,
//!    the scan of their queue, `Ops::list` of it, `App::refresh`, the first
//!    frames. Before criterion's part, a fresh process walks the whole way
//!    once, as `qyzmet` does: catalogue, calendar, keymap, open, login frame,
//!    login typed on the keyboard (argon2, the journal write, the refresh),
//!    first worklist frame.
//!
//! `cargo bench --bench render` runs everything; `cargo test --benches` runs
//! each part once at toy sizes (2,000 rows, a 500-application store).
//!
//! Environment: `QYZMET_BENCH_APPS` (store size), `QYZMET_BENCH_DIR` (where
//! the store goes; when set, the bulk store is kept there as
//! `qyzmet-bench-bulk-N` and reused by later runs: it is ~4.8 GiB at 1M and
//! takes minutes to write), `QYZMET_BENCH_SKIP_BULK=1` (skip part 2).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};
use criterion::{BenchmarkId, Criterion, SamplingMode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use qyzmet::catalog_files;
use qyzmet::domain::calendar::{SlaState, TimeAmount};
use qyzmet::domain::catalog::{Channel, StepAction};
use qyzmet::domain::roles::Role;
use qyzmet::domain::route::{Deadlines, Status};
use qyzmet::ops::backend::Backend;
use qyzmet::ops::{ListFilter, Ops};
use qyzmet::store::Store;
use qyzmet::store::model::{Organisation, User};
use qyzmet::tui::action::Action;
use qyzmet::tui::app::App;
use qyzmet::tui::i18n::Lang;
use qyzmet::tui::keymap::Keymap;
use qyzmet::tui::panes::intake::IntakeForm;
use qyzmet::tui::panes::list::{ListPane, Row};
use qyzmet::tui::screens::work::{PaneKind, Work};
use qyzmet::tui::search::fold_letters;
use qyzmet::tui::state::{Screen, State};
use qyzmet::tui::theme::{ColorSupport, Theme};
use qyzmet::tui::ui::{self, View};

mod common;
use common::*;

static THEME: LazyLock<Theme> =
    LazyLock::new(|| Theme::load("default", ColorSupport::TrueColor).unwrap());

// ---------------------------------------------------------------- settings

struct Settings {
    /// Criterion is really benchmarking (not `cargo test --benches`).
    bench: bool,
    rows: usize,
    bulk_apps: u64,
    run_worklist: bool,
    run_startup: bool,
    /// `QYZMET_BENCH_DIR` when given: the bulk store is kept there.
    keep_dir: Option<PathBuf>,
}

fn settings() -> Settings {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |f: &str| args.iter().any(|a| a == f);
    let bench = has("--bench") && !has("--test");
    let listing = has("--list");
    // A name filter given to criterion: set a group up (100k rows, the big
    // store) only if the filter can match it.
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let wanted = |group: &str| {
        filters.is_empty()
            || filters
                .iter()
                .any(|f| f.contains(group) || group.contains(f.as_str()))
    };
    let env_apps = std::env::var("QYZMET_BENCH_APPS").ok().map(|s| {
        s.replace('_', "")
            .parse::<u64>()
            .expect("QYZMET_BENCH_APPS: a number")
    });
    Settings {
        bench,
        rows: if bench { 100_000 } else { 2_000 },
        bulk_apps: env_apps.unwrap_or(if bench { 1_000_000 } else { 500 }),
        run_worklist: listing || wanted("worklist_frame"),
        run_startup: !listing
            && wanted("startup")
            && std::env::var("QYZMET_BENCH_SKIP_BULK").as_deref() != Ok("1"),
        keep_dir: std::env::var_os("QYZMET_BENCH_DIR").map(PathBuf::from),
    }
}

/// "100k", "1M", "500".
fn size_label(n: u64) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

// ---------------------------------------------------------------- the app

fn org(code: &str) -> Organisation {
    organisations()
        .into_iter()
        .find(|o| o.code == code)
        .unwrap()
}

fn user(login: &str) -> User {
    users().into_iter().find(|u| u.login == login).unwrap()
}

fn view<'a>(app: &'a App, contexts: &'a [qyzmet::tui::action::Context]) -> View<'a> {
    View {
        theme: &THEME,
        keymap: &app.keymap,
        catalog: app.backend.catalog(),
        contexts,
    }
}

fn draw(app: &App, term: &mut Terminal<TestBackend>) {
    let contexts = app.contexts();
    let v = view(app, &contexts);
    term.draw(|f| ui::draw(f, &app.state, &v)).unwrap();
}

fn app_on(backend: Box<dyn Backend>, now: NaiveDateTime) -> App {
    let location = backend.location();
    let state = State::new(Lang::Ru, now, location, THEME.name.clone());
    let mut app = App::new(state, Keymap::builtin(), backend);
    app.themes = Theme::builtin_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    app.start();
    app
}

/// The specialist's desk as login leaves it (without logging in).
fn specialist_work(lists: Vec<ListPane>) -> Work {
    let org = org(ED);
    Work {
        user: user("specialist"),
        intake: IntakeForm::new(&org, vec![org.district.clone()]),
        org,
        role: Role::Specialist,
        pane: 0,
        lists,
        case: None,
        queue: Default::default(),
        stats: Default::default(),
        reports: Default::default(),
        names: Default::default(),
    }
}

// ---------------------------------------------------------------- 1. worklist

const SURNAMES: [&str; 12] = [
    "Ахметова",
    "Сейткали",
    "Жұмабаев",
    "Иванова",
    "Нұрланұлы",
    "Оспанова",
    "Ким",
    "Бекмұхамедов",
    "Әбдірахманова",
    "Петров",
    "Төлеуов",
    "Қасымова",
];
const GIVEN: [&str; 10] = [
    "Айгерим",
    "Ерлан",
    "Дана",
    "Сергей",
    "Әсел",
    "Нұрсұлтан",
    "Мария",
    "Бауыржан",
    "Гүлнар",
    "Тимур",
];
const PATRONYMIC: [&str; 7] = [
    "Серикқызы",
    "Болатұлы",
    "Александровна",
    "",
    "Маратович",
    "Қайратқызы",
    "Ержанұлы",
];

/// `n` worklist rows as `update::row` makes them: services from the embedded
/// catalogue in turn, names from 12 x 10 x 7 parts, 70 % on time, 20 % at
/// risk, 10 % overdue, mostly State Corporation intake.
fn worklist_rows(n: usize, now: NaiveDateTime) -> Vec<Row> {
    // Each service with the execute step of its first route, so the SLA
    // can be reassessed as the workstation does every minute.
    let services: Vec<(String, String, usize)> = CATALOG
        .iter()
        .filter(|s| !s.excluded)
        .filter_map(|s| {
            let r = s.routes.first()?;
            let step = r
                .steps
                .iter()
                .position(|st| st.action == StepAction::Execute)?;
            Some((s.id.clone(), r.id.clone(), step))
        })
        .collect();
    (0..n)
        .map(|i| {
            let k = i as u64;
            let number = format!("{SC}-2026-{:06}", 100_000 + k);
            let iin = iin_for(k).to_string();
            let name = format!(
                "{} {} {}",
                SURNAMES[i % 12],
                GIVEN[(i / 12) % 10],
                PATRONYMIC[(i / 120) % 7]
            )
            .trim_end()
            .to_string();
            let received = now - TimeDelta::minutes(30 + (k % 20_000) as i64);
            let (sla, due) = match i % 10 {
                0..=6 => (
                    (
                        SlaState::OnTime,
                        TimeAmount::WorkingDays(1 + (k % 9) as u32),
                    ),
                    now + TimeDelta::days(1 + (k % 9) as i64),
                ),
                7 | 8 => (
                    (
                        SlaState::AtRisk,
                        TimeAmount::WorkingMinutes(20 + (k % 400) as i64),
                    ),
                    now + TimeDelta::minutes(20 + (k % 400) as i64),
                ),
                _ => (
                    (
                        SlaState::Overdue,
                        TimeAmount::CalendarDays(1 + (k % 5) as u32),
                    ),
                    now - TimeDelta::days(1 + (k % 5) as i64),
                ),
            };
            let channel = match i % 20 {
                0..=13 => Channel::StateCorp,
                14..=17 => Channel::Portal,
                _ => Channel::ProviderOffice,
            };
            let (service, route, step) = services[i % services.len()].clone();
            Row {
                haystack: [&number, &iin, &name].map(|f| fold_letters(f)).into(),
                number,
                service,
                route,
                step,
                name,
                iin,
                status: Status::InProgress,
                action: Some(StepAction::Execute),
                received,
                due: Some(due),
                overall_due: Some(due + TimeDelta::days(10)),
                sla: Some(sla),
                channel,
                version: 3,
            }
        })
        .collect()
}

/// An app on a small store, showing the specialist's worklist of `rows`
/// with the cursor in the middle.
fn worklist_app(dir: &Path, rows: Vec<Row>) -> App {
    let ops = new_ops(dir);
    let mut app = app_on(Box::new(ops), t0());
    let mut lists = ListPane::all();
    let list = lists
        .iter_mut()
        .find(|l| l.kind == PaneKind::Worklist)
        .unwrap();
    list.set_rows(rows);
    list.selected = list.visible.len() / 2;
    app.state.screen = Screen::Work(Box::new(specialist_work(lists)));
    app
}

fn worklist(app: &App) -> &ListPane {
    app.state.work().unwrap().list().unwrap()
}

fn worklist_mut(app: &mut App) -> &mut ListPane {
    match &mut app.state.screen {
        Screen::Work(w) => w.list_mut().unwrap(),
        _ => unreachable!(),
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn worklist_frame(c: &mut Criterion, s: &Settings) {
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let rows = worklist_rows(s.rows, t0());
    let built = t.elapsed();
    let mut app = worklist_app(&dir.path().join("store"), rows);
    let n = worklist(&app).rows.len();
    let label = size_label(n as u64);
    println!("worklist_frame: {n} rows built in {built:.1?}");

    let mut g = c.benchmark_group("worklist_frame");
    for (w, h) in [(160u16, 48u16), (80, 24)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        draw(&app, &mut term);
        g.bench_function(BenchmarkId::new(format!("draw_{w}x{h}"), &label), |b| {
            b.iter(|| draw(&app, &mut term))
        });
        // Paging: every row on screen changes, so the diff sends them all.
        let mid = n / 2;
        g.bench_function(
            BenchmarkId::new(format!("page_down_draw_{w}x{h}"), &label),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let list = worklist(&app);
                        if list.selected + 2 * list.page.get() >= n {
                            worklist_mut(&mut app).selected = mid;
                        }
                        let t = Instant::now();
                        app.update(Action::PageDown);
                        draw(&app, &mut term);
                        total += t.elapsed();
                    }
                    total
                })
            },
        );
        worklist_mut(&mut app).selected = mid;
        draw(&app, &mut term);
    }
    // Part of every frame: the title's counters (counted when the rows are set).
    g.bench_function(BenchmarkId::new("counters", &label), |b| {
        b.iter(|| worklist(&app).counters())
    });
    // The filter: one key typed, as the event loop gets it (the field takes
    // it, `ListPane::refilter` runs over every row). Backspace, untimed,
    // puts the filter back.
    worklist_mut(&mut app).filtering = true;
    for (what, prefix, ch) in [
        ("first_char", "", 'а'),
        ("fourth_char", "ахм", 'е'),
        ("digit", "", '8'),
    ] {
        for c in prefix.chars() {
            key(&mut app, KeyCode::Char(c));
        }
        let shown = |app: &App| worklist(app).visible.len();
        let before = shown(&app);
        key(&mut app, KeyCode::Char(ch));
        println!(
            "worklist_frame/filter_{what}: {prefix:?} + {ch:?} leaves {} of {before} rows",
            shown(&app)
        );
        key(&mut app, KeyCode::Backspace);
        g.bench_function(BenchmarkId::new(format!("filter_{what}"), &label), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    key(&mut app, KeyCode::Char(ch));
                    total += t.elapsed();
                    key(&mut app, KeyCode::Backspace);
                }
                total
            })
        });
        for _ in prefix.chars() {
            key(&mut app, KeyCode::Backspace);
        }
        assert_eq!(shown(&app), n);
    }
    g.finish();
}

// ---------------------------------------------------------------- 2. start-up

/// Child-process mode (`QYZMET_BENCH_BUILD=DIR`): writes the bulk store, so
/// that the bench process keeps a clean heap (see benches/store.rs).
fn child_build(dir: &Path) {
    let n: u64 = std::env::var("QYZMET_BENCH_APPS").unwrap().parse().unwrap();
    let t = Instant::now();
    let r = bulk_build(dir, n);
    let (apparent, _, files) = dir_size(dir);
    println!(
        "{n} applications, {} journal entries, {} index entries written in {:.1?} (generate {:.1?}, sled {:.1?}); {} in {files} files",
        r.journal_entries,
        r.index_entries,
        t.elapsed(),
        r.generate,
        r.write,
        gib(apparent)
    );
}

/// Child-process mode (`QYZMET_BENCH_STARTUP=DIR`): `qyzmet`'s way from
/// process start to the specialist's first worklist frame, once, timed step
/// by step. Like `cli::workstation::run`, minus the terminal.
fn child_startup(dir: &Path, started: Instant) {
    let mut steps: Vec<(&str, Duration)> = Vec::new();
    let mut t = Instant::now();
    fn step<'a>(what: &'a str, t: &mut Instant, steps: &mut Vec<(&'a str, Duration)>) {
        steps.push((what, t.elapsed()));
        *t = Instant::now();
    }
    let catalog = catalog_files::embedded().unwrap();
    step("embedded catalogue", &mut t, &mut steps);
    let deadlines = Deadlines::new(catalog_files::calendar(None).unwrap());
    step("calendar", &mut t, &mut steps);
    let keymap = Keymap::load(("keymaps/default.toml", Keymap::default_text()), None).unwrap();
    step("keymap", &mut t, &mut steps);
    let store = Store::open(dir).unwrap();
    step("Store::open", &mut t, &mut steps);
    let ops = Ops::new(store, catalog, deadlines);
    let theme = Theme::load("default", ColorSupport::TrueColor).unwrap();
    let state = State::new(Lang::Ru, t0(), ops.location(), theme.name.clone());
    let mut app = App::new(state, keymap, Box::new(ops));
    app.start();
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    draw(&app, &mut term);
    step("App::start + login frame", &mut t, &mut steps);
    let to_login = started.elapsed();
    for c in "specialist".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    for c in PASSWORD.chars() {
        key(&mut app, KeyCode::Char(c));
    }
    t = Instant::now();
    key(&mut app, KeyCode::Enter);
    assert!(
        app.state.work().is_some(),
        "the specialist could not log in"
    );
    step(
        "Enter: login (argon2, journal) + App::refresh",
        &mut t,
        &mut steps,
    );
    draw(&app, &mut term);
    step("first worklist frame", &mut t, &mut steps);
    let rows = worklist(&app).rows.len();
    let t2 = Instant::now();
    draw(&app, &mut term);
    let second_frame = t2.elapsed();
    // A reload after a change to the store (what a tick does when the
    // revision moved), then draw.
    let again: Vec<String> = (0..3)
        .map(|_| {
            let t = Instant::now();
            app.refresh();
            let r = t.elapsed();
            let t = Instant::now();
            draw(&app, &mut term);
            format!("{r:.3?} + frame {:.3?}", t.elapsed())
        })
        .collect();
    // What a tick costs when nothing changed (a revision read), and once a
    // minute when every row's SLA is reassessed.
    let t = Instant::now();
    app.tick(t0());
    let idle_tick = t.elapsed();
    let t = Instant::now();
    app.tick(t0() + chrono::TimeDelta::seconds(61));
    let reassess = t.elapsed();
    let t3 = Instant::now();
    let ok = qyzmet::ops::auth::verify_password(PASSWORD, &user("specialist").password_hash);
    let argon = t3.elapsed();
    assert!(ok);
    let steps: Vec<String> = steps.iter().map(|(w, d)| format!("{w} {d:.3?}")).collect();
    println!(
        "{}; process start to login frame {to_login:.3?}; worklist rows {rows}; second frame {second_frame:.3?}; reloads after a change: {}; idle tick {idle_tick:.3?}; minute tick (SLA reassessed) {reassess:.3?}; argon2 verify alone {argon:.3?}; peak RSS {}",
        steps.join(", "),
        again.join(", "),
        peak_rss()
    );
    let t4 = Instant::now();
    drop(app);
    println!("closing (drop) {:.3?}", t4.elapsed());
}

/// `VmHWM` of this process.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_default()
}

fn child(env: (&str, &str), dir: &Path, n: u64) -> (String, Duration) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.env(env.0, dir).env(env.1, n.to_string());
    run_child(cmd)
}

fn gib(b: u64) -> String {
    format!("{:.2} GiB", b as f64 / (1u64 << 30) as f64)
}

fn startup(c: &mut Criterion, s: &Settings) {
    let n = s.bulk_apps;
    let label = size_label(n);
    // The store: kept in QYZMET_BENCH_DIR when given (and reused), else
    // temporary.
    let mut temp = None;
    let dir = match (&s.keep_dir, s.bench) {
        (Some(w), true) => {
            std::fs::create_dir_all(w).unwrap();
            let (dir, done) = kept_bulk_store(w, n);
            if !done.exists() {
                if dir.exists() {
                    std::fs::remove_dir_all(&dir).unwrap();
                }
                println!("startup: writing {n} applications to {}", dir.display());
                let (report, _) = child(("QYZMET_BENCH_BUILD", "QYZMET_BENCH_APPS"), &dir, n);
                println!("startup: {report}");
                std::fs::write(&done, report).unwrap();
            } else {
                println!("startup: reusing {}", dir.display());
            }
            dir
        }
        _ => {
            let t = tempfile::Builder::new()
                .prefix("qyzmet-bench-startup-")
                .tempdir_in(s.keep_dir.clone().unwrap_or_else(std::env::temp_dir))
                .unwrap();
            let dir = t.path().join("store");
            let (report, _) = child(("QYZMET_BENCH_BUILD", "QYZMET_BENCH_APPS"), &dir, n);
            println!("startup: {report}");
            temp = Some(t);
            dir
        }
    };
    // The whole way, in fresh processes (the first one after a bulk write
    // replays sled's log), then once with the store's files evicted from the
    // page cache (`dd iflag=nocache count=0`: posix_fadvise DONTNEED).
    for i in 1..=3 {
        let (report, wall) = child(("QYZMET_BENCH_STARTUP", "QYZMET_BENCH_APPS"), &dir, n);
        println!("startup/fresh process #{i}: {report}; process wall {wall:.3?}");
    }
    if s.bench {
        if evict(&dir) {
            let (report, wall) = child(("QYZMET_BENCH_STARTUP", "QYZMET_BENCH_APPS"), &dir, n);
            println!(
                "startup/fresh process, store evicted from the page cache: {report}; process wall {wall:.3?}"
            );
        } else {
            println!("startup/fresh process, store evicted: could not evict (dd); skipped");
        }
    }

    let mut g = c.benchmark_group("startup");
    if s.bench {
        // The slow ones take seconds an iteration.
        g.sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(8));
    }
    let store = Store::open(&dir).unwrap();
    let sizes = queue_sizes(&store);
    println!("startup/queues of the {n}-application store: {sizes:?}");
    let ops = Ops::new(store, CATALOG.clone(), DEADLINES.clone());
    let filter = ListFilter {
        queue: true,
        ..ListFilter::default()
    };
    let queued = ops.list("specialist", &filter, t0()).unwrap().len();
    println!("startup/Ops::list(queue) for specialist: {queued} applications");
    g.bench_function(BenchmarkId::new("queue_index_scan", &label), |b| {
        b.iter(|| {
            let mut ids = ops
                .store
                .scan(&[b"q", ED.as_bytes(), b"specialist"], usize::MAX)
                .unwrap();
            ids.extend(ops.store.scan(&[b"a", b"specialist"], usize::MAX).unwrap());
            ids
        })
    });
    g.bench_function(BenchmarkId::new("ops_list_queue", &label), |b| {
        b.iter(|| ops.list("specialist", &filter, t0()).unwrap())
    });
    // What the workstation reads now: the summaries in the index entries.
    g.bench_function(BenchmarkId::new("ops_queue_summaries", &label), |b| {
        b.iter(|| ops.queue("specialist").unwrap())
    });
    let mut app = app_on(Box::new(ops), t0());
    app.state.screen = Screen::Work(Box::new(specialist_work(ListPane::all())));
    g.bench_function(BenchmarkId::new("app_refresh_specialist", &label), |b| {
        b.iter(|| app.refresh())
    });
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    g.bench_function(
        BenchmarkId::new("first_worklist_frame_160x48", &label),
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A new terminal each time: the first frame is drawn whole.
                    term = Terminal::new(TestBackend::new(160, 48)).unwrap();
                    let t = Instant::now();
                    draw(&app, &mut term);
                    total += t.elapsed();
                }
                total
            })
        },
    );
    app.state.screen = Screen::Login(Box::default());
    g.bench_function(BenchmarkId::new("login_frame_160x48", &label), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                term = Terminal::new(TestBackend::new(160, 48)).unwrap();
                let t = Instant::now();
                draw(&app, &mut term);
                total += t.elapsed();
            }
            total
        })
    });
    drop(app);
    // Last: the opens (each ~1 s) leave the process's heap fragmented.
    g.bench_function(BenchmarkId::new("store_open", &label), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let store = Store::open(&dir).unwrap();
                total += t.elapsed();
                drop(store);
            }
            total
        })
    });
    g.finish();
    drop(temp);
}

fn main() {
    if let Some(dir) = std::env::var_os("QYZMET_BENCH_BUILD") {
        child_build(Path::new(&dir));
        return;
    }
    if let Some(dir) = std::env::var_os("QYZMET_BENCH_STARTUP") {
        child_startup(Path::new(&dir), Instant::now());
        return;
    }
    let s = settings();
    let mut c = Criterion::default().configure_from_args();
    if s.run_worklist {
        worklist_frame(&mut c, &s);
    }
    if s.run_startup {
        startup(&mut c, &s);
    }
    c.final_summary();
}

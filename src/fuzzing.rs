//! Entry points of the fuzz targets (`fuzz/fuzz_targets/*.rs`), one per
//! target, each taking the fuzzer's bytes. `tests/fuzz_corpus.rs` replays the
//! committed corpora through the same functions, so the two cannot drift
//! apart. Each function must return without panicking on any input; the
//! results are thrown away, apart from the properties they assert.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::catalog_files;
use crate::domain::calendar::{WorkingCalendar, YearData};
use crate::domain::catalog::Catalog;
use crate::domain::holidays::HolidayRules;
use crate::domain::iin::Iin;
use crate::domain::norm::Norm;
use crate::domain::route::Deadlines;
use crate::ops::Ops;
use crate::server::protocol::{ClientMsg, Hello, ServerMsg, read_frame, write_frame};
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use crate::tui::state::State;
use crate::tui::theme::{ColorSupport, Theme};

mod seeds;
mod server_request;

pub use seeds::protocol_seeds;
pub use server_request::{server_request, server_request_answered, server_request_seeds};

/// Fuzz input as text: the parsers take `&str`, so invalid UTF-8 is decoded
/// lossily rather than skipped (it reaches the parser as U+FFFD).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A Monday inside the embedded calendar, the tests' "now".
fn monday() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("a valid date")
}

/// Frames as the server reads them: every `ClientMsg` (so every request)
/// and, the other way, every `ServerMsg`, from the same bytes. A message
/// that decodes must encode and decode again to the same bytes.
pub fn protocol_frame(data: &[u8]) {
    let mut r = Cursor::new(data);
    while let Ok(Some(msg)) = read_frame::<ClientMsg>(&mut r) {
        assert_round_trip(&msg);
    }
    let mut r = Cursor::new(data);
    while let Ok(Some(msg)) = read_frame::<ServerMsg>(&mut r) {
        assert_round_trip(&msg);
    }
    let _ = read_frame::<Hello>(&mut Cursor::new(data));
}

fn assert_round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(msg: &T) {
    let mut first = Vec::new();
    write_frame(&mut first, msg).expect("a decoded message encodes");
    let again: T = read_frame(&mut Cursor::new(&first))
        .expect("an encoded message decodes")
        .expect("one frame");
    let mut second = Vec::new();
    write_frame(&mut second, &again).expect("encodes");
    assert_eq!(first, second, "a message changed on its way round");
}

/// The IIN as stored (`parse`) and as typed (`from_input`); a valid IIN
/// prints back to itself and has a birth date and sex.
pub fn iin(data: &[u8]) {
    let s = text(data);
    for iin in [
        Iin::parse(&s),
        Iin::from_input(&s, monday().date()),
        Iin::from_input(&s, NaiveDate::MAX),
        Iin::from_input(&s, NaiveDate::MIN),
    ]
    .into_iter()
    .flatten()
    {
        let printed = iin.to_string();
        assert_eq!(Iin::parse(&printed).ok(), Some(iin), "{printed}");
        let _ = (iin.birth_date(), iin.sex());
    }
    let _ = s.parse::<Iin>();
}

/// Norms (`5 working days`, `2 часа`...) and the CLI's dates and moments;
/// a parsed norm prints back to an equal norm.
pub fn date_norm(data: &[u8]) {
    let s = text(data);
    if let Ok(norm) = s.parse::<Norm>() {
        let printed = norm.to_string();
        let again: Norm = printed.parse().expect("a printed norm parses");
        assert_eq!(again, norm, "{printed}");
        // A due date far away must be an error, never an overflow.
        let calendar = &*CALENDAR;
        let deadlines = Deadlines::new(calendar.clone());
        let _ = deadlines.due(crate::domain::roles::OrgKind::Provider, monday(), norm);
    }
    let _ = crate::cli::calendar::parse_norm(&s);
    let _ = crate::cli::calendar::parse_date(&s);
    let _ = crate::cli::calendar::parse_moment(&s);
    let _ = crate::cli::queue::parse_date(&s);
    let _ = crate::cli::queue::parse_time(&s);
}

/// The parse steps of the person registry's and the power-of-attorney
/// registry's imports (no store), the same bytes through both.
pub fn persons_csv(data: &[u8]) {
    let s = text(data);
    let _ = crate::ops::persons::parse_persons(&s, monday().date());
    let _ = crate::ops::powers::parse_powers(&s, monday().date());
}

/// One service file of the catalogue, validated as a whole catalogue.
pub fn catalog_service(data: &[u8]) {
    let s = text(data);
    let _ = Catalog::from_sources([("fuzz/service.toml".to_string(), s.as_str())]);
}

/// The embedded working calendar, built once.
static CALENDAR: LazyLock<WorkingCalendar> =
    LazyLock::new(|| catalog_files::calendar(None).expect("the embedded calendar"));

/// A calendar file, read both as the holiday rules and as a year file; what
/// parses is put into a calendar with the embedded other half, and the
/// calendar is asked about days and deadlines around the year.
pub fn calendar(data: &[u8]) {
    let s = text(data);
    let embedded = catalog_files::Sources::load(None, None).expect("embedded sources");
    let year_files = || {
        embedded
            .calendar
            .iter()
            .filter(|(o, _)| !o.ends_with(crate::domain::holidays::RULES_FILE))
    };
    if let Ok(rules) = HolidayRules::from_toml("fuzz/holidays.toml", &s) {
        let years = year_files().filter_map(|(o, t)| YearData::from_toml(o, t).ok());
        exercise_calendar(&WorkingCalendar::new(&rules, years));
    }
    if let Ok(year) = YearData::from_toml("fuzz/kz-year.toml", &s) {
        let rules_text = catalog_files::Sources::load(None, None)
            .ok()
            .and_then(|src| {
                src.calendar
                    .into_iter()
                    .find(|(o, _)| o.ends_with(crate::domain::holidays::RULES_FILE))
            })
            .expect("embedded holiday rules");
        let rules = HolidayRules::from_toml(&rules_text.0, &rules_text.1).expect("embedded rules");
        exercise_calendar(&WorkingCalendar::new(&rules, [year]));
    }
}

fn exercise_calendar(calendar: &WorkingCalendar) {
    let from = monday().date();
    let mut day = from - Duration::days(400);
    while day < from + Duration::days(400) {
        let _ = calendar.day(day);
        day += Duration::days(7);
    }
    let _ = calendar.working_days_in(from, from + Duration::days(60));
    let _ = calendar.next_working(from);
    let deadlines = Deadlines::new(calendar.clone());
    for norm in ["5 working days", "30 calendar days", "2 hours"] {
        if let Ok(norm) = norm.parse::<Norm>() {
            let _ = deadlines.due(crate::domain::roles::OrgKind::Provider, monday(), norm);
        }
    }
}

/// A user's keymap file over the shipped one.
pub fn keymap(data: &[u8]) {
    let s = text(data);
    let _ = Keymap::load(
        ("keymaps/default.toml", Keymap::default_text()),
        Some(("fuzz/keymap.toml", &s)),
    );
}

/// A theme file, at each colour depth.
pub fn theme(data: &[u8]) {
    let s = text(data);
    for support in [
        ColorSupport::TrueColor,
        ColorSupport::Ansi256,
        ColorSupport::Ansi16,
        ColorSupport::None,
    ] {
        let _ = Theme::parse("fuzz", "fuzz/theme.toml", &s, support);
    }
}

/// A queue set-up file as `qyzmet queue setup` reads it, then validated.
pub fn queue_setup(data: &[u8]) {
    let s = text(data);
    if let Ok(config) = crate::cli::queue::setup_config("fuzz/queue.toml", "KRG-SC", &s) {
        let _ = config.validate();
    }
}

/// A directory for one input's store, removed when dropped (the library has
/// no temp-dir crate; each fuzz process numbers its own). It is on the
/// memory filesystem where there is one: a store's fsyncs there cost
/// nothing, which makes the store targets several times faster (the
/// store's durability is tested elsewhere, not by the fuzzer).
struct Scratch(PathBuf);

/// `/dev/shm` if it is a writable directory, else the system's temporary one.
static SCRATCH_ROOT: LazyLock<PathBuf> = LazyLock::new(|| {
    let shm = Path::new("/dev/shm");
    let probe = shm.join(format!("qyzmet-fuzz-probe-{}", std::process::id()));
    match std::fs::create_dir_all(&probe) {
        Ok(()) => {
            let _ = std::fs::remove_dir(&probe);
            shm.to_path_buf()
        }
        Err(_) => std::env::temp_dir(),
    }
});

impl Scratch {
    fn new(what: &str) -> Scratch {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = SCRATCH_ROOT.join(format!("qyzmet-fuzz-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A backup file given to `restore`. Random bytes never match the trailing
/// SHA-256, so the first byte chooses: odd, the rest is the file as given;
/// even, the rest is a backup body and its checksum is appended, so the
/// parser behind the checksum is reached. What restores is checked as
/// `qyzmet restore` checks it.
pub fn backup_restore(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut file = rest.to_vec();
    if mode % 2 == 0 {
        use sha2::Digest;
        let sum = sha2::Sha256::digest(rest);
        file.extend_from_slice(&sum);
    }
    let scratch = Scratch::new("restore");
    let backup = scratch.0.join("backup.qyzmet");
    std::fs::write(&backup, &file).expect("the backup file");
    let bytes = std::fs::read(&backup).expect("the backup file");
    if let Ok(store) = Store::restore(&scratch.0.join("store"), &bytes, monday(), |_| {}) {
        let _ = store.check(|_| {});
    }
}

/// The small demo store the workstation target starts from, made once per
/// process (a few applications: each execution copies it).
static DEMO: LazyLock<Scratch> = LazyLock::new(|| {
    let scratch = Scratch::new("demo");
    let ops = demo_ops(Store::create(&scratch.0.join("store"), monday()).expect("a store"));
    crate::demo::populate(&ops, monday(), 12, &mut |_| {}).expect("the demo");
    cheap_passwords(&ops);
    drop(ops);
    scratch
});

/// The demo users' password hashed with the cheapest argon2 parameters
/// (verification reads them from the hash): most inputs sign in, and the
/// real cost would make the target crawl.
fn cheap_passwords(ops: &Ops) {
    use argon2::password_hash::{PasswordHasher, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(8, 1, 1, None).expect("argon2 parameters");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let salt = SaltString::from_b64("cXl6bWV0LWZ1enotc2FsdA").expect("a salt");
    let hash = argon
        .hash_password(crate::demo::PASSWORD.as_bytes(), &salt)
        .expect("a hash")
        .to_string();
    for mut user in ops.store.users().expect("the demo users") {
        user.password_hash = hash.clone();
        let what = crate::store::model::JournalWhat::PasswordChanged {
            login: user.login.clone(),
        };
        ops.store
            .put_user(&user, what, "fuzz", monday())
            .expect("a user");
    }
}

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| catalog_files::embedded().expect("the embedded catalogue"));

fn demo_ops(store: Store) -> Ops {
    Ops::new(store, CATALOG.clone(), Deadlines::new(CALENDAR.clone()))
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// The shipped keymap, parsed once per process.
static BUILTIN_KEYMAP: LazyLock<Keymap> = LazyLock::new(Keymap::builtin);

/// What one byte of the workstation target's input does.
enum Input {
    Key(KeyEvent),
    /// Sign in as the n-th demo user (typed: login, Enter, password, Enter).
    SignIn(usize),
    /// The clock moves on.
    Wait(Duration),
}

const SPECIAL: [KeyCode; 16] = [
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Insert,
    KeyCode::Null,
];
const DEMO_LOGINS: [&str; 6] = [
    "operator",
    "sc-head",
    "clerk",
    "head",
    "specialist",
    "operator2",
];
const KAZAKH: [char; 9] = ['ә', 'і', 'ң', 'ғ', 'ү', 'ұ', 'қ', 'ө', 'һ'];

fn decode(b: u8) -> Input {
    let key = |code, mods| Input::Key(KeyEvent::new(code, mods));
    let none = KeyModifiers::NONE;
    let letter = |n: u8| char::from(b'a' + n % 26);
    match b {
        0x00..=0x0f => key(SPECIAL[usize::from(b)], none),
        0x10..=0x1b => key(KeyCode::F(b - 0x0f), none),
        0x1c..=0x1f => key(SPECIAL[usize::from(b - 0x1c)], KeyModifiers::SHIFT),
        0x20..=0x7e => key(KeyCode::Char(char::from(b)), none),
        0x7f..=0x9f => key(KeyCode::Char(letter(b - 0x7f)), KeyModifiers::CONTROL),
        0xa0..=0xbf => key(KeyCode::Char(letter(b - 0xa0)), KeyModifiers::ALT),
        0xc0..=0xdf => {
            let c = char::from_u32(u32::from('а') + u32::from(b - 0xc0)).unwrap_or('а');
            key(KeyCode::Char(c), none)
        }
        0xe0..=0xe8 => key(KeyCode::Char(KAZAKH[usize::from(b - 0xe0)]), none),
        0xe9..=0xee => Input::SignIn(usize::from(b - 0xe9)),
        0xef..=0xf7 => Input::Wait(Duration::seconds(1 << (2 * i64::from(b - 0xef)))),
        0xf8..=0xff => key(KeyCode::F(b - 0xf8 + 1), KeyModifiers::CONTROL),
    }
}

/// The workstation's reducer fed a key sequence from the login screen of a
/// small demo store (no terminal: `on_key` and `tick` only). Bounded to a
/// few hundred inputs so one execution stays short.
pub fn workstation_keys(data: &[u8]) {
    workstation_run(data);
}

/// `workstation_keys`, telling whether a user was signed in at some point
/// (so a test can show the target gets past the login screen).
pub fn workstation_run(data: &[u8]) -> bool {
    let mut signed_in = false;
    let scratch = Scratch::new("ws");
    let path = scratch.0.join("store");
    copy_dir(&DEMO.0.join("store"), &path).expect("a copy of the demo store");
    let store = Store::open(&path).expect("the demo store opens");
    let mut now = monday();
    let state = State::new(
        Default::default(),
        now,
        path.display().to_string(),
        "mono".into(),
    );
    let mut app = App::new(state, BUILTIN_KEYMAP.clone(), Box::new(demo_ops(store)));
    app.receipts = Some(scratch.0.join("receipts"));
    app.themes = Theme::builtin_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    app.start();
    for &b in data.iter().take(400) {
        if app.state.quit {
            break;
        }
        match decode(b) {
            Input::Key(k) => app.on_key(k),
            Input::SignIn(n) => {
                let login = DEMO_LOGINS[n % DEMO_LOGINS.len()];
                let typed = login
                    .chars()
                    .chain(['\n'])
                    .chain(crate::demo::PASSWORD.chars());
                for c in typed.chain(['\n']) {
                    let code = if c == '\n' {
                        KeyCode::Enter
                    } else {
                        KeyCode::Char(c)
                    };
                    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
                }
            }
            Input::Wait(d) => {
                now += d;
                app.tick(now);
            }
        }
        signed_in |= app.state.work().is_some();
    }
    // The store closes before its directory goes.
    drop(app);
    drop(scratch);
    signed_in
}

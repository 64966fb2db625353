//! `qyzmet` with no subcommand: the workstation on the embedded store.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Deserialize;

use super::admin::now;
use super::{Context, Failure, Outcome};
use crate::ops::backend::Backend;
use crate::server::remote::Remote;
use crate::tui::i18n::Lang;
use crate::tui::keymap::Keymap;
use crate::tui::run::{Options, run as run_tui};
use crate::tui::theme::detect_color_support;

pub struct UiChoice {
    pub theme: Option<String>,
    /// Already checked by clap (`--lang`, QYZMET_LANG); else the config file's.
    pub lang: Option<Lang>,
}

impl UiChoice {
    /// A hall screen's own `--theme` wins over the workstation's.
    pub fn with(self, screen: super::ScreenArgs) -> UiChoice {
        UiChoice {
            theme: screen.theme.or(self.theme),
            lang: self.lang,
        }
    }
}

/// `~/.config/qyzmet/config.toml`: defaults the command line overrides.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    theme: Option<String>,
    lang: Option<String>,
    receipts: Option<PathBuf>,
    /// The store: a directory or a `postgres://` URL (`--db` and QYZMET_DB
    /// come first).
    db: Option<PathBuf>,
}

/// The store the config file names, if any.
pub(crate) fn configured_db() -> Result<Option<PathBuf>, Failure> {
    Ok(load_config()?.db)
}

fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("qyzmet"))
}

fn load_config() -> Result<Config, Failure> {
    let Some(path) = config_dir().map(|d| d.join("config.toml")) else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            toml::from_str(&text).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))
        }
        Err(_) => Ok(Config::default()),
    }
}

fn load_keymap() -> Result<Keymap, Failure> {
    let user_path = Keymap::user_path();
    let user_text = user_path.as_ref().and_then(|p| {
        std::fs::read_to_string(p)
            .ok()
            .map(|t| (p.display().to_string(), t))
    });
    Keymap::load(
        ("keymaps/default.toml", Keymap::default_text()),
        user_text.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
    )
    .map_err(|e| Failure::usage(format!("the keymap is invalid:\n{e}")))
}

/// What every screen program settles before it takes the terminal: the
/// config file, language, keymap and theme, each checked with a clear
/// message, and that there is a terminal at all.
struct Setup {
    config: Config,
    lang: Lang,
    keymap: Keymap,
    theme: crate::tui::theme::Theme,
    colors: crate::tui::theme::ColorSupport,
}

fn setup(ui: UiChoice, no_terminal: &str) -> Result<Setup, Failure> {
    let config = load_config()?;
    let lang = match (ui.lang, &config.lang) {
        (Some(lang), _) => lang,
        (None, Some(code)) => Lang::from_code(code).ok_or_else(|| {
            Failure::usage(format!(
                "config.toml: unknown language {code:?}: use ru, kk or en"
            ))
        })?,
        (None, None) => Lang::Ru,
    };
    let keymap = load_keymap()?;
    let name = ui
        .theme
        .or(config.theme.clone())
        .unwrap_or_else(|| "default".into());
    let colors = detect_color_support();
    let theme =
        crate::tui::theme::Theme::load(&name, colors).map_err(|e| Failure::usage(e.to_string()))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(no_terminal));
    }
    Ok(Setup {
        config,
        lang,
        keymap,
        theme,
        colors,
    })
}

/// Where a screen program's data comes from, and where its printouts go.
struct Data {
    backend: Box<dyn Backend>,
    files: Option<PathBuf>,
}

/// The folder `files` (receipts, tickets) in the user's own data directory.
fn own_files(files: &str) -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_local_dir().join("qyzmet").join(files))
}

/// The server when there is one, else the store itself (created when
/// absent, for the workstation), with the default folder for the files
/// the program prints (`files`: receipts, tickets): beside the store, or
/// under the user's own data directory when the store is a server's.
fn backend(ctx: &Context, create: bool, files: &str) -> Result<Data, Failure> {
    if let Some(socket) = ctx.server() {
        let remote = Remote::connect(&socket).map_err(|e| Failure {
            code: 1,
            message: crate::i18n::connect_error_text(super::say::lang(), &e),
        })?;
        return Ok(Data {
            backend: Box::new(remote),
            files: own_files(files),
        });
    }
    let ops = if create {
        ctx.open_or_create_ops()?
    } else {
        ctx.open_own_ops()?
    };
    // Beside an embedded store; a database has no folder of its own here.
    let files = if crate::store::pg_engine::is_url(ops.store.path()) {
        own_files(files)
    } else {
        ops.store.path().parent().map(|p| p.join(files))
    };
    Ok(Data {
        backend: Box::new(ops),
        files,
    })
}

pub fn run(ctx: &Context, ui: UiChoice) -> Outcome {
    let s = setup(
        ui,
        "the workstation needs a terminal; for scripts use the subcommands (qyzmet --help)",
    )?;
    let data = backend(ctx, true, "receipts")?;
    let receipts = std::env::var_os("QYZMET_RECEIPTS")
        .map(PathBuf::from)
        .or(s.config.receipts)
        .or(data.files);
    let options = Options {
        keymap: s.keymap,
        theme: s.theme,
        colors: s.colors,
        lang: s.lang,
        receipts,
        clock: now,
    };
    run_tui(data.backend, options).map_err(terminal_failure)?;
    Ok(ExitCode::SUCCESS)
}

/// The kiosk and the board: a centre's queue settings must exist first.
fn hall(ctx: &Context, ui: UiChoice, centre: &str) -> Result<(Setup, Data), Failure> {
    let s = setup(
        ui,
        "the kiosk and the board need a terminal; for scripts use `qyzmet queue`",
    )?;
    let data = backend(ctx, false, "tickets")?;
    data.backend
        .queue_config(centre)
        .map_err(super::admin::ops_failure)?;
    Ok((s, data))
}

fn terminal_failure(e: std::io::Error) -> Failure {
    Failure {
        code: 1,
        message: format!("terminal: {e}"),
    }
}

/// `qyzmet kiosk --centre CODE`: the ticket kiosk.
pub fn kiosk(
    ctx: &Context,
    ui: UiChoice,
    centre: &str,
    printer: Option<PathBuf>,
    tickets: Option<PathBuf>,
) -> Outcome {
    let (s, data) = hall(ctx, ui, centre)?;
    let mut k = crate::tui::hall::kiosk::Kiosk::new(data.backend, s.keymap, centre, s.lang, now());
    k.tickets_dir = tickets.or(data.files);
    k.printer = printer;
    crate::tui::run::run_full_screen(&mut k, s.theme, now).map_err(terminal_failure)?;
    Ok(ExitCode::SUCCESS)
}

/// `qyzmet board --centre CODE`: the hall display.
pub fn board(ctx: &Context, ui: UiChoice, centre: &str) -> Outcome {
    let (s, data) = hall(ctx, ui, centre)?;
    let mut b =
        crate::tui::hall::board::HallBoard::new(data.backend, s.keymap, centre, s.lang, now());
    crate::tui::run::run_full_screen(&mut b, s.theme, now).map_err(terminal_failure)?;
    Ok(ExitCode::SUCCESS)
}

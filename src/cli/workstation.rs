//! `qyzmet` with no subcommand: the workstation on the embedded store.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Deserialize;

use super::admin::{now, store_failure, store_path};
use super::{Context, Failure, Outcome};
use crate::domain::route::Deadlines;
use crate::ops::Ops;
use crate::ops::backend::Backend;
use crate::server::remote::Remote;
use crate::store::Store;
use crate::tui::i18n::Lang;
use crate::tui::keymap::Keymap;
use crate::tui::run::{Options, run as run_tui};
use crate::tui::theme::detect_color_support;

pub struct UiChoice {
    pub theme: Option<String>,
    pub lang: Option<String>,
}

/// `~/.config/qyzmet/config.toml`: defaults the command line overrides.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    theme: Option<String>,
    lang: Option<String>,
    receipts: Option<PathBuf>,
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

pub fn run(ctx: &Context, ui: UiChoice) -> Outcome {
    let config = load_config()?;
    let lang_code = ui.lang.or(config.lang).unwrap_or_else(|| "ru".into());
    let lang = Lang::from_code(&lang_code).ok_or_else(|| {
        Failure::usage(format!("unknown language {lang_code:?}: use ru, kk or en"))
    })?;
    let keymap = load_keymap()?;
    let theme = ui
        .theme
        .or(config.theme)
        .unwrap_or_else(|| "default".into());
    let colors = detect_color_support();
    crate::tui::theme::Theme::load(&theme, colors).map_err(|e| Failure::usage(e.to_string()))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "the workstation needs a terminal; for scripts use the subcommands (qyzmet --help)",
        ));
    }
    // Receipts print where the workstation runs: beside the store, or
    // under the user's own data directory when the store is a server's.
    let receipts_env = std::env::var_os("QYZMET_RECEIPTS").map(PathBuf::from);
    let (backend, receipts): (Box<dyn Backend>, _) = match ctx.server() {
        Some(socket) => {
            let remote = Remote::connect(&socket).map_err(|e| Failure {
                code: 1,
                message: e.to_string(),
            })?;
            let own =
                directories::BaseDirs::new().map(|d| d.data_local_dir().join("qyzmet/receipts"));
            (Box::new(remote), receipts_env.or(config.receipts).or(own))
        }
        None => {
            let path = store_path(ctx.db.as_deref())?;
            let catalog = ctx.catalog()?;
            let deadlines = Deadlines::new(ctx.calendar()?);
            let store = if path.join("db").exists() || path.join("conf").exists() {
                Store::open(&path)
            } else {
                Store::create(&path, now())
            };
            let store = store.map_err(store_failure)?;
            let beside = path.parent().map(|p| p.join("receipts"));
            let ops = Ops::new(store, catalog, deadlines);
            (Box::new(ops), receipts_env.or(config.receipts).or(beside))
        }
    };
    launch(backend, keymap, theme, colors, lang, receipts)
}

fn launch(
    backend: Box<dyn Backend>,
    keymap: Keymap,
    theme: String,
    colors: crate::tui::theme::ColorSupport,
    lang: Lang,
    receipts: Option<PathBuf>,
) -> Outcome {
    let options = Options {
        keymap,
        theme,
        colors,
        lang,
        receipts,
        clock: now,
    };
    run_tui(backend, options).map_err(|e| Failure {
        code: 1,
        message: format!("terminal: {e}"),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// What the kiosk and the board share with the workstation: language,
/// keymap, theme, a terminal, the store.
struct Hall {
    lang: Lang,
    keymap: Keymap,
    theme: crate::tui::theme::Theme,
    backend: Box<dyn Backend>,
    /// Where ticket files go by default: beside the store, or under the
    /// user's own data directory when the store is a server's.
    tickets: Option<PathBuf>,
}

fn hall(ctx: &Context, ui: UiChoice) -> Result<Hall, Failure> {
    let config = load_config()?;
    let lang_code = ui.lang.or(config.lang).unwrap_or_else(|| "ru".into());
    let lang = Lang::from_code(&lang_code).ok_or_else(|| {
        Failure::usage(format!("unknown language {lang_code:?}: use ru, kk or en"))
    })?;
    let keymap = load_keymap()?;
    let name = ui
        .theme
        .or(config.theme)
        .unwrap_or_else(|| "default".into());
    let theme = crate::tui::theme::Theme::load(&name, detect_color_support())
        .map_err(|e| Failure::usage(e.to_string()))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "the kiosk and the board need a terminal; for scripts use `qyzmet queue`",
        ));
    }
    let (backend, tickets): (Box<dyn Backend>, _) = match ctx.server() {
        Some(socket) => {
            let remote = Remote::connect(&socket).map_err(|e| Failure {
                code: 1,
                message: e.to_string(),
            })?;
            let own =
                directories::BaseDirs::new().map(|d| d.data_local_dir().join("qyzmet/tickets"));
            (Box::new(remote), own)
        }
        None => {
            let ops = ctx.open_own_ops()?;
            let beside = ops.store.path().parent().map(|p| p.join("tickets"));
            (Box::new(ops), beside)
        }
    };
    Ok(Hall {
        lang,
        keymap,
        theme,
        backend,
        tickets,
    })
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
    let h = hall(ctx, ui)?;
    h.backend
        .queue_config(centre)
        .map_err(super::admin::ops_failure)?;
    let dir = tickets.or(h.tickets);
    let mut k = crate::tui::kiosk::Kiosk::new(h.backend, h.keymap, centre, h.lang, now());
    k.tickets_dir = dir;
    k.printer = printer;
    crate::tui::run::run_full_screen(&mut k, h.theme, now).map_err(terminal_failure)?;
    Ok(ExitCode::SUCCESS)
}

/// `qyzmet board --centre CODE`: the hall display.
pub fn board(ctx: &Context, ui: UiChoice, centre: &str) -> Outcome {
    let h = hall(ctx, ui)?;
    h.backend
        .queue_config(centre)
        .map_err(super::admin::ops_failure)?;
    let mut b = crate::tui::board::HallBoard::new(h.backend, h.keymap, centre, h.lang, now());
    crate::tui::run::run_full_screen(&mut b, h.theme, now).map_err(terminal_failure)?;
    Ok(ExitCode::SUCCESS)
}

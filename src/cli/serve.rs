//! `qyzmet serve`: the store's one owner for many users.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Args;

use super::admin::now;
use super::{Context, Failure, Outcome};
use crate::catalog_files::Sources;
use crate::server::serve::{ServeOptions, bind, default_socket, default_sockets, serve};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The socket to listen on (default: $XDG_RUNTIME_DIR/qyzmet.sock or /run/qyzmet/qyzmet.sock).
    #[arg(long, value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// Password sessions end after this many minutes without a request.
    #[arg(long, default_value_t = 30, value_name = "MINUTES")]
    pub idle_minutes: u64,
    /// Write the log to FILE (default: standard error, which systemd sends to the journal).
    #[arg(long, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
    /// Connections one OS user (other than the server's own and root) may open per minute; 0: no limit.
    #[arg(long, default_value_t = 120, value_name = "N")]
    pub max_connections_per_minute: u32,
    /// Password sign-ins one OS user (other than the server's own and root) may try per minute; 0: no limit.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub max_sign_ins_per_minute: u32,
    /// Log the journal's head (an anchor for `journal verify --anchors`) every N entries; 0: never.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub anchor_every: u64,
    /// The embedded store's page cache in MiB: what the server keeps of the store in memory
    /// besides its connections (a PostgreSQL store has its own).
    #[arg(long, env = "QYZMET_CACHE_MB", default_value_t = crate::store::sled_engine::DEFAULT_CACHE_BYTES >> 20,
          value_name = "MIB", value_parser = clap::value_parser!(u64).range(8..=65536))]
    pub cache_mb: u64,
}

impl Context<'_> {
    /// The server to work through: `--connect` / `QYZMET_CONNECT`; else,
    /// when no `--db` was given either, the default socket if a server
    /// answers there.
    pub fn server(&self) -> Option<PathBuf> {
        if let Some(c) = &self.connect {
            return Some(c.clone());
        }
        if self.db.is_some() {
            return None;
        }
        default_sockets()
            .into_iter()
            .find(|s| UnixStream::connect(s).is_ok())
    }
}

fn init_log(file: Option<&PathBuf>) -> Result<(), Failure> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("QYZMET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match file {
        Some(path) => {
            let f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| Failure::file(path, &e))?;
            builder
                .with_ansi(false)
                .with_writer(std::sync::Mutex::new(f))
                .init();
        }
        None => builder.with_writer(std::io::stderr).init(),
    }
    Ok(())
}

pub fn run(ctx: &Context, args: ServeArgs) -> Outcome {
    init_log(args.log_file.as_ref())?;
    let sources = Sources::load(ctx.catalog_dir.as_deref(), ctx.calendar_dir.as_deref())
        .map_err(|e| Failure::usage(format!("catalogue files: {e}")))?;
    crate::store::sled_engine::set_cache_capacity(args.cache_mb << 20);
    let ops = ctx.open_or_create_ops()?;
    let path = ops.store.path().to_path_buf();
    let socket = args.socket.unwrap_or_else(default_socket);
    let listener = bind(&socket).map_err(|e| Failure {
        code: 1,
        message: format!("cannot listen on {}: {e}", socket.display()),
    })?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(sig, stop.clone()).map_err(|e| Failure {
            code: 1,
            message: format!("signals: {e}"),
        })?;
    }
    eprintln!(
        "qyzmet: serving {} on {} (stop with Ctrl+C or SIGTERM)",
        path.display(),
        socket.display()
    );
    let opts = ServeOptions {
        socket: socket.clone(),
        idle: Duration::from_secs(args.idle_minutes * 60),
        sources,
        clock: now,
        cli: Some(super::remote_cli::run_for_client),
        anchor_every: args.anchor_every,
        limits: crate::server::serve::RateLimits {
            connections_per_minute: args.max_connections_per_minute,
            sign_ins_per_minute: args.max_sign_ins_per_minute,
        },
    };
    serve(ops, listener, opts, stop).map_err(|e| Failure {
        code: 1,
        message: format!("server: {e}"),
    })?;
    Ok(ExitCode::SUCCESS)
}

//! CLI subcommands through a server: the client sends its arguments (and
//! the contents of a file argument), the server runs the same command code
//! on its store with the caller's rights and sends back what it printed.

use std::path::Path;
use std::process::ExitCode;

use super::admin::{self, PersonCmd, UserCmd};
use super::{Cli, Command, Context, Failure, JournalCmd, Outcome, Served, captured, say};
use crate::ops::Ops;
use crate::server::protocol::Reply;
use crate::server::serve::Caller;

/// Whether a command works on the store (and so goes through a server).
pub fn uses_store(cmd: &Command) -> bool {
    !matches!(
        cmd,
        Command::Catalog(_)
            | Command::Calendar(_)
            | Command::Iin(_)
            | Command::Serve(_)
            | Command::Migrate { .. }
            | Command::Loadgen(_)
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Status { .. }
            // Screens of their own: they choose a server themselves.
            | Command::Kiosk { .. }
            | Command::Board { .. }
    )
}

/// The command line minus `--connect` (the server has no use for it), with
/// the language this client settled on (`--lang` or its QYZMET_LANG: the
/// server does not read the client's environment) named first.
fn forwarded_args() -> Vec<String> {
    let mut out = vec!["--lang".to_string(), say::lang().code().to_string()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--connect" || a == "--lang" {
            args.next();
        } else if !a.starts_with("--connect=") && !a.starts_with("--lang=") {
            out.push(a);
        }
    }
    out
}

/// Client side: runs `cmd` on the server at `socket`.
pub fn forward(socket: &Path, cmd: &Command) -> Outcome {
    let refuse = |what: &str| {
        Err(Failure::usage(super::say::tf(
            "direct_only",
            &[("command", &what)],
        )))
    };
    let mut input = None;
    match cmd {
        Command::Init { .. } => return refuse("`qyzmet init`"),
        Command::Restore { .. } => return refuse("`qyzmet restore`"),
        // The password is the user's at this terminal (or this stdin), not the server's.
        Command::User(UserCmd::Add {
            login,
            password_stdin,
            ..
        }) => {
            let p = admin::ask_password(
                *password_stdin,
                &say::tf("password_for", &[("login", login)]),
            )?;
            input = Some(p.into_bytes());
        }
        Command::User(UserCmd::Passwd {
            login,
            password_stdin,
        }) => {
            input = Some(passwd_input(socket, login, *password_stdin)?);
        }
        Command::Person(PersonCmd::Import { file } | PersonCmd::ImportPowers { file }) => {
            input = Some(std::fs::read(file).map_err(|e| Failure::file(file, &e))?);
        }
        // The anchors are the client's file, not the server's.
        Command::Journal(JournalCmd::Verify {
            anchors: Some(file),
        }) => {
            input = Some(std::fs::read(file).map_err(|e| Failure::file(file, &e))?);
        }
        // Refused before the server does the work, and again when writing.
        Command::Backup { file, force, .. } => admin::refuse_existing(file, *force)?,
        _ => {}
    }
    let run =
        crate::server::remote::run_cli(socket, forwarded_args(), input).map_err(|m| Failure {
            code: 1,
            message: m,
        })?;
    use std::io::Write;
    if let (Command::Backup { file, force, .. }, Some(bytes)) = (cmd, &run.output)
        && run.code == 0
    {
        admin::write_new_file(file, *force, |out| out.write_all(bytes))?;
    }
    if let (Command::Journal(JournalCmd::Anchor { to: Some(file), .. }), Some(line)) =
        (cmd, &run.output)
        && run.code == 0
    {
        super::journal::append_anchor(file, line)?;
    }
    // A report's CSV or XLSX is written here, on the client's machine.
    if let (Command::Report(args), Some(bytes)) = (cmd, &run.output)
        && let Some(file) = args.file()
        && run.code == 0
    {
        std::fs::write(file, bytes).map_err(|e| Failure::file(file, &e))?;
    }
    super::out_bytes(&run.stdout);
    let _ = std::io::stderr().write_all(&run.stderr);
    Ok(ExitCode::from(run.code))
}

/// What `user passwd` sends: the new password, preceded by the current one
/// when this OS user is not the server's own nor root (the socket file is
/// the server's: its owner is the server's OS user).
fn passwd_input(socket: &Path, login: &str, stdin: bool) -> Result<Vec<u8>, Failure> {
    use std::os::unix::fs::MetadataExt;
    let me = nix::unistd::getuid().as_raw();
    let server = std::fs::metadata(socket).map(|m| m.uid()).ok();
    let new_prompt = say::tf("password_new_for", &[("login", &login)]);
    if me == 0 || server == Some(me) {
        return Ok(admin::ask_password(stdin, &new_prompt)?.into_bytes());
    }
    let (current, new) = if stdin {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Failure::usage(e.to_string()))?;
        let mut lines = text.lines();
        let current = lines.next().unwrap_or("").to_string();
        (current, lines.next().unwrap_or("").to_string())
    } else {
        let current =
            rpassword::prompt_password(say::tf("password_current_for", &[("login", &login)]))
                .map_err(|e| Failure::usage(e.to_string()))?;
        (current, admin::ask_password(false, &new_prompt)?)
    };
    Ok(format!("{current}\n{new}\n").into_bytes())
}

fn cli_reply(code: u8, stdout: Vec<u8>, stderr: String, output: Option<Vec<u8>>) -> Reply {
    Reply::Cli {
        code,
        stdout,
        stderr: stderr.into_bytes(),
        output,
    }
}

/// Server side: parses and checks the client's command, then runs it on
/// the server's store. The server's own OS user (or root) may run every
/// store command; anyone else only `app` and `person show`, and only as
/// the Qyzmet user their OS user is mapped to.
pub fn run_for_client(
    ops: &Ops,
    caller: &Caller,
    args: &[String],
    input: Option<Vec<u8>>,
) -> Reply {
    // Exit 2: not a command for a server; 3: not allowed (as README says).
    let refuse_with =
        |code: u8, m: String| cli_reply(code, Vec::new(), format!("qyzmet: {m}\n"), None);
    // Only the client's words count, not the server's environment.
    let parsed = super::options::command_without_env()
        .try_get_matches_from(std::iter::once("qyzmet".to_string()).chain(args.iter().cloned()))
        .and_then(Cli::checked);
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => return cli_reply(2, Vec::new(), e.render().to_string(), None),
    };
    // The client's language (it forwards its own `--lang`).
    let lang = cli.lang.unwrap_or_default();
    let say = |key: &str, args: &[(&str, &dyn crate::i18n::Arg)]| {
        say::with_lang(lang, || say::tf(key, args))
    };
    let refused = |m: String| refuse_with(2, m);
    let forbidden = |m: String| refuse_with(3, m);
    if cli.db.is_some() || cli.catalog.is_some() || cli.calendar.is_some() {
        return refused(say("remote-drop_sources", &[]));
    }
    let Some(cmd) = cli.command else {
        return refused(say("remote-no_command", &[]));
    };
    if !uses_store(&cmd) || matches!(cmd, Command::Init { .. } | Command::Restore { .. }) {
        return refused(say("remote-not_served", &[]));
    }
    if let Some(why) = not_allowed(caller, &cmd, lang) {
        return forbidden(why);
    }
    let ctx = Context {
        served: Some(Served {
            ops,
            actor: caller
                .os_user
                .clone()
                .unwrap_or_else(|| format!("uid {}", caller.uid)),
            input,
            output: Default::default(),
            by_self: !caller.admin,
        }),
        ..Context::default()
    };
    let (outcome, printed) = say::with_lang(lang, || captured(|| dispatch(&ctx, cmd)));
    let output = ctx
        .served
        .map(|s| s.output.into_inner())
        .filter(|o| !o.is_empty());
    let mut stderr = String::from_utf8_lossy(&printed.stderr).into_owned();
    match outcome {
        Ok(code) => cli_reply(exit_byte(code), printed.stdout, stderr, output),
        Err(f) => {
            stderr.push_str(&format!("qyzmet: {}\n", f.message));
            cli_reply(f.code, printed.stdout, stderr, None)
        }
    }
}

/// Why a caller who is not an administrator may not run `cmd`, in the
/// client's language: only `app`, `person show`, `report` and one's own
/// password, and only as the Qyzmet user their OS user is mapped to.
fn not_allowed(caller: &Caller, cmd: &Command, lang: crate::i18n::Lang) -> Option<String> {
    if caller.admin {
        return None;
    }
    let say = |key: &str, args: &[(&str, &dyn crate::i18n::Arg)]| {
        say::with_lang(lang, || say::tf(key, args))
    };
    let acting = match cmd {
        Command::App(c) => c.acting_login(),
        Command::Person(c @ PersonCmd::Show { .. }) => c.acting_login(),
        // One's own password, with the current one (see `admin::user`).
        Command::User(UserCmd::Passwd { login, .. }) => Some(login.as_str()),
        Command::Report(args) => args.acting_login(),
        _ => {
            let user = caller
                .os_user
                .clone()
                .unwrap_or_else(|| caller.uid.to_string());
            return Some(say("remote-only_server_user", &[("user", &user)]));
        }
    };
    match (&caller.login, acting) {
        (Some(mine), Some(wanted)) if mine == wanted => {}
        (mine, wanted) => {
            let user = caller
                .os_user
                .clone()
                .unwrap_or_else(|| caller.uid.to_string());
            let mine = mine.clone().unwrap_or_else(|| say("remote-no_user", &[]));
            let wanted = wanted
                .map(str::to_string)
                .unwrap_or_else(|| say("remote-nobody", &[]));
            return Some(say(
                "remote-mapped_elsewhere",
                &[("user", &user), ("mine", &mine), ("wanted", &wanted)],
            ));
        }
    }
    None
}

/// `ExitCode` hides its number; the commands only use these.
fn exit_byte(code: ExitCode) -> u8 {
    if code == ExitCode::SUCCESS { 0 } else { 1 }
}

/// The store commands, run on whatever store `ctx` gives.
pub fn dispatch(ctx: &Context, cmd: Command) -> Outcome {
    match cmd {
        Command::Org(cmd) => admin::org(ctx, cmd),
        Command::User(cmd) => admin::user(ctx, cmd),
        Command::Person(cmd) => admin::person(ctx, cmd),
        Command::App(cmd) => admin::app(ctx, cmd),
        Command::Queue(cmd) => super::queue::run(ctx, cmd),
        Command::Journal(cmd) => super::journal::run(ctx, cmd),
        Command::Audit(cmd) => super::audit::run(ctx, cmd),
        Command::Report(args) => super::report::run(ctx, args),
        Command::Check => admin::check(ctx),
        Command::Backup {
            file,
            force,
            encrypt_to,
        } => admin::backup(ctx, &file, force, &encrypt_to),
        Command::Init { demo, scale } => admin::init(ctx, demo, scale),
        Command::Restore { file, identity } => admin::restore(ctx, &file, identity.as_deref()),
        // What `uses_store` leaves out runs elsewhere.
        _ => Err(Failure::usage("not a store command")),
    }
}

//! `qyzmet journal`: the hash chain verified, and anchored outside the store
//! (see `store::anchor`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::admin::{report, store_failure};
use super::{Context, Failure, JournalCmd, Outcome, outln, say};
use crate::store::anchor::{Anchor, AnchorMismatch};

pub fn run(ctx: &Context, cmd: JournalCmd) -> Outcome {
    match cmd {
        JournalCmd::Verify { anchors } => verify(ctx, anchors.as_deref()),
        JournalCmd::Anchor { to, syslog } => anchor(ctx, to.as_deref(), syslog),
    }
}

fn verify(ctx: &Context, anchors: Option<&Path>) -> Outcome {
    let ops = ctx.open_ops()?;
    let mut findings = ops.store.verify_journal().map_err(store_failure)?;
    if let Some(file) = anchors {
        let bytes = match ctx.served.as_ref().and_then(|s| s.input.clone()) {
            Some(b) => b,
            None => std::fs::read(file).map_err(|e| Failure::file(file, &e))?,
        };
        let found = Anchor::all_in(&String::from_utf8_lossy(&bytes));
        if found.is_empty() {
            return Err(Failure::usage(say::tf(
                "anchor-none",
                &[("file", &file.display())],
            )));
        }
        let mismatches = ops.store.check_anchors(&found).map_err(store_failure)?;
        findings.extend(mismatches.iter().map(mismatch_text));
        if mismatches.is_empty() {
            outln!("{}", say::tf("anchor-agree", &[("n", &found.len())]));
        }
    }
    report(
        say::tf("sound_journal", &[("n", &ops.store.journal_len())]),
        findings,
    )
}

fn mismatch_text(m: &AnchorMismatch) -> String {
    match m {
        AnchorMismatch::Missing {
            anchor,
            journal_len,
        } => say::tf(
            "anchor-missing",
            &[("seq", &anchor.seq), ("len", journal_len)],
        ),
        AnchorMismatch::Differs { anchor } => say::tf("anchor-differs", &[("seq", &anchor.seq)]),
    }
}

fn anchor(ctx: &Context, to: Option<&Path>, syslog: bool) -> Outcome {
    let ops = ctx.open_ops()?;
    let head = ops
        .store
        .journal_head()
        .map_err(store_failure)?
        .ok_or_else(|| Failure::not_found(say::t("anchor-empty")))?;
    let line = format!("{} {head}", super::admin::now().format("%Y-%m-%dT%H:%M"));
    if syslog {
        to_syslog(&head)?;
    } else if let Some(file) = to {
        match &ctx.served {
            // The client appends it to its own file.
            Some(s) => s.output.borrow_mut().extend(format!("{line}\n").bytes()),
            None => append_anchor(file, format!("{line}\n").as_bytes())?,
        }
    }
    outln!("{line}");
    Ok(ExitCode::SUCCESS)
}

/// Appends an anchor line to `file` and syncs it: an anchor that is not
/// on the disk anchors nothing.
pub fn append_anchor(file: &Path, line: &[u8]) -> Result<(), Failure> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .and_then(|mut f| f.write_all(line).and_then(|()| f.sync_all()))
        .map_err(|e| Failure::file(file, &e))
}

/// Where the system log listens: `/dev/log`, or the Unix datagram socket
/// `QYZMET_SYSLOG_SOCKET` names (a relay, a chroot's log socket, a test).
pub const SYSLOG_SOCKET_ENV: &str = "QYZMET_SYSLOG_SOCKET";

/// The system log (`journalctl -t qyzmet`, /var/log/syslog), as the
/// `qyzmet` program, facility auth, severity notice: one RFC 3164 datagram,
/// as the C library's syslog(3) writes it.
fn to_syslog(head: &Anchor) -> Result<(), Failure> {
    let path = std::env::var_os(SYSLOG_SOCKET_ENV).unwrap_or_else(|| "/dev/log".into());
    let line = syslog_line(head, chrono::Local::now().naive_local(), std::process::id());
    std::os::unix::net::UnixDatagram::unbound()
        .and_then(|s| s.send_to(line.as_bytes(), &path))
        .map(|_| ())
        .map_err(|e| Failure {
            code: 1,
            message: say::tf(
                "anchor-syslog_failed",
                &[("error", &say::io_error(Path::new(&path), &e))],
            ),
        })
}

/// `<PRI>TIMESTAMP qyzmet[PID]: journal-anchor seq=N hash=HEX`, PRI being
/// facility auth (4) × 8 + severity notice (5).
fn syslog_line(head: &Anchor, at: chrono::NaiveDateTime, pid: u32) -> String {
    const AUTH_NOTICE: u8 = 4 * 8 + 5;
    format!(
        "<{AUTH_NOTICE}>{} qyzmet[{pid}]: {head}",
        at.format("%b %e %H:%M:%S")
    )
}

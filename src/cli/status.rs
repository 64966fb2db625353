//! `qyzmet status`: how a running server fares, asked through its socket.
//! Only the server's own OS user and root are answered.

use std::process::ExitCode;

use super::{Context, Failure, Outcome, outln, say};
use crate::server::remote::Remote;
use crate::server::status::ServerStatus;

pub fn run(ctx: &Context, json: bool) -> Outcome {
    let Some(socket) = ctx.server() else {
        return Err(Failure::usage(say::t("status_needs_server")));
    };
    let fail = |m: String| Failure {
        code: 1,
        message: m,
    };
    let said = |e: crate::ops::OpsError| fail(crate::i18n::error_text(say::lang(), &e));
    let remote = Remote::connect(&socket)
        .map_err(|e| fail(crate::i18n::connect_error_text(say::lang(), &e)))?;
    let status = remote.status().map_err(said)?;
    if json {
        super::print_json(&status);
    } else {
        print(&status);
    }
    Ok(ExitCode::SUCCESS)
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

fn print(s: &ServerStatus) {
    let line = |key: &str, args: &[(&str, &dyn crate::i18n::Arg)]| outln!("{}", say::tf(key, args));
    line(
        "status.serving",
        &[
            ("version", &s.version),
            ("store", &s.store),
            ("s", &s.uptime_s),
        ],
    );
    line("status.disk", &[("size", &mib(s.store_bytes))]);
    let unknown = || say::t("status.unknown").to_string();
    let memory = s.rss_bytes.map_or_else(unknown, mib);
    let threads = s.threads.map_or_else(unknown, |t| t.to_string());
    line(
        "status.memory",
        &[("memory", &memory), ("threads", &threads)],
    );
    let signed_in = s.sessions_by_org.values().sum::<usize>();
    line(
        "status.connections",
        &[("n", &s.connections), ("signed_in", &signed_in)],
    );
    for (org, n) in &s.sessions_by_org {
        outln!("  {org}: {n}");
    }
    let p99 = s
        .p99_ms_last_minute
        .map_or("-".into(), |p| format!("{p:.2} ms"));
    line(
        "status.last_minute",
        &[
            ("n", &s.requests_last_minute),
            ("rate", &format!("{:.1}", s.requests_per_s)),
            ("p99", &p99),
        ],
    );
    line(
        "status.notices",
        &[
            ("queued", &s.notices_queued),
            ("dropped", &s.notices_dropped),
            ("resynchronising", &s.resynchronising),
            ("resyncs", &s.resyncs_sent),
        ],
    );
    line(
        "status.outboxes",
        &[
            ("frames", &s.queued_frames_max),
            ("limit", &s.notice_limit),
            ("bytes", &s.queued_bytes),
        ],
    );
}

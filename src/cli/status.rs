//! `qyzmet status`: how a running server fares, asked through its socket.
//! Only the server's own OS user and root are answered.

use std::process::ExitCode;

use super::{Context, Failure, Outcome, outln};
use crate::server::remote::Remote;
use crate::server::status::ServerStatus;

pub fn run(ctx: &Context, json: bool) -> Outcome {
    let Some(socket) = ctx.server() else {
        return Err(Failure::usage(
            "status asks a running server: start `qyzmet serve` and pass --connect SOCKET (or QYZMET_CONNECT)",
        ));
    };
    let fail = |m: String| Failure {
        code: 1,
        message: m,
    };
    let remote = Remote::connect(&socket).map_err(|e| fail(e.to_string()))?;
    let status = remote.status().map_err(|e| fail(e.to_string()))?;
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
    outln!(
        "Qyzmet {} serving {} for {} s",
        s.version,
        s.store,
        s.uptime_s
    );
    outln!("store on disk: {}", mib(s.store_bytes));
    let memory = s.rss_bytes.map_or("unknown".into(), mib);
    let threads = s.threads.map_or("unknown".into(), |t| t.to_string());
    outln!("memory (RSS): {memory}; threads: {threads}");
    outln!(
        "connections: {} ({} signed in)",
        s.connections,
        s.sessions_by_org.values().sum::<usize>()
    );
    for (org, n) in &s.sessions_by_org {
        outln!("  {org}: {n}");
    }
    let p99 = s
        .p99_ms_last_minute
        .map_or("-".into(), |p| format!("{p:.2} ms"));
    outln!(
        "last minute: {} requests, {:.1}/s, p99 {p99}",
        s.requests_last_minute,
        s.requests_per_s
    );
    outln!(
        "notices: {} queued, {} dropped; {} connections resynchronising, {} resyncs sent",
        s.notices_queued,
        s.notices_dropped,
        s.resynchronising,
        s.resyncs_sent
    );
    outln!(
        "outgoing queues: longest {} frames (limit {} notices), {} bytes in all",
        s.queued_frames_max,
        s.notice_limit,
        s.queued_bytes
    );
}

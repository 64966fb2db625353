//! The server's handling of every request (`server::handle`), fed decoded
//! frames: what `protocol_frame` shows decodes, here also runs, with its
//! limits, permissions and store writes, on a copy of the small demo store.

use std::io::Cursor;
use std::time::Instant;

use super::{DEMO, Scratch, copy_dir, demo_ops, monday};
use crate::catalog_files::Sources;
use crate::server::handle::{Session, handle};
use crate::server::hub::Hub;
use crate::server::protocol::{ClientMsg, read_frame};
use crate::server::serve::{Peer, ServeOptions};
use crate::store::Store;

/// Requests one execution runs at most, so it stays short.
const MAX_REQUESTS: usize = 32;

/// The first byte chooses the connection: 0 nobody signed in (a kiosk),
/// 1–6 a demo user signed in, 7 the server's own OS user; the rest are
/// `ClientMsg` frames, each handled as the server handles it.
pub fn server_request(data: &[u8]) {
    server_request_answered(data);
}

/// `server_request`, telling how many requests were answered without an
/// error (so a test can show the target gets past sign-in and refusals).
pub fn server_request_answered(data: &[u8]) -> usize {
    let Some((&who, frames)) = data.split_first() else {
        return 0;
    };
    let mut requests = Vec::new();
    let mut r = Cursor::new(frames);
    while let Ok(Some(msg)) = read_frame::<ClientMsg>(&mut r) {
        requests.push(msg.request);
        if requests.len() == MAX_REQUESTS {
            break;
        }
    }
    if requests.is_empty() {
        return 0;
    }
    let scratch = Scratch::new("server");
    let path = scratch.0.join("store");
    copy_dir(&DEMO.0.join("store"), &path).expect("a copy of the demo store");
    let ops = demo_ops(Store::open(&path).expect("the demo store opens"));
    let opts = ServeOptions {
        socket: scratch.0.join("s.sock"),
        idle: std::time::Duration::from_secs(3600),
        sources: SOURCES.clone(),
        clock: monday,
        cli: Some(crate::cli::remote_cli::run_for_client),
        limits: Default::default(),
        anchor_every: 0,
    };
    let hub = Hub::default();
    let login = match who % 8 {
        n @ 1..=6 => super::DEMO_LOGINS.get(usize::from(n) - 1).copied(),
        _ => None,
    };
    let mut session = Session {
        peer: Peer {
            uid: 1000,
            pid: 1,
            os_user: None,
        },
        login: login.and_then(|l| ops.caller(l).ok()),
        by_peer: false,
        last_seen: Instant::now(),
        admin: who % 8 == 7,
    };
    let answered = requests
        .into_iter()
        .filter(|request| {
            handle(&ops, &opts, &hub, &mut session, request.clone())
                .0
                .is_ok()
        })
        .count();
    drop(ops);
    drop(scratch);
    answered
}

static SOURCES: std::sync::LazyLock<Sources> =
    std::sync::LazyLock::new(|| Sources::load(None, None).expect("the built-in sources"));

/// The seeds: every request of `protocol_seeds` as each kind of connection.
pub fn server_request_seeds() -> Vec<Vec<u8>> {
    let frames: Vec<u8> = super::protocol_seeds().concat();
    let mut out: Vec<Vec<u8>> = (0..8u8)
        .map(|who| [vec![who], frames.clone()].concat())
        .collect();
    for seed in super::protocol_seeds() {
        out.push([vec![3], seed].concat());
    }
    out
}

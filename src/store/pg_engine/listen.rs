//! Serve nodes on one database tell each other what they changed: each
//! transaction that wrote an application or a queue sends, as it commits,
//! `NOTIFY qyzmet_changes` with its node's origin and the ids (`a 42`,
//! `q KRG-SC`): never whole records, NOTIFY payloads are small. A node
//! listens on a connection of its own and passes on what other nodes
//! changed; after a broken connection it says that some may be missed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Config, NoTls};

use crate::store::engine::Elsewhere;

pub const CHANNEL: &str = "qyzmet_changes";

/// What a transaction announces of itself.
pub fn payload(origin: &str, change: &Elsewhere) -> Option<String> {
    match change {
        Elsewhere::App(id) => Some(format!("{origin} a {id}")),
        Elsewhere::Queue(centre) => Some(format!("{origin} q {centre}")),
        Elsewhere::Missed => None,
    }
}

/// Another node's change in a payload (None: this node's own, or not ours).
fn parse(origin: &str, payload: &str) -> Option<Elsewhere> {
    let mut parts = payload.splitn(3, ' ');
    let (from, kind, what) = (parts.next()?, parts.next()?, parts.next()?);
    if from == origin {
        return None;
    }
    match kind {
        "a" => what.parse().ok().map(Elsewhere::App),
        "q" => Some(Elsewhere::Queue(what.to_string())),
        _ => None,
    }
}

/// Listens until `stop` is set (the engine is dropped) or nobody receives.
pub fn follow(config: Config, origin: String, stop: Arc<AtomicBool>) -> Receiver<Elsewhere> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("pg-listen".into())
        .spawn(move || {
            let mut first = true;
            while !stop.load(Ordering::Relaxed) {
                if !first && tx.send(Elsewhere::Missed).is_err() {
                    return;
                }
                first = false;
                match listen(&config, &origin, &tx, &stop) {
                    Ok(()) => return,
                    Err(e) => {
                        tracing::warn!(
                            "listening for other nodes' changes: {e}; again in a second"
                        );
                        std::thread::sleep(Duration::from_secs(1));
                    }
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("no thread to listen for other nodes' changes: {e}");
    }
    rx
}

fn listen(
    config: &Config,
    origin: &str,
    tx: &Sender<Elsewhere>,
    stop: &AtomicBool,
) -> Result<(), postgres::Error> {
    let mut client = config.connect(NoTls)?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    while !stop.load(Ordering::Relaxed) {
        {
            let mut notes = client.notifications();
            let mut heard = notes.timeout_iter(Duration::from_millis(500));
            while let Some(note) = heard.next()? {
                if let Some(change) = parse(origin, note.payload())
                    && tx.send(change).is_err()
                {
                    return Ok(());
                }
            }
        }
        // A quiet half second: is the server still there (after a
        // failover this connection is to the old primary)?
        client.batch_execute("")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_hears_the_others_and_not_itself() {
        let change = Elsewhere::App(42);
        let said = payload("node-a", &change).unwrap();
        assert_eq!(parse("node-b", &said), Some(change));
        assert_eq!(parse("node-a", &said), None);
        let queue = payload("node-a", &Elsewhere::Queue("KRG-SC".into())).unwrap();
        assert_eq!(
            parse("node-b", &queue),
            Some(Elsewhere::Queue("KRG-SC".into()))
        );
        assert_eq!(parse("node-b", "garbage"), None);
    }
}

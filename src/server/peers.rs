//! Other serve nodes on the same database (PostgreSQL): what they commit
//! arrives as ids (`store::engine::Elsewhere`), and this node tells its own
//! workstations as if the change had been made here: the application as
//! lists show it, to the organisations it touches; a queue's new revision
//! to everyone; after a gap in what was heard, a notice that makes every
//! client reload.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::thread::JoinHandle;
use std::time::Duration;

use tracing::warn;

use super::hooks::touched_orgs;
use super::hub::Hub;
use super::protocol::Notice;
use crate::ops::Ops;
use crate::store::engine::Elsewhere;
use crate::store::model::Summary;

/// Not a connection of this node: nobody is left out of what others did.
const NO_CONNECTION: u64 = u64::MAX;

/// Follows the other nodes until `stop`; None where the store has no others.
pub fn follow<S>(server: Arc<S>, stop: Arc<AtomicBool>) -> Option<JoinHandle<()>>
where
    S: AsRef<Ops> + AsRef<Hub> + Send + Sync + 'static,
{
    let ops: &Ops = (*server).as_ref();
    let heard = ops.store.changes_elsewhere()?;
    let spawned = std::thread::Builder::new()
        .name("peers".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match heard.recv_timeout(Duration::from_millis(250)) {
                    Ok(change) => tell((*server).as_ref(), (*server).as_ref(), change),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        });
    match spawned {
        Ok(t) => Some(t),
        Err(e) => {
            warn!("no thread to follow the other nodes: {e}");
            None
        }
    }
}

fn tell(ops: &Ops, hub: &Hub, change: Elsewhere) {
    let revision = ops.store.revision().unwrap_or(0);
    let notice = |number, summary, queue| Notice {
        revision,
        number,
        summary,
        queue,
    };
    match change {
        Elsewhere::App(id) => match ops.store.app(id) {
            Ok(Some(rec)) => {
                let orgs = touched_orgs(&rec);
                let told = notice(Some(rec.number.clone()), Some(Summary::of(&rec)), None);
                hub.notify(told, Some(&orgs), NO_CONNECTION);
            }
            Ok(None) => {}
            Err(e) => warn!("another node's change of application {id}: {e}"),
        },
        Elsewhere::Queue(centre) => {
            let q = ops.store.queue_revision(&centre).unwrap_or(0);
            hub.notify_all(notice(None, None, Some((centre, q))));
        }
        Elsewhere::Missed => hub.notify_all(notice(None, None, None)),
    }
}

//! Group commit: concurrent writers share one flush and fdatasync. Each
//! writer commits its transaction in memory and takes a ticket; the first
//! one to find no sync running makes everything committed so far durable,
//! while the writers that commit meanwhile wait for the next sync, which one
//! of them runs for all. Nobody returns before a sync that began after its
//! commit has finished.

use std::sync::{Condvar, Mutex, MutexGuard};

use crate::store::StoreError;

#[derive(Default)]
struct Progress {
    /// Tickets handed out: commits done in memory.
    committed: u64,
    /// Every commit up to this ticket is durable.
    durable: u64,
    syncing: bool,
    /// Syncs run, for the figures (commits / syncs = the batch size).
    syncs: u64,
}

#[derive(Default)]
pub struct GroupCommit {
    progress: Mutex<Progress>,
    synced: Condvar,
}

impl GroupCommit {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Called right after a commit: its ticket.
    pub fn committed(&self) -> u64 {
        let mut p = self.lock();
        p.committed += 1;
        p.committed
    }

    /// Returns once the commit with `ticket` is durable: running `sync`
    /// itself for every commit so far, or waiting for the one running. A
    /// failed sync is reported to the writer that ran it, and the others
    /// try again themselves.
    pub fn wait(
        &self,
        ticket: u64,
        sync: impl Fn() -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut p = self.lock();
        loop {
            if p.durable >= ticket {
                return Ok(());
            }
            if p.syncing {
                p = self.synced.wait(p).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            p.syncing = true;
            let upto = p.committed;
            drop(p);
            let result = sync();
            p = self.lock();
            p.syncing = false;
            p.syncs += 1;
            if result.is_ok() {
                p.durable = p.durable.max(upto);
            }
            self.synced.notify_all();
            result?;
        }
    }

    /// (commits, syncs) so far.
    pub fn figures(&self) -> (u64, u64) {
        let p = self.lock();
        (p.committed, p.syncs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Writers that commit while a sync runs share the next one, and none
    /// returns before a sync that began after its commit.
    #[test]
    fn writers_share_syncs_and_none_returns_before_its_own() {
        let group = Arc::new(GroupCommit::default());
        // The highest ticket every finished sync covered.
        let covered = Arc::new(AtomicU64::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (group, covered) = (group.clone(), covered.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let ticket = group.committed();
                        group
                            .wait(ticket, || {
                                let upto = group.lock().committed;
                                std::thread::sleep(std::time::Duration::from_micros(300));
                                covered.fetch_max(upto, Ordering::SeqCst);
                                Ok(())
                            })
                            .unwrap();
                        assert!(covered.load(Ordering::SeqCst) >= ticket);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let (commits, syncs) = group.figures();
        assert_eq!(commits, 400);
        assert!(syncs < commits, "{syncs} syncs for {commits} commits");
    }

    /// A failed sync fails its own writer; the next writer syncs again.
    #[test]
    fn a_failed_sync_is_reported_and_the_next_one_runs() {
        let group = GroupCommit::default();
        let first = group.committed();
        let failed = group.wait(first, || Err(StoreError::Io("disk".into())));
        assert!(failed.is_err());
        let runs = AtomicU64::new(0);
        group
            .wait(first, || {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(())
            })
            .unwrap();
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}

//! A change staged over plain sled trees, then applied in one short sled
//! transaction. A sled transaction holds sled's process-wide lock in write
//! mode for as long as its closure runs, so every reader of every tree
//! waits meanwhile; running a change's reads, decoding, domain work and
//! encoding inside it (as the engine did up to schema 7's run 6) held that
//! lock for the whole change. Here the engine's own writer lock keeps
//! writers of the same trees in line (so what a change read is still what
//! is stored when it commits), the change reads the trees as they are, its
//! writes are kept aside, and the sled transaction only replays them: its
//! peg makes them one atomic unit in sled's log, across trees.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use ::sled::transaction::{ConflictableTransactionError, TransactionError};
use ::sled::{IVec, Transactional, Tree};

use crate::store::StoreError;
use crate::store::codec::decode;
use crate::store::engine::TxResult;
use crate::store::index::u64_of;

/// Writes of one tree: a value, or `None` for a removal.
type Writes = BTreeMap<IVec, Option<IVec>>;

/// One tree as a change sees it: what it wrote so far over what is stored.
pub(super) struct Staged<'a> {
    tree: &'a Tree,
    writes: RefCell<Writes>,
    /// Bytes of keys and values written, for `Engine::bytes_written`.
    bytes: &'a Cell<u64>,
}

impl<'a> Staged<'a> {
    pub fn new(tree: &'a Tree, bytes: &'a Cell<u64>) -> Staged<'a> {
        Staged {
            tree,
            writes: RefCell::new(BTreeMap::new()),
            bytes,
        }
    }

    pub fn get(&self, k: &[u8]) -> TxResult<Option<IVec>> {
        if let Some(staged) = self.writes.borrow().get(k) {
            return Ok(staged.clone());
        }
        Ok(self.tree.get(k).map_err(StoreError::from)?)
    }

    pub fn decoded<T: serde::de::DeserializeOwned>(&self, k: &[u8]) -> TxResult<Option<T>> {
        match self.get(k)? {
            Some(v) => Ok(Some(decode(&v)?)),
            None => Ok(None),
        }
    }

    pub fn insert(&self, k: &[u8], v: Vec<u8>) {
        self.count(k.len() + v.len());
        self.writes
            .borrow_mut()
            .insert(IVec::from(k), Some(IVec::from(v)));
    }

    pub fn remove(&self, k: &[u8]) {
        self.count(k.len());
        self.writes.borrow_mut().insert(IVec::from(k), None);
    }

    /// The next value of a counter kept as a big-endian u64 under `k`.
    pub fn bump(&self, k: &[u8]) -> TxResult<u64> {
        let n = self.get(k)?.map_or(0, |v| u64_of(&v)) + 1;
        self.insert(k, n.to_be_bytes().to_vec());
        Ok(n)
    }

    fn count(&self, n: usize) {
        self.bytes.set(self.bytes.get() + n as u64);
    }
}

/// Applies what `staged` wrote as one atomic unit: a sled transaction over
/// the trees written that only replays their writes.
pub(super) fn commit(staged: &[&Staged<'_>]) -> Result<(), StoreError> {
    let written: Vec<(Tree, Writes)> = staged
        .iter()
        .map(|s| (s.tree.clone(), s.writes.take()))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if written.is_empty() {
        return Ok(());
    }
    let trees: Vec<Tree> = written.iter().map(|(t, _)| t.clone()).collect();
    let replay = |views: &Vec<::sled::transaction::TransactionalTree>| {
        for (view, (_, writes)) in views.iter().zip(&written) {
            for (k, v) in writes {
                match v {
                    Some(v) => view.insert(k.clone(), v.clone())?,
                    None => view.remove(k.clone())?,
                };
            }
        }
        Ok::<(), ConflictableTransactionError<()>>(())
    };
    <[Tree] as Transactional<()>>::transaction(&trees[..], replay).map_err(|e| match e {
        TransactionError::Storage(e) => StoreError::from(e),
        TransactionError::Abort(()) => StoreError::Io("a replayed change aborted".into()),
    })
}

//! What a commit sees of the commits before it that are logged but not yet
//! in sled's trees. A commit reaches sled only once its log record is
//! durable (plain inserts, no sled transaction: see `wal`), so readers of
//! sled never see a change that a crash could lose; the commits after it,
//! which run meanwhile, read their predecessors here first.

use std::collections::HashMap;

use super::TREES;
use super::wal::Image;

/// A key's latest value among the unapplied commits, and which commit left
/// it.
struct Latest {
    seq: u64,
    value: Option<Vec<u8>>,
}

/// Every key written by a commit not yet applied to sled, per tree.
pub struct Unapplied {
    trees: Vec<HashMap<Vec<u8>, Latest>>,
}

impl Default for Unapplied {
    fn default() -> Unapplied {
        Unapplied {
            trees: TREES.iter().map(|_| HashMap::new()).collect(),
        }
    }
}

impl Unapplied {
    /// The key's value as the latest unapplied commit left it: `Some(None)`
    /// where it removed the key, `None` where no unapplied commit wrote it.
    pub fn get(&self, tree: u8, key: &[u8]) -> Option<Option<&[u8]>> {
        let latest = self.trees.get(usize::from(tree))?.get(key)?;
        Some(latest.value.as_deref())
    }

    /// The commit numbered `seq` has written `images`.
    pub fn add(&mut self, seq: u64, images: &[Image]) {
        for im in images {
            if let Some(tree) = self.trees.get_mut(usize::from(im.tree)) {
                let latest = Latest {
                    seq,
                    value: im.value.clone(),
                };
                tree.insert(im.key.clone(), latest);
            }
        }
    }

    /// The commits up to `upto` are in sled: their keys are read there now,
    /// unless a later commit wrote them again.
    pub fn applied(&mut self, upto: u64) {
        for tree in &mut self.trees {
            tree.retain(|_, latest| latest.seq > upto);
        }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.trees.iter().all(HashMap::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(tree: u8, key: &str, value: Option<&str>) -> Image {
        Image {
            tree,
            key: key.as_bytes().to_vec(),
            value: value.map(|v| v.as_bytes().to_vec()),
        }
    }

    /// The latest commit's value wins; applying an earlier commit leaves a
    /// key a later one wrote again.
    #[test]
    fn the_latest_value_stays_until_its_own_commit_is_applied() {
        let mut u = Unapplied::default();
        u.add(1, &[image(3, "a", Some("1")), image(3, "b", Some("x"))]);
        u.add(2, &[image(3, "a", None)]);
        assert_eq!(u.get(3, b"a"), Some(None));
        assert_eq!(u.get(3, b"b"), Some(Some(&b"x"[..])));
        assert_eq!(u.get(4, b"a"), None, "another tree");
        assert_eq!(u.get(99, b"a"), None, "no such tree");
        u.applied(1);
        assert_eq!(u.get(3, b"b"), None);
        assert_eq!(u.get(3, b"a"), Some(None));
        assert!(!u.is_empty());
        u.applied(2);
        assert!(u.is_empty());
    }
}

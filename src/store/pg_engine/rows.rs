//! Reading a table lazily: pages of rows in key order, each page one query
//! on a pooled connection that goes back to the pool in between, so a long
//! scan (`check` over a million applications) holds no connection and no
//! snapshot while its caller works.

use std::collections::VecDeque;
use std::ops::Bound;

use super::PgEngine;
use super::kv;
use crate::store::StoreError;
use crate::store::engine::KeyValue;

const PAGE: i64 = 512;

pub struct Paged<'a> {
    engine: &'a PgEngine,
    tree: &'static str,
    /// Where the next page starts.
    from: Bound<Vec<u8>>,
    below: Option<Vec<u8>>,
    buffered: VecDeque<KeyValue>,
    done: bool,
}

impl<'a> Paged<'a> {
    pub fn new(
        engine: &'a PgEngine,
        tree: &'static str,
        from: Bound<&[u8]>,
        below: Option<Vec<u8>>,
    ) -> Paged<'a> {
        Paged {
            engine,
            tree,
            from: from.map(<[u8]>::to_vec),
            below,
            buffered: VecDeque::new(),
            done: false,
        }
    }

    /// Every row whose key starts with `prefix`.
    pub fn prefixed(engine: &'a PgEngine, tree: &'static str, prefix: &[u8]) -> Paged<'a> {
        Paged::new(
            engine,
            tree,
            Bound::Included(prefix),
            kv::prefix_end(prefix),
        )
    }

    fn fill(&mut self) -> Result<(), StoreError> {
        let mut conn = self.engine.conn()?;
        let page = kv::range(
            &mut *conn,
            self.tree,
            self.from.as_ref().map(Vec::as_slice),
            self.below.as_deref(),
            PAGE,
        )
        .map_err(|e| self.engine.sql(e))?;
        self.done = (page.len() as i64) < PAGE;
        if let Some((k, _)) = page.last() {
            self.from = Bound::Excluded(k.clone());
        }
        self.buffered.extend(page);
        Ok(())
    }
}

impl Iterator for Paged<'_> {
    type Item = Result<KeyValue, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffered.is_empty()
            && !self.done
            && let Err(e) = self.fill()
        {
            self.done = true;
            return Some(Err(e));
        }
        self.buffered.pop_front().map(Ok)
    }
}

//! The statements every table shares (each is a tree: `k bytea` primary
//! key, `v bytea`), over a connection or inside a transaction. Parameters
//! are typed in the statement, so each is one round trip with no prepare.

use std::ops::Bound;

use postgres::GenericClient;
use postgres::types::Type;

use super::schema::table;
use crate::store::engine::KeyValue;

pub type Sql<T> = Result<T, postgres::Error>;

/// A row's value; `lock` takes the row for this transaction (others wait
/// until it ends and then read what it wrote).
pub fn get(c: &mut impl GenericClient, tree: &str, k: &[u8], lock: bool) -> Sql<Option<Vec<u8>>> {
    let sql = format!(
        "SELECT v FROM {} WHERE k = $1{}",
        table(tree),
        if lock { " FOR UPDATE" } else { "" }
    );
    Ok(c.query_typed_opt(&sql, &[(&k, Type::BYTEA)])?
        .map(|row| row.get(0)))
}

/// Takes a lock on a key, row or not, until the transaction ends (an
/// advisory lock on a hash of the tree and key: a collision only makes an
/// unrelated writer wait).
pub fn lock_key(c: &mut impl GenericClient, tree: &str, k: &[u8]) -> Sql<()> {
    c.query_typed(
        "SELECT pg_advisory_xact_lock(hashtextextended($1 || encode($2, 'hex'), 0))",
        &[(&tree, Type::TEXT), (&k, Type::BYTEA)],
    )?;
    Ok(())
}

/// Writes a row; whether it is new.
pub fn put(c: &mut impl GenericClient, tree: &str, k: &[u8], v: &[u8]) -> Sql<bool> {
    // `xmax = 0` only on a row this statement inserted: an update of a row
    // another transaction inserted meanwhile reads as an update.
    let sql = format!(
        "INSERT INTO {t} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v \
         RETURNING (xmax = 0)",
        t = table(tree)
    );
    let row = c.query_typed_one(&sql, &[(&k, Type::BYTEA), (&v, Type::BYTEA)])?;
    Ok(row.get(0))
}

/// Writes many rows in one statement.
pub fn put_many(c: &mut impl GenericClient, tree: &str, rows: &[KeyValue]) -> Sql<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let (ks, vs): (Vec<&[u8]>, Vec<&[u8]>) = rows
        .iter()
        .map(|(k, v)| (k.as_slice(), v.as_slice()))
        .unzip();
    let sql = format!(
        "INSERT INTO {} (k, v) SELECT * FROM unnest($1::bytea[], $2::bytea[]) \
         ON CONFLICT (k) DO UPDATE SET v = excluded.v",
        table(tree)
    );
    c.execute_typed(&sql, &[(&ks, Type::BYTEA_ARRAY), (&vs, Type::BYTEA_ARRAY)])?;
    Ok(())
}

pub fn remove_many(c: &mut impl GenericClient, tree: &str, keys: &[Vec<u8>]) -> Sql<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let ks: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    let sql = format!("DELETE FROM {} WHERE k = ANY($1)", table(tree));
    c.execute_typed(&sql, &[(&ks, Type::BYTEA_ARRAY)])?;
    Ok(())
}

/// Raises the big-endian u64 under `k` by one (from 0 when absent) and
/// returns it. The row stays locked until the transaction ends, so
/// concurrent drawers of one counter wait for each other: numbers are
/// gapless (a rolled-back draw is undone with its transaction) and unique.
pub fn bump(c: &mut impl GenericClient, tree: &str, k: &[u8]) -> Sql<u64> {
    let sql = format!(
        "INSERT INTO {t} AS c (k, v) VALUES ($1, int8send(1::int8)) ON CONFLICT (k) DO UPDATE \
         SET v = int8send(('x' || encode(c.v, 'hex'))::bit(64)::int8 + 1) RETURNING v",
        t = table(tree)
    );
    let v: Vec<u8> = c.query_typed_one(&sql, &[(&k, Type::BYTEA)])?.get(0);
    Ok(crate::store::index::u64_of(&v))
}

/// Rows in key order from `from` (and below `below`, when given), at most `limit`.
pub fn range(
    c: &mut impl GenericClient,
    tree: &str,
    from: Bound<&[u8]>,
    below: Option<&[u8]>,
    limit: i64,
) -> Sql<Vec<KeyValue>> {
    let (op, lower): (&str, &[u8]) = match from {
        Bound::Included(k) => (">=", k),
        Bound::Excluded(k) => (">", k),
        Bound::Unbounded => (">=", &[]),
    };
    let rows = match below {
        Some(upper) => {
            let sql = format!(
                "SELECT k, v FROM {} WHERE k {op} $1 AND k < $2 ORDER BY k LIMIT $3",
                table(tree)
            );
            c.query_typed(
                &sql,
                &[
                    (&lower, Type::BYTEA),
                    (&upper, Type::BYTEA),
                    (&limit, Type::INT8),
                ],
            )?
        }
        None => {
            let sql = format!(
                "SELECT k, v FROM {} WHERE k {op} $1 ORDER BY k LIMIT $2",
                table(tree)
            );
            c.query_typed(&sql, &[(&lower, Type::BYTEA), (&limit, Type::INT8)])?
        }
    };
    Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The first key after every key that starts with `prefix` (None: there is none).
pub fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_prefix_ends_at_its_successor() {
        assert_eq!(super::prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(super::prefix_end(&[1, 0xff]), Some(vec![2]));
        assert_eq!(super::prefix_end(&[0xff, 0xff]), None);
    }
}

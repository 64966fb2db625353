//! Argon2's working memory, shared. Each password check fills `m_cost`
//! KiB (19 MiB by default); a server where 200 desks sign in at once used
//! to allocate that 200 times over (1.3 GB at its peak under heaptrack),
//! and glibc kept most of it in its per-thread arenas afterwards. Checks
//! are CPU-bound, so running more of them than there are cores gains
//! nothing: at most that many run at once, each in a reused buffer.

use std::sync::{Condvar, LazyLock, Mutex};

use argon2::{Argon2, Block};

/// Buffers handed out, and those free to take.
struct Pool {
    out: usize,
    free: Vec<Vec<Block>>,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    out: 0,
    free: Vec::new(),
});
static RETURNED: Condvar = Condvar::new();

/// How many checks run at once: the machine's cores (at most 8).
static SLOTS: LazyLock<usize> = LazyLock::new(|| {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
});

/// Runs argon2 into `out` with a pooled buffer, waiting for one if all are busy.
pub fn hash_into(
    argon: &Argon2,
    block_count: usize,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    let mut blocks = take();
    if blocks.len() < block_count {
        blocks.resize(block_count, Block::default());
    }
    let result = argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..]);
    give_back(blocks);
    result
}

fn take() -> Vec<Block> {
    let mut pool = POOL.lock().expect("password memory");
    while pool.out >= *SLOTS {
        pool = RETURNED.wait(pool).expect("password memory");
    }
    pool.out += 1;
    pool.free.pop().unwrap_or_default()
}

fn give_back(blocks: Vec<Block>) {
    let mut pool = POOL.lock().expect("password memory");
    pool.out -= 1;
    pool.free.push(blocks);
    RETURNED.notify_one();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_checks_share_at_most_slots_buffers() {
        let threads: Vec<_> = (0..3 * *SLOTS)
            .map(|i| {
                std::thread::spawn(move || {
                    let mut out = [0u8; 32];
                    let params = argon2::Params::new(64, 1, 1, Some(32)).unwrap();
                    let argon = Argon2::new(
                        argon2::Algorithm::Argon2id,
                        argon2::Version::V0x13,
                        params.clone(),
                    );
                    hash_into(
                        &argon,
                        params.block_count(),
                        format!("pw{i}").as_bytes(),
                        b"saltsaltsalt",
                        &mut out,
                    )
                    .unwrap();
                    out
                })
            })
            .collect();
        for t in threads {
            assert_ne!(t.join().unwrap(), [0u8; 32]);
        }
        // Other tests of this binary may be checking passwords meanwhile:
        // wait for every buffer to come back, and never assert holding the
        // lock (a failure would poison it for them).
        let start = std::time::Instant::now();
        let (out, free) = loop {
            let (out, free) = {
                let pool = POOL.lock().unwrap();
                (pool.out, pool.free.len())
            };
            if out == 0 || start.elapsed() > std::time::Duration::from_secs(10) {
                break (out, free);
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(out, 0);
        assert!(free <= *SLOTS, "{free} buffers");
    }
}

use super::*;
use crate::store::sled_engine::TREES;
use std::cell::Cell;

fn image(tree: u8, key: &str, value: Option<&str>) -> Image {
    Image {
        tree,
        key: key.as_bytes().to_vec(),
        value: value.map(|v| v.as_bytes().to_vec()),
    }
}

fn commit(wal: &Wal, images: &[Image]) {
    wal.order().push(images.to_vec());
}

fn no_checkpoint() -> Result<(), StoreError> {
    panic!("no checkpoint expected")
}

#[test]
fn records_round_trip_and_stop_at_a_torn_tail() {
    let mut buf = Vec::new();
    let a = vec![image(3, "k1", Some("v1")), image(6, "k2", None)];
    let b = vec![image(0, "", Some(""))];
    encode_record(&mut buf, 7, &a);
    encode_record(&mut buf, 8, &b);
    let whole = read_run(&buf);
    assert_eq!(
        whole,
        vec![
            Entry {
                seq: 7,
                images: a.clone()
            },
            Entry { seq: 8, images: b }
        ]
    );
    // The second record cut short, or one byte of it changed: only the first.
    for cut in [buf.len() - 1, buf.len() - 3] {
        let mut torn = buf[..cut].to_vec();
        torn.extend_from_slice(&[0xaa; 4]);
        assert_eq!(read_run(&torn).len(), 1, "cut at {cut}");
    }
    let mut flipped = buf.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert_eq!(read_run(&flipped), vec![Entry { seq: 7, images: a }]);
}

/// A reused file holds older records past its new tail: reading stops there.
#[test]
fn a_record_that_does_not_follow_ends_the_run() {
    let mut buf = Vec::new();
    encode_record(&mut buf, 41, &[image(1, "new", Some("x"))]);
    encode_record(&mut buf, 42, &[image(1, "new", Some("y"))]);
    encode_record(&mut buf, 17, &[image(1, "old", Some("z"))]);
    let seqs: Vec<u64> = read_run(&buf).iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [41, 42]);
}

#[test]
fn commits_after_what_sled_holds_must_follow_without_a_gap() {
    let run = |seqs: &[u64]| -> Vec<Entry> {
        seqs.iter()
            .map(|&seq| Entry {
                seq,
                images: vec![],
            })
            .collect()
    };
    let got = after(vec![run(&[5, 6, 7]), run(&[8, 9])], 6).unwrap();
    assert_eq!(got.iter().map(|e| e.seq).collect::<Vec<_>>(), [7, 8, 9]);
    let gap = after(vec![run(&[5, 6]), run(&[9, 10])], 6);
    assert!(matches!(
        gap,
        Err(StoreError::Codec(CodecError::Corrupt(_)))
    ));
    assert!(after(vec![run(&[1, 2]), vec![]], 9).unwrap().is_empty());
}

#[test]
fn written_commits_are_read_back_on_open_after_what_sled_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, old) = Wal::open(dir.path(), 0).unwrap();
    assert!(old.is_empty());
    commit(&wal, &[image(3, "a", Some("1"))]);
    commit(&wal, &[image(3, "a", Some("2")), image(4, "b", None)]);
    wal.write(&no_checkpoint).unwrap();
    commit(&wal, &[image(3, "a", Some("3"))]);
    // Pushed but never written: not durable, not read back.
    drop(wal);
    let (wal, entries) = Wal::open(dir.path(), 1).unwrap();
    assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [2]);
    assert_eq!(entries[0].images[1], image(4, "b", None));
    assert_eq!(wal.order().next_seq(), 3);
}

/// A full file is left for the other, whose records a checkpoint puts in
/// sled's files first; after that the left file can be written over.
#[test]
fn a_full_file_is_checkpointed_before_it_is_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, _) = Wal::open(dir.path(), 0).unwrap();
    let checkpoints = Cell::new(0);
    let checkpoint = || {
        checkpoints.set(checkpoints.get() + 1);
        Ok(())
    };
    let big = "x".repeat(1 << 20);
    for _ in 0..9 {
        commit(&wal, &[image(3, "a", Some(&big))]);
        wal.write(&checkpoint).unwrap();
    }
    // The ninth MiB went to wal-1; wal-0 awaits its checkpoint.
    assert_eq!(checkpoints.get(), 0);
    wal.checkpoint_if_due(&checkpoint).unwrap();
    assert_eq!(checkpoints.get(), 1);
    wal.checkpoint_if_due(&checkpoint).unwrap();
    assert_eq!(checkpoints.get(), 1, "nothing due");
    // Filling wal-1 too, without a checkpoint after: the switch back to
    // wal-0 runs none (it was done), the next one does.
    for _ in 0..16 {
        commit(&wal, &[image(3, "a", Some(&big))]);
        wal.write(&checkpoint).unwrap();
    }
    assert_eq!(checkpoints.get(), 2);
    drop(wal);
    // The second checkpoint put up to 21 in sled's files; the rest is read
    // back in order (wal-1 holds older records past 25).
    let (_, entries) = Wal::open(dir.path(), 21).unwrap();
    assert_eq!(entries.first().map(|e| e.seq), Some(22));
    assert_eq!(entries.last().map(|e| e.seq), Some(25));
}

/// A write that fails keeps its commits: the next write carries them.
#[test]
fn a_failed_checkpoint_fails_the_write_and_keeps_its_commits() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, _) = Wal::open(dir.path(), 0).unwrap();
    let big = "x".repeat(5 << 20);
    let fail = || Err(StoreError::Io("disk".into()));
    for _ in 0..2 {
        commit(&wal, &[image(3, "a", Some(&big))]);
        wal.write(&fail).unwrap();
    }
    // wal-0 is left unchecked; the switch back needs its checkpoint.
    commit(&wal, &[image(3, "b", Some(&big))]);
    commit(&wal, &[image(3, "c", Some(&big))]);
    assert!(wal.write(&fail).is_err());
    let ok = || Ok(());
    wal.write(&ok).unwrap();
    drop(wal);
    let (_, entries) = Wal::open(dir.path(), 2).unwrap();
    assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [3, 4]);
}

/// A commit that reached the log but not sled's files (a process killed
/// between the two) is applied on open, once; the marker then covers it.
#[test]
fn a_logged_commit_sled_lacks_is_applied_on_open_once() {
    use crate::store::sled_engine::SledEngine;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    drop(SledEngine::create(&store).unwrap());
    let apps = TREES.iter().position(|t| *t == "apps").unwrap() as u8;
    let (wal, _) = Wal::open(&store, 0).unwrap();
    let applied = wal.applied_upto();
    commit(&wal, &[image(apps, "only-in-the-log", Some("v"))]);
    commit(
        &wal,
        &[
            image(apps, "only-in-the-log", None),
            image(apps, "k", Some("w")),
        ],
    );
    wal.write(&no_checkpoint).unwrap();
    drop(wal);
    let engine = SledEngine::open(&store).unwrap();
    assert_eq!(engine.t.apps.get("k").unwrap().as_deref(), Some(&b"w"[..]));
    assert_eq!(engine.t.apps.get("only-in-the-log").unwrap(), None);
    assert_eq!(engine.wal.applied_upto(), applied + 2);
    let marker = File::open(store.join(MARKER)).unwrap();
    assert_eq!(read_marker(&marker).unwrap(), applied + 2);
    // Written over by the engine's own commits from here on; nothing is
    // applied twice.
    engine.t.apps.remove("k").unwrap();
    engine.sync().unwrap();
    drop(engine);
    let engine = SledEngine::open(&store).unwrap();
    assert_eq!(engine.t.apps.get("k").unwrap(), None);
}

/// A length that claims more than the file holds ends the run; nothing is
/// allocated from it.
#[test]
fn a_length_past_the_file_is_no_record() {
    let mut buf = Vec::new();
    encode_record(&mut buf, 3, &[image(1, "k", Some("v"))]);
    buf[..8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(read_run(&buf).is_empty());
    buf[..8].copy_from_slice(&(1u64 << 40).to_le_bytes());
    assert!(read_run(&buf).is_empty());
}

/// A durable commit that cannot be applied to sled's trees stops the
/// engine taking more (they would be applied without it); the refusal says
/// to restart, and opening the store again applies what can be.
#[test]
fn a_commit_sled_cannot_take_refuses_the_commits_after_it() {
    use crate::store::engine::Engine;
    use crate::store::sled_engine::SledEngine;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let engine = SledEngine::create(&store).unwrap();
    engine.queue_write("c1", &|_| Ok(())).unwrap();
    assert_eq!(engine.queue_revision("c1").unwrap(), 1);
    // A commit naming a tree that does not exist reaches the log.
    engine.wal.order().push(vec![image(99, "k", Some("v"))]);
    let failed = engine.queue_write("c1", &|_| Ok(()));
    assert!(failed.is_err());
    let refused = engine.queue_write("c1", &|_| Ok(()));
    let Err(crate::store::engine::TxFail::Failed(e @ StoreError::Stuck(_))) = refused else {
        panic!("a refusal expected");
    };
    assert!(e.to_string().contains("restart Qyzmet"), "{e}");
    // Nothing after the bad commit reached sled's trees.
    assert_eq!(engine.queue_revision("c1").unwrap(), 1);
    drop(engine);
    // On open the log's bad record is refused as corrupt, not skipped.
    assert!(matches!(
        SledEngine::open(&store),
        Err(StoreError::Codec(CodecError::Corrupt(_)))
    ));
}

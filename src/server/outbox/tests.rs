//! The outbox's tests: limits, coalescing, direct writes.

use super::*;

fn frame(n: usize) -> Frame {
    vec![0u8; n].into()
}

fn about(number: &str) -> Arc<About> {
    Arc::new(About::Application(number.into()))
}

#[test]
fn a_full_queue_drops_its_notices_and_owes_one_resync() {
    let out = Outbox::new(Arc::default(), None);
    assert!(out.reply(frame(10)));
    for _ in 0..MAX_NOTICES {
        out.notice(&frame(100), None);
    }
    assert!(!out.depth().resynchronising);
    out.notice(&frame(100), None);
    let d = out.depth();
    assert!(d.resynchronising);
    // The reply stays; the notices are gone.
    assert_eq!(d.frames, 1);
    out.notice(&frame(100), None);
    assert_eq!(out.depth().frames, 1);
    let mut batch = Vec::new();
    assert!(out.next(&mut batch));
    assert_eq!(batch.len(), 1);
    batch.clear();
    assert!(out.next(&mut batch));
    assert_eq!(batch[0], *RESYNC);
    assert!(!out.depth().resynchronising);
    // Notices flow again after the Resync.
    out.notice(&frame(100), None);
    assert_eq!(out.depth().frames, 1);
    assert_eq!(out.counters.notices_dropped.load(Ordering::Relaxed), 258);
}

#[test]
fn a_client_that_never_reads_replies_is_refused_more() {
    let out = Outbox::new(Arc::default(), None);
    for _ in 0..MAX_REPLIES {
        assert!(out.reply(frame(10)));
    }
    assert!(!out.reply(frame(10)));
}

#[test]
fn a_later_notice_about_the_same_replaces_the_waiting_one() {
    let out = Outbox::new(Arc::default(), None);
    let (a, b) = (about("A-1"), about("A-2"));
    let queue = Arc::new(About::Queue("A-1".into()));
    // Only the first notice puts the outbox on the hub's list.
    assert!(out.notice(&frame(10), Some(&a)));
    assert!(!out.notice(&frame(11), Some(&b)));
    assert!(!out.notice(&frame(12), Some(&a)));
    assert!(!out.notice(&frame(13), Some(&queue)));
    assert!(!out.notice(&frame(14), None));
    assert!(!out.notice(&frame(15), None));
    let mut batch = Vec::new();
    assert!(out.next(&mut batch));
    // A-1's first notice is gone; the newer one comes after A-2's.
    let lens: Vec<usize> = batch.iter().map(|f| f.len()).collect();
    assert_eq!(lens, [11, 12, 13, 14, 15]);
    assert_eq!(out.counters.notices_coalesced.load(Ordering::Relaxed), 1);
    assert_eq!(out.counters.notices_queued.load(Ordering::Relaxed), 6);
}

#[test]
fn notices_wait_for_the_flush_or_the_next_reply_then_go_in_one_write() {
    let (ours, mut theirs) = UnixStream::pair().unwrap();
    let out = Outbox::new(Arc::default(), Some(Arc::new(ours)));
    assert!(out.notice(&frame(100), Some(&about("A-1"))));
    assert!(!out.notice(&frame(50), Some(&about("A-2"))));
    assert_eq!(out.depth().frames, 2);
    out.flush();
    assert_eq!(out.depth().frames, 0);
    let mut got = [0u8; 150];
    std::io::Read::read_exact(&mut theirs, &mut got).unwrap();
    assert_eq!(out.counters.notice_writes.load(Ordering::Relaxed), 1);
    // A reply takes the notices waiting before it along.
    assert!(out.notice(&frame(20), None));
    assert!(out.reply(frame(30)));
    assert_eq!(out.depth().frames, 0);
    let mut got = [0u8; 50];
    std::io::Read::read_exact(&mut theirs, &mut got).unwrap();
    assert_eq!(out.counters.notice_writes.load(Ordering::Relaxed), 2);
}

#[test]
fn a_full_socket_leaves_the_rest_queued_in_order() {
    let (ours, mut theirs) = UnixStream::pair().unwrap();
    let out = Outbox::new(Arc::default(), Some(Arc::new(ours)));
    // The peer does not read: the socket fills, then the queue.
    let big = frame(64 << 10);
    while out.depth().frames == 0 {
        assert!(out.reply(big.clone()));
    }
    let d = out.depth();
    assert!(
        d.frames == 1 && d.bytes <= big.len(),
        "{} {}",
        d.frames,
        d.bytes
    );
    // What was partly written cannot be replaced: its rest stays first.
    out.notice(&frame(10), Some(&about("A-1")));
    assert_eq!(out.depth().frames, 2);
    let mut buf = vec![0u8; 1 << 20];
    let n = std::io::Read::read(&mut theirs, &mut buf).unwrap();
    assert!(n > 0);
}

#[test]
fn a_frozen_client_gets_its_resync_once_its_socket_drains() {
    let (ours, mut theirs) = UnixStream::pair().unwrap();
    ours.set_nonblocking(true).unwrap();
    let out = Outbox::new(Arc::default(), Some(Arc::new(ours)));
    // The client does not read: the socket fills, then the notices overflow.
    let big = frame(64 << 10);
    while out.depth().frames == 0 {
        assert!(out.reply(big.clone()));
    }
    for _ in 0..=MAX_NOTICES {
        out.notice(&frame(100), None);
    }
    assert!(out.depth().resynchronising);
    // It reads again: each time its socket has room, the rest goes on.
    theirs.set_nonblocking(true).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..10_000 {
        match std::io::Read::read(&mut theirs, &mut buf) {
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => panic!("{e}"),
        }
        out.writable();
        if got.ends_with(&RESYNC) {
            break;
        }
    }
    assert!(got.ends_with(&RESYNC), "{} bytes, no resync", got.len());
    assert_eq!(out.depth().frames, 0);
    assert_eq!(out.counters.resyncs_sent.load(Ordering::Relaxed), 1);
    // Every frame arrived whole: replies of 64 KiB, then the Resync.
    assert_eq!((got.len() - RESYNC.len()) % big.len(), 0);
}

#[test]
fn a_partly_written_frame_is_not_copied_and_arrives_whole() {
    let (ours, mut theirs) = UnixStream::pair().unwrap();
    ours.set_nonblocking(true).unwrap();
    let out = Outbox::new(Arc::default(), Some(Arc::new(ours)));
    // Bigger than the socket's buffer, as the catalogue of a welcome is.
    let big: Frame = (0..4 << 20).map(|i: u32| (i % 251) as u8).collect();
    assert!(out.reply(big.clone()));
    assert_eq!(out.depth().frames, 1, "the socket took it all");
    assert!(out.depth().bytes < big.len());
    // The queue holds the same bytes as every other queue, not a copy.
    assert_eq!(Arc::strong_count(&big), 2);
    theirs.set_nonblocking(true).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..10_000 {
        match std::io::Read::read(&mut theirs, &mut buf) {
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => panic!("{e}"),
        }
        out.writable();
        if got.len() >= big.len() {
            break;
        }
    }
    assert!(got[..] == big[..], "{} of {} bytes", got.len(), big.len());
    assert_eq!(Arc::strong_count(&big), 1, "written whole, let go");
}

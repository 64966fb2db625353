use super::*;

fn entry(seq: u64) -> Vec<u8> {
    format!("entry {seq}").into_bytes()
}

fn append_range(j: &JournalFile, seqs: std::ops::RangeInclusive<u64>, how: Appending) {
    let entries: Vec<(u64, Vec<u8>)> = seqs.map(|s| (s, entry(s))).collect();
    j.append(entries.iter().map(|(s, e)| (*s, e.as_slice())), how)
        .unwrap();
}

fn numbers(j: &JournalFile, after: u64) -> Vec<u64> {
    j.after(after).map(|r| r.unwrap().0).collect()
}

fn segment_path(dir: &Path, n: u64) -> PathBuf {
    dir.join(name(n))
}

#[test]
fn entries_read_back_in_order_from_any_number_across_segments() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    assert_eq!(j.last(), 0);
    assert_eq!(numbers(&j, 0), Vec::<u64>::new());
    let n = PER_SEGMENT + 10;
    append_range(&j, 1..=n, Appending::New);
    assert_eq!(j.last(), n);
    assert_eq!(segments(dir.path()).unwrap(), vec![0, 1]);
    assert_eq!(numbers(&j, 0), (1..=n).collect::<Vec<_>>());
    assert_eq!(
        numbers(&j, PER_SEGMENT - 2),
        ((PER_SEGMENT - 1)..=n).collect::<Vec<_>>()
    );
    assert_eq!(numbers(&j, n), Vec::<u64>::new());
    let (seq, bytes) = j.after(4).next().unwrap().unwrap();
    assert_eq!((seq, bytes), (5, entry(5)));
    assert_eq!(j.count().unwrap(), n);
    j.sync().unwrap();
    drop(j);
    let j = JournalFile::open(dir.path(), None).unwrap();
    assert_eq!(j.last(), n);
    append_range(&j, n + 1..=n + 1, Appending::New);
    assert_eq!(numbers(&j, n - 1), vec![n, n + 1]);
}

#[test]
fn a_torn_tail_after_the_synced_point_is_cut_and_the_replay_appends_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=10, Appending::New);
    let synced = j.sync().unwrap();
    append_range(&j, 11..=12, Appending::New);
    drop(j);
    // The crash tore the last record: its last bytes never reached the disk.
    let path = segment_path(dir.path(), 0);
    let len = std::fs::metadata(&path).unwrap().len();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len - 3)
        .unwrap();

    let j = JournalFile::open(dir.path(), Some(synced)).unwrap();
    assert_eq!(j.last(), 11, "12 was torn");
    assert_eq!(numbers(&j, 0), (1..=11).collect::<Vec<_>>());
    // The log's replay hands over 9..=12 again: only 12 is written.
    append_range(&j, 9..=12, Appending::Again);
    assert_eq!(numbers(&j, 0), (1..=12).collect::<Vec<_>>());
}

#[test]
fn damage_before_the_synced_point_is_kept_and_reported_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=10, Appending::New);
    let synced = j.sync().unwrap();
    drop(j);
    let path = segment_path(dir.path(), 0);
    let f = File::options().write(true).open(&path).unwrap();
    // A byte of entry 3 changed on the disk.
    let at = 2 * (HEADER + entry(1).len()) + HEADER;
    f.write_all_at(b"X", at as u64).unwrap();
    drop(f);

    let j = JournalFile::open(dir.path(), Some(synced)).unwrap();
    assert_eq!(j.last(), 10, "nothing durable is cut");
    let read: Vec<_> = j.after(0).collect();
    assert_eq!(read.len(), 3, "1, 2, then the damage");
    let err = read[2].as_ref().unwrap_err().to_string();
    assert!(err.contains("damaged at byte"), "{err}");
    assert!(j.count().is_err());
    append_range(&j, 11..=11, Appending::New);
    let bytes: usize = (1..=11).map(|s| HEADER + entry(s).len()).sum();
    assert_eq!(
        std::fs::metadata(&path).unwrap().len() as usize,
        bytes,
        "appended after it"
    );
}

#[test]
fn a_new_entry_is_written_even_where_the_files_reach_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=3, Appending::New);
    // A journal edited by hand to hold one more entry than the chain's head:
    // the next entry is kept, for `verify` to report the duplicate.
    append_range(&j, 3..=3, Appending::New);
    assert_eq!(numbers(&j, 0), vec![1, 2, 3, 3]);
    append_range(&j, 3..=3, Appending::Again);
    assert_eq!(numbers(&j, 0), vec![1, 2, 3, 3]);
}

#[test]
fn a_segment_created_just_before_a_crash_is_dropped_and_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=PER_SEGMENT, Appending::New);
    let synced = j.sync().unwrap();
    drop(j);
    File::create(segment_path(dir.path(), 1)).unwrap();
    let j = JournalFile::open(dir.path(), Some(synced)).unwrap();
    assert_eq!(segments(dir.path()).unwrap(), vec![0]);
    assert_eq!(j.last(), PER_SEGMENT);
    append_range(&j, PER_SEGMENT + 1..=PER_SEGMENT + 1, Appending::New);
    assert_eq!(segments(dir.path()).unwrap(), vec![0, 1]);
    assert_eq!(
        numbers(&j, PER_SEGMENT - 1),
        vec![PER_SEGMENT, PER_SEGMENT + 1]
    );
}

#[test]
fn a_reading_stops_where_the_tail_was_when_it_began() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=5, Appending::New);
    let reading = j.after(0);
    append_range(&j, 6..=7, Appending::New);
    assert_eq!(
        reading.map(|r| r.unwrap().0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
}

#[test]
fn the_synced_point_round_trips_through_bytes() {
    let s = Synced {
        segment: 3,
        end: 123_456,
    };
    assert_eq!(Synced::from_bytes(&s.to_bytes()), Some(s));
    assert_eq!(Synced::from_bytes(&[1, 2, 3]), None);
}

/// A crash may keep a later page of unsynced writes and lose an earlier
/// one: past the synced point, everything from the first bad record goes,
/// even a whole record after it, so the replay writes them in order again.
#[test]
fn past_the_synced_point_the_first_bad_record_ends_the_segment() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=4, Appending::New);
    let synced = j.sync().unwrap();
    append_range(&j, 5..=7, Appending::New);
    drop(j);
    let path = segment_path(dir.path(), 0);
    let f = File::options().write(true).open(&path).unwrap();
    let at: usize = (1..=5).map(|s| HEADER + entry(s).len()).sum();
    f.write_all_at(&[0; 4], at as u64 + 2).unwrap();
    drop(f);
    let j = JournalFile::open(dir.path(), Some(synced)).unwrap();
    assert_eq!(j.last(), 5);
    assert_eq!(numbers(&j, 0), (1..=5).collect::<Vec<_>>());
    append_range(&j, 5..=7, Appending::Again);
    assert_eq!(numbers(&j, 0), (1..=7).collect::<Vec<_>>());
}

/// Reading the last entries starts at a mark near them; whatever the
/// mark, every entry above the number asked for is read, before and
/// after the segment is opened again, and with numbers out of order.
#[test]
fn a_reading_from_any_number_misses_nothing_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let j = JournalFile::open(dir.path(), None).unwrap();
    append_range(&j, 1..=1000, Appending::New);
    let check = |j: &JournalFile| {
        for after in [0, 1, 255, 256, 257, 511, 512, 999, 1000] {
            assert_eq!(
                numbers(j, after),
                (after + 1..=1000).collect::<Vec<_>>(),
                "{after}"
            );
        }
    };
    let near_the_end = |j: &JournalFile| {
        let start = lock(&j.tail).marks.start_for(999);
        let before: usize = (1..=768).map(|s| HEADER + entry(s).len()).sum();
        assert_eq!(start as usize, before, "the mark before entry 769");
    };
    check(&j);
    near_the_end(&j);
    let synced = j.sync().unwrap();
    drop(j);
    let j = JournalFile::open(dir.path(), Some(synced)).unwrap();
    check(&j);
    near_the_end(&j);
    // A journal written over by hand: 5 again after 1000.
    append_range(&j, 5..=5, Appending::New);
    append_range(&j, 1001..=1300, Appending::New);
    let read = numbers(&j, 4);
    assert_eq!(read.len(), 1300 - 4 + 1, "{:?}", &read[..10]);
    assert_eq!(read.iter().filter(|n| **n == 5).count(), 2);
    assert_eq!(numbers(&j, 1200), (1201..=1300).collect::<Vec<_>>());
}

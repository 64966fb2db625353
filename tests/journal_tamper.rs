//! Tampering with the journal by writing the store's files directly, as
//! someone with the disk could: an edited, deleted, inserted or reordered
//! entry is found by `verify_journal`; a whole chain rewritten consistently
//! is found only against an anchor kept outside the store, which
//! `qyzmet journal anchor` writes and `qyzmet serve` logs.

mod common;
#[path = "common/served.rs"]
mod served;

use std::collections::BTreeMap;
use std::path::Path;

use qyzmet::store::Store;
use qyzmet::store::anchor::{Anchor, AnchorMismatch};
use qyzmet::store::codec::{SCHEMA, decode, encode, encode_as};
use qyzmet::store::model::JournalEntry;
use qyzmet::store::sled_engine::journal_file::{self, Appending, JournalFile};
use served::{Served, failed, qyzmet, qyzmet_on, succeeded};
use sha2::{Digest, Sha256};

/// A store at `dir` with a few applications: some 30 journal entries.
fn journaled(dir: &Path) -> Anchor {
    let ops = common::create(dir);
    for n in 0..4 {
        let rec = common::submit(&ops, n);
        common::advance(&ops, &rec).unwrap().unwrap();
    }
    assert!(ops.store.verify_journal().unwrap().is_empty());
    ops.store.journal_head().unwrap().unwrap()
}

/// The journal as its files hold it: each record's number and entry.
type Journal = BTreeMap<u64, Vec<u8>>;

/// The store's journal files and `meta` tree, written directly (the store
/// closed): the records are read into a map, `f` changes it, and the files
/// are written again from it with valid records, as someone with the disk
/// and the format could.
fn with_journal(dir: &Path, f: impl FnOnce(&mut Journal, &sled::Tree)) {
    let files = dir.join(journal_file::DIR);
    let mut journal: Journal = JournalFile::open(&files, None)
        .unwrap()
        .after(0)
        .map(|r| r.unwrap())
        .collect();
    let db = (0..100)
        .find_map(|_| {
            sled::Config::new().path(dir).open().ok().or_else(|| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                None
            })
        })
        .expect("sled opens");
    f(&mut journal, &db.open_tree("meta").unwrap());
    db.flush().unwrap();
    std::fs::remove_dir_all(&files).unwrap();
    let rewritten = JournalFile::open(&files, None).unwrap();
    let records = journal.iter().map(|(n, v)| (*n, v.as_slice()));
    rewritten.append(records, Appending::New).unwrap();
    rewritten.sync().unwrap();
}

fn entry(journal: &Journal, seq: u64) -> JournalEntry {
    decode(&journal[&seq]).unwrap()
}

/// What `verify_journal` finds after `tamper`.
fn findings_after(tamper: impl FnOnce(&mut Journal, &sled::Tree)) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    journaled(dir.path());
    with_journal(dir.path(), tamper);
    Store::open(dir.path()).unwrap().verify_journal().unwrap()
}

fn assert_found(findings: &[String], says: &str) {
    assert!(
        findings.iter().any(|f| f.contains(says)),
        "{says:?} not among {findings:#?}"
    );
}

#[test]
fn an_edited_entry_is_found() {
    let found = findings_after(|journal, _| {
        let mut e = entry(journal, 5);
        e.by = "someone-else".into();
        journal.insert(5, encode(&e));
    });
    assert_found(&found, "journal entry 5: content does not match its hash");
}

#[test]
fn a_deleted_entry_is_found() {
    let found = findings_after(|journal, _| {
        journal.remove(&5);
    });
    assert_found(&found, "journal entry 5 missing");
}

#[test]
fn a_deleted_last_entry_is_found_by_the_head() {
    let found = findings_after(|journal, _| {
        journal.pop_last().unwrap();
    });
    assert_found(&found, "entries removed from the end");
}

#[test]
fn an_inserted_entry_is_found() {
    let found = findings_after(|journal, _| {
        // Entries 6.. move one key up and a forged one takes key 6.
        let len = journal.len() as u64;
        for seq in (6..=len).rev() {
            let v = journal[&seq].clone();
            journal.insert(seq + 1, v);
        }
        let mut forged = entry(journal, 5);
        forged.seq = 6;
        forged.prev_hash = forged.hash;
        journal.insert(6, encode(&forged));
    });
    assert_found(&found, "journal entry 6: content does not match its hash");
    assert_found(&found, "journal entry under key 7 claims seq 6");
}

#[test]
fn reordered_entries_are_found() {
    let found = findings_after(|journal, _| {
        let (a, b) = (entry(journal, 4), entry(journal, 5));
        journal.insert(4, encode(&b));
        journal.insert(5, encode(&a));
    });
    assert_found(&found, "journal entry under key 4 claims seq 5");
    assert_found(&found, "link to the previous entry is broken");
}

/// The whole chain recomputed from entry 3 on, with entry 3 edited: every
/// link and hash is consistent again, the head too.
fn rewrite_chain(journal: &mut Journal, meta: &sled::Tree) {
    let mut prev = entry(journal, 2).hash;
    let len = journal.len() as u64;
    for seq in 3..=len {
        let mut e = entry(journal, seq);
        if seq == 3 {
            e.by = "someone-else".into();
        }
        e.prev_hash = prev;
        e.hash = [0; 32];
        let mut h = Sha256::new();
        h.update(prev);
        h.update(encode_as(SCHEMA, &e));
        e.hash = h.finalize().into();
        prev = e.hash;
        journal.insert(seq, encode(&e));
    }
    let mut head = len.to_be_bytes().to_vec();
    head.extend(prev);
    meta.insert(b"journal_head", head).unwrap();
}

#[test]
fn a_rewritten_chain_passes_the_chain_check_but_not_its_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let anchor = journaled(dir.path());
    with_journal(dir.path(), rewrite_chain);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.verify_journal().unwrap(), Vec::<String>::new());
    assert_eq!(
        store.check_anchors(&[anchor]).unwrap(),
        vec![AnchorMismatch::Differs { anchor }]
    );
    let beyond = Anchor {
        seq: anchor.seq + 50,
        ..anchor
    };
    assert!(matches!(
        store.check_anchors(&[beyond]).unwrap()[..],
        [AnchorMismatch::Missing { .. }]
    ));
}

#[test]
fn journal_anchor_and_verify_anchors_catch_a_rewritten_chain() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    journaled(&db);
    let anchors = dir.path().join("anchors.txt");
    let a = anchors.to_str().unwrap();
    let args = ["journal", "anchor", "--to", a];
    let line = succeeded(&args, qyzmet_on(&db, &args));
    assert!(line.contains("journal-anchor seq="), "{line}");
    assert_eq!(std::fs::read_to_string(&anchors).unwrap(), line);
    let args = ["journal", "verify", "--anchors", a];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(out.contains("agrees with every anchor: 1"), "{out}");

    with_journal(&db, rewrite_chain);
    let args = ["journal", "verify"];
    succeeded(&args, qyzmet_on(&db, &args));
    let args = ["journal", "verify", "--anchors", a];
    let o = qyzmet_on(&db, &args);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("chain was rewritten"), "{out}");

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "nothing here\n").unwrap();
    let args = ["journal", "verify", "--anchors", empty.to_str().unwrap()];
    failed(&args, qyzmet_on(&db, &args), 2, "holds no journal anchor");
}

#[test]
fn the_server_logs_anchors_that_verify_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    journaled(&db);
    let socket = dir.path().join("s.sock");
    let log = dir.path().join("server.log");
    let mut c = served::command();
    c.arg("--db")
        .arg(&db)
        .args(["serve", "--anchor-every", "2", "--socket"])
        .arg(&socket)
        .arg("--log-file")
        .arg(&log);
    let server = Served::spawn(&mut c, &socket);
    let sock = socket.to_str().unwrap();
    for n in 10..13 {
        let iin = common::iin(n).to_string();
        let args = [
            "--connect",
            sock,
            "app",
            "submit",
            "--as",
            "op1",
            "--service",
            common::SERVICE,
            "--iin",
            &iin,
            "--name",
            "Сейтова Динара",
            "--channel",
            "state_corp",
        ];
        succeeded(&args, qyzmet(&args));
    }
    server.stop();
    let logged = Anchor::all_in(&std::fs::read_to_string(&log).unwrap());
    // One at least every two entries of the three submits, and one at the stop.
    assert!(logged.len() >= 2, "{logged:?}");
    let head = Store::open(&db).unwrap().journal_head().unwrap().unwrap();
    assert_eq!(logged.last(), Some(&head), "the stop logs the head");
    let args = ["journal", "verify", "--anchors", log.to_str().unwrap()];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(out.contains("agrees with every anchor"), "{out}");
}

#[test]
fn journal_anchor_syslog_sends_the_head_to_the_system_log() {
    use std::os::unix::net::UnixDatagram;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let head = journaled(&db);
    // A system log of the test's own: a datagram socket it listens on.
    let log = dir.path().join("log.sock");
    let listener = UnixDatagram::bind(&log).unwrap();
    listener
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let args = ["journal", "anchor", "--syslog"];
    let mut c = served::command();
    c.env("QYZMET_SYSLOG_SOCKET", &log)
        .arg("--db")
        .arg(&db)
        .args(args);
    let printed = succeeded(&args, served::output(&mut c, None));
    let mut buf = [0u8; 1024];
    let n = listener.recv(&mut buf).unwrap();
    let datagram = String::from_utf8(buf[..n].to_vec()).unwrap();
    // Facility auth (4 × 8) + notice (5), a timestamp, the program and its pid.
    let (pri, rest) = datagram.split_once('>').unwrap();
    assert_eq!(pri, "<37", "{datagram}");
    let (stamp, message) = rest.split_at(16);
    assert!(
        chrono::NaiveTime::parse_from_str(&stamp[7..15], "%H:%M:%S").is_ok(),
        "{datagram}"
    );
    let (program, anchor) = message.split_once(": ").unwrap();
    assert!(
        program.starts_with("qyzmet[") && program.ends_with(']'),
        "{datagram}"
    );
    assert_eq!(
        anchor,
        head.to_string(),
        "the chain's head, as the file gets it"
    );
    assert!(printed.contains(&head.to_string()), "{printed}");
    // What the system log kept is an anchor `journal verify` reads back.
    let kept = dir.path().join("syslog.txt");
    std::fs::write(&kept, format!("{datagram}\n")).unwrap();
    let args = ["journal", "verify", "--anchors", kept.to_str().unwrap()];
    let out = succeeded(&args, qyzmet_on(&db, &args));
    assert!(out.contains("agrees with every anchor: 1"), "{out}");

    // No system log listening: said, exit 1, nothing else changes.
    drop(listener);
    let args = ["journal", "anchor", "--syslog"];
    let mut c = served::command();
    c.env("QYZMET_SYSLOG_SOCKET", &log)
        .arg("--db")
        .arg(&db)
        .args(args);
    failed(
        &args,
        served::output(&mut c, None),
        1,
        "cannot write to the system log",
    );
}

/// The journal's files as records in file order, written again as `f`
/// leaves them (the store closed).
fn with_records(dir: &Path, f: impl FnOnce(&mut Vec<(u64, Vec<u8>)>)) {
    let files = dir.join(journal_file::DIR);
    let mut records: Vec<(u64, Vec<u8>)> = JournalFile::open(&files, None)
        .unwrap()
        .after(0)
        .map(|r| r.unwrap())
        .collect();
    f(&mut records);
    std::fs::remove_dir_all(&files).unwrap();
    let j = JournalFile::open(&files, None).unwrap();
    let each = records.iter().map(|(n, v)| (*n, v.as_slice()));
    j.append(each, Appending::New).unwrap();
    j.sync().unwrap();
}

#[test]
fn records_swapped_in_the_file_are_found() {
    let dir = tempfile::tempdir().unwrap();
    journaled(dir.path());
    with_records(dir.path(), |records| records.swap(3, 4));
    let found = Store::open(dir.path()).unwrap().verify_journal().unwrap();
    assert_found(&found, "journal entry 4 missing (next is 5)");
    assert_found(
        &found,
        "journal entry 4: link to the previous entry is broken",
    );
}

/// A byte changed on the disk without fixing the record's checksum: the
/// store still opens (nothing durable is cut) and `verify` names the place.
#[test]
fn a_damaged_record_is_named_by_verify_and_kept() {
    use std::os::unix::fs::FileExt;
    let dir = tempfile::tempdir().unwrap();
    journaled(dir.path());
    let segment = dir.path().join(journal_file::DIR).join("000000000000");
    let len = std::fs::metadata(&segment).unwrap().len();
    let f = std::fs::File::options().write(true).open(&segment).unwrap();
    f.write_all_at(b"\xff", len / 2).unwrap();
    drop(f);
    let store = Store::open(dir.path()).unwrap();
    let err = store.verify_journal().unwrap_err().to_string();
    assert!(
        err.contains("journal's file 000000000000 is damaged at byte"),
        "{err}"
    );
    drop(store);
    assert_eq!(std::fs::metadata(&segment).unwrap().len(), len);
    let args = ["journal", "verify"];
    let out = qyzmet_on(dir.path(), &args);
    assert_ne!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("damaged at byte"), "{said}");
}

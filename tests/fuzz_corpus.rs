//! Replays the committed fuzz corpora (`fuzz/corpus/TARGET/*`) and the crash
//! files found by fuzzing (`fuzz/crashes/TARGET/*`) through the fuzz
//! targets' own entry points (`qyzmet::fuzzing`), without libFuzzer: each
//! input must return without a panic. `cargo fuzz` is needed only to search
//! for new inputs (docs/SECURITY.md, "Fuzzing").

use std::path::{Path, PathBuf};

use qyzmet::fuzzing;

mod common;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 12] = [
    ("protocol_frame", fuzzing::protocol_frame),
    ("iin", fuzzing::iin),
    ("date_norm", fuzzing::date_norm),
    ("persons_csv", fuzzing::persons_csv),
    ("catalog_service", fuzzing::catalog_service),
    ("calendar", fuzzing::calendar),
    ("keymap", fuzzing::keymap),
    ("theme", fuzzing::theme),
    ("queue_setup", fuzzing::queue_setup),
    ("backup_restore", fuzzing::backup_restore),
    ("workstation_keys", fuzzing::workstation_keys),
    ("server_request", fuzzing::server_request),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(name: &str, target: Target) -> usize {
    let mut inputs = files(&fuzz_dir().join("corpus").join(name));
    inputs.extend(files(&fuzz_dir().join("crashes").join(name)));
    for path in &inputs {
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{name}: {} panics", path.display());
    }
    inputs.len()
}

macro_rules! corpus_tests {
    ($($name:ident),*) => {$(
        #[test]
        fn $name() {
            let target = TARGETS
                .iter()
                .find(|(n, _)| *n == stringify!($name))
                .expect("a target of that name")
                .1;
            let n = replay(stringify!($name), target);
            assert!(n > 0, "fuzz/corpus/{} is empty", stringify!($name));
        }
    )*};
}

corpus_tests!(
    protocol_frame,
    iin,
    date_norm,
    persons_csv,
    catalog_service,
    calendar,
    keymap,
    theme,
    queue_setup,
    backup_restore,
    workstation_keys,
    server_request
);

/// Every target named in `TARGETS` has its fuzz target file, and back.
#[test]
fn every_fuzz_target_is_replayed() {
    let mut on_disk: Vec<String> = files(&fuzz_dir().join("fuzz_targets"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = TARGETS.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

/// The protocol seeds are one frame of each request, and they decode.
#[test]
fn protocol_seeds_decode() {
    for frame in fuzzing::protocol_seeds() {
        let msg: Option<qyzmet::server::protocol::ClientMsg> =
            qyzmet::server::protocol::read_frame(&mut std::io::Cursor::new(&frame)).unwrap();
        assert!(msg.is_some());
        fuzzing::protocol_frame(&frame);
    }
}

/// The server target runs what it decodes: a worklist is answered for a
/// signed-in clerk and refused to a kiosk, which signs in nobody.
#[test]
fn server_seeds_are_handled() {
    use qyzmet::server::protocol::{ClientMsg, Request, write_frame};
    let mut frame = Vec::new();
    let msg = ClientMsg {
        id: 1,
        request: Request::Queue,
    };
    write_frame(&mut frame, &msg).unwrap();
    let as_who = |who: u8| fuzzing::server_request_answered(&[vec![who], frame.clone()].concat());
    assert_eq!((as_who(0), as_who(3)), (0, 1));
    assert!(fuzzing::server_request_seeds().len() > 8);
}

/// The workstation target signs in with its sign-in byte and stays at the
/// login screen without it, so its corpus reaches the work screens.
#[test]
fn workstation_seed_signs_in() {
    assert!(fuzzing::workstation_run(b"\xe9\x07"));
    assert!(!fuzzing::workstation_run(b"abc\x00"));
}

/// Writes the seeds that are not plain files of the project into
/// `fuzz/corpus` (run once by hand: `cargo test --test fuzz_corpus -- --ignored`).
#[test]
#[ignore]
fn write_generated_seeds() {
    let dir = fuzz_dir().join("corpus").join("protocol_frame");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, frame) in fuzzing::protocol_seeds().iter().enumerate() {
        std::fs::write(dir.join(format!("seed-request-{i:02}")), frame).unwrap();
    }
    let dir = fuzz_dir().join("corpus").join("server_request");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, input) in fuzzing::server_request_seeds().iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:02}")), input).unwrap();
    }
    // A backup of a store with the test region's organisations and staff,
    // as given (first byte odd) and as a body whose checksum the target adds.
    let store = tempfile::TempDir::new().unwrap();
    let ops = common::create(&store.path().join("store"));
    let mut backup = Vec::new();
    ops.store.backup(&mut backup, |_| {}).unwrap();
    let dir = fuzz_dir().join("corpus").join("backup_restore");
    std::fs::create_dir_all(&dir).unwrap();
    let body = &backup[..backup.len() - 32];
    std::fs::write(
        dir.join("seed-staff-as-given"),
        [&[1u8][..], &backup].concat(),
    )
    .unwrap();
    std::fs::write(dir.join("seed-staff-body"), [&[0u8][..], body].concat()).unwrap();
}

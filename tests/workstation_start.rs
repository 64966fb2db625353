//! Starting the workstation with bad settings: a clear message and exit 2,
//! before the terminal is touched.

use std::process::Command;

use tempfile::TempDir;

fn qyzmet(dir: &TempDir, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_qyzmet"))
        .args(["--db"])
        .arg(dir.path().join("store"))
        .args(args)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("QYZMET_KEYMAP")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_broken_user_keymap_is_reported_with_file_and_line() {
    let dir = TempDir::new().unwrap();
    let keymap = dir.path().join("keymap.toml");
    std::fs::write(&keymap, "[inbox]\nregister = { keys = [\"f5\"] }\nfrobnicate = { keys = [\"x\"] }\ndispatch = { keys = [\"f5\"] }\n").unwrap();
    let (code, err) = qyzmet(&dir, &[], &[("QYZMET_KEYMAP", keymap.to_str().unwrap())]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("keymap.toml:3") && err.contains("frobnicate"),
        "{err}"
    );
    assert!(err.contains("keymap.toml:4") && err.contains("f5"), "{err}");
}

#[test]
fn unknown_theme_and_language_are_refused() {
    let dir = TempDir::new().unwrap();
    let (code, err) = qyzmet(&dir, &["--theme", "neon"], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("neon"), "{err}");
    let (code, err) = qyzmet(&dir, &["--lang", "fr"], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("«fr»") && err.contains("ru, kk"), "{err}");
}

#[test]
fn without_a_terminal_it_says_what_to_use() {
    let dir = TempDir::new().unwrap();
    let (code, err) = qyzmet(&dir, &[], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(
        !dir.path().join("store").exists(),
        "nothing is created without a terminal"
    );
}

//! `qyzmet backup` and `restore`: a store's consistent copy, plain or encrypted.

use super::*;

pub fn backup(ctx: &Context, file: &Path, force: bool, encrypt_to: &[String]) -> Outcome {
    let recipients = crate::cli::sealed::Recipients::parse(encrypt_to)?;
    let ops = ctx.open_ops()?;
    if recipients.is_empty() {
        warn_personal_data(&ops);
    }
    let written = |entries: u64| match recipients.len() {
        0 => backup_written(entries, file),
        n => say::tf(
            "backup-sealed_written",
            &[
                ("n", &entries),
                ("file", &file.display()),
                ("recipients", &n),
            ],
        ),
    };
    if let Some(s) = &ctx.served {
        // For a client: the bytes go back to it, which writes its file.
        let mut output = s.output.borrow_mut();
        let n = recipients
            .write_to(&mut *output, |out| {
                let mut out = out;
                ops.store
                    .backup(&mut out, |_| {})
                    .map_err(|e| std::io::Error::other(e.to_string()))
            })
            .map_err(|e| Failure::file(file, &e))?;
        outln!("{}", written(n));
        return Ok(ExitCode::SUCCESS);
    }
    refuse_existing(file, force)?;
    let bar = progress(None, say::t("progress_backup"));
    let mut entries = 0;
    write_new_file(file, force, |out| {
        let mut out = std::io::BufWriter::new(out);
        entries = recipients.write_to(&mut out, |sealed| {
            let mut sealed = sealed;
            ops.store
                .backup(&mut sealed, |n| bar.set_position(n))
                .map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        std::io::Write::flush(&mut out)
    })?;
    bar.finish_and_clear();
    outln!("{}", written(entries));
    Ok(ExitCode::SUCCESS)
}

/// A backup in the clear of a store holding citizens' data is worth a
/// warning: it is the whole registry on whatever disk it is copied to.
fn warn_personal_data(ops: &Ops) {
    let (apps, persons) = (ops.store.app_count(), ops.store.person_count());
    if apps + persons > 0 {
        crate::cli::say_err(&say::tf(
            "backup-plain_warning",
            &[("apps", &apps), ("persons", &persons)],
        ));
    }
}

fn backup_written(entries: u64, file: &Path) -> String {
    say::tf(
        "backup_written",
        &[("n", &entries), ("file", &file.display())],
    )
}

/// A backup never replaces a file by surprise: an existing FILE needs `--force`.
pub fn refuse_existing(file: &Path, force: bool) -> Result<(), Failure> {
    if !force && file.exists() {
        return Err(Failure::usage(say::tf(
            "file_exists",
            &[("file", &file.display())],
        )));
    }
    Ok(())
}

/// Writes `file` durably: into a hidden temporary file beside it, synced,
/// then moved into place — over an existing file only with `force` (without
/// it the move refuses a file that appeared meanwhile). Messages name only
/// `file`, the path the user gave.
/// A hard link does not replace an existing file, as rename would; where
/// the file system has no hard links (a FAT stick), the file was checked
/// for just before and rename is the fallback.
fn move_without_replacing(tmp: &Path, file: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, file) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if !file.exists() => std::fs::rename(tmp, file),
        Err(e) => Err(e),
    }
}

pub fn write_new_file(
    file: &Path,
    force: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let name = file
        .file_name()
        .map_or("backup".into(), |n| n.to_string_lossy());
    let tmp = file.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let fail = |e: std::io::Error| Failure::file(file, &e);
    let result = std::fs::File::create_new(&tmp)
        .and_then(|mut f| write(&mut f).and_then(|()| f.sync_all()))
        .and_then(|()| {
            if force {
                std::fs::rename(&tmp, file)
            } else {
                move_without_replacing(&tmp, file)
            }
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

pub fn restore(ctx: &Context, file: &Path, identity: Option<&Path>) -> Outcome {
    let path = ctx
        .db
        .clone()
        .ok_or_else(|| Failure::usage(say::t("restore_needs_db")))?;
    let bytes = std::fs::read(file).map_err(|e| Failure::file(file, &e))?;
    let bytes = crate::cli::sealed::open(file, bytes, identity)?;
    let bar = progress(None, say::t("progress_restore"));
    let store =
        Store::restore(&path, &bytes, now(), |n| bar.set_position(n)).map_err(|e| match e {
            StoreError::Rejected(m) => Failure::usage(m),
            e => store_failure(e),
        })?;
    bar.finish_and_clear();
    let findings = store.check(|_| {}).map_err(store_failure)?;
    if !findings.is_empty() {
        return report(String::new(), findings);
    }
    outln!(
        "{}",
        say::tf(
            "restored",
            &[("n", &store.app_count()), ("path", &store.path().display())]
        )
    );
    Ok(ExitCode::SUCCESS)
}

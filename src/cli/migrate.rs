//! `qyzmet migrate --from PATH --to postgres://...`: a region's store moved
//! to another engine in one command, and the copy proved: `check` (with the
//! journal's chain) clean on both sides, the same applications, persons and
//! counts, and the copy's journal the source's entry for entry, followed by
//! one entry saying where it came from.

use std::path::Path;

use super::admin::{now, progress, report, store_failure};
use super::{Outcome, outln, say};
use crate::store::{Findings, Store, StoreError};

pub fn run(from: &Path, to: &Path) -> Outcome {
    let source = Store::open(from).map_err(store_failure)?;
    let unsound = source.check(|_| {}).map_err(store_failure)?;
    if !unsound.is_empty() {
        outln!("{}", say::t("migrate_source_unsound"));
        return report(String::new(), unsound);
    }
    let bar = progress(None, say::t("migrate_progress"));
    let copy = source
        .copy_to(to, now(), |n| bar.set_position(n))
        .map_err(store_failure)?;
    bar.finish_and_clear();
    let mut findings = copy.check(|_| {}).map_err(store_failure)?;
    findings.extend(differences(&source, &copy).map_err(store_failure)?);
    let sound = say::tf(
        "migrated",
        &[
            ("n", &copy.app_count()),
            ("entries", &source.journal_len()),
            ("from", &source.path().display()),
            ("to", &copy.path().display()),
        ],
    );
    report(sound, findings)
}

/// What the copy holds otherwise than the source.
fn differences(source: &Store, copy: &Store) -> Result<Findings, StoreError> {
    let mut findings = Vec::new();
    let counts = |s: &Store| (s.app_count(), s.person_count());
    if counts(source) != counts(copy) {
        findings.push(format!(
            "the copy holds {:?} applications and persons, the source {:?}",
            counts(copy),
            counts(source)
        ));
    }
    for (a, b) in source.records().zip(copy.records()) {
        let (a, b) = (a?, b?);
        if a != b {
            findings.push(format!("application {} differs in the copy", a.number));
        }
    }
    let mut copied = copy.journal();
    for entry in source.journal() {
        let entry = entry?;
        if copied.next().transpose()?.as_ref() != Some(&entry) {
            findings.push(format!("journal entry {} differs in the copy", entry.seq));
            break;
        }
    }
    if copy.journal_len() != source.journal_len() + 1 {
        findings.push(format!(
            "the copy's journal has {} entries, the source's {} (and one for the copy)",
            copy.journal_len(),
            source.journal_len()
        ));
    }
    Ok(findings)
}

//! `--acknowledged FILE`: every transition the server acknowledged, one
//! line each (`number version unix-milliseconds`), so a failover test can
//! prove afterwards that each of them is in the store.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use crate::store::model::Record;

/// The acknowledgements of one run, kept in memory and written at its end.
#[derive(Default)]
pub(super) struct Acks(Mutex<Vec<String>>);

impl Acks {
    /// The server said `rec` is stored.
    pub fn add(&self, rec: &Record) {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let line = format!("{} {} {ms}\n", rec.number, rec.app.version);
        self.0.lock().expect("acks").push(line);
    }

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for line in self.0.lock().expect("acks").iter() {
            out.write_all(line.as_bytes())?;
        }
        out.into_inner()?.sync_all()
    }
}

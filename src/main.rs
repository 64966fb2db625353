use std::path::PathBuf;
use std::process::ExitCode;

use qyzmet::catalog_files;
use qyzmet::domain::catalog::verify_quotes;

fn main() -> ExitCode {
    // Temporary validator entry point; replaced by the clap CLI.
    let dir: PathBuf = std::env::args().nth(1).unwrap_or("catalog/services".into()).into();
    match catalog_files::from_dir(&dir) {
        Ok(cat) => {
            let mut bad = 0;
            for s in cat.iter() {
                let text = std::fs::read_to_string(dir.join("../sources").join(&s.source.file))
                    .unwrap_or_default();
                for m in verify_quotes(s, &text) {
                    bad += 1;
                    println!("{}: {m}", s.id);
                }
            }
            println!("{} entries, {bad} quote problems", cat.len());
            if bad == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(errs) => {
            for e in errs {
                println!("{e}");
            }
            ExitCode::FAILURE
        }
    }
}

//! Shell completions and the manual page, generated from the clap
//! definitions so they always list the commands and options that exist.

use std::path::Path;
use std::process::ExitCode;

use super::{Failure, Outcome, options, out_bytes, outln, say};

/// `qyzmet completions SHELL`: the script on standard output.
pub fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut options::command(), "qyzmet", &mut script);
    out_bytes(&script);
    Ok(ExitCode::SUCCESS)
}

/// `qyzmet man`: the top page on standard output; `--out DIR`: it and a
/// page per command (qyzmet-app-show.1...) written into DIR.
pub fn man(out: Option<&Path>) -> Outcome {
    let cmd = options::command();
    match out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|e| Failure::usage(e.to_string()))?;
            out_bytes(&page);
        }
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Failure::usage(say::tf(
                    "man_no_dir",
                    &[("dir", &dir.display())],
                )));
            }
            clap_mangen::generate_to(cmd, dir).map_err(|e| Failure::file(dir, &e))?;
            outln!("{}", say::tf("man_written", &[("dir", &dir.display())]));
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! Driving a program in tmux as a user would: keys in, the screen out,
//! waiting on screen text (never fixed sleeps). Each session has its own
//! tmux server (socket in a temporary directory), killed when dropped.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// tmux in UTF-8 whatever the caller's locale: the screens are Cyrillic.
pub fn tmux() -> Command {
    let mut c = Command::new("tmux");
    c.arg("-u").env("LC_ALL", "C.UTF-8").env("LANG", "C.UTF-8");
    c
}

pub struct Tmux {
    pub socket: PathBuf,
    _dir: TempDir,
}

impl Tmux {
    /// A 160x48 session running the shell command `cmd`.
    pub fn new(cmd: &str) -> Tmux {
        let dir = TempDir::new().unwrap();
        let t = Tmux {
            socket: dir.path().join("tmux.sock"),
            _dir: dir,
        };
        let ok = t
            .command()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "48",
                cmd,
            ])
            .status()
            .expect("tmux is needed for the end-to-end tests (apt-get install tmux)");
        assert!(ok.success());
        t
    }

    /// tmux on this session's server.
    pub fn command(&self) -> Command {
        let mut c = tmux();
        c.arg("-S").arg(&self.socket);
        c
    }

    /// Runs a tmux command on the session's pane.
    fn run(&self, args: &[&str]) {
        let ok = self.command().args(args).status().unwrap();
        assert!(ok.success(), "tmux {args:?}");
    }

    pub fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text` and has settled; fails with the
    /// screen after `secs`. Settled: two captures 60 ms apart agree, since a
    /// capture can land while a frame is half written (the new pane's title
    /// drawn, the old pane's rows not yet overwritten).
    pub fn wait(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                std::thread::sleep(Duration::from_millis(60));
                let again = self.screen();
                let late = start.elapsed() > Duration::from_secs(secs);
                if again == s || (late && again.contains(text)) {
                    return again;
                }
                continue;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("waited {secs} s for {text:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `text` has left the screen (a dialog closed).
    pub fn wait_gone(&self, text: &str, secs: u64) {
        let start = Instant::now();
        while self.screen().contains(text) {
            if start.elapsed() > Duration::from_secs(secs) {
                panic!(
                    "waited {secs} s for {text:?} to go; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Named keys (`Enter`, `F5`, `M-q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.run(&args);
    }

    /// Literal text, as typed.
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    /// A tmux format (`#{alternate_on}`) for the pane.
    pub fn format(&self, f: &str) -> String {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", "0", f])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn resize(&self, w: &str, h: &str) {
        self.run(&["resize-window", "-t", "0", "-x", w, "-y", h]);
    }

    /// Narrows the workstation's current list to one application.
    pub fn find(&self, number: &str) {
        self.keys(&["/"]);
        self.wait("номер, ИИН, ФИО, услуга — по-русски", 10);
        self.text(number);
        self.keys(&["Enter"]);
        self.wait("показано 1 из", 10);
    }

    /// Finds the application, presses F5 and confirms: the step's own dialog-free acts.
    pub fn confirm_step(&self, number: &str, asks: &str, done: &str) {
        self.find(number);
        self.keys(&["F5"]);
        self.wait(asks, 10);
        self.keys(&["Enter"]);
        self.wait(done, 20);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .command()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

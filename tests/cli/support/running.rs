//! A long-running `shownotes` (`watch`, `serve`) with its stderr in a log
//! file: polled with deadlines, stopped with SIGINT, killed when dropped
//! (also when a test fails).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) const DEADLINE: Duration = Duration::from_secs(10);

pub(crate) struct Running {
    pub(crate) child: Child,
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Running {
    /// Starts `shownotes ARGS` in `dir`.
    pub(crate) fn start(dir: &Path, args: &[&str]) -> Self {
        let log_dir = tempfile::tempdir().expect("temp dir");
        let log = log_dir.path().join("stderr.txt");
        let child = super::command(dir)
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("spawn shownotes");
        Self {
            child,
            log,
            _log_dir: log_dir,
        }
    }

    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many builds have finished (each ends with `watching ...`).
    pub(crate) fn builds(&self) -> usize {
        self.log().matches("watching ").count()
    }

    /// Polls `done` until it holds; fails with the log at the deadline.
    pub(crate) fn wait_for(&mut self, what: &str, mut done: impl FnMut(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "shownotes exited ({status}) while waiting for {what}:\n{}",
                    self.log()
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code.
    pub(crate) fn interrupt(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-INT", &pid]).status().expect("kill");
        assert!(status.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "still running after SIGINT:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

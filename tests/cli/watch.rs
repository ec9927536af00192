//! `shownotes watch`: rebuilds after changes, survives invalid edits, and
//! stops cleanly on Ctrl-C. Every wait is bounded by a deadline.

use crate::support::{self, Show};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);
const EPISODE: &str = "episodes/tech-competition-and-economic-security.yaml";
const NOTES: &str = "dist/tech-competition-and-economic-security/notes.txt";

/// A running `shownotes watch`, killed when dropped (also when a test fails).
struct Watch {
    child: Child,
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Watch {
    fn start(dir: &Path) -> Self {
        let log_dir = tempfile::tempdir().expect("temp dir");
        let log = log_dir.path().join("stderr.txt");
        let child = support::command(dir)
            .arg("watch")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("spawn shownotes watch");
        Self {
            child,
            log,
            _log_dir: log_dir,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Polls `done` until it holds; fails with the log at the deadline.
    fn wait_for(&mut self, what: &str, mut done: impl FnMut(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "watch exited ({status}) while waiting for {what}:\n{}",
                    self.log()
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn watch_rebuilds_on_change_survives_invalid_edits_and_stops_on_ctrl_c() {
    let show = Show::bundled();
    let original = show.read(EPISODE);
    let mut watch = Watch::start(show.path());
    watch.wait_for("first build", |w| count(&w.log(), "watching ") == 1);
    assert!(watch.log().contains("built 3 episodes"), "{}", watch.log());
    assert!(show.read(NOTES).contains("Physical AIの「実装ギャップ」"));

    // An edit is rebuilt.
    let edited = original.replace("Physical AIの「実装ギャップ」", "編集したトピック");
    assert_ne!(edited, original);
    show.write(EPISODE, edited.as_bytes());
    watch.wait_for("a rebuild after the edit", |_| {
        show.read(NOTES).contains("編集したトピック")
    });
    // The build reads every source; reading must not count as a change
    // (that would rebuild forever). Five debounce periods of quiet:
    watch.wait_for("the rebuild to finish", |w| count(&w.log(), "watching ") == 2);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        count(&watch.log(), "watching "),
        2,
        "rebuilt without a change:\n{}",
        watch.log()
    );

    // An invalid edit: the diagnostic is printed, dist/ is left as it was,
    // and watching goes on.
    let builds = count(&watch.log(), "watching ");
    show.write(EPISODE, format!("summary: oops\n{edited}").as_bytes());
    watch.wait_for("the diagnostic", |w| {
        let log = w.log();
        log.contains("error: unknown key `summary` in episode") && count(&log, "watching ") > builds
    });
    let log = watch.log();
    assert!(
        log.contains(" --> episodes/tech-competition-and-economic-security.yaml:1:1"),
        "{log}"
    );
    assert!(log.contains("build failed: 1 error"), "{log}");
    assert!(
        watch.child.try_wait().expect("try_wait").is_none(),
        "watch exited:\n{log}"
    );
    assert!(show.read(NOTES).contains("編集したトピック"));

    // The fix is rebuilt.
    let fixed = original.replace("Physical AIの「実装ギャップ」", "直したトピック");
    show.write(EPISODE, fixed.as_bytes());
    watch.wait_for("a rebuild after the fix", |_| {
        show.read(NOTES).contains("直したトピック")
    });

    // A template override is picked up too.
    show.write("templates/episode.txt", b"CUSTOM {{ episode.title }}\n");
    watch.wait_for("a rebuild after a template change", |_| {
        show.read(NOTES).starts_with("CUSTOM テクノロジー競争")
    });

    // Ctrl-C: a clean exit.
    let pid = watch.child.id().to_string();
    let status = Command::new("kill").args(["-INT", &pid]).status().expect("kill");
    assert!(status.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = watch.child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "still running after SIGINT:\n{}",
            watch.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", watch.log());
    assert!(watch.log().ends_with("stopped watching\n"), "{}", watch.log());
    assert!(!watch.log().contains("panicked"), "{}", watch.log());
}

#[test]
fn watch_outside_a_show_is_a_usage_error() {
    let out = support::run_in(Show::empty().path(), &["watch"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("no series.yaml here");
}

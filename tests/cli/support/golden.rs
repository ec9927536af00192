//! Golden files: expected outputs kept in `tests/expected/`, compared in
//! one place so that they can be updated by running the tests with
//! `SHOWNOTES_BLESS=1` instead of by hand.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that turns a mismatch into a rewrite of the golden file.
const BLESS: &str = "SHOWNOTES_BLESS";

/// `tests/expected/`, where the golden files live.
fn expected_dir() -> PathBuf {
    super::repo().join("tests/expected")
}

/// `path` from the repository root when it is inside it (as the golden
/// files are), else in full.
fn shown(path: &Path) -> String {
    let root = super::repo();
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}

/// Asserts that `actual` is byte for byte `tests/expected/<name>`.
///
/// With `SHOWNOTES_BLESS=1` in the environment a differing (or missing)
/// golden file is rewritten with `actual` instead, and the test passes.
#[track_caller]
pub(crate) fn assert_golden(name: &str, actual: &str) {
    let bless = std::env::var_os(BLESS).is_some_and(|v| v == "1");
    assert_golden_in(&expected_dir(), name, actual, bless);
}

/// [`assert_golden`] against the golden files in `dir`, blessing if asked.
#[track_caller]
fn assert_golden_in(dir: &Path, name: &str, actual: &str, bless: bool) {
    let path = dir.join(name);
    let expected = match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => return,
        Ok(expected) => Some(expected),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("reading golden file {}: {e}", path.display()),
    };
    if bless {
        write_atomically(&path, actual);
        // Straight to the process's stderr: the test harness captures
        // `eprintln!` of passing tests, and a rewrite must not go unseen.
        let _ = writeln!(
            std::io::stderr(),
            "{BLESS}: rewrote {} ({} bytes)",
            shown(&path),
            actual.len()
        );
        return;
    }
    match expected {
        Some(expected) => panic!("{}", mismatch(&path, &expected, actual)),
        None => panic!(
            "golden file {} does not exist\n\
             To create it from this output, run `{BLESS}=1 cargo test` and review the new file.",
            shown(&path)
        ),
    }
}

/// Replaces `path` in one step (a new file renamed over it), so that a
/// test reading it meanwhile never sees half a file. `std::fs::write`
/// gives the new file the usual permissions, as an editor would.
fn write_atomically(path: &Path, contents: &str) {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path.file_name().expect("a file name").to_string_lossy();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let temporary = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
    std::fs::write(&temporary, contents).unwrap_or_else(|e| panic!("writing {}: {e}", temporary.display()));
    std::fs::rename(&temporary, path).unwrap_or_else(|e| panic!("replacing {}: {e}", path.display()));
}

/// Where `expected` and `actual` first differ, line by line, with the
/// lines quoted so that trailing spaces and a missing last newline show.
fn mismatch(path: &Path, expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    let mut line = 1;
    let (want, got) = loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(e), Some(a)) if e == a => line += 1,
            (e, a) => break (e, a),
        }
    };
    let quote = |l: Option<&str>| l.map_or_else(|| "(end of file)".to_string(), |l| format!("{l:?}"));
    format!(
        "output differs from golden file {}, first at line {line}:\n\
         \x20 expected: {}\n\
         \x20   actual: {}\n\
         (expected {} lines, {} bytes; actual {} lines, {} bytes)\n\
         If the change is intended, run `{BLESS}=1 cargo test` to rewrite the golden files, \
         then review the diff of tests/expected/.",
        shown(path),
        quote(want),
        quote(got),
        expected.lines().count(),
        expected.len(),
        actual.lines().count(),
        actual.len(),
    )
}

/// The function itself, on golden files in a temporary directory: the
/// real ones in tests/expected/ are never touched.
mod tests {
    use super::assert_golden_in;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::path::Path;

    /// The panic message of `f`, which must panic.
    fn panic_message(f: impl FnOnce()) -> String {
        let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("expected a panic");
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .expect("a panic message")
    }

    fn golden_dir() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "一行目\n二行目\n三行目\n").expect("write");
        (dir, path)
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).expect("read")
    }

    #[test]
    fn identical_text_passes_in_both_modes() {
        let (dir, path) = golden_dir();
        assert_golden_in(dir.path(), "notes.txt", "一行目\n二行目\n三行目\n", false);
        assert_golden_in(dir.path(), "notes.txt", "一行目\n二行目\n三行目\n", true);
        assert_eq!(read(&path), "一行目\n二行目\n三行目\n");
    }

    #[test]
    fn a_mismatch_names_the_first_differing_line_and_how_to_bless() {
        let (dir, path) = golden_dir();
        let message = panic_message(|| {
            assert_golden_in(dir.path(), "notes.txt", "一行目\n2行目\n三行目\n", false);
        });
        assert!(message.contains("notes.txt, first at line 2:"), "{message}");
        assert!(message.contains("expected: \"二行目\\n\""), "{message}");
        assert!(message.contains("actual: \"2行目\\n\""), "{message}");
        assert!(
            message.contains("run `SHOWNOTES_BLESS=1 cargo test` to rewrite the golden files"),
            "{message}"
        );
        assert_eq!(
            read(&path),
            "一行目\n二行目\n三行目\n",
            "not blessed, not written"
        );
    }

    #[test]
    fn a_missing_last_newline_or_line_is_shown() {
        let (dir, _path) = golden_dir();
        let message = panic_message(|| {
            assert_golden_in(dir.path(), "notes.txt", "一行目\n二行目\n三行目", false);
        });
        assert!(message.contains("first at line 3:"), "{message}");
        assert!(message.contains("actual: \"三行目\""), "{message}");
        let message = panic_message(|| {
            assert_golden_in(dir.path(), "notes.txt", "一行目\n二行目\n", false);
        });
        assert!(message.contains("actual: (end of file)"), "{message}");
        assert!(
            message.contains("expected 3 lines, 30 bytes; actual 2 lines, 20 bytes"),
            "{message}"
        );
    }

    #[test]
    fn blessing_rewrites_a_differing_file_and_creates_a_missing_one() {
        let (dir, path) = golden_dir();
        assert_golden_in(dir.path(), "notes.txt", "新しい内容\n", true);
        assert_eq!(read(&path), "新しい内容\n");
        assert_golden_in(dir.path(), "notes.txt", "新しい内容\n", false);

        let message = panic_message(|| assert_golden_in(dir.path(), "new.md", "# 題\n", false));
        assert!(message.contains("new.md does not exist"), "{message}");
        assert!(message.contains("SHOWNOTES_BLESS=1 cargo test"), "{message}");
        assert!(!dir.path().join("new.md").exists());
        assert_golden_in(dir.path(), "new.md", "# 題\n", true);
        assert_eq!(read(&dir.path().join("new.md")), "# 題\n");
    }
}

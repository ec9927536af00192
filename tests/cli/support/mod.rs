//! What the CLI tests share: a show in a temporary directory and the real
//! `shownotes` binary run inside it (`Show`, `Output`), golden files
//! (`assert_golden`), the JSON report of `check`, file-tree snapshots,
//! and loopback HTTP servers (`http`).

mod golden;
pub(crate) mod http;
pub(crate) mod running;

pub(crate) use golden::assert_golden;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root, for the bundled example show and the golden files.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the repository, such as `templates/style.css`, as text.
pub(crate) fn repo_file(relative: &str) -> String {
    std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("reading {relative}: {e}"))
}

/// The smallest valid episode: a title, a date and one topic at 1:40.
pub(crate) const MINIMAL_EPISODE: &str =
    "title: T\ndate: 2026-03-10\ntopics:\n  - at: \"1:40\"\n    title: A\n";

/// A show in its own temporary directory, removed when dropped.
pub(crate) struct Show {
    dir: tempfile::TempDir,
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Show {
    /// An empty directory.
    pub(crate) fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A minimal valid show: `series.yaml` only.
    pub(crate) fn new() -> Self {
        Self::empty().file(
            "series.yaml",
            "title: テスト番組\ndescription: テスト用の番組です。\n",
        )
    }

    /// A copy of the bundled example show (series.yaml, episodes/, templates/).
    pub(crate) fn bundled() -> Self {
        let show = Self::empty();
        copy_dir(&repo(), show.path(), &["series.yaml", "episodes", "templates"]);
        show
    }

    /// The bundled show, built (asserting success).
    pub(crate) fn built() -> Self {
        let show = Self::bundled();
        let out = show.run(&["build"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        show
    }

    /// The show's directory.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating directories) and returns the show.
    pub(crate) fn file(self, relative: &str, contents: &str) -> Self {
        self.write(relative, contents.as_bytes());
        self
    }

    /// Writes a file (creating directories), for bytes that are not UTF-8
    /// or for changing a show already in use.
    pub(crate) fn write(&self, relative: &str, contents: &[u8]) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }

    /// A file of the show, as text.
    pub(crate) fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    /// Runs `shownotes ARGS` with the show as the current directory.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }

    /// `run` with extra environment variables.
    pub(crate) fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        run_in_env(self.path(), args, env)
    }

    /// Runs `shownotes check --offline`: every rule but the live links.
    pub(crate) fn check_offline(&self) -> Output {
        self.run(&["check", "--offline"])
    }
}

impl Output {
    /// Asserts that standard error holds `expected` verbatim (a message,
    /// or a whole block with its `-->` line and source excerpt).
    #[track_caller]
    pub(crate) fn assert_stderr_contains(&self, expected: &str) {
        assert!(
            self.stderr.contains(expected),
            "standard error lacks this text:\n{expected}\n--- standard error was:\n{}",
            self.stderr
        );
    }

    /// Standard output as JSON (`--format json`), failing with both
    /// streams when it is not JSON.
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

/// The findings of a `check --format json` report.
pub(crate) fn findings(report: &Value) -> Vec<&Value> {
    report["findings"].as_array().expect("findings").iter().collect()
}

/// The codes of a `check --format json` report's findings, in order.
pub(crate) fn codes(report: &Value) -> Vec<&str> {
    findings(report)
        .iter()
        .map(|f| f["code"].as_str().expect("code"))
        .collect()
}

/// Longest a single run may take before the test calls it a hang.
const HANG: std::time::Duration = std::time::Duration::from_secs(30);

/// `shownotes` as every test runs it: in `dir`, without colour, with
/// nothing on standard input.
pub(crate) fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shownotes"));
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // Only a test decides whether private addresses are allowed.
        .env_remove("SHOWNOTES_ALLOW_PRIVATE")
        .stdin(Stdio::null());
    command
}

/// Runs `shownotes ARGS` in `dir`, failing if it hangs or panics.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_env(dir, args, &[])
}

/// `run_in` with extra environment variables.
pub(crate) fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = command(dir)
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shownotes");
    // Drain both pipes while waiting: a large output must not block the child.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("shownotes {args:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let output = Output {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    };
    assert!(
        !output.stderr.contains("panicked"),
        "shownotes panicked:\n{}",
        output.stderr
    );
    output
}

/// Every file under `dir`, by its path relative to `dir`, with its bytes:
/// two snapshots are equal when nothing in the tree was added, removed or
/// changed.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                files.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

fn copy_dir(from: &Path, to: &Path, names: &[&str]) {
    for name in names {
        let source = from.join(name);
        if source.is_dir() {
            std::fs::create_dir_all(to.join(name)).expect("mkdir");
            for entry in std::fs::read_dir(&source).expect("read dir") {
                let entry = entry.expect("entry");
                let file_name = entry.file_name();
                let file_name = file_name.to_string_lossy();
                copy_dir(&source, &to.join(name), &[file_name.as_ref()]);
            }
        } else if source.is_file() {
            std::fs::copy(&source, to.join(name)).expect("copy");
        }
    }
}

/// The text of a page's `<script type="application/ld+json">`, checked
/// to parse as JSON.
pub(crate) fn json_ld(html: &str) -> String {
    const OPEN: &str = r#"<script type="application/ld+json">"#;
    let start = html
        .find(OPEN)
        .unwrap_or_else(|| panic!("no JSON-LD in:\n{html}"))
        + OPEN.len();
    let len = html[start..].find("</script>").expect("JSON-LD is closed");
    let text = html[start..start + len].to_string();
    serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"));
    text
}

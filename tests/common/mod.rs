//! A builder for CLI tests: a show in a temporary directory, and the real
//! `shownotes` binary run inside it.

#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_shownotes");

/// The repository root, for the bundled example show.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Show {
    dir: tempfile::TempDir,
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Show {
    /// An empty directory.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A minimal valid show: `series.yaml` only.
    pub fn new() -> Self {
        Self::empty().file(
            "series.yaml",
            "title: テスト番組\ndescription: テスト用の番組です。\n",
        )
    }

    /// A copy of the bundled example show (series.yaml, episodes/, templates/).
    pub fn bundled() -> Self {
        let show = Self::empty();
        copy_dir(&repo(), show.path(), &["series.yaml", "episodes", "templates"]);
        show
    }

    /// The bundled show, built (asserting success).
    pub fn built() -> Self {
        let show = Self::bundled();
        let out = show.run(&["build"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        show
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating directories) and returns the show.
    pub fn file(self, relative: &str, contents: &str) -> Self {
        self.write(relative, contents.as_bytes());
        self
    }

    pub fn write(&self, relative: &str, contents: &[u8]) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    /// Runs `shownotes ARGS` with the show as the current directory.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }

    /// `run` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        run_in_env(self.path(), args, env)
    }
}

/// Longest a single run may take before the test calls it a hang.
const HANG: std::time::Duration = std::time::Duration::from_secs(30);

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_env(dir, args, &[])
}

pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // Only a test decides whether private addresses are allowed.
        .env_remove("SHOWNOTES_ALLOW_PRIVATE")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
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

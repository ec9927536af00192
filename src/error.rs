//! Failures that stop a run before its content can be judged (exit 2).
//! Problems *in* the content are `Diagnostic`s, not errors.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the Ctrl-C handler of `watch` and `serve`: a long build stops at
/// its next file instead of finishing for no one (and changes nothing).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub(crate) fn interrupt() {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be done as asked.
    Usage(String),
    /// Reading or writing a file failed.
    Io { path: PathBuf, source: std::io::Error },
    /// The file system cannot be watched (`watch`).
    Watch {
        path: Option<PathBuf>,
        source: notify::Error,
    },
    /// Ctrl-C cannot be handled (`watch`).
    Signal(ctrlc::Error),
    /// The link checker cannot start: its HTTP client or its runtime.
    LinkChecker(String),
    /// Ctrl-C stopped the run part-way (`watch`, `serve`).
    Interrupted,
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Watch {
                path: Some(path),
                source,
            } => write!(f, "cannot watch {}: {source}", path.display()),
            Error::Watch { path: None, source } => write!(f, "cannot watch files: {source}"),
            Error::Signal(source) => write!(f, "cannot handle Ctrl-C: {source}"),
            Error::LinkChecker(message) => write!(f, "cannot start the link checker: {message}"),
            Error::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Watch { source, .. } => Some(source),
            Error::Signal(source) => Some(source),
            Error::Usage(_) | Error::LinkChecker(_) | Error::Interrupted => None,
        }
    }
}

/// How a command ended when it could judge the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: problems found in the content.
    Problems,
}

impl Outcome {
    pub fn from_errors(errors: usize) -> Self {
        if errors == 0 {
            Outcome::Clean
        } else {
            Outcome::Problems
        }
    }
}

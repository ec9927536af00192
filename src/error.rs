//! Failures that stop a run before its content can be judged: bad usage and
//! I/O. Problems *in* the content are `Diagnostic`s, not errors.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    Usage(String),
    Io { path: PathBuf, source: std::io::Error },
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
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Usage(_) => None,
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

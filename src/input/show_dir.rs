//! The show directory on disk: finding its root, listing the episode
//! files, naming paths in messages, and reading one file into YAML nodes.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::SourceFile;
use crate::error::Error;
use crate::input::yaml::{self, ReadError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) const SERIES_FILE: &str = "series.yaml";
pub(crate) const EPISODES_DIR: &str = "episodes";
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// The show root: `--root`, or the nearest directory upward from the
/// current one that holds `series.yaml`. `None` when there is none (single
/// episode files then work on their own).
pub(crate) fn find_root(explicit: Option<&Path>) -> Result<Option<PathBuf>, Error> {
    if let Some(root) = explicit {
        if !root.join(SERIES_FILE).is_file() {
            return Err(Error::Usage(format!(
                "{} has no {SERIES_FILE}; --root must point at a show directory",
                root.display()
            )));
        }
        return Ok(Some(root.to_path_buf()));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    Ok(cwd
        .ancestors()
        .find(|dir| dir.join(SERIES_FILE).is_file())
        .map(Path::to_path_buf))
}

/// A path as shown in messages: relative to the root when inside it.
pub(crate) fn display_path(path: &Path, root: Option<&Path>) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = root
        .and_then(|root| path.strip_prefix(root).ok())
        .or_else(|| cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Reads and parses one file; `Err` holds the diagnostic for content
/// problems and the I/O error otherwise.
pub(crate) fn read_node(
    path: &Path,
    root: Option<&Path>,
) -> Result<Result<(Arc<SourceFile>, yaml::Node), Diagnostic>, Error> {
    let display = display_path(path, root);
    let file = match yaml::read(path, display) {
        Ok(file) => file,
        Err(ReadError::Io(e)) => return Err(Error::io(path, e)),
        Err(ReadError::Content(diagnostic)) => return Ok(Err(diagnostic)),
    };
    Ok(yaml::parse(&file).map(|node| (file, node)))
}

/// The episode files of a show, sorted by name.
pub(crate) fn episode_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(EPISODES_DIR);
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        if path.is_file() && matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The slug rule: not empty, only ASCII letters, digits, `-` and `_`.
pub(crate) fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The slug of an episode file: its stem, ASCII letters, digits, `-`, `_`.
#[allow(
    clippy::result_large_err,
    reason = "a Diagnostic is the error of content, built once per bad file on the cold path"
)]
pub(crate) fn slug(path: &Path, root: Option<&Path>) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_valid_slug(&stem) {
        return Ok(stem);
    }
    let suggestion: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let file = SourceFile::new(path, display_path(path, root), String::new());
    Err(Diagnostic::error(
        "invalid-slug",
        format!("file name `{stem}` cannot be a slug: use only ASCII letters, digits, `-` and `_`"),
    )
    .in_file(&file)
    .help(format!(
        "the file name becomes the episode's URL; rename it, e.g. to `{}.yaml`",
        suggestion.trim_matches('-')
    )))
}

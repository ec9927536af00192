//! The show directory on disk: finding its root, listing the episode
//! files, naming paths in messages, and reading one file.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::{Folder, SourceFile};
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
    // The working directory only when the root does not serve: asking for
    // it is a system call, and this runs for every file of every run.
    let relative = match root.and_then(|root| path.strip_prefix(root).ok()) {
        Some(relative) => Some(relative.to_path_buf()),
        None => std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf)),
    };
    let shown = relative
        .as_deref()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Reads one file of the show (to parse with `yaml::parse_as`, whose
/// nodes borrow its text), through `folder` when it is in it; `Err` holds
/// the diagnostic for content problems and the I/O error otherwise.
pub(crate) fn read_file(
    path: &Path,
    root: Option<&Path>,
    folder: Option<&Folder>,
    kind: yaml::FileKind,
) -> Result<Result<Arc<SourceFile>, Diagnostic>, Error> {
    let display = display_path(path, root);
    let within = crate::diagnostic::source::confinement(path, root);
    match yaml::read(path, display, within, folder, kind) {
        Ok(file) => Ok(Ok(file)),
        Err(ReadError::Io(e)) => Err(Error::io(path, e)),
        Err(ReadError::Content(diagnostic)) => Ok(Err(diagnostic)),
    }
}

/// The episode files of a show, sorted by name.
pub(crate) fn episode_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(EPISODES_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let name = entry.file_name();
        // Everything but a real directory is read, so a link or special
        // file is refused with an error instead of being skipped.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let extension = Path::new(&name).extension().and_then(|e| e.to_str());
        if !is_dir && matches!(extension, Some("yaml" | "yml")) {
            names.push(name);
        }
    }
    // The names sorted, then made paths: all are in one folder, so this is
    // the paths' order, without comparing paths component by component.
    names.sort_unstable();
    Ok(names.into_iter().map(|name| dir.join(name)).collect())
}

/// The slug rule: not empty, only ASCII letters, digits, `-` and `_`.
pub(crate) fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `text` with every character a slug may not hold turned into `-`, and
/// no `-` at either end (possibly empty: nothing ASCII to keep).
pub(crate) fn slugify(text: &str) -> String {
    let dashed: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    dashed.trim_matches('-').to_string()
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
    let suggestion = slugify(&stem);
    let file = SourceFile::new(path, display_path(path, root), String::new());
    let help = if suggestion.chars().any(|c| c.is_ascii_alphanumeric()) {
        format!("the file name becomes the episode's URL; rename it, e.g. to `{suggestion}.yaml`")
    } else {
        // Nothing ASCII to keep (`エピソード.yaml`): suggest a numbered name.
        "the file name becomes the episode's URL; rename it with ASCII letters and digits, e.g. to `ep001.yaml` (the title can stay in Japanese)".to_string()
    };
    Err(Diagnostic::error(
        "invalid-slug",
        format!("file name `{stem}` cannot be a slug: use only ASCII letters, digits, `-` and `_`"),
    )
    .in_file(&file)
    .help(help))
}

/// `path` made absolute with every symbolic link and `..` resolved, also
/// when its last components do not exist yet.
pub(crate) fn resolved(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut real = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                // `..` at the end, or the file system root: keep as is.
                _ => break existing.to_path_buf(),
            },
        }
    };
    for name in rest.into_iter().rev() {
        if name == ".." {
            real.pop();
        } else {
            real.push(name);
        }
    }
    Ok(real)
}

/// The output directory must not be (or contain, or lie inside) the
/// show's sources: outputs in `templates/` would become template
/// overrides, in `episodes/` episodes, and `watch` would see its own
/// writes; an output directory holding the show root (`--out .`) would
/// mix outputs with sources. Each is a usage error (exit 2).
pub(crate) fn check_out_dir(root: &Path, out: &Path) -> Result<(), Error> {
    let real_root = resolved(root)?;
    let real_out = resolved(out)?;
    let shown = out.display();
    if real_root.starts_with(&real_out) {
        return Err(Error::Usage(format!(
            "--out {shown} is the show directory or holds it: outputs would be mixed with the show's files; choose a directory of its own, such as dist"
        )));
    }
    for name in [EPISODES_DIR, TEMPLATES_DIR] {
        let sources = resolved(&root.join(name))?;
        if real_out.starts_with(&sources) || sources.starts_with(&real_out) {
            return Err(Error::Usage(format!(
                "--out {shown} overlaps {name}/: outputs would be read back as {}; choose a directory outside episodes/ and templates/, such as dist",
                if name == TEMPLATES_DIR {
                    "template overrides"
                } else {
                    "episodes"
                }
            )));
        }
    }
    Ok(())
}

//! The show directory: finding its root, reading `series.yaml` and the
//! episode files, each loaded and validated independently.

use crate::decode::Decoder;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::series::Series;
use crate::source::SourceFile;
use crate::yaml::{self, ReadError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const SERIES_FILE: &str = "series.yaml";
pub const EPISODES_DIR: &str = "episodes";
pub const TEMPLATES_DIR: &str = "templates";

/// The show root: `--root`, or the nearest directory upward from the
/// current one that holds `series.yaml`. `None` when there is none (single
/// episode files then work on their own).
pub fn find_root(explicit: Option<&Path>) -> Result<Option<PathBuf>, Error> {
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
pub fn display_path(path: &Path, root: Option<&Path>) -> String {
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
fn read_node(
    path: &Path,
    root: Option<&Path>,
    kind: yaml::FileKind,
) -> Result<Result<(Arc<SourceFile>, yaml::Node), Diagnostic>, Error> {
    let display = display_path(path, root);
    let within = crate::source::confinement(path, root);
    let file = match yaml::read(path, display, &within, kind) {
        Ok(file) => file,
        Err(ReadError::Io(e)) => return Err(Error::io(path, e)),
        Err(ReadError::Content(diagnostic)) => return Ok(Err(diagnostic)),
    };
    Ok(yaml::parse_as(&file, kind).map(|node| (file, node)))
}

/// `series.yaml`, decoded.
pub fn load_series(root: &Path) -> Result<(Option<Series>, Vec<Diagnostic>), Error> {
    let (file, node) = match read_node(&root.join(SERIES_FILE), Some(root), yaml::FileKind::Series)? {
        Ok(loaded) => loaded,
        Err(diagnostic) => return Ok((None, vec![diagnostic])),
    };
    let mut decoder = Decoder::new(file);
    let series = Series::decode(&mut decoder, &node);
    let mut diagnostics = decoder.diagnostics;
    if let Some(series) = &series {
        crate::validate::series(series, &mut diagnostics);
    }
    Ok((series, diagnostics))
}

/// The episode files of a show, sorted by name.
pub fn episode_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(EPISODES_DIR);
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let path = entry.path();
        // Everything but a real directory is read, so a link or special
        // file is refused with an error instead of being skipped.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir && matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The slug rule: not empty, only ASCII letters, digits, `-` and `_`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The slug of an episode file: its stem, ASCII letters, digits, `-`, `_`.
fn slug(path: &Path, root: Option<&Path>) -> Result<String, Diagnostic> {
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
    let suggestion = suggestion.trim_matches('-');
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

/// One file of `episodes/`, loaded and validated: the document (an
/// episode or minutes, when it decoded) and every diagnostic of the file.
pub struct LoadedEpisode {
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load_episode(path: &Path, root: Option<&Path>) -> Result<LoadedEpisode, Error> {
    let slug = match slug(path, root) {
        Ok(slug) => slug,
        Err(diagnostic) => {
            return Ok(LoadedEpisode {
                document: None,
                diagnostics: vec![diagnostic],
            });
        }
    };
    let (file, node) = match read_node(path, root, yaml::FileKind::Episode)? {
        Ok(loaded) => loaded,
        Err(diagnostic) => {
            return Ok(LoadedEpisode {
                document: None,
                diagnostics: vec![diagnostic],
            });
        }
    };
    let mut decoder = Decoder::new(file);
    let document = Document::decode(&mut decoder, &node, slug);
    drop(node);
    let mut diagnostics = decoder.diagnostics;
    match &document {
        Some(Document::Episode(episode)) => crate::validate::episode(episode, &mut diagnostics),
        Some(Document::Minutes(minutes)) => crate::validate::minutes(minutes, &mut diagnostics),
        None => {}
    }
    // Read top to bottom, like the file.
    diagnostics.sort_by_key(|d| d.span.map(|s| (s.line, s.column)));
    Ok(LoadedEpisode {
        document,
        diagnostics,
    })
}

/// Loads files in parallel and hands each result to `each` (also in
/// parallel); results come back in input order.
pub fn for_each_episode<T: Send>(
    files: &[PathBuf],
    root: Option<&Path>,
    each: impl Fn(LoadedEpisode) -> T + Sync + Send,
) -> Result<Vec<T>, Error> {
    files
        .par_iter()
        .map(|path| load_episode(path, root).map(&each))
        .collect()
}

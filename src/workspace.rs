//! What a command works on: the show root (if any), its series, and the
//! episode files selected on the command line or found in `episodes/`.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::series::Series;
use crate::show;
use std::path::{Path, PathBuf};

pub struct Workspace {
    pub root: Option<PathBuf>,
    pub series: Option<Series>,
    pub files: Vec<PathBuf>,
    /// Problems of `series.yaml`.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    pub fn open(root: Option<&Path>, files: &[PathBuf]) -> Result<Self, Error> {
        let root = show::find_root(root)?;
        for file in files {
            if !file.is_file() {
                return Err(Error::Usage(format!("{} is not a file", file.display())));
            }
        }
        let files = if files.is_empty() {
            let Some(root) = &root else {
                return Err(Error::Usage(format!(
                    "no {} here or in any parent directory; run inside a show, pass --root DIR, or name episode files",
                    show::SERIES_FILE
                )));
            };
            show::episode_files(root)?
        } else {
            files
                .iter()
                .map(|f| std::path::absolute(f).map_err(|e| Error::io(f, e)))
                .collect::<Result<_, _>>()?
        };
        let (series, mut diagnostics) = match &root {
            Some(root) => show::load_series(root)?,
            None => (None, Vec::new()),
        };
        diagnostics.extend(duplicate_slugs(&files, root.as_deref()));
        Ok(Self {
            root,
            series,
            files,
            diagnostics,
        })
    }

    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    pub fn templates_dir(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(show::TEMPLATES_DIR))
    }
}

/// Two files with one slug would write the same `dist/<slug>/` (and give
/// the feed two items with one guid): an error naming both. Slugs that
/// differ only in case collide too, on case-insensitive file systems.
fn duplicate_slugs(files: &[PathBuf], root: Option<&Path>) -> Vec<Diagnostic> {
    let mut first: std::collections::HashMap<String, &PathBuf> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for file in files {
        let Some(stem) = file.file_stem().map(|s| s.to_string_lossy().to_lowercase()) else {
            continue;
        };
        match first.get(&stem) {
            Some(earlier) => {
                let (a, b) = (show::display_path(earlier, root), show::display_path(file, root));
                let source = crate::source::SourceFile::new(file, b.clone(), String::new());
                out.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        format!("{a} and {b} have the same slug `{stem}`: both would be written to {stem}/"),
                    )
                    .in_file(&source)
                    .help("rename or remove one of them; the slug is the file name without .yaml/.yml"),
                );
            }
            None => {
                first.insert(stem, file);
            }
        }
    }
    out
}

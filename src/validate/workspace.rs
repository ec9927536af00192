//! The show a command works on: its root (if any), its series, and the
//! episode files selected on the command line or found in `episodes/`;
//! each file loaded (decoded, then validated) on its own.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::Folder;
use crate::error::Error;
use crate::input::show_dir;
use crate::model::document::Document;
use crate::model::load;
use crate::model::series::Series;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub(crate) struct Workspace {
    pub(crate) root: Option<PathBuf>,
    pub(crate) series: Option<Series>,
    pub(crate) files: Vec<PathBuf>,
    /// Problems of `series.yaml`.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    pub(crate) fn open(root: Option<&Path>, files: &[PathBuf]) -> Result<Self, Error> {
        let root = show_dir::find_root(root)?;
        for file in files {
            if !file.is_file() {
                return Err(Error::Usage(format!("{} is not a file", file.display())));
            }
        }
        let files = if files.is_empty() {
            let Some(root) = &root else {
                return Err(Error::Usage(format!(
                    "no {} here or in any parent directory; run inside a show, pass --root DIR, or name episode files",
                    show_dir::SERIES_FILE
                )));
            };
            show_dir::episode_files(root)?
        } else {
            files
                .iter()
                .map(|f| std::path::absolute(f).map_err(|e| Error::io(f, e)))
                .collect::<Result<_, _>>()?
        };
        let (series, mut diagnostics) = match &root {
            Some(root) => load_series(root)?,
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

    pub(crate) fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    pub(crate) fn templates_dir(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(show_dir::TEMPLATES_DIR))
    }
}

/// Two files with one slug would write the same `dist/<slug>/` (and give
/// the feed two items with one guid): an error naming both. Slugs that
/// differ only in case collide too, on case-insensitive file systems.
fn duplicate_slugs(files: &[PathBuf], root: Option<&Path>) -> Vec<Diagnostic> {
    // The slugs, lowercased, with the index of their file, sorted: a slug
    // met again follows its first file (sorting costs less than hashing
    // ten thousand names).
    let mut slugs: Vec<(String, usize)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, file)| Some((file.file_stem()?.to_string_lossy().to_lowercase(), i)))
        .collect();
    slugs.sort_unstable();
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for same in slugs.chunk_by(|a, b| a.0 == b.0) {
        let Some(((stem, first), again)) = same.split_first() else {
            continue;
        };
        for (_, later) in again {
            found.push((*later, duplicate(stem, &files[*first], &files[*later], root)));
        }
    }
    // In the order of the files named second.
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().map(|(_, diagnostic)| diagnostic).collect()
}

/// The error of two files with the slug `stem`.
fn duplicate(stem: &str, earlier: &Path, file: &Path, root: Option<&Path>) -> Diagnostic {
    let (a, b) = (
        show_dir::display_path(earlier, root),
        show_dir::display_path(file, root),
    );
    let source = crate::diagnostic::source::SourceFile::new(file, b.clone(), String::new());
    Diagnostic::error(
        "duplicate-slug",
        format!("{a} and {b} have the same slug `{stem}`: both would be written to {stem}/"),
    )
    .in_file(&source)
    .help("rename or remove one of them; the slug is the file name without .yaml/.yml")
}

/// `series.yaml`, decoded and validated.
fn load_series(root: &Path) -> Result<(Option<Series>, Vec<Diagnostic>), Error> {
    let decoded = load::series(root)?;
    let mut diagnostics = decoded.diagnostics;
    if let Some(series) = &decoded.value {
        crate::validate::rules::series(series, &mut diagnostics);
    }
    Ok((decoded.value, diagnostics))
}

/// One file of `episodes/`, loaded and validated: the document (an
/// episode or minutes, when it decoded) and every diagnostic of the file.
pub(crate) struct LoadedDocument {
    pub(crate) document: Option<Document>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

pub(crate) fn load_document(path: &Path, root: Option<&Path>) -> Result<LoadedDocument, Error> {
    load_document_in(path, root, None)
}

/// `load_document`, reading through `folder` when the file is in it.
fn load_document_in(
    path: &Path,
    root: Option<&Path>,
    folder: Option<&Folder>,
) -> Result<LoadedDocument, Error> {
    let decoded = load::document(path, root, folder)?;
    let mut diagnostics = decoded.diagnostics;
    if let Some(document) = &decoded.value {
        crate::validate::rules::document(document, &mut diagnostics);
    }
    // Read top to bottom, like the file.
    diagnostics.sort_by_key(|d| d.span.map(|s| (s.line, s.column)));
    Ok(LoadedDocument {
        document: decoded.value,
        diagnostics,
    })
}

/// Loads files in parallel and hands each result to `each` (also in
/// parallel); results come back in input order. The files of `episodes/`
/// are read through it held open (`Folder`). After Ctrl-C in `watch`
/// or `serve` it stops at the next file with `Error::Interrupted`.
pub(crate) fn for_each_document<T: Send>(
    files: &[PathBuf],
    root: Option<&Path>,
    each: impl Fn(LoadedDocument) -> T + Sync + Send,
) -> Result<Vec<T>, Error> {
    // `episodes/` held open for this run only: a folder replaced between
    // two runs of `watch` or `serve` is opened (and checked) afresh.
    let folder = root.and_then(|root| Folder::open(&root.join(show_dir::EPISODES_DIR), root));
    files
        .par_iter()
        .map(|path| {
            if crate::error::interrupted() {
                return Err(Error::Interrupted);
            }
            load_document_in(path, root, folder.as_ref()).map(&each)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::model::document::Document;

    /// Each file whose slug an earlier file has is named with the first
    /// of them, in the order of the files.
    #[test]
    fn a_slug_met_again_names_its_first_file() {
        let root = std::path::Path::new("/show");
        let files: Vec<PathBuf> = [
            "EP.yaml", "a.yaml", "ep.yaml", "ep.yml", "b.yml", "b.yaml", "c.yaml",
        ]
        .iter()
        .map(|name| root.join("episodes").join(name))
        .collect();
        let messages: Vec<String> = super::duplicate_slugs(&files, Some(root))
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages,
            [
                "episodes/EP.yaml and episodes/ep.yaml have the same slug `ep`: both would be written to ep/",
                "episodes/EP.yaml and episodes/ep.yml have the same slug `ep`: both would be written to ep/",
                "episodes/b.yml and episodes/b.yaml have the same slug `b`: both would be written to b/",
            ]
        );
    }
    use crate::model::minutes::{Minutes, Point};
    use std::path::PathBuf;

    fn points(minutes: &Minutes) -> Vec<&Point> {
        let subsections = minutes.sections.iter().flat_map(|s| &s.subsections);
        let nested = subsections.flat_map(|sub| &sub.points);
        minutes
            .sections
            .iter()
            .flat_map(|s| &s.points)
            .chain(nested)
            .collect()
    }

    /// Seed 003, the real meeting summary, loads whole: every point and
    /// who said it, the numbered subsections and the time range.
    #[test]
    fn seed_003_model_has_34_points_and_numbered_subsections() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("episodes/global-industry-strategy-meeting-3.yaml");
        let loaded = super::load_document(&path, Some(&root)).expect("readable");
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let Some(Document::Minutes(minutes)) = loaded.document else {
            panic!("the seed is minutes");
        };
        let points = points(&minutes);
        assert_eq!(points.len(), 34);
        let by: Vec<&str> = points
            .iter()
            .filter_map(|p| p.by.as_ref())
            .map(|by| by.value.as_str())
            .collect();
        assert_eq!(by, ["安永", "安永"]);
        let numbers: Vec<Vec<&str>> = minutes
            .sections
            .iter()
            .map(|s| s.subsections.iter().map(|sub| sub.number.as_str()).collect())
            .collect();
        assert_eq!(numbers, [vec!["①", "②", "③"], vec![], vec!["①", "②", "③"]]);
        assert_eq!(minutes.time_range().as_deref(), Some("17:00~18:30"));
    }
}

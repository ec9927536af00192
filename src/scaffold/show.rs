//! A new show, ready to build (`shownotes init`). Every file is embedded in
//! the binary (from the repository's `scaffold/`), except the JSON Schemas,
//! which are generated like `shownotes schema` does.
//!
//! It never overwrites: every target is checked first, and if any exists
//! nothing is written and each existing file is named (exit 2).

use crate::error::Error;
use crate::input::show_dir;
use crate::schema;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The embedded files of a new show: path relative to the show, contents.
pub(crate) const SCAFFOLD: &[(&str, &str)] = &[
    ("series.yaml", include_str!("../../scaffold/series.yaml")),
    (
        "episodes/ep001.yaml",
        include_str!("../../scaffold/episodes/ep001.yaml"),
    ),
    (
        "templates/README.md",
        include_str!("../../scaffold/templates/README.md"),
    ),
    (".gitignore", include_str!("../../scaffold/gitignore")),
    (
        ".github/workflows/shownotes.yml",
        include_str!("../../.github/workflows/shownotes.yml"),
    ),
];

/// Every file `init` writes: the scaffold and the schemas.
pub(crate) fn files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = SCAFFOLD
        .iter()
        .map(|&(path, text)| (path.to_string(), text.to_string()))
        .collect();
    for (name, text) in schema::files() {
        files.push((format!("{}/{name}", schema::SCHEMA_DIR), text));
    }
    files
}

/// Writes every file of a new show into `dir`; returns the paths written.
pub(crate) fn create(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    // Joined without `.` components, so messages say `series.yaml`, not
    // `./series.yaml`.
    let targets: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(relative, text)| {
            let path: PathBuf = dir
                .join(relative)
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect();
            (path, text.as_str())
        })
        .collect();
    // `symlink_metadata`: a dangling symlink is an existing file too.
    let existing: Vec<String> = targets
        .iter()
        .filter(|(path, _)| path.symlink_metadata().is_ok())
        .map(|(path, _)| show_dir::display_path(path, None))
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite existing file{} (nothing was written):\n{}\nhelp: run `shownotes init` in an empty directory, or move these files away",
            if existing.len() == 1 { "" } else { "s" },
            existing
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    let mut written = Vec::new();
    for (path, text) in targets {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // `create_new`: a file that appeared since the check is not
        // overwritten either.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.write_all(text.as_bytes()).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

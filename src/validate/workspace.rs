//! What a command works on: the show root (if any), its series, and the
//! episode files selected on the command line or found in `episodes/`.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::input::show_dir;
use crate::model::series::Series;
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
        let (series, diagnostics) = match &root {
            Some(root) => show_dir::load_series(root)?,
            None => (None, Vec::new()),
        };
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
        self.root.as_ref().map(|r| r.join(show_dir::TEMPLATES_DIR))
    }
}

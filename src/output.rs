//! Writing outputs atomically: every file of a build is first written to a
//! staging directory inside the output directory, and only when all of
//! them are written is each renamed into place. A failed build removes the
//! staging directory and leaves the previous outputs as they were.

use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Stage {
    out: PathBuf,
    dir: tempfile::TempDir,
    /// Relative paths of the staged files.
    files: Mutex<Vec<PathBuf>>,
}

impl Stage {
    pub fn new(out: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let dir = tempfile::Builder::new()
            .prefix(".shownotes-staging-")
            .tempdir_in(out)
            .map_err(|e| Error::io(out, e))?;
        Ok(Self {
            out: out.to_path_buf(),
            dir,
            files: Mutex::new(Vec::new()),
        })
    }

    /// Stages `contents` for `relative` (e.g. `ep1/notes.txt`). `relative`
    /// must come from validated slugs and fixed file names.
    pub fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        debug_assert!(
            relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        );
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, contents).map_err(|e| Error::io(&path, e))?;
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(relative.to_path_buf());
        Ok(())
    }

    /// Stages the file `relative` written by `write` through a buffered
    /// writer, for outputs too large to build in memory first (the feed).
    pub fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut writer = std::io::BufWriter::new(file);
        write(&mut writer)
            .and_then(|()| std::io::Write::flush(&mut writer))
            .map_err(|e| Error::io(&path, e))?;
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(relative.to_path_buf());
        Ok(())
    }

    /// Moves every staged file into place (each rename is atomic) and
    /// returns how many there were.
    pub fn commit(self) -> Result<usize, Error> {
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for relative in &files {
            let target = self.out.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::rename(self.dir.path().join(relative), &target).map_err(|e| Error::io(&target, e))?;
        }
        Ok(files.len())
    }
}

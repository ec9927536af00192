//! Writing outputs atomically: every file of a build is first written to a
//! staging directory inside the output directory, and only when all of
//! them are written is each renamed into place. A failed build removes the
//! staging directory and leaves the previous outputs as they were.

use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub(crate) struct Stage {
    out: PathBuf,
    dir: tempfile::TempDir,
    /// Final relative path of each staged file; the staged copy is named by
    /// its index, so staging needs no directories.
    files: Mutex<Vec<PathBuf>>,
    /// Outputs that already had the right content.
    unchanged: std::sync::atomic::AtomicUsize,
}

/// What a commit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Files renamed into place.
    pub(crate) changed: usize,
    /// Files that already had the right content.
    pub(crate) unchanged: usize,
}

impl Stage {
    pub(crate) fn new(out: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let dir = tempfile::Builder::new()
            .prefix(".shownotes-staging-")
            .tempdir_in(out)
            .map_err(|e| Error::io(out, e))?;
        Ok(Self {
            out: out.to_path_buf(),
            dir,
            files: Mutex::new(Vec::new()),
            unchanged: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Stages `contents` for `relative` (e.g. `ep1/notes.txt`). `relative`
    /// must come from validated slugs and fixed file names. A file whose
    /// current content is already `contents` is left alone: rebuilds touch
    /// only what changed (and keep the other files' modification times).
    pub(crate) fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        let target = self.out.join(relative);
        let same = std::fs::metadata(&target).is_ok_and(|m| m.len() == contents.len() as u64)
            && std::fs::read(&target).is_ok_and(|old| old == contents);
        if same {
            self.unchanged.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Ok(());
        }
        self.write_with(relative, |out| out.write_all(contents))
    }

    /// Stages the file `relative` written by `write` through a buffered
    /// writer, for outputs too large to build in memory first (the feed).
    pub(crate) fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let path = self.slot(relative);
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut writer = std::io::BufWriter::new(file);
        write(&mut writer)
            .and_then(|()| std::io::Write::flush(&mut writer))
            .map_err(|e| Error::io(&path, e))
    }

    /// Reserves the staged file for `relative`: staged files are named by
    /// their index, so staging needs no directories.
    fn slot(&self, relative: &Path) -> PathBuf {
        debug_assert!(
            relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        );
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.push(relative.to_path_buf());
        self.dir.path().join((files.len() - 1).to_string())
    }

    /// Moves every staged file into place (each rename is atomic).
    pub(crate) fn commit(self) -> Result<Written, Error> {
        let unchanged = self.unchanged.into_inner();
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut made: std::collections::HashSet<&Path> = std::collections::HashSet::new();
        for (index, relative) in files.iter().enumerate() {
            let target = self.out.join(relative);
            if let Some(parent) = relative.parent()
                && made.insert(parent)
            {
                let dir = self.out.join(parent);
                std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            std::fs::rename(self.dir.path().join(index.to_string()), &target)
                .map_err(|e| Error::io(&target, e))?;
        }
        Ok(Written {
            changed: files.len(),
            unchanged,
        })
    }
}

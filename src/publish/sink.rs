//! Where rendered outputs go: the `Stage` of a full build (every file
//! staged, all renamed into place when nothing failed), or `Collected`, the
//! outputs of an incremental rebuild held in memory until the rebuild is
//! known to be clean.

use crate::error::Error;
use crate::publish::stage::Stage;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A destination for the files of a build, by path relative to the output
/// directory (from validated slugs and fixed file names).
pub(crate) trait Sink: Sync {
    fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error>;

    /// The file `relative`, written by `write` through a writer, for
    /// outputs too large to build as one string first (the feed).
    fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error>;
}

impl Sink for Stage {
    fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        Stage::write(self, relative, contents)
    }

    fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        Stage::write_with(self, relative, write)
    }
}

/// Outputs kept in memory, in the order they were rendered.
#[derive(Default)]
pub(crate) struct Collected(Mutex<Vec<(PathBuf, Vec<u8>)>>);

impl Collected {
    pub(crate) fn into_files(self) -> Vec<(PathBuf, Vec<u8>)> {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, relative: &Path, contents: Vec<u8>) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((relative.to_path_buf(), contents));
    }
}

impl Sink for Collected {
    fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        self.push(relative, contents.to_vec());
        Ok(())
    }

    fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let mut contents = Vec::new();
        write(&mut contents).map_err(|e| Error::io(relative, e))?;
        self.push(relative, contents);
        Ok(())
    }
}

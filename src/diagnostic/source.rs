//! A loaded input file: its display path and its text, shared by every
//! diagnostic that points into it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path as shown to the user (relative to the show root when possible).
    pub(crate) display: String,
    /// The path on disk.
    pub(crate) path: PathBuf,
    pub(crate) text: String,
}

impl SourceFile {
    pub(crate) fn new(path: &Path, display: String, text: String) -> Arc<Self> {
        Arc::new(Self {
            display,
            path: path.to_path_buf(),
            text,
        })
    }

    /// The byte range of the line holding byte offset `at` (without its newline).
    pub(crate) fn line_range(&self, at: usize) -> std::ops::Range<usize> {
        let at = at.min(self.text.len());
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        start..end
    }

    /// The byte offset of a 1-based line and character column.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        offset
            + rest[..line_end]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_end, |(i, _)| i)
    }
}

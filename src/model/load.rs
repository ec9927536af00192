//! Decoding the files of a show into the model: `series.yaml`, and one
//! document per file of `episodes/`. The rules across values run on top of
//! this, in `validate/`.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::Folder;
use crate::error::Error;
use crate::input::decode::Decoder;
use crate::input::show_dir::{self, SERIES_FILE};
use crate::input::yaml::{self, FileKind};
use crate::model::document::Document;
use crate::model::series::Series;
use std::path::Path;
use std::sync::Arc;

/// A file decoded as far as it goes: the value when it decoded, and every
/// problem found on the way.
pub(crate) struct Decoded<T> {
    pub(crate) value: Option<T>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<T> Decoded<T> {
    fn failed(diagnostic: Diagnostic) -> Self {
        Self {
            value: None,
            diagnostics: vec![diagnostic],
        }
    }
}

/// `series.yaml` of a show root.
pub(crate) fn series(root: &Path) -> Result<Decoded<Series>, Error> {
    let file = match show_dir::read_file(&root.join(SERIES_FILE), Some(root), None, FileKind::Series)? {
        Ok(file) => file,
        Err(diagnostic) => return Ok(Decoded::failed(diagnostic)),
    };
    let tree = match yaml::parse_as(&file, FileKind::Series) {
        Ok(tree) => tree,
        Err(diagnostic) => return Ok(Decoded::failed(diagnostic)),
    };
    let mut decoder = Decoder::new(Arc::clone(&file), &tree);
    let value = Series::decode(&mut decoder, &tree.root);
    Ok(Decoded {
        value,
        diagnostics: decoder.diagnostics,
    })
}

/// One file of `episodes/`: an episode or a meeting summary, by its
/// `kind`; read through `folder` when it is in it (see `Folder`).
pub(crate) fn document(
    path: &Path,
    root: Option<&Path>,
    folder: Option<&Folder>,
) -> Result<Decoded<Document>, Error> {
    let slug = match show_dir::slug(path, root) {
        Ok(slug) => slug,
        Err(diagnostic) => return Ok(Decoded::failed(diagnostic)),
    };
    let file = match show_dir::read_file(path, root, folder, FileKind::Episode)? {
        Ok(file) => file,
        Err(diagnostic) => return Ok(Decoded::failed(diagnostic)),
    };
    let tree = match yaml::parse_as(&file, FileKind::Episode) {
        Ok(tree) => tree,
        Err(diagnostic) => return Ok(Decoded::failed(diagnostic)),
    };
    let mut decoder = Decoder::new(Arc::clone(&file), &tree);
    let value = Document::decode(&mut decoder, &tree.root, slug);
    Ok(Decoded {
        value,
        diagnostics: decoder.diagnostics,
    })
}

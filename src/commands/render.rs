//! `shownotes render FILE`: one episode to standard output.

use crate::error::{Error, Outcome};
use crate::render::context::{self, Format};
use crate::render::templates::Templates;
use crate::validate::workspace::Workspace;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn run(root: Option<&Path>, file: &Path, format: Format) -> Result<Outcome, Error> {
    let workspace = Workspace::open(root, &[file.to_path_buf()])?;
    let loaded = crate::validate::workspace::load_document(&workspace.files[0], workspace.root())?;
    let templates = Templates::load(workspace.templates_dir().as_deref(), workspace.root());
    let mut diagnostics = workspace.diagnostics;
    diagnostics.extend(loaded.diagnostics);
    let templates = match templates {
        Ok(templates) => templates,
        Err(template_diagnostics) => {
            diagnostics.extend(template_diagnostics);
            crate::diagnostic::report::print(&diagnostics);
            return Ok(Outcome::Problems);
        }
    };
    let document = match loaded.document {
        Some(document) if !diagnostics.iter().any(|d| d.is_error()) => document,
        _ => {
            crate::diagnostic::report::print(&diagnostics);
            return Ok(Outcome::Problems);
        }
    };
    crate::diagnostic::report::print(&diagnostics);
    let context = context::document(workspace.series.as_ref(), &document);
    match context::page(&templates, format, document.kind(), &context) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                // A reader that went away (`| head`) has what it wanted.
                .or_else(|e| match e.kind() {
                    std::io::ErrorKind::BrokenPipe => Ok(()),
                    _ => Err(Error::io(PathBuf::from("<stdout>"), e)),
                })?;
            Ok(Outcome::Clean)
        }
        Err(diagnostic) => {
            crate::diagnostic::report::print(&[diagnostic]);
            Ok(Outcome::Problems)
        }
    }
}

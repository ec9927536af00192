//! `shownotes build`: validate everything, then render and write every
//! format of every episode, atomically.

use crate::diagnostic::{Diagnostic, Tally};
use crate::error::{Error, Outcome};
use crate::output::Stage;
use crate::render::{self, Format};
use crate::show;
use crate::templates::Templates;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(root: Option<&Path>, out: Option<&Path>, files: &[PathBuf]) -> Result<Outcome, Error> {
    let started = Instant::now();
    let workspace = Workspace::open(root, files)?;
    let out = match (out, workspace.root()) {
        (Some(out), _) => out.to_path_buf(),
        (None, Some(root)) => root.join("dist"),
        (None, None) => PathBuf::from("dist"),
    };
    let (templates, template_diagnostics) =
        match Templates::load(workspace.templates_dir().as_deref(), workspace.root()) {
            Ok(templates) => (Some(templates), Vec::new()),
            Err(diagnostics) => (None, diagnostics),
        };
    let stage = Stage::new(&out)?;
    for (name, text) in crate::schema_command::files() {
        stage.write(
            &Path::new(crate::schema_command::SCHEMA_DIR).join(name),
            text.as_bytes(),
        )?;
    }
    // Load, validate and (while no error has been seen) render in one
    // parallel pass; each episode is dropped as soon as it is written.
    let results = show::for_each_episode(&workspace.files, workspace.root(), |loaded| {
        let mut diagnostics = loaded.diagnostics;
        let clean = !diagnostics.iter().any(Diagnostic::is_error);
        if let (Some(document), Some(templates), true) = (loaded.document, &templates, clean) {
            let context = render::document_context(workspace.series.as_ref(), &document);
            for format in Format::ALL {
                match render::render_document(templates, format, &document, &context) {
                    Ok(text) => {
                        let path = Path::new(document.slug()).join(format.file_name());
                        stage.write(&path, text.as_bytes())?;
                    }
                    Err(mut diagnostic) => {
                        diagnostic
                            .message
                            .push_str(&format!(" (rendering {})", document.file().display));
                        diagnostics.push(diagnostic);
                        break;
                    }
                }
            }
        }
        Ok(diagnostics)
    })?;
    let mut diagnostics = workspace.diagnostics;
    diagnostics.extend(template_diagnostics);
    let mut template_failed = false;
    for result in results {
        for diagnostic in result? {
            // A broken template fails every episode the same way: say it once.
            if diagnostic.code == "template" {
                if template_failed {
                    continue;
                }
                template_failed = true;
            }
            diagnostics.push(diagnostic);
        }
    }
    crate::report::print(&diagnostics);
    let tally = Tally::of(&diagnostics);
    if tally.errors > 0 {
        eprintln!(
            "build failed: {tally}; nothing in {} was changed",
            show::display_path(&out, None)
        );
        return Ok(Outcome::Problems);
    }
    let written = stage.commit()?;
    eprintln!(
        "built {} episode{} ({written} files) into {} in {:.2} s",
        workspace.files.len(),
        if workspace.files.len() == 1 { "" } else { "s" },
        show::display_path(&out, None),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Clean)
}

//! `shownotes check`: every content rule, reported together.

use crate::diagnostic::Tally;
use crate::error::{Error, Outcome};
use crate::show;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(root: Option<&Path>, offline: bool, files: &[PathBuf]) -> Result<Outcome, Error> {
    let started = Instant::now();
    let workspace = Workspace::open(root, files)?;
    let results = show::for_each_episode(&workspace.files, workspace.root(), |mut loaded| {
        // Japanese text lint: warnings only (src/lint.rs).
        crate::lint::append(&mut loaded, workspace.series.as_ref());
        loaded.diagnostics
    })?;
    let mut diagnostics = workspace.diagnostics;
    diagnostics.extend(results.into_iter().flatten());
    crate::report::print(&diagnostics);
    let tally = Tally::of(&diagnostics);
    let files = workspace.files.len() + usize::from(workspace.series.is_some());
    eprintln!(
        "checked {files} file{}{}: {tally}, in {:.2} s",
        if files == 1 { "" } else { "s" },
        if offline { " offline" } else { "" },
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::from_errors(tally.errors))
}

//! The `check` pipeline: load and validate every file, lint it, apply the
//! offline platform rules, collect its links, then check them live (unless
//! offline) and gather everything into one `Report`.

use crate::check::finding::{Finding, Report};
use crate::check::links::{self, Links};
use crate::check::options::CheckOptions;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::document::Document;
use crate::render::templates::Templates;
use crate::validate::workspace::{Workspace, for_each_document};
use std::path::PathBuf;
use std::time::Instant;

/// Checks the show of `workspace` with the options resolved from the
/// command line and `series.yaml`.
pub(crate) fn run(workspace: &Workspace, options: &CheckOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let series = workspace.series.as_ref();
    let mut diagnostics: Vec<Diagnostic> = workspace.diagnostics.clone();
    let templates = match Templates::load(workspace.templates_dir().as_deref(), workspace.root()) {
        Ok(templates) => Some(templates),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    let mut findings: Vec<Finding> = diagnostics.into_iter().map(Finding::from).collect();
    // Offline, no link is checked: none is collected either.
    let live = !options.offline;
    let mut links = Links::default();
    if let (true, Some(series)) = (live, series) {
        links.extend(links::series(series));
    }
    let show = crate::validate::offline_rules::Show::new(series, templates.as_ref());
    let files: &[PathBuf] = &workspace.files;
    let names = crate::validate::lint::series_names(series);
    let results = for_each_document(files, workspace.root(), |mut loaded| {
        crate::validate::lint::append(&mut loaded, series, &names);
        let mut diagnostics = loaded.diagnostics;
        if let Some(Document::Episode(episode)) = &loaded.document {
            crate::validate::offline_rules::episode(episode, &show, &mut diagnostics);
        }
        // In the report's order already (it sorts by file, then position):
        // sorted here, a few per file on every core, rather than all
        // together at the end.
        diagnostics.sort_by_key(|d| d.span.map(|s| s.start));
        let found = match (live, &loaded.document) {
            (true, Some(document)) => links::document(document),
            _ => Vec::new(),
        };
        // Findings already, on every core: the thread that waits for all
        // of them only moves each once more, into a list made to size.
        let findings: Vec<Finding> = diagnostics.into_iter().map(Finding::from).collect();
        (findings, found)
    })?;
    findings.reserve(results.iter().map(|(found, _)| found.len()).sum());
    for (file_findings, found) in results {
        findings.extend(file_findings);
        links.extend(found);
    }
    let checked = if live {
        crate::check::live::run(&links, options, workspace.root())?
    } else {
        crate::check::live::LinkReport::default()
    };
    findings.extend(checked.findings);
    Ok(Report::new(
        findings,
        checked.checked,
        checked.from_cache,
        options.offline,
        started.elapsed(),
    ))
}

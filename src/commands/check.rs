//! `shownotes check`: every content rule, offline rules and live links,
//! reported together in the chosen format.

use crate::check::finding::{Finding, Report};
use crate::check::links::{self, Links};
use crate::check::options::{CheckFlags, CheckOptions, OutputFormat};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::model::document::Document;
use crate::render::templates::Templates;
use crate::validate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(
    root: Option<&Path>,
    offline: bool,
    files: &[PathBuf],
    flags: &CheckFlags,
) -> Result<Outcome, Error> {
    let started = Instant::now();
    let workspace = Workspace::open(root, files)?;
    let series = workspace.series.as_ref();
    let options = CheckOptions::resolve(flags, offline, series.and_then(|s| s.check.as_ref()))?;
    let mut diagnostics: Vec<Diagnostic> = workspace.diagnostics.clone();
    let templates = match Templates::load(workspace.templates_dir().as_deref(), workspace.root()) {
        Ok(templates) => Some(templates),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    let mut links = Links::default();
    if let Some(series) = series {
        links.extend(links::series(series));
    }
    let results = show_dir::for_each_episode(&workspace.files, workspace.root(), |mut loaded| {
        // Japanese text lint: warnings only (src/lint.rs).
        crate::validate::lint::append(&mut loaded, series);
        let mut diagnostics = loaded.diagnostics;
        let found = match &loaded.document {
            Some(Document::Episode(episode)) => {
                crate::validate::offline_rules::episode(
                    episode,
                    series,
                    templates.as_ref(),
                    &mut diagnostics,
                );
                links::episode(episode)
            }
            Some(Document::Minutes(minutes)) => links::minutes(minutes),
            None => Vec::new(),
        };
        (diagnostics, found)
    })?;
    for (episode_diagnostics, found) in results {
        diagnostics.extend(episode_diagnostics);
        links.extend(found);
    }
    let live = if options.offline {
        crate::check::live::LinkReport::default()
    } else {
        crate::check::live::run(&links, &options, workspace.root())?
    };
    let mut findings: Vec<Finding> = diagnostics.into_iter().map(Finding::from).collect();
    findings.extend(live.findings);
    let report = Report::new(
        findings,
        live.checked,
        live.from_cache,
        options.offline,
        started.elapsed(),
    );
    match options.format {
        OutputFormat::Human => crate::check::format::human::print(&report),
        OutputFormat::Json => crate::check::format::json::print(&report),
        OutputFormat::Github => crate::check::format::github::print(&report),
    }
    Ok(report.outcome(options.deny_warnings))
}

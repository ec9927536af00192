//! `shownotes check`: every content rule, offline rules and live links,
//! reported together in the chosen format; with `--fix`, the safe fixes
//! are written first (each change printed on stderr).

use crate::check::fix;
use crate::check::format;
use crate::check::options::{CheckFlags, CheckOptions};
use crate::error::{Error, Outcome};
use crate::validate::workspace::Workspace;
use std::path::{Path, PathBuf};

pub(crate) fn run(
    root: Option<&Path>,
    offline: bool,
    fix: bool,
    files: &[PathBuf],
    flags: &CheckFlags,
) -> Result<Outcome, Error> {
    let mut workspace = Workspace::open(root, files)?;
    if fix {
        print_fixed(&fix::run(&workspace)?);
        // The files changed: check them as they are now.
        workspace = Workspace::open(root, files)?;
    }
    let settings = workspace.series.as_ref().and_then(|s| s.check.as_ref());
    let options = CheckOptions::resolve(flags, offline, settings)?;
    let report = crate::check::run::run(&workspace, &options)?;
    format::print(&report, options.format);
    let outcome = report.outcome(options.deny_warnings);
    // The process ends next and its memory goes back whole: freeing tens of
    // thousands of findings one by one, each made on another thread, only
    // makes the command finish later.
    std::mem::forget(report);
    Ok(outcome)
}

/// Each change, then a count; stderr, so `--format json` stays one
/// document on stdout.
fn print_fixed(fixed: &fix::Fixed) {
    for c in &fixed.changes {
        eprintln!(
            "fixed {}:{}:{}: {} → {} (rule `{}`)",
            c.file,
            c.line,
            c.column,
            fix::shown(&c.old),
            fix::shown(&c.new),
            c.rule
        );
    }
    for file in &fixed.refused {
        eprintln!(
            "not fixed {file}: the fixes would change more than the words they replace; fix it by hand"
        );
    }
    let files: std::collections::BTreeSet<&str> = fixed.changes.iter().map(|c| c.file.as_str()).collect();
    eprintln!("fixed {} problems in {} files", fixed.changes.len(), files.len());
}

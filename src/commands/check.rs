//! `shownotes check`: every content rule, offline rules and live links,
//! reported together in the chosen format.

use crate::check::format;
use crate::check::options::{CheckFlags, CheckOptions};
use crate::error::{Error, Outcome};
use crate::validate::workspace::Workspace;
use std::path::{Path, PathBuf};

pub(crate) fn run(
    root: Option<&Path>,
    offline: bool,
    files: &[PathBuf],
    flags: &CheckFlags,
) -> Result<Outcome, Error> {
    let workspace = Workspace::open(root, files)?;
    let settings = workspace.series.as_ref().and_then(|s| s.check.as_ref());
    let options = CheckOptions::resolve(flags, offline, settings)?;
    let report = crate::check::run::run(&workspace, &options)?;
    format::print(&report, options.format);
    Ok(report.outcome(options.deny_warnings))
}

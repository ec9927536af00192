//! The output formats of `shownotes check`: one file per format.

pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;

use crate::check::finding::Report;
use crate::check::options::OutputFormat;

/// Prints a report in the chosen format.
pub(crate) fn print(report: &Report, format: OutputFormat) {
    match format {
        OutputFormat::Human => human::print(report),
        OutputFormat::Json => json::print(report),
        OutputFormat::Github => github::print(report),
    }
}

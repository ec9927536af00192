//! The output formats of `shownotes check`: one file per format.

pub mod github;
pub mod human;
pub mod json;

use crate::check::finding::Report;
use crate::check::options::OutputFormat;

/// Prints a report in the chosen format.
pub fn print(report: &Report, format: OutputFormat) {
    match format {
        OutputFormat::Human => human::print(report),
        OutputFormat::Json => json::print(report),
        OutputFormat::Github => github::print(report),
    }
}

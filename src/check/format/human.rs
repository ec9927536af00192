//! `--format human`: rustc-style blocks on stderr, grouped by file, then
//! one summary line.

use crate::check::finding::Report;

pub(crate) fn print(report: &Report) {
    crate::diagnostic::report::print(report.findings.iter().map(|f| &f.diagnostic));
    eprintln!("{}", report.summary());
}

//! `--format human`: rustc-style blocks on stderr, grouped by file, then
//! one summary line.

use crate::finding::Report;
use std::io::Write;

pub fn print(report: &Report) {
    let color = crate::report::color();
    let mut stderr = std::io::stderr().lock();
    for finding in &report.findings {
        let _ = writeln!(stderr, "{}\n", finding.diagnostic.render(color));
    }
    let _ = writeln!(stderr, "{}", report.summary());
}

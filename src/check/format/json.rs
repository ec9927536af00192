//! `--format json`: one JSON document on stdout with every finding and the
//! totals.

use crate::check::finding::{Finding, Report};
use serde_json::{Value, json};

fn finding(f: &Finding) -> Value {
    let d = &f.diagnostic;
    json!({
        "file": d.file.as_ref().map(|file| file.display.clone()),
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.column),
        "severity": d.severity.to_string(),
        "code": d.code,
        "message": d.message,
        "help": d.help,
        "url": f.url,
        "status": f.status,
        "final_url": f.final_url,
    })
}

pub(crate) fn document(report: &Report) -> Value {
    let tally = report.tally();
    json!({
        "findings": report.findings.iter().map(finding).collect::<Vec<_>>(),
        "totals": {
            "links_checked": report.links_checked,
            "errors": tally.errors,
            "warnings": tally.warnings,
            "from_cache": report.from_cache,
            "offline": report.offline,
            "seconds": (report.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        },
    })
}

pub(crate) fn print(report: &Report) {
    let text = serde_json::to_string_pretty(&document(report)).unwrap_or_else(|_| "{}".into());
    crate::diagnostic::report::stdout_line(&text);
}

//! `--format github`: GitHub Actions workflow commands on stdout, which
//! become annotations on the pull request's lines; the summary on stderr.

use crate::check::finding::{Finding, Report};
use crate::diagnostic::Severity;
use std::path::Path;

/// Escapes a command's message (GitHub's `escapeData`).
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (GitHub's `escapeProperty`).
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The path GitHub expects: relative to the repository checkout
/// (`GITHUB_WORKSPACE`), else to the current directory.
fn repo_path(path: &Path, display: &str) -> String {
    let Ok(absolute) = std::path::absolute(path) else {
        return display.to_string();
    };
    let base = std::env::var_os("GITHUB_WORKSPACE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    base.and_then(|base| {
        let base = std::fs::canonicalize(&base).unwrap_or(base);
        let absolute = std::fs::canonicalize(&absolute).unwrap_or(absolute);
        absolute
            .strip_prefix(&base)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    })
    .unwrap_or_else(|| display.to_string())
}

pub(crate) fn line(f: &Finding) -> String {
    let d = &f.diagnostic;
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = &d.file {
        properties.push(format!(
            "file={}",
            escape_property(&repo_path(&file.path, &file.display))
        ));
        if let Some(span) = d.span {
            properties.push(format!("line={}", span.line));
            properties.push(format!("col={}", span.column));
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("shownotes {}", d.code))
    ));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{command} {}::{}", properties.join(","), escape_data(&message))
}

pub(crate) fn print(report: &Report) {
    for finding in &report.findings {
        crate::diagnostic::report::stdout_line(&line(finding));
    }
    eprintln!("{}", report.summary());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

//! What `check` reports: diagnostics, some about a link (with its URL, the
//! HTTP status and where redirects ended), and the run's totals.

use crate::diagnostic::{Diagnostic, Tally};
use crate::error::Outcome;
use std::time::Duration;

#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) diagnostic: Diagnostic,
    pub(crate) url: Option<String>,
    pub(crate) status: Option<u16>,
    pub(crate) final_url: Option<String>,
}

impl From<Diagnostic> for Finding {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostic,
            url: None,
            status: None,
            final_url: None,
        }
    }
}

/// A whole `check` run.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Sorted by file, then position.
    pub(crate) findings: Vec<Finding>,
    /// Unique URLs checked (live or from the cache).
    pub(crate) links_checked: usize,
    pub(crate) from_cache: usize,
    pub(crate) offline: bool,
    pub(crate) elapsed: Duration,
}

impl Report {
    pub(crate) fn new(
        mut findings: Vec<Finding>,
        links_checked: usize,
        from_cache: usize,
        offline: bool,
        elapsed: Duration,
    ) -> Self {
        // Borrowed keys: tens of thousands of findings sort without a copy.
        fn key(f: &Finding) -> (Option<&str>, Option<usize>) {
            (
                f.diagnostic.file.as_ref().map(|file| file.display.as_str()),
                f.diagnostic.span.map(|s| s.start),
            )
        }
        findings.sort_by(|a, b| key(a).cmp(&key(b)));
        Self {
            findings,
            links_checked,
            from_cache,
            offline,
            elapsed,
        }
    }

    pub(crate) fn tally(&self) -> Tally {
        let errors = self.findings.iter().filter(|f| f.diagnostic.is_error()).count();
        Tally {
            errors,
            warnings: self.findings.len() - errors,
        }
    }

    /// `12 links checked, 1 error, 2 warnings, 10 from cache, in 1.23 s`
    pub(crate) fn summary(&self) -> String {
        let tally = self.tally();
        let links = plural(self.links_checked, "link");
        let offline = if self.offline { " (offline)" } else { "" };
        format!(
            "{links} checked{offline}, {}, {}, {} from cache, in {:.2} s",
            plural(tally.errors, "error"),
            plural(tally.warnings, "warning"),
            self.from_cache,
            self.elapsed.as_secs_f64()
        )
    }

    /// Exit 1 on any error, or on any warning with `--deny-warnings`.
    pub(crate) fn outcome(&self, deny_warnings: bool) -> Outcome {
        let tally = self.tally();
        let failing = tally.errors + if deny_warnings { tally.warnings } else { 0 };
        Outcome::from_errors(failing)
    }
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

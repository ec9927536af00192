//! Printing diagnostics for people.

use crate::diagnostic::Diagnostic;
use std::io::{IsTerminal, Write};

/// Whether stderr gets colors: a terminal, and no `NO_COLOR`.
pub(crate) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// How many diagnostics are rendered (in parallel) before they are written.
const RENDERED_AT_ONCE: usize = 1024;

/// Writes every diagnostic to stderr, each followed by a blank line. The
/// snippets are rendered on every core, a batch at a time, and written in
/// order: a show with tens of thousands of warnings prints them all.
pub(crate) fn print<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    use rayon::prelude::*;
    let color = color();
    let diagnostics: Vec<&Diagnostic> = diagnostics.into_iter().collect();
    let mut stderr = std::io::stderr().lock();
    for batch in diagnostics.chunks(RENDERED_AT_ONCE) {
        // Diagnostics at one place in a row share their layout.
        let runs: Vec<&[&Diagnostic]> = batch.chunk_by(|a, b| a.same_place(b)).collect();
        let rendered: Vec<String> = runs
            .par_iter()
            .map(|run| {
                let mut text = String::new();
                crate::diagnostic::layout::render_run(run, color, "\n\n", &mut text);
                text
            })
            .collect();
        // One write per batch (stderr has no buffer of its own).
        let _ = stderr.write_all(rendered.concat().as_bytes());
    }
}

/// Writes `text` and a line break to standard output. A reader that went
/// away (`shownotes check --format json | head`) is not an error: what it
/// read is what it wanted, so the rest is dropped, without a panic.
pub(crate) fn stdout_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
}

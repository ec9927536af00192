//! Printing diagnostics for people.

use crate::diagnostic::Diagnostic;
use std::io::{IsTerminal, Write};

/// Whether stderr gets colors: a terminal, and no `NO_COLOR`.
pub(crate) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes every diagnostic to stderr, each followed by a blank line.
pub(crate) fn print<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    let color = color();
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = writeln!(stderr, "{}\n", diagnostic.render(color));
    }
}

/// Writes `text` and a line break to standard output. A reader that went
/// away (`shownotes check --format json | head`) is not an error: what it
/// read is what it wanted, so the rest is dropped, without a panic.
pub(crate) fn stdout_line(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
}

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

//! Problems found in content, rendered rustc-style with annotate-snippets.

pub(crate) mod direct;
pub(crate) mod layout;
pub(crate) mod report;
pub(crate) mod source;
pub(crate) mod span;

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Span;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word that starts a block's title.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem, pointing at the value it concerns.
#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// A stable identifier, e.g. `unknown-key`.
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The file's name and path; its text is not kept (see `line`), so
    /// diagnostics of thousands of files stay small.
    pub(crate) file: Option<Arc<SourceFile>>,
    pub(crate) span: Option<Span>,
    /// The source line the span is on: its byte offset and text.
    line: Option<(usize, String)>,
    pub(crate) label: Option<String>,
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub(crate) fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            file: None,
            span: None,
            line: None,
            label: None,
            help: None,
        }
    }

    /// Points at `span` of `file`, keeping the span's source line.
    pub(crate) fn at(mut self, file: &Arc<SourceFile>, span: Span) -> Self {
        let line = file.line_range(span.start);
        self.line = Some((line.start, file.text[line].to_string()));
        self.span = Some(span);
        self.in_file(file)
    }

    /// Names the file as a whole.
    pub(crate) fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(file.textless());
        self
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-style block: title, ` --> file:line:col`, the source line
    /// with a caret under the value, and `help:`.
    pub(crate) fn render(&self, color: bool) -> String {
        let mut text = String::new();
        layout::render_run(&[self], color, "", &mut text);
        text
    }

    /// The texts of its block that take no part in the layout.
    pub(crate) fn free_texts(&self) -> FreeTexts<'_> {
        FreeTexts {
            message: &self.message,
            help: self.help.as_deref(),
            path: self.file.as_ref().map_or("", |f| f.display.as_str()),
        }
    }

    /// The block laid out by annotate-snippets, with `texts` for the
    /// diagnostic's own (`layout` passes stand-ins).
    pub(crate) fn block(&self, texts: &FreeTexts<'_>, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(texts.message);
        let mut group = match self.place() {
            Place::Line { number, text, span } => {
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(
                    Snippet::source(text)
                        .line_start(number)
                        .path(texts.path)
                        .annotation(annotation),
                )
            }
            Place::File => title.element(Origin::path(texts.path)),
            Place::Nowhere => Group::with_title(title),
        };
        if let Some(help) = texts.help {
            group = group.element(Level::HELP.message(help));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }

    /// Where the block points: the span on its source line (on whole
    /// characters, and one character at least when the line has one after
    /// the span's start), the file as a whole, or nowhere.
    pub(crate) fn place(&self) -> Place<'_> {
        match (&self.file, self.span, &self.line) {
            (Some(_), Some(span), Some((line_start, text))) => {
                let line = *line_start..line_start + text.len();
                // On whole characters: a span from elsewhere (a template
                // engine's) may end inside one.
                let start = floor_char(text, span.start.clamp(line.start, line.end) - line.start);
                let end = ceil_char(
                    text,
                    span.end.clamp(span.start, line.end).max(span.start) - line.start,
                );
                // Point at one character at least.
                let end = if end > start {
                    end
                } else {
                    text[start..]
                        .chars()
                        .next()
                        .map_or(start, |c| start + c.len_utf8())
                };
                Place::Line {
                    number: span.line,
                    text,
                    span: start..end,
                }
            }
            (Some(_), _, _) => Place::File,
            _ => Place::Nowhere,
        }
    }

    /// Whether `other` is laid out as this one is but for the message and
    /// the help (two warnings about one value): all else that `block`
    /// reads is the same, the file too.
    pub(crate) fn same_place(&self, other: &Diagnostic) -> bool {
        self.severity == other.severity
            && self.span == other.span
            && self.line == other.line
            && self.label == other.label
            && self.help.is_some() == other.help.is_some()
            && match (&self.file, &other.file) {
                (Some(a), Some(b)) => a.display == b.display,
                (None, None) => true,
                _ => false,
            }
    }

    /// The texts `block` lays out besides its `FreeTexts`: the source line
    /// and the label.
    pub(crate) fn laid_out_texts(&self) -> [&str; 2] {
        [
            self.line.as_ref().map_or("", |(_, text)| text.as_str()),
            self.label.as_deref().unwrap_or(""),
        ]
    }
}

/// Where a block points (`Diagnostic::place`).
pub(crate) enum Place<'a> {
    /// At `span`, a byte range of `text`, source line `number` of the file.
    Line {
        number: usize,
        text: &'a str,
        span: Range<usize>,
    },
    /// At the file as a whole.
    File,
    /// At no file.
    Nowhere,
}

/// The texts of a block that annotate-snippets writes as they are, each
/// a run of one style, taking no part in the layout: the message (the
/// title's text), the help and the file's name (on the ` --> ` line).
pub(crate) struct FreeTexts<'a> {
    pub(crate) message: &'a str,
    pub(crate) help: Option<&'a str>,
    pub(crate) path: &'a str,
}

/// Whether annotate-snippets writes `text` as it is, one run of characters
/// that takes no part in the layout (so a stand-in can take its place, or
/// it can be written straight into a block): not empty, on one line, with
/// none of the characters annotate-snippets replaces in a title (control
/// characters, the zero-width joiner, bidirectional controls).
pub(crate) fn written_as_it_is(text: &str) -> bool {
    // Those characters are all below U+0020, U+007F, or start with the
    // byte 0xC2 (U+0080 to U+00BF) or 0xE2 (U+2000 to U+2FFF) in UTF-8:
    // the bytes are looked at first, 64 at a time, the characters only
    // when one of those bytes is there.
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    let bytes = text.as_bytes();
    if !bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
    {
        return !text.is_empty();
    }
    !text.chars().any(|c| {
        c.is_control()
            || c == '\u{200D}'
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// `at`, or the start of the character it falls inside.
fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, or the end of the character it falls inside.
fn ceil_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Counts of a run's diagnostics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
}

impl Tally {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Self {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Diagnostic;
    use crate::diagnostic::source::SourceFile;
    use crate::diagnostic::span::Span;

    /// A span that starts or ends inside a character (a template engine's
    /// byte count) is widened to whole characters, not a panic.
    #[test]
    fn a_span_inside_a_character_is_widened_to_it() {
        let file = SourceFile::new(
            std::path::Path::new("t.txt"),
            "t.txt".into(),
            "{{ a。。 }}\n".into(),
        );
        for (start, end) in [(4, 5), (5, 7), (6, 6), (4, 11)] {
            let span = Span {
                line: 1,
                column: 5,
                start,
                end,
            };
            let text = Diagnostic::error("x", "bad").at(&file, span).render(false);
            assert!(text.contains("{{ a。。 }}"), "{text}");
            assert!(text.contains('^'), "{text}");
        }
    }
}

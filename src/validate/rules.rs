//! Rules across the values of a loaded file: topic order, duration, and the
//! links inside Markdown text (every prose field of the walk).

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Spanned;
use crate::model::document::Document;
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::model::walk::{self, Field, Role};
use crate::render::markdown;
use std::sync::Arc;

fn episode(episode: &Episode, out: &mut Vec<Diagnostic>) {
    let file = &episode.file;
    let mut previous: Option<&Spanned<crate::model::timestamp::Timestamp>> = None;
    // Untimed topics may stand anywhere; the timed ones form the chapters.
    for (_, at) in episode.timed_topics() {
        if let Some(prev) = previous
            && at.value <= prev.value
        {
            out.push(
                Diagnostic::error(
                    "timestamp-order",
                    format!(
                        "topic starts at {}, not after the previous topic at {}",
                        at.value, prev.value
                    ),
                )
                .at(file, at.span)
                .label("goes backwards")
                .help(format!(
                    "topics must be in order of time; the previous one is at line {}",
                    prev.span.line
                )),
            );
        }
        if let Some(duration) = &episode.duration
            && at.value >= duration.value
        {
            out.push(
                Diagnostic::error(
                    "after-duration",
                    format!(
                        "topic starts at {}, at or after the end of the episode ({})",
                        at.value, duration.value
                    ),
                )
                .at(file, at.span)
                .help(format!(
                    "check this timestamp, or `duration` at line {}",
                    duration.span.line
                )),
            );
        }
        previous = Some(at);
    }
}

/// The rules of any document of `episodes/`.
pub(crate) fn document(document: &Document, out: &mut Vec<Diagnostic>) {
    if let Document::Episode(e) = document {
        episode(e, out);
    }
    let file = document.file();
    walk::document(document, &mut |field| prose_links(file, field, out));
}

pub(crate) fn series(series: &Series, out: &mut Vec<Diagnostic>) {
    walk::series(series, &mut |field| prose_links(&series.file, field, out));
}

/// Every link inside Markdown must pass the same URL rule as `url:` keys.
fn prose_links(file: &Arc<SourceFile>, field: Field<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(field.role, Role::Prose) {
        return;
    }
    let (text, key) = (field.value, field.key);
    for link in markdown::links(text) {
        if let Some((offset, c)) = crate::input::weburl::unsafe_char(link.url.trim()) {
            let lead = link.url.len() - link.url.trim_start().len();
            // The destination as written may differ from the parsed one
            // (escapes): point at the character when it is found there.
            let at = text
                .get(link.offset..)
                .and_then(|rest| rest.find(c))
                .map_or(link.offset + lead + offset, |i| link.offset + i);
            let span = text.span.within(&file.text, text, at, c.len_utf8());
            out.push(
                Diagnostic::error(
                    "invalid-url",
                    format!(
                        "a link in `{key}` contains {}: a URL cannot contain whitespace, control characters, <, >, \" or \\",
                        crate::input::weburl::describe(c)
                    ),
                )
                .at(file, span)
                .label("not allowed in a URL")
                .help(format!(
                    "write it percent-encoded: {}",
                    crate::input::weburl::percent_encoded(link.url.trim())
                )),
            );
            continue;
        }
        if let Err(why) = crate::input::weburl::check(&link.url) {
            let span = text.span.within(&file.text, text, link.offset, link.len);
            out.push(
                Diagnostic::error("invalid-url", format!("a link in `{key}` is not usable: {why}"))
                    .at(file, span)
                    .help("link to a full address such as https://example.com/page"),
            );
        }
    }
}

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
    for topic in &episode.topics {
        if let Some(prev) = previous
            && topic.at.value <= prev.value
        {
            out.push(
                Diagnostic::error(
                    "timestamp-order",
                    format!(
                        "topic starts at {}, not after the previous topic at {}",
                        topic.at.value, prev.value
                    ),
                )
                .at(file, topic.at.span)
                .label("goes backwards")
                .help(format!(
                    "topics must be in order of time; the previous one is at line {}",
                    prev.span.line
                )),
            );
        }
        if let Some(duration) = &episode.duration
            && topic.at.value >= duration.value
        {
            out.push(
                Diagnostic::error(
                    "after-duration",
                    format!(
                        "topic starts at {}, at or after the end of the episode ({})",
                        topic.at.value, duration.value
                    ),
                )
                .at(file, topic.at.span)
                .help(format!(
                    "check this timestamp, or `duration` at line {}",
                    duration.span.line
                )),
            );
        }
        previous = Some(&topic.at);
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
    for (url, span) in markdown::spanned_links(file, field.value) {
        if let Err(why) = crate::input::weburl::check(&url) {
            out.push(
                Diagnostic::error(
                    "invalid-url",
                    format!("a link in `{}` is not usable: {why}", field.key),
                )
                .at(file, span)
                .help("link to a full address such as https://example.com/page"),
            );
        }
    }
}

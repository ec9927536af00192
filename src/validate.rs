//! Rules across the values of a loaded file: topic order, duration, and the
//! links inside Markdown text.

use crate::diagnostic::Diagnostic;
use crate::episode::Episode;
use crate::markdown;
use crate::series::Series;
use crate::source::SourceFile;
use crate::span::Spanned;
use std::sync::Arc;

pub fn episode(episode: &Episode, out: &mut Vec<Diagnostic>) {
    let file = &episode.file;
    let mut previous: Option<&Spanned<crate::timestamp::Timestamp>> = None;
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
        if let Some(body) = &topic.body {
            markdown_links(file, body, "body", out);
        }
    }
    if let Some(lead) = &episode.lead {
        markdown_links(file, lead, "lead", out);
    }
}

pub fn minutes(minutes: &crate::minutes::Minutes, out: &mut Vec<Diagnostic>) {
    for point in minutes.points() {
        markdown_links(&minutes.file, &point.text, "text", out);
    }
}

pub fn series(series: &Series, out: &mut Vec<Diagnostic>) {
    if let Some(description) = &series.description {
        let file = &series.file;
        markdown_links(file, description, "description", out);
    }
}

/// Every link inside Markdown must pass the same URL rule as `url:` keys.
fn markdown_links(file: &Arc<SourceFile>, text: &Spanned<String>, key: &str, out: &mut Vec<Diagnostic>) {
    for link in markdown::links(text) {
        if let Some((offset, c)) = crate::weburl::unsafe_char(link.url.trim()) {
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
                        crate::weburl::describe(c)
                    ),
                )
                .at(file, span)
                .label("not allowed in a URL")
                .help(format!(
                    "write it percent-encoded: {}",
                    crate::weburl::percent_encoded(link.url.trim())
                )),
            );
            continue;
        }
        if let Err(why) = crate::weburl::check(&link.url) {
            let span = text.span.within(&file.text, text, link.offset, link.len);
            out.push(
                Diagnostic::error("invalid-url", format!("a link in `{key}` is not usable: {why}"))
                    .at(file, span)
                    .help("link to a full address such as https://example.com/page"),
            );
        }
    }
}

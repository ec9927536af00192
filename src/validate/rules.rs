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
    if !may_hold_links(text) {
        return;
    }
    for link in markdown::links(text) {
        if let Some((offset, c)) = crate::input::weburl::unsafe_char(link.url.trim()) {
            let lead = link.url.len() - link.url.trim_start().len();
            // The destination as written may differ from the parsed one
            // (escapes), or be elsewhere (a reference's definition, which
            // may come first): point at the character where it is found.
            let at = text
                .get(link.offset..)
                .and_then(|rest| rest.find(c))
                .map(|i| link.offset + i)
                .or_else(|| text.find(c))
                .unwrap_or(link.offset + lead + offset);
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

/// Whether Markdown `text` may hold a link, before parsing it: every link
/// of `markdown::links` starts at a `[` (inline, reference and image
/// links, and the definitions they refer to) or a `<` (autolinks); the
/// options in use recognise no bare address, and an entity such as
/// `&#91;` is never link syntax. Most prose has neither character.
fn may_hold_links(text: &str) -> bool {
    memchr::memchr2(b'[', b'<', text.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use crate::render::markdown;

    /// Texts made of Markdown's other special characters, URLs and
    /// Japanese, and every link form: `markdown::links` finds none where
    /// `may_hold_links` says there is none.
    #[test]
    fn text_without_brackets_or_angles_holds_no_link() {
        const PIECES: &[&str] = &[
            "https://example.com/a",
            "www.example.com",
            "a@b.test",
            "mailto:a@b.test",
            "(",
            ")",
            "]",
            ">",
            "!",
            "*",
            "_",
            "`",
            "~~",
            "#",
            "- ",
            "1. ",
            "\n",
            "\n\n",
            "  ",
            "\\",
            "&#91;",
            "&lbrack;",
            "&#60;",
            "&lt;",
            ":",
            "\"",
            "'",
            "|",
            "---",
            "    code",
            "テスト",
            "「記事」",
            "（注）",
            "［脚注］",
            "＜",
            "]: https://x.test/",
            "(https://x.test/)",
            "http://",
            "x",
            "[",
            "<",
            "[a](https://x.test/)",
            "<https://x.test/>",
            "![i](https://x.test/i.png)",
            "[r]",
            "[r]: https://x.test/r",
            "<a@b.test>",
            "<a href=\"https://x.test/\">",
        ];
        let mut rng = crate::input::rng::Rng::at(0x853C_49E6_748F_EA9B);
        let mut next = move || rng.next_u64() as usize;
        let (mut with_links, mut without) = (0, 0);
        for _ in 0..20_000 {
            let text: String = (0..next() % 12 + 1)
                .map(|_| PIECES[next() % PIECES.len()])
                .collect();
            let links = markdown::links(&text);
            if !super::may_hold_links(&text) {
                assert!(links.is_empty(), "{text:?} has {} links", links.len());
                without += 1;
            } else if !links.is_empty() {
                with_links += 1;
            }
        }
        assert!(
            with_links > 1_000 && without > 1_000,
            "{with_links} with links, {without} without"
        );
    }
}

//! `check`'s rules that need no network, beyond the foundation's
//! validation: chapters platforms will show, and description size limits.

use crate::diagnostic::Diagnostic;
use crate::model::episode::Episode;
use crate::model::kind::Kind;
use crate::model::series::Series;
use crate::render::context::{self, Format, SeriesContext};
use crate::render::templates::Templates;

/// A chapter shorter than this is dropped or merged by the platforms.
pub(crate) const MIN_CHAPTER_SECONDS: u32 = 10;
/// YouTube, Apple Podcasts and Spotify show chapters from this many on.
pub(crate) const MIN_CHAPTERS: usize = 3;
/// Apple Podcasts' description limit, in bytes.
pub(crate) const APPLE_LIMIT: usize = 4_000;
/// YouTube's description limit, in bytes (as its Data API counts).
pub(crate) const YOUTUBE_LIMIT: usize = 5_000;

/// What the rules need of the show, made once for a run: its series, as
/// templates see it too, and its templates when they load.
pub(crate) struct Show<'a> {
    series: SeriesContext<'a>,
    templates: Option<&'a Templates>,
}

impl<'a> Show<'a> {
    pub(crate) fn new(series: Option<&'a Series>, templates: Option<&'a Templates>) -> Self {
        Self {
            series: SeriesContext::new(series),
            templates,
        }
    }
}

/// The rules for one episode. Kept out of line (it runs once an episode):
/// profiles then name it, whatever the compiler inlines around it.
#[inline(never)]
pub(crate) fn episode(episode: &Episode, show: &Show<'_>, out: &mut Vec<Diagnostic>) {
    chapters(episode, out);
    if let Some(audio) = &episode.audio {
        out.extend(audio.size_warning(&episode.file, &episode.slug));
    }
    if let Some(templates) = show.templates {
        budgets(episode, &show.series, templates, out);
    }
}

fn chapters(episode: &Episode, out: &mut Vec<Diagnostic>) {
    let file = &episode.file;
    // Chapters are the timed topics only.
    let topics: Vec<_> = episode.timed_topics().collect();
    let Some(&(first, first_at)) = topics.first() else {
        return;
    };
    if first_at.value.seconds() != 0 {
        out.push(
            Diagnostic::warning(
                "first-topic-not-at-start",
                [
                    "the first topic starts at ",
                    &first_at.value.format(false),
                    ", not at 0:00",
                ]
                .concat(),
            )
            .at(file, first_at.span)
            .label("not 0:00")
            .help(
                "YouTube makes chapters only when the first one starts at 0:00; add an opening topic at 0:00",
            ),
        );
    }
    if topics.len() < MIN_CHAPTERS {
        out.push(
            Diagnostic::warning(
                "few-topics",
                format!(
                    "only {} topic{}: YouTube, Apple Podcasts and Spotify show no chapters below {MIN_CHAPTERS}",
                    topics.len(),
                    if topics.len() == 1 { "" } else { "s" }
                ),
            )
            .at(file, first.span)
            .help("add topics, or accept that the episode has no chapters on those platforms"),
        );
    }
    for (index, (_, at)) in topics.iter().enumerate() {
        let end = topics
            .get(index + 1)
            .map(|(_, next)| next.value)
            .or(episode.duration.as_ref().map(|d| d.value));
        let (start, Some(end)) = (at.value.seconds(), end.map(|e| e.seconds())) else {
            continue;
        };
        // A chapter that ends before it starts is already an error.
        if end > start && end - start < MIN_CHAPTER_SECONDS {
            out.push(
                Diagnostic::warning(
                    "short-chapter",
                    format!(
                        "the chapter at {} lasts {} s, shorter than {MIN_CHAPTER_SECONDS} s",
                        at.value,
                        end - start
                    ),
                )
                .at(file, at.span)
                .help("platforms drop or merge chapters under 10 s; merge this topic with a neighbour"),
            );
        }
    }
}

/// `5,393` (the digits by itoa: `to_string` goes through the formatting
/// machinery, six times an episode).
fn thousands(n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        let left = digits.len() - i;
        if i > 0 && left.is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn budgets(episode: &Episode, series: &SeriesContext<'_>, templates: &Templates, out: &mut Vec<Diagnostic>) {
    let context = context::episode_for(
        templates,
        Format::Txt.template_for(Kind::Episode),
        series,
        episode,
    );
    // A template failure is reported by `build`; here it only skips the rule.
    let mut text = Vec::new();
    let rendered = crate::render::memo::single(series.series(), || {
        context::page_into(templates, Format::Txt, Kind::Episode, &context, &mut text).is_ok()
    });
    if !rendered {
        return;
    }
    let bytes = text.len();
    if bytes <= APPLE_LIMIT.min(YOUTUBE_LIMIT) {
        return;
    }
    // Said by both warnings when over both limits. (Joined rather than
    // formatted: a thousand episodes over both limits make five thousand
    // such texts.)
    let size = [
        &thousands(bytes),
        " bytes (",
        &thousands(characters(&text)),
        " characters)",
    ]
    .concat();
    for (code, platform, limit) in [
        ("apple-description-limit", "Apple Podcasts'", APPLE_LIMIT),
        ("youtube-description-limit", "YouTube's", YOUTUBE_LIMIT),
    ] {
        if bytes > limit {
            let message = [
                "the plain-text notes are ",
                &size,
                ", over ",
                platform,
                " limit of ",
                &thousands(limit),
                " bytes",
            ];
            let help = [
                "shorten the topic bodies by ",
                &thousands(bytes - limit),
                " bytes; a Japanese character takes 3 bytes",
            ];
            out.push(
                Diagnostic::warning(code, message.concat())
                    .at(&episode.file, episode.title.span)
                    .help(help.concat()),
            );
        }
    }
}

/// The characters of UTF-8 text (Tera writes only `str`s): the bytes that
/// do not continue a sequence, summed 255 at a time in one byte, a sum
/// the compiler vectorizes (the text is not checked again as a `str`).
fn characters(text: &[u8]) -> usize {
    text.chunks(255)
        .map(|chunk| {
            let starts = chunk.iter().fold(0u8, |n, &b| n + u8::from(!is_continuation(b)));
            usize::from(starts)
        })
        .sum()
}

/// `10xxxxxx`: a byte that continues a UTF-8 sequence.
fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(5393), "5,393");
        assert_eq!(super::thousands(400), "400");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999_000), "999,000");
    }

    #[test]
    fn characters_are_the_bytes_that_start_one() {
        let text = "日本語 and ✓".repeat(40);
        assert_eq!(super::characters(text.as_bytes()), text.chars().count());
    }
}

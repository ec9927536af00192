//! `youtube.txt`: a YouTube description — chapter lines from `0:00`, then
//! the notes — with no `<` or `>` (YouTube refuses them) and at most
//! 5,000 bytes.

use crate::diagnostic::Diagnostic;
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::render::limit::{self, Limit};
use crate::render::templates::Templates;
use serde::Serialize;
use tera::Context;

pub(crate) const TEMPLATE: &str = "youtube.txt";

pub(crate) const LIMIT: Limit = Limit {
    bytes: 5000,
    file: TEMPLATE,
    field: "YouTube descriptions",
};

/// The title of the inserted `0:00` chapter unless `series.yaml` sets
/// `opening_chapter`.
pub(crate) const DEFAULT_OPENING: &str = "オープニング";

/// A chapter line: seconds and title.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct ChapterLine<'a> {
    pub(crate) at: u32,
    pub(crate) title: &'a str,
}

/// The timed topics as chapters, starting at `0:00`: YouTube only shows chapters
/// whose first one starts there, so an opening chapter is inserted when the
/// first topic starts later.
pub(crate) fn chapters<'a>(series: Option<&'a Series>, episode: &'a Episode) -> Vec<ChapterLine<'a>> {
    let mut lines = Vec::with_capacity(episode.topics.len() + 1);
    let mut timed = episode.timed_topics().peekable();
    if timed.peek().is_none_or(|(_, at)| at.value.seconds() > 0) {
        let title = series
            .and_then(|s| s.opening_chapter.as_ref())
            .map_or(DEFAULT_OPENING, |t| t.value.as_str());
        lines.push(ChapterLine { at: 0, title });
    }
    lines.extend(timed.map(|(t, at)| ChapterLine {
        at: at.value.seconds(),
        title: &t.title,
    }));
    lines
}

/// `<` and `>` as their full-width forms.
pub(crate) fn without_angle_brackets(text: String) -> String {
    // Most descriptions have none: then the text is kept as it is.
    if !text.bytes().any(|b| matches!(b, b'<' | b'>')) {
        return text;
    }
    text.replace('<', "＜").replace('>', "＞")
}

/// Renders `youtube.txt`, shortened to the limit; the warning says when.
/// `context` is the episode's (`context::episode`).
pub(crate) fn render(
    templates: &Templates,
    series: Option<&Series>,
    episode: &Episode,
    context: &Context,
) -> Result<limit::Fitted, Diagnostic> {
    limit::fit(
        &LIMIT,
        episode,
        |shorter| {
            let mut context =
                crate::render::context::of_episode(context, templates, TEMPLATE, series, shorter);
            context.insert("chapters", &chapters(series, shorter.unwrap_or(episode)));
            Ok(without_angle_brackets(templates.render(TEMPLATE, &context)?))
        },
        limit::cut_lines,
    )
}

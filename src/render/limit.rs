//! Byte limits of platforms' description fields. An output over its limit
//! is rendered again with less in it — topic bodies first, then source
//! lists, each from the last topic backwards, then the audience list, and
//! only then the lead — and, as a last resort, cut; the build says so with
//! both sizes, what was left out and the largest part of it.

use crate::diagnostic::Diagnostic;
use crate::model::episode::Episode;

/// A platform's limit for one output.
pub(crate) struct Limit {
    pub(crate) bytes: usize,
    /// The file, e.g. `youtube.txt`.
    pub(crate) file: &'static str,
    /// The field, for messages: "YouTube descriptions".
    pub(crate) field: &'static str,
}

/// An output fitted to its limit, and the whole text it was made from.
pub(crate) struct Fitted {
    pub(crate) text: String,
    /// The text with nothing left out (the feed's `content:encoded`).
    pub(crate) full: String,
    /// Present when `text` was shortened.
    pub(crate) warning: Option<Diagnostic>,
}

/// One thing that can be left out, in the order they are tried.
#[derive(Clone, Copy)]
enum Part {
    Body(usize),
    Sources(usize),
    Audience,
    Lead,
}

impl Part {
    /// Every part, in the order they go: bodies, then sources, each from
    /// the last topic backwards; the audience; the lead last.
    fn order(topics: usize) -> Vec<Part> {
        let bodies = (0..topics).rev().map(Part::Body);
        let sources = (0..topics).rev().map(Part::Sources);
        bodies
            .chain(sources)
            .chain([Part::Audience, Part::Lead])
            .collect()
    }

    /// Takes the part out of `episode`; false when it had none.
    fn take(self, episode: &mut Episode) -> bool {
        match self {
            Part::Body(i) => episode.topics.get_mut(i).and_then(|t| t.body.take()).is_some(),
            Part::Sources(i) => episode
                .topics
                .get_mut(i)
                .is_some_and(|t| !std::mem::take(&mut t.sources).is_empty()),
            Part::Audience => !std::mem::take(&mut episode.audience).is_empty(),
            Part::Lead => episode.lead.take().is_some(),
        }
    }

    /// "the body of 「title」", for the message.
    fn describe(self, episode: &Episode) -> String {
        let title = |i: usize| episode.topics.get(i).map_or("", |t| t.title.value.as_str());
        match self {
            Part::Body(i) => format!("the body of 「{}」", title(i)),
            Part::Sources(i) => format!("the sources of 「{}」", title(i)),
            Part::Audience => "the audience list".to_string(),
            Part::Lead => "the lead".to_string(),
        }
    }
}

/// Renders `episode`, shortened as needed to fit `limit`. `render(None)`
/// renders the episode as it is (from the context the caller already
/// has), `render(Some(shorter))` a shortened copy: the episode is copied
/// only when it does not fit. `cut` shortens a text to at most the given
/// number of bytes. The warning (when shortened) names both sizes, what
/// was left out and the largest part of it.
pub(crate) fn fit(
    limit: &Limit,
    episode: &Episode,
    render: impl Fn(Option<&Episode>) -> Result<String, Diagnostic>,
    cut: impl Fn(&str, usize) -> String,
) -> Result<Fitted, Diagnostic> {
    let full = render(None)?;
    if full.len() <= limit.bytes {
        return Ok(Fitted {
            text: full.clone(),
            full,
            warning: None,
        });
    }
    let mut short = episode.clone();
    let mut text = full.clone();
    // What went, with the bytes it took.
    let mut gone: Vec<(Part, usize)> = Vec::new();
    for part in Part::order(episode.topics.len()) {
        if text.len() <= limit.bytes {
            break;
        }
        if part.take(&mut short) {
            let next = render(Some(&short))?;
            gone.push((part, text.len().saturating_sub(next.len())));
            text = next;
        }
    }
    let mut steps = left_out(episode, &gone);
    if text.len() > limit.bytes {
        text = cut(&text, limit.bytes);
        steps.push("cut the end".to_string());
    }
    let largest = gone
        .iter()
        .max_by_key(|(_, bytes)| *bytes)
        .map(|(part, bytes)| {
            format!(
                " (the largest part left out: {}, {bytes} bytes)",
                part.describe(episode)
            )
        })
        .unwrap_or_default();
    let warning = Diagnostic::warning(
        "shortened",
        format!(
            "{}/{} was {} bytes, over the {}-byte limit of {}; {}{largest}: now {} bytes",
            episode.slug,
            limit.file,
            full.len(),
            limit.bytes,
            limit.field,
            steps.join(", "),
            text.len()
        ),
    )
    .in_file(&episode.file)
    .help("shorten the topic bodies or the source lists to keep them in this output");
    Ok(Fitted {
        text,
        full,
        warning: Some(warning),
    })
}

/// "left out the bodies of the last 2 topics (of 3 with a body)", and the
/// same for sources, the audience and the lead.
fn left_out(episode: &Episode, gone: &[(Part, usize)]) -> Vec<String> {
    let count = |f: fn(&Part) -> bool| gone.iter().filter(|(p, _)| f(p)).count();
    let bodies = count(|p| matches!(p, Part::Body(_)));
    let sources = count(|p| matches!(p, Part::Sources(_)));
    let with_body = episode.topics.iter().filter(|t| t.body.is_some()).count();
    let with_sources = episode.topics.iter().filter(|t| !t.sources.is_empty()).count();
    let mut steps = Vec::new();
    steps.extend(topics_phrase("body", "bodies", "with a body", bodies, with_body));
    steps.extend(topics_phrase(
        "sources",
        "sources",
        "with sources",
        sources,
        with_sources,
    ));
    if gone.iter().any(|(p, _)| matches!(p, Part::Audience)) {
        steps.push("left out the audience list".to_string());
    }
    if gone.iter().any(|(p, _)| matches!(p, Part::Lead)) {
        steps.push("left out the lead".to_string());
    }
    steps
}

fn topics_phrase(one: &str, many: &str, having: &str, dropped: usize, of: usize) -> Option<String> {
    match dropped {
        0 => None,
        _ if dropped == of => Some(format!("left out the topic {many}")),
        1 => Some(format!("left out the {one} of the last topic (of {of} {having})")),
        _ => Some(format!(
            "left out the {many} of the last {dropped} topics (of {of} {having})"
        )),
    }
}

/// The longest prefix of whole lines that fits in `bytes` with a closing
/// `…` line.
pub(crate) fn cut_lines(text: &str, bytes: usize) -> String {
    const MORE: &str = "…\n";
    let budget = bytes.saturating_sub(MORE.len());
    let mut end = 0;
    for (i, _) in text.match_indices('\n') {
        if i + 1 > budget {
            break;
        }
        end = i + 1;
    }
    if end == 0 {
        // A single very long line: cut at a character boundary.
        end = (0..=budget.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
    }
    format!("{}{MORE}", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::cut_lines;

    #[test]
    fn cuts_at_line_ends_within_the_budget() {
        let text = "一行目\n二行目\n三行目\n";
        let cut = cut_lines(text, 25);
        assert!(cut.len() <= 25, "{cut}");
        assert_eq!(cut, "一行目\n二行目\n…\n");
        let long = "あ".repeat(100);
        let cut = cut_lines(&long, 20);
        assert!(cut.len() <= 20);
        assert!(cut.ends_with("…\n"));
    }
}

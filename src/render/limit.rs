//! Byte limits of platforms' description fields. An output over its limit
//! is rendered again with less in it — topic bodies first, then the lead —
//! and, as a last resort, cut; the build says so with both sizes.

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

/// Renders `episode`, shortened as needed to fit `limit`. `cut` shortens a
/// text to at most the given number of bytes. The warning (when shortened)
/// names both sizes.
pub(crate) fn fit(
    limit: &Limit,
    episode: &Episode,
    render: impl Fn(&Episode) -> Result<String, Diagnostic>,
    cut: impl Fn(&str, usize) -> String,
) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let full = render(episode)?;
    if full.len() <= limit.bytes {
        return Ok((full, None));
    }
    // Topic bodies go first, from the last topic backwards, until it fits.
    let mut steps = Vec::new();
    let mut short = episode.clone();
    let with_body = short.topics.iter().filter(|t| t.body.is_some()).count();
    let mut text = full.clone();
    let mut dropped = 0;
    for index in (0..short.topics.len()).rev() {
        if text.len() <= limit.bytes {
            break;
        }
        if short.topics[index].body.take().is_some() {
            dropped += 1;
            text = render(&short)?;
        }
    }
    if dropped > 0 {
        steps.push(match dropped {
            _ if dropped == with_body => "left out the topic bodies".to_string(),
            1 => format!("left out the body of the last topic (of {with_body} with a body)"),
            _ => format!("left out the bodies of the last {dropped} topics (of {with_body} with a body)"),
        });
    }
    if text.len() > limit.bytes && short.lead.is_some() {
        short.lead = None;
        steps.push("left out the lead".to_string());
        text = render(&short)?;
    }
    if text.len() > limit.bytes {
        text = cut(&text, limit.bytes);
        steps.push("cut the end".to_string());
    }
    let warning = Diagnostic::warning(
        "shortened",
        format!(
            "{}/{} was {} bytes, over the {}-byte limit of {}; {}: now {} bytes",
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
    .help("shorten the topic bodies or the lead to keep them in this output");
    Ok((text, Some(warning)))
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

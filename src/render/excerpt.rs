//! Short plain-text excerpts of Markdown: the page's meta description and
//! the first sentence the series page shows under each episode.

/// The text as one line of plain text: Markdown and link addresses
/// removed, runs of whitespace made one space.
pub(crate) fn one_line(markdown: &str) -> String {
    crate::render::markdown::to_words(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of `text`, ending with `…` when cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((end, _)) if text[end..].chars().nth(1).is_some() => {
            format!("{}…", text[..end].trim_end())
        }
        _ => text.to_string(),
    }
}

/// The first sentence of `text` (up to `。`, `！`, `？`, or `.`, `!`, `?`
/// before a space), at most `max` characters.
pub(crate) fn first_sentence(text: &str, max: usize) -> String {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map(|(_, c)| *c);
        let ends = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => after.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            return shortened(&text[..i + c.len_utf8()], max);
        }
    }
    shortened(text, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_lengths() {
        assert_eq!(
            first_sentence("今回は半導体です。次に補助金。", 100),
            "今回は半導体です。"
        );
        assert_eq!(
            first_sentence("Version 1.2 is out. More", 100),
            "Version 1.2 is out."
        );
        assert_eq!(first_sentence("終わりのない文", 100), "終わりのない文");
        assert_eq!(first_sentence("あいうえおかきくけこ。", 5), "あいうえ…");
        assert_eq!(shortened("あいう", 3), "あいう");
        assert_eq!(shortened("あいうえ", 3), "あい…");
        assert_eq!(
            one_line("**太字**と\n[リンク](https://e.com/)\n\n次"),
            "太字とリンク 次"
        );
    }
}

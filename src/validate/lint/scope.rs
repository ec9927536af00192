//! Which bytes of a text field are the producer's own words. The rules
//! read a copy of the value with every other byte replaced by a
//! placeholder, so a finding's byte offset is an offset into the value
//! itself (and `Span::within` finds it in the file).
//!
//! Hidden from the rules: in Markdown prose, the text of links and images
//! (a page's title), code spans and blocks, raw HTML, block quotes (`> `,
//! quoted third-party text) and footnote definitions; in any field, bare
//! `http(s)://` addresses; and, for every rule but `bracket-pairs` and
//! `invisible-chars`, the inside of 「」『』“” quotations.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// An inline piece that is not the producer's words: a link's text, a
/// code span, an address. It joins the words around it like a noun.
pub(crate) const HIDDEN: char = '\u{1}';
/// Between two blocks (paragraphs, list items, headings), or a skipped
/// block: sentences and clauses end here.
pub(crate) const BREAK: char = '\u{2}';

/// A text field as the rules read it, byte for byte as long as the value.
pub(crate) struct Scoped {
    /// The producer's words, quotations included.
    pub(crate) own: String,
    /// The producer's words with the inside of quotations hidden.
    pub(crate) words: String,
}

impl Scoped {
    /// A Markdown field (lead, body, point text); `names` are the people
    /// and organizations of the document, hidden where the text names them.
    pub(crate) fn markdown(value: &str, names: &[&str]) -> Self {
        Self::from_own(markdown_own(value), names)
    }

    /// A one-line field of the producer's (title, heading, label).
    pub(crate) fn line(value: &str, names: &[&str]) -> Self {
        let mut own = value.as_bytes().to_vec();
        hide_addresses(&mut own);
        Self::from_own(into_string(own), names)
    }

    fn from_own(own: String, names: &[&str]) -> Self {
        let own = hide_names(own, names);
        let words = hide_quotations(&own);
        Self { own, words }
    }
}

/// Every mention of a name (of two characters or more) hidden: 五藤 佑典
/// keeps its space, ＡＢＣ 太郎 its letters.
fn hide_names(own: String, names: &[&str]) -> String {
    let mentioned: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.chars().count() >= 2 && own.contains(*n))
        .collect();
    if mentioned.is_empty() {
        return own;
    }
    let mut bytes = own.clone().into_bytes();
    for name in mentioned {
        for (at, _) in own.match_indices(name) {
            fill(&mut bytes, at..at + name.len(), HIDDEN);
        }
    }
    into_string(bytes)
}

/// Bytes to a string; the placeholders only ever replace whole
/// characters, so this never fails (an impossible failure hides all).
fn into_string(bytes: Vec<u8>) -> String {
    let len = bytes.len();
    String::from_utf8(bytes).unwrap_or_else(|_| BREAK.to_string().repeat(len))
}

fn fill(bytes: &mut [u8], range: Range<usize>, with: char) {
    let end = range.end.min(bytes.len());
    let start = range.start.min(end);
    bytes[start..end].fill(with as u8);
}

/// Inline containers: their markup is hidden, their text kept (unless
/// the container is skipped as a whole).
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Containers whose whole content is someone else's or not prose.
fn is_skipped(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::CodeBlock(_)
            | Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::MetadataBlock(_)
    )
}

fn ends_skipped(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Link
            | TagEnd::Image
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::MetadataBlock(_)
    )
}

/// The text events of a Markdown value outside skipped containers, the
/// rest replaced by placeholders.
fn markdown_own(value: &str) -> String {
    let source = value.as_bytes();
    let mut own = vec![BREAK as u8; value.len()];
    let mut skipped = 0usize;
    let parser = Parser::new_ext(value, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                if skipped == 0 && is_inline(&tag) {
                    fill(&mut own, range, HIDDEN);
                }
                if is_skipped(&tag) {
                    skipped += 1;
                }
            }
            Event::End(tag) if ends_skipped(&tag) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::Text(_) | Event::SoftBreak if skipped == 0 => {
                let end = range.end.min(source.len());
                let start = range.start.min(end);
                own[start..end].copy_from_slice(&source[start..end]);
            }
            Event::HardBreak if skipped == 0 => fill(&mut own, range, BREAK),
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
                if skipped == 0 =>
            {
                fill(&mut own, range, HIDDEN);
            }
            _ => {}
        }
    }
    hide_addresses(&mut own);
    into_string(own)
}

/// Bare `http://` and `https://` addresses, up to the first character
/// that cannot be in one.
fn hide_addresses(text: &mut [u8]) {
    let mut from = 0;
    while let Some(found) = find(&text[from..], b"http") {
        let start = from + found;
        let rest = &text[start..];
        if !(rest.starts_with(b"https://") || rest.starts_with(b"http://")) {
            from = start + 4;
            continue;
        }
        let len = rest
            .iter()
            .position(|&b| !b.is_ascii_graphic() || matches!(b, b'<' | b'>' | b'"' | b'`'))
            .unwrap_or(rest.len());
        fill(text, start..start + len, HIDDEN);
        from = start + len;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The quotation marks whose inside is someone else's words.
const QUOTES: &[(char, char)] = &[('「', '」'), ('『', '』'), ('“', '”')];

/// `own` with the inside of every closed quotation hidden (nested ones
/// included); an unclosed quotation, or one running past the end of a
/// paragraph, hides nothing.
fn hide_quotations(own: &str) -> String {
    let mut bytes = own.as_bytes().to_vec();
    let mut at = 0;
    while let Some((offset, c)) = own[at..].char_indices().next() {
        let start = at + offset;
        at = start + c.len_utf8();
        let Some(&(open, close)) = QUOTES.iter().find(|(o, _)| *o == c) else {
            continue;
        };
        if let Some(end) = closing(&own[at..], open, close) {
            fill(&mut bytes, at..at + end, HIDDEN);
            at += end + close.len_utf8();
        }
    }
    into_string(bytes)
}

/// The offset of the mark closing a quotation opened just before `rest`.
fn closing(rest: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        if c == BREAK {
            return None;
        } else if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        text.replace(HIDDEN, "_").replace(BREAK, "|")
    }

    #[test]
    fn markdown_keeps_the_producers_words_at_their_offsets() {
        let value = "詳しくは[米ＣＤＣの発表](https://e.jp)と`ｺｰﾄﾞ`を参照。\n\n> 引用ﾂｲｰﾄ\n\n**重要**です";
        let scoped = Scoped::markdown(value, &[]);
        assert_eq!(scoped.own.len(), value.len());
        let own = shown(&scoped.own);
        assert!(own.starts_with("詳しくは___"), "{own}");
        assert!(own.contains(&format!("と{}を参照。", "_".repeat(14))), "{own}");
        assert!(!own.contains("ﾂｲｰﾄ") && !own.contains("ＣＤＣ"), "{own}");
        assert!(own.ends_with("||__重要__です"), "{own}");
    }

    #[test]
    fn quotations_are_hidden_from_words_only() {
        let scoped = Scoped::line("彼は「見れる」と『ﾋﾟｷ』を https://a.jp/x 「閉じない", &[]);
        assert_eq!(
            shown(&scoped.words),
            format!(
                "彼は「{}」と『{}』を {} 「閉じない",
                "_".repeat(9),
                "_".repeat(9),
                "_".repeat(14)
            )
        );
        assert!(scoped.own.contains("「見れる」"));
    }
}

//! Markdown in `lead`, `body` and point texts: to sanitized HTML, to plain
//! text, and back to Markdown, with East Asian line breaks joined the way
//! Pandoc's `east_asian_line_breaks` does; plus the links it contains.

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::{Span, Spanned};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthChar;

fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH)
}

/// East Asian Wide or Fullwidth (the characters Pandoc joins across a line break).
pub(crate) fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// What a soft line break between `before` and `after` becomes: nothing
/// between two wide characters, one space otherwise.
pub(crate) fn soft_break(before: Option<char>, after: Option<char>) -> &'static str {
    match (before, after) {
        (Some(a), Some(b)) if is_wide(a) && is_wide(b) => "",
        _ => " ",
    }
}

fn event_text<'a>(event: &'a Event<'_>) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => Some(t),
        _ => None,
    }
}

/// The characters on either side of the soft break at `index`.
fn neighbours(events: &[Event<'_>], index: usize) -> (Option<char>, Option<char>) {
    let before = events[..index]
        .iter()
        .rev()
        .take_while(|e| !matches!(e, Event::SoftBreak | Event::HardBreak))
        .find_map(|e| event_text(e).and_then(|t| t.chars().last()));
    let after = events[index + 1..]
        .iter()
        .take_while(|e| !matches!(e, Event::SoftBreak | Event::HardBreak))
        .find_map(|e| event_text(e).and_then(|t| t.chars().next()));
    (before, after)
}

/// Events with soft breaks resolved to "" or " ".
fn joined_events(text: &str) -> Vec<Event<'_>> {
    let mut events: Vec<Event<'_>> = parser(text).collect();
    for i in 0..events.len() {
        if matches!(events[i], Event::SoftBreak) {
            let (before, after) = neighbours(&events, i);
            events[i] = Event::Text(CowStr::Borrowed(soft_break(before, after)));
        }
    }
    events
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https"]))
        .link_rel(Some("noopener"));
    builder
});

/// Markdown -> HTML. Raw HTML in the Markdown is shown as text, never as
/// markup, and the result is sanitized (http(s) links only, rel=noopener).
pub(crate) fn to_html(text: &str) -> String {
    let events = joined_events(text).into_iter().map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITIZER.clean(&html).to_string()
}

/// Markdown -> readable plain text: one line per paragraph or list item,
/// emphasis without markers, a link as its text followed by its URL.
pub(crate) fn to_plain(text: &str) -> String {
    plain(text, true)
}

/// Markdown -> the words alone: as `to_plain`, but a link is only its
/// text (for meta descriptions and excerpts).
pub(crate) fn to_words(text: &str) -> String {
    plain(text, false)
}

fn plain(text: &str, with_urls: bool) -> String {
    match bare_paragraphs(text) {
        Some(plain) => plain,
        None => parsed_plain(text, with_urls),
    }
}

/// Whether `byte` may start Markdown syntax wherever it is: one of
/// pulldown-cmark's own list for the options of `parser` (`*`, `_`, `~`,
/// `&`, `\`, `[`, `]`, `<`, `!`, `` ` ``, `\r`), or any other control
/// character but the line break. In comparisons joined by `|`, not `||`
/// nor a table, so that a loop over bytes is vectorized; neighbours in
/// one range each (`[\]`, `` _` ``, `~` and DEL).
fn is_syntax(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n')
        | (byte == b'!')
        | (byte == b'&')
        | (byte == b'*')
        | (byte == b'<')
        | (byte.wrapping_sub(b'[') <= b']' - b'[')
        | (byte.wrapping_sub(b'_') <= b'`' - b'_')
        | (b'~'..=0x7f).contains(&byte)
}

/// Whether `text` has a byte that `is_syntax`: 32 bytes at a time, each
/// block in vectorized passes. Most blocks of Japanese prose hold only
/// bytes of multi-byte characters and line breaks, which a pass of a
/// few instructions tells (`quiet`); only the others are looked at
/// byte by byte for syntax, a pass several times longer.
fn has_syntax(text: &str) -> bool {
    let blocks = text.as_bytes().chunks_exact(32);
    let rest = blocks.remainder();
    blocks.into_iter().any(|block| !quiet(block) && any_syntax(block)) || any_syntax(rest)
}

/// Whether a byte of `block` `is_syntax`.
fn any_syntax(block: &[u8]) -> bool {
    block.iter().fold(false, |found, &b| found | is_syntax(b))
}

/// Whether `block` holds only bytes beyond ASCII and line breaks (none of
/// which `is_syntax`): the complement of any other byte has its top bit
/// set (a line break's is masked out).
fn quiet(block: &[u8]) -> bool {
    let ascii = block
        .iter()
        .fold(0, |ascii, &b| ascii | (!b & u8::from(b != b'\n').wrapping_neg()));
    ascii & 0x80 == 0
}

/// The plain text of Markdown that holds no syntax at all, without
/// parsing it (most bodies are such prose, and the parser costs tens of
/// instructions a byte): its paragraphs, one a line, their lines joined
/// as the parser's soft breaks are. `None` when the text may hold syntax
/// (then the parser decides): a byte that `is_syntax` anywhere, or a line that
/// does not start with a letter or a digit (as a heading, quote, list,
/// rule, code block or blank-looking line would), starts with a number
/// followed by `.` or `)` (an ordered list) or ends in white space (a hard
/// break, or a line `plain` would trim).
fn bare_paragraphs(text: &str) -> Option<String> {
    if has_syntax(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    // The last character of the paragraph's line before, if one is open.
    let mut before: Option<char> = None;
    // The lines, split by memchr (`str::split` looks for a character a
    // few bytes at a time).
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for line in ends.map(|end| {
        let line = &text[start..end];
        start = end + 1;
        line
    }) {
        let (Some(first), Some(last)) = (line.chars().next(), line.chars().next_back()) else {
            before = None;
            continue;
        };
        if !starts_as_prose(line, first) || last.is_whitespace() {
            return None;
        }
        match before {
            Some(_) => out.push_str(soft_break(before, Some(first))),
            None if !out.is_empty() => out.push('\n'),
            None => {}
        }
        out.push_str(line);
        before = Some(last);
    }
    Some(out)
}

/// Whether a line starting with `first` can only be a paragraph's text:
/// it starts with a letter, any character beyond ASCII but white space,
/// or a number that no `.` or `)` follows.
fn starts_as_prose(line: &str, first: char) -> bool {
    if first.is_ascii_digit() {
        let after = line.bytes().find(|b| !b.is_ascii_digit());
        return !matches!(after, Some(b'.' | b')'));
    }
    first.is_ascii_alphabetic() || (!first.is_ascii() && !first.is_whitespace())
}

/// `plain` by the parser's events.
fn parsed_plain(text: &str, with_urls: bool) -> String {
    let mut out = PlainText::default();
    let mut links: Vec<String> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in joined_events(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push(&t),
            Event::HardBreak => out.end_line(),
            Event::Start(Tag::List(start)) => {
                out.end_line();
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                out.end_line();
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                out.end_line();
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                out.push(&"  ".repeat(lists.len().saturating_sub(1)));
                out.push(&marker);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string());
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some(url) = links.pop()
                    && with_urls
                {
                    out.push_url(&url);
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.end_line(),
            Event::Rule => {
                out.end_line();
                out.push("――――");
                out.end_line();
            }
            _ => {}
        }
    }
    out.finish()
}

/// Lines of plain text being assembled.
#[derive(Default)]
struct PlainText {
    lines: Vec<String>,
    line: String,
    /// A URL was just written: separate it from following text by a space.
    after_url: bool,
}

impl PlainText {
    fn push(&mut self, text: &str) {
        if self.after_url && text.starts_with(|c: char| !c.is_whitespace()) {
            self.line.push(' ');
        }
        self.after_url = false;
        self.line.push_str(text);
    }

    /// Writes ` URL` after a link's text, unless the text is the URL.
    fn push_url(&mut self, url: &str) {
        if !self.line.ends_with(url) {
            self.line.push(' ');
            self.line.push_str(url);
        }
        self.after_url = true;
    }

    fn end_line(&mut self) {
        self.after_url = false;
        let line = std::mem::take(&mut self.line);
        if !line.trim().is_empty() {
            self.lines.push(line.trim_end().to_string());
        }
    }

    fn finish(mut self) -> String {
        self.end_line();
        self.lines.join("\n")
    }
}

/// Markdown -> Markdown for the `.md` output: line breaks between two wide
/// characters removed (so no renderer turns them into spaces) and raw HTML
/// escaped (so no renderer runs it). Everything else is kept as written.
pub(crate) fn to_markdown(text: &str) -> String {
    let with_offsets: Vec<(Event<'_>, std::ops::Range<usize>)> = parser(text).into_offset_iter().collect();
    let events: Vec<Event<'_>> = with_offsets.iter().map(|(e, _)| e.clone()).collect();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (i, (event, range)) in with_offsets.iter().enumerate() {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) && range.start >= copied {
            out.push_str(&text[copied..range.start]);
            out.push_str(&text[range.clone()].replace('<', "&lt;").replace('>', "&gt;"));
            copied = range.end;
            continue;
        }
        if !matches!(event, Event::SoftBreak) {
            continue;
        }
        let (before, after) = neighbours(&events, i);
        if soft_break(before, after).is_empty() {
            let start = text[..range.start]
                .trim_end_matches([' ', '\t'])
                .len()
                .max(copied);
            let end = range.end
                + (text[range.end..].len() - text[range.end..].trim_start_matches([' ', '\t']).len());
            out.push_str(&text[copied..start]);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// A link in Markdown: its destination and the byte range of the
/// destination inside the Markdown text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub(crate) url: String,
    pub(crate) offset: usize,
    pub(crate) len: usize,
}

pub(crate) fn links(text: &str) -> Vec<Link> {
    parser(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_string();
                let offset = text[range.clone()]
                    .find(url.as_str())
                    .map_or(range.start, |i| range.start + i);
                Some(Link {
                    len: url.len(),
                    url,
                    offset,
                })
            }
            _ => None,
        })
        .collect()
}

/// The links written in a Markdown field, each with its place in the file.
pub(crate) fn spanned_links(file: &SourceFile, text: &Spanned<String>) -> Vec<(String, Span)> {
    links(text)
        .into_iter()
        .map(|link| {
            let span = text.span.within(&file.text, text, link.offset, link.len);
            (link.url, span)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_japanese_and_spaces_latin() {
        assert_eq!(to_plain("日本語の\n段落です。"), "日本語の段落です。");
        assert_eq!(to_plain("two\nwords"), "two words");
        assert_eq!(to_plain("日本語\nword"), "日本語 word");
        assert_eq!(to_plain("**強調**\n次の行"), "強調次の行");
        assert_eq!(to_html("日本語の\n段落"), "<p>日本語の段落</p>\n");
        assert_eq!(
            to_markdown("日本語の\n段落\nand\nmore"),
            "日本語の段落\nand\nmore"
        );
        assert_eq!(
            to_markdown("a <script>x</script> b"),
            "a &lt;script&gt;x&lt;/script&gt; b"
        );
    }

    #[test]
    fn syntax_bytes_are_pulldown_cmarks_and_the_control_characters() {
        for byte in 0..=u8::MAX {
            let listed = b"*_~&\\[]<!`".contains(&byte) || (byte.is_ascii_control() && byte != b'\n');
            assert_eq!(is_syntax(byte), listed, "{byte:#x}");
        }
    }

    /// The blocks find a syntax byte wherever it is: at every place of
    /// texts of every length up to a few blocks, in Japanese, in ASCII
    /// prose and in line breaks.
    #[test]
    fn has_syntax_finds_every_syntax_byte() {
        for background in ["日本語の文", "Latin words ", "\n", "語\n"] {
            for len in 0..100 {
                let text: String = background.chars().cycle().take(len).collect();
                assert!(!has_syntax(&text), "{text:?}");
                for (at, _) in text.char_indices() {
                    for byte in (0..=0x7f_u8).filter(|&b| is_syntax(b)) {
                        let mut marked = text.clone();
                        marked.insert(at, char::from(byte));
                        assert!(has_syntax(&marked), "{marked:?}");
                    }
                }
            }
        }
    }

    /// Text without syntax takes the short way, which gives what the
    /// parser gives: checked on many texts made of prose and every kind
    /// of character that starts syntax, or might.
    #[test]
    fn bare_paragraphs_are_what_the_parser_makes_of_them() {
        const PIECES: &[&str] = &[
            "日本語",
            "です。",
            "word",
            "AI",
            "2026",
            "1",
            "3.",
            "4)",
            " ",
            "  ",
            "\u{3000}",
            "\u{a0}",
            "\n",
            "\n",
            "\n\n",
            "\t",
            "\r",
            "-",
            "+",
            "*",
            "_",
            "#",
            ">",
            "=",
            "`",
            "~",
            "[",
            "]",
            "(",
            ")",
            "<",
            "&",
            "!",
            "\\",
            "|",
            ":",
            "\"",
            "'",
            ".",
            "\u{feff}",
            "\u{200b}",
            "é",
            "「引用」",
            "──",
            "\u{2028}",
            "\u{0}",
            "\u{7f}",
            "http://e.com/",
            "$",
            "^",
            "{",
            "}",
        ];
        let mut rng = crate::input::rng::Rng::at(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        let mut bare = 0;
        for _ in 0..30_000 {
            let len = next() % 12;
            let text: String = (0..len)
                .map(|_| {
                    // Prose most of the time, so that many texts are bare.
                    let pick = next() as usize;
                    if pick.is_multiple_of(3) {
                        PIECES[pick % PIECES.len()]
                    } else {
                        PIECES[pick % 6]
                    }
                })
                .collect();
            if let Some(fast) = bare_paragraphs(&text) {
                bare += 1;
                assert_eq!(fast, parsed_plain(&text, true), "{text:?}");
            }
        }
        assert!(bare > 5_000, "only {bare} bare texts");
    }

    #[test]
    fn plain_text_of_markup() {
        assert_eq!(to_plain("**太字**と*斜体*"), "太字と斜体");
        assert_eq!(
            to_plain("詳しくは[記事](https://example.com/a)をご覧ください。"),
            "詳しくは記事 https://example.com/a をご覧ください。"
        );
        assert_eq!(to_plain("第一段落。\n\n第二段落。"), "第一段落。\n第二段落。");
        assert_eq!(to_plain("- 一\n- 二"), "- 一\n- 二");
        assert_eq!(to_plain("<https://example.com/>"), "https://example.com/");
    }

    #[test]
    fn html_is_sanitized() {
        let html = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(to_html("[a](https://e.com/)").contains(r#"rel="noopener""#));
    }

    #[test]
    fn finds_links_with_offsets() {
        let text = "see [a](https://e.com/x) and <http://f.org/>";
        let found = links(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].offset..found[0].offset + found[0].len],
            "https://e.com/x"
        );
        assert_eq!(found[1].url, "http://f.org/");
    }
}

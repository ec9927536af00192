//! An item's description (HTML or plain text) as Markdown lines, and the
//! lines as a lead and topics: a line that starts with a timestamp
//! (`0:00 title`, `00:00~ title`, `(12:34) title`, `[1:02:03] title`,
//! as a list item or a paragraph) starts a topic, the lines after it are
//! its body, the lines before the first one are the lead. Read with the
//! html5ever tokenizer; text is escaped for Markdown and only http(s)
//! links stay links (any other address is kept as text).

use crate::model::timestamp::Timestamp;
use crate::render::filters::escape_md_inline;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// One line of a description.
#[derive(Debug, Default, Clone)]
pub(crate) struct Line {
    /// The line in Markdown.
    pub(crate) markdown: String,
    /// The line as plain text.
    pub(crate) plain: String,
    /// The links in the line: text and address.
    pub(crate) links: Vec<(String, String)>,
    /// Whether it was a list item.
    pub(crate) item: bool,
}

#[derive(Default)]
struct State {
    lines: Vec<Line>,
    current: Line,
    /// The open link: its address and where its text starts in `markdown`.
    link: Option<(String, usize, usize)>,
    skip: usize,
}

impl State {
    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.current);
        line.markdown = line.markdown.trim().to_string();
        line.plain = line.plain.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.plain.is_empty() {
            self.lines.push(line);
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        let text = text.replace(['\n', '\r', '\t'], " ");
        self.current.plain.push_str(&text);
        if self.link.is_some() {
            self.current.markdown.push_str(&escape_md_inline(&text));
            return;
        }
        // A bare address in the text becomes an autolink.
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                self.current.markdown.push(' ');
            }
            if word.starts_with("http") && crate::input::weburl::check(word).is_ok() {
                self.current.markdown.push_str(&format!("<{word}>"));
                self.current.links.push((word.to_string(), word.to_string()));
            } else {
                self.current.markdown.push_str(&escape_md_inline(word));
            }
        }
    }

    fn open_link(&mut self, href: String) {
        let at = self.current.markdown.len();
        self.current.markdown.push('[');
        self.link = Some((href, at, self.current.plain.len()));
    }

    fn close_link(&mut self) {
        let Some((href, at, plain_at)) = self.link.take() else {
            return;
        };
        let text = self.current.plain[plain_at..].trim().to_string();
        if crate::input::weburl::check(&href).is_ok() {
            let href = href.trim().to_string();
            if text.is_empty() {
                self.current.markdown.truncate(at);
                self.current.markdown.push_str(&format!("<{href}>"));
            } else {
                self.current.markdown.push_str(&format!("](<{href}>)"));
            }
            self.current
                .links
                .push((if text.is_empty() { href.clone() } else { text }, href));
        } else {
            // Not an http(s) address: kept as text after the link's text.
            let inner = self.current.markdown[at + 1..].to_string();
            self.current.markdown.truncate(at);
            self.current.markdown.push_str(&inner);
            if !href.trim().is_empty() && !href.starts_with('#') {
                self.current
                    .markdown
                    .push_str(&format!(" ({})", escape_md_inline(href.trim())));
            }
        }
    }
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.0.borrow_mut();
        match token {
            TagToken(tag) => match (tag.kind, tag.name.as_ref()) {
                (StartTag, "script" | "style") => {
                    state.skip += 1;
                    return TokenSinkResult::RawData(RawKind::ScriptData);
                }
                (EndTag, "script" | "style") => state.skip = state.skip.saturating_sub(1),
                (StartTag, "a") => {
                    let href = tag
                        .attrs
                        .iter()
                        .find(|a| &*a.name.local == "href")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default();
                    state.open_link(href);
                }
                (EndTag, "a") => state.close_link(),
                (_, "strong" | "b") if state.skip == 0 => state.current.markdown.push_str("**"),
                (_, "em" | "i") if state.skip == 0 => state.current.markdown.push('*'),
                (StartTag, "li") => {
                    state.close_link();
                    state.end_line();
                    state.current.item = true;
                }
                (
                    _,
                    "p" | "div" | "br" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                    | "blockquote" | "tr" | "hr",
                ) => {
                    state.close_link();
                    state.end_line();
                }
                _ => {}
            },
            Token::CharacterTokens(text) => state.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Whether a description is HTML (else plain text with line breaks).
fn is_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p", "<br", "<a ", "<li", "<div", "<ul", "<h"]
        .iter()
        .any(|t| lower.contains(t))
}

/// The lines of a description.
pub(crate) fn lines(description: &str) -> Vec<Line> {
    let html = if is_html(description) {
        description.to_string()
    } else {
        description
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('\n', "<br>")
    };
    let sink = Sink(RefCell::new(State::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(&html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut state = tokenizer.sink.0.into_inner();
    state.close_link();
    state.end_line();
    state.lines
}

/// Joins lines as Markdown: list items one per line, other lines as
/// paragraphs of their own.
pub(crate) fn join(lines: &[Line]) -> Option<String> {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(if line.item && lines[i - 1].item {
                "\n"
            } else {
                "\n\n"
            });
        }
        if line.item {
            out.push_str("- ");
        }
        out.push_str(&line.markdown);
    }
    (!out.trim().is_empty()).then_some(out)
}

/// A line that starts with a timestamp: the time and the rest of the line.
pub(crate) fn timestamp_line(plain: &str) -> Option<(Timestamp, String)> {
    let text = plain
        .trim_start_matches(['-', '*', '・', '•', '●', '■', '▶', ' '])
        .trim_start();
    let (text, close) = match text.chars().next()? {
        '(' => (&text[1..], Some(')')),
        '（' => (&text['（'.len_utf8()..], Some('）')),
        '[' => (&text[1..], Some(']')),
        _ => (text, None),
    };
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(text.len());
    let time = Timestamp::parse(&text[..end]).ok()?;
    let mut rest = &text[end..];
    if let Some(close) = close {
        rest = rest.strip_prefix(close)?;
    }
    let rest = rest
        .trim_start_matches(['~', '〜', '～', '-', '–', ' ', '　', '|', ':'])
        .trim();
    // `12:34` alone, or glued to a word, is no topic line.
    if rest.is_empty()
        || (end < text.len()
            && close.is_none()
            && !text[end..].starts_with([' ', '~', '〜', '～', '　', '-', '–', '|']))
    {
        return None;
    }
    Some((time, rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_shapes() {
        for (line, seconds, title) in [
            ("0:00 オープニング", 0, "オープニング"),
            ("00:00~ はじめに", 0, "はじめに"),
            ("01:00:00 後半", 3600, "後半"),
            ("(12:34) 話題", 754, "話題"),
            ("[12:34] 話題", 754, "話題"),
            ("- 3:10 〜 ニュース", 190, "ニュース"),
        ] {
            let (at, rest) = timestamp_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((at.seconds(), rest.as_str()), (seconds, title), "{line}");
        }
        assert!(timestamp_line("12:34").is_none());
        assert!(timestamp_line("2021年の話").is_none());
        assert!(timestamp_line("10:00から配信").is_none());
    }

    #[test]
    fn html_becomes_markdown_lines_with_every_link() {
        let lines = lines(
            r#"<p>前書き <a href="https://e.com/a_b">記事*1</a></p><ul><li>0:00 開始</li><li>項目 https://e.com/x</li></ul><p><a href="javascript:x">悪</a></p>"#,
        );
        let md: Vec<&str> = lines.iter().map(|l| l.markdown.as_str()).collect();
        assert_eq!(
            md,
            [
                "前書き [記事\\*1](<https://e.com/a_b>)",
                "0:00 開始",
                "項目 <https://e.com/x>",
                "悪 (javascript:x)"
            ]
        );
        assert!(lines[1].item && !lines[0].item);
        assert_eq!(
            lines[2].links,
            [("https://e.com/x".to_string(), "https://e.com/x".to_string())]
        );
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        let lines = lines("一行目\n0:00 開始 <b>\n\n三行目");
        let md: Vec<&str> = lines.iter().map(|l| l.markdown.as_str()).collect();
        assert_eq!(md, ["一行目", "0:00 開始 &lt;b&gt;", "三行目"]);
    }
}

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

use super::Needle;
use memchr::memmem::Finder;
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
    /// The producer's words with the inside of quotations hidden, when
    /// there is a quotation (else `own`).
    quotes_hidden: Option<String>,
    /// The insides of the quotations hidden from `words`, in order.
    quoted: Vec<Range<usize>>,
}

/// What becomes of each byte of a value: kept, or replaced by `HIDDEN` or
/// `BREAK`. Every change of state falls on a character boundary.
const KEEP: u8 = 0;
const HIDE: u8 = 1;
const CUT: u8 = 2;

impl Scoped {
    /// A Markdown field (lead, body, point text); `names` are the people
    /// and organizations of the document, hidden where the text names them
    /// (see `names`).
    pub(crate) fn markdown(value: &str, names: &[Finder]) -> Self {
        Self::build(value, markdown_mask(value), names)
    }

    /// A one-line field of the producer's (title, heading, label).
    pub(crate) fn line(value: &str, names: &[Finder]) -> Self {
        Self::build(value, vec![KEEP; value.len()], names)
    }

    fn build(value: &str, mut mask: Vec<u8>, names: &[Finder]) -> Self {
        hide_addresses(value, &mut mask);
        hide_names(value, &mut mask, names);
        let own = render(value, &mask);
        let quoted = hide_quotations(value, &mut mask);
        let quotes_hidden = (!quoted.is_empty()).then(|| render(value, &mask));
        Self {
            own,
            quotes_hidden,
            quoted,
        }
    }

    /// The producer's words with the inside of quotations hidden: what
    /// every rule but `bracket-pairs` reads.
    pub(crate) fn words(&self) -> &str {
        self.quotes_hidden.as_deref().unwrap_or(&self.own)
    }

    /// The byte ranges where `words` differs from `own`: the insides of
    /// the quotations hidden, in order.
    pub(crate) fn quoted(&self) -> &[Range<usize>] {
        &self.quoted
    }
}

/// The value with the masked bytes replaced by their placeholders.
fn render(value: &str, mask: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < mask.len() {
        let state = mask[i];
        let run = run_of(&mask[i..], state);
        match (state, value.get(i..i + run)) {
            (KEEP, Some(kept)) => out.push_str(kept),
            (HIDE, _) => out.extend(std::iter::repeat_n(HIDDEN, run)),
            _ => out.extend(std::iter::repeat_n(BREAK, run)),
        }
        i += run;
    }
    out
}

/// How many bytes at the start of `mask` are `state`: eight at a time,
/// as most of a mask is one long run of `KEEP`.
fn run_of(mask: &[u8], state: u8) -> usize {
    let eight = u64::from_ne_bytes([state; 8]);
    let whole = mask
        .chunks_exact(8)
        .take_while(|chunk| <[u8; 8]>::try_from(*chunk).is_ok_and(|c| u64::from_ne_bytes(c) == eight))
        .count()
        * 8;
    whole + mask[whole..].iter().take_while(|m| **m == state).count()
}

fn fill(mask: &mut [u8], range: Range<usize>, with: u8) {
    let end = range.end.min(mask.len());
    let start = range.start.min(end);
    mask[start..end].fill(with);
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

/// Whether a value reads the same as Markdown and as plain paragraphs:
/// no inline syntax, and no line that could start a block (a list, quote,
/// heading, rule, fence, HTML, code or a hard break).
fn is_plain_paragraphs(value: &str) -> bool {
    // ASCII characters: looked for byte by byte.
    let markup = |b: &u8| {
        matches!(
            b,
            b'[' | b']'
                | b'`'
                | b'<'
                | b'>'
                | b'*'
                | b'_'
                | b'#'
                | b'!'
                | b'~'
                | b'\\'
                | b'&'
                | b'|'
                | b'\t'
                | b'\r'
        )
    };
    if value.as_bytes().iter().any(markup) {
        return false;
    }
    lines(value).all(|line| {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let text = line.trim_start_matches(' ');
        let starts_block =
            text.starts_with(['-', '+', '=', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        line.len() - text.len() < 4 && !starts_block && !line.ends_with("  ")
    })
}

/// The lines of a value, each with its `\n` (as `str::split_inclusive`),
/// the breaks found by memchr a block of bytes at a time.
fn lines(value: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\n', value.as_bytes()).map(|i| i + 1);
    let mut start = 0;
    ends.chain(std::iter::once(value.len())).filter_map(move |end| {
        let line = value.get(start..end).filter(|line| !line.is_empty());
        start = end;
        line
    })
}

/// The mask of plain paragraphs: what Markdown would make of them (blank
/// lines and the spaces that start or end a line are not text).
fn plain_mask(value: &str) -> Vec<u8> {
    let mut mask = vec![KEEP; value.len()];
    let mut at = 0;
    for line in lines(value) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line.trim().is_empty() {
            fill(&mut mask, at..at + line.len(), CUT);
            // The break that ends the paragraph before a blank line.
            if at > 0 && mask[at - 1] == KEEP && value.as_bytes()[at - 1] == b'\n' {
                mask[at - 1] = CUT;
            }
        } else {
            fill(&mut mask, at..at + indent, CUT);
            let content = line.trim_end_matches('\n');
            let trailing = content.len() - content.trim_end_matches(' ').len();
            fill(&mut mask, at + content.len() - trailing..at + content.len(), CUT);
        }
        at += line.len();
    }
    // The line break that ends the value is not text either.
    if value.ends_with('\n') {
        let end = value.len();
        fill(&mut mask, end - 1..end, CUT);
    }
    mask
}

/// Keeps the text events of a Markdown value outside skipped containers.
fn markdown_mask(value: &str) -> Vec<u8> {
    if is_plain_paragraphs(value) {
        return plain_mask(value);
    }
    parsed_mask(value)
}

/// `markdown_mask` through pulldown-cmark.
fn parsed_mask(value: &str) -> Vec<u8> {
    let mut mask = vec![CUT; value.len()];
    let mut skipped = 0usize;
    let parser = Parser::new_ext(value, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                if skipped == 0 && is_inline(&tag) {
                    fill(&mut mask, range, HIDE);
                }
                if is_skipped(&tag) {
                    skipped += 1;
                }
            }
            Event::End(tag) if ends_skipped(&tag) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::Text(_) | Event::SoftBreak if skipped == 0 => fill(&mut mask, range, KEEP),
            Event::HardBreak if skipped == 0 => fill(&mut mask, range, CUT),
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
                if skipped == 0 =>
            {
                fill(&mut mask, range, HIDE);
            }
            _ => {}
        }
    }
    mask
}

/// Bare `http://` and `https://` addresses, up to the first character
/// that cannot be in one.
fn hide_addresses(value: &str, mask: &mut [u8]) {
    static HTTP: Needle = Needle::new("http");
    for start in HTTP.find_iter(value) {
        let rest = &value.as_bytes()[start..];
        if !(rest.starts_with(b"https://") || rest.starts_with(b"http://")) {
            continue;
        }
        let len = rest
            .iter()
            .position(|&b| !b.is_ascii_graphic() || matches!(b, b'<' | b'>' | b'"' | b'`'))
            .unwrap_or(rest.len());
        if mask[start] == KEEP {
            fill(mask, start..start + len, HIDE);
        }
    }
}

/// The searchers for a document's names that `Scoped` hides, built once
/// per document: those of two characters or more.
pub(crate) fn names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<Finder<'a>> {
    names
        .filter(|n| n.chars().nth(1).is_some())
        .map(Finder::new)
        .collect()
}

/// Every mention of a name (see `names`) hidden: 五藤 佑典 keeps its
/// space, ＡＢＣ 太郎 its letters.
fn hide_names(value: &str, mask: &mut [u8], names: &[Finder]) {
    for name in names {
        let len = name.needle().len();
        for at in name.find_iter(value.as_bytes()) {
            if mask[at] == KEEP {
                fill(mask, at..at + len, HIDE);
            }
        }
    }
}

/// The quotation marks whose inside is someone else's words.
const QUOTES: &[(char, char)] = &[('「', '」'), ('『', '』'), ('“', '”')];

/// Hides the inside of every closed quotation (nested ones included) of
/// the kept text; an unclosed quotation, or one running past the end of a
/// paragraph, hides nothing. Whether anything was hidden.
fn hide_quotations(value: &str, mask: &mut [u8]) -> Vec<Range<usize>> {
    // Every opening mark in order, each kind found by a `Needle`.
    static OPENERS: [(Needle, char); 3] = [
        (Needle::new("「"), '「'),
        (Needle::new("『"), '『'),
        (Needle::new("“"), '“'),
    ];
    let mut openers: Vec<(usize, char)> = OPENERS
        .iter()
        .flat_map(|(needle, open)| needle.find_iter(value).map(move |i| (i, *open)))
        .collect();
    openers.sort_unstable_by_key(|(i, _)| *i);
    let mut hidden = Vec::new();
    let mut at = 0;
    for (start, c) in openers {
        if start < at || mask[start] != KEEP {
            continue;
        }
        at = start + c.len_utf8();
        let Some(&(open, close)) = QUOTES.iter().find(|(o, _)| *o == c) else {
            continue;
        };
        if let Some(end) = closing(value, mask, at, open, close) {
            fill(mask, at..end, HIDE);
            hidden.push(at..end);
            at = end + close.len_utf8();
        }
    }
    hidden
}

/// The offset of the kept mark closing a quotation whose inside starts
/// at `from`.
fn closing(value: &str, mask: &[u8], from: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in value[from..].char_indices() {
        let at = from + i;
        match mask[at] {
            CUT => return None,
            HIDE => continue,
            _ => {}
        }
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(at);
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

    /// The shortcut for plain paragraphs gives what pulldown-cmark gives.
    #[test]
    fn plain_paragraphs_read_as_markdown_does() {
        let samples = [
            "一行だけ。",
            "一行目。\n二行目。\n",
            "段落一。\n\n段落二。\n",
            "段落一。\n\n\n  段落二の字下げ。\n続き。",
            "  先頭の空白。\n   三つ。\n\n",
            "折り返し された文 (かっこ) “引用” ── 記号。\n",
            "\n\n前の空行。\n \n後。\n",
            "末尾の空白 \n次。",
            "値の終わりの空白。 ",
            "一。\n\n二。 \n\n三。",
        ];
        for value in samples {
            assert!(is_plain_paragraphs(value), "{value:?}");
            assert_eq!(plain_mask(value), parsed_mask(value), "{value:?}");
        }
        for value in [
            "- 項目",
            "1. 番号",
            "> 引用",
            "見出し\n---",
            "[リンク](u)",
            "    コード",
            "改行  \n次",
        ] {
            assert!(!is_plain_paragraphs(value), "{value:?}");
        }
    }

    /// And so for every text field of the bundled documents and the corpus.
    #[test]
    fn plain_fields_of_real_notes_read_as_markdown_does() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut plain = 0;
        for dir in ["episodes", "tests/lint-corpus/episodes"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("a folder") {
                let path = entry.expect("an entry").path();
                let loaded = crate::validate::workspace::load_document(&path, None).expect("readable");
                let Some(document) = loaded.document else { continue };
                for value in super::super::text_fields(&document) {
                    if is_plain_paragraphs(value) {
                        plain += 1;
                        assert_eq!(plain_mask(value), parsed_mask(value), "{value:?}");
                    }
                }
            }
        }
        assert!(plain > 50, "{plain}");
    }

    #[test]
    fn quotations_are_hidden_from_words_only() {
        let scoped = Scoped::line("彼は「見れる」と『ﾋﾟｷ』を https://a.jp/x 「閉じない", &[]);
        assert_eq!(
            shown(scoped.words()),
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

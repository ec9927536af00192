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

/// How a field's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Markdown prose (lead, body, point text).
    Markdown,
    /// A one-line field of the producer's (title, heading, label).
    Line,
}

/// Ends each value in the buffer of `Scope`: no name or address runs
/// across it (a name holding a NUL is looked for field by field).
const SEPARATOR: u8 = 0;

/// The text fields of a document as the rules read them, byte for byte as
/// long as their values. The values are scoped in one buffer, each ended
/// by `SEPARATOR`, so that each name and `http` is looked for once per
/// document rather than once per field.
pub(crate) struct Scope {
    /// The producer's words of every field, quotations included.
    own: String,
    /// What became of each byte of the values (`KEEP`, `HIDE`, `CUT`).
    mask: Vec<u8>,
    /// Each field's bytes in `own`, `None` for a field not scoped.
    fields: Vec<Option<Range<usize>>>,
}

impl Scope {
    /// Scopes the values (`None` for a field the rules do not read);
    /// `names` are the people and organizations of the document, hidden
    /// where the text names them (see `names`).
    pub(crate) fn new<'a>(
        values: impl IntoIterator<Item = Option<(&'a str, Syntax)>>,
        names: &[Name],
    ) -> Self {
        let values: Vec<Option<(&str, Syntax)>> = values.into_iter().collect();
        let total = values.iter().flatten().map(|(v, _)| v.len() + 1).sum();
        let mut text = String::with_capacity(total);
        let mut mask = Vec::with_capacity(total);
        let mut fields = Vec::with_capacity(values.len());
        for value in values {
            let Some((value, syntax)) = value else {
                fields.push(None);
                continue;
            };
            let start = text.len();
            text.push_str(value);
            text.push(char::from(SEPARATOR));
            mask.resize(start + value.len(), KEEP);
            if syntax == Syntax::Markdown {
                markdown_mask(value, &mut mask[start..]);
            }
            mask.push(KEEP);
            fields.push(Some(start..start + value.len()));
        }
        hide_addresses(&text, &mut mask);
        hide_names(&text, &fields, &mut mask, names);
        let own = render(&text, &mask);
        Self { own, mask, fields }
    }

    /// The own words of every field, each ended by `SEPARATOR`.
    pub(crate) fn text(&self) -> &str {
        &self.own
    }

    /// Field `i`'s own words (quotations included) and the mask of its
    /// bytes, if the rules read it.
    pub(crate) fn field(&self, i: usize) -> Option<(&str, &[u8])> {
        let range = self.fields.get(i)?.clone()?;
        Some((self.own.get(range.clone())?, self.mask.get(range)?))
    }
}

/// What becomes of each byte of a value: kept, or replaced by `HIDDEN` or
/// `BREAK`. Every change of state falls on a character boundary.
const KEEP: u8 = 0;
const HIDE: u8 = 1;
const CUT: u8 = 2;

/// The value with the masked bytes replaced by their placeholders.
fn render(value: &str, mask: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < mask.len() {
        let state = mask[i];
        let run = if state == KEEP {
            // Most of a mask is long runs of `KEEP`: their ends are
            // looked for a block of bytes at a time.
            memchr::memchr2(HIDE, CUT, &mask[i..]).unwrap_or(mask.len() - i)
        } else {
            run_of(&mask[i..], state)
        };
        match (state, value.get(i..i + run)) {
            (KEEP, Some(kept)) => out.push_str(kept),
            (HIDE, _) => push_run(&mut out, HIDDENS, run),
            _ => push_run(&mut out, BREAKS, run),
        }
        i += run;
    }
    out
}

/// Runs of `HIDDEN` and of `BREAK`, pushed a slice at a time by
/// `push_run` (a `char` at a time, each is encoded and its room checked).
const HIDDENS: &str = "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}";
const BREAKS: &str = "\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}";

/// `len` characters of `run` (`HIDDENS` or `BREAKS`) pushed.
fn push_run(out: &mut String, run: &str, mut len: usize) {
    while len > 0 {
        let part = len.min(run.len());
        out.push_str(run.get(..part).unwrap_or_default());
        len -= part;
    }
}

/// How many bytes at the start of `mask` are `state`, eight at a time.
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
#[cfg(test)]
fn is_plain_paragraphs(value: &str) -> bool {
    plain_mask_into(value, &mut vec![KEEP; value.len()])
}

/// Whether a value has no inline syntax: none of its ASCII characters,
/// looked for three at a time by memchr.
fn has_no_markup(value: &str) -> bool {
    const MARKUP: [[u8; 3]; 5] = [
        [b'[', b']', b'`'],
        [b'<', b'>', b'*'],
        [b'_', b'#', b'!'],
        [b'~', b'\\', b'&'],
        [b'|', b'\t', b'\r'],
    ];
    let bytes = value.as_bytes();
    !MARKUP
        .iter()
        .any(|&[a, b, c]| memchr::memchr3(a, b, c, bytes).is_some())
}

/// Whether a line (without its `\n`) could start a block, or ends in a
/// hard break.
fn starts_block(line: &[u8], indent: usize) -> bool {
    let marker = line
        .get(indent)
        .is_some_and(|b| matches!(b, b'-' | b'+' | b'=' | b'0'..=b'9'));
    indent >= 4 || marker || line.ends_with(b"  ")
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
#[cfg(test)]
fn plain_mask(value: &str) -> Vec<u8> {
    let mut mask = vec![KEEP; value.len()];
    plain_mask_into(value, &mut mask);
    mask
}

/// `plain_mask` into the value's bytes of a mask, all `KEEP`, if the
/// value is plain paragraphs (`is_plain_paragraphs`): whether it is. The
/// lines are read once for both.
fn plain_mask_into(value: &str, mask: &mut [u8]) -> bool {
    if !has_no_markup(value) {
        return false;
    }
    let mut at = 0;
    for line in lines(value) {
        let indent = spaces(line.as_bytes().iter());
        // A line of `lines` ends with at most one line break.
        let content = line.strip_suffix('\n').unwrap_or(line);
        if starts_block(content.as_bytes(), indent) {
            return false;
        }
        if is_blank(&line[indent..]) {
            fill(mask, at..at + line.len(), CUT);
            // The break that ends the paragraph before a blank line.
            if at > 0 && mask[at - 1] == KEEP && value.as_bytes()[at - 1] == b'\n' {
                mask[at - 1] = CUT;
            }
        } else {
            // Most lines have no space at either end: nothing to cut.
            if indent > 0 {
                fill(mask, at..at + indent, CUT);
            }
            let trailing = spaces(content.as_bytes().iter().rev());
            if trailing > 0 {
                fill(mask, at + content.len() - trailing..at + content.len(), CUT);
            }
        }
        at += line.len();
    }
    // The line break that ends the value is not text either.
    if value.ends_with('\n') {
        let end = value.len();
        fill(mask, end - 1..end, CUT);
    }
    true
}

/// Whether a line holds nothing but white space (as `str::trim_start`
/// reads it): told by its first character for most lines.
fn is_blank(line: &str) -> bool {
    match line.chars().next() {
        Some(first) if !first.is_whitespace() => false,
        _ => line.trim_start().is_empty(),
    }
}

/// How many spaces the bytes start with: counted by bytes, as `str`'s
/// char searchers cost more than the few bytes they skip.
fn spaces<'a>(bytes: impl Iterator<Item = &'a u8>) -> usize {
    bytes.take_while(|b| **b == b' ').count()
}

/// Keeps the text events of a Markdown value outside skipped containers:
/// the mask of its bytes, all `KEEP` until then. Plain paragraphs are
/// read without pulldown-cmark (a unit test holds them to it).
fn markdown_mask(value: &str, mask: &mut [u8]) {
    if !plain_mask_into(value, mask) {
        parsed_mask_into(value, mask);
    }
}

/// `markdown_mask` through pulldown-cmark.
#[cfg(test)]
fn parsed_mask(value: &str) -> Vec<u8> {
    let mut mask = vec![KEEP; value.len()];
    parsed_mask_into(value, &mut mask);
    mask
}

/// `parsed_mask` into the value's bytes of a mask.
fn parsed_mask_into(value: &str, mask: &mut [u8]) {
    mask.fill(CUT);
    let mut skipped = 0usize;
    let parser = Parser::new_ext(value, Options::ENABLE_STRIKETHROUGH).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                if skipped == 0 && is_inline(&tag) {
                    fill(mask, range, HIDE);
                }
                if is_skipped(&tag) {
                    skipped += 1;
                }
            }
            Event::End(tag) if ends_skipped(&tag) => {
                skipped = skipped.saturating_sub(1);
            }
            Event::Text(_) | Event::SoftBreak if skipped == 0 => fill(mask, range, KEEP),
            Event::HardBreak if skipped == 0 => fill(mask, range, CUT),
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
                if skipped == 0 =>
            {
                fill(mask, range, HIDE);
            }
            _ => {}
        }
    }
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

/// The searchers for a document's names that `Scope` hides, built once
/// per document: those of two characters or more.
pub(crate) fn names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<Name<'a>> {
    names
        .filter(|n| n.chars().nth(1).is_some())
        .map(Name::new)
        .collect()
}

/// A name and how it is looked for. Most names hold an ASCII byte (a
/// letter, a parenthesis, the space of `馬田 隆明`), which Japanese text
/// holds few of: memchr finds that byte and the name is compared around
/// it, with no searcher to build for each document. A name of kana and
/// kanji alone gets a memmem `Finder`.
pub(crate) enum Name<'a> {
    /// The name and the offset of its byte found by memchr.
    Byte(&'a [u8], usize),
    Memmem(Box<Finder<'a>>),
}

impl<'a> Name<'a> {
    fn new(name: &'a str) -> Self {
        let bytes = name.as_bytes();
        // The space and lowercase letters are the commonest ASCII bytes
        // of Japanese notes (between Latin words).
        let rank = |b: u8| match b {
            b' ' => 3,
            b'a'..=b'z' => 2,
            _ => 1,
        };
        let anchor = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_ascii())
            .min_by_key(|(_, b)| rank(**b));
        match anchor {
            Some((at, _)) => Name::Byte(bytes, at),
            None => Name::Memmem(Box::new(Finder::new(name))),
        }
    }

    fn needle(&self) -> &[u8] {
        match self {
            Name::Byte(name, _) => name,
            Name::Memmem(finder) => finder.needle(),
        }
    }

    /// Each offset of the name in `haystack`, left to right, not
    /// overlapping (as memmem's `find_iter`).
    fn each(&self, haystack: &[u8], mut found: impl FnMut(usize)) {
        let (name, at) = match self {
            Name::Memmem(finder) => return finder.find_iter(haystack).for_each(found),
            Name::Byte(name, at) => (*name, *at),
        };
        // Each match has its own byte at `at`: the byte's offsets in
        // order give the matches in order.
        let mut free = 0;
        for i in memchr::memchr_iter(name[at], haystack) {
            let Some(start) = i.checked_sub(at).filter(|s| *s >= free) else {
                continue;
            };
            let end = start + name.len();
            if haystack.get(start..end) == Some(name) {
                found(start);
                free = end;
            }
        }
    }
}

/// Every mention of a name (see `names`) hidden: 五藤 佑典 keeps its
/// space, ＡＢＣ 太郎 its letters. `text` holds the values of `fields`,
/// each ended by `SEPARATOR`: a name without one is found within a value
/// only, and looked for once in the whole text.
fn hide_names(text: &str, fields: &[Option<Range<usize>>], mask: &mut [u8], names: &[Name]) {
    for name in names {
        let len = name.needle().len();
        let mut hide = |at: usize| {
            if mask[at] == KEEP {
                fill(mask, at..at + len, HIDE);
            }
        };
        if !name.needle().contains(&SEPARATOR) {
            name.each(text.as_bytes(), &mut hide);
            continue;
        }
        for range in fields.iter().flatten() {
            let value = &text.as_bytes()[range.clone()];
            name.each(value, |at| hide(range.start + at));
        }
    }
}

/// The quotation marks whose inside is someone else's words.
const QUOTES: &[(char, char)] = &[('「', '」'), ('『', '』'), ('“', '”')];

/// The insides of the closed quotations (nested ones included) of a
/// field's own words, in order, from the marks of its own words (see
/// `super::decode_into`) and its mask: what every rule but
/// `bracket-pairs` does not read. An unclosed quotation, or one running
/// past the end of a paragraph (a `CUT` byte), hides nothing.
pub(crate) fn quotations(mask: &[u8], marks: &[(usize, char)]) -> Vec<Range<usize>> {
    let mut hidden = Vec::new();
    let mut at = 0;
    for (k, &(start, c)) in marks.iter().enumerate() {
        let Some(&(open, close)) = QUOTES.iter().find(|(o, _)| *o == c) else {
            continue;
        };
        if start < at {
            continue;
        }
        at = start + c.len_utf8();
        if let Some(end) = closing(mask, &marks[k + 1..], open, close) {
            hidden.push(at..end);
            at = end + close.len_utf8();
        }
    }
    hidden
}

/// The offset of the mark closing a quotation, among the marks after its
/// opening one. A byte the mask cuts is a `BREAK` mark of the own words
/// (a `BREAK` the value itself holds is kept, and read as any other mark).
fn closing(mask: &[u8], marks: &[(usize, char)], open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for &(at, c) in marks {
        if c == BREAK && mask.get(at) == Some(&CUT) {
            return None;
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

/// The own words with the insides of quotations (`quotations`) hidden.
#[cfg(test)]
pub(crate) fn hide_quotations(own: &str, quoted: &[Range<usize>]) -> String {
    let mut out = String::new();
    hide_quotations_into(own, quoted, &mut out);
    out
}

/// `hide_quotations` into a buffer that serves field after field.
pub(crate) fn hide_quotations_into(own: &str, quoted: &[Range<usize>], out: &mut String) {
    out.clear();
    out.reserve(own.len());
    let mut from = 0;
    for range in quoted {
        out.push_str(own.get(from..range.start).unwrap_or_default());
        push_run(out, HIDDENS, range.len());
        from = range.end;
    }
    out.push_str(own.get(from..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::lint::samples;

    fn shown(text: &str) -> String {
        text.replace(HIDDEN, "_").replace(BREAK, "|")
    }

    /// A value alone, scoped: its own words and its words.
    fn scoped(value: &str, syntax: Syntax, names: &[&str]) -> (String, String) {
        let names = super::names(names.iter().copied());
        let scope = Scope::new([Some((value, syntax))], &names);
        let (own, mask) = scope.field(0).expect("scoped");
        let quoted = quotations(mask, &super::super::marks(own));
        (own.to_string(), hide_quotations(own, &quoted))
    }

    #[test]
    fn markdown_keeps_the_producers_words_at_their_offsets() {
        let value = "詳しくは[米ＣＤＣの発表](https://e.jp)と`ｺｰﾄﾞ`を参照。\n\n> 引用ﾂｲｰﾄ\n\n**重要**です";
        let (own, _) = scoped(value, Syntax::Markdown, &[]);
        assert_eq!(own.len(), value.len());
        let own = shown(&own);
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

    /// And so for generated texts (lines of spaces, indents and trailing
    /// spaces among them). Not for a line of other Unicode white space
    /// alone (U+3000): the shortcut reads it as a blank line, as it always
    /// has, where pulldown-cmark reads text.
    #[test]
    fn plain_generated_texts_read_as_markdown_does() {
        let mut plain = 0;
        let unicode_blank = |value: &str| {
            lines(value).any(|line| line.trim().is_empty() && !line.trim_matches([' ', '\n']).is_empty())
        };
        for value in samples::texts(5, 4000, 30, false) {
            if is_plain_paragraphs(&value) && !unicode_blank(&value) {
                plain += 1;
                assert_eq!(plain_mask(&value), parsed_mask(&value), "{value:?}");
            }
        }
        assert!(plain > 500, "{plain}");
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
        let (own, words) = scoped(
            "彼は「見れる」と『ﾋﾟｷ』を https://a.jp/x 「閉じない",
            Syntax::Line,
            &[],
        );
        assert_eq!(
            shown(&words),
            format!(
                "彼は「{}」と『{}』を {} 「閉じない",
                "_".repeat(9),
                "_".repeat(9),
                "_".repeat(14)
            )
        );
        assert!(own.contains("「見れる」"));
    }

    /// The value with its mask applied, as the rules read it, field by
    /// field as the scope did before it put every field in one buffer:
    /// the reference for `Scope`.
    fn field_by_field(value: &str, syntax: Syntax, names: &[Name]) -> (String, Vec<u8>) {
        let mut mask = vec![KEEP; value.len()];
        if syntax == Syntax::Markdown {
            markdown_mask(value, &mut mask);
        }
        hide_addresses(value, &mut mask);
        for name in names {
            let len = name.needle().len();
            for at in Finder::new(name.needle()).find_iter(value.as_bytes()) {
                if mask[at] == KEEP {
                    fill(&mut mask, at..at + len, HIDE);
                }
            }
        }
        (render(value, &mask), mask)
    }

    /// The quotations as found before the marks were: every opening mark
    /// of the value, and a walk over its characters to the closing one.
    fn reference_quotations(value: &str, mask: &[u8]) -> Vec<Range<usize>> {
        let mut openers: Vec<(usize, char)> = value
            .char_indices()
            .filter(|(_, c)| QUOTES.iter().any(|(o, _)| o == c))
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
            let mut depth = 0usize;
            let mut end = None;
            for (i, c) in value[at..].char_indices() {
                match mask[at + i] {
                    CUT => break,
                    HIDE => continue,
                    _ => {}
                }
                if c == open {
                    depth += 1;
                } else if c == close {
                    if depth == 0 {
                        end = Some(at + i);
                        break;
                    }
                    depth -= 1;
                }
            }
            if let Some(end) = end {
                hidden.push(at..end);
                at = end + close.len_utf8();
            }
        }
        hidden
    }

    /// `render` puts each masked byte's placeholder in its place, over
    /// the masks of generated texts (addresses and Markdown hidden).
    #[test]
    fn render_replaces_each_masked_byte() {
        let mut masked = 0;
        for value in samples::texts(9, 400, 40, true) {
            let mut mask = vec![KEEP; value.len()];
            markdown_mask(&value, &mut mask);
            hide_addresses(&value, &mut mask);
            let bytes: Vec<u8> = value
                .bytes()
                .zip(&mask)
                .map(|(b, m)| match *m {
                    KEEP => b,
                    HIDE => HIDDEN as u8,
                    _ => BREAK as u8,
                })
                .collect();
            let expected = String::from_utf8(bytes).expect("masks end on character boundaries");
            assert_eq!(render(&value, &mask), expected, "{value:?}");
            masked += mask.iter().filter(|m| **m != KEEP).count();
        }
        assert!(masked > 1000, "{masked}");
    }

    #[test]
    fn runs_of_placeholders() {
        assert!(HIDDENS.chars().all(|c| c == HIDDEN) && BREAKS.chars().all(|c| c == BREAK));
        let mut out = String::new();
        push_run(&mut out, HIDDENS, 40);
        assert_eq!(out, HIDDEN.to_string().repeat(40));
    }

    /// A name found by one of its bytes is found where memmem finds it:
    /// left to right, not overlapping, repeats and near misses included.
    #[test]
    fn names_are_found_as_memmem_finds_them() {
        let mut rng = samples::Rng::new(3);
        let names = ["a a", "aa a", "馬田 隆明", "(PEP)", "PEP", "Ｘ 線 Ｘ", "ab"];
        let pieces = [
            "a", " ", "aa", "馬田", " 隆明", "(", "PEP)", "Ｘ", "線", "b", "あ",
        ];
        for name in names {
            let searched = Name::new(name);
            assert!(matches!(searched, Name::Byte(..)), "{name}");
            for _ in 0..500 {
                let text: String = (0..rng.below(12)).map(|_| rng.pick(&pieces)).collect();
                let mut found = Vec::new();
                searched.each(text.as_bytes(), |at| found.push(at));
                let expected: Vec<usize> = Finder::new(name).find_iter(text.as_bytes()).collect();
                assert_eq!(found, expected, "{name:?} in {text:?}");
            }
        }
    }

    /// One buffer for all the fields of a document scopes each as it was
    /// scoped alone (names and addresses stop at the end of a value, a
    /// name holding a NUL included); the quotations found from the marks
    /// of the own words are those found by walking the value.
    #[test]
    fn fields_in_one_buffer_scope_as_alone() {
        let mut rng = samples::Rng::new(7);
        let mut names: Vec<&str> = samples::NAMES.to_vec();
        names.extend(["佑典\u{0}ＡＢＣ", "\u{0}", "です。\u{0}"]);
        let names = super::names(names.into_iter());
        let mut quotations_seen = 0;
        for round in 0..300u64 {
            let markdown = samples::texts(round, 6, 40, true);
            let lines = samples::texts(round + 1000, 6, 8, false);
            let values: Vec<(&str, Syntax)> = (0..12)
                .map(|k| match rng.below(3) {
                    0 => (lines[k % 6].as_str(), Syntax::Line),
                    _ => (markdown[k % 6].as_str(), Syntax::Markdown),
                })
                .collect();
            let skipped = rng.below(12);
            let scope = Scope::new(
                values
                    .iter()
                    .enumerate()
                    .map(|(k, v)| (k != skipped).then_some(*v)),
                &names,
            );
            for (k, (value, syntax)) in values.iter().enumerate() {
                let Some((own, mask)) = scope.field(k) else {
                    assert_eq!(k, skipped);
                    continue;
                };
                let (expected_own, expected_mask) = field_by_field(value, *syntax, &names);
                assert_eq!(own, expected_own, "{value:?}");
                assert_eq!(mask, expected_mask, "{value:?}");
                let quoted = quotations(mask, &super::super::marks(own));
                assert_eq!(quoted, reference_quotations(value, mask), "{value:?}");
                quotations_seen += quoted.len();
            }
        }
        assert!(quotations_seen > 1000, "{quotations_seen}");
    }
}

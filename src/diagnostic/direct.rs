//! The common blocks written directly, without annotate-snippets: a file
//! and one span on one source line (optionally labelled), a file alone,
//! or no file; each with or without a help. annotate-snippets would lay
//! them out as a grid of styled cells (some 35,000 instructions a block);
//! these shapes are a few lines of fixed form, so they are written as
//! annotate-snippets writes them, byte for byte, with colors or without:
//!
//! ```text
//! warning: <message>
//!   --> <path>:<line>:<column>
//!    |
//! 13 |   - at: "01:40"
//!    |         ^^^^^^^ <label>
//!    |
//!    = help: <help>
//! ```
//!
//! Only when nothing in the block makes annotate-snippets do more: every
//! character of the source line is one whose width is known here (a
//! table, each range checked against unicode-width, which
//! annotate-snippets measures with), none it replaces (tabs, controls,
//! ZWJ, bidi controls: none is in the table), the line is short enough
//! never to be cut to the terminal's width and has too little indentation
//! to be trimmed, and the message, help and label are each written as
//! they are (`written_as_it_is`). Anything else is laid out by
//! annotate-snippets (`layout.rs`); a unit test holds the two to the
//! same bytes over tens of thousands of generated diagnostics.

use crate::diagnostic::{Diagnostic, Place, Severity, written_as_it_is};
use annotate_snippets::renderer::{
    DEFAULT_EMPHASIS_STYLE, DEFAULT_ERROR_STYLE, DEFAULT_LINE_NUM_STYLE, DEFAULT_TERM_WIDTH,
    DEFAULT_WARNING_STYLE, Style,
};
use std::ops::Range;
use std::sync::LazyLock;

/// annotate-snippets trims a source line's indentation when the left-most
/// span and the indentation are both over 26 columns (its margin.rs:
/// `LONG_WHITESPACE` 20 plus the 6 columns of `ELLIPSIS_PASSING`).
const MAX_INDENT: usize = 26;

/// The characters whose width is known here, as ranges with the width
/// annotate-snippets gives each (`unicode_width::UnicodeWidthChar::width`):
/// printable ASCII, Latin-1 letters and signs, general punctuation, and
/// the Japanese ones: CJK punctuation, kana, kanji, fullwidth and
/// halfwidth forms, and the emoticons. Left out: tabs, controls, combining
/// and zero-width marks, and whatever else is not listed.
const WIDTHS: [(char, char, usize); 17] = [
    (' ', '~', 1),
    ('\u{A1}', '\u{AC}', 1),
    ('\u{AE}', '\u{FF}', 1),
    ('\u{2010}', '\u{2027}', 1),
    ('\u{2030}', '\u{205E}', 1),
    ('\u{3000}', '\u{3029}', 2),
    ('\u{3030}', '\u{303E}', 2),
    ('\u{3041}', '\u{3096}', 2),
    ('\u{309B}', '\u{30FF}', 2),
    ('\u{3400}', '\u{4DBF}', 2),
    ('\u{4E00}', '\u{9FFF}', 2),
    ('\u{F900}', '\u{FAFF}', 2),
    ('\u{FF01}', '\u{FF60}', 2),
    ('\u{FF61}', '\u{FF9F}', 1),
    ('\u{FFE0}', '\u{FFE6}', 2),
    ('\u{1F600}', '\u{1F64F}', 2),
    ('\u{20000}', '\u{2FFFD}', 2),
];

/// The width of `c`, when it is one of `WIDTHS`.
fn width(c: char) -> Option<usize> {
    if c.is_ascii() {
        return (' '..='~').contains(&c).then_some(1);
    }
    // The first range that does not end before `c` (they are in order).
    let at = WIDTHS.partition_point(|(_, last, _)| *last < c);
    WIDTHS
        .get(at)
        .filter(|(first, _, _)| *first <= c)
        .map(|(_, _, width)| *width)
}

/// The escape sequences that start and end one style.
struct Paint {
    on: String,
    off: String,
}

impl Paint {
    const NONE: Self = Self {
        on: String::new(),
        off: String::new(),
    };

    fn of(style: Style) -> Self {
        Self {
            on: style.render().to_string(),
            off: style.render_reset().to_string(),
        }
    }

    /// Appends `texts` in this style.
    fn put(&self, texts: &[&str], out: &mut String) {
        self.start(out);
        texts.iter().for_each(|text| out.push_str(text));
        self.end(out);
    }

    /// Appends the start of the style (nothing without colors).
    fn start(&self, out: &mut String) {
        if !self.on.is_empty() {
            out.push_str(&self.on);
        }
    }

    fn end(&self, out: &mut String) {
        if !self.off.is_empty() {
            out.push_str(&self.off);
        }
    }
}

/// The styles of a block: `Renderer::styled()`'s, or none.
struct Palette {
    error: Paint,
    warning: Paint,
    /// The gutter: line numbers, `-->`, `|`, `=`.
    line_num: Paint,
    /// The title's text and the word `help`.
    emphasis: Paint,
}

static PLAIN: Palette = Palette {
    error: Paint::NONE,
    warning: Paint::NONE,
    line_num: Paint::NONE,
    emphasis: Paint::NONE,
};

static STYLED: LazyLock<Palette> = LazyLock::new(|| Palette {
    error: Paint::of(DEFAULT_ERROR_STYLE),
    warning: Paint::of(DEFAULT_WARNING_STYLE),
    line_num: Paint::of(DEFAULT_LINE_NUM_STYLE),
    emphasis: Paint::of(DEFAULT_EMPHASIS_STYLE),
});

/// Where the carets go on a source line, in columns of the terminal.
pub(crate) struct Carets {
    /// The line's number and the width of the gutter it takes.
    line: usize,
    gutter: usize,
    /// The span's first character, counted from 1 (the ` --> ` line).
    column: usize,
    /// The columns before the span, and the span's (one at least).
    before: usize,
    width: usize,
}

/// A block of one of the common shapes (`Place`), worked out once for
/// diagnostics at one place (`Diagnostic::same_place`).
pub(crate) enum Plan {
    /// A span on a source line: ` --> path:line:column`, the line, carets.
    Line(Carets),
    /// A file as a whole: ` --> path`.
    File,
    /// No file: the title alone.
    Nowhere,
}

impl Plan {
    /// The plan of `diagnostic`'s block, when it is written directly.
    pub(crate) fn of(diagnostic: &Diagnostic) -> Option<Self> {
        let label = diagnostic.label.as_deref().unwrap_or_default();
        if !label.is_empty() && !written_as_it_is(label) {
            return None;
        }
        match diagnostic.place() {
            Place::Line { number, text, span } => carets(number, text, span).map(Self::Line),
            Place::File => Some(Self::File),
            Place::Nowhere => Some(Self::Nowhere),
        }
    }

    /// Appends `diagnostic`'s block to `out`. False (and nothing appended)
    /// when its message or help is not written as it is.
    pub(crate) fn write(&self, diagnostic: &Diagnostic, color: bool, out: &mut String) -> bool {
        let texts = diagnostic.free_texts();
        if !written_as_it_is(texts.message) || !texts.help.is_none_or(written_as_it_is) {
            return false;
        }
        let palette = if color { &*STYLED } else { &PLAIN };
        let [text, label] = diagnostic.laid_out_texts();
        // The texts, the carets and the spaces before them, and the rest
        // (some 40 characters, and 20 escape sequences in colors).
        let free = texts.message.len() + texts.help.map_or(0, str::len) + texts.path.len();
        out.reserve(free + 3 * (text.len() + label.len()) + 256);
        let level = match diagnostic.severity {
            Severity::Error => &palette.error,
            Severity::Warning => &palette.warning,
        };
        level.put(&[diagnostic.severity.name()], out);
        palette.emphasis.put(&[": ", texts.message], out);
        let gutter = match self {
            Self::Line(carets) => {
                carets.write(texts.path, text, label, palette, level, out);
                carets.gutter
            }
            Self::File => {
                out.push('\n');
                palette.line_num.put(&["--> "], out);
                out.push_str(texts.path);
                0
            }
            Self::Nowhere => 0,
        };
        if let Some(help) = texts.help {
            // After a ` --> path` alone, no `|` line.
            if !matches!(self, Self::File) {
                bar(gutter, palette, out);
            }
            out.push('\n');
            spaces(gutter + 1, out);
            palette.line_num.put(&["= "], out);
            palette.emphasis.put(&["help"], out);
            out.push_str(": ");
            out.push_str(help);
        }
        true
    }
}

impl Carets {
    /// Appends the ` --> ` line, the source line and its carets.
    fn write(&self, path: &str, text: &str, label: &str, palette: &Palette, level: &Paint, out: &mut String) {
        let gutter = self.gutter;
        out.push('\n');
        spaces(gutter, out);
        palette.line_num.put(&["--> "], out);
        out.push_str(path);
        out.push(':');
        decimal(self.line, out);
        out.push(':');
        decimal(self.column, out);
        bar(gutter, palette, out);
        out.push('\n');
        palette.line_num.start(out);
        decimal(self.line, out);
        palette.line_num.end(out);
        out.push(' ');
        palette.line_num.put(&["|"], out);
        if !text.is_empty() {
            out.push(' ');
            out.push_str(text);
        }
        bar(gutter, palette, out);
        spaces(1 + self.before, out);
        level.start(out);
        repeat(CARETS, self.width, out);
        level.end(out);
        if !label.is_empty() {
            out.push(' ');
            level.put(&[label], out);
        }
    }
}

/// Where the carets go under `span` of source line `number`, `text`; none
/// when a character's width is not known here, or annotate-snippets would
/// cut the line to the terminal or trim its indentation.
fn carets(number: usize, text: &str, span: Range<usize>) -> Option<Carets> {
    let gutter = number.checked_ilog10().map_or(1, |digits| digits as usize + 1);
    // The columns left of the terminal's after the gutter and ` | `.
    let room = DEFAULT_TERM_WIDTH.checked_sub(gutter + 3)?;
    let (mut columns, mut before, mut width, mut column) = (0, 0, 0, 1);
    let indent = text.chars().take_while(|c| c.is_whitespace()).count();
    for (at, c) in text.char_indices() {
        let w = self::width(c)?;
        columns += w;
        if at < span.start {
            before += w;
            column += 1;
        } else if at < span.end {
            width += w;
        }
    }
    (columns <= room && indent <= MAX_INDENT).then_some(Carets {
        line: number,
        gutter,
        column,
        before,
        // An empty span (at the line's end) gets one caret.
        width: width.max(1),
    })
}

/// A line break and the gutter's empty `|`.
fn bar(gutter: usize, palette: &Palette, out: &mut String) {
    out.push('\n');
    spaces(gutter + 1, out);
    palette.line_num.put(&["|"], out);
}

/// Runs of spaces and of carets to copy from, a line's width at most.
const SPACES: &str = run_of(&[b' '; 160]);
const CARETS: &str = run_of(&[b'^'; 160]);
// Neither is empty (`repeat` takes a part of one at a time).
const _: () = assert!(!SPACES.is_empty() && !CARETS.is_empty());

const fn run_of(bytes: &'static [u8]) -> &'static str {
    match std::str::from_utf8(bytes) {
        Ok(run) => run,
        Err(_) => "",
    }
}

/// Appends `count` characters of `run` (one ASCII character repeated).
fn repeat(run: &str, count: usize, out: &mut String) {
    let mut left = count;
    while left > 0 {
        let part = left.min(run.len());
        out.push_str(&run[..part]);
        left -= part;
    }
}

fn spaces(count: usize, out: &mut String) {
    repeat(SPACES, count, out);
}

/// Appends `number` in decimal digits.
fn decimal(number: usize, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(number));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::layout::render_run;
    use crate::diagnostic::source::SourceFile;
    use crate::diagnostic::span::Span;
    use crate::input::rng::Rng;
    use std::path::Path;
    use std::sync::Arc;

    /// The block annotate-snippets lays out.
    fn laid_out(diagnostic: &Diagnostic, color: bool) -> String {
        diagnostic.block(&diagnostic.free_texts(), color)
    }

    /// The block written directly, when it is.
    fn written(diagnostic: &Diagnostic, color: bool) -> Option<String> {
        let mut out = String::new();
        let plan = Plan::of(diagnostic)?;
        plan.write(diagnostic, color, &mut out).then_some(out)
    }

    fn file(text: &str, path: &str) -> Arc<SourceFile> {
        SourceFile::new(Path::new("ep.yaml"), path.into(), text.into())
    }

    /// A diagnostic at bytes `start..end` of `text`'s line `line` (the
    /// number shown), with a line before and after it in the file.
    fn at(text: &str, start: usize, end: usize, line: usize) -> Diagnostic {
        let source = format!("before: 1\n{text}\nafter: 2\n");
        let span = Span {
            line,
            column: 1,
            start: start + 10,
            end: end + 10,
        };
        Diagnostic::warning("x", "over").at(&file(&source, "episodes/ep.yaml"), span)
    }

    /// Every character of `WIDTHS` has the width given there, and is none
    /// annotate-snippets replaces or counts otherwise.
    #[test]
    fn the_widths_are_unicode_widths() {
        use unicode_width::UnicodeWidthChar;
        // In order and apart, as `width` looks them up.
        assert!(WIDTHS.windows(2).all(|pair| pair[0].1 < pair[1].0));
        assert!(WIDTHS.iter().all(|(first, last, _)| first <= last));
        for (first, last, columns) in WIDTHS {
            for c in first..=last {
                assert_eq!(c.width(), Some(columns), "{c:?} U+{:04X}", c as u32);
                assert_eq!(width(c), Some(columns), "{c:?}");
                assert!(written_as_it_is(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
        for c in [
            '\t', '\n', '\r', '\u{7}', '\u{7f}', '\u{85}', '\u{AD}', '\u{200B}', '\u{200D}',
        ] {
            assert_eq!(width(c), None, "{c:?}");
        }
        for c in [
            '\u{202E}',
            '\u{2066}',
            '\u{3099}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{1F3FB}',
        ] {
            assert_eq!(width(c), None, "{c:?}");
        }
    }

    /// annotate-snippets puts the carets where the widths of `WIDTHS` say:
    /// every character of the table, 30 at a time before a span, with
    /// colors and without.
    #[test]
    fn annotate_snippets_measures_with_the_same_widths() {
        let every: Vec<char> = WIDTHS
            .iter()
            .flat_map(|(first, last, _)| *first..=*last)
            .collect();
        for (i, chunk) in every.chunks(30).enumerate() {
            let text: String = chunk.iter().chain(['x', 'y'].iter()).collect();
            let start = text.len() - 2;
            let diagnostic = at(&text, start, start + 1, i + 1).label("here");
            let color = i % 2 == 0;
            let written = written(&diagnostic, color);
            assert!(written.is_some(), "{text:?}");
            assert_eq!(written, Some(laid_out(&diagnostic, color)), "{text:?}");
        }
    }

    /// At the edges: lines as wide as the terminal leaves room for, and
    /// one column wider, for gutters of 1 to 6 digits; indentation of 26
    /// columns and more, under spans left and right of it. The direct
    /// road is taken up to the edge, and gives the same bytes.
    #[test]
    fn lines_up_to_the_terminals_width_and_indented() {
        for gutter in 1..=6u32 {
            let number = 10usize.pow(gutter - 1);
            let room = DEFAULT_TERM_WIDTH - 3 - gutter as usize;
            for columns in [room - 1, room, room + 1] {
                let odd = "x".repeat(columns % 2);
                for text in ["x".repeat(columns), "漢".repeat(columns / 2) + &odd] {
                    for start in [0, text.len() / 2, text.len()] {
                        let diagnostic = at(&text, start, start + 1, number).label("l");
                        let written = written(&diagnostic, true);
                        assert_eq!(written.is_some(), columns <= room, "{columns} {text}");
                        if let Some(written) = written {
                            assert_eq!(written, laid_out(&diagnostic, true), "{text}");
                        }
                        assert_eq!(render_one(&diagnostic), laid_out(&diagnostic, false));
                    }
                }
            }
        }
        for indent in 20..40 {
            for space in [" ", "\u{3000}"] {
                let text = format!("{}- at: \"01:40\"", space.repeat(indent));
                for start in [0, indent * space.len() / 2, text.len() - 3] {
                    let diagnostic = at(&text, start, start + 2, 13);
                    let written = written(&diagnostic, false);
                    assert_eq!(written.is_some(), indent <= MAX_INDENT, "{text:?}");
                    assert_eq!(render_one(&diagnostic), laid_out(&diagnostic, false));
                }
            }
        }
    }

    fn render_one(diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        render_run(&[diagnostic], false, "", &mut out);
        out
    }

    /// Pieces of source lines, labels and texts: most written directly,
    /// some not (tabs, controls, combining and zero-width marks, emoji
    /// sequences, characters outside the table).
    const SAFE: &[&str] = &[
        "title: ",
        "\"",
        "a",
        "Physical AI",
        " ",
        "  ",
        "- at: \"01:40\"",
        "https://example.com/x?y=1#z",
        "{{ page.title }}",
        "テクノロジー競争",
        "ひらがな",
        "経済安全保障",
        "ＡＢＣ１２３",
        "！？（）：",
        "\u{3000}",
        "、",
        "。",
        "「",
        "」",
        "ｶﾀｶﾅﾞ",
        "〜",
        "ー・",
        "※",
        "…",
        "—",
        "é",
        "😀",
        "𠮷",
        "々〆",
    ];
    const UNSAFE: &[&str] = &[
        "\t",
        "\u{7}",
        "\r",
        "\u{1b}[31m",
        "\u{7f}",
        "\u{85}",
        "\u{A0}",
        "\u{AD}",
        "e\u{301}",
        "か\u{3099}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{2060}",
        "\u{202E}",
        "\u{2066}",
        "🎙",
        "👍🏻",
        "❤\u{FE0F}",
        "👨\u{200D}👩\u{200D}👧",
        "🇯🇵",
        "한국어",
        "Ω",
        "\u{F8F1}",
        "\n",
    ];

    /// Text of `pieces` pieces, one in `unsafe_share` from `UNSAFE`.
    fn text(rng: &mut Rng, pieces: usize, unsafe_share: usize) -> String {
        (0..pieces)
            .map(|_| {
                if rng.below(unsafe_share) == 0 {
                    rng.pick(UNSAFE)
                } else {
                    rng.pick(SAFE)
                }
            })
            .collect()
    }

    /// A source line: mostly short, some long (to several hundred
    /// columns), some indented, some clean and some not.
    fn line(rng: &mut Rng) -> String {
        let pieces = if rng.below(5) == 0 {
            rng.below(160)
        } else {
            rng.below(14)
        };
        let indent = match rng.below(6) {
            0 => " ".repeat(rng.below(40)),
            1 => "\u{3000}".repeat(rng.below(30)),
            _ => " ".repeat(rng.below(8)),
        };
        let unsafe_share = if rng.below(3) == 0 { 6 } else { 400 };
        indent + &text(rng, pieces, unsafe_share)
    }

    /// A text for a message, a help or a label: mostly clean.
    fn free_text(rng: &mut Rng) -> String {
        let pieces = 1 + rng.below(8);
        let unsafe_share = if rng.below(4) == 0 { 3 } else { 1000 };
        text(rng, pieces, unsafe_share)
    }

    fn diagnostic(rng: &mut Rng) -> Diagnostic {
        let message = free_text(rng);
        let mut diagnostic = if rng.below(2) == 0 {
            Diagnostic::error("x", message)
        } else {
            Diagnostic::warning("x", message)
        };
        let path = rng.pick(&["episodes/ep.yaml", "エピソード/第1回.yaml", "", "a b\tc.yaml"]);
        match rng.below(8) {
            0 => {}
            1 => diagnostic = diagnostic.in_file(&file("x: 1\n", path)),
            _ => {
                let line = line(rng);
                let source = format!("before: 1\n{line}\nafter: 2");
                // Any byte of the line, its end, or past it; a span of any
                // length, empty, inside a character, or past the line.
                let start = 10 + rng.below(line.len() + 3);
                let end = start
                    + match rng.below(4) {
                        0 => 0,
                        1 => rng.below(4),
                        _ => rng.below(line.len() + 2),
                    };
                let number = match rng.below(3) {
                    0 => 1 + rng.below(9),
                    1 => 1 + rng.below(999),
                    _ => 1 + rng.below(100_000),
                };
                let span = Span {
                    line: number,
                    column: 1,
                    start,
                    end,
                };
                diagnostic = diagnostic.at(&file(&source, path), span);
                if rng.below(2) == 0 {
                    let label = if rng.below(10) == 0 {
                        String::new()
                    } else {
                        free_text(rng)
                    };
                    diagnostic = diagnostic.label(label);
                }
            }
        }
        if rng.below(3) != 0 {
            diagnostic = diagnostic.help(free_text(rng));
        }
        diagnostic
    }

    /// The blocks written directly are annotate-snippets' blocks, byte for
    /// byte, over generated diagnostics of every shape: source lines of
    /// ASCII, Japanese, emoji, tabs, controls, combining and zero-width
    /// marks, short and long, indented or not; spans anywhere; line
    /// numbers to 100,000; with and without a label, a help or a file;
    /// both severities; colors and none. Most take the direct road.
    #[test]
    fn written_blocks_are_annotate_snippets_blocks() {
        let mut rng = Rng::new(7);
        let cases = 40_000;
        let mut direct = [0; 3];
        for case in 0..cases {
            let diagnostic = diagnostic(&mut rng);
            let color = rng.below(2) == 0;
            let expected = laid_out(&diagnostic, color);
            if let Some(written) = written(&diagnostic, color) {
                assert_eq!(written, expected, "case {case}: {diagnostic:?} color {color}");
                let shape = match Plan::of(&diagnostic) {
                    Some(Plan::Line(_)) => 0,
                    Some(Plan::File) => 1,
                    _ => 2,
                };
                direct[shape] += 1;
            }
            let mut rendered = String::new();
            render_run(&[&diagnostic], color, "", &mut rendered);
            assert_eq!(rendered, expected, "case {case}: {diagnostic:?}");
        }
        let [lines, files, nowhere] = direct;
        // Of the 3/4 at a line, about half are written directly (the rest
        // have a character outside the table, a long line, deep
        // indentation or a text not written as it is), as are 3/4 of the
        // rest.
        assert!(lines > cases / 3, "{direct:?}");
        assert!(files > cases / 20 && nowhere > cases / 20, "{direct:?}");
        assert!(lines + files + nowhere < cases * 2 / 3, "{direct:?}");
    }
}

//! The short road from YAML text to the node tree: the events of
//! granit-parser (the parser under serde-saphyr) built straight into
//! `Node`s, without serde's visitor layer, which cost about half of the
//! load time.
//!
//! It takes the shape every show file has: one document whose root is a
//! mapping, with no tags, anchors, aliases, merge keys or `%YAML`
//! directive, a few levels deep. On anything else (and on any parser error) it answers `None` and
//! the file goes serde-saphyr's way (`super::parse_as`), which owns every
//! error message and budget. Typing a plain scalar that could be more than
//! a string (`12`, `2025-01-01`, `yes`, `~`) is left to serde-saphyr as
//! well, when the scalar reads back alone as itself, so both roads build
//! the same tree: the tests compare them.

use super::{Node, Value};
use crate::diagnostic::span::{Span, Spanned};
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};
use std::borrow::Cow;

/// Deeper files go serde-saphyr's way (whose budget allows 64 levels).
const MAX_DEPTH: usize = 32;

/// A collection being read, with what it holds so far.
enum Frame<'a> {
    Seq {
        items: Vec<Node<'a>>,
        span: Span,
    },
    Map {
        entries: Vec<(Spanned<Cow<'a, str>>, Node<'a>)>,
        key: Option<Spanned<Cow<'a, str>>>,
        span: Span,
    },
}

impl<'a> Frame<'a> {
    fn expects_key(&self) -> bool {
        matches!(self, Frame::Map { key: None, .. })
    }

    /// Adds a finished value (for a mapping, the value of its pending key).
    fn push(&mut self, mut node: Node<'a>) -> Option<()> {
        match self {
            Frame::Seq { items, .. } => items.push(node),
            Frame::Map { entries, key, .. } => {
                let key = key.take()?;
                // An empty block scalar (`body: |` and nothing under it) is
                // placed by the parser at the next token: point at its key.
                if node.span.line > key.span.line
                    && matches!(&node.value, Value::Str(s) if s.trim().is_empty())
                {
                    node.span = key.span;
                }
                entries.push((key, node));
            }
        }
        Some(())
    }

    fn into_node(self) -> Option<Node<'a>> {
        match self {
            Frame::Seq { items, span } => Some(Node {
                value: Value::Seq(items),
                span,
            }),
            // A key without its value cannot end a mapping.
            Frame::Map { key: Some(_), .. } => None,
            Frame::Map { entries, span, .. } => Some(Node {
                value: Value::Map(entries),
                span,
            }),
        }
    }
}

/// The parser's settings as serde-saphyr sets them from its default budget.
fn options() -> granit_parser::Options {
    let budget = serde_saphyr::Budget::default();
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options
}

/// The tree of `text`, or `None` when serde-saphyr should decide.
/// `max_nodes` is the budget the serde-saphyr road enforces: well below
/// it, the count cannot matter.
pub(super) fn tree(text: &str, max_nodes: usize) -> Option<Node<'_>> {
    let mut parser = Parser::new_from_str_with_options(text, options());
    let mut stack: Vec<Frame> = Vec::with_capacity(8);
    let mut root = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        if matches!(
            event,
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        ) {
            nodes += 1;
            if nodes > max_nodes / 2 || event.anchor_id().is_some() || event.tag().is_some() {
                return None;
            }
        }
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            // A `%YAML` directive may change how scalars are typed: left to
            // serde-saphyr, like a second document.
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
            }
            Event::Scalar(text, style, ..) => {
                let span = span_of(&span)?;
                let top = stack.last_mut()?;
                let value = scalar(text, style)?;
                if top.expects_key() {
                    let Frame::Map { key, .. } = top else {
                        return None;
                    };
                    // Almost every key is a string: taken as it is.
                    let text = match value {
                        Value::Str(text) => text,
                        other => super::key_text(other).ok()?,
                    };
                    if text == "<<" {
                        return None;
                    }
                    *key = Some(Spanned::new(text, span));
                } else {
                    top.push(Node { value, span })?;
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let nested = stack.last().map(Frame::expects_key);
                // A collection as a key, a root that is not a mapping, or
                // deep nesting: serde-saphyr's to judge.
                if nested == Some(true) || (nested.is_none() && !is_map) || stack.len() >= MAX_DEPTH {
                    return None;
                }
                let span = span_of(&span)?;
                stack.push(if is_map {
                    Frame::Map {
                        entries: Vec::with_capacity(8),
                        key: None,
                        span,
                    }
                } else {
                    Frame::Seq {
                        items: Vec::with_capacity(4),
                        span,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = stack.pop()?.into_node()?;
                match stack.last_mut() {
                    Some(parent) => parent.push(node)?,
                    None => root = Some(node),
                }
            }
            _ => return None,
        }
    }
    root
}

/// Where an event was written, as serde-saphyr reports it.
fn span_of(span: &granit_parser::Span) -> Option<Span> {
    Some(Span {
        line: span.start.line(),
        column: span.start.col() + 1,
        start: span.start.byte_offset()?,
        end: span.end.byte_offset()?,
    })
}

/// The value of a scalar. Two shapes of plain scalar every episode has
/// are typed here as serde-saphyr types them, without asking it (which
/// costs as much as parsing a small file each): a date `YYYY-MM-DD` (a
/// string) and a whole number in decimal digits (`decimal_integer`).
/// Neither can be folded from several lines or start like a document
/// marker, so each reads back alone as itself.
fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Option<Value<'_>> {
    if style != ScalarStyle::Plain || surely_string(&text) || crate::input::date_text::is_ymd_shaped(&text) {
        return Some(Value::Str(text));
    }
    if let Some(integer) = decimal_integer(&text) {
        return Some(Value::Int(integer));
    }
    // The scalar on its own, typed by serde-saphyr: the same typing as in
    // place when the text alone reads back as this one plain scalar.
    if !reads_back(&text) {
        return None;
    }
    match serde_saphyr::from_str_with_options::<Value<'static>>(&text, super::options(None)) {
        Ok(value) if !matches!(value, Value::Seq(_) | Value::Map(_)) => Some(value),
        _ => None,
    }
}

/// `12`, `36700160`: decimal digits with no sign and no leading zero
/// (which YAML 1.1 reads as octal), short enough for an `i64`.
fn decimal_integer(text: &str) -> Option<i64> {
    let decimal = matches!(text.as_bytes(), [b'1'..=b'9', rest @ ..] if rest.len() < 18 && rest.iter().all(u8::is_ascii_digit));
    if decimal || text == "0" {
        return text.parse().ok();
    }
    None
}

/// Whether `text`, read as a YAML document of its own, is exactly one
/// plain scalar with the same text. Not so for a scalar folded from
/// several lines (alone, its line breaks fold again), one that starts like
/// a document marker (`---`, `...`), or one that is no scalar alone (`-`
/// is a list).
fn reads_back(text: &str) -> bool {
    let mut parser = Parser::new_from_str_with_options(text, options());
    let events: Vec<Event<'_>> = std::iter::from_fn(|| parser.next_event())
        .take(6)
        .map_while(|next| next.ok().map(|(event, _)| event))
        .collect();
    matches!(
        events.as_slice(),
        [
            Event::StreamStart,
            Event::DocumentStart(false, None),
            Event::Scalar(value, ScalarStyle::Plain, 0, None),
            Event::DocumentEnd,
            Event::StreamEnd,
        ] if value == text
    )
}

/// A plain scalar serde-saphyr would type as a string whatever it holds:
/// it starts with a non-ASCII character, or with a letter and is not one
/// of YAML 1.1's boolean words or `null` (numbers start with a digit, a
/// sign or a dot; `inf` and `nan` need the dot).
fn surely_string(text: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    match text.as_bytes().first() {
        Some(b) if !b.is_ascii() => true,
        Some(b) if b.is_ascii_alphabetic() => !WORDS.iter().any(|w| w.eq_ignore_ascii_case(text)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Node, options};

    /// The tree serde-saphyr builds (the long road), with nothing taken
    /// from the short one.
    fn long_road(text: &str) -> Option<Node<'static>> {
        serde_saphyr::from_str_with_options::<Option<Node>>(text, options(None))
            .ok()
            .flatten()
    }

    /// Files of every shape the show has and the corners of YAML typing,
    /// each with the road it takes: `true` for the short one.
    const CORPUS: &[(&str, bool)] = &[
        ("title: テスト\ndate: 2025-01-01\nnumber: 12\n", true),
        (
            "a: yes\nb: No\nc: ON\nd: off\ne: y\nf: N\ng: true\nh: FALSE\ni: null\nj: ~\nk:\nl: Null\n",
            true,
        ),
        (
            "a: 0x1F\nb: 0o17\nc: 017\nd: 1_000\nf: -.5\ng: +1\nh: 1e3\ni: 12:30\nj: 1:20:30\n",
            true,
        ),
        (
            "k: 0b101\nl: -0\nm: 9223372036854775807\no: 1.\np: .1\nq: 1-2\nr: 2025/01/01\n",
            true,
        ),
        (
            "a: inf\nb: nan\nc: infinity\nd: yesterday\ne: nope\nf: e5\ng: x1\nh: Y2K\ni: 'yes'\nj: \"12\"\nk: ''\n",
            true,
        ),
        ("1: one\ntrue: t\nnull: n\n~: tilde\n2.5: f\non: o\n", true),
        (
            "topics:\n  - at: \"00:00\"\n    title: 始まり\n    body: |\n      一行目\n      二行目\n    sources:\n      - title: 記事\n        url: https://example.com/a\n",
            true,
        ),
        ("body: |\nnext: x\n", true),
        ("body: >\n  折り返し\n  の段落\n\n  次の段落\nafter: 1\n", true),
        ("list: [a, b, {c: d}]\nmap: {x: 1, y: [2, 3]}\n", true),
        ("dup: 1\ndup: 2\n", true),
        ("plain: 複数行の\n  プレーン\n  スカラー\n", true),
        ("folded: 1 plain\n\n  with a blank line\n", false),
        ("folded: ~|\n  a\n\n  b\n", false),
        ("a: ---\n", false),
        ("a: --- x\n", false),
        ("a: ...\n", false),
        ("a: -- x\nb: .. y\n", true),
        ("b: -x\nc: .\nd: +\n", true),
        ("\u{feff}title: BOM\n", true),
        ("title:   spaced   \r\nnext: crlf\r\n", true),
        ("{a: 1, b: 2}\n", true),
        ("? complex\n: key\n", true),
        // serde-saphyr's to judge: errors, other roots, the features the
        // short road leaves out, and values it cannot type on their own.
        ("o: 1e999\n", false),
        ("e: .inf\nn: .NaN\n", false),
        ("too-big: 9223372036854775808\n", false),
        ("a: - \n", false),
        ("- a\n- b\n", false),
        ("just text\n", false),
        ("", false),
        ("# only a comment\n", false),
        ("a: &x 1\nb: *x\n", false),
        ("base: &b {k: v}\nuse:\n  <<: *b\n", false),
        ("<<: {k: v}\n", false),
        ("a: !!str 12\nb: !custom x\n", false),
        ("a: 1\n---\nb: 2\n", false),
        ("%YAML 1.2\n---\na: yes\n", false),
        ("---\na: 1\n...\n", true),
        ("a: [unclosed\n", false),
        ("a: \"bad \\q escape\"\n", false),
        ("[a, b]: c\n", false),
    ];

    #[test]
    fn both_roads_build_the_same_tree() {
        for &(text, short) in CORPUS {
            let tree = super::tree(text, 100_000);
            assert_eq!(tree.is_some(), short, "took the wrong road:\n{text}");
            if let Some(tree) = tree {
                assert_eq!(Some(tree), long_road(text), "the roads differ on:\n{text}");
            }
        }
    }

    /// Nesting deeper than `MAX_DEPTH` is serde-saphyr's to judge.
    #[test]
    fn deep_files_take_the_long_road() {
        let deep: String = (0..super::MAX_DEPTH + 1)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(super::tree(&deep, 100_000).is_none());
        let shallow: String = (0..super::MAX_DEPTH - 1)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert_eq!(super::tree(&shallow, 100_000), long_road(&shallow));
        assert!(super::tree(&shallow, 100_000).is_some());
    }

    /// The show's own files, the scaffold's and the lint corpus all take
    /// the short road, to the same tree.
    #[test]
    fn the_repository_files_take_the_short_road_to_the_same_tree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in [
            "episodes",
            "tests/lint-corpus/episodes",
            "scaffold/episodes",
            "scaffold",
            ".",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).expect("a folder of the repository") {
                let path = entry.expect("readable").path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).expect("UTF-8");
                    let tree = super::tree(&text, 100_000);
                    assert!(tree.is_some(), "{} took the long road", path.display());
                    assert_eq!(tree, long_road(&text), "the roads differ on {}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen >= 8, "only {seen} files");
    }

    #[test]
    fn what_is_surely_a_string_is_typed_a_string_by_serde_saphyr() {
        let words = [
            "title",
            "yesterday",
            "nope",
            "e5",
            "x1",
            "Y2K",
            "ontology",
            "offset",
            "nullable",
            "True1",
            "inf",
            "nan",
            "Infinity",
            "NaN",
            "ab",
            "Z",
            "テスト",
            "ｙｅｓ",
            "é",
        ];
        for word in words {
            let typed = serde_saphyr::from_str::<super::Value>(word).expect("a scalar");
            assert_eq!(
                super::surely_string(word),
                typed == super::Value::Str(word.into()),
                "{word} was typed {typed:?}"
            );
        }
        for word in [
            "y", "N", "yes", "No", "ON", "off", "true", "FALSE", "null", "Null", "~", "", "12", "-1", ".5",
        ] {
            assert!(!super::surely_string(word), "{word}");
        }
    }

    /// The shapes typed without serde-saphyr are typed as it types them,
    /// and the shapes next to them are left to it.
    #[test]
    fn common_plain_scalars_are_typed_as_serde_saphyr_types_them() {
        let mut typed = 0;
        let mut texts: Vec<String> = [
            "0",
            "1",
            "7",
            "10",
            "12",
            "36700160",
            "999999999999999999",
            "1000000000000000000",
            "9223372036854775807",
            "00",
            "01",
            "017",
            "-1",
            "+1",
            "1_000",
            "1.5",
            "1e3",
            "0x1F",
            "2026-02-20",
            "2025-01-01",
            "0000-00-00",
            "9999-99-99",
            "2026-2-20",
            "2026-02-2",
            "2026-02-200",
            "2026/02/20",
            "20260220",
            "2026-02-20T10:00:00",
            "12:30",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let mut rng = crate::input::rng::Rng::at(0x2545_F491_4F6C_DD1D);
        for _ in 0..2_000 {
            let state = rng.next_u64();
            let len = (state % 20) as usize + 1;
            let digits: String = (0..len)
                .map(|i| {
                    let d = (state >> (i * 3 % 60)) % 11;
                    if d == 10 { '-' } else { char::from(b'0' + d as u8) }
                })
                .collect();
            texts.push(digits);
        }
        for text in &texts {
            if super::decimal_integer(text).is_none() && !crate::input::date_text::is_ymd_shaped(text) {
                continue;
            }
            typed += 1;
            let value = super::scalar(std::borrow::Cow::Borrowed(text), super::ScalarStyle::Plain);
            let expected = serde_saphyr::from_str_with_options::<super::Value>(text, options(None));
            assert_eq!(value.as_ref(), expected.as_ref().ok(), "{text}");
            assert!(super::reads_back(text), "{text}");
        }
        assert!(typed > 100, "only {typed} typed");
        for text in [
            "00",
            "01",
            "-1",
            "+1",
            "1_000",
            "1000000000000000000",
            "2026-2-20",
        ] {
            assert_eq!(super::decimal_integer(text), None, "{text}");
        }
    }

    /// Files of the repository with random edits (lines dropped or
    /// doubled, YAML's special characters and words inserted): whenever
    /// the short road takes one, it builds the tree serde-saphyr builds.
    /// (Run with 400,000 edited files after the read-back rule: no
    /// difference.)
    #[test]
    fn edited_files_take_either_road_to_the_same_tree() {
        const PIECES: &[&str] = &[
            "---",
            "--- ",
            "...",
            "yes",
            "~",
            "12",
            "0x1F",
            "-",
            ": ",
            "\"",
            "'",
            "|",
            ">",
            "#",
            "&a ",
            "*a",
            "!!str ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\t",
            "\n",
            "  ",
            "テスト",
            "2025-01-01",
            "1e3",
            ".inf",
            "null",
            "<<: ",
            "? ",
            "%",
            "@",
            "`",
            "\r\n",
            "-1",
            "+.5",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = Vec::new();
        for dir in ["episodes", "tests/lint-corpus/episodes", "."] {
            for entry in std::fs::read_dir(root.join(dir)).expect("a folder of the repository") {
                let path = entry.expect("readable").path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    seeds.push(std::fs::read_to_string(&path).expect("UTF-8"));
                }
            }
        }
        let mut rng = crate::input::rng::Rng::at(0x9E37_79B9_7F4A_7C15);
        let mut next = move || rng.next_u64() as usize;
        let mut short = 0;
        for round in 0..3_000 {
            let mut lines: Vec<String> = seeds[round % seeds.len()].lines().map(str::to_string).collect();
            for _ in 0..next() % 8 + 1 {
                if lines.is_empty() {
                    break;
                }
                let i = next() % lines.len();
                match next() % 4 {
                    0 => {
                        lines.remove(i);
                    }
                    1 => lines.insert(i, lines[i].clone()),
                    _ => {
                        let cuts: Vec<usize> = lines[i].char_indices().map(|(at, _)| at).collect();
                        let cut = cuts.get(next() % cuts.len().max(1)).copied().unwrap_or(0);
                        lines[i].insert_str(cut, PIECES[next() % PIECES.len()]);
                    }
                }
            }
            let text = lines.join("\n") + "\n";
            if let Some(tree) = super::tree(&text, 100_000) {
                short += 1;
                assert_eq!(Some(tree), long_road(&text), "the roads differ on:\n{text}");
            }
        }
        assert!(short > 1_000, "only {short} edited files took the short road");
    }
}

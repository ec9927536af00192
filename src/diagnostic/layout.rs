//! Diagnostics laid out once per place. annotate-snippets lays a block out
//! character by character (a styled cell each, then every cell written
//! out again), so a block's cost grows with every character of its
//! message, help and file name, although none takes part in the layout:
//! each is one run of one style. So the block is laid out with a
//! one-character stand-in for each, and the texts are put in their place
//! afterwards, which gives the same bytes, with colors or without. And
//! diagnostics that differ only in their message and help (a value over
//! two limits) share one layout. The common blocks are not laid out at
//! all but written directly (`direct.rs`); this is for the rest.

use crate::diagnostic::direct::Plan;
use crate::diagnostic::{Diagnostic, FreeTexts, written_as_it_is};
use std::ops::Range;

/// The stand-ins for the message, the help and the file's name: characters
/// of Unicode's Private Use Area, which no normalization touches. A
/// diagnostic whose source line or label holds one is laid out with its
/// own texts.
const MARKS: [&str; 3] = ["\u{F8F0}", "\u{F8F1}", "\u{F8F2}"];

/// A block laid out with stand-ins, and where each is in it (the help's
/// when there is one).
struct Layout {
    text: String,
    places: [Option<Range<usize>>; 3],
}

impl Layout {
    /// The layout of `diagnostic`'s block, when stand-ins can take the
    /// place of its texts.
    fn of(diagnostic: &Diagnostic, color: bool) -> Option<Self> {
        let holds_a_mark = |text: &&str| marks(text).iter().any(|(count, _)| *count > 0);
        if diagnostic.laid_out_texts().iter().any(holds_a_mark) {
            return None;
        }
        let [message, help, path] = MARKS;
        let stand_ins = FreeTexts {
            message,
            help: diagnostic.help.as_ref().map(|_| help),
            path,
        };
        let text = diagnostic.block(&stand_ins, color);
        let places = places(&text);
        let found = |i: usize| places[i].is_some();
        // Each stand-in is there once: the help's and the file name's when
        // there are a help and a file.
        let expected = [true, stand_ins.help.is_some(), diagnostic.file.is_some()];
        (expected == [found(0), found(1), found(2)]).then_some(Self { text, places })
    }

    /// Appends `diagnostic`'s block to `out`: this layout with its texts
    /// in place. False (and nothing appended) when a text cannot stand in.
    fn fill(&self, diagnostic: &Diagnostic, out: &mut String) -> bool {
        let texts = diagnostic.free_texts();
        if !written_as_it_is(texts.message) || !texts.help.is_none_or(written_as_it_is) {
            return false;
        }
        let help = texts.help.unwrap_or_default();
        out.reserve(self.text.len() + texts.message.len() + help.len() + texts.path.len());
        let mut pieces = [
            (self.places[0].clone(), texts.message),
            (self.places[1].clone(), help),
            (self.places[2].clone(), texts.path),
        ];
        pieces.sort_by_key(|(at, _)| at.as_ref().map(|at| at.start));
        let mut copied = 0;
        for (at, text) in pieces {
            if let Some(at) = at {
                out.push_str(&self.text[copied..at.start]);
                out.push_str(text);
                copied = at.end;
            }
        }
        out.push_str(&self.text[copied..]);
        true
    }
}

/// How many times each of `MARKS` is in `text`, and where the last is:
/// they all start with the byte 0xEF, found by memchr.
fn marks(text: &str) -> [(usize, Option<Range<usize>>); 3] {
    let mut found = [(0, None), (0, None), (0, None)];
    for start in memchr::memchr_iter(0xef, text.as_bytes()) {
        for (i, mark) in MARKS.into_iter().enumerate() {
            if text.as_bytes()[start..].starts_with(mark.as_bytes()) {
                found[i] = (found[i].0 + 1, Some(start..start + mark.len()));
            }
        }
    }
    found
}

/// Where each mark is in `text`, when it is there exactly once.
fn places(text: &str) -> [Option<Range<usize>>; 3] {
    marks(text).map(|(count, at)| at.filter(|_| count == 1))
}

/// Appends the blocks of `run` to `out`, each followed by `separator`:
/// the diagnostics of `run` are each `same_place` as the one before, so
/// one plan (`direct.rs`) serves them all, or else one layout. A block
/// whose message or help is not written as it is is laid out alone.
/// Never inlined, so that a profile names it (design.md measures it so).
#[inline(never)]
pub(crate) fn render_run(run: &[&Diagnostic], color: bool, separator: &str, out: &mut String) {
    let plan = run.first().and_then(|first| Plan::of(first));
    let layout = match plan {
        Some(_) => None,
        None => run.first().and_then(|first| Layout::of(first, color)),
    };
    for diagnostic in run {
        let done = match (&plan, &layout) {
            (Some(plan), _) => plan.write(diagnostic, color, out),
            (None, Some(layout)) => layout.fill(diagnostic, out),
            (None, None) => false,
        };
        if !done {
            out.push_str(&diagnostic.block(&diagnostic.free_texts(), color));
        }
        out.push_str(separator);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::source::SourceFile;
    use crate::diagnostic::span::Span;
    use std::path::Path;

    fn at_title(message: &str, help: Option<&str>, label: Option<&str>, path: &str) -> Diagnostic {
        let file = SourceFile::new(
            Path::new("episodes/ep.yaml"),
            path.into(),
            "date: 2026-02-20\ntitle: \"テクノロジー競争と経済安全保障\"\n".into(),
        );
        let span = Span {
            line: 2,
            column: 8,
            start: 24,
            end: 64,
        };
        let mut diagnostic = Diagnostic::warning("x", message).at(&file, span);
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        if let Some(label) = label {
            diagnostic = diagnostic.label(label);
        }
        diagnostic
    }

    /// The blocks by the layout of the first (`render_run` writes those
    /// it can directly).
    fn rendered(diagnostics: &[&Diagnostic], color: bool) -> String {
        let layout = diagnostics.first().and_then(|first| Layout::of(first, color));
        let mut out = String::new();
        for diagnostic in diagnostics {
            if !layout
                .as_ref()
                .is_some_and(|layout| layout.fill(diagnostic, &mut out))
            {
                out.push_str(&diagnostic.block(&diagnostic.free_texts(), color));
            }
            out.push_str("\n\n");
        }
        out
    }

    fn laid_out_alone(diagnostics: &[&Diagnostic], color: bool) -> String {
        diagnostics
            .iter()
            .map(|d| d.block(&d.free_texts(), color) + "\n\n")
            .collect()
    }

    /// Every character that may stand in, in the message and in the help,
    /// and every character in the file's name, with colors and without:
    /// the texts put in place of the stand-ins give the bytes
    /// annotate-snippets gives for the texts themselves (a block of
    /// characters at a time: a difference in one shows in its block).
    #[test]
    fn texts_in_place_are_what_annotate_snippets_makes_of_them() {
        let every: Vec<char> = (0..=0x3_0000u32).filter_map(char::from_u32).collect();
        let standing: Vec<char> = every
            .iter()
            .copied()
            .filter(|c| written_as_it_is(c.encode_utf8(&mut [0; 4])))
            .collect();
        let blocks =
            |chars: &[char]| -> Vec<String> { chars.chunks(0x400).map(|b| b.iter().collect()).collect() };
        for (block, path) in blocks(&standing).iter().zip(blocks(&every).iter().cycle()) {
            for color in [false, true] {
                let message = format!("over the limit {block} by 3 bytes");
                let one = at_title(&message, Some(block), Some("not 0:00"), path);
                let other = at_title(block, Some("shorten it"), Some("not 0:00"), path);
                assert!(one.same_place(&other));
                assert!(Layout::of(&one, color).is_some());
                let run = [&one, &other];
                assert_eq!(
                    rendered(&run, color),
                    laid_out_alone(&run, color),
                    "{block:?} {path:?}"
                );
            }
        }
        // The rest of the file names.
        for path in blocks(&every).iter().skip(blocks(&standing).len()) {
            let one = at_title("over", Some("shorten"), None, path);
            assert_eq!(rendered(&[&one], true), laid_out_alone(&[&one], true), "{path:?}");
        }
    }

    /// The texts that cannot stand in are laid out themselves.
    #[test]
    fn other_texts_are_laid_out_as_they_are() {
        for text in ["", "二行\nの文", "タブ\tと", "a\u{200D}b", "\u{202E}x", "\u{7}"] {
            assert!(!written_as_it_is(text), "{text:?}");
            let one = at_title(text, Some(text), None, "ep.yaml");
            let other = at_title("fine", Some(text), None, "ep.yaml");
            let run = [&one, &other];
            assert_eq!(rendered(&run, true), laid_out_alone(&run, true), "{text:?}");
        }
    }

    /// A block with a file but no line, and one with neither.
    #[test]
    fn blocks_without_a_snippet_too() {
        let file = SourceFile::new(Path::new("series.yaml"), "series.yaml".into(), String::new());
        let in_file = Diagnostic::error("x", "unreadable").in_file(&file).help("fix it");
        let alone = Diagnostic::error("x", "no show here");
        for diagnostic in [&in_file, &alone] {
            assert!(Layout::of(diagnostic, false).is_some());
            for color in [false, true] {
                assert_eq!(
                    rendered(&[diagnostic], color),
                    laid_out_alone(&[diagnostic], color)
                );
            }
        }
    }

    #[test]
    fn stand_ins_in_the_laid_out_texts_lay_out_the_texts_themselves() {
        let twice = format!("{0}{0}", MARKS[1]);
        for label in [MARKS[0], MARKS[1], MARKS[2], twice.as_str()] {
            let diagnostic = at_title(MARKS[0], Some(MARKS[1]), Some(label), MARKS[2]);
            assert!(Layout::of(&diagnostic, false).is_none());
            let run = [&diagnostic];
            assert_eq!(rendered(&run, false), laid_out_alone(&run, false));
        }
        // In the free texts they are only texts.
        let diagnostic = at_title(MARKS[2], Some(MARKS[0]), None, MARKS[1]);
        assert!(Layout::of(&diagnostic, false).is_some());
        assert_eq!(
            rendered(&[&diagnostic], true),
            laid_out_alone(&[&diagnostic], true)
        );
    }

    /// Runs whose blocks are written directly or by one layout, but for
    /// those with a message not written as it is (a tab), laid out alone.
    #[test]
    fn a_run_takes_one_road_but_for_odd_texts() {
        let mut runs = Vec::new();
        for line in ["title: \"テクノロジー\"", "title:\t\"テクノロジー\""] {
            let file = SourceFile::new(Path::new("ep.yaml"), "ep.yaml".into(), line.into());
            let span = Span {
                line: 1,
                column: 8,
                start: 7,
                end: line.len(),
            };
            let at = |message: &str| Diagnostic::warning("x", message).at(&file, span).help("h");
            runs.push([at("over"), at("over\tby 3"), at("under")]);
        }
        assert!(Plan::of(&runs[0][0]).is_some() && Plan::of(&runs[1][0]).is_none());
        for run in &runs {
            let run: Vec<&Diagnostic> = run.iter().collect();
            for color in [false, true] {
                let mut out = String::new();
                render_run(&run, color, "\n\n", &mut out);
                assert_eq!(out, laid_out_alone(&run, color));
            }
        }
    }

    #[test]
    fn diagnostics_elsewhere_are_not_at_the_same_place() {
        let one = at_title("a", Some("b"), None, "ep.yaml");
        assert!(!one.same_place(&at_title("a", None, None, "ep.yaml")));
        assert!(!one.same_place(&at_title("a", Some("b"), Some("label"), "ep.yaml")));
        assert!(!one.same_place(&at_title("a", Some("b"), None, "other.yaml")));
        assert!(!one.same_place(&Diagnostic::warning("x", "a").help("b")));
    }
}

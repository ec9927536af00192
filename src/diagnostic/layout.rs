//! Diagnostics laid out once per place. annotate-snippets lays a block out
//! character by character (a styled cell each, then every cell written
//! out again), so a block's cost grows with every character of its
//! message and help, although neither takes part in the layout: each is
//! one run of one style on its own line. So the block is laid out with a
//! one-character stand-in for each, and the texts are put in their place
//! afterwards, which gives the same bytes, with colors or without. And
//! diagnostics that differ only in their texts (a value over two limits)
//! share one layout.

use crate::diagnostic::Diagnostic;
use std::ops::Range;

/// The stand-ins: characters of Unicode's Private Use Area, which no
/// normalization touches. A diagnostic whose file name, source line or
/// label holds one is laid out with its own texts.
const MESSAGE_MARK: &str = "\u{F8F0}";
const HELP_MARK: &str = "\u{F8F1}";

/// A block laid out with stand-ins, and where they are in it.
struct Layout {
    text: String,
    message: Range<usize>,
    help: Option<Range<usize>>,
}

impl Layout {
    /// The layout of `diagnostic`'s block, when a stand-in can take the
    /// place of its texts.
    fn of(diagnostic: &Diagnostic, color: bool) -> Option<Self> {
        let holds_a_mark = |text: &&str| marks(text).iter().any(|(count, _)| *count > 0);
        if diagnostic.shown_texts().iter().any(holds_a_mark) {
            return None;
        }
        let help = diagnostic.help.as_ref().map(|_| HELP_MARK);
        let text = diagnostic.block(MESSAGE_MARK, help, color);
        let [message, help_at] = places(&text);
        let message = message?;
        let help = match help {
            // Below the message, where annotate-snippets puts it.
            Some(_) => Some(help_at.filter(|at| at.start >= message.end)?),
            None => None,
        };
        Some(Self { text, message, help })
    }

    /// Appends `diagnostic`'s block to `out`: this layout with its texts
    /// in place. False (and nothing appended) when a text cannot stand in.
    fn fill(&self, diagnostic: &Diagnostic, out: &mut String) -> bool {
        if !can_stand_in(&diagnostic.message) || !diagnostic.help.as_deref().is_none_or(can_stand_in) {
            return false;
        }
        let help = diagnostic.help.as_deref().unwrap_or_default();
        out.reserve(self.text.len() + diagnostic.message.len() + help.len());
        // The help is below the message, when there is one.
        let (message, rest) = self.text.split_at(self.message.end);
        out.push_str(&message[..self.message.start]);
        out.push_str(&diagnostic.message);
        match &self.help {
            Some(at) => {
                let at = at.start - self.message.end..at.end - self.message.end;
                out.push_str(&rest[..at.start]);
                out.push_str(help);
                out.push_str(&rest[at.end..]);
            }
            None => out.push_str(rest),
        }
        true
    }
}

/// How many times `MESSAGE_MARK` and `HELP_MARK` are in `text`, and where
/// the last of each is: both start with the byte 0xEF, found by memchr.
fn marks(text: &str) -> [(usize, Option<Range<usize>>); 2] {
    let mut found = [(0, None), (0, None)];
    for start in memchr::memchr_iter(0xef, text.as_bytes()) {
        for (i, mark) in [MESSAGE_MARK, HELP_MARK].into_iter().enumerate() {
            if text.as_bytes()[start..].starts_with(mark.as_bytes()) {
                found[i] = (found[i].0 + 1, Some(start..start + mark.len()));
            }
        }
    }
    found
}

/// Where each mark is in `text`, when it is there exactly once.
fn places(text: &str) -> [Option<Range<usize>>; 2] {
    marks(text).map(|(count, at)| at.filter(|_| count == 1))
}

/// Whether a text is laid out as one run of characters, each as it is,
/// which a stand-in can take the place of: not empty, on one line, with
/// none of the characters annotate-snippets replaces in a title (control
/// characters, the zero-width joiner, bidirectional controls).
fn can_stand_in(text: &str) -> bool {
    // Those characters are all below U+0020, U+007F, or start with the
    // byte 0xC2 (U+0080 to U+00BF) or 0xE2 (U+2000 to U+2FFF) in UTF-8:
    // the bytes are looked at first, 64 at a time, the characters only
    // when one of those bytes is there.
    let suspect = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    let bytes = text.as_bytes();
    if !bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
    {
        return !text.is_empty();
    }
    !text.chars().any(|c| {
        c.is_control()
            || c == '\u{200D}'
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// Appends the blocks of `run` to `out`, each followed by `separator`:
/// the diagnostics of `run` are each `same_place` as the one before, so
/// one layout serves them all.
pub(crate) fn render_run(run: &[&Diagnostic], color: bool, separator: &str, out: &mut String) {
    let layout = run.first().and_then(|first| Layout::of(first, color));
    for diagnostic in run {
        let filled = layout.as_ref().is_some_and(|layout| layout.fill(diagnostic, out));
        if !filled {
            out.push_str(&diagnostic.block(&diagnostic.message, diagnostic.help.as_deref(), color));
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

    fn at_title(message: &str, help: Option<&str>, label: Option<&str>) -> Diagnostic {
        let file = SourceFile::new(
            Path::new("episodes/ep.yaml"),
            "episodes/ep.yaml".into(),
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

    fn rendered(diagnostics: &[&Diagnostic], color: bool) -> String {
        let mut out = String::new();
        render_run(diagnostics, color, "\n\n", &mut out);
        out
    }

    fn laid_out_alone(diagnostics: &[&Diagnostic], color: bool) -> String {
        diagnostics
            .iter()
            .map(|d| d.block(&d.message, d.help.as_deref(), color) + "\n\n")
            .collect()
    }

    /// Every character that may stand in, in the message and in the help,
    /// with colors and without: the texts put in place of the stand-ins
    /// give the bytes annotate-snippets gives for the texts themselves (a
    /// block of characters at a time: a difference in one shows in its
    /// block).
    #[test]
    fn texts_in_place_are_what_annotate_snippets_makes_of_them() {
        let characters: Vec<char> = (0..=0x3_0000u32)
            .filter_map(char::from_u32)
            .filter(|c| can_stand_in(c.encode_utf8(&mut [0; 4])))
            .collect();
        for block in characters.chunks(0x400) {
            let block: String = block.iter().collect();
            for color in [false, true] {
                let message = format!("over the limit {block} by 3 bytes");
                let one = at_title(&message, Some(&block), Some("not 0:00"));
                let other = at_title(&block, Some("shorten it"), Some("not 0:00"));
                assert!(one.same_place(&other));
                assert!(Layout::of(&one, color).is_some());
                let run = [&one, &other];
                assert_eq!(rendered(&run, color), laid_out_alone(&run, color), "{block:?}");
            }
        }
    }

    /// The texts that cannot stand in are laid out themselves.
    #[test]
    fn other_texts_are_laid_out_as_they_are() {
        for text in ["", "二行\nの文", "タブ\tと", "a\u{200D}b", "\u{202E}x", "\u{7}"] {
            assert!(!can_stand_in(text), "{text:?}");
            let one = at_title(text, Some(text), None);
            let other = at_title("fine", Some(text), None);
            let run = [&one, &other];
            assert_eq!(rendered(&run, true), laid_out_alone(&run, true), "{text:?}");
        }
    }

    #[test]
    fn stand_ins_in_the_shown_texts_lay_out_the_texts_themselves() {
        let twice = format!("{HELP_MARK}{HELP_MARK}");
        for label in [MESSAGE_MARK, HELP_MARK, twice.as_str()] {
            let diagnostic = at_title(MESSAGE_MARK, Some(HELP_MARK), Some(label));
            assert!(Layout::of(&diagnostic, false).is_none());
            let run = [&diagnostic];
            assert_eq!(rendered(&run, false), laid_out_alone(&run, false));
        }
    }

    #[test]
    fn diagnostics_elsewhere_are_not_at_the_same_place() {
        let one = at_title("a", Some("b"), None);
        assert!(!one.same_place(&at_title("a", None, None)));
        assert!(!one.same_place(&at_title("a", Some("b"), Some("label"))));
        assert!(!one.same_place(&Diagnostic::warning("x", "a").help("b")));
    }
}

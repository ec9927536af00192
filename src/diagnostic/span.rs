//! Source positions carried from the YAML loader into the model.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::ops::Deref;

/// A position in a source file: 1-based line and character column, plus the
/// byte range of the value it marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    /// The span of `len` bytes starting `byte_offset` bytes into the value
    /// this span marks, when the value is written on one source line or as a
    /// block scalar (`|`) whose lines keep the indentation of its first line.
    /// An offset inside a character (counted in another text, such as a
    /// link's parsed destination) stands for the start of that character.
    pub(crate) fn within(&self, source: &str, value: &str, byte_offset: usize, len: usize) -> Span {
        let mut byte_offset = byte_offset.min(value.len());
        while !value.is_char_boundary(byte_offset) {
            byte_offset -= 1;
        }
        if let Some(span) = self.aligned(source, value, byte_offset, len) {
            return span;
        }
        let before = &value[..byte_offset];
        let line_in_value = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column_in_line = before[line_start..].chars().count();
        if line_in_value == 0 {
            // Same line as the value's start. Quoted scalars begin one byte
            // after their span: find the value's text to be exact.
            let from = self.start.min(source.len());
            let shift = source[from..]
                .find(&value[..value.find('\n').unwrap_or(value.len())])
                .filter(|&s| s <= 1)
                .unwrap_or(0);
            let start = from + shift + byte_offset;
            return Span {
                line: self.line,
                column: self.column + shift + column_in_line,
                start,
                end: start + len,
            };
        }
        // A later line of a block scalar: walk to that source line.
        let mut offset = self.start.min(source.len());
        for _ in 0..line_in_value {
            match source[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return *self,
            }
        }
        let indent = self.column - 1;
        let line_text = &source[offset..];
        let start = line_text
            .char_indices()
            .nth(indent + column_in_line)
            .map_or(offset, |(i, _)| offset + i);
        Span {
            line: self.line + line_in_value,
            column: self.column + column_in_line,
            start,
            end: start + len,
        }
    }
}

impl Span {
    /// The span of bytes `byte_offset..byte_offset + len` of a scalar's
    /// value, found by walking the value and its source text together: any
    /// scalar style (plain, quoted with escapes, `|` or `>` blocks, over
    /// several lines). `None` when the two cannot be matched up.
    fn aligned(&self, source: &str, value: &str, byte_offset: usize, len: usize) -> Option<Span> {
        let raw = source.get(self.start..self.end)?;
        let quote = raw.chars().next().filter(|c| matches!(c, '"' | '\''));
        let mut pos = quote.map_or(0, char::len_utf8);
        let (mut start, mut end) = (None, None);
        for (index, v) in value.char_indices() {
            if index >= byte_offset + len.max(1) {
                break;
            }
            let at = loop {
                let c = raw[pos..].chars().next()?;
                if quote == Some('"') && c == '\\' {
                    let (decoded, length) = unescape(&raw[pos..])?;
                    pos += length;
                    match decoded {
                        Some(d) if d == v => break pos - length,
                        Some(_) => return None,
                        None => continue, // an escaped line break
                    }
                }
                if quote == Some('\'') && raw[pos..].starts_with("''") {
                    pos += 2;
                    if v == '\'' {
                        break pos - 2;
                    }
                    return None;
                }
                pos += c.len_utf8();
                // A line break folded into a space counts as that space.
                if c == v || (v == ' ' && c == '\n') {
                    break pos - c.len_utf8();
                }
                if !matches!(c, ' ' | '\t' | '\n' | '\r') {
                    return None;
                }
            };
            if index == byte_offset {
                start = Some(at);
            }
            end = Some(pos);
        }
        let start = start?;
        let end = if len == 0 { start } else { end? };
        let before = &raw[..start];
        let (line, column) = match before.rfind('\n') {
            Some(newline) => (
                self.line + before.matches('\n').count(),
                before[newline + 1..].chars().count() + 1,
            ),
            None => (self.line, self.column + before.chars().count()),
        };
        Some(Span {
            line,
            column,
            start: self.start + start,
            end: self.start + end,
        })
    }
}

/// A double-quoted scalar's escape at the start of `text` (which begins
/// with a backslash): the character it stands for (`None` for an escaped
/// line break) and its length in bytes.
fn unescape(text: &str) -> Option<(Option<char>, usize)> {
    let escape = text[1..].chars().next()?;
    let hex_digits = match escape {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => 0,
    };
    if hex_digits > 0 {
        let hex = text.get(2..2 + hex_digits)?;
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        return Some((Some(c), 2 + hex_digits));
    }
    let c = match escape {
        '\n' => return Some((None, 2)),
        '\r' => return Some((None, if text[2..].starts_with('\n') { 3 } else { 2 })),
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        ' ' | '"' | '/' | '\\' => escape,
        _ => return None,
    };
    Some((Some(c), 1 + escape.len_utf8()))
}

/// A value with the span it was loaded from. Serializes as the bare value,
/// so templates never see positions.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// In the JSON Schema a `Spanned<T>` is exactly `T`: positions exist only
/// in memory.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of `needle` in the value of the one-key document `text`.
    fn locate(text: &str, value: &str, needle: &str) -> (usize, usize, String) {
        let start = text.find(": ").map_or(0, |i| i + 2);
        let start = if text[start..].starts_with(['|', '>']) {
            start + text[start..].find('\n').unwrap_or(0) + 3
        } else {
            start
        };
        let end = text.trim_end().len();
        let span = Span {
            line: 1 + text[..start].matches('\n').count(),
            column: start - text[..start].rfind('\n').map_or(0, |i| i + 1) + 1,
            start,
            end,
        };
        let offset = value.find(needle).expect("needle in value");
        let found = span.within(text, value, offset, needle.len());
        (found.line, found.column, text[found.start..found.end].to_string())
    }

    /// An offset counted in another text may fall inside a character:
    /// the span starts at that character, in every scalar style.
    #[test]
    fn an_offset_inside_a_character_stands_for_its_start() {
        for (text, value, line, column, start) in [
            ("k: 山田です", "山田です", 1, 4, 3),
            ("k: \"山田\\nです\"", "山田\nです", 1, 4, 3),
            ("k: |\n  山田\n  です\n", "山田\nです\n", 2, 3, 7),
        ] {
            let span = Span {
                line,
                column,
                start,
                end: text.len(),
            };
            for inside in [1, 2, 4, 5] {
                let found = span.within(text, value, inside, 3);
                let at = &value[inside / 3 * 3..];
                let c = at.chars().next().expect("a character");
                assert!(
                    text[found.start..].starts_with(c),
                    "{text:?} at {inside}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn maps_offsets_in_every_scalar_style() {
        assert_eq!(locate("k: abc xyz", "abc xyz", "xyz"), (1, 8, "xyz".into()));
        assert_eq!(
            locate("k: \"a\\u200Bb\"", "a\u{200B}b", "\u{200B}"),
            (1, 6, "\\u200B".into())
        );
        assert_eq!(locate("k: \"a\\\"b\"", "a\"b", "b"), (1, 8, "b".into()));
        assert_eq!(locate("k: 'it''s x'", "it's x", "x"), (1, 11, "x".into()));
        assert_eq!(
            locate("k: |\n  あい\n  うえ\n", "あい\nうえ\n", "え"),
            (3, 4, "え".into())
        );
        // A folded line break is reported where the line ends.
        assert_eq!(
            locate("k: >\n  あい\n  うえ\n", "あい うえ\n", " "),
            (2, 5, "\n".into())
        );
        assert_eq!(
            locate("k: \"あい\n  う\\\n  え\"", "あい うえ", "え"),
            (3, 3, "え".into())
        );
    }
}

//! Source positions carried from the YAML loader into the model.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::ops::Deref;

/// A position in a source file: 1-based line and character column, plus the
/// byte range of the value it marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span of `len` bytes starting `byte_offset` bytes into the value
    /// this span marks, when the value is written on one source line or as a
    /// block scalar (`|`) whose lines keep the indentation of its first line.
    pub fn within(&self, source: &str, value: &str, byte_offset: usize, len: usize) -> Span {
        let byte_offset = byte_offset.min(value.len());
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

/// A value with the span it was loaded from. Serializes as the bare value,
/// so templates never see positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
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

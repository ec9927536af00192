//! Markdown conversions remembered while one document renders. Its
//! outputs convert the same texts again (`notes.txt` and `youtube.txt`
//! the same bodies to plain text, `index.html` and `description.html` to
//! HTML), and every episode converts the series' description and footer.
//! Within `document`, the filters convert a text once; the series' texts
//! stay remembered on the thread for the next document, everything else
//! is forgotten when the document is done. A result is found by the whole
//! text it was made from, and the conversions depend on that text alone,
//! so a remembered result is always the one the conversion would give.
//! A document rendered once (`check` measuring the plain-text notes)
//! converts none of its own texts twice: `single` remembers only what
//! may be the series' texts.

use crate::model::series::Series;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use tera::Value;

/// A Markdown filter's conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conversion {
    /// `markdown`: sanitized HTML.
    Html,
    /// `plaintext`.
    Plain,
    /// `markdown_joined`.
    Markdown,
}

/// How many bytes (texts and results) one document may have remembered;
/// past that, conversions are made without being kept.
const MAX_BYTES: usize = 4 * 1024 * 1024;

#[derive(Default)]
struct Memo {
    /// Whether a document is rendering on this thread.
    active: bool,
    /// In `single`, the lengths of the series' texts: only texts of these
    /// lengths are remembered (any other is forgotten with the document).
    only_lengths: Option<[Option<usize>; 2]>,
    /// Results by the length of their text: a length is hashed in a few
    /// instructions where a text takes a few per byte, and texts of one
    /// length are told apart by comparing them (most differ early).
    results: HashMap<usize, Vec<Entry>, BuildHasherDefault<LengthHasher>>,
    bytes: usize,
}

struct Entry {
    conversion: Conversion,
    text: Box<str>,
    result: Value,
}

/// Hashes a length in a few instructions (std's SipHash takes about a
/// hundred): a multiplication by 2^64 / φ, its high half folded into the
/// low one, where the table looks. A length is no secret to guess at, and
/// a document remembers a few dozen.
#[derive(Default)]
struct LengthHasher(u64);

impl Hasher for LengthHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let product = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = product ^ (product >> 32);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// What an entry holds, roughly: its text and its result.
fn size(text: &str, result: &Value) -> usize {
    text.len() + result.as_str().map_or(0, str::len)
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The series' Markdown texts, which every episode converts the same.
fn series_texts(series: Option<&Series>) -> [Option<&str>; 2] {
    [
        series.and_then(|s| s.description.as_deref().map(String::as_str)),
        series.and_then(|s| s.footer.as_deref().map(String::as_str)),
    ]
}

/// Ends a document's scope: forgets all but the series' texts.
struct Scope<'a> {
    keep: [Option<&'a str>; 2],
}

impl Drop for Scope<'_> {
    fn drop(&mut self) {
        MEMO.with_borrow_mut(|memo| {
            memo.active = false;
            memo.only_lengths = None;
            memo.results.retain(|_, entries| {
                entries.retain(|entry| self.keep.contains(&Some(&*entry.text)));
                !entries.is_empty()
            });
            memo.bytes = memo
                .results
                .values()
                .flatten()
                .map(|e| size(&e.text, &e.result))
                .sum();
        });
    }
}

/// Runs `render` (the outputs of one document of the show of `series`)
/// with the Markdown filters' conversions remembered.
pub(crate) fn document<T>(series: Option<&Series>, render: impl FnOnce() -> T) -> T {
    keeping(series_texts(series), render)
}

/// `document` for a document rendered once, in one format: only the
/// series' texts are remembered (for the next document), as nothing else
/// would be converted again.
pub(crate) fn single<T>(series: Option<&Series>, render: impl FnOnce() -> T) -> T {
    let keep = series_texts(series);
    scoped(keep, Some(keep.map(|text| text.map(str::len))), render)
}

/// `document`, keeping the texts `keep` for the next one.
fn keeping<T>(keep: [Option<&str>; 2], render: impl FnOnce() -> T) -> T {
    scoped(keep, None, render)
}

/// `keeping`, remembering only texts of `only_lengths` when given.
fn scoped<T>(
    keep: [Option<&str>; 2],
    only_lengths: Option<[Option<usize>; 2]>,
    render: impl FnOnce() -> T,
) -> T {
    let nested = MEMO.with_borrow_mut(|memo| {
        let nested = std::mem::replace(&mut memo.active, true);
        if !nested {
            memo.only_lengths = only_lengths;
        }
        nested
    });
    if nested {
        return render();
    }
    let _scope = Scope { keep };
    render()
}

/// The `conversion` of `text`: remembered, or made by `convert` (and
/// remembered, within a document).
pub(crate) fn converted(conversion: Conversion, text: &str, convert: impl FnOnce(&str) -> Value) -> Value {
    let found = MEMO.with_borrow(|memo| {
        let entries = memo.results.get(&text.len()).filter(|_| memo.active)?;
        entries
            .iter()
            .find(|e| e.conversion == conversion && *e.text == *text)
            .map(|e| e.result.clone())
    });
    if let Some(result) = found {
        return result;
    }
    let result = convert(text);
    MEMO.with_borrow_mut(|memo| {
        let bytes = memo.bytes.saturating_add(size(text, &result));
        let wanted = memo
            .only_lengths
            .is_none_or(|lengths| lengths.contains(&Some(text.len())));
        if memo.active && wanted && bytes <= MAX_BYTES {
            memo.bytes = bytes;
            memo.results.entry(text.len()).or_default().push(Entry {
                conversion,
                text: text.into(),
                result: result.clone(),
            });
        }
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn counting<'a>(calls: &'a Cell<usize>) -> impl Fn(&str) -> Value + 'a {
        move |text: &str| {
            calls.set(calls.get() + 1);
            Value::from(text.to_uppercase())
        }
    }

    #[test]
    fn a_text_is_converted_once_per_document_and_only_within_one() {
        let calls = Cell::new(0);
        let convert = counting(&calls);
        converted(Conversion::Plain, "a", &convert);
        converted(Conversion::Plain, "a", &convert);
        assert_eq!(calls.get(), 2, "remembered outside a document");
        calls.set(0);
        let value = document(None, || {
            let first = converted(Conversion::Plain, "a", &convert);
            let again = converted(Conversion::Plain, "a", &convert);
            // Another conversion of the same text is its own.
            converted(Conversion::Html, "a", &convert);
            assert_eq!(first, again);
            again
        });
        assert_eq!(value.as_str(), Some("A"));
        assert_eq!(calls.get(), 2);
        document(None, || converted(Conversion::Plain, "a", &convert));
        assert_eq!(calls.get(), 3, "a document's text outlived it");
    }

    /// A single render remembers the series' texts for the next
    /// document, and nothing else, not even within itself.
    #[test]
    fn a_single_render_remembers_only_the_series_texts() {
        let calls = Cell::new(0);
        let convert = counting(&calls);
        let keep = [Some("説明"), None];
        for _ in 0..3 {
            scoped(keep, Some([Some("説明".len()), None]), || {
                converted(Conversion::Plain, "説明", &convert);
                converted(Conversion::Plain, "body", &convert);
                converted(Conversion::Plain, "body", &convert);
            });
        }
        assert_eq!(calls.get(), 1 + 3 * 2);
        // A document after it remembers its own texts again.
        calls.set(0);
        keeping(keep, || {
            converted(Conversion::Plain, "body", &convert);
            converted(Conversion::Plain, "body", &convert);
        });
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn the_series_texts_outlive_a_document() {
        let calls = Cell::new(0);
        let convert = counting(&calls);
        for _ in 0..3 {
            keeping([Some("footer"), None], || {
                converted(Conversion::Html, "footer", &convert);
                converted(Conversion::Html, "body", &convert);
            });
        }
        assert_eq!(calls.get(), 1 + 3);
        // Outside a document nothing is read from the memo either.
        converted(Conversion::Html, "footer", &convert);
        assert_eq!(calls.get(), 5);
    }
}

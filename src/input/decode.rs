//! Reading typed values out of a YAML node tree while collecting every
//! problem: unknown keys (with a did-you-mean), missing keys, wrong types,
//! empty strings. Model types build themselves from these primitives.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::{Span, Spanned};
use crate::input::date_text::is_ymd_shaped;
use crate::input::yaml::{Node, Tree, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// A value was present but invalid; the problem has been reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Invalid;

/// Collects the diagnostics of one file while its model is built.
pub(crate) struct Decoder {
    pub(crate) file: Arc<SourceFile>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The strings hold only characters XML allows (`yaml::Tree::printable`).
    printable: bool,
}

/// The entries of a mapping whose keys have been checked against a schema.
pub(crate) struct Fields<'n> {
    entries: &'n [(Spanned<Cow<'n, str>>, Node<'n>)],
    pub(crate) span: Span,
    /// What the mapping is, for messages: "episode", "topic", ...
    pub(crate) what: &'static str,
}

impl<'n> Fields<'n> {
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, node)| node)
    }
}

/// "a" or "an" before an English noun.
pub(crate) fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The closest known word to `word`, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

impl Decoder {
    /// The decoder of `tree`, read from `file`.
    pub(crate) fn new(file: Arc<SourceFile>, tree: &Tree<'_>) -> Self {
        Self {
            file,
            diagnostics: Vec::new(),
            printable: tree.printable,
        }
    }

    pub(crate) fn error(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        span: Span,
    ) -> &mut Diagnostic {
        // The place it is pushed to (`Vec::push_mut` would say it, from
        // Rust 1.95 on: above this crate's rust-version).
        let at = self.diagnostics.len();
        self.diagnostics
            .push(Diagnostic::error(code, message).at(&self.file, span));
        &mut self.diagnostics[at]
    }

    pub(crate) fn wrong_type(&mut self, node: &Node, expected: &str, key: &str) {
        let diagnostic = self.error(
            "invalid-type",
            format!("`{key}` must be {expected}, found {}", node.value.kind()),
            node.span,
        );
        diagnostic.help = Some(
            if expected == "a string"
                && matches!(node.value, Value::Int(_) | Value::Float(_) | Value::Bool(_))
            {
                "put the value in quotes to make it text".into()
            } else {
                format!("write `{key}` as {expected}")
            },
        );
    }

    /// A mapping with the given keys; unknown keys are reported with a
    /// did-you-mean. `None` (after reporting) when the node is no mapping.
    pub(crate) fn fields<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &'static str,
        key: &str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, "a mapping", key);
            return None;
        };
        for (index, (name, _)) in entries.iter().enumerate() {
            if entries[..index]
                .iter()
                .any(|(earlier, _)| earlier.value == name.value)
            {
                self.error(
                    "duplicate-key",
                    format!("`{}` is given twice in this {what}", name.value),
                    name.span,
                )
                .help = Some("keep one of them".into());
            } else if !known.contains(&&*name.value) {
                let help = match did_you_mean(&name.value, known) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!("the keys of {} {what} are: {}", article(what), known.join(", ")),
                };
                self.error(
                    "unknown-key",
                    format!("unknown key `{}` in {what}", name.value),
                    name.span,
                )
                .help = Some(help);
            }
        }
        Some(Fields {
            entries,
            span: node.span,
            what,
        })
    }

    /// A required field: reports it missing (at the mapping) or null.
    pub(crate) fn required<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        read: impl FnOnce(&mut Self, &'n Node<'n>, &str) -> Option<T>,
    ) -> Option<T> {
        match fields.get(key) {
            Some(node) if node.value != Value::Null => read(self, node, key),
            Some(node) => {
                self.error("missing-value", format!("`{key}` has no value"), node.span)
                    .help = Some(format!("give the {} a {key}", fields.what));
                None
            }
            None => {
                self.error(
                    "missing-key",
                    format!("missing required key `{key}` in {}", fields.what),
                    fields.span,
                )
                .help = Some(format!("add `{key}:` to this {}", fields.what));
                None
            }
        }
    }

    /// An optional field: `Ok(None)` when absent or null, `Err(())` when
    /// present but invalid (already reported).
    pub(crate) fn optional<'n, T>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        read: impl FnOnce(&mut Self, &'n Node<'n>, &str) -> Option<T>,
    ) -> Result<Option<T>, Invalid> {
        match fields.get(key) {
            Some(node) if node.value != Value::Null => read(self, node, key).map(Some).ok_or(Invalid),
            _ => Ok(None),
        }
    }

    /// A non-empty string (whitespace-only counts as empty).
    pub(crate) fn string(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        match &node.value {
            // (Blank when nothing is left once the start is trimmed: the
            // end of a text that is not blank is never looked at.)
            Value::Str(s) if s.trim_start().is_empty() => {
                self.error("empty-string", format!("`{key}` is empty"), node.span)
                    .help = Some(format!("write a {key}, or remove the key if it is optional"));
                None
            }
            Value::Str(s) => {
                // Every text may end up in feed.xml or a page: a character
                // XML 1.0 does not allow would make them ill-formed.
                if let Some((offset, c)) = self.non_xml_char(s) {
                    let span = node.span.within(&self.file.text, s, offset, c.len_utf8());
                    let diagnostic = self.error(
                        "invalid-char",
                        format!(
                            "`{key}` contains U+{:04X} ({}), a character XML and HTML do not allow",
                            c as u32,
                            if c.is_control() {
                                "a control character"
                            } else {
                                "a noncharacter"
                            }
                        ),
                        span,
                    );
                    diagnostic.label = Some("not allowed in text".into());
                    diagnostic.help =
                        Some("remove it (it usually comes from copying out of another program)".into());
                    return None;
                }
                Some(Spanned::new(s.as_ref().to_owned(), node.span))
            }
            _ => {
                self.wrong_type(node, "a string", key);
                None
            }
        }
    }

    /// The first character of `text` XML does not allow, with its offset;
    /// looked for only when the tree may hold one (see `Tree::printable`).
    fn non_xml_char(&self, text: &str) -> Option<(usize, char)> {
        if self.printable {
            return None;
        }
        crate::input::chars::first_non_xml_char(text)
    }

    pub(crate) fn integer(&mut self, node: &Node, key: &str) -> Option<Spanned<i64>> {
        match node.value {
            Value::Int(i) => Some(Spanned::new(i, node.span)),
            _ => {
                self.wrong_type(node, "an integer", key);
                None
            }
        }
    }

    /// A list whose items are read by `item`. Every item is read, so every
    /// problem is reported; the items that could be read are returned (the
    /// others' problems are in the diagnostics). `None` when no list.
    pub(crate) fn list<'n, T>(
        &mut self,
        node: &'n Node<'n>,
        key: &str,
        mut item: impl FnMut(&mut Self, &'n Node<'n>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(node, "a list", key);
            return None;
        };
        Some(items.iter().filter_map(|node| item(self, node)).collect())
    }

    /// The root of a file must be a mapping.
    pub(crate) fn root<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &'static str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        if !matches!(node.value, Value::Map(_)) {
            self.error(
                "invalid-type",
                format!(
                    "{} {what} file must be a mapping of keys, found {}",
                    article(what),
                    node.value.kind()
                ),
                node.span,
            )
            .help = Some(format!(
                "start with `title: ...`; the keys of {} {what} are: {}",
                article(what),
                known.join(", ")
            ));
            return None;
        }
        self.fields(node, what, what, known)
    }
}

impl Decoder {
    /// An absolute http(s) URL, as the `url` crate serializes it (so
    /// outputs never carry the text as written). A character a URL must
    /// not contain is reported where it is written.
    pub(crate) fn url(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        let text = self.string(node, key)?;
        let lead = text.value.len() - text.value.trim_start().len();
        let trimmed = text.value.trim();
        if let Some((offset, c)) = crate::input::weburl::unsafe_char(trimmed) {
            let span = text
                .span
                .within(&self.file.text, &text.value, lead + offset, c.len_utf8());
            let diagnostic = self.error(
                "invalid-url",
                format!(
                    "`{key}` contains {}: a URL cannot contain whitespace, control characters, <, >, \" or \\",
                    crate::input::weburl::describe(c)
                ),
                span,
            );
            diagnostic.label = Some("not allowed in a URL".into());
            diagnostic.help = Some(format!(
                "write it percent-encoded: {}",
                crate::input::weburl::percent_encoded(trimmed)
            ));
            return None;
        }
        match crate::input::weburl::http_url(trimmed) {
            Ok(url) => Some(Spanned::new(url.into(), text.span)),
            Err(why) => {
                self.error(
                    "invalid-url",
                    format!("`{key}` is not a usable link: {why}"),
                    node.span,
                )
                .help = Some("write a full address such as https://example.com/page".into());
                None
            }
        }
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, node: &Node, key: &str) -> Option<Spanned<chrono::NaiveDate>> {
        let Value::Str(text) = &node.value else {
            self.wrong_type(node, "a date such as `2026-03-10`", key);
            return None;
        };
        if !is_ymd_shaped(text) {
            self.error(
                "invalid-date",
                format!("`{key}` must be written YYYY-MM-DD, found `{text}`"),
                node.span,
            )
            .help = Some("for example `date: 2026-03-10`".into());
            return None;
        }
        match crate::input::date_text::ymd(text) {
            Some(date) => Some(Spanned::new(date, node.span)),
            None => {
                let help = match (text[..4].parse::<i32>(), text[5..7].parse::<u32>()) {
                    (Ok(y), Ok(m)) if (1..=12).contains(&m) => {
                        let next = if m == 12 {
                            chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1)
                        } else {
                            chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)
                        };
                        let days = next.and_then(|n| n.pred_opt()).map(|d| chrono::Datelike::day(&d));
                        match days {
                            Some(days) => format!("{y}-{m:02} has {days} days"),
                            None => "check the year".into(),
                        }
                    }
                    _ => "months run from 01 to 12".into(),
                };
                self.error(
                    "invalid-date",
                    format!("`{text}` is not a calendar date"),
                    node.span,
                )
                .help = Some(help);
                None
            }
        }
    }

    /// A list of non-empty strings.
    pub(crate) fn strings(&mut self, node: &Node, key: &str) -> Option<Vec<Spanned<String>>> {
        self.list(node, key, |d, item| d.string(item, key))
    }
}

impl Decoder {
    /// `true` or `false`.
    pub(crate) fn boolean(&mut self, node: &Node, key: &str) -> Option<Spanned<bool>> {
        match node.value {
            Value::Bool(b) => Some(Spanned::new(b, node.span)),
            _ => {
                self.wrong_type(node, "`true` or `false`", key);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::source::SourceFile;
    use crate::input::yaml::{self, FileKind};

    /// Only a tree of the short road from a file with no `\` is taken to
    /// be printable: not one with a tag, an alias or an escape.
    #[test]
    fn only_escape_free_files_of_the_short_road_are_printable() {
        for (text, printable) in [
            ("title: テスト\nbody: |\n  本文\n", true),
            ("title: \"a\\x01\"\n", false),
            ("title: 'a\\b'\n", false),
            ("title: !!binary AQ==\n", false),
            ("a: &x 1\nb: *x\n", false),
        ] {
            let file = SourceFile::new(std::path::Path::new("ep.yaml"), "ep.yaml".into(), text.into());
            let tree = yaml::parse_as(&file, FileKind::Episode).expect("parses");
            assert_eq!(tree.printable, printable, "{text:?}");
        }
    }

    /// What `Tree::printable` rests on: a character XML does not
    /// allow, written as it is (not escaped) in a value of any style, makes
    /// the YAML parser refuse the file, so no string without an escape can
    /// hold one.
    #[test]
    fn characters_xml_does_not_allow_are_refused_by_the_parser_where_written() {
        let refused = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| !crate::input::chars::is_xml_char(c));
        let mut seen = 0;
        // Each shape reads with a character XML allows (so the refusals
        // below are for the character).
        for c in refused.map(Some).chain([None]) {
            let (c, allowed) = (c.unwrap_or('x'), c.is_none());
            for text in [
                format!("title: a{c}b\n"),
                format!("title: {c}\n"),
                format!("title: 'a{c}b'\n"),
                format!("title: \"a{c}b\"\n"),
                format!("title: |\n  一行\n  a{c}b\n"),
                format!("title: >\n  a{c}b\n"),
                format!("title: [a{c}b]\n"),
                format!("title: {{k: a{c}b}}\n"),
                format!("title:\n  - a\n    {c}b\n"),
                format!("title: plain\n  a{c}b\n"),
            ] {
                let file = SourceFile::new(std::path::Path::new("ep.yaml"), "ep.yaml".into(), text);
                assert_eq!(
                    yaml::parse_as(&file, FileKind::Episode).is_ok(),
                    allowed,
                    "U+{:04X} was read in {:?}",
                    c as u32,
                    file.text
                );
                seen += 1;
            }
        }
        assert_eq!(seen, 32 * 10);
    }
}

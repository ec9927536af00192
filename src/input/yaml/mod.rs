//! YAML text -> a tree of nodes that remember where they were written.
//!
//! The parsing is serde-saphyr's (panic-free, with budgets against alias
//! bombs and deep nesting); this module only keeps every node's position so
//! later stages can point at the exact value they reject.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::{Folder, Refusal, SourceFile};
use crate::diagnostic::span::{Span, Spanned};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

mod events;

/// The largest input file accepted. Real episode files are a few KiB.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The most values a file may have once its aliases are resolved.
const MAX_NODES: usize = 100_000; // "100,000" in messages

/// What a file of the show is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Episode,
    Series,
    Template,
}

impl FileKind {
    /// "… more than the 4 MiB {noun} may have".
    fn noun(self) -> &'static str {
        match self {
            FileKind::Episode => "an episode file",
            FileKind::Series => "series.yaml",
            FileKind::Template => "a template",
        }
    }
}

/// A value of the tree. Its text (a string, a key) is borrowed from the
/// file where it is written as it reads (most of them), so building the
/// tree copies only what the parser had to rewrite (folded or escaped).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Spanned<Cow<'a, str>>, Node<'a>)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node<'a> {
    pub(crate) value: Value<'a>,
    pub(crate) span: Span,
}

/// A file read into its tree by `parse_as`.
pub(crate) struct Tree<'a> {
    pub(crate) root: Node<'a>,
    /// Every string of the tree is made of characters written in the file
    /// (and the spaces and line breaks of folding): the tree came the short
    /// road (`events`: no tag, which could decode `!!binary` into any
    /// character), and the file has no `\`, so no escape (`"\x01"`,
    /// `"\uFFFE"`). The parser refuses any character that is not printable
    /// (YAML's `c-printable`) where it is written, and every printable one
    /// is a character XML allows: such strings need no second look for the
    /// characters XML refuses.
    pub(crate) printable: bool,
}

impl Value<'_> {
    /// What a user would call this kind of value, for "expected X, found Y".
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn span_of(location: &serde_saphyr::Location, file: Option<&SourceFile>) -> Span {
    let line = location.line() as usize;
    let column = location.column() as usize;
    let span = location.span();
    let (start, len) = match span.byte_offset().zip(span.byte_len()) {
        Some((start, len)) => (start as usize, len as usize),
        _ => match file {
            Some(file) => (file.offset_of(line, column), 0),
            None => (0, 0),
        },
    };
    Span {
        line,
        column,
        start,
        end: start + len,
    }
}

impl<'de> Deserialize<'de> for Node<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<Value<'static>>::deserialize(deserializer)?;
        Ok(Node {
            span: span_of(&spanned.referenced, None),
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom("integer is too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(node) = seq.next_element::<Node>()? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, mut node)) = map.next_entry::<serde_saphyr::Spanned<KeyText>, Node>()? {
            let key = Spanned::new(key.value.0, span_of(&key.referenced, None));
            // An empty block scalar (`body: |` and nothing under it) is
            // placed by the parser at the next token: point at its key.
            if matches!(&node.value, Value::Str(s) if s.trim().is_empty()) && node.span.line > key.span.line {
                node.span = key.span;
            }
            entries.push((key, node));
        }
        Ok(Value::Map(entries))
    }
}

/// A mapping key: any scalar, as text (`1: x` has the key "1").
struct KeyText(Cow<'static, str>);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        key_text(Value::deserialize(deserializer)?)
            .map(KeyText)
            .map_err(de::Error::custom)
    }
}

/// A scalar mapping key as text (`1: x` has the key "1").
fn key_text(value: Value<'_>) -> Result<Cow<'_, str>, String> {
    match value {
        Value::Str(s) => Ok(s),
        Value::Int(i) => Ok(Cow::Owned(i.to_string())),
        Value::Bool(b) => Ok(Cow::Owned(b.to_string())),
        Value::Float(f) => Ok(Cow::Owned(f.to_string())),
        Value::Null => Ok(Cow::Borrowed("")),
        other => Err(format!(
            "a mapping key must be a plain word, found {}",
            other.kind()
        )),
    }
}

/// Reads a file, refusing oversized and non-UTF-8 input before parsing,
/// and anything that is not a regular file inside `within` (the show
/// root): see `source::read_inside`.
#[allow(
    clippy::result_large_err,
    reason = "a Diagnostic is the error of content, built once per bad file on the cold path"
)]
pub(crate) fn read(
    path: &std::path::Path,
    display: String,
    within: &std::path::Path,
    folder: Option<&Folder>,
    kind: FileKind,
) -> Result<Arc<SourceFile>, ReadError> {
    let bytes = match Folder::read(folder, path, within, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(Refusal::Io(e)) => return Err(ReadError::Io(e)),
        Err(refusal) => {
            let file = SourceFile::new(path, display, String::new());
            return Err(ReadError::Content(refused(refusal, &file, kind)));
        }
    };
    // Validated 32 bytes at a time (std goes byte by byte through Japanese
    // text); the copy into a `String` costs far less than std's check.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(SourceFile::new(path, display, text.to_owned()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, display, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let good = String::from_utf8_lossy(&bytes[..valid]);
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let file = SourceFile::new(path, display, text);
            let start = file.offset_of(line, column);
            Err(ReadError::Content(
                Diagnostic::error("invalid-utf8", "file is not valid UTF-8")
                    .at(
                        &file,
                        Span {
                            line,
                            column,
                            start,
                            end: start,
                        },
                    )
                    .label("invalid byte here")
                    .help("save the file as UTF-8"),
            ))
        }
    }
}

/// The diagnostic of a file that was not read (no snippet: its content
/// was never looked at).
pub(crate) fn refused(refusal: Refusal, file: &Arc<SourceFile>, kind: FileKind) -> Diagnostic {
    match refusal {
        Refusal::TooLarge { size } => {
            let size = if size > MAX_FILE_BYTES {
                format!("{:.1} MiB", size as f64 / (1024.0 * 1024.0))
            } else {
                // The file system does not know (a file in /proc, a pipe...).
                format!("more than {} MiB", MAX_FILE_BYTES / (1024 * 1024))
            };
            Diagnostic::error(
                "file-too-large",
                format!(
                    "file is {size}, more than the {} MiB {} may have",
                    MAX_FILE_BYTES / (1024 * 1024),
                    kind.noun()
                ),
            )
            .in_file(file)
            .help("split the content, or check that this is the file you meant")
        }
        Refusal::Outside { real } => Diagnostic::error(
            "file-outside-show",
            format!(
                "`{}` leads outside the show (to {}) through a symbolic link; it was not read",
                file.display,
                real.display()
            ),
        )
        .in_file(file)
        .help("files of a show must be inside its directory: replace the link with a copy of the file"),
        Refusal::NotRegular { kind } => Diagnostic::error(
            "not-a-file",
            format!(
                "`{}` is {kind}, not a regular file; it was not read",
                file.display
            ),
        )
        .in_file(file)
        .help("replace it with a regular file, or remove it"),
        Refusal::Io(e) => {
            Diagnostic::error("file-unreadable", format!("cannot read `{}`: {e}", file.display)).in_file(file)
        }
    }
}

pub(crate) enum ReadError {
    Io(std::io::Error),
    Content(Diagnostic),
}

fn options(max_aliases: Option<usize>) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::budget! { max_nodes: MAX_NODES };
    if let (Some(budget), Some(max_aliases)) = (budget.as_mut(), max_aliases) {
        budget.max_aliases = max_aliases;
    }
    serde_saphyr::options! {
        with_snippet: false,
        // Duplicates are reported by the decoder, with a clearer message.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        // An episode has a few hundred values; stop alias bombs early.
        budget: budget,
    }
}

/// `parse` for any kind of file of the show.
#[allow(
    clippy::result_large_err,
    reason = "a Diagnostic is the error of content, built once per bad file on the cold path"
)]
pub(crate) fn parse_as(file: &Arc<SourceFile>, kind: FileKind) -> Result<Tree<'_>, Diagnostic> {
    if let Some(root) = events::tree(&file.text, MAX_NODES) {
        let printable = memchr::memchr(b'\\', file.text.as_bytes()).is_none();
        return Ok(Tree { root, printable });
    }
    match serde_saphyr::from_str_with_options::<Option<Node<'static>>>(&file.text, options(None)) {
        Ok(Some(root)) => Ok(Tree {
            root,
            printable: false,
        }),
        Ok(None) => Err(Diagnostic::error("empty-file", "file is empty")
            .in_file(file)
            .help(match kind {
                FileKind::Series => "series.yaml needs at least `title`",
                _ => "an episode needs at least `title`, `date` and `topics`",
            })),
        Err(e) => {
            let (message, help) = explain(&e, file);
            let mut diagnostic = Diagnostic::error("yaml-syntax", message);
            diagnostic.help = help.map(str::to_string);
            Err(match e.location() {
                Some(location) => diagnostic.at(file, span_of(&location, Some(file))),
                None => diagnostic.in_file(file),
            })
        }
    }
}

/// Whether the document uses any alias (`*name`): parsed again with no
/// alias allowed, which stops at the first one.
fn uses_aliases(file: &SourceFile) -> bool {
    match serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&file.text, options(Some(0))) {
        Ok(_) => false,
        Err(e) => e.without_snippet().to_string().contains("Aliases"),
    }
}

/// A parser error in the user's terms, with a fix when one is known.
fn explain(e: &serde_saphyr::Error, file: &SourceFile) -> (String, Option<&'static str>) {
    const TOO_DEEP: &str =
        "episode files need only a few levels of nesting; check the indentation and brackets";
    let message = e.without_snippet().to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    if message.contains("recursion limit") || message.contains("budget breached: Depth") {
        return ("the YAML is nested too deeply".into(), Some(TOO_DEEP));
    }
    if message.contains("budget breached") {
        if uses_aliases(file) {
            return (
                "the YAML expands to too many values once its aliases are resolved".into(),
                Some(
                    "this looks like an alias bomb (\"billion laughs\"); write the values out instead of repeating `*alias` references",
                ),
            );
        }
        return (
            "the file has more than 100,000 values".to_string(),
            Some(
                "an episode has a few hundred values; split the content, or check that this is the file you meant",
            ),
        );
    }
    if message.contains("multiple YAML documents") {
        return (
            "the file holds more than one YAML document (a line `---` starts another)".into(),
            Some(
                "keep one document per file: remove the `---` line, or move what follows it into a file of its own",
            ),
        );
    }
    (format!("invalid YAML: {message}"), None)
}

//! `check --fix`: rewrites, in place, the findings of the Japanese text
//! rules that have a safe fix (full-width letters and digits, half-width
//! katakana, doubled 。, invisible characters, the producer's `terms`).
//!
//! Only the bytes of each finding change: every other byte, comment and
//! the layout of the file stay as they were. Before a file is written, the
//! rewritten text is decoded again and each text field must read exactly
//! as intended (so a fix can never turn a string into a number or break a
//! quoted scalar); a file that fails this, or is a symbolic link, is left
//! alone and named. Files are replaced atomically (a temporary file in the
//! same folder, renamed), so nothing is written outside the file's folder.

use crate::error::Error;
use crate::input::decode::Decoder;
use crate::input::yaml;
use crate::model::document::Document;
use crate::model::lint_settings::Rules;
use crate::validate::lint::{self, Fix};
use crate::validate::workspace::{Workspace, for_each_document};
use std::io::Write;
use std::path::Path;

/// One change written to a file.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) rule: &'static str,
    pub(crate) old: String,
    pub(crate) new: String,
}

/// What `--fix` did: the changes written, and the files it left alone.
#[derive(Debug, Default)]
pub(crate) struct Fixed {
    pub(crate) changes: Vec<Change>,
    pub(crate) refused: Vec<String>,
}

/// Applies the safe fixes of every file of the workspace.
pub(crate) fn run(workspace: &Workspace) -> Result<Fixed, Error> {
    let default = Rules::default();
    let series = workspace.series.as_ref();
    let rules = series.map_or(&default, |s| &s.lint);
    let names = lint::series_names(series);
    let results = for_each_document(&workspace.files, workspace.root(), |loaded| {
        loaded
            .document
            .map(|document| fix_document(&document, rules, &names))
    })?;
    let mut fixed = Fixed::default();
    for result in results.into_iter().flatten() {
        match result? {
            Outcome::Changed(changes) => fixed.changes.extend(changes),
            Outcome::Refused(file) => fixed.refused.push(file),
            Outcome::Unchanged => {}
        }
    }
    Ok(fixed)
}

enum Outcome {
    Unchanged,
    Changed(Vec<Change>),
    Refused(String),
}

fn fix_document(document: &Document, rules: &Rules, names: &[&str]) -> Result<Outcome, Error> {
    let file = document.file();
    let source = file.text.as_str();
    // Only fixes whose bytes in the file are the text they replace (or,
    // for a removal, a double-quoted escape such as `\u200B`).
    let fixes: Vec<Fix> = lint::fixes(document, rules, names)
        .into_iter()
        .filter(|f| {
            let written = source.get(f.span.start..f.span.end);
            written == Some(f.old.as_str())
                || f.new.is_empty() && written.is_some_and(|w| w.starts_with('\\'))
        })
        .collect();
    if fixes.is_empty() {
        return Ok(Outcome::Unchanged);
    }
    let mut text = source.to_string();
    for fix in fixes.iter().rev() {
        text.replace_range(fix.span.start..fix.span.end, &fix.new);
    }
    // A symbolic link would be replaced by a file: leave it to the producer.
    let is_link = std::fs::symlink_metadata(&file.path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link || !reads_as_intended(document, &fixes, &text) {
        return Ok(Outcome::Refused(file.display.clone()));
    }
    write_atomically(&file.path, &text)?;
    let changes = fixes
        .iter()
        .map(|f| Change {
            file: file.display.clone(),
            line: f.span.line,
            column: f.span.column,
            rule: f.rule,
            old: f.old.clone(),
            new: f.new.clone(),
        })
        .collect();
    Ok(Outcome::Changed(changes))
}

/// Whether `text` decodes to the same document with exactly the fixed
/// values changed as planned.
fn reads_as_intended(document: &Document, fixes: &[Fix], text: &str) -> bool {
    let before = lint::text_fields(document);
    let mut expected: Vec<String> = before.iter().map(|v| v.value.clone()).collect();
    for fix in fixes.iter().rev() {
        if let Some(value) = expected.get_mut(fix.field)
            && value.get(fix.range.clone()).is_some()
        {
            value.replace_range(fix.range.clone(), &fix.new);
        }
    }
    let file = document.file();
    let file = crate::diagnostic::source::SourceFile::new(&file.path, file.display.clone(), text.to_string());
    let Ok(tree) = yaml::parse_as(&file, yaml::FileKind::Episode) else {
        return false;
    };
    let mut decoder = Decoder::new(std::sync::Arc::clone(&file), &tree);
    let Some(after) = Document::decode(&mut decoder, &tree.root, document.slug().to_string()) else {
        return false;
    };
    let after: Vec<&str> = lint::text_fields(&after)
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    after == expected.iter().map(String::as_str).collect::<Vec<_>>()
}

/// Replaces `path` with `text` through a temporary file in the same
/// folder, keeping the file's permissions.
fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    temp.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(metadata.permissions())
            .map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// How a changed text is shown: invisible characters by code point.
pub(crate) fn shown(text: &str) -> String {
    if text.is_empty() {
        return "(nothing)".into();
    }
    let visible: String = text
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}' | '\u{202A}'..='\u{202E}') {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("`{visible}`")
}

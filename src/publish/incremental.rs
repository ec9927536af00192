//! Incremental rebuilds for `watch` and `serve`: what each episode file
//! produced is kept in memory (its content hash, its problems and its
//! summary for the series page and the feed), so a change re-reads and
//! re-renders only the files that changed.
//!
//! - A change to `series.yaml` or `templates/` rebuilds everything (a full
//!   `build`, atomic as always); so does the first change after a full
//!   build that failed, and a change of more than [`MAX_INCREMENTAL`] files.
//! - An episode file that changed is loaded, validated and rendered into
//!   memory. The series page and the feed are rendered again only when what
//!   they show of an episode changed (or an episode came or went).
//! - Nothing is written while any file of the show has an error: the
//!   failed files stay pending and are written with the rebuild that fixes
//!   them. When the show is clean, each output whose content changed is
//!   replaced atomically (written beside it, then renamed over it), and the
//!   outputs of deleted episodes are removed.
//!
//! The promise: a rebuild with an error changes nothing; every file is
//! always whole (old or new, never half-written); a rebuild interrupted
//! while writing (power loss, `kill -9`) can leave some outputs of that one
//! rebuild new and others old, which the next rebuild completes.

use crate::diagnostic::{Diagnostic, Tally};
use crate::error::Error;
use crate::input::show_dir;
use crate::model::series::Series;
use crate::publish::build::{self, Request};
use crate::publish::document;
use crate::publish::document::DocumentResult;
use crate::publish::outputs::{Output, Selection};
use crate::publish::sink::{Collected, Sink};
use crate::render::platform::summary::Summary;
use crate::render::templates::Templates;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// More changed files than this at once (a `git checkout`...) are rebuilt
/// by a full build, which streams outputs instead of holding them.
pub(crate) const MAX_INCREMENTAL: usize = 64;

/// The show being rebuilt, and what its last build left.
pub(crate) struct Engine {
    root: PathBuf,
    out: PathBuf,
    state: Option<State>,
    /// The slugs whose outputs this session wrote and has not removed.
    written_slugs: BTreeSet<String>,
}

/// What the last full build loaded, and each episode file's last result.
struct State {
    series: Option<Series>,
    templates: Option<Templates>,
    selection: Selection,
    files: BTreeMap<PathBuf, FileState>,
    /// Files loaded since the outputs were last written (held back by an
    /// error somewhere in the show).
    pending: BTreeSet<PathBuf>,
    /// Whether the series page must be rendered again.
    index_dirty: bool,
    /// Whether the feed must be written again.
    feed_dirty: bool,
}

struct FileState {
    /// The content hash, `None` when the file could not be read to hash it
    /// (it is then loaded again on its next change, whatever it holds).
    hash: Option<u64>,
    slug: Option<String>,
    diagnostics: Vec<Diagnostic>,
    failure: Option<Diagnostic>,
    summary: Option<Summary>,
    /// What the series page shows of the episode (its serialized summary).
    index_key: Option<String>,
    /// Everything the feed shows of it.
    feed_key: Option<u64>,
}

impl FileState {
    fn new(path: &Path, hash: Option<u64>, result: DocumentResult) -> Self {
        let index_key = result
            .summary
            .as_ref()
            .and_then(|s| serde_json::to_string(s).ok());
        let feed_key = result
            .summary
            .as_ref()
            .map(|s| hash_bytes(format!("{s:?}").as_bytes()));
        let mut diagnostics = result.diagnostics;
        diagnostics.retain(Diagnostic::is_error);
        Self {
            hash,
            slug: show_dir::slug(path, None).ok(),
            diagnostics,
            failure: result.failure,
            summary: result.summary,
            index_key,
            feed_key,
        }
    }

    /// The errors, kept to report them while the file is not fixed; its
    /// warnings were printed when it was loaded.
    fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(&self.failure)
            .filter(|d| d.is_error())
    }
}

/// How one rebuild went, for the terminal and the browser.
pub(crate) struct Update {
    /// The problems to show: every problem of the files loaded now, and the
    /// errors of the others.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The closing line: what was written, or why nothing was.
    pub(crate) line: String,
    /// Whether the outputs are up to date (no error anywhere).
    pub(crate) ok: bool,
}

impl Update {
    /// Prints the problems and the closing line to stderr.
    pub(crate) fn print(&self) {
        crate::diagnostic::report::print(&self.diagnostics);
        eprintln!("{}", self.line);
    }
}

impl Engine {
    /// `root` as events name it (resolved), and the output directory.
    pub(crate) fn new(root: PathBuf, out: PathBuf) -> Self {
        Self {
            root,
            out,
            state: None,
            written_slugs: BTreeSet::new(),
        }
    }

    /// Rebuilds after `changed` (paths relative to the root, as `watch`
    /// reports them); everything when nothing was built yet.
    pub(crate) fn rebuild(&mut self, changed: &BTreeSet<String>) -> Result<Update, Error> {
        let whole_show = changed.iter().any(|c| {
            c == show_dir::SERIES_FILE
                || c == show_dir::EPISODES_DIR
                || c == show_dir::TEMPLATES_DIR
                || c.starts_with(&format!("{}/", show_dir::TEMPLATES_DIR))
        });
        if self.state.is_none() || whole_show {
            return self.full();
        }
        let episodes = changed
            .iter()
            .filter(|c| is_episode_path(c))
            .map(|c| self.root.join(c))
            .collect();
        let result = self.incremental(episodes);
        if result.is_err() {
            // An I/O failure mid-way: start again from a full build.
            self.state = None;
        }
        result
    }

    /// A full build (the one `build` runs), keeping each file's result.
    pub(crate) fn full(&mut self) -> Result<Update, Error> {
        self.state = None;
        let files = show_dir::episode_files(&self.root)?;
        // Hashed before the build reads them: a file changed in between
        // then differs from its hash, and is loaded again on its event.
        let hashes: HashMap<PathBuf, u64> = files
            .par_iter()
            .filter_map(|path| hash_file(path).map(|hash| (path.clone(), hash)))
            .collect();
        let (built, kept) = build::run_keeping(&Request {
            root: Some(&self.root),
            out: Some(&self.out),
            formats: &[],
            files: &[],
        })?;
        let line = build::closing_line(&built);
        if built.written.is_none() {
            return Ok(Update {
                diagnostics: built.diagnostics,
                line,
                ok: false,
            });
        };
        let files: BTreeMap<PathBuf, FileState> = kept
            .documents
            .into_iter()
            .map(|(path, result)| {
                let state = FileState::new(&path, hashes.get(&path).copied(), result);
                (path, state)
            })
            .collect();
        let state = State {
            series: kept.series,
            templates: kept.templates,
            selection: kept.selection,
            files,
            pending: BTreeSet::new(),
            index_dirty: false,
            feed_dirty: false,
        };
        let removed = self.remove_deleted(&state)?;
        let mut line = line;
        if !removed.is_empty() {
            line.push_str(&format!("; removed the outputs of {}", slug_list(&removed)));
        }
        self.state = Some(state);
        Ok(Update {
            diagnostics: built.diagnostics,
            line,
            ok: true,
        })
    }

    /// Reloads the episode files among `paths` whose content changed, and
    /// writes their outputs when the whole show is clean.
    fn incremental(&mut self, paths: Vec<PathBuf>) -> Result<Update, Error> {
        let started = Instant::now();
        let Some(state) = self.state.as_mut() else {
            return self.full();
        };
        let mut reload: BTreeMap<PathBuf, Option<u64>> = BTreeMap::new();
        let mut deleted = false;
        for path in paths {
            if path.is_file() {
                let hash = hash_file(&path);
                let same = state
                    .files
                    .get(&path)
                    .is_some_and(|f| f.hash.is_some() && f.hash == hash);
                if !same || state.pending.contains(&path) {
                    reload.insert(path, hash);
                }
            } else if let Some(old) = state.files.remove(&path) {
                state.pending.remove(&path);
                state.index_dirty |= old.summary.is_some();
                state.feed_dirty |= old.summary.is_some();
                deleted = true;
            }
        }
        for path in &state.pending {
            let hash = state.files.get(path).and_then(|f| f.hash);
            reload.entry(path.clone()).or_insert(hash);
        }
        // A new file with the slug of another is an error of the whole
        // show (`duplicate-slug`), which the full build reports.
        let clash = reload
            .keys()
            .filter(|p| !state.files.contains_key(*p))
            .any(|new| {
                let slug = show_dir::slug(new, None).ok();
                slug.is_some() && state.files.values().any(|f| f.slug == slug)
            });
        if reload.len() > MAX_INCREMENTAL || clash {
            return self.full();
        }
        if reload.is_empty() && !deleted && !state.index_dirty && !state.feed_dirty {
            return Ok(Update {
                diagnostics: Vec::new(),
                line: "nothing to rebuild: the changed files have the same content".into(),
                ok: true,
            });
        }
        let rendered = render(state, &self.root, &reload)?;
        let mut diagnostics = Vec::new();
        let mut outputs = Vec::new();
        let mut failed_once = false;
        for (path, result, collected) in rendered {
            diagnostics.extend(result.diagnostics.iter().cloned());
            if let Some(failure) = &result.failure
                && !std::mem::replace(&mut failed_once, true)
            {
                diagnostics.push(failure.clone());
            }
            outputs.extend(collected.into_files());
            let new = FileState::new(&path, reload.get(&path).copied().flatten(), result);
            let old = state.files.get(&path);
            state.index_dirty |= old.map_or(new.summary.is_some(), |old| old.index_key != new.index_key);
            state.feed_dirty |= old.map_or(new.summary.is_some(), |old| old.feed_key != new.feed_key);
            state.pending.insert(path.clone());
            state.files.insert(path, new);
        }
        let loaded: BTreeSet<&PathBuf> = reload.keys().collect();
        let others = state
            .files
            .iter()
            .filter(|(path, _)| !loaded.contains(path))
            .flat_map(|(_, f)| f.errors());
        diagnostics.extend(others.cloned());
        // The series page is held with the pages, so that a failure to
        // render it writes nothing either.
        if !diagnostics.iter().any(Diagnostic::is_error)
            && state.index_dirty
            && let Some(templates) = &state.templates
        {
            let collected = Collected::default();
            diagnostics.extend(show_level(state, templates, Output::Index, &collected)?);
            outputs.extend(collected.into_files());
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            let line = format!(
                "build failed: {}; nothing in {} was changed",
                Tally::of(&diagnostics),
                show_dir::display_path(&self.out, None)
            );
            return Ok(Update {
                diagnostics,
                line,
                ok: false,
            });
        }
        let direct = Direct::new(&self.out);
        for (relative, contents) in &outputs {
            direct.write(relative, contents)?;
        }
        // The feed last: the largest file, streamed, after the pages.
        if std::mem::take(&mut state.feed_dirty)
            && let Some(templates) = &state.templates
        {
            diagnostics.extend(show_level(state, templates, Output::Feed, &direct)?);
        }
        let (changed, unchanged) = direct.counts();
        state.pending.clear();
        state.index_dirty = false;
        let state = self.state.take();
        let removed = match &state {
            Some(state) => self.remove_deleted(state),
            None => Ok(Vec::new()),
        };
        self.state = state;
        let removed = removed?;
        let mut line = format!(
            "rebuilt {} ({} file{} written, {unchanged} unchanged) into {} in {} ms",
            describe(reload.keys(), &self.root),
            changed,
            if changed == 1 { "" } else { "s" },
            show_dir::display_path(&self.out, None),
            started.elapsed().as_millis()
        );
        if !removed.is_empty() {
            line.push_str(&format!("; removed the outputs of {}", slug_list(&removed)));
        }
        Ok(Update {
            diagnostics,
            line,
            ok: true,
        })
    }

    /// Removes the outputs of the episodes this session wrote that are no
    /// longer in the show, and notes the slugs written now.
    fn remove_deleted(&mut self, state: &State) -> Result<Vec<String>, Error> {
        let current: BTreeSet<String> = state.files.values().filter_map(|f| f.slug.clone()).collect();
        let gone: Vec<String> = self.written_slugs.difference(&current).cloned().collect();
        for slug in &gone {
            remove_outputs(&self.out, slug)?;
        }
        self.written_slugs = current;
        Ok(gone)
    }
}

/// Loads, validates and renders (into memory) each file of `reload`, in
/// parallel; a file with an error is not rendered.
fn render(
    state: &State,
    root: &Path,
    reload: &BTreeMap<PathBuf, Option<u64>>,
) -> Result<Vec<(PathBuf, DocumentResult, Collected)>, Error> {
    let paths: Vec<&PathBuf> = reload.keys().collect();
    paths
        .par_iter()
        .map(|path| {
            let loaded = crate::validate::workspace::load_document(path, Some(root))?;
            let collected = Collected::default();
            let result = document::pass(
                loaded,
                state.templates.as_ref(),
                state.series.as_ref(),
                &state.selection,
                &collected,
            )?;
            Ok(((*path).clone(), result, collected))
        })
        .collect()
}

/// One show-level output (the series page or the feed, when selected),
/// from every episode's summary, into `sink`.
fn show_level(
    state: &State,
    templates: &Templates,
    output: Output,
    sink: &impl Sink,
) -> Result<Vec<Diagnostic>, Error> {
    if !state.selection.has(output) {
        return Ok(Vec::new());
    }
    let summaries = state.files.values().filter_map(|f| f.summary.as_ref()).collect();
    let only = Selection::new(&[output]);
    document::show(templates, state.series.as_ref(), summaries, &only, sink)
}

/// The output directory itself: each file replaced whole (written beside
/// it, then renamed over it) unless it holds the same bytes already.
struct Direct<'a> {
    out: &'a Path,
    changed: AtomicUsize,
    unchanged: AtomicUsize,
}

impl<'a> Direct<'a> {
    fn new(out: &'a Path) -> Self {
        Self {
            out,
            changed: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        }
    }

    /// Files written, and files that already held their content.
    fn counts(&self) -> (usize, usize) {
        (
            self.changed.load(Ordering::Relaxed),
            self.unchanged.load(Ordering::Relaxed),
        )
    }
}

impl Sink for Direct<'_> {
    fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        let counter = match write_atomically(self.out, relative, contents)? {
            true => &self.changed,
            false => &self.unchanged,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        replace_with(self.out, relative, write)?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// `episodes/<name>.yaml` (or `.yml`), directly in `episodes/` as
/// `build` reads them.
fn is_episode_path(relative: &str) -> bool {
    let mut parts = relative.split('/');
    parts.next() == Some(show_dir::EPISODES_DIR)
        && parts
            .next()
            .is_some_and(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        && parts.next().is_none()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn hash_file(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|bytes| hash_bytes(&bytes))
}
/// Replaces `out/relative` with `contents` unless it holds them already.
/// Returns whether it wrote.
fn write_atomically(out: &Path, relative: &Path, contents: &[u8]) -> Result<bool, Error> {
    let target = out.join(relative);
    let same = std::fs::metadata(&target).is_ok_and(|m| m.len() == contents.len() as u64)
        && std::fs::read(&target).is_ok_and(|old| old == contents);
    if same {
        return Ok(false);
    }
    replace_with(out, relative, |file| file.write_all(contents))?;
    Ok(true)
}

/// Replaces `out/relative` with what `write` writes: to a new file beside
/// it, then renamed over it, so readers see the old file or the new one,
/// never a part.
fn replace_with(
    out: &Path,
    relative: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let target = out.join(relative);
    let dir = target.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.shownotes-{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|file| {
            let mut buffered = std::io::BufWriter::new(file);
            write(&mut buffered)?;
            buffered.flush()
        })
        .and_then(|()| std::fs::rename(&temp, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(&target, e));
    }
    Ok(())
}

/// Removes the files `build` writes for one episode from `out/<slug>/`,
/// then the folder when nothing else is in it. A symbolic link in place
/// of the folder is left alone (it would lead elsewhere).
fn remove_outputs(out: &Path, slug: &str) -> Result<(), Error> {
    if !show_dir::is_valid_slug(slug) {
        return Ok(());
    }
    let dir = out.join(slug);
    if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    for output in Output::ALL.into_iter().filter(|o| !o.is_show_level()) {
        let file = dir.join(output.file_name());
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&file, e)),
        }
    }
    let _ = std::fs::remove_dir(&dir);
    Ok(())
}

/// `ep1.yaml`, or `ep1.yaml and 2 more files`.
fn describe<'a>(mut paths: impl ExactSizeIterator<Item = &'a PathBuf>, root: &Path) -> String {
    let count = paths.len();
    let first = paths
        .next()
        .map(|p| show_dir::display_path(p, Some(root)))
        .unwrap_or_else(|| "the series page".into());
    match count {
        0 | 1 => first,
        2 => format!("{first} and 1 more file"),
        n => format!("{first} and {} more files", n - 1),
    }
}

fn slug_list(slugs: &[String]) -> String {
    slugs
        .iter()
        .map(|s| format!("{s}/"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::{is_episode_path, remove_outputs, write_atomically};
    use std::path::Path;

    #[test]
    fn only_files_directly_in_episodes_are_episodes() {
        assert!(is_episode_path("episodes/ep1.yaml"));
        assert!(is_episode_path("episodes/ep1.yml"));
        assert!(!is_episode_path("episodes/sub/ep1.yaml"));
        assert!(!is_episode_path("episodes"));
        assert!(!is_episode_path("series.yaml"));
    }

    #[test]
    fn atomic_writes_skip_equal_content_and_leave_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let relative = Path::new("ep1/notes.txt");
        assert!(write_atomically(dir.path(), relative, b"one").expect("write"));
        assert!(!write_atomically(dir.path(), relative, b"one").expect("write"));
        assert!(write_atomically(dir.path(), relative, b"two").expect("write"));
        let names: Vec<_> = std::fs::read_dir(dir.path().join("ep1"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["notes.txt"]);
        assert_eq!(std::fs::read(dir.path().join(relative)).expect("read"), b"two");
    }

    #[test]
    fn removing_outputs_keeps_foreign_files_and_symlinked_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        std::fs::create_dir_all(out.join("ep1")).expect("mkdir");
        std::fs::write(out.join("ep1/notes.txt"), "n").expect("write");
        std::fs::write(out.join("ep1/photo.jpg"), "p").expect("write");
        std::fs::create_dir_all(out.join("ep2")).expect("mkdir");
        std::fs::write(out.join("ep2/index.html"), "h").expect("write");
        remove_outputs(out, "ep1").expect("remove");
        remove_outputs(out, "ep2").expect("remove");
        assert!(!out.join("ep1/notes.txt").exists());
        assert!(out.join("ep1/photo.jpg").exists());
        assert!(!out.join("ep2").exists());
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().expect("temp dir");
            std::fs::write(elsewhere.path().join("notes.txt"), "keep").expect("write");
            std::os::unix::fs::symlink(elsewhere.path(), out.join("ep3")).expect("symlink");
            remove_outputs(out, "ep3").expect("remove");
            assert!(elsewhere.path().join("notes.txt").exists());
        }
    }
}

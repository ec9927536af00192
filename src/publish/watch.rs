//! The `watch` loop (also under `serve`): build, then rebuild whenever
//! `series.yaml` or a file under `episodes/` or `templates/` changes.
//!
//! Rebuilds are incremental (`incremental::Engine`): an edited episode
//! re-renders its own files, and the series page and feed when its listing
//! changed. A rebuild with problems prints its diagnostics and leaves the
//! output directory as it was; watching goes on. Ctrl-C (or SIGTERM) stops
//! it with exit code 0.

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::publish::incremental::{Engine, Update};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How long the file system must stay quiet before a rebuild: editors
/// write a file in several steps (truncate, write, rename...), within a
/// few milliseconds of each other. Short, so an edit shows at once.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// The show to watch and where its outputs go.
pub(crate) struct Target {
    /// The show root, resolved (events carry resolved paths).
    pub(crate) root: PathBuf,
    /// The output directory, absolute.
    pub(crate) out: PathBuf,
}

impl Target {
    /// `--root` (or the show found upward) and `--out` [default: `<root>/dist`].
    pub(crate) fn find(root: Option<&Path>, out: Option<&Path>) -> Result<Self, Error> {
        let Some(root) = show_dir::find_root(root)? else {
            return Err(Error::Usage(format!(
                "no {} here or in any parent directory; run inside a show or pass --root DIR",
                show_dir::SERIES_FILE
            )));
        };
        let root = std::fs::canonicalize(&root).map_err(|e| Error::io(&root, e))?;
        // An output directory among the sources would trigger its own
        // rebuilds (or none at all, `--out .`): refused before anything is
        // watched.
        if let Some(out) = out {
            show_dir::check_out_dir(&root, out)?;
        }
        let out = match out {
            Some(out) => std::path::absolute(out).map_err(|e| Error::io(out, e))?,
            None => root.join("dist"),
        };
        Ok(Self { root, out })
    }
}

enum Event {
    Changed(Vec<PathBuf>),
    WatchError(String),
    Stop,
}

/// Whether an event may change a file's content. Opening and reading do
/// not, and must not count: the build itself reads every source, which
/// would otherwise trigger the next build, forever.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

pub(crate) fn run(root: Option<&Path>, out: Option<&Path>) -> Result<Outcome, Error> {
    watch(&Target::find(root, out)?, |_| {})
}

/// Builds, then rebuilds on every change until Ctrl-C; `after` sees how
/// each build went.
pub(crate) fn watch(target: &Target, mut after: impl FnMut(&Update)) -> Result<Outcome, Error> {
    let root = &target.root;
    let out_dir = &target.out;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        crate::error::interrupt();
        let _ = stop.send(Event::Stop);
    })
    .map_err(Error::Signal)?;
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let _ = match result {
            Ok(event) if is_change(&event.kind) => tx.send(Event::Changed(event.paths)),
            Ok(_) => Ok(()),
            Err(e) => tx.send(Event::WatchError(e.to_string())),
        };
    })
    .map_err(|source| Error::Watch { path: None, source })?;
    // The root itself only for `series.yaml` and for `episodes/` or
    // `templates/` appearing; those two recursively (not dist/ or .git/).
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|source| Error::Watch {
            path: Some(root.clone()),
            source,
        })?;
    let watch_dirs = |watcher: &mut notify::RecommendedWatcher| {
        for name in [show_dir::EPISODES_DIR, show_dir::TEMPLATES_DIR] {
            let dir = root.join(name);
            if dir.is_dir()
                && let Err(e) = watcher.watch(&dir, RecursiveMode::Recursive)
            {
                eprintln!("warning: cannot watch {}: {e}", dir.display());
            }
        }
    };
    watch_dirs(&mut watcher);
    let relevant_paths = |paths: Vec<PathBuf>| {
        paths
            .into_iter()
            .filter(|p| !p.starts_with(out_dir))
            .filter_map(|p| relevant(root, &p))
            .collect::<Vec<_>>()
    };

    let mut engine = Engine::new(root.clone(), out_dir.clone());
    rebuild(&mut engine, &BTreeSet::new(), &mut after);
    let shown = show_dir::display_path(root, None);
    if !crate::error::interrupted() {
        eprintln!("watching {shown} for changes (Ctrl-C to stop)");
    }
    let mut stopping = false;
    while !stopping {
        let mut changed = BTreeSet::new();
        match rx.recv() {
            Ok(Event::Changed(paths)) => changed.extend(relevant_paths(paths)),
            Ok(Event::WatchError(e)) => eprintln!("warning: watching failed: {e}"),
            Ok(Event::Stop) | Err(_) => break,
        }
        if changed.is_empty() {
            continue;
        }
        // Debounce: gather further changes until DEBOUNCE passes quietly.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(Event::Changed(paths)) => changed.extend(relevant_paths(paths)),
                Ok(Event::WatchError(e)) => eprintln!("warning: watching failed: {e}"),
                Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => {
                    stopping = true;
                    break;
                }
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        if stopping {
            break;
        }
        // A new (or re-created) episodes/ or templates/ is watched from
        // now on.
        if changed
            .iter()
            .any(|c| c == show_dir::EPISODES_DIR || c == show_dir::TEMPLATES_DIR)
        {
            watch_dirs(&mut watcher);
        }
        eprintln!(
            "\nchanged: {}",
            changed.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        rebuild(&mut engine, &changed, &mut after);
        eprintln!("watching {shown} for changes (Ctrl-C to stop)");
    }
    eprintln!("stopped watching");
    Ok(Outcome::Clean)
}

/// One rebuild, printed; an I/O failure (a file deleted mid-build...)
/// does not stop the watching.
fn rebuild(engine: &mut Engine, changed: &BTreeSet<String>, after: &mut impl FnMut(&Update)) {
    match engine.rebuild(changed) {
        Ok(update) => {
            update.print();
            after(&update);
        }
        // Ctrl-C during the build: the loop stops on its event.
        Err(Error::Interrupted) => {}
        Err(e) => eprintln!("error: {e}"),
    }
}

/// The path relative to the root when a change there calls for a rebuild:
/// `series.yaml`, YAML files under `episodes/`, templates (not editors'
/// hidden or backup files), and those two directories themselves.
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let Some(Component::Normal(first)) = components.next() else {
        return None;
    };
    let name = relative.file_name()?.to_string_lossy();
    let nested = components.next().is_some();
    let wanted = match first.to_str()? {
        show_dir::SERIES_FILE => !nested,
        show_dir::EPISODES_DIR => {
            !nested
                || matches!(
                    relative.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                )
        }
        show_dir::TEMPLATES_DIR => !nested || !(name.starts_with('.') || name.ends_with('~')),
        _ => false,
    };
    wanted.then(|| relative.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn only_show_sources_are_relevant() {
        let root = Path::new("/show");
        let r = |p: &str| relevant(root, Path::new(p));
        assert_eq!(r("/show/series.yaml").as_deref(), Some("series.yaml"));
        assert_eq!(r("/show/episodes/ep1.yaml").as_deref(), Some("episodes/ep1.yaml"));
        assert_eq!(
            r("/show/episodes/sub/ep2.yml").as_deref(),
            Some("episodes/sub/ep2.yml")
        );
        assert_eq!(r("/show/episodes").as_deref(), Some("episodes"));
        assert_eq!(
            r("/show/templates/episode.txt").as_deref(),
            Some("templates/episode.txt")
        );
        assert_eq!(r("/show/episodes/.ep1.yaml.swp"), None);
        assert_eq!(r("/show/episodes/4913"), None);
        assert_eq!(r("/show/templates/episode.txt~"), None);
        assert_eq!(r("/show/templates/.episode.txt.swp"), None);
        assert_eq!(r("/show/dist/ep1/notes.txt"), None);
        assert_eq!(r("/show/series.yaml.bak"), None);
        assert_eq!(r("/elsewhere/series.yaml"), None);
    }
}

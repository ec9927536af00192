//! The `watch` loop: build, then build again whenever `series.yaml` or a
//! file under `episodes/` or `templates/` changes.
//!
//! Every change triggers a full `build` (the same function as the command,
//! atomic as always): one episode builds in milliseconds, so tracking which
//! outputs depend on which files would buy nothing. A build with problems
//! prints its diagnostics and leaves `dist/` as it was; watching goes on.
//! Ctrl-C (or SIGTERM) stops it with exit code 0.

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How long the file system must stay quiet before a rebuild: editors
/// write a file in several steps (truncate, write, rename...).
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(200);

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
    let Some(root) = show_dir::find_root(root)? else {
        return Err(Error::Usage(format!(
            "no {} here or in any parent directory; run inside a show or pass --root DIR",
            show_dir::SERIES_FILE
        )));
    };
    // Events carry absolute, resolved paths: compare like with like.
    let root = std::fs::canonicalize(&root).map_err(|e| Error::io(&root, e))?;
    // An output directory among the sources would trigger its own rebuilds
    // (or none at all, `--out .`): refused before anything is watched.
    if let Some(out) = out {
        show_dir::check_out_dir(&root, out)?;
    }
    let out_dir = out
        .map(std::path::absolute)
        .transpose()
        .map_err(|e| Error::io(out.unwrap_or(Path::new(".")), e))?;

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
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
        .watch(&root, RecursiveMode::NonRecursive)
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
            .filter(|p| out_dir.as_ref().is_none_or(|out| !p.starts_with(out)))
            .filter_map(|p| relevant(&root, &p))
            .collect::<Vec<_>>()
    };

    build(&root, out);
    let shown = show_dir::display_path(&root, None);
    eprintln!("watching {shown} for changes (Ctrl-C to stop)");
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
            changed.into_iter().collect::<Vec<_>>().join(", ")
        );
        build(&root, out);
        eprintln!("watching {shown} for changes (Ctrl-C to stop)");
    }
    eprintln!("stopped watching");
    Ok(Outcome::Clean)
}

/// One full build; its outcome is printed by the build itself, and an I/O
/// failure (a file deleted mid-build...) does not stop the watching.
fn build(root: &Path, out: Option<&Path>) {
    if let Err(e) = crate::publish::build::run(&crate::publish::build::Request {
        root: Some(root),
        out,
        formats: &[],
        files: &[],
    })
    .map(|built| crate::publish::build::print(&built))
    {
        eprintln!("error: {e}");
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

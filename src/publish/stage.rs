//! Writing outputs atomically: the whole build becomes visible at once, or
//! not at all.
//!
//! The promise, exactly: a build either replaces the output directory
//! with a tree holding every file of the build (and every other file the
//! directory held before, unchanged), or changes nothing in it. A reader
//! of `dist/` sees the old tree or the new one, never a mix; files already
//! open keep their content.
//!
//! How: the new tree is made beside the output directory, in
//! `<parent>/.shownotes-staging-<name>-XXXXXX`. It starts as a copy of the
//! current tree (hard links: nothing is copied or rewritten), each output
//! whose content changed replaces its link there, and the commit swaps
//! the two directories in one `renameat2(RENAME_EXCHANGE)` (Linux). The
//! old tree, now under the staging name, is then removed. A failed build
//! removes the staging directory and the output directory was never
//! touched. Elsewhere than Linux the swap is two renames, with a moment
//! where the output directory does not exist (never a mixed tree).
//!
//! A staging directory is locked (`flock`) while its build runs, so the
//! next build can tell a live one from one left by a killed build (kill
//! -9, power loss): unlocked staging directories last modified before the
//! new build started are removed.

use crate::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The start of staging directories' names, before the output directory's name.
pub(crate) const STAGING_PREFIX: &str = ".shownotes-staging-";

pub(crate) struct Stage {
    /// The output directory as given (for messages).
    shown: PathBuf,
    /// Its real path (a symbolic link to it is followed once, here).
    out: PathBuf,
    /// Whether the output directory existed: its tree was carried over.
    existed: bool,
    dir: tempfile::TempDir,
    /// The staging directory, open and locked while the build runs.
    _lock: Option<std::fs::File>,
    /// Files written into the staging tree.
    changed: AtomicUsize,
    /// Outputs that already had the right content.
    unchanged: AtomicUsize,
    /// Directories made in the staging tree (not to make them twice).
    made: Mutex<std::collections::HashSet<PathBuf>>,
}

/// What a commit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Files written anew.
    pub(crate) changed: usize,
    /// Files that already had the right content.
    pub(crate) unchanged: usize,
}

impl Stage {
    pub(crate) fn new(out: &Path) -> Result<Self, Error> {
        let started = std::time::SystemTime::now();
        let absolute = std::path::absolute(out).map_err(|e| Error::io(out, e))?;
        let existed = match std::fs::metadata(&absolute) {
            Ok(meta) if meta.is_dir() => true,
            Ok(_) => {
                return Err(Error::Usage(format!(
                    "{} is not a directory; choose another --out",
                    out.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(Error::io(out, e)),
        };
        let real = if existed {
            absolute.canonicalize().map_err(|e| Error::io(out, e))?
        } else {
            absolute
        };
        let (Some(parent), Some(name)) = (real.parent(), real.file_name()) else {
            return Err(Error::Usage(format!(
                "{} cannot be an output directory; choose a directory of its own, such as dist",
                out.display()
            )));
        };
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let prefix = format!("{STAGING_PREFIX}{}-", name.to_string_lossy());
        remove_stale(parent, &prefix, started);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix);
        #[cfg(unix)]
        {
            // Like any new directory (the umask applies), not tempfile's 0700.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o777));
        }
        let dir = builder.tempdir_in(parent).map_err(|e| Error::io(parent, e))?;
        let lock = lock(dir.path());
        if existed {
            carry_over(&real, dir.path(), true)?;
            let permissions = std::fs::metadata(&real)
                .map_err(|e| Error::io(&real, e))?
                .permissions();
            std::fs::set_permissions(dir.path(), permissions).map_err(|e| Error::io(dir.path(), e))?;
        }
        Ok(Self {
            shown: out.to_path_buf(),
            out: real,
            existed,
            dir,
            _lock: lock,
            changed: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            made: Mutex::new(std::collections::HashSet::new()),
        })
    }

    /// Stages `contents` for `relative` (e.g. `ep1/notes.txt`). `relative`
    /// must come from validated slugs and fixed file names. A file whose
    /// current content is already `contents` is left alone: rebuilds touch
    /// only what changed (and keep the other files' modification times).
    pub(crate) fn write(&self, relative: &Path, contents: &[u8]) -> Result<(), Error> {
        let current = self.out.join(relative);
        let same = self.existed
            && std::fs::metadata(&current).is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
            && std::fs::read(&current).is_ok_and(|old| old == contents)
            // The carried-over link is there (not replaced by a directory).
            && std::fs::symlink_metadata(self.dir.path().join(relative)).is_ok_and(|m| m.is_file());
        if same {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        // One write of the whole text: no buffer in between.
        let mut file = self.create(relative)?;
        std::io::Write::write_all(&mut file, contents)
            .map_err(|e| Error::io(self.shown.join(relative), e))?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Stages the file `relative` written by `write` through a buffered
    /// writer, for outputs too large to build in memory first (the feed).
    pub(crate) fn write_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let mut writer = std::io::BufWriter::new(self.create(relative)?);
        write(&mut writer)
            .and_then(|()| std::io::Write::flush(&mut writer))
            .map_err(|e| Error::io(self.shown.join(relative), e))?;
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Creates the file `relative` in the staging tree, and its directory
    /// the first time. Every file of a build is new there except those
    /// carried over, so the file is created first and, only when something
    /// is already in the way, that is removed and the file created again
    /// (an open and a write per output, no unlink that finds nothing).
    fn create(&self, relative: &Path) -> Result<std::fs::File, Error> {
        debug_assert!(
            relative
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        );
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            let new = self
                .made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(parent.to_path_buf());
            if new {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(self.shown.join(relative), e))?;
            }
        }
        let create = || {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
        };
        let created = match create() {
            // The carried-over file is a hard link to the published one: it
            // is unlinked, never written through.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(&path).and_then(|()| create())
            }
            other => other,
        };
        created.map_err(|e| Error::io(self.shown.join(relative), e))
    }

    /// Makes the whole staged tree the output directory, in one step.
    pub(crate) fn commit(self) -> Result<Written, Error> {
        let written = Written {
            changed: self.changed.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        if self.existed {
            swap(self.dir.path(), &self.out).map_err(|e| Error::io(&self.shown, e))?;
        } else {
            std::fs::rename(self.dir.path(), &self.out).map_err(|e| Error::io(&self.shown, e))?;
        }
        // The staging name now holds the previous tree (or nothing).
        remove_tree(self.dir.path());
        Ok(written)
    }
}

/// Removes a tree that is no longer published, also when some of its
/// directories are read-only (they were the user's, now replaced).
/// Failures are left for the next build's clean-up.
fn remove_tree(path: &Path) {
    use rayon::prelude::*;
    // The directories of the top level (one per episode) on every core
    // first; what fails is left to the whole-tree pass below.
    if let Ok(entries) = std::fs::read_dir(path) {
        let dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect();
        dirs.par_iter().for_each(|dir| {
            let _ = std::fs::remove_dir_all(dir);
        });
    }
    if std::fs::remove_dir_all(path).is_ok() || !path.exists() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fn writable(dir: &Path) {
            if let Ok(meta) = std::fs::symlink_metadata(dir)
                && meta.is_dir()
            {
                let mode = meta.permissions().mode() | 0o700;
                let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode));
                if let Ok(entries) = std::fs::read_dir(dir) {
                    for entry in entries.flatten() {
                        writable(&entry.path());
                    }
                }
            }
        }
        writable(path);
        let _ = std::fs::remove_dir_all(path);
    }
}

/// Exchanges the directories `a` and `b` atomically.
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // A file system without RENAME_EXCHANGE.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => swap_in_two_steps(a, b),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    swap_in_two_steps(a, b)
}

/// `b` moves to a side name, `a` takes its place, the old `b` takes `a`'s
/// name. Between the two renames `b` does not exist; it is never mixed.
fn swap_in_two_steps(a: &Path, b: &Path) -> std::io::Result<()> {
    let mut aside = a.as_os_str().to_os_string();
    aside.push(".old");
    let aside = PathBuf::from(aside);
    std::fs::rename(b, &aside)?;
    if let Err(e) = std::fs::rename(a, b) {
        // Put the old tree back.
        let _ = std::fs::rename(&aside, b);
        return Err(e);
    }
    std::fs::rename(&aside, a)
}

/// Holds an exclusive lock on the staging directory while the build runs.
#[cfg(unix)]
fn lock(dir: &Path) -> Option<std::fs::File> {
    let file = std::fs::File::open(dir).ok()?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).ok()?;
    Some(file)
}

#[cfg(not(unix))]
fn lock(_: &Path) -> Option<std::fs::File> {
    None
}

/// Whether a staging directory belongs to a build that is gone: nobody
/// holds its lock, and it was last changed before this build started.
fn is_stale(dir: &Path, started: std::time::SystemTime) -> bool {
    let old = std::fs::symlink_metadata(dir)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| modified < started);
    #[cfg(unix)]
    {
        let unlocked = std::fs::File::open(dir).is_ok_and(|file| {
            rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
        });
        old && unlocked
    }
    #[cfg(not(unix))]
    {
        old && std::fs::symlink_metadata(dir)
            .and_then(|m| m.modified())
            .is_ok_and(|m| {
                m.elapsed()
                    .is_ok_and(|age| age > std::time::Duration::from_secs(3600))
            })
    }
}

/// Removes the staging directories (and the `.old` trees of an interrupted
/// two-step swap) left in `parent` by builds that were killed.
fn remove_stale(parent: &Path, prefix: &str, started: std::time::SystemTime) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_staging = name.to_str().is_some_and(|n| n.starts_with(prefix));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_staging && is_dir && is_stale(&entry.path(), started) {
            remove_tree(&entry.path());
        }
    }
}

/// Carries the tree `from` over into `to`: directories made anew, files
/// hard-linked (copied where links are refused), symbolic links made
/// again. Staging directories of builds of older versions, which lived
/// inside the output directory, are left behind (removed with the old tree).
fn carry_over(from: &Path, to: &Path, top: bool) -> Result<(), Error> {
    use rayon::prelude::*;
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        if top
            && entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(STAGING_PREFIX))
        {
            continue;
        }
        entries.push(entry);
    }
    // The top level (one directory per episode) on every core; below it,
    // a handful of files each.
    if top {
        entries.par_iter().try_for_each(|entry| carry_entry(entry, to))
    } else {
        entries.iter().try_for_each(|entry| carry_entry(entry, to))
    }
}

/// `carry_over` of one entry of `from` into `to`.
fn carry_entry(entry: &std::fs::DirEntry, to: &Path) -> Result<(), Error> {
    let (source, target) = (entry.path(), to.join(entry.file_name()));
    let kind = entry.file_type().map_err(|e| Error::io(&source, e))?;
    if kind.is_dir() {
        std::fs::create_dir(&target).map_err(|e| Error::io(&target, e))?;
        carry_over(&source, &target, false)
    } else if kind.is_file() {
        if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target).map_err(|e| Error::io(&source, e))?;
        }
        Ok(())
    } else if kind.is_symlink() {
        let link = std::fs::read_link(&source).map_err(|e| Error::io(&source, e))?;
        symlink(&link, &target).map_err(|e| Error::io(&target, e))
    } else {
        Err(Error::Usage(format!(
            "{} is not a file or directory; move it out of the output directory",
            source.display()
        )))
    }
}

#[cfg(unix)]
fn symlink(link: &Path, target: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(link, target)
}

#[cfg(not(unix))]
fn symlink(_: &Path, target: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(format!(
        "cannot carry over the symbolic link {}",
        target.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                for (name, text) in tree(&path) {
                    out.push((format!("{}/{name}", entry.file_name().to_string_lossy()), text));
                }
            } else {
                out.push((
                    entry.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_failed_build_changes_nothing_and_a_commit_swaps_everything() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("dist");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/notes.txt"), "old a").unwrap();
        std::fs::write(out.join("CNAME"), "kept").unwrap();
        // `b/notes.txt` cannot be written: `b` is a file.
        std::fs::write(out.join("b"), "in the way").unwrap();
        let before = tree(&out);
        let stage = Stage::new(&out).unwrap();
        stage.write(Path::new("a/notes.txt"), b"new a").unwrap();
        assert!(stage.write(Path::new("b/notes.txt"), b"new b").is_err());
        drop(stage);
        assert_eq!(tree(&out), before, "a failed build changed dist");

        std::fs::remove_file(out.join("b")).unwrap();
        let stage = Stage::new(&out).unwrap();
        stage.write(Path::new("a/notes.txt"), b"new a").unwrap();
        stage.write(Path::new("b/notes.txt"), b"new b").unwrap();
        let written = stage.commit().unwrap();
        assert_eq!(
            written,
            Written {
                changed: 2,
                unchanged: 0
            }
        );
        assert_eq!(
            tree(&out),
            [
                ("CNAME".to_string(), "kept".to_string()),
                ("a/notes.txt".to_string(), "new a".to_string()),
                ("b/notes.txt".to_string(), "new b".to_string()),
            ]
        );
        let left: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["dist"], "staging left behind");
    }

    #[test]
    fn stale_staging_directories_are_removed_live_ones_kept() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("dist");
        let stale = root.path().join(format!("{STAGING_PREFIX}dist-killed"));
        std::fs::create_dir_all(stale.join("ep")).unwrap();
        std::fs::write(stale.join("ep/notes.txt"), "left by kill -9").unwrap();
        // A live build: locked, and newer than the build below? No: older,
        // but locked, which is what tells it apart.
        let live = Stage::new(&out).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let stage = Stage::new(&out).unwrap();
        assert!(!stale.exists(), "a stale staging directory was kept");
        #[cfg(unix)]
        assert!(
            live.dir.path().exists(),
            "a live build's staging directory was removed"
        );
        stage.commit().unwrap();
        drop(live);
    }
}

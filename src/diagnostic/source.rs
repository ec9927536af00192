//! A loaded input file: its display path and its text, shared by every
//! diagnostic that points into it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path as shown to the user (relative to the show root when possible).
    pub(crate) display: String,
    /// The path on disk.
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    /// The same file without its text, made once for all the diagnostics
    /// that point into it.
    textless: OnceLock<Arc<SourceFile>>,
}

impl SourceFile {
    pub(crate) fn new(path: &Path, display: String, text: String) -> Arc<Self> {
        Arc::new(Self {
            display,
            path: path.to_path_buf(),
            text,
            textless: OnceLock::new(),
        })
    }

    /// This file without its text: what a diagnostic keeps (`text` is
    /// empty already, or a copy made once and shared).
    pub(crate) fn textless(self: &Arc<Self>) -> Arc<Self> {
        if self.text.is_empty() {
            return Arc::clone(self);
        }
        Arc::clone(
            self.textless
                .get_or_init(|| SourceFile::new(&self.path, self.display.clone(), String::new())),
        )
    }

    /// The byte range of the line holding byte offset `at` (without its newline).
    pub(crate) fn line_range(&self, at: usize) -> std::ops::Range<usize> {
        let mut at = at.min(self.text.len());
        // Inside a character (a span counted elsewhere): its start.
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let bytes = self.text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        start..end
    }

    /// The byte offset of a 1-based line and character column.
    pub(crate) fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        offset
            + rest[..line_end]
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_end, |(i, _)| i)
    }
}

/// Why a file of the show was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Its real path (after every symbolic link) is outside the show.
    Outside {
        real: PathBuf,
    },
    /// Not a regular file: a directory, a FIFO, a device...
    NotRegular {
        kind: &'static str,
    },
    /// More than the limit: `size` is what the file system says, which may
    /// be nothing (files in /proc report 0).
    TooLarge {
        size: u64,
    },
    Io(std::io::Error),
}

/// What kind of file `meta` describes, for messages.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Reads a file of the show: it must be a regular file whose real path
/// (every symbolic link followed) is inside `within` — the show root, or
/// for a lone episode file its own directory — and it is read only up to
/// `limit` bytes (one more tells that it is larger), whatever its
/// metadata claims. A symbolic link inside the show to another file
/// inside the show is followed.
pub(crate) fn read_inside(path: &Path, within: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let real = path.canonicalize().map_err(Refusal::Io)?;
    // Outside the root as remembered: resolve the root afresh before
    // refusing (it may have been moved while `serve` ran).
    if !real.starts_with(canonical_root(within, false).map_err(Refusal::Io)?)
        && !real.starts_with(canonical_root(within, true).map_err(Refusal::Io)?)
    {
        return Err(Refusal::Outside { real });
    }
    // `real` has no symbolic link left, so this does not follow one; a
    // FIFO or device is refused here, before it is opened.
    let meta = std::fs::symlink_metadata(&real).map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotRegular { kind: kind_of(&meta) });
    }
    let file = std::fs::File::open(&real).map_err(Refusal::Io)?;
    read_opened(file, limit)
}

/// The size of the reads of `read_opened`.
const BLOCK: usize = 8192;

/// Reads a file opened for `read_inside`: it must still be a regular file
/// (the one checked, not swapped in between), and it is read up to
/// `limit` bytes.
fn read_opened(file: std::fs::File, limit: u64) -> Result<Vec<u8>, Refusal> {
    let opened = file.metadata().map_err(Refusal::Io)?;
    if !opened.is_file() {
        return Err(Refusal::NotRegular {
            kind: kind_of(&opened),
        });
    }
    // Room in whole blocks for one byte more than the file system says
    // the file has (up to the limit), so that a usual file comes in one
    // read that does not fill it. (Whole blocks also suit files such as
    // /proc/self/pagemap that refuse odd read sizes.) The room doubles as
    // a `Vec`'s does, but never past one block beyond the limit: no more
    // than `limit` + a block is ever read.
    let limit_bytes = usize::try_from(limit).unwrap_or(usize::MAX);
    let expected = usize::try_from(opened.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity((expected / BLOCK + 1).saturating_mul(BLOCK));
    loop {
        if bytes.len() == bytes.capacity() {
            bytes.reserve_exact(more_room(bytes.len(), limit_bytes));
        }
        let room = bytes.capacity() - bytes.len();
        let n = match read_into_room(&file, &mut bytes) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Refusal::Io(e)),
        };
        if bytes.len() as u64 > limit {
            return Err(Refusal::TooLarge { size: opened.len() });
        }
        // As many bytes as the file system said the file has, in a read
        // that did not fill the room: the end, without one more read to
        // hear it. (A file with more than its size says, as in /proc or
        // /sys, reads on.)
        if n < room && bytes.len() as u64 == opened.len() {
            break;
        }
    }
    Ok(bytes)
}

/// How much room to add to a full buffer of `held` bytes, no more than
/// `limit` (`read_opened` stops past it): as much again, but at least a
/// block, and never past one block beyond the limit.
fn more_room(held: usize, limit: usize) -> usize {
    let most = limit.saturating_add(BLOCK).saturating_sub(held);
    held.max(BLOCK).min(most)
}

/// One read into the spare capacity of `bytes` (not zeroed first),
/// which grows by the count read.
#[cfg(unix)]
fn read_into_room(file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    rustix::io::read(file, rustix::buffer::spare_capacity(bytes)).map_err(Into::into)
}

/// One read into the spare capacity of `bytes`, which grows by the count
/// read.
#[cfg(not(unix))]
fn read_into_room(mut file: &std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let start = bytes.len();
    bytes.resize(bytes.capacity(), 0);
    let read = file.read(&mut bytes[start..]);
    bytes.truncate(start + *read.as_ref().unwrap_or(&0));
    read
}

/// A folder of the show opened once for a run (`episodes/`), to read the
/// files right inside it as `read_inside` would, with fewer system calls:
/// a file is looked up by its name in the folder held open, one path
/// component, instead of resolving every component of its path twice.
/// The folder's own real path was checked to be inside the show when it
/// was opened, and the folder stays the one checked while it is held.
pub(crate) struct Folder {
    /// The folder as the files' paths name it.
    path: PathBuf,
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
    /// The names the folder listed as regular files when it was opened,
    /// sorted: a file among them is not looked at again before it is
    /// opened (the listing said what it is, for the price of a few system
    /// calls for the whole folder instead of one a file).
    #[cfg(unix)]
    regular: Vec<Box<[u8]>>,
}

impl Folder {
    /// `path` opened, when it is a folder whose real path is inside
    /// `within`; `None` otherwise (the files then take `read_inside`).
    pub(crate) fn open(path: &Path, within: &Path) -> Option<Self> {
        let real = path.canonicalize().ok()?;
        if !real.starts_with(canonical_root(within, true).ok()?) {
            return None;
        }
        Self::open_real(path, &real)
    }

    #[cfg(unix)]
    fn open_real(path: &Path, real: &Path) -> Option<Self> {
        use rustix::fs::{Mode, OFlags};
        // `real` has no link left: NOFOLLOW refuses one swapped in since.
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::open(real, flags, Mode::empty()).ok()?;
        let regular = Self::regular_files(&fd);
        Some(Self {
            path: path.to_path_buf(),
            fd,
            regular,
        })
    }

    /// The names of the regular files of the folder `fd`, sorted, as its
    /// listing says (a file system that does not say is left out: its
    /// files are looked at one by one). Listed through the folder held,
    /// not taken from `show_dir::episode_files`, which listed the path
    /// before it was opened: what it says is then of this very folder.
    #[cfg(unix)]
    fn regular_files(fd: &rustix::fd::OwnedFd) -> Vec<Box<[u8]>> {
        use rustix::fs::{Dir, FileType};
        let Ok(dir) = Dir::read_from(fd) else {
            return Vec::new();
        };
        let mut names: Vec<Box<[u8]>> = dir
            .map_while(Result::ok)
            .filter(|entry| entry.file_type() == FileType::RegularFile)
            .map(|entry| entry.file_name().to_bytes().into())
            .collect();
        names.sort_unstable();
        names
    }

    #[cfg(not(unix))]
    fn open_real(_path: &Path, _real: &Path) -> Option<Self> {
        None
    }

    /// Reads `path` as `read_inside(path, within, limit)` does, through
    /// this folder when the file is right inside it and is not a link.
    pub(crate) fn read(
        folder: Option<&Self>,
        path: &Path,
        within: &Path,
        limit: u64,
    ) -> Result<Vec<u8>, Refusal> {
        #[cfg(unix)]
        if let Some(folder) = folder
            && path.parent() == Some(folder.path.as_path())
            && let Some(name) = path.file_name()
            && let Some(read) = folder.read_named(name, limit)
        {
            return read;
        }
        #[cfg(not(unix))]
        let _ = folder;
        read_inside(path, within, limit)
    }

    /// The file `name` of this folder, read; `None` when it is anything
    /// but a regular file (a link, a FIFO...): `read_inside` follows the
    /// link, or names what it is, in one place.
    #[cfg(unix)]
    fn read_named(&self, name: &std::ffi::OsStr, limit: u64) -> Option<Result<Vec<u8>, Refusal>> {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags};
        use std::os::unix::ffi::OsStrExt;
        let io = |e: rustix::io::Errno| Some(Err(Refusal::Io(e.into())));
        // Known to be a regular file by the listing, or looked at before it
        // is opened: a device is never opened.
        let listed = self
            .regular
            .binary_search_by(|n| (**n).cmp(name.as_bytes()))
            .is_ok();
        if !listed {
            let stat = match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) => stat,
                Err(e) => return io(e),
            };
            if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
                return None;
            }
        }
        // Swapped for a link since: ELOOP, and `read_inside` decides. For
        // a FIFO swapped in, NONBLOCK keeps the open from waiting, and
        // `read_opened` refuses it.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        match rustix::fs::openat(&self.fd, name, flags, Mode::empty()) {
            Ok(fd) => Some(read_opened(std::fs::File::from(fd), limit)),
            Err(rustix::io::Errno::LOOP) => None,
            Err(e) => io(e),
        }
    }
}

/// `within` with every symbolic link resolved, remembered per thread for
/// the last directory asked: a run reads thousands of files inside one
/// show root, and resolving it is a system call per path component.
fn canonical_root(within: &Path, afresh: bool) -> std::io::Result<PathBuf> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(PathBuf, PathBuf)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if let Some((asked, real)) = last.as_ref()
            && asked == within
            && !afresh
        {
            return Ok(real.clone());
        }
        let real = within.canonicalize()?;
        *last = Some((within.to_path_buf(), real.clone()));
        Ok(real)
    })
}

/// The directory a file of the show must stay inside: the show root, or
/// without one the directory the file was named in.
pub(crate) fn confinement<'a>(path: &'a Path, root: Option<&'a Path>) -> &'a Path {
    match root {
        Some(root) => root,
        None => match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `$read` is refused as `$refusal`; what it gave instead is shown.
    macro_rules! assert_refused {
        ($read:expr, $refusal:pat $(if $guard:expr)?) => {
            match $read {
                Err($refusal) $(if $guard)? => {}
                other => panic!("{other:?}"),
            }
        };
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_limit_holds_while_reading_whatever_the_metadata_says() {
        // /proc/self/pagemap says it has 0 bytes and holds gigabytes.
        let pagemap = Path::new("/proc/self/pagemap");
        assert_refused!(
            read_inside(pagemap, Path::new("/proc/self"), 1024),
            Refusal::TooLarge { size: 0 }
        );
        // And outside the confinement it is not even opened.
        assert_refused!(
            read_inside(pagemap, Path::new("/tmp"), 1024),
            Refusal::Outside { .. }
        );
    }

    /// Through a folder held open, a regular file reads as `read_inside`
    /// reads it; a link inside it takes `read_inside`'s road (followed
    /// inside the show, refused out of it), so does a file of another
    /// folder; a FIFO is refused without waiting on it.
    #[cfg(unix)]
    #[test]
    fn a_folder_held_open_reads_as_read_inside_does() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path().join("show");
        let episodes = root.join("episodes");
        std::fs::create_dir_all(&episodes).expect("folders");
        std::fs::write(episodes.join("ep.yaml"), "ep").expect("a file");
        std::fs::write(root.join("series.yaml"), "series").expect("a file");
        std::fs::write(dir.path().join("secret.yaml"), "secret").expect("a file");
        std::os::unix::fs::symlink(root.join("series.yaml"), episodes.join("in.yaml")).expect("a link");
        std::os::unix::fs::symlink(dir.path().join("secret.yaml"), episodes.join("out.yaml"))
            .expect("a link");
        let folder = Folder::open(&episodes, &root).expect("inside the show");
        let read = |path: &Path| Folder::read(Some(&folder), path, &root, 100);
        assert_eq!(read(&episodes.join("ep.yaml")).expect("read"), b"ep");
        assert_eq!(read(&episodes.join("in.yaml")).expect("followed"), b"series");
        assert_eq!(read(&root.join("series.yaml")).expect("read"), b"series");
        assert_refused!(read(&episodes.join("out.yaml")), Refusal::Outside { .. });
        assert_refused!(
            read(&episodes.join("missing.yaml")),
            Refusal::Io(e) if e.kind() == std::io::ErrorKind::NotFound
        );
        std::fs::write(episodes.join("big.yaml"), "x".repeat(101)).expect("a file");
        assert_refused!(read(&episodes.join("big.yaml")), Refusal::TooLarge { size: 101 });
        let fifo = episodes.join("pipe.yaml");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            assert_refused!(read(&fifo), Refusal::NotRegular { kind: "a named pipe" });
            // Listed as a regular file when the folder was opened, a pipe
            // now: opened without waiting, and refused as what it is.
            let swapped = episodes.join("ep.yaml");
            assert!(folder.regular.iter().any(|name| **name == *b"ep.yaml"));
            std::fs::remove_file(&swapped).expect("removed");
            std::fs::rename(&fifo, &swapped).expect("renamed");
            assert_refused!(read(&swapped), Refusal::NotRegular { kind: "a named pipe" });
            std::fs::remove_file(&swapped).expect("removed");
            std::fs::write(&swapped, "ep").expect("a file");
        }
        // Held open: the folder read is the one checked, even when its
        // name has gone elsewhere since.
        std::fs::rename(&episodes, root.join("moved")).expect("renamed");
        assert_eq!(read(&episodes.join("ep.yaml")).expect("read"), b"ep");
    }

    /// A folder whose real path is outside the show is not held open: its
    /// files are refused by `read_inside`.
    #[cfg(unix)]
    #[test]
    fn a_folder_leading_outside_the_show_is_not_opened() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path().join("show");
        std::fs::create_dir_all(&root).expect("a folder");
        std::fs::create_dir_all(dir.path().join("elsewhere")).expect("a folder");
        std::fs::write(dir.path().join("elsewhere/ep.yaml"), "secret").expect("a file");
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), root.join("episodes")).expect("a link");
        assert!(Folder::open(&root.join("episodes"), &root).is_none());
        assert_refused!(
            Folder::read(None, &root.join("episodes/ep.yaml"), &root, 100),
            Refusal::Outside { .. }
        );
    }

    /// The room doubles from a block on, and a buffer never grows past one
    /// block beyond the limit, so no more than that is ever read; a full
    /// buffer at the limit still gets a block, to hear that there is more.
    #[test]
    fn the_room_stops_one_block_past_the_limit() {
        for limit in [0, 1, BLOCK - 1, BLOCK, 3 * BLOCK + 5, 4 * 1024 * 1024] {
            let mut held = BLOCK;
            while held <= limit {
                let room = more_room(held, limit);
                assert!(room >= BLOCK, "{held} {limit}");
                assert!(held + room <= limit + BLOCK, "{held} {limit}");
                assert!(room == held || held + room == limit + BLOCK, "{held} {limit}");
                held += room;
            }
        }
        assert_eq!(more_room(0, 100), BLOCK);
        assert_eq!(more_room(3 * BLOCK, usize::MAX), 3 * BLOCK);
    }

    /// A read stops early only with all the bytes the file system said
    /// there are: files of a block's size and around it read whole, and a
    /// /proc file that says it has none reads to its end.
    #[cfg(unix)]
    #[test]
    fn files_read_whole_whatever_their_size() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for len in [0, 1, 5_792, 8_191, 8_192, 8_193, 16_384, 20_000] {
            let path = dir.path().join(format!("{len}.yaml"));
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &text).expect("a file");
            assert_eq!(read_inside(&path, dir.path(), 1 << 20).expect("read"), text);
        }
        #[cfg(target_os = "linux")]
        {
            let status =
                read_inside(Path::new("/proc/self/status"), Path::new("/proc/self"), 1 << 20).expect("read");
            let status = String::from_utf8_lossy(&status);
            assert!(
                status.starts_with("Name:") && status.contains("\nVmPeak:"),
                "{status}"
            );
        }
    }

    /// The root is remembered between reads, but a root moved since (a
    /// link repointed while `serve` runs) is resolved afresh, and the
    /// confinement holds for the new one.
    #[cfg(unix)]
    #[test]
    fn a_root_moved_between_reads_is_resolved_afresh() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        for name in ["one", "two"] {
            std::fs::create_dir(dir.path().join(name)).expect("a folder");
            std::fs::write(dir.path().join(name).join("ep.yaml"), name).expect("a file");
        }
        let root = dir.path().join("show");
        std::os::unix::fs::symlink(dir.path().join("one"), &root).expect("a link");
        let read = |root: &Path| read_inside(&root.join("ep.yaml"), root, 100);
        assert_eq!(read(&root).expect("inside"), b"one");
        std::fs::remove_file(&root).expect("unlinked");
        std::os::unix::fs::symlink(dir.path().join("two"), &root).expect("a link");
        assert_eq!(read(&root).expect("inside"), b"two");
        // A file of the old root, reached through a link in the new one,
        // is outside it now.
        std::os::unix::fs::symlink(dir.path().join("one/ep.yaml"), dir.path().join("two/old.yaml"))
            .expect("a link");
        assert_refused!(
            read_inside(&root.join("old.yaml"), &root, 100),
            Refusal::Outside { .. }
        );
    }
}

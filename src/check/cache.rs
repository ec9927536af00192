//! `.shownotes/link-cache.json`: definitive link results from earlier runs,
//! reused while younger than the maximum age. Written atomically.
//!
//! The file may come from anywhere (a restored CI cache, a pull request),
//! so nothing in it is trusted blindly: a file of another format version or
//! written by another version of the tool is ignored as a whole, and an
//! entry of unknown shape or checked "in the future" is ignored alone.

use crate::check::client::LinkResult;
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(crate) const DIR: &str = ".shownotes";
pub(crate) const FILE: &str = "link-cache.json";
const VERSION: u32 = 2;
/// The tool version that wrote the file; results of another version are
/// not reused (its rules may differ).
const TOOL: &str = env!("CARGO_PKG_VERSION");
/// Clock skew tolerated for `checked_at` (machines' clocks differ a little).
const SKEW: u64 = 300;
/// The largest cache file read (a show with 10,000 links has about 3 MiB).
const MAX_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, Serialize)]
struct Stored<'a> {
    version: u32,
    tool: &'a str,
    links: &'a BTreeMap<String, Entry>,
}

/// The file as read: each entry is decoded on its own, so one entry of
/// unknown shape does not discard the others.
#[derive(Debug, Deserialize)]
struct Loaded {
    version: u32,
    tool: String,
    links: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked_at: u64,
    #[serde(flatten)]
    result: LinkResult,
}

pub(crate) struct LinkCache {
    root: PathBuf,
    path: PathBuf,
    max_age: Duration,
    links: BTreeMap<String, Entry>,
    changed: bool,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Checked less than `max_age` seconds ago, and not in the future.
fn fresh(entry: &Entry, now: u64, max_age: u64) -> bool {
    entry.checked_at <= now.saturating_add(SKEW) && now.saturating_sub(entry.checked_at) < max_age
}

impl LinkCache {
    /// The cache of the show at `root`. A missing, unreadable or outdated
    /// file is an empty cache (it is only a cache).
    pub(crate) fn load(root: &Path, max_age: Duration) -> Self {
        let path = root.join(DIR).join(FILE);
        let now = now();
        // Like the show's own files: a regular file inside the show, read
        // up to a limit (a link to /proc/self/pagemap is no cache).
        let links = crate::diagnostic::source::read_inside(&path, root, MAX_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Loaded>(&bytes).ok())
            .filter(|stored| stored.version == VERSION && stored.tool == TOOL)
            .map(|stored| {
                stored
                    .links
                    .into_iter()
                    .filter_map(|(url, value)| Some((url, serde_json::from_value::<Entry>(value).ok()?)))
                    .filter(|(_, entry)| entry.checked_at <= now.saturating_add(SKEW))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            root: root.to_path_buf(),
            path,
            max_age,
            links,
            changed: false,
        }
    }

    fn fresh(&self, entry: &Entry) -> bool {
        fresh(entry, now(), self.max_age.as_secs())
    }

    /// A fresh result for `url`; one made without the page's title does not
    /// serve a link that needs it.
    pub(crate) fn get(&self, url: &str, want_title: bool) -> Option<LinkResult> {
        let entry = self.links.get(url)?;
        if !self.fresh(entry) || (want_title && !entry.result.title_read) {
            return None;
        }
        let mut result = entry.result.clone();
        result.from_cache = true;
        Some(result)
    }

    /// Keeps a definitive result; forgets anything else known of `url`.
    pub(crate) fn put(&mut self, url: &str, result: &LinkResult) {
        self.changed = true;
        if result.cacheable() {
            self.links.insert(
                url.to_string(),
                Entry {
                    checked_at: now(),
                    result: result.clone(),
                },
            );
        } else {
            self.links.remove(url);
        }
    }

    /// Writes the file (without expired entries) when anything changed.
    pub(crate) fn save(mut self) -> Result<(), Error> {
        if !self.changed {
            return Ok(());
        }
        let max_age = self.max_age.as_secs();
        let now = now();
        self.links.retain(|_, entry| fresh(entry, now, max_age));
        let stored = Stored {
            version: VERSION,
            tool: TOOL,
            links: &self.links,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // `.shownotes` may be a link committed in a pull request: never
        // write through it to a place outside the show.
        let real = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        let root = self.root.canonicalize().map_err(|e| Error::io(&self.root, e))?;
        if !real.starts_with(&root) {
            return Err(Error::Usage(format!(
                "{} leads outside the show (to {}); the link cache is not written there",
                dir.display(),
                real.display()
            )));
        }
        let mut json = serde_json::to_vec_pretty(&stored)
            .map_err(|e| Error::io(&self.path, std::io::Error::other(e)))?;
        json.push(b'\n');
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        std::io::Write::write_all(&mut temp, &json).map_err(|e| Error::io(temp.path(), e))?;
        temp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

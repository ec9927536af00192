//! `.shownotes/link-cache.json`: definitive link results from earlier runs,
//! reused while younger than the maximum age. Written atomically.

use crate::check::client::LinkResult;
use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(crate) const DIR: &str = ".shownotes";
pub(crate) const FILE: &str = "link-cache.json";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    version: u32,
    links: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked_at: u64,
    #[serde(flatten)]
    result: LinkResult,
}

pub(crate) struct LinkCache {
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

impl LinkCache {
    /// The cache of the show at `root`. A missing, unreadable or outdated
    /// file is an empty cache (it is only a cache).
    pub(crate) fn load(root: &Path, max_age: Duration) -> Self {
        let path = root.join(DIR).join(FILE);
        let links = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.version == VERSION)
            .map(|stored| stored.links)
            .unwrap_or_default();
        Self {
            path,
            max_age,
            links,
            changed: false,
        }
    }

    fn fresh(&self, entry: &Entry) -> bool {
        now().saturating_sub(entry.checked_at) < self.max_age.as_secs()
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
        self.links
            .retain(|_, entry| now.saturating_sub(entry.checked_at) < max_age);
        let stored = Stored {
            version: VERSION,
            links: self.links,
        };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
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

//! `shownotes import`: an existing podcast feed as a show — `series.yaml`
//! from the channel and one `episodes/<slug>.yaml` per item, keeping every
//! guid, enclosure, publication instant, duration and number, and every
//! sentence and link of the descriptions. Never overwrites a file.

pub(crate) mod episode;
pub(crate) mod feed;
pub(crate) mod notes;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Span;
use crate::error::Error;
use crate::input::show_dir;
use std::path::{Path, PathBuf};

/// The largest feed read, from a file or over HTTP.
pub(crate) const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

/// What to import, and where.
pub(crate) struct Request<'a> {
    /// A file path or an http(s) URL.
    pub(crate) feed: &'a str,
    pub(crate) root: &'a Path,
    pub(crate) dry_run: bool,
    /// Fetch a feed on a private address (`--allow-private`).
    pub(crate) allow_private: bool,
}

/// A file of the new show.
pub(crate) struct Planned {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    /// Whether it exists already (and is left alone).
    pub(crate) exists: bool,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Default)]
pub(crate) struct Imported {
    pub(crate) files: Vec<Planned>,
    pub(crate) items: usize,
    pub(crate) topics: usize,
    pub(crate) links: usize,
    pub(crate) warnings: Vec<String>,
    /// The feed could not be read: the problem, at its line and column.
    pub(crate) unreadable: Option<Diagnostic>,
}

pub(crate) fn run(request: &Request<'_>) -> Result<Imported, Error> {
    let (display, bytes) = read(request)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let channel = match feed::parse(&text) {
        Ok(channel) => channel,
        Err(e) => {
            let file = SourceFile::new(Path::new(&display), display.clone(), text);
            let start = file.offset_of(e.line as usize, e.column as usize);
            let span = Span {
                line: e.line as usize,
                column: e.column as usize,
                start,
                end: start,
            };
            let diagnostic = Diagnostic::error("unreadable-feed", e.message)
                .at(&file, span)
                .help("give the address or file of the podcast's RSS feed");
            return Ok(Imported {
                unreadable: Some(diagnostic),
                ..Imported::default()
            });
        }
    };
    let mut imported = Imported {
        items: channel.items.len(),
        ..Imported::default()
    };
    let series_path = request.root.join(show_dir::SERIES_FILE);
    imported.files.push(Planned {
        exists: series_path.exists(),
        text: episode::series_yaml(&channel, &mut imported.warnings),
        path: series_path,
    });
    let dir = request.root.join(show_dir::EPISODES_DIR);
    let mut slugs = std::collections::HashSet::new();
    for (index, item) in channel.items.iter().enumerate() {
        let converted = episode::convert(item, index, &mut slugs, &display);
        imported.topics += converted.topics;
        imported.links += converted.links;
        imported.warnings.extend(converted.warnings);
        let path = dir.join(format!("{}.yaml", converted.slug));
        imported.files.push(Planned {
            exists: path.exists(),
            text: converted.yaml,
            path,
        });
    }
    if !request.dry_run {
        write(&imported.files, &dir)?;
    }
    Ok(imported)
}

/// The feed's bytes and the name to show for it.
fn read(request: &Request<'_>) -> Result<(String, Vec<u8>), Error> {
    let feed = request.feed;
    if feed.starts_with("http://") || feed.starts_with("https://") {
        let url = crate::input::weburl::check(feed)
            .map_err(|why| Error::Usage(format!("{feed} is not a usable address: {why}")))?;
        let flags = crate::check::options::CheckFlags {
            allow_private: request.allow_private,
            ..Default::default()
        };
        let options = crate::check::options::CheckOptions::resolve(&flags, false, None)?;
        let checker = crate::check::client::Checker::new(&options).map_err(Error::LinkChecker)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::LinkChecker(format!("no async runtime: {e}")))?;
        let body = runtime
            .block_on(checker.download(&url, MAX_FEED_BYTES))
            .map_err(|why| Error::Usage(format!("cannot fetch the feed: {why}")))?;
        return Ok((feed.to_string(), body));
    }
    let path = Path::new(feed);
    let size = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if size > MAX_FEED_BYTES as u64 {
        return Err(Error::Usage(format!(
            "{feed} is {size} bytes, larger than the {MAX_FEED_BYTES} bytes a feed may have"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok((show_dir::display_path(path, None), bytes))
}

/// Writes the planned files that do not exist yet; never overwrites.
fn write(files: &[Planned], dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for file in files.iter().filter(|f| !f.exists) {
        let mut out = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file.path)
        {
            Ok(out) => out,
            // Appeared since the plan: still never overwritten.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&file.path, e)),
        };
        std::io::Write::write_all(&mut out, file.text.as_bytes()).map_err(|e| Error::io(&file.path, e))?;
    }
    Ok(())
}

//! Rendering the selected outputs of a build: the files of one document
//! (from the parallel pass) and then the show-level files made from every
//! episode's `Summary`. Everything goes to a `Sink` (the build's `Stage`, or
//! memory for an incremental rebuild), so a failed build changes nothing.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::document::Document;
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::publish::outputs::{Output, Selection};
use crate::publish::sink::Sink;
use crate::render::context;
use crate::render::platform::summary::Summary;
use crate::render::platform::{chapters, description, youtube};
use crate::render::templates::Templates;
use crate::validate::workspace::LoadedDocument;
use std::path::Path;
use tera::Context;

/// What one document's pass leaves for the rest of the build.
#[derive(Default)]
pub(crate) struct DocumentResult {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The error that stopped rendering the document, naming its file.
    pub(crate) failure: Option<Diagnostic>,
    /// Present when show-level outputs are selected and the episode rendered.
    pub(crate) summary: Option<Summary>,
}

/// Renders and stages the selected outputs of one valid document: its
/// pages, and for an episode the platform outputs too. A rendering error
/// names the file it was rendering.
pub(crate) fn document(
    templates: &Templates,
    series: Option<&Series>,
    document: &Document,
    selection: &Selection,
    sink: &impl Sink,
) -> Result<DocumentResult, Error> {
    let mut result = DocumentResult::default();
    // Made once (serializing the document is a good part of rendering it)
    // for every page and platform output, and only when one needs it.
    let context = std::cell::OnceCell::new();
    let context = || context.get_or_init(|| context::document(series, document));
    // Its outputs convert the same Markdown again: once is enough.
    let rendered = crate::render::memo::document(series, || {
        pages(templates, document, selection, sink, context).and_then(|()| match document {
            Document::Episode(episode) => {
                platform(templates, series, episode, selection, sink, context, &mut result)
            }
            Document::Minutes(_) => Ok(()),
        })
    });
    match rendered {
        Ok(()) => {}
        Err(Failure::Render(mut diagnostic)) => {
            diagnostic
                .message
                .push_str(&format!(" (rendering {})", document.file().display));
            result.failure = Some(*diagnostic);
        }
        Err(Failure::Io(e)) => return Err(e),
    }
    Ok(result)
}

/// One loaded document's pass through the build: its diagnostics, and
/// its outputs rendered into `sink` when it has no error and the templates
/// loaded. `build` and the incremental rebuilds of `watch`/`serve` share it.
pub(crate) fn pass(
    loaded: LoadedDocument,
    templates: Option<&Templates>,
    series: Option<&Series>,
    selection: &Selection,
    sink: &impl Sink,
) -> Result<DocumentResult, Error> {
    let mut result = DocumentResult {
        diagnostics: loaded.diagnostics,
        ..DocumentResult::default()
    };
    let clean = !result.diagnostics.iter().any(Diagnostic::is_error);
    if let (Some(document), Some(templates), true) = (loaded.document, templates, clean) {
        let rendered = self::document(templates, series, &document, selection, sink)?;
        result.diagnostics.extend(rendered.diagnostics);
        result.failure = rendered.failure;
        result.summary = rendered.summary;
    }
    Ok(result)
}

/// Why rendering one document stopped.
enum Failure {
    Render(Box<Diagnostic>),
    Io(Error),
}

impl Failure {
    fn rendering(diagnostic: Diagnostic) -> Self {
        Failure::Render(Box::new(diagnostic))
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Io(e)
    }
}

/// The page formats (txt, md, html) of any document, with its kind's
/// templates.
fn pages<'c>(
    templates: &Templates,
    document: &Document,
    selection: &Selection,
    sink: &impl Sink,
    context: impl Fn() -> &'c Context,
) -> Result<(), Failure> {
    // One buffer for every page, written to the sink as rendered.
    let mut out = Vec::new();
    for format in selection.iter().filter_map(Output::format) {
        context::page_into(templates, format, document.kind(), context(), &mut out)
            .map_err(Failure::rendering)?;
        sink.write(&Path::new(document.slug()).join(format.file_name()), &out)?;
    }
    Ok(())
}

/// The platform outputs of an episode (chapters, YouTube, description) and
/// its summary for the show-level outputs.
fn platform<'c>(
    templates: &Templates,
    series: Option<&Series>,
    episode: &Episode,
    selection: &Selection,
    sink: &impl Sink,
    context: impl Fn() -> &'c Context,
    result: &mut DocumentResult,
) -> Result<(), Failure> {
    let write = |output: Output, text: &str| {
        sink.write(
            &Path::new(&episode.slug).join(output.file_name()),
            text.as_bytes(),
        )
    };
    if selection.has(Output::Chapters) {
        let text = chapters::render(templates, episode, context()).map_err(Failure::rendering)?;
        write(Output::Chapters, &text)?;
    }
    if selection.has(Output::Youtube) {
        let fitted = youtube::render(templates, series, episode, context()).map_err(Failure::rendering)?;
        result.diagnostics.extend(fitted.warning);
        write(Output::Youtube, &fitted.text)?;
    }
    // Rendered once, for both the file and the feed (which also carries
    // the whole text, never shortened, as `content:encoded`).
    let mut description = None;
    if selection.has(Output::Description) || selection.has(Output::Feed) {
        let mut fitted =
            description::render(templates, series, episode, context()).map_err(Failure::rendering)?;
        result.diagnostics.extend(fitted.warning.take());
        if selection.has(Output::Description) {
            write(Output::Description, &fitted.text)?;
        }
        description = Some(fitted);
    }
    if selection.has(Output::Feed) && episode.audio.is_none() {
        result.diagnostics.push(
            Diagnostic::warning(
                "no-audio",
                format!(
                    "episode `{}` has no `audio`, so it is left out of feed.xml",
                    episode.slug
                ),
            )
            .in_file(&episode.file)
            .help("add `audio:` with `url`, `bytes` and `type` to publish it in the feed"),
        );
    }
    if selection.has(Output::Feed)
        && let Some(audio) = &episode.audio
    {
        result
            .diagnostics
            .extend(audio.size_warning(&episode.file, &episode.slug));
    }
    if selection.show_level() {
        let description = description.filter(|_| selection.has(Output::Feed));
        result.summary = Some(Summary::of(series, episode, description));
    }
    Ok(())
}

/// The error of a feed without `base_url`, when the feed is selected.
pub(crate) fn feed_settings(series: Option<&Series>, selection: &Selection) -> Option<Diagnostic> {
    if !selection.has(Output::Feed) || series.is_some_and(|s| s.base_url.is_some()) {
        return None;
    }
    let diagnostic = Diagnostic::error(
        "no-base-url",
        "feed.xml needs the address the show is published at, and series.yaml has no `base_url`",
    )
    .help("set `base_url: https://example.com/show/` in series.yaml, or leave the feed out with `--format`");
    Some(match series {
        Some(series) => diagnostic.in_file(&series.file),
        None => diagnostic,
    })
}

/// What directories refuse or show badly: a feed without cover art, a
/// feed without episodes.
fn feed_warnings(series: &Series, items: &[&Summary]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if series.image.is_none() {
        warnings.push(
            Diagnostic::warning("feed-no-image", "feed.xml has no cover art: series.yaml has no `image`")
                .in_file(&series.file)
                .help("Apple Podcasts and Spotify require a square image of 1400–3000 px: set `image: https://example.com/cover.jpg`"),
        );
    }
    if items.is_empty() {
        warnings.push(
            Diagnostic::warning(
                "feed-no-items",
                "feed.xml has no episodes: no episode has `audio`",
            )
            .in_file(&series.file)
            .help(
                "directories refuse an empty feed; add `audio:` with `url`, `bytes` and `type` to an episode",
            ),
        );
    }
    warnings
}

/// Renders and stages the show-level outputs from every episode's summary.
pub(crate) fn show(
    templates: &Templates,
    series: Option<&Series>,
    mut summaries: Vec<&Summary>,
    selection: &Selection,
    sink: &impl Sink,
) -> Result<Vec<Diagnostic>, Error> {
    crate::render::platform::summary::newest_first(&mut summaries);
    let mut diagnostics = Vec::new();
    if selection.has(Output::Index) {
        match crate::render::platform::index_page::render(templates, series, &summaries) {
            Ok(text) => sink.write(Path::new(Output::Index.file_name()), text.as_bytes())?,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if selection.has(Output::Feed)
        && let Some(series) = series
        && let Some(base_url) = &series.base_url
    {
        let items: Vec<&Summary> = summaries.into_iter().filter(|s| s.audio.is_some()).collect();
        diagnostics.extend(feed_warnings(series, &items));
        sink.write_with(Path::new(crate::render::platform::feed::FILE), |out| {
            crate::render::platform::feed::write(out, series, base_url, &items)
        })?;
    }
    Ok(diagnostics)
}

//! Rendering the selected outputs of a build: the files of one episode
//! (from the parallel pass) and then the show-level files made from every
//! episode's `Summary`. Everything goes through the `Stage`, so a failed
//! build changes nothing.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::publish::outputs::{Output, Selection};
use crate::publish::stage::Stage;
use crate::render::platform::summary::Summary;
use crate::render::templates::Templates;
use std::path::Path;

/// What one episode's pass leaves for the rest of the build.
#[derive(Default)]
pub struct EpisodeResult {
    pub diagnostics: Vec<Diagnostic>,
    /// Present when show-level outputs are selected and the episode rendered.
    pub summary: Option<Summary>,
}

/// Renders and stages the selected outputs of one valid episode.
pub fn episode(
    templates: &Templates,
    series: Option<&Series>,
    episode: &Episode,
    selection: &Selection,
    stage: &Stage,
) -> Result<EpisodeResult, Error> {
    let mut result = EpisodeResult::default();
    let mut description = None;
    let write = |output: Output, text: &str| {
        stage.write(
            &Path::new(&episode.slug).join(output.file_name()),
            text.as_bytes(),
        )
    };
    let needs_description = selection.has(Output::Description) || selection.has(Output::Feed);
    for output in selection.iter().filter(|o| !o.is_show_level()) {
        let rendered = match output {
            Output::Txt | Output::Md | Output::Html => match output.format() {
                Some(format) => crate::render::context::render(
                    templates,
                    format,
                    &crate::render::context::context(series, episode),
                ),
                None => continue,
            },
            Output::Chapters => crate::render::platform::chapters::render(templates, series, episode),
            Output::Youtube => {
                crate::render::platform::youtube::render(templates, series, episode).map(|(text, warning)| {
                    result.diagnostics.extend(warning);
                    text
                })
            }
            // Rendered below, once, for both the file and the feed.
            Output::Description | Output::Index | Output::Feed => continue,
        };
        match rendered {
            Ok(text) => write(output, &text)?,
            Err(diagnostic) => {
                result.diagnostics.push(rendering(diagnostic, episode));
                return Ok(result);
            }
        }
    }
    if needs_description {
        match crate::render::platform::description::render(templates, series, episode) {
            Ok((text, warning)) => {
                result.diagnostics.extend(warning);
                if selection.has(Output::Description) {
                    write(Output::Description, &text)?;
                }
                description = Some(text);
            }
            Err(diagnostic) => {
                result.diagnostics.push(rendering(diagnostic, episode));
                return Ok(result);
            }
        }
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
    if selection.show_level() {
        let description = description.filter(|_| selection.has(Output::Feed));
        result.summary = Some(Summary::of(series, episode, description));
    }
    Ok(result)
}

/// Renders and stages the selected page formats (txt, md, html) of a
/// meeting summary; the platform outputs are for episodes only.
pub fn minutes(
    templates: &Templates,
    series: Option<&Series>,
    document: &crate::model::document::Document,
    selection: &Selection,
    stage: &Stage,
) -> Result<EpisodeResult, Error> {
    let mut result = EpisodeResult::default();
    let context = crate::render::context::document_context(series, document);
    for format in selection.iter().filter_map(Output::format) {
        match crate::render::context::render_document(templates, format, document, &context) {
            Ok(text) => stage.write(
                &Path::new(document.slug()).join(format.file_name()),
                text.as_bytes(),
            )?,
            Err(mut diagnostic) => {
                diagnostic
                    .message
                    .push_str(&format!(" (rendering {})", document.file().display));
                result.diagnostics.push(diagnostic);
                break;
            }
        }
    }
    Ok(result)
}

/// Names the episode in a rendering error.
fn rendering(mut diagnostic: Diagnostic, episode: &Episode) -> Diagnostic {
    diagnostic
        .message
        .push_str(&format!(" (rendering {})", episode.file.display));
    diagnostic
}

/// The error of a feed without `base_url`, when the feed is selected.
pub fn feed_settings(series: Option<&Series>, selection: &Selection) -> Option<Diagnostic> {
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

/// Renders and stages the show-level outputs from every episode's summary.
pub fn show(
    templates: &Templates,
    series: Option<&Series>,
    mut summaries: Vec<Summary>,
    selection: &Selection,
    stage: &Stage,
) -> Result<Vec<Diagnostic>, Error> {
    crate::render::platform::summary::newest_first(&mut summaries);
    let mut diagnostics = Vec::new();
    if selection.has(Output::Index) {
        match crate::render::platform::index_page::render(templates, series, &summaries) {
            Ok(text) => stage.write(Path::new(Output::Index.file_name()), text.as_bytes())?,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if selection.has(Output::Feed)
        && let Some(series) = series
        && let Some(base_url) = &series.base_url
    {
        let items: Vec<&Summary> = summaries.iter().filter(|s| s.audio.is_some()).collect();
        stage.write_with(Path::new(crate::render::platform::feed::FILE), |out| {
            crate::render::platform::feed::write(out, series, base_url, &items)
        })?;
    }
    Ok(diagnostics)
}

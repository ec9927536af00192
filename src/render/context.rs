//! Episode -> text, one Tera template per output format.

use crate::diagnostic::Diagnostic;
use crate::model::document::{Document, Kind};
use crate::model::episode::Episode;
use crate::model::minutes::Minutes;
use crate::model::people::{Organizer, Speaker};
use crate::model::series::Series;
use crate::render::templates::Templates;
use serde::Serialize;
use tera::Context;

/// An output format of an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text for platforms' description fields (`notes.txt`).
    Txt,
    /// Markdown (`notes.md`).
    Md,
    /// A standalone HTML page (`index.html`).
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Txt, Format::Md, Format::Html];

    pub fn template(self) -> &'static str {
        match self {
            Format::Txt => "episode.txt",
            Format::Md => "episode.md",
            Format::Html => "episode.html",
        }
    }

    /// The template of this format for a kind of document.
    pub fn template_for(self, kind: Kind) -> &'static str {
        match (kind, self) {
            (Kind::Episode, _) => self.template(),
            (Kind::Minutes, Format::Txt) => "minutes.txt",
            (Kind::Minutes, Format::Md) => "minutes.md",
            (Kind::Minutes, Format::Html) => "minutes.html",
        }
    }

    /// The file written under `dist/<slug>/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Txt => "notes.txt",
            Format::Md => "notes.md",
            Format::Html => "index.html",
        }
    }
}

/// What templates see as `series`; present even without a `series.yaml`.
#[derive(Serialize)]
struct SeriesView<'a> {
    title: Option<&'a str>,
    description: Option<&'a str>,
    language: &'a str,
    base_url: Option<&'a str>,
    /// `western` or `wareki`: the style of `date_ja` in episode templates.
    date_style: &'static str,
}

/// What templates see as `episode`: the episode merged with the series
/// defaults.
#[derive(Serialize)]
struct EpisodeView<'a> {
    #[serde(flatten)]
    episode: &'a Episode,
    speakers: &'a [Speaker],
    organizers: &'a [Organizer],
    /// Whether any timestamp passes an hour (then all use `H:MM:SS`).
    hours: bool,
}

fn series_view(series: Option<&Series>) -> SeriesView<'_> {
    SeriesView {
        title: series.map(|s| s.title.as_str()),
        description: series.and_then(|s| s.description.as_deref().map(String::as_str)),
        language: series.map_or("ja", |s| s.language.as_str()),
        base_url: series.and_then(|s| s.base_url.as_deref().map(String::as_str)),
        date_style: series.map(|s| s.date_style).unwrap_or_default().name(),
    }
}

/// The context of show-level templates (`index.html`): `series` and
/// `generator`, without an episode.
pub fn show_context(series: Option<&Series>) -> Context {
    let mut context = Context::new();
    context.insert("series", &series_view(series));
    context.insert("generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")));
    context
}

pub fn context(series: Option<&Series>, episode: &Episode) -> Context {
    let view = series_view(series);
    let hours = episode
        .topics
        .iter()
        .map(|t| t.at.value)
        .chain(episode.duration.as_ref().map(|d| d.value))
        .any(|t| t.seconds() >= 3600);
    let episode_view = EpisodeView {
        episode,
        speakers: episode
            .speakers
            .as_deref()
            .or(series.map(|s| s.speakers.as_slice()))
            .unwrap_or_default(),
        organizers: episode
            .organizers
            .as_deref()
            .or(series.map(|s| s.organizers.as_slice()))
            .unwrap_or_default(),
        hours,
    };
    let mut context = Context::new();
    context.insert("series", &view);
    context.insert("episode", &episode_view);
    context.insert("generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")));
    context
}

pub fn render(templates: &Templates, format: Format, context: &Context) -> Result<String, Diagnostic> {
    templates.render(format.template(), context)
}

/// What templates see as `minutes`: the minutes plus the time range.
#[derive(Serialize)]
struct MinutesView<'a> {
    #[serde(flatten)]
    minutes: &'a Minutes,
    /// `17:00~18:30`, when `start` is given.
    time: Option<String>,
}

pub fn minutes_context(series: Option<&Series>, minutes: &Minutes) -> Context {
    let mut context = Context::new();
    context.insert("series", &series_view(series));
    context.insert(
        "minutes",
        &MinutesView {
            minutes,
            time: minutes.time_range(),
        },
    );
    context.insert("generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")));
    context
}

pub fn document_context(series: Option<&Series>, document: &Document) -> Context {
    match document {
        Document::Episode(episode) => context(series, episode),
        Document::Minutes(minutes) => minutes_context(series, minutes),
    }
}

/// Renders a document with its kind's template for `format`.
pub fn render_document(
    templates: &Templates,
    format: Format,
    document: &Document,
    context: &Context,
) -> Result<String, Diagnostic> {
    templates.render(format.template_for(document.kind()), context)
}

//! What templates see: the context of any document (episode or meeting
//! summary) and of the show, and the page formats rendered from them.

use crate::diagnostic::Diagnostic;
use crate::model::document::Document;
use crate::model::episode::Episode;
use crate::model::kind::Kind;
use crate::model::minutes::Minutes;
use crate::model::people::{Organizer, Speaker};
use crate::model::series::Series;
use crate::render::merged::{Merged, MoreFields};
use crate::render::templates::Templates;
use serde::Serialize;
use serde::ser::SerializeStruct;
use tera::{Context, Value};

/// An output format of an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Plain text for platforms' description fields (`notes.txt`).
    Txt,
    /// Markdown (`notes.md`).
    Md,
    /// A standalone HTML page (`index.html`).
    Html,
}

impl Format {
    /// Name (as written on the command line), what it is, and the format.
    pub(crate) const CHOICES: &'static [(&'static str, &'static str, Format)] = &[
        (
            "txt",
            "Plain text for platforms' description fields (notes.txt)",
            Format::Txt,
        ),
        ("md", "Markdown (notes.md)", Format::Md),
        ("html", "A standalone HTML page (index.html)", Format::Html),
    ];

    /// The template of this format for a kind of document.
    pub(crate) fn template_for(self, kind: Kind) -> &'static str {
        match (kind, self) {
            (Kind::Episode, Format::Txt) => "episode.txt",
            (Kind::Episode, Format::Md) => "episode.md",
            (Kind::Episode, Format::Html) => "episode.html",
            (Kind::Minutes, Format::Txt) => "minutes.txt",
            (Kind::Minutes, Format::Md) => "minutes.md",
            (Kind::Minutes, Format::Html) => "minutes.html",
        }
    }

    /// The file written under `dist/<slug>/`.
    pub(crate) fn file_name(self) -> &'static str {
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
    /// Markdown appended to every episode's notes.
    footer: Option<&'a str>,
    /// The series' cover art.
    image: Option<&'a str>,
    /// `<base_url>/feed.xml`, when there is a `base_url`.
    feed_url: Option<String>,
    /// `og:locale`, from `language` (`ja` → `ja_JP`).
    locale: String,
    /// Where listeners subscribe: `name` and `url` of each.
    subscribe: &'a [crate::model::podcast::Subscribe],
}

/// What templates see of `episode` besides its own fields: the series
/// defaults it does not override, and `hours`.
struct EpisodeExtras<'a> {
    speakers: &'a [Speaker],
    organizers: &'a [Organizer],
    /// Whether any timestamp passes an hour (then all use `H:MM:SS`).
    hours: bool,
}

impl MoreFields for EpisodeExtras<'_> {
    const COUNT: usize = 3;
    fn serialize<S: SerializeStruct>(&self, into: &mut S) -> Result<(), S::Error> {
        into.serialize_field("speakers", self.speakers)?;
        into.serialize_field("organizers", self.organizers)?;
        into.serialize_field("hours", &self.hours)
    }
}

fn series_view(series: Option<&Series>) -> SeriesView<'_> {
    SeriesView {
        title: series.map(|s| s.title.as_str()),
        description: series.and_then(|s| s.description.as_deref().map(String::as_str)),
        language: series.map_or("ja", |s| s.language.as_str()),
        base_url: series.and_then(|s| s.base_url.as_deref().map(String::as_str)),
        date_style: series.map(|s| s.date_style).unwrap_or_default().name(),
        footer: series.and_then(|s| s.footer.as_deref().map(String::as_str)),
        image: series.and_then(|s| s.image.as_deref().map(String::as_str)),
        feed_url: series
            .and_then(|s| s.base_url.as_deref())
            .map(|b| crate::render::site::feed_url(b)),
        locale: crate::render::site::locale(series.map_or("ja", |s| s.language.as_str())),
        subscribe: series.map_or(&[], |s| s.subscribe.as_slice()),
    }
}

/// The context of show-level templates (`index.html`): `series`, `page`
/// and `generator`, without an episode.
pub(crate) fn show(series: Option<&Series>) -> Context {
    let mut context = Context::new();
    context.insert("series", &series_view(series));
    context.insert("page", &crate::render::site::series_page(series));
    context.insert("generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")));
    context
}

/// A show's series, with what templates see of it as `series` made into
/// a template value once: the contexts of all its episodes share that
/// value (cloning a `Value` shares its maps), where serializing it again
/// for each episode was a sixth of making `check`'s contexts.
pub(crate) struct SeriesContext<'a> {
    series: Option<&'a Series>,
    value: Value,
}

impl<'a> SeriesContext<'a> {
    pub(crate) fn new(series: Option<&'a Series>) -> Self {
        Self {
            series,
            value: Value::from_serializable(&series_view(series)),
        }
    }

    pub(crate) fn series(&self) -> Option<&'a Series> {
        self.series
    }
}

/// The context of an episode's templates: `series`, `episode` (merged
/// with the series defaults), `page` (what the page says about itself)
/// and `generator`.
pub(crate) fn episode(series: Option<&Series>, episode: &Episode) -> Context {
    with_page(&SeriesContext::new(series), episode)
}

fn with_page(series: &SeriesContext<'_>, episode: &Episode) -> Context {
    let mut context = without_page(series, episode);
    context.insert("page", &crate::render::site::episode_page(series.series, episode));
    context
}

/// The built-in templates that never read `page` (a test below holds
/// them to that): the plain-text notes, which `check` renders for every
/// episode only to measure them, and the platform outputs, rendered again
/// for every part `limit::fit` leaves out.
const WITHOUT_PAGE: [&str; 3] = ["episode.txt", "youtube.txt", "description.html"];

/// The context of `episode` for `template`: without `page` (its meta
/// description and JSON-LD are a good part of the context) when the
/// template is built in and never reads it; a show's own template gets
/// everything.
pub(crate) fn episode_for(
    templates: &Templates,
    template: &str,
    series: &SeriesContext<'_>,
    episode: &Episode,
) -> Context {
    if WITHOUT_PAGE.contains(&template) && templates.is_builtin(template) {
        without_page(series, episode)
    } else {
        with_page(series, episode)
    }
}

fn without_page(series: &SeriesContext<'_>, episode: &Episode) -> Context {
    let defaults = series.series;
    let hours = episode
        .timed_topics()
        .map(|(_, at)| at.value)
        .chain(episode.duration.as_ref().map(|d| d.value))
        .any(|t| t.seconds() >= 3600);
    // What templates see as `episode`: the episode merged with the series
    // defaults.
    let episode_view = Merged {
        base: episode,
        more: EpisodeExtras {
            speakers: episode
                .speakers
                .as_deref()
                .or(defaults.map(|s| s.speakers.as_slice()))
                .unwrap_or_default(),
            organizers: episode
                .organizers
                .as_deref()
                .or(defaults.map(|s| s.organizers.as_slice()))
                .unwrap_or_default(),
            hours,
        },
    };
    let mut context = Context::new();
    context.insert_value("series", series.value.clone());
    context.insert("episode", &episode_view);
    context.insert("generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")));
    context
}

/// The context of `episode` for `template` given its context already
/// made, or of a shortened copy of it (`limit::fit`). A context is cheap
/// to copy (its lists and maps are shared), serializing the episode is not.
pub(crate) fn of_episode(
    context: &Context,
    templates: &Templates,
    template: &str,
    series: Option<&Series>,
    shorter: Option<&Episode>,
) -> Context {
    match shorter {
        None => context.clone(),
        Some(shorter) => {
            // The series as the context has it already.
            let series = match context.get("series") {
                Some(value) => SeriesContext {
                    series,
                    value: value.clone(),
                },
                None => SeriesContext::new(series),
            };
            episode_for(templates, template, &series, shorter)
        }
    }
}

/// What templates see as `minutes`: the minutes plus the time range.
#[derive(Serialize)]
struct MinutesView<'a> {
    #[serde(flatten)]
    minutes: &'a Minutes,
    /// `17:00~18:30`, when `start` is given.
    time: Option<String>,
}

fn minutes(series: Option<&Series>, minutes: &Minutes) -> Context {
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

/// The context of any document's page templates.
pub(crate) fn document(series: Option<&Series>, document: &Document) -> Context {
    match document {
        Document::Episode(e) => episode(series, e),
        Document::Minutes(m) => minutes(series, m),
    }
}

/// Renders a page format (txt, md, html) with the template of a kind of
/// document.
pub(crate) fn page(
    templates: &Templates,
    format: Format,
    kind: Kind,
    context: &Context,
) -> Result<String, Diagnostic> {
    templates.render(format.template_for(kind), context)
}

/// `page` into `out` (emptied first), as the bytes written to a file.
pub(crate) fn page_into(
    templates: &Templates,
    format: Format,
    kind: Kind,
    context: &Context,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    templates.render_into(format.template_for(kind), context, out)
}

#[cfg(test)]
mod tests {
    use crate::render::templates::BUILTIN;

    #[test]
    fn the_templates_given_no_page_never_read_it() {
        for name in super::WITHOUT_PAGE {
            let (_, text) = BUILTIN
                .iter()
                .find(|(builtin, _)| *builtin == name)
                .expect("a built-in template");
            // Not even the word: no `page`, no include or component that
            // could read it, no dump of the whole context.
            for word in ["page", "include", "component", "__tera_context"] {
                assert!(
                    !text.contains(word),
                    "{name} has `{word}`: take it out of WITHOUT_PAGE"
                );
            }
        }
    }
}

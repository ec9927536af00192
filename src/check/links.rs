//! Every link of a run, for the link checker: topic sources (with their
//! cited title), organizers, links inside Markdown, and `series.yaml`.
//! One entry per URL (fragment stripped), keeping every place it occurs.

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::{Span, Spanned};
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::render::markdown;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a link is, where it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A topic's source, with the title it is cited under.
    Source { title: String, title_span: Span },
    /// An organizer's `url`.
    Organizer,
    /// A link inside Markdown text (`lead`, `body`, `description`).
    Markdown { key: &'static str },
    /// `series.yaml`'s `base_url`.
    BaseUrl,
}

/// One place a URL is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub place: Place,
    /// The URL as written there.
    pub written: String,
}

/// A URL to check and every place it occurs.
#[derive(Debug, Clone)]
pub struct Link {
    /// The URL requested: absolute, fragment stripped.
    pub url: url::Url,
    pub occurrences: Vec<Occurrence>,
}

impl Link {
    /// Whether the page itself is needed (to compare a cited title).
    pub fn wants_title(&self) -> bool {
        self.occurrences
            .iter()
            .any(|o| matches!(o.place, Place::Source { .. }))
    }
}

/// The links of a run, by URL.
#[derive(Debug, Default)]
pub struct Links {
    by_url: BTreeMap<String, Link>,
}

impl Links {
    pub fn add(&mut self, written: &str, occurrence: Occurrence) {
        // Invalid URLs were already reported by validation.
        let Ok(mut url) = crate::input::weburl::check(written) else {
            return;
        };
        url.set_fragment(None);
        self.by_url
            .entry(url.to_string())
            .or_insert_with(|| Link {
                url,
                occurrences: Vec::new(),
            })
            .occurrences
            .push(occurrence);
    }

    pub fn extend(&mut self, found: Vec<(String, Occurrence)>) {
        for (written, occurrence) in found {
            self.add(&written, occurrence);
        }
    }

    pub fn len(&self) -> usize {
        self.by_url.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Link> {
        self.by_url.values()
    }
}

fn spanned(out: &mut Vec<(String, Occurrence)>, file: &Arc<SourceFile>, url: &Spanned<String>, place: Place) {
    out.push((
        url.value.clone(),
        Occurrence {
            file: Arc::clone(file),
            span: url.span,
            place,
            written: url.value.clone(),
        },
    ));
}

fn markdown_links(
    out: &mut Vec<(String, Occurrence)>,
    file: &Arc<SourceFile>,
    text: &Spanned<String>,
    key: &'static str,
) {
    for link in markdown::links(text) {
        let span = text.span.within(&file.text, text, link.offset, link.len);
        out.push((
            link.url.clone(),
            Occurrence {
                file: Arc::clone(file),
                span,
                place: Place::Markdown { key },
                written: link.url,
            },
        ));
    }
}

/// The links written in one episode file.
pub fn episode(episode: &Episode) -> Vec<(String, Occurrence)> {
    let file = &episode.file;
    let mut out = Vec::new();
    if let Some(lead) = &episode.lead {
        markdown_links(&mut out, file, lead, "lead");
    }
    for topic in &episode.topics {
        if let Some(body) = &topic.body {
            markdown_links(&mut out, file, body, "body");
        }
        for source in &topic.sources {
            let place = Place::Source {
                title: source.title.value.clone(),
                title_span: source.title.span,
            };
            spanned(&mut out, file, &source.url, place);
        }
    }
    for organizer in episode.organizers.iter().flatten() {
        if let Some(url) = &organizer.url {
            spanned(&mut out, file, url, Place::Organizer);
        }
    }
    out
}

/// The links written in `series.yaml`.
/// Links inside a meeting summary's point texts.
pub fn minutes(minutes: &crate::model::minutes::Minutes) -> Vec<(String, Occurrence)> {
    let mut out = Vec::new();
    for section in &minutes.sections {
        let points = section
            .points
            .iter()
            .chain(section.subsections.iter().flat_map(|s| s.points.iter()));
        for point in points {
            markdown_links(&mut out, &minutes.file, &point.text, "text");
        }
    }
    out
}

pub fn series(series: &Series) -> Vec<(String, Occurrence)> {
    let file = &series.file;
    let mut out = Vec::new();
    if let Some(base_url) = &series.base_url {
        spanned(&mut out, file, base_url, Place::BaseUrl);
    }
    if let Some(description) = &series.description {
        markdown_links(&mut out, file, description, "description");
    }
    for organizer in &series.organizers {
        if let Some(url) = &organizer.url {
            spanned(&mut out, file, url, Place::Organizer);
        }
    }
    out
}

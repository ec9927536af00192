//! Every link of a run, for the link checker: topic sources (with their
//! cited title), organizers, links inside Markdown, and `series.yaml`.
//! One entry per URL (fragment stripped), keeping every place it occurs.

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Span;
use crate::model::document::Document;
use crate::model::series::Series;
use crate::model::walk::{self, Field, Role, UrlRole};
use crate::render::markdown;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a link is, where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Place {
    /// A topic's source, with the title it is cited under.
    Source { title: String, title_span: Span },
    /// An organizer's `url`.
    Organizer,
    /// A link inside Markdown text (`lead`, `body`, `description`).
    Markdown { key: &'static str },
    /// `series.yaml`'s `base_url`.
    BaseUrl,
    /// Another address of the show's own: an episode's `url`, a speaker's
    /// `url` or `image`.
    Page { key: &'static str },
}

/// One place a URL is written.
#[derive(Debug, Clone)]
pub(crate) struct Occurrence {
    pub(crate) file: Arc<SourceFile>,
    pub(crate) span: Span,
    pub(crate) place: Place,
    /// The URL as written there.
    pub(crate) written: String,
}

/// A URL to check and every place it occurs.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// The URL requested: absolute, fragment stripped.
    pub(crate) url: url::Url,
    pub(crate) occurrences: Vec<Occurrence>,
}

impl Link {
    /// Whether the page itself is needed (to compare a cited title).
    pub(crate) fn wants_title(&self) -> bool {
        self.occurrences
            .iter()
            .any(|o| matches!(o.place, Place::Source { .. }))
    }
}

/// The links of a run, by URL.
#[derive(Debug, Default)]
pub(crate) struct Links {
    by_url: BTreeMap<String, Link>,
}

impl Links {
    pub(crate) fn add(&mut self, written: &str, occurrence: Occurrence) {
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

    pub(crate) fn extend(&mut self, found: Vec<(String, Occurrence)>) {
        for (written, occurrence) in found {
            self.add(&written, occurrence);
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Link> {
        self.by_url.values()
    }
}

/// The links written in one file of `episodes/`.
pub(crate) fn document(document: &Document) -> Vec<(String, Occurrence)> {
    let file = document.file();
    let mut out = Vec::new();
    walk::document(document, &mut |field| collect(&mut out, file, field));
    out
}

/// The links written in `series.yaml`.
pub(crate) fn series(series: &Series) -> Vec<(String, Occurrence)> {
    let mut out = Vec::new();
    walk::series(series, &mut |field| collect(&mut out, &series.file, field));
    out
}

/// The links of one field: the address of a `url` key, or every link
/// inside Markdown prose.
fn collect(out: &mut Vec<(String, Occurrence)>, file: &Arc<SourceFile>, field: Field<'_>) {
    let place = match field.role {
        Role::Prose => {
            for (url, span) in markdown::spanned_links(file, field.value) {
                let place = Place::Markdown { key: field.key };
                out.push((url.clone(), occurrence(file, span, place, url)));
            }
            return;
        }
        Role::Url(UrlRole::Source { title }) => Place::Source {
            title: title.value.clone(),
            title_span: title.span,
        },
        Role::Url(UrlRole::Organizer) => Place::Organizer,
        Role::Url(UrlRole::BaseUrl) => Place::BaseUrl,
        Role::Url(UrlRole::Page) => Place::Page { key: field.key },
        Role::Line | Role::Name | Role::Cited => return,
    };
    let written = field.value.value.clone();
    out.push((
        written.clone(),
        occurrence(file, field.value.span, place, written),
    ));
}

fn occurrence(file: &Arc<SourceFile>, span: Span, place: Place, written: String) -> Occurrence {
    Occurrence {
        file: Arc::clone(file),
        span,
        place,
        written,
    }
}

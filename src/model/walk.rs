//! The one walk over the text and link fields of a document or a series.
//! Lint, link collection and the Markdown link rule all read content
//! through it, so a new key is added to all three in one place.

use crate::diagnostic::span::Spanned;
use crate::model::document::Document;
use crate::model::episode::{Episode, Source};
use crate::model::minutes::Minutes;
use crate::model::people::Organizer;
use crate::model::series::Series;

/// What a field holds, which decides the rules that apply to it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Role<'a> {
    /// Running text in Markdown (lead, topic body, point text, series
    /// description): prose, and the links written inside it.
    Prose,
    /// A short line of the producer's own: a title, heading, label, role.
    Line,
    /// A person's or organization's name.
    Name,
    /// Text quoted from a cited page: its title or publisher.
    Cited,
    /// An address, and what it is.
    Url(UrlRole<'a>),
}

/// What an address field is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum UrlRole<'a> {
    /// A topic's source or an item of the episode's `links`, with the
    /// title it is cited under.
    Source { title: &'a Spanned<String> },
    /// A speaker's `url` or `image`, an episode's `url` or `image`, a
    /// series' `image` or `subscribe` link: an address of the show's own.
    Page,
    /// An organizer's `url`.
    Organizer,
    /// `series.yaml`'s `base_url`.
    BaseUrl,
}

/// One field: its key (as written in the file), its role and its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'a> {
    pub(crate) key: &'static str,
    pub(crate) role: Role<'a>,
    pub(crate) value: &'a Spanned<String>,
}

/// Calls `visit` for every text and link field, in file order.
pub(crate) fn document<'a>(document: &'a Document, visit: &mut dyn FnMut(Field<'a>)) {
    match document {
        Document::Episode(episode) => self::episode(episode, visit),
        Document::Minutes(minutes) => self::minutes(minutes, visit),
    }
}

/// The fields of `series.yaml` that hold text or links.
pub(crate) fn series<'a>(series: &'a Series, visit: &mut dyn FnMut(Field<'a>)) {
    let mut field = |key, role, value| visit(Field { key, role, value });
    if let Some(base_url) = &series.base_url {
        field("base_url", Role::Url(UrlRole::BaseUrl), base_url);
    }
    if let Some(description) = &series.description {
        field("description", Role::Prose, description);
    }
    if let Some(footer) = &series.footer {
        field("footer", Role::Prose, footer);
    }
    if let Some(image) = &series.image {
        field("image", Role::Url(UrlRole::Page), image);
    }
    for subscribe in &series.subscribe {
        field("name", Role::Name, &subscribe.name);
        field("url", Role::Url(UrlRole::Page), &subscribe.url);
    }
    speakers(&series.speakers, visit);
    organizers(&series.organizers, visit);
}

fn episode<'a>(e: &'a Episode, visit: &mut dyn FnMut(Field<'a>)) {
    let mut field = |key, role, value| visit(Field { key, role, value });
    field("title", Role::Line, &e.title);
    if let Some(url) = &e.url {
        field("url", Role::Url(UrlRole::Page), url);
    }
    if let Some(image) = &e.image {
        field("image", Role::Url(UrlRole::Page), image);
    }
    if let Some(lead) = &e.lead {
        field("lead", Role::Prose, lead);
    }
    for topic in &e.topics {
        let mut field = |key, role, value| visit(Field { key, role, value });
        if let Some(group) = &topic.group {
            field("group", Role::Line, group);
        }
        field("title", Role::Line, &topic.title);
        if let Some(body) = &topic.body {
            field("body", Role::Prose, body);
        }
        sources(&topic.sources, visit);
    }
    sources(&e.links, visit);
    for audience in &e.audience {
        visit(Field {
            key: "audience",
            role: Role::Line,
            value: audience,
        });
    }
    speakers(e.speakers.as_deref().unwrap_or_default(), visit);
    organizers(e.organizers.as_deref().unwrap_or_default(), visit);
}

/// A topic's `sources` or the episode's `links`.
fn sources<'a>(list: &'a [Source], visit: &mut dyn FnMut(Field<'a>)) {
    let mut field = |key, role, value| visit(Field { key, role, value });
    for source in list {
        if let Some(publisher) = &source.publisher {
            field("publisher", Role::Cited, publisher);
        }
        field("title", Role::Cited, &source.title);
        let role = UrlRole::Source { title: &source.title };
        field("url", Role::Url(role), &source.url);
        if let Some(note) = &source.note {
            field("note", Role::Prose, note);
        }
    }
}

fn speakers<'a>(list: &'a [crate::model::people::Speaker], visit: &mut dyn FnMut(Field<'a>)) {
    let mut field = |key, role, value| visit(Field { key, role, value });
    for speaker in list {
        field("name", Role::Name, &speaker.name);
        if let Some(role) = &speaker.role {
            field("role", Role::Line, role);
        }
        if let Some(url) = &speaker.url {
            field("url", Role::Url(UrlRole::Page), url);
        }
        if let Some(image) = &speaker.image {
            field("image", Role::Url(UrlRole::Page), image);
        }
    }
}

fn organizers<'a>(list: &'a [Organizer], visit: &mut dyn FnMut(Field<'a>)) {
    for organizer in list {
        visit(Field {
            key: "name",
            role: Role::Name,
            value: &organizer.name,
        });
        if let Some(url) = &organizer.url {
            visit(Field {
                key: "url",
                role: Role::Url(UrlRole::Organizer),
                value: url,
            });
        }
    }
}

fn minutes<'a>(m: &'a Minutes, visit: &mut dyn FnMut(Field<'a>)) {
    let mut field = |key, role, value| visit(Field { key, role, value });
    field("title", Role::Line, &m.title);
    if let Some(place) = &m.place {
        field("place", Role::Line, place);
    }
    for attendee in &m.attendees {
        field("attendees", Role::Name, attendee);
    }
    for section in &m.sections {
        field("heading", Role::Line, &section.heading);
        let subsections = section.subsections.iter();
        let groups = std::iter::once((None, &section.points))
            .chain(subsections.map(|s| (Some(&s.heading), &s.points)));
        for (heading, points) in groups {
            if let Some(heading) = heading {
                field("heading", Role::Line, heading);
            }
            for point in points {
                if let Some(label) = &point.label {
                    field("label", Role::Line, label);
                }
                field("text", Role::Prose, &point.text);
                if let Some(by) = &point.by {
                    field("by", Role::Name, by);
                }
            }
        }
    }
}

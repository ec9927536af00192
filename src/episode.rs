//! `episodes/<slug>.yaml`: one episode's notes.

use crate::decode::Decoder;
use crate::people::{self, Organizer, Speaker};
use crate::source::SourceFile;
use crate::span::{Span, Spanned};
use crate::timestamp::Timestamp;
use crate::yaml::Node;
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Episode {
    /// The file it was loaded from, for diagnostics.
    #[serde(skip)]
    pub file: Arc<SourceFile>,
    pub slug: String,
    pub title: Spanned<String>,
    pub number: Option<Spanned<i64>>,
    pub date: Spanned<NaiveDate>,
    pub duration: Option<Spanned<Timestamp>>,
    pub lead: Option<Spanned<String>>,
    pub topics: Vec<Topic>,
    pub audience: Vec<Spanned<String>>,
    /// `None`: the series' speakers apply.
    #[serde(skip)]
    pub speakers: Option<Vec<Speaker>>,
    /// `None`: the series' organizers apply.
    #[serde(skip)]
    pub organizers: Option<Vec<Organizer>>,
    /// The media file for podcast feeds.
    pub audio: Option<crate::audio::Audio>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub at: Spanned<Timestamp>,
    pub title: Spanned<String>,
    pub body: Option<Spanned<String>>,
    pub sources: Vec<Source>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub publisher: Option<Spanned<String>>,
    pub title: Spanned<String>,
    pub url: Spanned<String>,
}

impl Episode {
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "number",
        "date",
        "duration",
        "lead",
        "topics",
        "audience",
        "speakers",
        "organizers",
        "audio",
    ];

    pub fn decode(d: &mut Decoder, node: &Node, slug: String) -> Option<Self> {
        let f = d.root(node, "episode", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let number = d.optional(&f, "number", Decoder::integer);
        let date = d.required(&f, "date", Decoder::date);
        let duration = d.optional(&f, "duration", Decoder::timestamp);
        let lead = d.optional(&f, "lead", Decoder::string);
        let topics = d.required(&f, "topics", |d, node, key| {
            let topics = d.list(node, key, Topic::decode)?;
            if topics.is_empty() {
                d.error("no-topics", "an episode needs at least one topic", node.span)
                    .help = Some("add a topic: `- at: 0:00` with a `title`".into());
                return None;
            }
            Some(topics)
        });
        let audience = d.optional(&f, "audience", Decoder::strings);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
        let audio = d.optional(&f, "audio", crate::audio::Audio::decode);
        if let Some(n) = number.as_ref().ok().and_then(Option::as_ref)
            && n.value < 0
        {
            d.error(
                "invalid-number",
                format!("`number` must not be negative, found {}", n.value),
                n.span,
            );
        }
        Some(Episode {
            file: std::sync::Arc::clone(&d.file),
            slug,
            title: title?,
            number: number.ok()?,
            date: date?,
            duration: duration.ok()?,
            lead: lead.ok()?,
            topics: topics?,
            audience: audience.ok()?.unwrap_or_default(),
            speakers: speakers.ok()?,
            organizers: organizers.ok()?,
            audio: audio.ok()?,
        })
    }
}

impl Topic {
    pub const KEYS: &'static [&'static str] = &["at", "title", "body", "sources"];

    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "topic", "topics", Self::KEYS)?;
        let at = d.required(&f, "at", Decoder::timestamp);
        let title = d.required(&f, "title", Decoder::string);
        let body = d.optional(&f, "body", Decoder::string);
        let sources = d.optional(&f, "sources", |d, node, key| d.list(node, key, Source::decode));
        Some(Topic {
            at: at?,
            title: title?,
            body: body.ok()?,
            sources: sources.ok()?.unwrap_or_default(),
            span: node.span,
        })
    }
}

impl Source {
    pub const KEYS: &'static [&'static str] = &["publisher", "title", "url"];

    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "source", "sources", Self::KEYS)?;
        let publisher = d.optional(&f, "publisher", Decoder::string);
        let title = d.required(&f, "title", Decoder::string);
        let url = d.required(&f, "url", Decoder::url);
        Some(Source {
            publisher: publisher.ok()?,
            title: title?,
            url: url?,
        })
    }
}

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

/// An episode. When its file has errors the episode may be partial (a
/// required value that could not be read is left empty) so that every rule
/// still runs and reports; such an episode is never rendered.
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
        "kind",
        "title",
        "number",
        "date",
        "duration",
        "lead",
        "topics",
        "audience",
        "speakers",
        "organizers",
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
            if matches!(&node.value, crate::yaml::Value::Seq(items) if items.is_empty()) {
                d.error("no-topics", "an episode needs at least one topic", node.span)
                    .help = Some("add a topic: `- at: 0:00` with a `title`".into());
                return None;
            }
            Some(topics)
        });
        let audience = d.optional(&f, "audience", Decoder::strings);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
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
            title: title.unwrap_or_default(),
            number: number.ok().flatten(),
            date: date.unwrap_or_default(),
            duration: duration.ok().flatten(),
            lead: lead.ok().flatten(),
            topics: topics.unwrap_or_default(),
            audience: audience.ok().flatten().unwrap_or_default(),
            speakers: speakers.ok().flatten(),
            organizers: organizers.ok().flatten(),
        })
    }
}

impl Topic {
    pub const KEYS: &'static [&'static str] = &["at", "title", "body", "sources"];

    /// `None` only when the topic has no readable `at` (the rules need it).
    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "topic", "topics", Self::KEYS)?;
        let at = d.required(&f, "at", Decoder::timestamp);
        let title = d.required(&f, "title", Decoder::string);
        let body = d.optional(&f, "body", Decoder::string);
        let sources = d.optional(&f, "sources", |d, node, key| d.list(node, key, Source::decode));
        Some(Topic {
            at: at?,
            title: title.unwrap_or_default(),
            body: body.ok().flatten(),
            sources: sources.ok().flatten().unwrap_or_default(),
            span: node.span,
        })
    }
}

impl Source {
    pub const KEYS: &'static [&'static str] = &["publisher", "title", "url"];

    /// `None` only when the source has no usable `url`.
    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "source", "sources", Self::KEYS)?;
        let publisher = d.optional(&f, "publisher", Decoder::string);
        let title = d.required(&f, "title", Decoder::string);
        let url = d.required(&f, "url", Decoder::url);
        Some(Source {
            publisher: publisher.ok().flatten(),
            title: title.unwrap_or_default(),
            url: url?,
        })
    }
}

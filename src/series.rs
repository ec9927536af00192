//! `series.yaml`: series-wide settings and the defaults episodes inherit.

use crate::decode::Decoder;
use crate::people::{self, Organizer, Speaker};
use crate::span::Spanned;
use crate::yaml::Node;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    #[serde(skip)]
    pub file: std::sync::Arc<crate::source::SourceFile>,
    pub title: Spanned<String>,
    pub description: Option<Spanned<String>>,
    pub language: String,
    pub base_url: Option<Spanned<String>>,
    pub speakers: Vec<Speaker>,
    pub organizers: Vec<Organizer>,
    /// Cover art for the feed (http(s) URL).
    pub image: Option<Spanned<String>>,
    /// `itunes:author` of the feed.
    pub author: Option<Spanned<String>>,
    /// `itunes:category` of the feed.
    pub category: Option<Spanned<String>>,
    /// `itunes:explicit` of the feed (default false).
    pub explicit: bool,
    /// Title of the `0:00` chapter YouTube needs when the first topic starts later.
    pub opening_chapter: Option<Spanned<String>>,
}

impl Series {
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "description",
        "language",
        "base_url",
        "speakers",
        "organizers",
        "image",
        "author",
        "category",
        "explicit",
        "opening_chapter",
    ];

    pub fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.root(node, "series", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let description = d.optional(&f, "description", Decoder::string);
        let language = d.optional(&f, "language", Decoder::string);
        let base_url = d.optional(&f, "base_url", Decoder::url);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
        let image = d.optional(&f, "image", Decoder::url);
        let author = d.optional(&f, "author", Decoder::string);
        let category = d.optional(&f, "category", Decoder::string);
        let explicit = d.optional(&f, "explicit", Decoder::boolean);
        let opening_chapter = d.optional(&f, "opening_chapter", Decoder::string);
        Some(Series {
            file: std::sync::Arc::clone(&d.file),
            title: title?,
            description: description.ok()?,
            language: language.ok()?.map_or_else(|| "ja".to_string(), |l| l.value),
            base_url: base_url.ok()?,
            speakers: speakers.ok()?.unwrap_or_default(),
            organizers: organizers.ok()?.unwrap_or_default(),
            image: image.ok()?,
            author: author.ok()?,
            category: category.ok()?,
            explicit: explicit.ok()?.is_some_and(|e| e.value),
            opening_chapter: opening_chapter.ok()?,
        })
    }
}

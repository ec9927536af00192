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
    /// How episode templates write dates (`western` unless set).
    #[serde(skip)]
    pub date_style: crate::wareki::DateStyle,
    /// Which Japanese text rules `check` applies.
    #[serde(skip)]
    pub lint: crate::lint::Rules,
    /// `check:` settings for `shownotes check`.
    #[serde(skip)]
    pub check: Option<crate::check_settings::CheckSettings>,
}

impl Series {
    pub const KEYS: &'static [&'static str] = &[
        "title",
        "description",
        "language",
        "base_url",
        "speakers",
        "organizers",
        "date_style",
        "lint",
        "check",
    ];

    pub fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.root(node, "series", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let description = d.optional(&f, "description", Decoder::string);
        let language = d.optional(&f, "language", Decoder::string);
        let base_url = d.optional(&f, "base_url", Decoder::url);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
        let date_style = d.optional(&f, "date_style", crate::wareki::decode_style);
        let lint = d.optional(&f, "lint", crate::lint::Rules::decode);
        let check = d.optional(&f, "check", crate::check_settings::CheckSettings::decode);
        Some(Series {
            file: std::sync::Arc::clone(&d.file),
            title: title.unwrap_or_default(),
            description: description.ok().flatten(),
            language: language
                .ok()
                .flatten()
                .map_or_else(|| "ja".to_string(), |l| l.value),
            base_url: base_url.ok().flatten(),
            speakers: speakers.ok().flatten().unwrap_or_default(),
            organizers: organizers.ok().flatten().unwrap_or_default(),
            date_style: date_style.ok().flatten().unwrap_or_default(),
            lint: lint.ok().flatten().unwrap_or_default(),
            check: check.ok().flatten(),
        })
    }
}

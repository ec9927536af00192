//! Speakers (登壇者) and organizers (主催者), shared by series and episodes.

use crate::decode::Decoder;
use crate::span::Spanned;
use crate::yaml::Node;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Speaker {
    pub name: Spanned<String>,
    pub role: Option<Spanned<String>>,
    /// A role of the Podcasting 2.0 person taxonomy (`host` when absent).
    pub kind: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organizer {
    pub name: Spanned<String>,
    pub url: Option<Spanned<String>>,
}

impl Speaker {
    pub const KEYS: &'static [&'static str] = &["name", "role", "kind"];

    pub fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "speaker", "speakers", Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let role = d.optional(&f, "role", Decoder::string);
        let kind = d.optional(&f, "kind", crate::person_role::decode);
        Some(Speaker {
            name: name?,
            role: role.ok()?,
            kind: kind.ok()?,
        })
    }
}

impl Organizer {
    pub const KEYS: &'static [&'static str] = &["name", "url"];

    pub fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "organizer", "organizers", Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let url = d.optional(&f, "url", Decoder::url);
        Some(Organizer {
            name: name?,
            url: url.ok()?,
        })
    }
}

/// `speakers:` / `organizers:` lists.
pub fn speakers(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Speaker>> {
    d.list(node, key, Speaker::decode)
}

pub fn organizers(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Organizer>> {
    d.list(node, key, Organizer::decode)
}

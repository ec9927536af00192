//! Speakers (登壇者) and organizers (主催者), shared by series and episodes.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::Node;
use serde::Serialize;

/// 登壇者。A speaker.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Speaker {
    /// 氏名。The speaker's name.
    #[schemars(example = "馬田 隆明")]
    pub(crate) name: Spanned<String>,
    /// 肩書き・役割。The speaker's role or title.
    #[schemars(example = "PEP ディレクター")]
    pub(crate) role: Option<Spanned<String>>,
    /// Podcasting 2.0 の役割 (既定 host)。A role of the Podcasting 2.0 person taxonomy.
    #[schemars(with = "Option<crate::model::person_role::Role>", example = &"guest")]
    pub(crate) kind: Option<Spanned<String>>,
    /// 本人のページ (http または https)。The speaker's own page.
    #[schemars(url, example = "https://example.com/about")]
    pub(crate) url: Option<Spanned<String>>,
    /// 顔写真などの画像 (http または https)。A picture of the speaker.
    #[schemars(url, example = "https://example.com/face.jpg")]
    pub(crate) image: Option<Spanned<String>>,
}

/// 主催者。An organizer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Organizer {
    /// 団体名。The organizer's name.
    #[schemars(example = "政策起業家プラットフォーム(PEP)")]
    pub(crate) name: Spanned<String>,
    /// 団体のウェブサイト (http または https)。The organizer's web site.
    #[schemars(url, example = "https://peplatform.org/")]
    pub(crate) url: Option<Spanned<String>>,
}

impl Speaker {
    pub(crate) const KEYS: &'static [&'static str] = &["name", "role", "kind", "url", "image"];

    pub(crate) fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "speaker", "speakers", Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let role = d.optional(&f, "role", Decoder::string);
        let kind = d.optional(&f, "kind", crate::model::person_role::decode);
        let url = d.optional(&f, "url", Decoder::url);
        let image = d.optional(&f, "image", Decoder::url);
        Some(Speaker {
            name: name.unwrap_or_default(),
            role: role.ok().flatten(),
            kind: kind.ok().flatten(),
            url: url.ok().flatten(),
            image: image.ok().flatten(),
        })
    }
}

impl Organizer {
    pub(crate) const KEYS: &'static [&'static str] = &["name", "url"];

    pub(crate) fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "organizer", "organizers", Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let url = d.optional(&f, "url", Decoder::url);
        Some(Organizer {
            name: name.unwrap_or_default(),
            url: url.ok().flatten(),
        })
    }
}

/// `speakers:` / `organizers:` lists.
pub(crate) fn speakers(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Speaker>> {
    d.list(node, key, Speaker::decode)
}

pub(crate) fn organizers(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Organizer>> {
    d.list(node, key, Organizer::decode)
}

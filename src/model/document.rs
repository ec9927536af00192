//! A file under `episodes/`: an episode (the default) or, with
//! `kind: minutes`, a meeting summary. Both render to `dist/<slug>/`.

use crate::diagnostic::source::SourceFile;
use crate::input::decode::Decoder;
use crate::input::yaml::Node;
use crate::model::episode::Episode;
use crate::model::kind::{self, Kind};
use crate::model::minutes::Minutes;
use std::sync::Arc;

#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per file, moved rarely; boxing would touch every match for nothing"
)]
pub(crate) enum Document {
    Episode(Episode),
    Minutes(Minutes),
}

impl Document {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Document::Episode(_) => Kind::Episode,
            Document::Minutes(_) => Kind::Minutes,
        }
    }

    pub(crate) fn slug(&self) -> &str {
        match self {
            Document::Episode(e) => &e.slug,
            Document::Minutes(m) => &m.slug,
        }
    }

    pub(crate) fn file(&self) -> &Arc<SourceFile> {
        match self {
            Document::Episode(e) => &e.file,
            Document::Minutes(m) => &m.file,
        }
    }

    /// Decodes a file's root by its `kind:` (absent: an episode).
    pub(crate) fn decode(d: &mut Decoder, node: &Node, slug: String) -> Option<Self> {
        match kind::read(d, node)? {
            Kind::Episode => Episode::decode(d, node, slug).map(Document::Episode),
            Kind::Minutes => Minutes::decode(d, node, slug).map(Document::Minutes),
        }
    }
}

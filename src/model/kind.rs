//! The `kind:` key of a file under `episodes/`: which document it is, read
//! before the rest of the file, and its property in the JSON Schemas.

use crate::input::decode::{Decoder, did_you_mean};
use crate::input::yaml::{Node, Value};

/// The kinds of document, by their `kind:` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Episode,
    Minutes,
}

impl Kind {
    /// Name, what `shownotes new` writes for it, and the kind.
    pub(crate) const CHOICES: &'static [(&'static str, &'static str, Kind)] = &[
        (
            "episode",
            "An episode's notes: episodes/ep<NNN>[-<slug>].yaml",
            Kind::Episode,
        ),
        (
            "minutes",
            "Meeting minutes (kind: minutes): episodes/minutes-<date>[-<slug>].yaml",
            Kind::Minutes,
        ),
    ];

    pub(crate) const NAMES: &'static [&'static str] = &["episode", "minutes"];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Episode => "episode",
            Kind::Minutes => "minutes",
        }
    }
}

/// The root mapping's `kind`, checked; `None` once reported.
pub(crate) fn read(d: &mut Decoder, node: &Node) -> Option<Kind> {
    let Value::Map(entries) = &node.value else {
        // Not a mapping: the episode decoder reports it.
        return Some(Kind::Episode);
    };
    let Some((_, value)) = entries.iter().find(|(k, _)| k.value == "kind") else {
        return Some(Kind::Episode);
    };
    let Value::Str(name) = &value.value else {
        d.error(
            "invalid-type",
            format!("`kind` must be a string, found {}", value.value.kind()),
            value.span,
        )
        .help = Some(format!("write one of: {}", Kind::NAMES.join(", ")));
        return None;
    };
    match &**name {
        "episode" => Some(Kind::Episode),
        "minutes" => Some(Kind::Minutes),
        other => {
            let help = match did_you_mean(other, Kind::NAMES) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("the kinds are: {}", Kind::NAMES.join(", ")),
            };
            d.error(
                "unknown-kind",
                format!("unknown document kind `{other}`"),
                value.span,
            )
            .help = Some(help);
            None
        }
    }
}

/// Adds the optional `kind: episode` key to the episode file schema: the
/// decoder reads it (see `kind`) before choosing the model type.
pub(crate) fn episode_kind_property(schema: &mut schemars::Schema) {
    kind_property(schema, Kind::Episode, false);
}

/// Adds the required `kind: minutes` key to the meeting summary schema.
pub(crate) fn minutes_kind_property(schema: &mut schemars::Schema) {
    kind_property(schema, Kind::Minutes, true);
}

fn kind_property(schema: &mut schemars::Schema, kind: Kind, required: bool) {
    let property = serde_json::json!({
        "description": "ドキュメントの種類: episode (既定) または minutes (議事要旨)。The kind of document.",
        "const": kind.name(),
        "examples": [kind.name()],
    });
    if let Some(properties) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        properties.insert("kind".into(), property);
    }
    if required
        && let Some(list) = schema
            .ensure_object()
            .entry("required")
            .or_insert_with(|| serde_json::json!([]))
            .as_array_mut()
    {
        list.push("kind".into());
    }
}

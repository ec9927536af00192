//! `audio:` of an episode: the media file a podcast feed encloses.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};
use serde::Serialize;

/// 音声ファイル (フィードの enclosure)。The audio file a feed encloses.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Audio {
    /// 音声ファイルの URL (http または https)。An absolute http(s) URL.
    #[schemars(url, example = "https://example.com/audio/ep12.mp3")]
    pub(crate) url: Spanned<String>,
    /// ファイルサイズ (バイト、正の整数)。省略するとフィードに 0。The file's size in bytes.
    #[schemars(range(min = 1), example = 36_700_160)]
    pub(crate) bytes: Option<Spanned<u64>>,
    /// MIME タイプ (audio/...)。An audio MIME type such as `audio/mpeg`.
    #[serde(rename = "type")]
    #[schemars(regex(pattern = r"^\s*audio/[A-Za-z0-9.+-]+\s*$"), example = &"audio/mpeg")]
    pub(crate) mime: Spanned<String>,
}

/// MIME types podcast apps play, for the help text.
const COMMON_TYPES: &[&str] = &[
    "audio/mpeg",
    "audio/mp4",
    "audio/x-m4a",
    "audio/aac",
    "audio/ogg",
    "audio/opus",
];

impl Audio {
    pub(crate) const KEYS: &'static [&'static str] = &["url", "bytes", "type"];

    /// Reads `audio: {url, bytes, type}`.
    pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Self> {
        let f = d.fields(node, "audio", key, Self::KEYS)?;
        let url = d.required(&f, "url", Decoder::url);
        let bytes = d.optional(&f, "bytes", bytes);
        let mime = d.required(&f, "type", mime_type);
        Some(Audio {
            url: url?,
            bytes: bytes.ok()?,
            mime: mime?,
        })
    }

    /// The warning of an enclosure without its size, which the feed writes
    /// as `length="0"`.
    pub(crate) fn size_warning(
        &self,
        file: &std::sync::Arc<crate::diagnostic::source::SourceFile>,
        slug: &str,
    ) -> Option<crate::diagnostic::Diagnostic> {
        if self.bytes.is_some() {
            return None;
        }
        Some(
            crate::diagnostic::Diagnostic::warning(
                "no-audio-size",
                format!("episode `{slug}` has no `audio.bytes`: feed.xml gives its enclosure length=\"0\""),
            )
            .at(file, self.url.span)
            .help("Apple Podcasts wants the real size of the file: add `bytes:` (e.g. from `ls -l`)"),
        )
    }
}

/// A positive integer number of bytes.
fn bytes(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<u64>> {
    if let Value::Str(text) = &node.value
        && text
            .trim()
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'_')
    {
        d.error(
            "invalid-type",
            format!("`{key}` must be an integer, found a string"),
            node.span,
        )
        .help = Some(format!(
            "write the size in bytes without quotes or separators, e.g. `{key}: {}`",
            text.trim().replace([',', '_'], "")
        ));
        return None;
    }
    let n = d.integer(node, key)?;
    match u64::try_from(n.value) {
        Ok(bytes) if bytes > 0 => Some(Spanned::new(bytes, n.span)),
        _ => {
            d.error(
                "invalid-bytes",
                format!("`{key}` must be a positive number of bytes, found {}", n.value),
                n.span,
            )
            .help = Some("give the size of the audio file in bytes, e.g. `bytes: 36512345`".into());
            None
        }
    }
}

/// `audio/<subtype>`, the subtype made of MIME token characters.
fn mime_type(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<String>> {
    let text = d.string(node, key)?;
    let value = text.value.trim().to_ascii_lowercase();
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    match value.split_once('/') {
        Some(("audio", subtype)) if token(subtype) => Some(Spanned::new(value, text.span)),
        _ => {
            let help = match crate::input::decode::did_you_mean(&value, COMMON_TYPES) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("for example {}", COMMON_TYPES[..3].join(", ")),
            };
            d.error(
                "invalid-audio-type",
                format!(
                    "`{key}` must be an audio MIME type such as `audio/mpeg`, found `{}`",
                    text.value
                ),
                text.span,
            )
            .help = Some(help);
            None
        }
    }
}

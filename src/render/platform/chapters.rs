//! `chapters.json`: Podcasting 2.0 JSON chapters. The document is built
//! here and serialized with serde_json (so every title is escaped
//! correctly); the `chapters.json` template only places it.

use crate::diagnostic::Diagnostic;
use crate::model::episode::Episode;
use crate::render::templates::Templates;
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "chapters.json";

/// The JSON chapters format version written.
pub(crate) const VERSION: &str = "1.2.0";

#[derive(Debug, Serialize)]
pub(crate) struct Document<'a> {
    pub(crate) version: &'static str,
    pub(crate) chapters: Vec<Chapter<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Chapter<'a> {
    #[serde(rename = "startTime")]
    pub(crate) start_time: u32,
    pub(crate) title: &'a str,
    /// The topic's first source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<&'a str>,
}

/// One chapter per timed topic, in order.
pub(crate) fn document(episode: &Episode) -> Document<'_> {
    Document {
        version: VERSION,
        chapters: episode
            .timed_topics()
            .map(|(topic, at)| Chapter {
                start_time: at.value.seconds(),
                title: &topic.title,
                url: topic.sources.first().map(|s| s.url.value.as_str()),
            })
            .collect(),
    }
}

/// Renders `chapters.json`; the template sees the document as
/// `chapters_json` (a JSON string) and `chapters` (the data). A template
/// whose result is not JSON is an error. `context` is the episode's
/// (`context::episode`).
pub(crate) fn render(
    templates: &Templates,
    episode: &Episode,
    context: &tera::Context,
) -> Result<String, Diagnostic> {
    let document = document(episode);
    let json = serde_json::to_string_pretty(&document)
        .map_err(|e| Diagnostic::error("template", format!("cannot write chapters as JSON: {e}")))?;
    let mut context = context.clone();
    context.insert("chapters_json", &json);
    context.insert("chapters", &document);
    let text = templates.render(TEMPLATE, &context)?;
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
        return Err(Diagnostic::error(
            "template",
            format!("template {TEMPLATE} did not produce valid JSON: {e}"),
        )
        .help("place the document with `{{ chapters_json }}`"));
    }
    Ok(text)
}

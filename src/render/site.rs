//! The published site's addresses and what pages tell other sites about
//! themselves: canonical URLs, the feed's address, the meta description,
//! Open Graph values and schema.org JSON-LD.

use crate::model::episode::Episode;
use crate::model::series::Series;
use serde::Serialize;

/// The feed's file name under the output directory.
pub(crate) const FEED_FILE: &str = "feed.xml";

/// How long a page's meta description may be, in characters (search
/// engines show about this much of Japanese text).
const DESCRIPTION_CHARS: usize = 120;

/// `<base_url>/<slug>/<file>` (`file` may be empty for the page itself).
pub(crate) fn episode_url(base_url: &str, slug: &str, file: &str) -> String {
    format!("{}/{slug}/{file}", base_url.trim_end_matches('/'))
}

/// `<base_url>/feed.xml`, the feed's own address.
pub(crate) fn feed_url(base_url: &str) -> String {
    format!("{}/{FEED_FILE}", base_url.trim_end_matches('/'))
}

/// `og:locale` of a BCP 47 language: `ja` → `ja_JP`, `en-GB` → `en_GB`.
pub(crate) fn locale(language: &str) -> String {
    match language {
        "ja" => "ja_JP".to_string(),
        "en" => "en_US".to_string(),
        other => other.replace('-', "_"),
    }
}

/// What a page says about itself in `<head>`: templates read it as `page`.
#[derive(Debug, Serialize)]
pub(crate) struct PageMeta {
    /// `og:title`.
    pub(crate) title: String,
    /// `<meta name="description">` and `og:description`: plain text.
    pub(crate) description: Option<String>,
    /// The canonical address, when `base_url` is set.
    pub(crate) url: Option<String>,
    /// `og:image`: the episode's image, else the series'.
    pub(crate) image: Option<String>,
    /// `og:type`.
    pub(crate) og_type: &'static str,
    /// schema.org JSON-LD, already safe inside `<script>`.
    pub(crate) json_ld: Option<String>,
}

fn base_url(series: Option<&Series>) -> Option<&str> {
    series.and_then(|s| s.base_url.as_deref().map(String::as_str))
}

/// The series page's metadata.
pub(crate) fn series_page(series: Option<&Series>) -> PageMeta {
    let description = series
        .and_then(|s| s.description.as_ref())
        .map(|d| crate::render::excerpt::shortened(&crate::render::excerpt::one_line(d), DESCRIPTION_CHARS));
    PageMeta {
        title: series.map_or_else(|| "エピソード一覧".to_string(), |s| s.title.value.clone()),
        description,
        url: base_url(series).map(str::to_string),
        image: series.and_then(|s| s.image.as_ref()).map(|i| i.value.clone()),
        og_type: "website",
        json_ld: None,
    }
}

/// An episode page's metadata and its `PodcastEpisode` JSON-LD.
pub(crate) fn episode_page(series: Option<&Series>, episode: &Episode) -> PageMeta {
    let description = episode.lead.as_ref().map(|lead| {
        crate::render::excerpt::shortened(&crate::render::excerpt::one_line(lead), DESCRIPTION_CHARS)
    });
    // The episode's own `url` when its page lives elsewhere.
    let url = episode
        .url
        .as_ref()
        .map(|u| u.value.clone())
        .or_else(|| base_url(series).map(|b| episode_url(b, &episode.slug, "")));
    let image = episode
        .image
        .as_ref()
        .or(series.and_then(|s| s.image.as_ref()))
        .map(|i| i.value.clone());
    let mut page = PageMeta {
        title: episode.title.value.clone(),
        description,
        url,
        image,
        og_type: "article",
        json_ld: None,
    };
    page.json_ld = Some(script_safe(&podcast_episode(series, episode, &page)));
    page
}

/// The date (`2026-02-20`), or the date-time as written with its offset.
fn published(date: &crate::model::published::Published) -> String {
    date.at
        .map_or_else(|| date.date.format("%Y-%m-%d").to_string(), |at| at.to_rfc3339())
}

/// schema.org `PodcastEpisode`, serialized as it is (no JSON tree built
/// first). Keys are in byte order, as a JSON object's keys were written
/// before; absent values are left out.
#[derive(Serialize)]
struct PodcastEpisode<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "associatedMedia", skip_serializing_if = "Option::is_none")]
    associated_media: Option<AudioObject<'a>>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(rename = "episodeNumber", skip_serializing_if = "Option::is_none")]
    episode_number: Option<&'a crate::model::published::Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    name: &'a str,
    #[serde(rename = "partOfSeries", skip_serializing_if = "Option::is_none")]
    part_of_series: Option<PodcastSeries<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct AudioObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "contentUrl")]
    content_url: &'a str,
    #[serde(rename = "encodingFormat")]
    encoding_format: &'a str,
}

#[derive(Serialize)]
struct PodcastSeries<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "webFeed", skip_serializing_if = "Option::is_none")]
    web_feed: Option<String>,
}

/// schema.org `PodcastEpisode` of an episode.
fn podcast_episode<'a>(
    series: Option<&'a Series>,
    episode: &'a Episode,
    page: &'a PageMeta,
) -> PodcastEpisode<'a> {
    PodcastEpisode {
        context: "https://schema.org",
        kind: "PodcastEpisode",
        associated_media: episode.audio.as_ref().map(|audio| AudioObject {
            kind: "AudioObject",
            content_url: &audio.url,
            encoding_format: &audio.mime,
        }),
        date_published: published(&episode.date.value),
        description: page.description.as_deref(),
        duration: episode.duration.as_ref().map(|d| d.value.iso_duration()),
        episode_number: episode.number.as_ref().map(|n| &n.value),
        image: page.image.as_deref(),
        name: &episode.title,
        part_of_series: series.map(|series| PodcastSeries {
            kind: "PodcastSeries",
            name: &series.title,
            url: base_url(Some(series)),
            web_feed: base_url(Some(series)).map(feed_url),
        }),
        url: page.url.as_deref(),
    }
}

/// JSON that cannot end or disturb the `<script>` element it sits in:
/// `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (they only
/// occur inside strings, where JSON allows these escapes).
pub(crate) fn script_safe(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let value = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let text = script_safe(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn urls_and_locales() {
        assert_eq!(
            episode_url("https://e.com/show/", "ep1", ""),
            "https://e.com/show/ep1/"
        );
        assert_eq!(feed_url("https://e.com/show/"), "https://e.com/show/feed.xml");
        assert_eq!(feed_url("https://e.com"), "https://e.com/feed.xml");
        assert_eq!(locale("ja"), "ja_JP");
        assert_eq!(locale("en-GB"), "en_GB");
    }
}

//! The published site's addresses and what pages tell other sites about
//! themselves: canonical URLs, the feed's address, the meta description,
//! Open Graph values and schema.org JSON-LD.

use crate::model::episode::Episode;
use crate::model::series::Series;
use serde::Serialize;
use serde_json::json;

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

/// schema.org `PodcastEpisode` of an episode.
fn podcast_episode(series: Option<&Series>, episode: &Episode, page: &PageMeta) -> serde_json::Value {
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": episode.title.value,
        "datePublished": published(&episode.date.value),
    });
    let mut set = |key: &str, value: serde_json::Value| {
        if let Some(map) = ld.as_object_mut() {
            map.insert(key.to_string(), value);
        }
    };
    if let Some(url) = &page.url {
        set("url", json!(url));
    }
    if let Some(description) = &page.description {
        set("description", json!(description));
    }
    if let Some(image) = &page.image {
        set("image", json!(image));
    }
    if let Some(number) = &episode.number {
        set("episodeNumber", json!(number.value));
    }
    if let Some(duration) = &episode.duration {
        set("duration", json!(duration.value.iso_duration()));
    }
    if let Some(audio) = &episode.audio {
        set(
            "associatedMedia",
            json!({
                "@type": "AudioObject",
                "contentUrl": audio.url.value,
                "encodingFormat": audio.mime.value,
            }),
        );
    }
    if let Some(series) = series {
        let mut part = json!({"@type": "PodcastSeries", "name": series.title.value});
        if let (Some(map), Some(base)) = (part.as_object_mut(), base_url(Some(series))) {
            map.insert("url".into(), json!(base));
            map.insert("webFeed".into(), json!(feed_url(base)));
        }
        set("partOfSeries", part);
    }
    ld
}

/// JSON that cannot end or disturb the `<script>` element it sits in:
/// `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (they only
/// occur inside strings, where JSON allows these escapes).
pub(crate) fn script_safe(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

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

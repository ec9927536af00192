//! A feed's channel as `series.yaml` and an item as an episode file,
//! written with serde-saphyr's serializer (so every string is quoted as
//! YAML needs).

use crate::import::feed::{Channel, Item};
use crate::import::notes::{self, Line};
use crate::model::podcast::ShowType;
use crate::model::timestamp::Timestamp;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
struct SeriesFile {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    explicit: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<OwnerFile>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    show_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<String>,
}

#[derive(Serialize)]
struct OwnerFile {
    name: String,
    email: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum NumberValue {
    Integer(i64),
    Decimal(f64),
}

#[derive(Serialize)]
struct EpisodeFile {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<NumberValue>,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<String>,
    topics: Vec<TopicFile>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    speakers: Vec<SpeakerFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio: Option<AudioFile>,
}

#[derive(Serialize)]
struct TopicFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceFile>,
}

#[derive(Serialize)]
struct SourceFile {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SpeakerFile {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
}

#[derive(Serialize)]
struct AudioFile {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(rename = "type")]
    mime: String,
}

/// The YAML text of a value, after the editor's schema line.
fn yaml(schema: &str, value: &impl Serialize) -> String {
    let body = serde_saphyr::to_string(value).unwrap_or_else(|e| format!("# cannot write this file: {e}\n"));
    format!("# yaml-language-server: $schema={schema}\n{body}")
}

/// An http(s) address, or nothing.
fn web(address: Option<&str>) -> Option<String> {
    let address = address?.trim();
    crate::input::weburl::check(address)
        .ok()
        .map(|_| address.to_string())
}

/// Markdown of an HTML or plain-text description.
fn markdown(description: Option<&str>) -> Option<String> {
    notes::join(&notes::lines(description?))
}

/// `series.yaml` of the channel.
pub(crate) fn series_yaml(channel: &Channel, warnings: &mut Vec<String>) -> String {
    let base_url = web(channel.link.as_deref());
    if base_url.is_none() {
        warnings.push(
            "the channel has no http(s) <link>: set `base_url` in series.yaml to build feed.xml".into(),
        );
    }
    let file = SeriesFile {
        title: non_empty(&channel.title).unwrap_or_else(|| "番組名".into()),
        description: markdown(channel.description.as_deref()),
        language: channel.language.clone(),
        base_url,
        image: web(channel.image.as_deref()),
        author: channel.author.clone(),
        category: channel.category.clone(),
        explicit: channel.explicit,
        owner: owner(channel, warnings),
        show_type: channel
            .show_type
            .as_deref()
            .filter(|t| t.trim().eq_ignore_ascii_case(ShowType::Serial.name()))
            .map(|_| ShowType::Serial.name()),
        guid: guid(channel, warnings),
    };
    yaml("schema/series.schema.json", &file)
}

/// `itunes:owner`, when it has both the name and the address series.yaml
/// needs.
fn owner(channel: &Channel, warnings: &mut Vec<String>) -> Option<OwnerFile> {
    match &channel.owner {
        (Some(name), Some(email)) => Some(OwnerFile {
            name: name.clone(),
            email: email.clone(),
        }),
        (None, None) => None,
        _ => {
            warnings.push(
                "the channel's <itunes:owner> lacks a name or an e-mail address: set `owner` in series.yaml"
                    .into(),
            );
            None
        }
    }
}

/// `podcast:guid`, kept so that podcast apps still know the show after
/// its feed moves; one that is not a UUID is left out with a warning (the
/// feed then derives one from its new URL).
fn guid(channel: &Channel, warnings: &mut Vec<String>) -> Option<String> {
    let guid = crate::model::podcast::canonical_guid(channel.guid.as_deref()?);
    if guid.is_none() {
        warnings.push(
            "the channel's <podcast:guid> is not a UUID: left out (the new feed derives one from its URL)"
                .into(),
        );
    }
    guid
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `pubDate` (RFC 2822); a weekday that does not match the date, which
/// real feeds have, is ignored.
fn pub_date(text: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let text = text.trim();
    chrono::DateTime::parse_from_rfc2822(text).ok().or_else(|| {
        let (_, rest) = text.split_once(',')?;
        chrono::DateTime::parse_from_rfc2822(rest.trim()).ok()
    })
}

/// An item as an episode file.
pub(crate) struct Converted {
    pub(crate) slug: String,
    pub(crate) yaml: String,
    pub(crate) topics: usize,
    pub(crate) links: usize,
    pub(crate) warnings: Vec<String>,
}

/// `itunes:duration`: seconds, `MM:SS` or `H:MM:SS`.
fn duration(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds >= 0.0 && seconds < f64::from(u32::MAX)).then(|| Timestamp(seconds.round() as u32));
    }
    Timestamp::parse(text).ok().or_else(|| {
        // `H:MM:SS` with hours past 99, or `MM:SS` written `M:S`.
        let parts: Vec<u32> = text.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
        let seconds = parts
            .iter()
            .try_fold(0u32, |acc, p| acc.checked_mul(60)?.checked_add(*p))?;
        Some(Timestamp(seconds))
    })
}

/// The episode's slug: the link's last path segment, else the number,
/// else the item's position; made unique.
fn slug(item: &Item, index: usize, number: Option<&str>, taken: &mut HashSet<String>) -> String {
    let from_link = item.link.as_deref().and_then(|link| {
        let url = url::Url::parse(link).ok()?;
        let segment = url.path_segments()?.rfind(|s| !s.is_empty())?.to_string();
        // A name in another script (percent-encoded) makes no readable slug.
        if segment.contains('%') {
            return None;
        }
        let stem = [".html", ".htm", ".php", ".aspx", ".mp3", ".m4a"]
            .iter()
            .find_map(|ext| segment.strip_suffix(ext))
            .unwrap_or(&segment);
        let clean = crate::input::show_dir::slugify(stem);
        (!clean.is_empty() && clean.len() <= 80 && clean.bytes().any(|b| b.is_ascii_alphanumeric()))
            .then_some(clean)
    });
    let base = from_link
        .or_else(|| number.map(|n| format!("ep{}", n.replace('.', "-"))))
        .unwrap_or_else(|| format!("item-{}", index + 1));
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// A MIME type podcast apps play, from the enclosure's or its file name.
fn audio_type(given: Option<&str>, url: &str) -> (String, bool) {
    if let Some(given) = given.map(|t| t.trim().to_ascii_lowercase())
        && given.starts_with("audio/")
    {
        return (given, true);
    }
    let lower = url.to_ascii_lowercase();
    let guessed = match lower
        .rsplit('.')
        .next()
        .map(|e| e.split(['?', '#']).next().unwrap_or(e))
    {
        Some("m4a") => "audio/x-m4a",
        Some("mp4" | "aac") => "audio/mp4",
        Some("ogg" | "oga") => "audio/ogg",
        Some("opus") => "audio/opus",
        _ => "audio/mpeg",
    };
    (guessed.to_string(), false)
}

pub(crate) fn convert(item: &Item, index: usize, taken: &mut HashSet<String>, feed: &str) -> Converted {
    let mut warnings = Vec::new();
    let title = non_empty(&item.title).unwrap_or_else(|| format!("第{}話", index + 1));
    let mut warn = |what: String| warnings.push(format!("{feed}:{}: item `{title}`: {what}", item.line));
    let number = item.number.as_deref().map(str::trim).filter(|n| {
        let whole = n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty();
        let decimal = n.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        });
        whole || decimal
    });
    let date = match item.pub_date.as_deref().and_then(pub_date) {
        Some(at) => at.to_rfc3339(),
        _ => {
            warn("no readable <pubDate>: dated today; set `date` by hand".into());
            chrono::Local::now().date_naive().to_string()
        }
    };
    let duration = item.duration.as_deref().and_then(duration);
    let audio = match &item.enclosure {
        Some(enclosure) if web(Some(&enclosure.url)).is_some() => {
            let bytes = enclosure
                .length
                .as_deref()
                .and_then(|l| l.trim().parse::<u64>().ok())
                .filter(|b| *b > 0);
            let (mime, kept) = audio_type(enclosure.mime.as_deref(), &enclosure.url);
            if !kept {
                warn(format!(
                    "enclosure type `{}` is not audio: written `{mime}`",
                    enclosure.mime.as_deref().unwrap_or("")
                ));
            }
            Some(AudioFile {
                url: enclosure.url.trim().to_string(),
                bytes,
                mime,
            })
        }
        Some(enclosure) => {
            warn(format!(
                "the enclosure `{}` is not an http(s) address: no `audio`",
                enclosure.url
            ));
            None
        }
        None => {
            warn("no <enclosure>: imported without `audio` (left out of feed.xml)".into());
            None
        }
    };
    let lines = item.description.as_deref().map(notes::lines).unwrap_or_default();
    let links = lines.iter().map(|l| l.links.len()).sum();
    if let (Some(url), true) = (&item.chapters_url, item.chapters.is_empty()) {
        warn(format!(
            "podcast:chapters at {url} is not fetched: topics come from the description"
        ));
    }
    let (lead, mut topics) = if item.chapters.is_empty() {
        topics_from_lines(&lines, duration, &mut warn)
    } else {
        let chapters = item
            .chapters
            .iter()
            .filter_map(|(start, title)| {
                Some((
                    Timestamp::parse(start.split('.').next()?).ok()?,
                    title.trim().to_string(),
                ))
            })
            .map(|(at, title)| TopicFile {
                at: Some(at.format(false)),
                title,
                body: None,
                sources: Vec::new(),
            })
            .collect();
        (notes::join(&lines), order(chapters, duration, &mut warn))
    };
    if topics.is_empty() {
        topics.push(TopicFile {
            at: None,
            title: title.clone(),
            body: None,
            sources: Vec::new(),
        });
    }
    let speakers = item
        .people
        .iter()
        .map(|p| SpeakerFile {
            name: p.name.clone(),
            kind: p
                .role
                .as_deref()
                .map(|r| r.trim().to_lowercase())
                .filter(|r| crate::model::person_role::ROLES.iter().any(|(_, role)| role == r)),
            url: web(p.href.as_deref()),
            image: web(p.img.as_deref()),
        })
        .collect();
    let file = EpisodeFile {
        title: title.clone(),
        number: number.map(|n| match n.parse::<i64>() {
            Ok(i) => NumberValue::Integer(i),
            Err(_) => NumberValue::Decimal(n.parse().unwrap_or_default()),
        }),
        date,
        duration: duration.map(|d| d.format(false)),
        guid: item.guid.clone(),
        url: web(item.link.as_deref()),
        lead,
        topics,
        speakers,
        audio,
    };
    let topics = file.topics.len();
    let slug = slug(item, index, number, taken);
    Converted {
        slug,
        yaml: yaml("../schema/episode.schema.json", &file),
        topics,
        links,
        warnings,
    }
}

/// Lead and topics of description lines (see `notes`).
fn topics_from_lines(
    lines: &[Line],
    duration: Option<Timestamp>,
    warn: &mut impl FnMut(String),
) -> (Option<String>, Vec<TopicFile>) {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| notes::timestamp_line(&lines[i].plain).is_some())
        .collect();
    let Some(&first) = starts.first() else {
        return (notes::join(lines), Vec::new());
    };
    let mut topics = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let Some((at, title)) = notes::timestamp_line(&lines[start].plain) else {
            continue;
        };
        topics.push(TopicFile {
            at: Some(at.format(false)),
            title,
            body: notes::join(&lines[start + 1..end]),
            // The links written on the timestamp line itself.
            sources: lines[start]
                .links
                .iter()
                .map(|(text, url)| SourceFile {
                    title: text.clone(),
                    url: url.clone(),
                })
                .collect(),
        });
    }
    (notes::join(&lines[..first]), order(topics, duration, warn))
}

/// Timestamps that go backwards or past the end become untimed topics.
fn order(
    mut topics: Vec<TopicFile>,
    duration: Option<Timestamp>,
    warn: &mut impl FnMut(String),
) -> Vec<TopicFile> {
    let mut previous: Option<Timestamp> = None;
    for topic in &mut topics {
        let Some(at) = topic.at.as_deref().and_then(|a| Timestamp::parse(a).ok()) else {
            continue;
        };
        let backwards = previous.is_some_and(|p| at <= p);
        let late = duration.is_some_and(|d| at >= d);
        if backwards || late {
            warn(format!(
                "the topic `{}` at {at} {}: imported without a time",
                topic.title,
                if backwards {
                    "goes back in time"
                } else {
                    "is past the end of the audio"
                }
            ));
            topic.at = None;
        } else {
            previous = Some(at);
        }
    }
    topics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_shape() {
        assert_eq!(duration("3600"), Some(Timestamp(3600)));
        assert_eq!(duration("45:30"), Some(Timestamp(2730)));
        assert_eq!(duration("1:02:03"), Some(Timestamp(3723)));
        assert_eq!(duration("abc"), None);
    }

    #[test]
    fn slugs_are_valid_and_unique() {
        let mut taken = HashSet::new();
        let item = Item {
            link: Some("https://e.com/episodes/19.5/".into()),
            ..Item::default()
        };
        assert_eq!(slug(&item, 0, None, &mut taken), "19-5");
        let item = Item {
            link: Some("https://e.com/ep/第1回.html".into()),
            ..Item::default()
        };
        assert_eq!(slug(&item, 1, Some("1"), &mut taken), "ep1");
        assert_eq!(slug(&Item::default(), 2, Some("1"), &mut taken), "ep1-2");
        assert_eq!(slug(&Item::default(), 3, None, &mut taken), "item-4");
    }
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn a_wrong_weekday_is_ignored() {
        let at = super::pub_date("Wed, 04 Jun 2021 21:30:00 +0900").map(|d| d.to_rfc3339());
        assert_eq!(at.as_deref(), Some("2021-06-04T21:30:00+09:00"));
    }
}

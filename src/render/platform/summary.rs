//! What the show-level outputs (`index.html`, `feed.xml`) need of each
//! episode, kept small so a build of thousands of episodes can drop every
//! episode as soon as its own files are written.

use crate::model::audio::Audio;
use crate::model::episode::Episode;
use crate::model::published::Number;
use crate::model::series::Series;
use crate::render::limit::Fitted;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary {
    pub(crate) slug: String,
    pub(crate) number: Option<Number>,
    pub(crate) date: NaiveDate,
    /// The instant of publication (`pubDate`).
    #[serde(skip)]
    pub(crate) published: DateTime<FixedOffset>,
    /// The feed item's guid when the episode keeps one of its own.
    #[serde(skip)]
    pub(crate) guid: Option<String>,
    /// The episode's page when it lives elsewhere than `base_url/<slug>/`.
    pub(crate) url: Option<String>,
    pub(crate) title: String,
    /// Seconds.
    pub(crate) duration: Option<u32>,
    #[serde(skip)]
    pub(crate) audio: Option<Audio>,
    #[serde(skip)]
    pub(crate) people: Vec<Person>,
    /// The `description.html` text, when the feed needs it.
    #[serde(skip)]
    pub(crate) description: Option<String>,
    /// The same notes never shortened (`content:encoded`).
    #[serde(skip)]
    pub(crate) content: Option<String>,
    /// The first sentence of the lead, for the series page.
    pub(crate) teaser: Option<String>,
    #[serde(skip)]
    pub(crate) season: Option<u32>,
    #[serde(skip)]
    pub(crate) episode_type: crate::model::podcast::EpisodeType,
    /// The episode's own artwork.
    #[serde(skip)]
    pub(crate) image: Option<String>,
}

/// How long the series page's first sentence of a lead may be.
const TEASER_CHARS: usize = 120;

/// A speaker as `<podcast:person>`: name, taxonomy role and group, page
/// and picture.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) group: &'static str,
    pub(crate) href: Option<String>,
    pub(crate) img: Option<String>,
}

impl Summary {
    /// The summary of `episode`; its speakers default to the series'.
    /// `notes` is its description.html, when the feed needs it.
    pub(crate) fn of(series: Option<&Series>, episode: &Episode, notes: Option<Fitted>) -> Self {
        let speakers = episode
            .speakers
            .as_deref()
            .or(series.map(|s| s.speakers.as_slice()))
            .unwrap_or_default();
        Summary {
            slug: episode.slug.clone(),
            number: episode.number.as_ref().map(|n| n.value.clone()),
            date: episode.date.value.date,
            published: episode
                .date
                .value
                .instant(series.map_or_else(crate::model::published::default_timezone, |s| s.timezone)),
            guid: episode.guid.as_ref().map(|g| g.value.trim().to_string()),
            url: episode.url.as_ref().map(|u| u.value.clone()),
            title: episode.title.value.clone(),
            duration: episode.duration.as_ref().map(|d| d.value.seconds()),
            audio: episode.audio.clone(),
            people: speakers
                .iter()
                .map(|s| {
                    let role = s
                        .kind
                        .as_ref()
                        .map_or(crate::model::person_role::DEFAULT, |k| k.value.as_str());
                    Person {
                        name: s.name.value.clone(),
                        role: role.to_string(),
                        group: crate::model::person_role::group(role),
                        href: s.url.as_ref().map(|u| u.value.clone()),
                        img: s.image.as_ref().map(|u| u.value.clone()),
                    }
                })
                .collect(),
            description: notes.as_ref().map(|n| n.text.clone()),
            content: notes.map(|n| n.full),
            teaser: episode.lead.as_ref().map(|lead| {
                crate::render::excerpt::first_sentence(&crate::render::excerpt::one_line(lead), TEASER_CHARS)
            }),
            season: episode.season.as_ref().map(|s| s.value),
            episode_type: episode.episode_type,
            image: episode.image.as_ref().map(|i| i.value.clone()),
        }
    }
}

/// Newest first: by date, then instant, then number, then slug (for a
/// stable order).
pub(crate) fn newest_first<S: std::borrow::Borrow<Summary>>(summaries: &mut [S]) {
    let number = |s: &Summary| s.number.as_ref().map_or(f64::NEG_INFINITY, |n| n.value);
    summaries.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        b.date
            .cmp(&a.date)
            .then(b.published.cmp(&a.published))
            .then(number(b).total_cmp(&number(a)))
            .then(a.slug.cmp(&b.slug))
    });
}

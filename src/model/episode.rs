//! `episodes/<slug>.yaml`: one episode's notes.

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::{Span, Spanned};
use crate::input::decode::Decoder;
use crate::input::yaml::Node;
use crate::model::people::{self, Organizer, Speaker};
use crate::model::published::{self, Number, Published};
use crate::model::timestamp::Timestamp;
use serde::Serialize;
use std::sync::Arc;

/// 1 エピソードのノート (`episodes/<slug>.yaml`)。One episode's notes.
///
/// When its file has errors the episode may be partial (a required value
/// that could not be read is left empty) so that every rule still runs and
/// reports; such an episode is never rendered.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::model::kind::episode_kind_property)]
pub(crate) struct Episode {
    /// The file it was loaded from, for diagnostics.
    #[serde(skip)]
    pub(crate) file: Arc<SourceFile>,
    /// The file name's stem; not a key of the file.
    #[schemars(skip)]
    pub(crate) slug: String,
    /// エピソードのタイトル。The episode's title.
    #[schemars(example = "テクノロジー競争と経済安全保障: Physical AI、レアアース、AI競争")]
    pub(crate) title: Spanned<String>,
    /// 回の番号 (0 以上、小数も可)。The episode number, shown as written.
    #[schemars(example = 13)]
    pub(crate) number: Option<Spanned<Number>>,
    /// 公開日 (YYYY-MM-DD、または 2021-05-26T21:30:00+09:00)。The publication date.
    #[schemars(example = &"2026-02-20")]
    pub(crate) date: Spanned<Published>,
    /// シーズン番号 (1 以上)。The season (`itunes:season`, `podcast:season`).
    #[schemars(range(min = 1), example = 2)]
    pub(crate) season: Option<Spanned<u32>>,
    /// エピソードの種類 (既定 full)。`itunes:episodeType`.
    #[serde(skip_serializing)]
    #[schemars(default, example = &"trailer")]
    pub(crate) episode_type: crate::model::podcast::EpisodeType,
    /// エピソードの画像 (http または https)。既定はシリーズの画像。The episode's artwork.
    #[schemars(url, example = "https://example.com/podcast/ep12.jpg")]
    pub(crate) image: Option<Spanned<String>>,
    /// 音声の長さ。The length of the audio.
    #[schemars(example = "45:30")]
    pub(crate) duration: Option<Spanned<Timestamp>>,
    /// 冒頭の紹介文 (Markdown)。The opening paragraph, in Markdown.
    #[schemars(example = "今回のエピソードでは、3本の記事を取り上げます。")]
    pub(crate) lead: Option<Spanned<String>>,
    /// トピック (時刻順、1 つ以上)。The topics, in order of time; at least one.
    #[schemars(length(min = 1))]
    pub(crate) topics: Vec<Topic>,
    /// 参考リンク (エピソード全体)。References for the whole episode, shown after the topics.
    #[schemars(default)]
    pub(crate) links: Vec<Source>,
    /// こんな方におすすめ (箇条書き)。Who the episode is for.
    #[schemars(default, example = ["海外シンクタンクの最新論考を押さえておきたい方"])]
    pub(crate) audience: Vec<Spanned<String>>,
    /// 登壇者。省略するとシリーズの登壇者。The speakers; the series' when absent.
    #[serde(skip_serializing)]
    pub(crate) speakers: Option<Vec<Speaker>>,
    /// 主催者。省略するとシリーズの主催者。The organizers; the series' when absent.
    #[serde(skip_serializing)]
    pub(crate) organizers: Option<Vec<Organizer>>,
    /// 音声ファイル。ないとフィードに載りません。The media file for podcast feeds.
    #[schemars(extend("examples" = [{"url": "https://example.com/audio/ep12.mp3", "bytes": 36700160, "type": "audio/mpeg"}]))]
    pub(crate) audio: Option<crate::model::audio::Audio>,
    /// フィードの guid (移行元の値をそのまま)。The feed item's guid, kept as given.
    #[schemars(example = "rebuildfm-19.5")]
    pub(crate) guid: Option<Spanned<String>>,
    /// エピソードのページ (既定 base_url/<slug>/)。The episode's page, when it lives elsewhere.
    #[schemars(url, example = "https://example.com/episodes/19.5")]
    pub(crate) url: Option<Spanned<String>>,
}

/// トピック: 音声内の位置から始まる話題。A topic, starting at a position in the audio.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Topic {
    /// 開始位置 (M:SS / MM:SS / H:MM:SS)。省略すると時刻なし。Where the topic starts; untimed when absent.
    #[schemars(example = "01:40")]
    pub(crate) at: Option<Spanned<Timestamp>>,
    /// グループ見出し (連続する同じ値を 1 つにまとめる)。The group heading of consecutive topics.
    #[schemars(example = &"ニュース")]
    pub(crate) group: Option<Spanned<String>>,
    /// Whether this topic starts a new group (its heading is printed before it).
    #[schemars(skip)]
    pub(crate) opens_group: bool,
    /// トピックの見出し。The topic's heading.
    #[schemars(example = "Physical AIの「実装ギャップ」")]
    pub(crate) title: Spanned<String>,
    /// 本文 (Markdown)。The topic's text, in Markdown.
    #[schemars(example = "研究と現場導入とのギャップについて議論します。")]
    pub(crate) body: Option<Spanned<String>>,
    /// 参考資料。The sources discussed.
    #[schemars(default)]
    pub(crate) sources: Vec<Source>,
    #[serde(skip)]
    pub(crate) span: Span,
}

/// 参考資料 (記事・論文など)。A source: an article, a paper...
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Source {
    /// 発行元。The publisher.
    #[schemars(example = &"CSIS")]
    pub(crate) publisher: Option<Spanned<String>>,
    /// 資料のタイトル。The source's title.
    #[schemars(example = "China’s Rare Earth Campaign Against Japan")]
    pub(crate) title: Spanned<String>,
    /// 資料の URL (http または https)。The source's address.
    #[schemars(
        url,
        example = "https://www.csis.org/analysis/chinas-rare-earth-campaign-against-japan"
    )]
    pub(crate) url: Spanned<String>,
    /// 短い注記 (Markdown)。A short annotation shown with the source.
    #[schemars(example = &"日本語訳あり")]
    pub(crate) note: Option<Spanned<String>>,
}

impl Episode {
    pub(crate) const KEYS: &'static [&'static str] = &[
        "kind",
        "title",
        "number",
        "season",
        "episode_type",
        "image",
        "date",
        "duration",
        "lead",
        "topics",
        "audience",
        "speakers",
        "organizers",
        "audio",
        "links",
        "guid",
        "url",
    ];

    pub(crate) fn decode(d: &mut Decoder, node: &Node, slug: String) -> Option<Self> {
        let f = d.root(node, "episode", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let number = d.optional(&f, "number", published::number);
        let date = d.required(&f, "date", published::date);
        let season = d.optional(&f, "season", crate::model::podcast::positive);
        let episode_type = d.optional(&f, "episode_type", crate::model::podcast::decode_episode_type);
        let image = d.optional(&f, "image", Decoder::url);
        let duration = d.optional(&f, "duration", Decoder::timestamp);
        let lead = d.optional(&f, "lead", Decoder::string);
        let topics = d.required(&f, "topics", |d, node, key| {
            let topics = d.list(node, key, Topic::decode)?;
            if matches!(&node.value, crate::input::yaml::Value::Seq(items) if items.is_empty()) {
                d.error("no-topics", "an episode needs at least one topic", node.span)
                    .help = Some("add a topic: `- at: 0:00` with a `title`".into());
                return None;
            }
            Some(Topic::mark_groups(topics))
        });
        let links = d.optional(&f, "links", |d, node, key| d.list(node, key, Source::decode_link));
        let audience = d.optional(&f, "audience", Decoder::strings);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
        let audio = d.optional(&f, "audio", crate::model::audio::Audio::decode);
        let guid = d.optional(&f, "guid", Decoder::string);
        let url = d.optional(&f, "url", Decoder::url);
        Some(Episode {
            file: std::sync::Arc::clone(&d.file),
            slug,
            title: title.unwrap_or_default(),
            number: number.ok().flatten(),
            season: season.ok().flatten(),
            episode_type: episode_type.ok().flatten().unwrap_or_default(),
            image: image.ok().flatten(),
            date: date.unwrap_or_default(),
            duration: duration.ok().flatten(),
            lead: lead.ok().flatten(),
            topics: topics.unwrap_or_default(),
            audience: audience.ok().flatten().unwrap_or_default(),
            speakers: speakers.ok().flatten(),
            organizers: organizers.ok().flatten(),
            audio: audio.ok().flatten(),
            links: links.ok().flatten().unwrap_or_default(),
            guid: guid.ok().flatten(),
            url: url.ok().flatten(),
        })
    }

    /// The topics with a time, with it: the chapters.
    pub(crate) fn timed_topics(&self) -> impl Iterator<Item = (&Topic, &Spanned<Timestamp>)> {
        self.topics.iter().filter_map(|t| t.at.as_ref().map(|at| (t, at)))
    }
}

impl Topic {
    pub(crate) const KEYS: &'static [&'static str] = &["at", "group", "title", "body", "sources"];

    /// `None` only when the topic is no mapping.
    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "topic", "topics", Self::KEYS)?;
        let at = d.optional(&f, "at", Decoder::timestamp);
        let group = d.optional(&f, "group", Decoder::string);
        let title = d.required(&f, "title", Decoder::string);
        let body = d.optional(&f, "body", Decoder::string);
        let sources = d.optional(&f, "sources", |d, node, key| d.list(node, key, Source::decode));
        Some(Topic {
            at: at.ok().flatten(),
            group: group.ok().flatten(),
            opens_group: false,
            title: title.unwrap_or_default(),
            body: body.ok().flatten(),
            sources: sources.ok().flatten().unwrap_or_default(),
            span: node.span,
        })
    }

    /// Marks the topics that start a group: a `group` different from the
    /// previous topic's.
    pub(crate) fn mark_groups(mut topics: Vec<Topic>) -> Vec<Topic> {
        let mut previous: Option<String> = None;
        for topic in &mut topics {
            let group = topic.group.as_ref().map(|g| g.value.trim().to_string());
            topic.opens_group = group.is_some() && group != previous;
            previous = group;
        }
        topics
    }
}

impl Source {
    pub(crate) const KEYS: &'static [&'static str] = &["publisher", "title", "url", "note"];

    /// A topic's source; `None` only when it has no usable `url`.
    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        Self::read(d, node, "source", "sources")
    }

    /// An item of the episode's `links`, with the same keys as a source.
    fn decode_link(d: &mut Decoder, node: &Node) -> Option<Self> {
        Self::read(d, node, "link", "links")
    }

    fn read(d: &mut Decoder, node: &Node, what: &'static str, key: &str) -> Option<Self> {
        let f = d.fields(node, what, key, Self::KEYS)?;
        let publisher = d.optional(&f, "publisher", Decoder::string);
        let title = d.required(&f, "title", Decoder::string);
        let url = d.required(&f, "url", Decoder::url);
        let note = d.optional(&f, "note", Decoder::string);
        Some(Source {
            publisher: publisher.ok().flatten(),
            title: title.unwrap_or_default(),
            url: url?,
            note: note.ok().flatten(),
        })
    }
}

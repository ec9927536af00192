//! `series.yaml`: series-wide settings and the defaults episodes inherit.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::Node;
use crate::model::people::{self, Organizer, Speaker};
use serde::Serialize;

/// シリーズ全体の設定と、各エピソードが引き継ぐ既定値 (`series.yaml`)。
/// Series-wide settings and the defaults episodes inherit.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Series {
    #[serde(skip)]
    pub(crate) file: std::sync::Arc<crate::diagnostic::source::SourceFile>,
    /// 番組名。The show's title.
    #[schemars(example = "PEP Think")]
    pub(crate) title: Spanned<String>,
    /// 番組の紹介文。A description of the show.
    #[schemars(example = "海外シンクタンクの議論を日本語で読み解くポッドキャストです。")]
    pub(crate) description: Option<Spanned<String>>,
    /// 出力の言語 (BCP 47)。既定は `ja`。The language of the notes.
    #[schemars(default = "default_language", example = &"ja")]
    pub(crate) language: String,
    /// 公開先の URL (http または https)。The show's web address.
    #[schemars(url, example = "https://example.com/podcast/")]
    pub(crate) base_url: Option<Spanned<String>>,
    /// 登壇者の既定値 (エピソードで上書き可)。Default speakers of every episode.
    #[schemars(default)]
    pub(crate) speakers: Vec<Speaker>,
    /// 主催者の既定値 (エピソードで上書き可)。Default organizers of every episode.
    #[schemars(default)]
    pub(crate) organizers: Vec<Organizer>,
    /// How episode templates write dates (`western` unless set).
    #[serde(skip_serializing)]
    #[schemars(default, example = &"wareki")]
    pub(crate) date_style: crate::model::wareki::DateStyle,
    /// Which Japanese text rules `check` applies.
    #[serde(skip_serializing)]
    #[schemars(default, extend("examples" = [{"halfwidth-kana": false}]))]
    pub(crate) lint: crate::model::lint_settings::Rules,
    /// `check:` settings for `shownotes check`.
    #[serde(skip_serializing)]
    #[schemars(extend("examples" = [{"max_per_host": 2, "timeout": "30s", "max_cache_age": "12h"}]))]
    pub(crate) check: Option<crate::model::check_settings::CheckSettings>,
    /// フィードのカバー画像 (http または https)。Cover art for the feed.
    #[schemars(url, example = "https://example.com/podcast/cover.jpg")]
    pub(crate) image: Option<Spanned<String>>,
    /// 制作者 (itunes:author)。The feed's author.
    #[schemars(example = "政策起業家プラットフォーム(PEP)")]
    pub(crate) author: Option<Spanned<String>>,
    /// Apple Podcasts のカテゴリ (itunes:category)。サブカテゴリは `News/Politics`。
    /// The feed's category, in Apple's spelling.
    #[schemars(with = "Option<crate::model::podcast::Category>", example = &"News/Politics")]
    pub(crate) category: Option<Spanned<String>>,
    /// 露骨な表現を含むか (既定 false)。`itunes:explicit`.
    #[schemars(default, example = false)]
    pub(crate) explicit: bool,
    /// YouTube の 0:00 チャプター名 (既定「オープニング」)。Title of the 0:00 chapter YouTube needs.
    #[schemars(example = &"オープニング")]
    pub(crate) opening_chapter: Option<Spanned<String>>,
    /// 日付だけの `date` の時差 (既定 +09:00)。The offset of an episode date given without a time.
    #[serde(skip_serializing)]
    #[schemars(
        with = "String",
        default = "crate::model::published::default_timezone_text",
        regex(pattern = crate::model::published::TIMEZONE_PATTERN),
        example = &"+09:00"
    )]
    pub(crate) timezone: chrono::FixedOffset,
    /// 全エピソードの末尾に付ける文 (Markdown)。Appended to every episode's notes.
    #[schemars(example = "お便りは https://example.com/form からどうぞ。")]
    pub(crate) footer: Option<Spanned<String>>,
    /// フィードの所有者 (itunes:owner)。Who directories contact about the feed.
    #[schemars(extend("examples" = [{"name": "政策起業家プラットフォーム(PEP)", "email": "podcast@example.com"}]))]
    pub(crate) owner: Option<crate::model::podcast::Owner>,
    /// 番組の種類 (episodic: 新しい順、serial: 順に聴く)。`itunes:type`.
    #[serde(rename = "type", skip_serializing)]
    #[schemars(default, example = &"episodic")]
    pub(crate) show_type: crate::model::podcast::ShowType,
    /// 番組の永続 ID (podcast:guid)。他から移った番組は元のフィードの値を保つ。省略時はフィードの URL から作る。The show's `podcast:guid`: keep the one of the feed a show moved from; derived from the feed's URL when absent.
    #[schemars(regex(pattern = crate::model::podcast::GUID_PATTERN), example = &"ead4c236-bf58-58c6-a2c6-a6b28d128cb6")]
    pub(crate) guid: Option<Spanned<String>>,
    /// 購読リンク (シリーズページに表示)。Where listeners subscribe, on the series page.
    #[schemars(default, extend("examples" = [[{"name": "Apple Podcasts", "url": "https://podcasts.apple.com/jp/podcast/id000000000"}]]))]
    pub(crate) subscribe: Vec<crate::model::podcast::Subscribe>,
}

fn default_language() -> String {
    "ja".to_string()
}

impl Series {
    pub(crate) const KEYS: &'static [&'static str] = &[
        "title",
        "description",
        "language",
        "base_url",
        "speakers",
        "organizers",
        "date_style",
        "lint",
        "check",
        "image",
        "author",
        "category",
        "explicit",
        "opening_chapter",
        "timezone",
        "footer",
        "owner",
        "type",
        "guid",
        "subscribe",
    ];

    pub(crate) fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.root(node, "series", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let description = d.optional(&f, "description", Decoder::string);
        let language = d.optional(&f, "language", Decoder::string);
        let base_url = d.optional(&f, "base_url", Decoder::url);
        let speakers = d.optional(&f, "speakers", people::speakers);
        let organizers = d.optional(&f, "organizers", people::organizers);
        let date_style = d.optional(&f, "date_style", crate::model::wareki::decode_style);
        let lint = d.optional(&f, "lint", crate::model::lint_settings::Rules::decode);
        let check = d.optional(&f, "check", crate::model::check_settings::CheckSettings::decode);
        let image = d.optional(&f, "image", Decoder::url);
        let author = d.optional(&f, "author", Decoder::string);
        let category = d.optional(&f, "category", crate::model::podcast::decode_category);
        let explicit = d.optional(&f, "explicit", Decoder::boolean);
        let opening_chapter = d.optional(&f, "opening_chapter", Decoder::string);
        let timezone = d.optional(&f, "timezone", crate::model::published::timezone);
        let footer = d.optional(&f, "footer", Decoder::string);
        let owner = d.optional(&f, "owner", crate::model::podcast::Owner::decode);
        let show_type = d.optional(&f, "type", crate::model::podcast::decode_show_type);
        let guid = d.optional(&f, "guid", crate::model::podcast::decode_guid);
        let subscribe = d.optional(&f, "subscribe", crate::model::podcast::subscribe);
        Some(Series {
            file: std::sync::Arc::clone(&d.file),
            title: title.unwrap_or_default(),
            description: description.ok().flatten(),
            language: language
                .ok()
                .flatten()
                .map_or_else(|| "ja".to_string(), |l| l.value),
            base_url: base_url.ok().flatten(),
            speakers: speakers.ok().flatten().unwrap_or_default(),
            organizers: organizers.ok().flatten().unwrap_or_default(),
            date_style: date_style.ok().flatten().unwrap_or_default(),
            lint: lint.ok().flatten().unwrap_or_default(),
            check: check.ok().flatten(),
            image: image.ok().flatten(),
            author: author.ok().flatten(),
            category: category.ok().flatten(),
            explicit: explicit.ok().flatten().is_some_and(|e| e.value),
            opening_chapter: opening_chapter.ok().flatten(),
            timezone: timezone
                .ok()
                .flatten()
                .map_or_else(crate::model::published::default_timezone, |t| t.value),
            footer: footer.ok().flatten(),
            owner: owner.ok().flatten(),
            show_type: show_type.ok().flatten().unwrap_or_default(),
            guid: guid.ok().flatten(),
            subscribe: subscribe.ok().flatten().unwrap_or_default(),
        })
    }
}

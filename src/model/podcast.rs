//! What podcast directories ask of a feed beyond the notes: Apple's
//! category list, the owner, the show and episode types, and the
//! subscribe links of the series page.

use crate::diagnostic::span::Spanned;
use crate::input::decode::{Decoder, did_you_mean};
use crate::input::yaml::Node;
use serde::Serialize;

/// Apple Podcasts' categories and their subcategories, as Apple spells
/// them (podcasters.apple.com, "Apple Podcasts categories").
pub(crate) const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// Every valid `category` value: `Top` and `Top/Sub`.
pub(crate) fn category_names() -> Vec<String> {
    CATEGORIES
        .iter()
        .flat_map(|(top, subs)| {
            std::iter::once((*top).to_string()).chain(subs.iter().map(move |sub| format!("{top}/{sub}")))
        })
        .collect()
}

/// A `category` as Apple spells it: the category and its subcategory.
pub(crate) fn split_category(category: &str) -> (&str, Option<&str>) {
    match category.split_once('/') {
        Some((top, sub)) => (top, Some(sub)),
        None => (category, None),
    }
}

/// The schema of `category`: one of Apple's names, `Top/Sub` for a
/// subcategory.
pub(crate) struct Category;

impl schemars::JsonSchema for Category {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AppleCategory".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An Apple Podcasts category; `News/Politics` for a subcategory.",
            "enum": category_names(),
        })
    }
}

/// `category`: one of Apple's categories (any case, spaces around `/`
/// allowed), kept in Apple's spelling; a typo gets a did-you-mean.
pub(crate) fn decode_category(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<String>> {
    let text = d.string(node, key)?;
    let written = text.value.trim();
    let wanted = written
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase();
    let names = category_names();
    if let Some(name) = names.iter().find(|n| n.to_lowercase() == wanted) {
        return Some(Spanned::new(name.clone(), text.span));
    }
    let help = category_help(&wanted, &names);
    d.error(
        "unknown-category",
        format!("`{written}` is not an Apple Podcasts category"),
        text.span,
    )
    .help = Some(help);
    None
}

/// A did-you-mean over the whole names, then over the subcategories alone
/// (`Politics` → `News/Politics`), else the top-level list.
fn category_help(wanted: &str, names: &[String]) -> String {
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let known: Vec<&str> = lower.iter().map(String::as_str).collect();
    let by_sub = || {
        names.iter().find(|n| {
            split_category(n).1.is_some_and(|sub| {
                sub.to_lowercase() == wanted || did_you_mean(wanted, &[&sub.to_lowercase()]).is_some()
            })
        })
    };
    let guess = did_you_mean(wanted, &known)
        .and_then(|g| lower.iter().position(|l| l == g))
        .map(|i| &names[i])
        .or_else(by_sub);
    match guess {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!(
            "use one of Apple's categories ({}), or `Category/Subcategory` such as `News/Politics`",
            CATEGORIES
                .iter()
                .map(|(top, _)| *top)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `type` of a show: how apps order and present its episodes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ShowType {
    /// Newest first; each episode stands alone.
    #[default]
    Episodic,
    /// Oldest first; meant to be heard in order.
    Serial,
}

/// `episode_type` of an episode (`itunes:episodeType`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum EpisodeType {
    /// A regular episode.
    #[default]
    Full,
    /// A short preview of the show or a season.
    Trailer,
    /// Extra content beside the regular episodes.
    Bonus,
}

impl ShowType {
    pub(crate) const NAMES: &'static [&'static str] = &["episodic", "serial"];

    pub(crate) fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

impl EpisodeType {
    pub(crate) const NAMES: &'static [&'static str] = &["full", "trailer", "bonus"];

    pub(crate) fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The index of `key`'s value among `names` (any case); otherwise an
/// error with a did-you-mean.
fn one_of(d: &mut Decoder, node: &Node, key: &str, names: &[&str]) -> Option<usize> {
    let text = d.string(node, key)?;
    let value = text.value.trim().to_lowercase();
    if let Some(index) = names.iter().position(|n| *n == value) {
        return Some(index);
    }
    let help = match did_you_mean(&value, names) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("write one of: {}", names.join(", ")),
    };
    d.error(
        "unknown-value",
        format!(
            "`{key}` must be one of {}, found `{}`",
            names.join(", "),
            text.value
        ),
        text.span,
    )
    .help = Some(help);
    None
}

/// `type: episodic | serial`.
pub(crate) fn decode_show_type(d: &mut Decoder, node: &Node, key: &str) -> Option<ShowType> {
    one_of(d, node, key, ShowType::NAMES).map(|i| [ShowType::Episodic, ShowType::Serial][i])
}

/// A UUID as `podcast:guid` writes it (any version; the feed writes it in
/// lower case).
pub(crate) const GUID_PATTERN: &str =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

/// A `podcast:guid` as the feed writes it: a UUID with hyphens, in lower
/// case; `None` when `text` is not one (`series.yaml` and `import` share
/// this rule).
pub(crate) fn canonical_guid(text: &str) -> Option<String> {
    let text = text.trim();
    let hyphenated = text.len() == 36 && text.matches('-').count() == 4;
    let uuid = uuid::Uuid::try_parse(text).ok().filter(|_| hyphenated)?;
    Some(uuid.hyphenated().to_string())
}

/// `guid: ead4c236-…`: the show's `podcast:guid` (`canonical_guid`).
pub(crate) fn decode_guid(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<String>> {
    let text = d.string(node, key)?;
    let value = text.value.trim();
    match canonical_guid(value) {
        Some(guid) => Some(Spanned::new(guid, text.span)),
        None => {
            let diagnostic = d.error(
                "invalid-guid",
                format!("`{key}` must be a UUID like ead4c236-bf58-58c6-a2c6-a6b28d128cb6, found `{value}`"),
                text.span,
            );
            diagnostic.help = Some(
                "copy the <podcast:guid> of the show's previous feed, or remove the key to derive it from the feed's URL"
                    .into(),
            );
            None
        }
    }
}

/// `episode_type: full | trailer | bonus`.
pub(crate) fn decode_episode_type(d: &mut Decoder, node: &Node, key: &str) -> Option<EpisodeType> {
    one_of(d, node, key, EpisodeType::NAMES)
        .map(|i| [EpisodeType::Full, EpisodeType::Trailer, EpisodeType::Bonus][i])
}

/// フィードの所有者 (itunes:owner)。Who directories contact about the feed.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Owner {
    /// 所有者の名前。The owner's name.
    #[schemars(example = "政策起業家プラットフォーム(PEP)")]
    pub(crate) name: Spanned<String>,
    /// 連絡先メールアドレス。The owner's e-mail address.
    #[schemars(email, example = "podcast@example.com")]
    pub(crate) email: Spanned<String>,
}

impl Owner {
    pub(crate) const KEYS: &'static [&'static str] = &["name", "email"];

    pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Self> {
        let f = d.fields(node, "owner", key, Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let email = d.required(&f, "email", email);
        Some(Owner {
            name: name?,
            email: email?,
        })
    }
}

/// An e-mail address as directories accept it: `local@domain.tld`, no
/// spaces or angle brackets.
fn email(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<String>> {
    let text = d.string(node, key)?;
    let value = text.value.trim();
    let plausible = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !value
        .contains(|c: char| c.is_whitespace() || c.is_control() || "<>\"\\,;".contains(c));
    if plausible {
        return Some(Spanned::new(value.to_string(), text.span));
    }
    d.error(
        "invalid-email",
        format!("`{key}` is not an e-mail address: `{}`", text.value),
        text.span,
    )
    .help = Some("write an address such as `podcast@example.com`".into());
    None
}

/// 購読リンク (シリーズページ)。A place to subscribe, shown on the series page.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Subscribe {
    /// サービス名。The service's name.
    #[schemars(example = "Apple Podcasts")]
    pub(crate) name: Spanned<String>,
    /// 番組のページ (http または https)。The show's page on that service.
    #[schemars(url, example = "https://podcasts.apple.com/jp/podcast/id000000000")]
    pub(crate) url: Spanned<String>,
}

impl Subscribe {
    pub(crate) const KEYS: &'static [&'static str] = &["name", "url"];

    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "subscribe link", "subscribe", Self::KEYS)?;
        let name = d.required(&f, "name", Decoder::string);
        let url = d.required(&f, "url", Decoder::url);
        Some(Subscribe {
            name: name?,
            url: url?,
        })
    }
}

/// `subscribe:` in `series.yaml`.
pub(crate) fn subscribe(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Subscribe>> {
    d.list(node, key, Subscribe::decode)
}

/// A positive integer (`season`).
pub(crate) fn positive(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<u32>> {
    let n = d.integer(node, key)?;
    match u32::try_from(n.value) {
        Ok(value) if value > 0 => Some(Spanned::new(value, n.span)),
        _ => {
            d.error(
                "invalid-number",
                format!("`{key}` must be a positive integer, found {}", n.value),
                n.span,
            )
            .help = Some(format!("write `{key}: 1` for the first"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_and_help() {
        let names = category_names();
        assert!(names.contains(&"News/Politics".to_string()));
        assert!(names.contains(&"Technology".to_string()));
        assert_eq!(category_help("technolgy", &names), "did you mean `Technology`?");
        assert_eq!(category_help("politics", &names), "did you mean `News/Politics`?");
        assert_eq!(
            category_help("news/politcs", &names),
            "did you mean `News/Politics`?"
        );
        assert!(category_help("zzzz", &names).starts_with("use one of Apple's categories (Arts,"));
        assert_eq!(split_category("News/Politics"), ("News", Some("Politics")));
        assert_eq!(split_category("History"), ("History", None));
    }

    #[test]
    fn names_match_the_variants() {
        assert_eq!(ShowType::Serial.name(), "serial");
        assert_eq!(EpisodeType::Bonus.name(), "bonus");
        assert_eq!(
            serde_json::to_string(&EpisodeType::Trailer).ok().as_deref(),
            Some("\"trailer\"")
        );
    }
}

//! `kind: minutes`: a meeting summary (議事要旨) — title, date and time,
//! and sections of points, optionally grouped in numbered subsections.

use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// 議事要旨 (`kind: minutes`)。A meeting summary.
///
/// Like an episode, it may be partial when its file has errors (every rule
/// still runs); it is then never rendered.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::model::kind::minutes_kind_property)]
pub(crate) struct Minutes {
    /// The file it was loaded from, for diagnostics.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) file: Arc<SourceFile>,
    /// The file name's stem; not a key of the file.
    #[schemars(skip)]
    pub(crate) slug: String,
    /// 会議名。The meeting's title.
    #[schemars(example = "第3回 内外一体のグローバル産業戦略に関する有識者会議 議事要旨")]
    pub(crate) title: Spanned<String>,
    /// 開催日 (YYYY-MM-DD)。和暦で表示されます。The date, shown in the Japanese era.
    #[schemars(example = "2026-03-10")]
    pub(crate) date: Spanned<NaiveDate>,
    /// 開始時刻 (HH:MM)。The start time.
    #[schemars(example = "17:00")]
    pub(crate) start: Option<Spanned<Clock>>,
    /// 終了時刻 (HH:MM、開始より後)。The end time, after the start.
    #[schemars(example = "18:30")]
    pub(crate) end: Option<Spanned<Clock>>,
    /// 場所。Where the meeting took place.
    #[schemars(example = &"オンライン")]
    pub(crate) place: Option<Spanned<String>>,
    /// 出席者。The attendees.
    #[schemars(default, example = ["安永"])]
    pub(crate) attendees: Vec<Spanned<String>>,
    /// 論点のセクション (1 つ以上)。The sections of points.
    #[schemars(length(min = 1))]
    pub(crate) sections: Vec<Section>,
}

/// セクション: 括弧付きの見出しと論点。A section: a heading in parentheses and its points.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Section {
    /// 見出し (括弧は自動で付きます)。The heading; the parentheses are added.
    #[schemars(example = &"グローバル産業横串で具備すべき戦略の方向性について")]
    pub(crate) heading: Spanned<String>,
    /// 論点。The points.
    #[schemars(default)]
    pub(crate) points: Vec<Point>,
    /// 小見出し (①②③… と自動で番号が付きます)。Subsections, numbered ①②③… automatically.
    #[schemars(default)]
    pub(crate) subsections: Vec<Subsection>,
}

/// 小見出しと論点。A numbered subsection and its points.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Subsection {
    /// ①, ②, ...: the position in its section, given on load.
    #[schemars(skip)]
    pub(crate) number: String,
    /// 小見出し。The subsection's heading.
    #[schemars(example = "AIトランスフォーメーション(AI)に関して")]
    pub(crate) heading: Spanned<String>,
    /// 論点。The points.
    #[schemars(default)]
    pub(crate) points: Vec<Point>,
}

/// 論点。A point made in the meeting.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Point {
    /// 見出し語 (太字で表示)。A label, shown in bold.
    #[schemars(example = &"アプリケーションレイヤーの重要性")]
    pub(crate) label: Option<Spanned<String>>,
    /// 本文 (Markdown)。The point, in Markdown.
    #[schemars(example = "AI産業は4レイヤーに大別される。")]
    pub(crate) text: Spanned<String>,
    /// Who said it, rendered `(name)` right after the text.
    /// 発言者 (本文の直後に「(名前)」と表示)。
    #[schemars(example = &"安永")]
    pub(crate) by: Option<Spanned<String>>,
}

impl schemars::JsonSchema for Clock {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Clock".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"^\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\s*$",
            "description": "時刻 (HH:MM)。A time of day.",
            "examples": ["17:00"]
        })
    }
}

/// A time of day, `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Clock {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
}

impl Clock {
    /// `9:05`, `09:05`, `17:00`; hours 0-23, minutes 00-59.
    pub(crate) fn parse(text: &str) -> Option<Clock> {
        let (hour, minute) = text.split_once(':')?;
        let digits =
            |s: &str, max_len| !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(hour, 2) || !digits(minute, 2) || minute.len() != 2 {
            return None;
        }
        let (hour, minute) = (hour.parse::<u8>().ok()?, minute.parse::<u8>().ok()?);
        (hour < 24 && minute < 60).then_some(Clock { hour, minute })
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// ①…⑳, ㉑…㊿, then (51), (52), ...
pub(crate) fn circled(n: usize) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1),
        21..=35 => char::from_u32(0x3251 + n as u32 - 21),
        36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

impl Minutes {
    pub(crate) const KEYS: &'static [&'static str] = &[
        "kind",
        "title",
        "date",
        "start",
        "end",
        "place",
        "attendees",
        "sections",
    ];

    pub(crate) fn decode(d: &mut Decoder, node: &Node, slug: String) -> Option<Self> {
        let f = d.root(node, "meeting summary", Self::KEYS)?;
        let title = d.required(&f, "title", Decoder::string);
        let date = d.required(&f, "date", |d, node, key| {
            let date = d.date(node, key)?;
            if date.value < crate::model::wareki::earliest() {
                d.error(
                    "date-before-wareki",
                    format!(
                        "minutes are dated in 和暦, and {}",
                        crate::model::wareki::BeforeGregorian(date.value)
                    ),
                    date.span,
                )
                .help = Some("check the year; the earliest date that can be written is 1873-01-01".into());
                return None;
            }
            Some(date)
        });
        let start = d.optional(&f, "start", clock);
        let end = d.optional(&f, "end", clock);
        let place = d.optional(&f, "place", Decoder::string);
        let attendees = d.optional(&f, "attendees", Decoder::strings);
        let sections = d.required(&f, "sections", |d, node, key| {
            let sections = d.list(node, key, Section::decode)?;
            if matches!(&node.value, Value::Seq(items) if items.is_empty()) {
                d.error("no-sections", "minutes need at least one section", node.span)
                    .help = Some("add a section: `- heading: ...` with `points`".into());
                return None;
            }
            Some(sections)
        });
        let (start, end) = (start.ok().flatten(), end.ok().flatten());
        match (&start, &end) {
            (Some(start), Some(end)) if end.value <= start.value => {
                d.error(
                    "end-before-start",
                    format!("`end` {} is not after `start` {}", end.value, start.value),
                    end.span,
                )
                .help = Some(format!(
                    "the meeting must end after it starts; check `start` at line {}",
                    start.span.line
                ));
            }
            (None, Some(end)) => {
                d.error("end-without-start", "`end` is given without `start`", end.span)
                    .help = Some("add `start: HH:MM`".into());
            }
            _ => {}
        }
        Some(Minutes {
            file: Arc::clone(&d.file),
            slug,
            title: title.unwrap_or_default(),
            date: date.unwrap_or_default(),
            start,
            end,
            place: place.ok().flatten(),
            attendees: attendees.ok().flatten().unwrap_or_default(),
            sections: sections.unwrap_or_default(),
        })
    }

    /// `17:00~18:30`, `17:00~` without an end, `None` without a start.
    pub(crate) fn time_range(&self) -> Option<String> {
        let start = self.start.as_ref()?;
        Some(match &self.end {
            Some(end) => format!("{}~{}", start.value, end.value),
            None => format!("{}~", start.value),
        })
    }
}

/// `HH:MM`, in quotes or not.
fn clock(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<Clock>> {
    let text = match &node.value {
        Value::Str(s) => s.as_ref(),
        _ => {
            d.error(
                "invalid-type",
                format!(
                    "`{key}` must be a time such as `17:00`, found {}",
                    node.value.kind()
                ),
                node.span,
            )
            .help = Some(format!("write `{key}: \"17:00\"`"));
            return None;
        }
    };
    match Clock::parse(text.trim()) {
        Some(clock) => Some(Spanned::new(clock, node.span)),
        None => {
            d.error(
                "invalid-time",
                format!("`{key}` must be a time written HH:MM, found `{text}`"),
                node.span,
            )
            .help = Some("hours run from 00 to 23, minutes from 00 to 59, e.g. `17:00`".into());
            None
        }
    }
}

fn points(d: &mut Decoder, node: &Node, key: &str) -> Option<Vec<Point>> {
    d.list(node, key, Point::decode)
}

impl Section {
    pub(crate) const KEYS: &'static [&'static str] = &["heading", "points", "subsections"];

    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "section", "sections", Self::KEYS)?;
        let heading = d.required(&f, "heading", Decoder::string);
        let points = d.optional(&f, "points", points);
        let subsections = d.optional(&f, "subsections", |d, node, key| {
            let Value::Seq(items) = &node.value else {
                // Not a list: `list` reports the type error.
                return d.list(node, key, |_, _| None::<Subsection>);
            };
            let read: Vec<Option<Subsection>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| Subsection::decode(d, item, i + 1))
                .collect();
            read.into_iter().collect()
        });
        Some(Section {
            heading: heading.unwrap_or_default(),
            points: points.ok().flatten().unwrap_or_default(),
            subsections: subsections.ok().flatten().unwrap_or_default(),
        })
    }
}

impl Subsection {
    pub(crate) const KEYS: &'static [&'static str] = &["heading", "points"];

    fn decode(d: &mut Decoder, node: &Node, position: usize) -> Option<Self> {
        let f = d.fields(node, "subsection", "subsections", Self::KEYS)?;
        let heading = d.required(&f, "heading", Decoder::string);
        let points = d.optional(&f, "points", points);
        Some(Subsection {
            number: circled(position),
            heading: heading.unwrap_or_default(),
            points: points.ok().flatten().unwrap_or_default(),
        })
    }
}

impl Point {
    pub(crate) const KEYS: &'static [&'static str] = &["label", "text", "by"];

    fn decode(d: &mut Decoder, node: &Node) -> Option<Self> {
        let f = d.fields(node, "point", "points", Self::KEYS)?;
        let label = d.optional(&f, "label", Decoder::string);
        let text = d.required(&f, "text", Decoder::string);
        let by = d.optional(&f, "by", Decoder::string);
        // `None` only without a readable `text`.
        Some(Point {
            label: label.ok().flatten(),
            text: text?,
            by: by.ok().flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_numbers() {
        let got: Vec<String> = [1, 2, 3, 20, 21, 35, 36, 50, 51]
            .into_iter()
            .map(circled)
            .collect();
        assert_eq!(got, ["①", "②", "③", "⑳", "㉑", "㉟", "㊱", "㊿", "(51)"]);
    }

    #[test]
    fn clock_times() {
        assert_eq!(Clock::parse("17:00"), Some(Clock { hour: 17, minute: 0 }));
        assert_eq!(
            Clock::parse("9:05").map(|c| c.to_string()).as_deref(),
            Some("09:05")
        );
        for bad in [
            "24:00", "17:60", "17", "17:0", ":30", "a:bc", "123:00", "17:00:00",
        ] {
            assert_eq!(Clock::parse(bad), None, "{bad}");
        }
    }
}

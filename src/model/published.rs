//! When and under which number an episode is published: `number` (an
//! integer or a decimal such as `19.5`, shown as written) and `date` (a
//! calendar date, or an RFC 3339 date-time with its offset), and the
//! series' `timezone` that places a date alone on the time line.

use crate::diagnostic::span::Spanned;
use crate::input::date_text::is_ymd_shaped;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Serialize, Serializer};

/// An episode number as written: `13`, `19.5`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// The digits as written in the file.
    pub(crate) text: String,
    /// The value, for ordering.
    pub(crate) value: f64,
}

impl Number {
    /// The number when it is a whole number (no decimal point written).
    pub(crate) fn integer(&self) -> Option<i64> {
        self.text.parse().ok()
    }
}

/// Templates see a whole number as a number (so `0` stays falsy) and a
/// decimal as the text written.
impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.integer() {
            Some(n) => serializer.serialize_i64(n),
            None => serializer.serialize_str(&self.text),
        }
    }
}

impl schemars::JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EpisodeNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "description": "回の番号 (0 以上、19.5 のような小数も可)。The episode number: an integer or a decimal such as 19.5, shown as written.",
            "examples": [13, 19.5]
        })
    }
}

/// Whether `text` is a plain decimal: digits, optionally `.` and digits.
fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
}

/// `number:` — a non-negative integer or decimal, kept as written.
pub(crate) fn number(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<Number>> {
    let written = match &node.value {
        Value::Int(_) | Value::Float(_) => d
            .file
            .text
            .get(node.span.start..node.span.end)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| match node.value {
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                _ => String::new(),
            }),
        Value::Str(s) => s.trim().to_string(),
        _ => {
            d.wrong_type(node, "a number such as `12` or `19.5`", key);
            return None;
        }
    };
    if let Some(positive) = written.strip_prefix('-') {
        d.error(
            "invalid-number",
            format!("`{key}` must not be negative, found {written}"),
            node.span,
        )
        .help = Some(format!(
            "write the episode's number as 0 or more, e.g. `{key}: {positive}`"
        ));
        return None;
    }
    let text = written.trim_start_matches('+').to_string();
    match text.parse::<f64>() {
        Ok(value) if is_decimal(&text) && value.is_finite() => {
            Some(Spanned::new(Number { text, value }, node.span))
        }
        _ => {
            d.error(
                "invalid-number",
                format!("`{key}` must be a number of 0 or more such as `12` or `19.5`, found `{written}`"),
                node.span,
            )
            .help = Some("write the episode's number as digits, e.g. `number: 12` or `number: 19.5`".into());
            None
        }
    }
}

/// An episode's `date`: the calendar date, and the instant when a
/// date-time with offset was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Published {
    /// The date (in the written offset, when a date-time was given).
    pub(crate) date: NaiveDate,
    /// The date-time as written, with its offset.
    pub(crate) at: Option<DateTime<FixedOffset>>,
}

impl Published {
    /// The instant of publication: the date-time as written, or the date
    /// at 00:00 in the series' time zone.
    pub(crate) fn instant(&self, timezone: FixedOffset) -> DateTime<FixedOffset> {
        self.at.unwrap_or_else(|| {
            timezone
                .from_local_datetime(&self.date.and_time(NaiveTime::MIN))
                .single()
                .unwrap_or_else(|| self.date.and_time(NaiveTime::MIN).and_utc().fixed_offset())
        })
    }
}

/// Templates see the date (`YYYY-MM-DD`), as before date-times were
/// allowed: as chrono serializes it, written without its formatting
/// machinery (every episode's context has it).
impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = [0; 10];
        match crate::input::date_text::write_ymd(self.date, &mut text) {
            Some(text) => serializer.serialize_str(text),
            None => self.date.serialize(serializer),
        }
    }
}

/// `YYYY-MM-DD`, or an RFC 3339 date-time with offset.
pub(crate) const DATE_PATTERN: &str = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2}))?\s*$";

impl schemars::JsonSchema for Published {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PublicationDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                {"type": "string", "format": "date-time", "pattern": DATE_PATTERN}
            ],
            "description": "公開日 (YYYY-MM-DD) または時刻とオフセット付きの日時。The publication date, or an RFC 3339 date-time with offset.",
            "examples": ["2026-02-20", "2021-05-26T21:30:00+09:00"]
        })
    }
}

/// `date:` — `YYYY-MM-DD`, or a date-time such as `2021-05-26T21:30:00+09:00`.
pub(crate) fn date(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<Published>> {
    if let Value::Str(text) = &node.value
        && text.trim().len() > 10
        && text.trim().get(..10).is_some_and(is_ymd_shaped)
    {
        let text = text.trim();
        return match DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)) {
            Ok(at) => Some(Spanned::new(
                Published {
                    date: at.date_naive(),
                    at: Some(at),
                },
                node.span,
            )),
            Err(_) => {
                d.error(
                    "invalid-date",
                    format!("`{key}` must be a date or a date-time with offset, found `{text}`"),
                    node.span,
                )
                .help = Some("for example `date: 2026-03-10` or `date: 2026-03-10T21:30:00+09:00`".into());
                None
            }
        };
    }
    let date = d.date(node, key)?;
    Some(Spanned::new(
        Published {
            date: date.value,
            at: None,
        },
        date.span,
    ))
}

/// The default `timezone` of a series: Japan.
pub(crate) const DEFAULT_TIMEZONE: &str = "+09:00";

/// `±HH:MM`.
pub(crate) const TIMEZONE_PATTERN: &str = r"^\s*[+-][0-9]{2}:[0-9]{2}\s*$";

/// A fixed offset written `±HH:MM`.
pub(crate) fn parse_timezone(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = text[1..].split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The default `timezone` as written, for the JSON Schema.
pub(crate) fn default_timezone_text() -> String {
    DEFAULT_TIMEZONE.to_string()
}

/// The offset of Japan, the default.
pub(crate) fn default_timezone() -> FixedOffset {
    parse_timezone(&default_timezone_text()).unwrap_or_else(|| chrono::Offset::fix(&chrono::Utc))
}

/// `timezone:` of `series.yaml`.
pub(crate) fn timezone(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<FixedOffset>> {
    let text = d.string(node, key)?;
    match parse_timezone(&text.value) {
        Some(offset) => Some(Spanned::new(offset, text.span)),
        None => {
            d.error(
                "invalid-timezone",
                format!(
                    "`{key}` must be a fixed offset such as `+09:00`, found `{}`",
                    text.value
                ),
                text.span,
            )
            .help = Some("write the offset from UTC as ±HH:MM, e.g. `timezone: \"+09:00\"` for Japan".into());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_offsets() {
        assert!(is_decimal("19.5") && is_decimal("12") && !is_decimal("1e3") && !is_decimal(".5"));
        let n = Number {
            text: "19.5".into(),
            value: 19.5,
        };
        assert_eq!(n.integer(), None);
        assert_eq!(
            parse_timezone("+09:00").map(|o| o.local_minus_utc()),
            Some(9 * 3600)
        );
        assert_eq!(
            parse_timezone("-05:30").map(|o| o.local_minus_utc()),
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(parse_timezone("JST"), None);
        let date = NaiveDate::from_ymd_opt(2026, 2, 20).unwrap_or_default();
        let published = Published { date, at: None };
        assert_eq!(
            published.instant(default_timezone()).to_rfc3339(),
            "2026-02-20T00:00:00+09:00"
        );
    }
}

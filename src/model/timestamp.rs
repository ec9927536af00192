//! Positions in an episode's audio: `M:SS`, `MM:SS` or `H:MM:SS`.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};

use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Timestamp(pub u32);

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TimestampError {
    Format,
    /// A minutes or seconds field of 60 or more under a larger unit.
    Range(&'static str, u32),
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimestampError::Format => f.write_str("not a timestamp"),
            TimestampError::Range(unit, n) => write!(f, "{unit} must be below 60, found {n}"),
        }
    }
}

impl Timestamp {
    pub(crate) fn seconds(self) -> u32 {
        self.0
    }

    /// An ISO 8601 duration, `PT1H2M3S` (zero parts left out; `PT0S`),
    /// as HTML's `<time datetime>` and schema.org accept.
    pub(crate) fn iso_duration(self) -> String {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        let mut out = String::from("PT");
        for (value, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
            if value > 0 {
                out.push_str(&format!("{value}{unit}"));
            }
        }
        if out.len() == 2 {
            out.push_str("0S");
        }
        out
    }

    /// Parses `M:SS`, `MM:SS` (minutes may exceed 59 only without hours)
    /// or `H:MM:SS`.
    pub(crate) fn parse(text: &str) -> Result<Self, TimestampError> {
        // Up to four parts, without collecting them: a fourth means too many.
        let mut split = text.trim().split(':');
        let parts = [split.next(), split.next(), split.next(), split.next()];
        let number = |part: &str, width: std::ops::RangeInclusive<usize>| -> Result<u32, TimestampError> {
            if !width.contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(TimestampError::Format);
            }
            part.parse().map_err(|_| TimestampError::Format)
        };
        let below_60 = |unit: &'static str, n: u32| {
            if n < 60 {
                Ok(n)
            } else {
                Err(TimestampError::Range(unit, n))
            }
        };
        match parts {
            [Some(m), Some(s), None, _] => {
                let minutes = number(m, 1..=3)?;
                let seconds = below_60("seconds", number(s, 2..=2)?)?;
                Ok(Timestamp(minutes * 60 + seconds))
            }
            [Some(h), Some(m), Some(s), None] => {
                let hours = number(h, 1..=2)?;
                let minutes = below_60("minutes", number(m, 2..=2)?)?;
                let seconds = below_60("seconds", number(s, 2..=2)?)?;
                Ok(Timestamp(hours * 3600 + minutes * 60 + seconds))
            }
            _ => Err(TimestampError::Format),
        }
    }

    /// `MM:SS` below an hour (`01:40`), `H:MM:SS` from an hour on, or
    /// always `H:MM:SS` when `hours` is set.
    pub(crate) fn format(self, hours: bool) -> String {
        self.text(hours, false).as_str().to_string()
    }

    /// `format`, or YouTube's chapter style when `short` (`M:SS`, or
    /// `H:MM:SS` when `hours` is set), written digit by digit
    /// into a buffer of its own: the `timestamp` filter runs for every
    /// timed topic `check` measures, and the formatting machinery took
    /// hundreds of instructions a timestamp.
    pub(crate) fn text(self, hours: bool, short: bool) -> Text {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        let mut text = Text::default();
        if hours || h > 0 {
            text.number(h);
            text.push(b':');
            text.two_digits(m);
        } else if short {
            text.number(m);
        } else {
            text.two_digits(m);
        }
        text.push(b':');
        text.two_digits(s);
        text
    }
}

/// A formatted timestamp: at most `4294967295` seconds, `1193046:28:15`.
#[derive(Default)]
pub(crate) struct Text {
    bytes: [u8; 16],
    len: usize,
}

impl Text {
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and `:` are ever written.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// `n` (below 100) in two digits.
    fn two_digits(&mut self, n: u32) {
        self.push(b'0' + (n / 10 % 10) as u8);
        self.push(b'0' + (n % 10) as u8);
    }

    /// `n` in as many digits as it takes.
    fn number(&mut self, n: u32) {
        for digit in itoa::Buffer::new().format(n).bytes() {
            self.push(digit);
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(false))
    }
}

/// Templates receive seconds and format them with the `timestamp` filter.
impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

/// In the JSON Schema: a string of the shapes `Timestamp::parse` accepts.
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": PATTERN,
            "description": "音声内の位置。M:SS、MM:SS、H:MM:SS のいずれか(分・秒は 59 まで)。A position in the audio: M:SS, MM:SS or H:MM:SS.",
            "examples": ["1:40", "12:59", "1:02:03"]
        })
    }
}

/// The shapes `Timestamp::parse` accepts, as a regular expression for the
/// JSON Schema (surrounding whitespace included, as `parse` trims it).
pub(crate) const PATTERN: &str = r"^\s*([0-9]{1,3}:[0-5][0-9]|[0-9]{1,2}:[0-5][0-9]:[0-5][0-9])\s*$";

/// Reading a timestamp value of a YAML file (`at`, `duration`).
impl Decoder {
    /// A timestamp (`M:SS`, `MM:SS`, `H:MM:SS`).
    pub(crate) fn timestamp(&mut self, node: &Node, key: &str) -> Option<Spanned<Timestamp>> {
        let text = match &node.value {
            Value::Str(s) => std::borrow::Cow::Borrowed(s.as_ref()),
            Value::Int(i) => std::borrow::Cow::Owned(i.to_string()),
            _ => {
                self.wrong_type(node, "a timestamp such as `1:40`", key);
                return None;
            }
        };
        match Timestamp::parse(&text) {
            Ok(t) => Some(Spanned::new(t, node.span)),
            Err(why) => {
                let message = match why {
                    TimestampError::Format => {
                        format!("`{key}` must be a timestamp like 1:40, found `{text}`")
                    }
                    TimestampError::Range(unit, n) => {
                        format!("`{key}` has {n} {unit} in `{text}`; {unit} must be below 60")
                    }
                };
                self.error("invalid-timestamp", message, node.span).help =
                    Some("write M:SS, MM:SS or H:MM:SS, e.g. 1:40 or 1:02:03".into());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(Timestamp(3723).iso_duration(), "PT1H2M3S");
        assert_eq!(Timestamp(1495).iso_duration(), "PT24M55S");
        assert_eq!(Timestamp(3600).iso_duration(), "PT1H");
        assert_eq!(Timestamp(0).iso_duration(), "PT0S");
    }

    #[test]
    fn parses_the_three_shapes() {
        assert_eq!(Timestamp::parse("1:40"), Ok(Timestamp(100)));
        assert_eq!(Timestamp::parse("01:40"), Ok(Timestamp(100)));
        assert_eq!(Timestamp::parse("75:00"), Ok(Timestamp(4500)));
        assert_eq!(Timestamp::parse("1:02:03"), Ok(Timestamp(3723)));
    }

    #[test]
    fn rejects_out_of_range_and_garbage() {
        assert_eq!(
            Timestamp::parse("1:60"),
            Err(TimestampError::Range("seconds", 60))
        );
        assert_eq!(
            Timestamp::parse("1:61:00"),
            Err(TimestampError::Range("minutes", 61))
        );
        assert_eq!(Timestamp::parse("1:2"), Err(TimestampError::Format));
        assert_eq!(Timestamp::parse("a:10"), Err(TimestampError::Format));
        assert_eq!(Timestamp::parse("10"), Err(TimestampError::Format));
        assert_eq!(Timestamp::parse("1:02:03:04"), Err(TimestampError::Format));
        assert_eq!(Timestamp::parse("-1:00"), Err(TimestampError::Format));
    }

    #[test]
    fn formats_like_the_seed() {
        assert_eq!(Timestamp(100).format(false), "01:40");
        assert_eq!(Timestamp(3723).format(false), "1:02:03");
        assert_eq!(Timestamp(100).format(true), "0:01:40");
        assert_eq!(Timestamp(100).text(false, true).as_str(), "1:40");
    }

    /// The digits written one by one are what the formatting machinery
    /// writes, at every size up to the largest.
    #[test]
    fn text_is_formatted_as_by_format() {
        let seconds = (0..4000).chain((0..200).map(|i| i * 3599 + 7)).chain([
            35_999,
            36_000,
            359_999,
            360_000,
            u32::MAX - 1,
            u32::MAX,
        ]);
        for n in seconds {
            let (h, m, s) = (n / 3600, n / 60 % 60, n % 60);
            for hours in [false, true] {
                let long = if hours || h > 0 {
                    format!("{h}:{m:02}:{s:02}")
                } else {
                    format!("{m:02}:{s:02}")
                };
                let short = if hours || h > 0 {
                    long.clone()
                } else {
                    format!("{m}:{s:02}")
                };
                assert_eq!(Timestamp(n).format(hours), long);
                assert_eq!(Timestamp(n).text(hours, true).as_str(), short);
            }
        }
    }
}

//! Japanese dates: the era form (和暦, 令和8年3月10日(火)) and the western
//! form (2026年3月10日(火)), with the weekday in kanji.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How a date is written in Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DateStyle {
    /// 2026年3月10日(火)
    #[default]
    Western,
    /// 令和8年3月10日(火)
    Wareki,
}

impl schemars::JsonSchema for DateStyle {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateStyle".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": DateStyle::NAMES,
            "description": "日付の書き方: western (2026年3月10日(火)) または wareki (令和8年3月10日(火))。How episode templates write dates."
        })
    }
}

impl DateStyle {
    pub(crate) const NAMES: &'static [&'static str] = &["western", "wareki"];

    pub(crate) fn name(self) -> &'static str {
        match self {
            DateStyle::Western => "western",
            DateStyle::Wareki => "wareki",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "western" => Some(DateStyle::Western),
            "wareki" => Some(DateStyle::Wareki),
            _ => None,
        }
    }
}

/// The eras, newest last, with the day each began.
const ERAS: &[(&str, i32, u32, u32)] = &[
    ("明治", 1868, 1, 25),
    ("大正", 1912, 7, 30),
    ("昭和", 1926, 12, 25),
    ("平成", 1989, 1, 8),
    ("令和", 2019, 5, 1),
];

/// Japan adopted the Gregorian calendar on 明治6年1月1日; earlier dates
/// were written in the lunisolar calendar and cannot be converted by
/// relabelling the year.
pub(crate) fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1873, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A date that has no 和暦 form here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BeforeGregorian(pub NaiveDate);

impl fmt::Display for BeforeGregorian {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is before 1873-01-01, when Japan adopted the Gregorian calendar; \
             its 和暦 date would be a lunisolar date, which is not supported",
            self.0
        )
    }
}

impl std::error::Error for BeforeGregorian {}

/// 日, 月, 火, ... for a date.
pub(crate) fn weekday_kanji(date: NaiveDate) -> char {
    ['月', '火', '水', '木', '金', '土', '日'][date.weekday().num_days_from_monday() as usize]
}

/// 令和8年3月10日(火); the first year of an era is 元年.
pub(crate) fn wareki(date: NaiveDate) -> Result<String, BeforeGregorian> {
    if date < earliest() {
        return Err(BeforeGregorian(date));
    }
    let (era, start_year, _, _) = ERAS
        .iter()
        .rev()
        .find(|(_, y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|start| date >= start))
        .copied()
        .ok_or(BeforeGregorian(date))?;
    let year = date.year() - start_year + 1;
    let year = if year == 1 {
        "元".to_string()
    } else {
        year.to_string()
    };
    Ok(format!(
        "{era}{year}年{}月{}日({})",
        date.month(),
        date.day(),
        weekday_kanji(date)
    ))
}

/// 2026年3月10日(火)
pub(crate) fn western(date: NaiveDate) -> String {
    format!(
        "{}年{}月{}日({})",
        date.year(),
        date.month(),
        date.day(),
        weekday_kanji(date)
    )
}

/// A date in the given style.
pub(crate) fn format(date: NaiveDate, style: DateStyle) -> Result<String, BeforeGregorian> {
    match style {
        DateStyle::Western => Ok(western(date)),
        DateStyle::Wareki => wareki(date),
    }
}

/// Tera filters over `YYYY-MM-DD` strings (how dates reach templates):
/// `wareki`, `ja_date` (western) and `date_ja(style="western"|"wareki")`.
pub(crate) fn register(tera: &mut tera::Tera) {
    tera.register_filter("wareki", |date: &str, _: tera::Kwargs, _: &tera::State| {
        filter(date, DateStyle::Wareki)
    });
    tera.register_filter("ja_date", |date: &str, _: tera::Kwargs, _: &tera::State| {
        filter(date, DateStyle::Western)
    });
    tera.register_filter("date_ja", date_ja);
}

fn date_ja(date: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let style = match kwargs.get::<&str>("style")? {
        None => DateStyle::Western,
        Some(name) => DateStyle::parse(name).ok_or_else(|| {
            tera::Error::message(format!(
                "date_ja: unknown style `{name}`; use one of {}",
                DateStyle::NAMES.join(", ")
            ))
        })?,
    };
    filter(date, style)
}

fn filter(date: &str, style: DateStyle) -> tera::TeraResult<String> {
    let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| tera::Error::message(format!("`{date}` is not a date written YYYY-MM-DD")))?;
    format(parsed, style).map_err(|e| tera::Error::message(e.to_string()))
}

/// `date_style:` in `series.yaml`.
pub(crate) fn decode_style(
    d: &mut crate::input::decode::Decoder,
    node: &crate::input::yaml::Node,
    key: &str,
) -> Option<DateStyle> {
    let name = d.string(node, key)?;
    DateStyle::parse(name.trim()).or_else(|| {
        let help = match crate::input::decode::did_you_mean(name.trim(), DateStyle::NAMES) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("write one of: {}", DateStyle::NAMES.join(", ")),
        };
        d.error(
            "unknown-date-style",
            format!("unknown `{key}` `{}`", name.value),
            name.span,
        )
        .help = Some(help);
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn era_boundaries_and_gannen() {
        let cases = [
            ("2026-03-10", "令和8年3月10日(火)"),
            ("1989-01-07", "昭和64年1月7日(土)"),
            ("1989-01-08", "平成元年1月8日(日)"),
            ("2019-04-30", "平成31年4月30日(火)"),
            ("2019-05-01", "令和元年5月1日(水)"),
            ("1873-01-01", "明治6年1月1日(水)"),
            ("1912-07-29", "明治45年7月29日(月)"),
            ("1912-07-30", "大正元年7月30日(火)"),
            ("1926-12-24", "大正15年12月24日(金)"),
            ("1926-12-25", "昭和元年12月25日(土)"),
        ];
        for (input, expected) in cases {
            assert_eq!(wareki(date(input)).as_deref(), Ok(expected), "{input}");
        }
    }

    #[test]
    fn refuses_the_lunisolar_era() {
        let err = wareki(date("1872-12-31")).expect_err("before the Gregorian calendar");
        assert_eq!(err, BeforeGregorian(date("1872-12-31")));
        assert!(
            err.to_string().starts_with("1872-12-31 is before 1873-01-01"),
            "{err}"
        );
        assert!(wareki(date("1868-01-25")).is_err());
        // The western form needs no conversion and is always available.
        assert_eq!(western(date("1872-12-31")), "1872年12月31日(火)");
    }

    #[test]
    fn western_form_and_styles() {
        assert_eq!(western(date("2026-03-10")), "2026年3月10日(火)");
        assert_eq!(
            format(date("2026-03-10"), DateStyle::Wareki).as_deref(),
            Ok("令和8年3月10日(火)")
        );
        assert_eq!(DateStyle::parse("wareki"), Some(DateStyle::Wareki));
        assert_eq!(DateStyle::parse("Wareki"), None);
        assert_eq!(DateStyle::default().name(), "western");
    }
}

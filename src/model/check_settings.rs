//! The `check:` section of `series.yaml`: the same settings as the `check`
//! flags (flags win).
//!
//! ```yaml
//! check:
//!   max_concurrency: 32
//!   max_per_host: 4
//!   host_interval: 100ms
//!   timeout: 20s
//!   connect_timeout: 10s
//!   max_cache_age: 1d
//!   max_time: 5m
//! ```
//!
//! `allow_private` is refused here: series.yaml is content, and content
//! (a pull request) must not switch off the private-address guard. Only
//! the CI owner can, with `--allow-private` or `SHOWNOTES_ALLOW_PRIVATE=1`.

use crate::diagnostic::span::Spanned;
use crate::input::decode::Decoder;
use crate::input::yaml::{Node, Value};
use std::time::Duration;

/// `check:` in series.yaml: the link checker's settings (flags override them).
#[derive(Debug, Clone, Default, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct CheckSettings {
    /// 同時リクエスト数の上限 (既定 32)。Requests in flight at once.
    #[schemars(range(min = 1), example = 32)]
    pub(crate) max_concurrency: Option<Spanned<usize>>,
    /// 1 ホストあたりの同時リクエスト数 (既定 4)。Requests in flight per host.
    #[schemars(range(min = 1), example = 4)]
    pub(crate) max_per_host: Option<Spanned<usize>>,
    /// 同じホストへのリクエスト間隔 (既定 100ms)。Minimum interval between requests to one host.
    #[schemars(with = "Option<DurationText>", example = &"100ms")]
    pub(crate) host_interval: Option<Spanned<Duration>>,
    /// リクエスト全体のタイムアウト (既定 20s)。Whole-request timeout.
    #[schemars(with = "Option<DurationText>", example = &"20s")]
    pub(crate) timeout: Option<Spanned<Duration>>,
    /// 接続のタイムアウト (既定 10s)。Connect timeout.
    #[schemars(with = "Option<DurationText>", example = &"10s")]
    pub(crate) connect_timeout: Option<Spanned<Duration>>,
    /// リンク結果のキャッシュ期間 (既定 1d)。How long cached results stay valid.
    #[schemars(with = "Option<DurationText>", example = &"1d")]
    pub(crate) max_cache_age: Option<Spanned<Duration>>,
    /// リンク検査全体の制限時間 (既定 5m)。Time limit of the whole link check.
    #[schemars(with = "Option<DurationText>", example = &"5m")]
    pub(crate) max_time: Option<Spanned<Duration>>,
}

/// A duration written as `crate::input::duration_text::parse` reads it.
struct DurationText;

impl schemars::JsonSchema for DurationText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "number"],
            "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*(ms|s|m|min|h|d)?\s*$",
            "description": "A duration: a number and ms, s, m, h or d (e.g. 100ms, 20s, 1d); a bare number is seconds."
        })
    }
}

impl CheckSettings {
    /// The keys of the `check:` section (and of its schema).
    pub(crate) const KEYS: &'static [&'static str] = &[
        "max_concurrency",
        "max_per_host",
        "host_interval",
        "timeout",
        "connect_timeout",
        "max_cache_age",
        "max_time",
    ];
    /// A key recognized only to be refused with an explanation (rather
    /// than reported as unknown): content must not allow private addresses.
    const REFUSED: &'static str = "allow_private";

    /// Reads the `check:` mapping; every problem is reported.
    pub(crate) fn decode(d: &mut Decoder, node: &Node, key: &str) -> Option<Self> {
        let recognized: Vec<&str> = Self::KEYS.iter().copied().chain([Self::REFUSED]).collect();
        let f = d.fields(node, "check section", key, &recognized)?;
        let max_concurrency = d.optional(&f, "max_concurrency", count);
        let max_per_host = d.optional(&f, "max_per_host", count);
        let host_interval = d.optional(&f, "host_interval", duration);
        let timeout = d.optional(&f, "timeout", positive_duration);
        let connect_timeout = d.optional(&f, "connect_timeout", positive_duration);
        let max_cache_age = d.optional(&f, "max_cache_age", duration);
        let max_time = d.optional(&f, "max_time", positive_duration);
        if let Some(node) = f.get(Self::REFUSED) {
            d.error(
                "allow-private-in-content",
                "`allow_private` cannot be set in series.yaml: content must not switch off the private-address guard",
                node.span,
            )
            .help = Some(
                "remove this key; whoever runs the check (the CI owner) can pass --allow-private or set SHOWNOTES_ALLOW_PRIVATE=1".into(),
            );
        }
        Some(Self {
            max_concurrency: max_concurrency.ok()?,
            max_per_host: max_per_host.ok()?,
            host_interval: host_interval.ok()?,
            timeout: timeout.ok()?,
            connect_timeout: connect_timeout.ok()?,
            max_cache_age: max_cache_age.ok()?,
            max_time: max_time.ok()?,
        })
    }
}

/// A whole number from 1 to 1,000.
fn count(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<usize>> {
    let n = d.integer(node, key)?;
    match usize::try_from(n.value) {
        Ok(v) if (1..=1000).contains(&v) => Some(Spanned::new(v, n.span)),
        _ => {
            d.error(
                "invalid-setting",
                format!("`{key}` must be from 1 to 1000, found {}", n.value),
                n.span,
            );
            None
        }
    }
}

/// `100ms`, `20s`, `1d`...; a bare number is seconds.
fn duration(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<Duration>> {
    duration_by(d, node, key, crate::input::duration_text::parse)
}

fn positive_duration(d: &mut Decoder, node: &Node, key: &str) -> Option<Spanned<Duration>> {
    duration_by(d, node, key, crate::input::duration_text::parse_positive)
}

fn duration_by(
    d: &mut Decoder,
    node: &Node,
    key: &str,
    parse: fn(&str) -> Result<Duration, String>,
) -> Option<Spanned<Duration>> {
    let text = match &node.value {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        _ => {
            d.error(
                "invalid-type",
                format!(
                    "`{key}` must be a duration such as `20s`, found {}",
                    node.value.kind()
                ),
                node.span,
            );
            return None;
        }
    };
    match parse(&text) {
        Ok(duration) => Some(Spanned::new(duration, node.span)),
        Err(why) => {
            d.error("invalid-setting", format!("`{key}`: {why}"), node.span)
                .help = Some("for example `timeout: 20s` or `max_cache_age: 12h`".into());
            None
        }
    }
}

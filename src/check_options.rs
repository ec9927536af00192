//! The settings of one `check` run: flags over the `check:` section of
//! `series.yaml` over the defaults.

use crate::check_settings::CheckSettings;
use crate::error::Error;
use clap::{Args, ValueEnum};
use std::time::Duration;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style blocks on stderr, then a summary line.
    #[default]
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout (pull-request annotations).
    Github,
}

/// The `check` flags beyond `--offline` and the files.
#[derive(Debug, Clone, Default, Args)]
pub struct CheckFlags {
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check links on loopback, private and other non-global addresses.
    /// Only the command line or the environment (the CI owner) can allow
    /// this, never series.yaml (content).
    #[arg(long, env = ALLOW_PRIVATE_ENV, value_parser = clap::builder::BoolishValueParser::new())]
    pub allow_private: bool,
    /// Check every link afresh: ignore and do not update .shownotes/link-cache.json.
    #[arg(long)]
    pub no_cache: bool,
    /// How long a cached link result stays valid [default: 1d].
    #[arg(long, value_name = "AGE", value_parser = duration)]
    pub max_cache_age: Option<Duration>,
    /// Requests in flight at once, over all hosts [default: 32].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_concurrency: Option<u16>,
    /// Requests in flight at once to one host [default: 4].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_per_host: Option<u16>,
    /// Minimum time between two requests to one host [default: 100ms].
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub host_interval: Option<Duration>,
    /// Time limit of a whole request [default: 20s].
    #[arg(long, value_name = "DURATION", value_parser = crate::duration_text::parse_positive)]
    pub timeout: Option<Duration>,
    /// Time limit to connect [default: 10s].
    #[arg(long, value_name = "DURATION", value_parser = crate::duration_text::parse_positive)]
    pub connect_timeout: Option<Duration>,
    /// Time limit of the whole link check; links not answered by then are
    /// reported as `link-check-by-hand` [default: 5m].
    #[arg(long, value_name = "DURATION", value_parser = crate::duration_text::parse_positive)]
    pub max_time: Option<Duration>,
    /// The first retry delay, doubled for each further retry [default: 1s].
    /// Hidden: for the test suite, so retry tests run fast.
    #[arg(long, value_name = "DURATION", value_parser = duration, hide = true)]
    pub retry_backoff: Option<Duration>,
}

/// The environment variable that allows private addresses, as `--allow-private` does.
pub const ALLOW_PRIVATE_ENV: &str = "SHOWNOTES_ALLOW_PRIVATE";

fn duration(text: &str) -> Result<Duration, String> {
    crate::duration_text::parse(text)
}

/// Everything the link checker needs to know.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub offline: bool,
    pub format: OutputFormat,
    pub deny_warnings: bool,
    pub allow_private: bool,
    pub use_cache: bool,
    pub max_cache_age: Duration,
    pub max_concurrency: usize,
    pub max_per_host: usize,
    pub host_interval: Duration,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_time: Duration,
    pub retry_backoff: Duration,
}

impl CheckOptions {
    pub const MAX_CONCURRENCY: usize = 32;
    pub const MAX_PER_HOST: usize = 4;
    pub const HOST_INTERVAL: Duration = Duration::from_millis(100);
    pub const TIMEOUT: Duration = Duration::from_secs(20);
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    pub const MAX_CACHE_AGE: Duration = Duration::from_secs(86_400);
    pub const RETRY_BACKOFF: Duration = Duration::from_secs(1);
    pub const MAX_TIME: Duration = Duration::from_secs(300);

    /// Flags win over `series.yaml`, which wins over the defaults.
    pub fn resolve(
        flags: &CheckFlags,
        offline: bool,
        settings: Option<&CheckSettings>,
    ) -> Result<Self, Error> {
        let s = settings.cloned().unwrap_or_default();
        let options = Self {
            offline,
            format: flags.format,
            deny_warnings: flags.deny_warnings,
            // Never from series.yaml: see `check_settings`.
            allow_private: flags.allow_private,
            use_cache: !flags.no_cache,
            max_cache_age: flags
                .max_cache_age
                .or(s.max_cache_age.map(|v| v.value))
                .unwrap_or(Self::MAX_CACHE_AGE),
            max_concurrency: flags
                .max_concurrency
                .map(usize::from)
                .or(s.max_concurrency.map(|v| v.value))
                .unwrap_or(Self::MAX_CONCURRENCY),
            max_per_host: flags
                .max_per_host
                .map(usize::from)
                .or(s.max_per_host.map(|v| v.value))
                .unwrap_or(Self::MAX_PER_HOST),
            host_interval: flags
                .host_interval
                .or(s.host_interval.map(|v| v.value))
                .unwrap_or(Self::HOST_INTERVAL),
            timeout: flags
                .timeout
                .or(s.timeout.map(|v| v.value))
                .unwrap_or(Self::TIMEOUT),
            connect_timeout: flags
                .connect_timeout
                .or(s.connect_timeout.map(|v| v.value))
                .unwrap_or(Self::CONNECT_TIMEOUT),
            max_time: flags
                .max_time
                .or(s.max_time.map(|v| v.value))
                .unwrap_or(Self::MAX_TIME),
            retry_backoff: flags.retry_backoff.unwrap_or(Self::RETRY_BACKOFF),
        };
        Ok(options)
    }
}

//! The settings of one `check` run: flags over the `check:` section of
//! `series.yaml` over the defaults.

use crate::error::Error;
use crate::model::check_settings::CheckSettings;
use std::time::Duration;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum OutputFormat {
    /// rustc-style blocks on stderr, then a summary line.
    #[default]
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout (pull-request annotations).
    Github,
}

impl OutputFormat {
    /// Name, what it prints, and the format.
    pub(crate) const CHOICES: &'static [(&'static str, &'static str, OutputFormat)] = &[
        (
            "human",
            "rustc-style blocks on stderr, then a summary line",
            OutputFormat::Human,
        ),
        ("json", "One JSON document on stdout", OutputFormat::Json),
        (
            "github",
            "GitHub Actions workflow commands on stdout (pull-request annotations)",
            OutputFormat::Github,
        ),
    ];
}

/// The `check` flags beyond `--offline` and the files; `None` where the
/// command line leaves the choice to `series.yaml` or the default.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckFlags {
    pub(crate) format: OutputFormat,
    pub(crate) deny_warnings: bool,
    pub(crate) allow_private: bool,
    pub(crate) no_cache: bool,
    pub(crate) max_cache_age: Option<Duration>,
    pub(crate) max_concurrency: Option<u16>,
    pub(crate) max_per_host: Option<u16>,
    pub(crate) host_interval: Option<Duration>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) max_time: Option<Duration>,
    /// The first retry delay (hidden flag, for the test suite).
    pub(crate) retry_backoff: Option<Duration>,
}

/// The environment variable that allows private addresses, as
/// `--allow-private` does: for the CI owner, never for content.
pub(crate) const ALLOW_PRIVATE_ENV: &str = "SHOWNOTES_ALLOW_PRIVATE";

/// Everything the link checker needs to know.
#[derive(Debug, Clone)]
pub(crate) struct CheckOptions {
    pub(crate) offline: bool,
    pub(crate) format: OutputFormat,
    pub(crate) deny_warnings: bool,
    pub(crate) allow_private: bool,
    pub(crate) use_cache: bool,
    pub(crate) max_cache_age: Duration,
    pub(crate) max_concurrency: usize,
    pub(crate) max_per_host: usize,
    pub(crate) host_interval: Duration,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_time: Duration,
    pub(crate) retry_backoff: Duration,
}

impl CheckOptions {
    pub(crate) const MAX_CONCURRENCY: usize = 32;
    pub(crate) const MAX_PER_HOST: usize = 4;
    pub(crate) const HOST_INTERVAL: Duration = Duration::from_millis(100);
    pub(crate) const TIMEOUT: Duration = Duration::from_secs(20);
    pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    pub(crate) const MAX_CACHE_AGE: Duration = Duration::from_secs(86_400);
    pub(crate) const RETRY_BACKOFF: Duration = Duration::from_secs(1);
    pub(crate) const MAX_TIME: Duration = Duration::from_secs(300);

    /// Flags win over `series.yaml`, which wins over the defaults.
    pub(crate) fn resolve(
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

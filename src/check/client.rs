//! Checking one link over HTTP: HEAD (GET when a page's title is needed or
//! HEAD is refused), retries with backoff, each redirect hop followed and
//! checked by hand, and a verdict.

use crate::check::net_guard::{self, DnsFailure, GuardedResolver, PrivateAddress};
use crate::check::options::CheckOptions;
use crate::check::page_title;
use crate::check::politeness::Politeness;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::time::Duration;
use url::Url;

pub(crate) const USER_AGENT: &str = concat!(
    "shownotes/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// Retries after the first attempt.
pub(crate) const MAX_RETRIES: u32 = 3;
/// Redirects followed before giving up.
pub(crate) const MAX_REDIRECTS: usize = 10;
/// The longest `Retry-After` honoured.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// What became of a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum Verdict {
    Ok,
    /// A permanent redirect (301/308) on the way to a live page.
    Moved,
    /// A redirect that lands on the site's root page: a likely soft 404.
    RootRedirect,
    /// 401, 403 or 429 that persist: often bot protection.
    CheckByHand,
    /// 404, 410 and the other 4xx.
    Dead,
    /// 5xx after the retries.
    ServerError,
    Private {
        ip: String,
    },
    Dns {
        reason: String,
    },
    Tls {
        reason: String,
    },
    Refused,
    Timeout,
    Reset,
    RedirectLoop,
    TooManyRedirects,
    BadRedirect {
        location: String,
    },
    Unreachable {
        reason: String,
    },
    /// Not answered before the run's time limit (`--max-time`).
    OutOfTime,
}

impl Verdict {
    pub(crate) fn is_error(&self) -> bool {
        !matches!(
            self,
            Verdict::Ok | Verdict::Moved | Verdict::RootRedirect | Verdict::CheckByHand | Verdict::OutOfTime
        )
    }
}

/// The result of checking one URL; what the cache keeps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct LinkResult {
    pub(crate) verdict: Verdict,
    /// The last HTTP status received.
    pub(crate) status: Option<u16>,
    /// Where the redirects ended, when there were any.
    pub(crate) final_url: Option<String>,
    /// The page's `og:title` or `<title>`, when it was read.
    pub(crate) page_title: Option<String>,
    /// Whether the page was fetched with GET (so `page_title` is known).
    pub(crate) title_read: bool,
    /// Whether any request had to be retried (such results are not cached).
    #[serde(skip)]
    pub(crate) retried: bool,
    #[serde(skip)]
    pub(crate) from_cache: bool,
}

impl LinkResult {
    fn failed(verdict: Verdict, retried: bool) -> Self {
        Self {
            verdict,
            status: None,
            final_url: None,
            page_title: None,
            title_read: false,
            retried,
            from_cache: false,
        }
    }

    /// Definitive results only: no error, no retry, not cut short.
    pub(crate) fn cacheable(&self) -> bool {
        !self.verdict.is_error() && self.verdict != Verdict::OutOfTime && !self.retried
    }

    /// A link the run had no time left for.
    pub(crate) fn out_of_time() -> Self {
        Self::failed(Verdict::OutOfTime, false)
    }
}

/// A request that got no HTTP response.
#[derive(Debug)]
enum Failure {
    Private(PrivateAddress),
    Dns(String),
    Tls(String),
    Refused,
    Timeout,
    Reset,
    Other(String),
}

impl Failure {
    fn verdict(self) -> Verdict {
        match self {
            Failure::Private(p) => Verdict::Private { ip: p.ip.to_string() },
            Failure::Dns(reason) => Verdict::Dns { reason },
            Failure::Tls(reason) => Verdict::Tls { reason },
            Failure::Refused => Verdict::Refused,
            Failure::Timeout => Verdict::Timeout,
            Failure::Reset => Verdict::Reset,
            Failure::Other(reason) => Verdict::Unreachable { reason },
        }
    }
}

/// What one request returned.
struct Fetched {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
    title: Option<String>,
}

pub(crate) struct Checker {
    client: reqwest::Client,
    politeness: Politeness,
    allow_private: bool,
    backoff: Duration,
    /// No retry is started that would end after this.
    deadline: Option<tokio::time::Instant>,
}

impl Checker {
    pub(crate) fn new(options: &CheckOptions) -> Result<Self, String> {
        // Ring is the one crypto provider compiled in; installing it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            // Every hop is followed (and checked) here, not inside reqwest.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would connect on our behalf, past the address rule.
            .no_proxy()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            .pool_max_idle_per_host(options.max_per_host)
            .dns_resolver(GuardedResolver {
                allow_private: options.allow_private,
            })
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(Self {
            client,
            politeness: Politeness::new(
                options.max_concurrency,
                options.max_per_host,
                options.host_interval,
            ),
            allow_private: options.allow_private,
            backoff: options.retry_backoff,
            deadline: None,
        })
    }

    /// Sets the run's time limit: a retry that would wait past it is not
    /// made (the last answer stands).
    pub(crate) fn with_deadline(mut self, deadline: Option<tokio::time::Instant>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Checks `start`, following redirects; reads the page's title when
    /// `want_title`.
    pub(crate) async fn check(&self, start: &Url, want_title: bool) -> LinkResult {
        let mut url = start.clone();
        let mut visited = HashSet::from([url.to_string()]);
        let mut permanent = false;
        let mut redirects = 0;
        let mut retried = false;
        loop {
            if let Err(private) = net_guard::check_literal(&url, self.allow_private) {
                return LinkResult::failed(Failure::Private(private).verdict(), retried);
            }
            let fetched = match self.fetch(&url, want_title, &mut retried).await {
                Ok(fetched) => fetched,
                Err(failure) => {
                    let mut result = LinkResult::failed(failure.verdict(), retried);
                    result.final_url = (redirects > 0).then(|| url.to_string());
                    return result;
                }
            };
            let status = fetched.status;
            if (300..400).contains(&status)
                && let Some(location) = &fetched.location
            {
                let next = match url.join(location) {
                    Ok(next) if matches!(next.scheme(), "http" | "https") => next,
                    _ => {
                        let mut result = LinkResult::failed(
                            Verdict::BadRedirect {
                                location: location.clone(),
                            },
                            retried,
                        );
                        result.status = Some(status);
                        return result;
                    }
                };
                let mut key = next.clone();
                key.set_fragment(None);
                redirects += 1;
                let verdict = if !visited.insert(key.to_string()) {
                    Some(Verdict::RedirectLoop)
                } else if redirects > MAX_REDIRECTS {
                    Some(Verdict::TooManyRedirects)
                } else {
                    None
                };
                if let Some(verdict) = verdict {
                    let mut result = LinkResult::failed(verdict, retried);
                    result.status = Some(status);
                    result.final_url = Some(next.to_string());
                    return result;
                }
                permanent |= matches!(status, 301 | 308);
                url = next;
                continue;
            }
            let verdict = match status {
                200..=299 if redirects > 0 && is_root(&url) && !is_root(start) => Verdict::RootRedirect,
                200..=299 if permanent => Verdict::Moved,
                200..=299 => Verdict::Ok,
                401 | 403 | 429 => Verdict::CheckByHand,
                400..=499 => Verdict::Dead,
                500..=599 => Verdict::ServerError,
                300..=399 => Verdict::BadRedirect {
                    location: "(no Location header)".into(),
                },
                other => Verdict::Unreachable {
                    reason: format!("unexpected status {other}"),
                },
            };
            return LinkResult {
                verdict,
                status: Some(status),
                final_url: (redirects > 0).then(|| url.to_string()),
                title_read: want_title && (200..300).contains(&status),
                page_title: fetched.title,
                retried,
                from_cache: false,
            };
        }
    }

    /// One hop: the request, HEAD→GET fallback, and the retries.
    async fn fetch(&self, url: &Url, want_title: bool, retried: &mut bool) -> Result<Fetched, Failure> {
        let host = url.host_str().unwrap_or_default().to_string();
        let mut method = if want_title { Method::GET } else { Method::HEAD };
        let mut attempt = 0;
        loop {
            let slot = (self.politeness.acquire(&host).await).map_err(|e| Failure::Other(e.to_string()))?;
            let result = self.send(url, &method, want_title).await;
            drop(slot);
            if method == Method::HEAD
                && let Ok(fetched) = &result
                && matches!(fetched.status, 400 | 403 | 405 | 501)
            {
                // HEAD refused: ask again with GET (not a retry).
                method = Method::GET;
                continue;
            }
            let (retryable, retry_after) = match &result {
                Ok(f) => (
                    f.status >= 500 || matches!(f.status, 408 | 429),
                    f.retry_after.filter(|_| matches!(f.status, 429 | 503)),
                ),
                Err(Failure::Timeout | Failure::Reset) => (true, None),
                Err(_) => (false, None),
            };
            if !retryable || attempt >= MAX_RETRIES {
                return result;
            }
            let delay = retry_delay(retry_after, self.backoff, attempt);
            if self.deadline.is_some_and(|deadline| {
                tokio::time::Instant::now()
                    .checked_add(delay)
                    .is_none_or(|t| t >= deadline)
            }) {
                return result;
            }
            if retry_after.is_some() {
                self.politeness.slow_down(&host, delay);
            }
            *retried = true;
            attempt += 1;
            tokio::time::sleep(delay).await;
        }
    }

    async fn send(&self, url: &Url, method: &Method, want_title: bool) -> Result<Fetched, Failure> {
        let mut response = self
            .client
            .request(method.clone(), url.clone())
            .header(ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
            .send()
            .await
            .map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let location = header(LOCATION);
        let retry_after = header(RETRY_AFTER).and_then(|v| parse_retry_after(&v));
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        let mut title = None;
        let html = content_type.contains("text/html") || content_type.contains("application/xhtml");
        if want_title && *method == Method::GET && (200..300).contains(&status) && html {
            let mut body = Vec::new();
            while body.len() < page_title::MAX_BODY {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = page_title::MAX_BODY - body.len();
                        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    }
                    Ok(None) => break,
                    Err(e) if body.is_empty() => return Err(classify(&e)),
                    Err(_) => break,
                }
            }
            let charset = page_title::charset_of(&content_type);
            title = page_title::of_html(&body, charset.as_deref());
        }
        Ok(Fetched {
            status,
            location,
            retry_after,
            title,
        })
    }
}

impl Checker {
    /// The body of `start` (a feed to import), following redirects under
    /// the same address rule as link checking, refused past `max_bytes`.
    pub(crate) async fn download(&self, start: &Url, max_bytes: usize) -> Result<Vec<u8>, String> {
        let mut url = start.clone();
        for _ in 0..=MAX_REDIRECTS {
            if let Err(private) = net_guard::check_literal(&url, self.allow_private) {
                return Err(format!("{url} is on a private address ({})", private.ip));
            }
            let mut response = self
                .client
                .get(url.clone())
                .header(ACCEPT, "application/rss+xml, application/xml;q=0.9, */*;q=0.8")
                .send()
                .await
                .map_err(|e| format!("{url}: {:?}", classify(&e).verdict()))?;
            let status = response.status();
            if status.is_redirection()
                && let Some(location) = response.headers().get(LOCATION).and_then(|v| v.to_str().ok())
            {
                url = url
                    .join(location)
                    .ok()
                    .filter(|next| matches!(next.scheme(), "http" | "https"))
                    .ok_or_else(|| format!("{url} redirects to an unusable address `{location}`"))?;
                continue;
            }
            if !status.is_success() {
                return Err(format!("{url} answered {}", status_text(status.as_u16())));
            }
            let mut body = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| format!("{url}: {:?}", classify(&e).verdict()))?
            {
                if body.len() + chunk.len() > max_bytes {
                    return Err(format!("{url} is larger than {max_bytes} bytes"));
                }
                body.extend_from_slice(&chunk);
            }
            return Ok(body);
        }
        Err(format!("{start} redirects more than {MAX_REDIRECTS} times"))
    }
}

/// `https://host/` (no path, no query).
fn is_root(url: &Url) -> bool {
    matches!(url.path(), "" | "/") && url.query().is_none()
}

/// How long to wait before retry number `attempt + 1`: the server's
/// `Retry-After` (at most `MAX_RETRY_AFTER`), else exponential backoff
/// (`backoff`, then twice that, ...).
fn retry_delay(retry_after: Option<Duration>, backoff: Duration, attempt: u32) -> Duration {
    match retry_after {
        Some(delay) => delay.min(MAX_RETRY_AFTER),
        None => backoff.saturating_mul(2u32.saturating_pow(attempt)),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let seconds = (date.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(0)))
}

/// Why a request got no response, from the error and its causes.
fn classify(error: &reqwest::Error) -> Failure {
    let mut text = error.to_string();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(e) = cause {
        if let Some(private) = e.downcast_ref::<PrivateAddress>() {
            return Failure::Private(private.clone());
        }
        if let Some(dns) = e.downcast_ref::<DnsFailure>() {
            return Failure::Dns(dns.reason.clone());
        }
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Failure::Tls(tls.to_string());
        }
        text.push_str(": ");
        text.push_str(&e.to_string());
        // io::Error hides its inner error from `source()`.
        let io = e.downcast_ref::<std::io::Error>();
        if let Some(io) = io {
            use std::io::ErrorKind::*;
            match io.kind() {
                ConnectionRefused => return Failure::Refused,
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => return Failure::Reset,
                TimedOut => return Failure::Timeout,
                _ => {}
            }
            if let Some(inner) = io.get_ref() {
                if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                    return Failure::Tls(tls.to_string());
                }
                cause = Some(inner);
                continue;
            }
        }
        cause = e.source();
    }
    if error.is_timeout() {
        return Failure::Timeout;
    }
    if text.contains("connection closed before message completed") || text.contains("connection reset") {
        return Failure::Reset;
    }
    Failure::Other(text)
}

/// The reason phrase of a status, for messages: `404 Not Found`.
pub(crate) fn status_text(status: u16) -> String {
    match StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let later = chrono::Utc::now() + chrono::Duration::seconds(30);
        let delay = parse_retry_after(&later.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).unwrap();
        assert!((28..=30).contains(&delay.as_secs()), "{delay:?}");
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn retry_delays_back_off_and_cap_retry_after() {
        let second = Duration::from_secs(1);
        let delays: Vec<u64> = (0..3).map(|a| retry_delay(None, second, a).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4]);
        assert_eq!(
            retry_delay(Some(Duration::from_secs(5)), second, 0),
            Duration::from_secs(5)
        );
        assert_eq!(
            retry_delay(Some(Duration::from_secs(3600)), second, 2),
            MAX_RETRY_AFTER
        );
    }

    #[test]
    fn user_agent_names_the_repository() {
        assert!(USER_AGENT.starts_with("shownotes/"));
        assert!(USER_AGENT.contains("(+https://github.com/"));
    }
}

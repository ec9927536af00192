//! A link's result, reported at every place the link is written.

use crate::check::client::{LinkResult, MAX_REDIRECTS, MAX_RETRIES, Verdict, status_text};
use crate::check::finding::Finding;
use crate::check::links::{Link, Place};
use crate::check::page_title;
use crate::diagnostic::Diagnostic;

/// The diagnostic for a result, without a position; `None` when all is well.
fn verdict_diagnostic(url: &str, result: &LinkResult) -> Option<Diagnostic> {
    let status = result.status.map(status_text).unwrap_or_default();
    let final_url = result.final_url.as_deref().unwrap_or(url);
    let after_retries = if result.retried {
        format!(", also after {MAX_RETRIES} retries")
    } else {
        String::new()
    };
    let diagnostic = match &result.verdict {
        Verdict::Ok => return None,
        Verdict::Moved => Diagnostic::warning("link-moved", format!("link moved permanently to {final_url}"))
            .label("moved")
            .help(format!("put the new address in the YAML: {final_url}")),
        Verdict::RootRedirect => Diagnostic::warning(
            "link-soft-404",
            format!("link redirects to the site's front page {final_url}: the page was probably removed"),
        )
        .label("redirects to the front page")
        .help("find the page's new address, or link to an archived copy"),
        Verdict::CheckByHand => Diagnostic::warning(
            "link-check-by-hand",
            format!("the site answered {status}: check by hand"),
        )
        .label(status.clone())
        .help(format!(
            "sites often refuse automated checks this way; open {url} in a browser"
        )),
        Verdict::Dead => Diagnostic::error("link-dead", format!("link is dead: {status}"))
            .label(status.clone())
            .help("find the page's new address, or link to an archived copy"),
        Verdict::ServerError => Diagnostic::error(
            "link-server-error",
            format!("the server answered {status}{after_retries}"),
        )
        .label(status.clone())
        .help("if the site stays down, link to an archived copy"),
        Verdict::Private { ip } => Diagnostic::error(
            "link-private",
            format!("link points to a private address ({ip}); no request was sent"),
        )
        .help("links must reach the public web; pass --allow-private to check it anyway"),
        Verdict::Dns { reason } => Diagnostic::error(
            "link-dns",
            format!("the link's host name does not resolve ({reason})"),
        )
        .help("check the spelling of the host name"),
        Verdict::Tls { reason } => Diagnostic::error("link-tls", format!("TLS failure: {reason}"))
            .help("the site's certificate or TLS setup is broken; try the page in a browser"),
        Verdict::Refused => Diagnostic::error("link-refused", "the server refused the connection")
            .help("check the host and port of the link"),
        Verdict::Timeout => Diagnostic::error("link-timeout", format!("no answer in time{after_retries}"))
            .help("the site may be down or slow; raise --timeout to wait longer"),
        Verdict::Reset => Diagnostic::error("link-reset", format!("the connection was reset{after_retries}"))
            .help("the site may be down; try the page in a browser"),
        Verdict::RedirectLoop => Diagnostic::error(
            "link-redirect-loop",
            format!("link redirects in a loop (back to {final_url})"),
        )
        .help("the site is misconfigured; link to another copy of the page"),
        Verdict::TooManyRedirects => Diagnostic::error(
            "link-too-many-redirects",
            format!("link redirects more than {MAX_REDIRECTS} times"),
        )
        .help("link to the page's final address"),
        Verdict::BadRedirect { location } => Diagnostic::error(
            "link-bad-redirect",
            format!(
                "link redirects to an unusable address `{}`",
                page_title::clean(location)
            ),
        )
        .help("link to the page's final address"),
        Verdict::OutOfTime => Diagnostic::warning(
            "link-check-by-hand",
            "not checked: the link check reached its time limit before this link was answered",
        )
        .label("not checked")
        .help(format!(
            "open {url} in a browser, or allow more time with --max-time (or `check: max_time:` in series.yaml)"
        )),
        Verdict::Unreachable { reason } => {
            Diagnostic::error("link-unreachable", format!("cannot reach the link: {reason}"))
                .help("try the page in a browser")
        }
    };
    Some(diagnostic)
}

/// Every finding for `link`, at each place it is written.
pub(crate) fn of(link: &Link, result: &LinkResult) -> Vec<Finding> {
    let url = link.url.as_str();
    let verdict = verdict_diagnostic(url, result);
    let mut out = Vec::new();
    for occurrence in &link.occurrences {
        let finding = |diagnostic: Diagnostic| Finding {
            diagnostic,
            url: Some(occurrence.written.clone()),
            status: result.status,
            final_url: result.final_url.clone(),
        };
        if let Some(diagnostic) = &verdict {
            out.push(finding(diagnostic.clone().at(&occurrence.file, occurrence.span)));
        }
        // Cleaned again: a cached title may come from an older or forged cache.
        let page = result.page_title.as_deref().map(page_title::clean);
        if let (Place::Source { title, title_span }, Some(page)) = (&occurrence.place, page)
            && page_title::differs(title, &page)
        {
            out.push(finding(
                Diagnostic::warning(
                    "title-drift",
                    format!("the cited title differs from the page's title “{page}”"),
                )
                .at(&occurrence.file, *title_span)
                .label("cited title")
                .help(format!(
                    "the YAML says “{title}”, the page says “{page}”; correct the citation if the page is the same"
                )),
            ));
        }
    }
    out
}

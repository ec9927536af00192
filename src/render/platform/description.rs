//! `description.html`: the notes for the description fields of Apple
//! Podcasts and Spotify, which accept only `<p>`, `<br>`, `<ul>`, `<li>`
//! and `<a href>`, in at most 4,000 bytes. The template's result is
//! cleaned by ammonia restricted to exactly those tags, so no template
//! (built-in or overridden) can put anything else in.

use crate::diagnostic::Diagnostic;
use crate::model::episode::Episode;
use crate::model::series::Series;
use crate::render::limit::{self, Limit};
use crate::render::templates::Templates;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

pub(crate) const TEMPLATE: &str = "description.html";

pub(crate) const LIMIT: Limit = Limit {
    bytes: 4000,
    file: TEMPLATE,
    field: "Apple Podcasts and Spotify descriptions",
};

/// The tags the platforms accept.
pub(crate) const TAGS: [&str; 5] = ["p", "br", "ul", "li", "a"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from(TAGS))
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        // `empty()` empties the tags only: ammonia still allows `lang` and
        // `title` on every tag unless told otherwise. The rule is `a href`.
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(None)
        .strip_comments(true)
        .clean_content_tags(HashSet::from(["script", "style"]));
    builder
});

/// HTML reduced to the allowed tags and attributes (content of other tags kept).
pub(crate) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Renders `description.html`, cleaned and shortened to the limit; the
/// warning says when it was shortened; `full` is the whole text (the feed's
/// `content:encoded`). `context` is the episode's (`context::episode`).
pub(crate) fn render(
    templates: &Templates,
    series: Option<&Series>,
    episode: &Episode,
    context: &tera::Context,
) -> Result<limit::Fitted, Diagnostic> {
    limit::fit(
        &LIMIT,
        episode,
        |shorter| {
            let context = crate::render::context::of_episode(context, templates, TEMPLATE, series, shorter);
            let cleaned = clean(&templates.render(TEMPLATE, &context)?);
            // Sized exactly: the feed keeps this text of every episode
            // until it is written (a `push` would double its capacity).
            let trimmed = cleaned.trim_end();
            let mut html = String::with_capacity(trimmed.len() + 1);
            html.push_str(trimmed);
            html.push('\n');
            Ok(html)
        },
        cut_html,
    )
}

/// Whole lines of HTML that fit, then cleaned (which closes open tags).
fn cut_html(html: &str, bytes: usize) -> String {
    let mut budget = bytes;
    loop {
        let cut = clean(&limit::cut_lines(html, budget));
        if cut.len() <= bytes || budget == 0 {
            return cut;
        }
        budget = budget.saturating_sub(cut.len() - bytes).min(budget - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_allowed_tags() {
        let html = clean(
            r#"<h3>見出し</h3><p><strong>太字</strong><br><a href="https://e.com/" rel="noopener" class="x">リンク</a><a href="javascript:alert(1)">悪</a></p><ol><li>一</li></ol><script>x</script>"#,
        );
        assert_eq!(
            html,
            r#"見出し<p>太字<br><a href="https://e.com/">リンク</a><a>悪</a></p><li>一</li>"#
        );
    }

    #[test]
    fn links_keep_href_only() {
        assert_eq!(
            clean(
                r#"<p lang="en" title="x"><a href="https://x.test/" title="t&quot; onmouseover=&quot;x">a</a></p>"#
            ),
            r#"<p><a href="https://x.test/">a</a></p>"#
        );
    }

    #[test]
    fn cut_html_stays_within_the_limit_and_closes_tags() {
        let html = "<ul>\n".to_string() + &"<li>項目です</li>\n".repeat(50) + "</ul>\n";
        let cut = cut_html(&html, 200);
        assert!(cut.len() <= 200, "{}", cut.len());
        assert!(cut.starts_with("<ul>"));
        assert!(cut.contains("</ul>"), "{cut}");
    }
}

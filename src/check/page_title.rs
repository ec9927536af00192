//! A page's title (its `og:title`, else its `<title>`), read with the
//! html5ever tokenizer, and the comparison with the title a source is cited
//! under.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use unicode_normalization::UnicodeNormalization;

/// How much of a body is read, at most.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// The most characters of a page's title shown in any output.
pub(crate) const MAX_TITLE_CHARS: usize = 200;

/// Text from the web made safe to print anywhere: control characters
/// (C0, C1, DEL — terminal escape sequences, BEL) and Unicode format
/// characters (bidirectional overrides, zero-width) dropped, whitespace
/// collapsed, and at most `MAX_TITLE_CHARS` characters (then `…`).
pub(crate) fn clean(text: &str) -> String {
    let visible = text.chars().map(|c| if c.is_control() { ' ' } else { c }).filter(|&c| {
        !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    });
    let collapsed = visible
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match collapsed.char_indices().nth(MAX_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        None => collapsed,
    }
}

#[derive(Default)]
struct Found {
    og_title: Option<String>,
    title: Option<String>,
    in_title: bool,
    /// A `<meta charset>` or `http-equiv` content type's charset.
    charset: Option<String>,
    in_body: bool,
}

#[derive(Default)]
struct Sink {
    found: RefCell<Found>,
}

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| {
            let local: &str = &a.name.local;
            local.eq_ignore_ascii_case(name)
        })
        .map(|a| a.value.to_string())
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut found = self.found.borrow_mut();
        match token {
            TagToken(tag) => {
                let name = tag.name.as_ref();
                match (tag.kind, name) {
                    (StartTag, "title") if found.title.is_none() && !found.in_body => {
                        found.in_title = true;
                        found.title = Some(String::new());
                        return TokenSinkResult::RawData(RawKind::Rcdata);
                    }
                    (StartTag, "title") => return TokenSinkResult::RawData(RawKind::Rcdata),
                    (EndTag, "title") => found.in_title = false,
                    (StartTag, "meta") => {
                        let property = attr(&tag, "property").or_else(|| attr(&tag, "name"));
                        if property.is_some_and(|p| p.eq_ignore_ascii_case("og:title"))
                            && found.og_title.is_none()
                        {
                            found.og_title = attr(&tag, "content");
                        }
                        if found.charset.is_none() {
                            found.charset = attr(&tag, "charset").or_else(|| {
                                let equiv = attr(&tag, "http-equiv")?;
                                if !equiv.eq_ignore_ascii_case("content-type") {
                                    return None;
                                }
                                charset_of(&attr(&tag, "content")?)
                            });
                        }
                    }
                    (StartTag, "script") => return TokenSinkResult::RawData(RawKind::ScriptData),
                    (StartTag, "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript") => {
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    (StartTag, "textarea") => return TokenSinkResult::RawData(RawKind::Rcdata),
                    (StartTag, "body") => found.in_body = true,
                    _ => {}
                }
            }
            Token::CharacterTokens(text) if found.in_title => {
                if let Some(title) = &mut found.title {
                    title.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The `charset=` parameter of a Content-Type value.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

fn scan(text: &str) -> Found {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The sink never blocks on scripts, so one feed reads all the input.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// The title of an HTML document given as bytes (possibly cut short),
/// decoded with `charset` (from the Content-Type header), else the
/// document's own `<meta charset>`, else UTF-8.
pub(crate) fn of_html(body: &[u8], charset: Option<&str>) -> Option<String> {
    let declared = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    let (text, _, _) = declared.unwrap_or(encoding_rs::UTF_8).decode(body);
    let mut found = scan(&text);
    if declared.is_none()
        && let Some(meta) = found
            .charset
            .as_deref()
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        && meta != encoding_rs::UTF_8
    {
        found = scan(&meta.decode(body).0);
    }
    found
        .og_title
        .or(found.title)
        .map(|t| clean(&t))
        .filter(|t| !t.is_empty())
}

/// The form titles are compared in: NFKC (so full-width and half-width
/// agree), lower case, punctuation and symbols dropped, whitespace collapsed.
pub(crate) fn normalize(title: &str) -> String {
    let mapped: String = title
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a cited title clearly differs from the page's: neither contains
/// the other once normalized (sites often append " | Site name").
pub(crate) fn differs(cited: &str, page: &str) -> bool {
    let (cited, page) = (normalize(cited), normalize(page));
    if cited.is_empty() || page.is_empty() {
        return false;
    }
    let squeeze = |s: &str| s.replace(' ', "");
    let (c, p) = (squeeze(&cited), squeeze(&page));
    !(p.contains(&c) || c.contains(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_control_characters_and_are_capped() {
        let html = "<title>a\u{1b}]0;pwned\u{7}b\u{9b}c\u{202e}d</title>";
        assert_eq!(of_html(html.as_bytes(), None).as_deref(), Some("a ]0;pwned b cd"));
        let long = format!("<title>{}</title>", "長".repeat(100_000));
        let title = of_html(long.as_bytes(), None).unwrap();
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn prefers_og_title() {
        let html = br#"<html><head><title>Site | Article</title>
            <meta property="og:title" content="The Article &amp; more"></head></html>"#;
        assert_eq!(of_html(html, None).as_deref(), Some("The Article & more"));
    }

    #[test]
    fn reads_title_with_entities_and_ignores_scripts() {
        let html = b"<head><script>document.write('<title>no</title>')</script>\n<title>\n  A &lt;b&gt; title\n</title></head>";
        assert_eq!(of_html(html, None).as_deref(), Some("A <b> title"));
        assert_eq!(of_html(b"<p>no title</p>", None), None);
    }

    #[test]
    fn decodes_declared_charsets() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=\"shift_jis\"><title>日本語の題</title>");
        assert_eq!(of_html(&bytes, None).as_deref(), Some("日本語の題"));
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("<title>日本語</title>");
        assert_eq!(of_html(&bytes, Some("Shift_JIS")).as_deref(), Some("日本語"));
        assert_eq!(charset_of("text/html; charset=\"EUC-JP\""), Some("EUC-JP".into()));
    }

    #[test]
    fn compares_titles_loosely() {
        assert_eq!(normalize("ＡＩ競争 — The “Myth”!"), "ai競争 the myth");
        assert!(!differs(
            "The Myth of the AI Race",
            "The myth of the AI race | Foreign Affairs"
        ));
        assert!(!differs(
            "China’s Rare Earth Campaign",
            "China's  Rare-Earth campaign"
        ));
        assert!(!differs("ＡＩの話", "AIの話"));
        assert!(differs(
            "The Physical Deployment Gap",
            "The Physical AI Deployment Gap"
        ));
        assert!(!differs("Anything", ""));
    }
}

//! Custom Tera filters, registered once per `Templates`.

use crate::model::timestamp::Timestamp;
use crate::render::markdown;
use crate::render::memo::{self, Conversion};
use tera::{Kwargs, State, Tera, TeraResult, Value};

pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("timestamp", timestamp);
    tera.register_filter("iso_duration", iso_duration);
    tera.register_filter("markdown", markdown_html);
    tera.register_filter("plaintext", plaintext);
    tera.register_filter("markdown_joined", markdown_joined);
    tera.register_filter("md_inline", md_inline);
    tera.register_filter("md_url", md_url);
    crate::model::wareki::register(tera);
}

/// Seconds -> `MM:SS` / `H:MM:SS`; `hours=true` forces the hour field,
/// `style="short"` gives YouTube's `M:SS`.
/// (The value is made from the text on the stack: one that short is kept
/// inline, with nothing allocated.)
fn timestamp(seconds: u32, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    crate::render::budget::check_time()?;
    let hours = kwargs.get::<bool>("hours")?.unwrap_or(false);
    let short = kwargs.get::<&str>("style")? == Some("short");
    Ok(Value::from(Timestamp(seconds).text(hours, short).as_str()))
}

/// Seconds -> an ISO 8601 duration (`PT1H2M3S`), for `<time datetime>`.
fn iso_duration(seconds: u32, _: Kwargs, _: &State) -> TeraResult<String> {
    crate::render::budget::check_time()?;
    Ok(Timestamp(seconds).iso_duration())
}

/// Markdown -> sanitized HTML (marked safe: it is sanitized here).
fn markdown_html(text: &str, _: Kwargs, _: &State) -> TeraResult<Value> {
    crate::render::budget::check_time()?;
    Ok(memo::converted(Conversion::Html, text, |text| {
        Value::safe_string(&markdown::to_html(text))
    }))
}

/// Markdown -> plain text.
fn plaintext(text: &str, _: Kwargs, _: &State) -> TeraResult<Value> {
    crate::render::budget::check_time()?;
    Ok(memo::converted(Conversion::Plain, text, |text| {
        Value::from(markdown::to_plain(text))
    }))
}

/// Markdown -> Markdown with East Asian line breaks joined and raw HTML
/// neutralized.
fn markdown_joined(text: &str, _: Kwargs, _: &State) -> TeraResult<Value> {
    crate::render::budget::check_time()?;
    Ok(memo::converted(Conversion::Markdown, text, |text| {
        Value::from(markdown::to_markdown(text))
    }))
}

/// A URL for a CommonMark link destination written in pointy brackets,
/// `[text](<{{ url | md_url }}>)`: everything that could end or escape
/// such a destination (`<`, `>`, `\`, line breaks, any whitespace or
/// control character) is percent-encoded. URLs from the model are already
/// serialized by the `url` crate and never contain these; this keeps a
/// custom template's other values from breaking out of the link.
fn md_url(text: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    crate::render::budget::check_time()?;
    Ok(crate::input::weburl::percent_encoded(text))
}

/// Escapes a title or name for use inside Markdown text or link text.
fn md_inline(text: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    crate::render::budget::check_time()?;
    Ok(escape_md_inline(text))
}

pub(crate) fn escape_md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Only where it would start a character reference (`M&A` stays).
            '&' if starts_entity(&text[i..]) => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `text` (starting at `&`) is a Markdown character reference
/// such as `&amp;`, `&#38;` or `&#x26;`.
fn starts_entity(text: &str) -> bool {
    let body = &text[1..];
    let Some(end) = body.find(';') else {
        return false;
    };
    let name = &body[..end];
    match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => {
            (2..=7).contains(&hex.len()) && hex[1..].bytes().all(|b| b.is_ascii_hexdigit())
        }
        Some(dec) => (1..=7).contains(&dec.len()) && dec.bytes().all(|b| b.is_ascii_digit()),
        None => {
            (2..=32).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.bytes().all(|b| b.is_ascii_alphanumeric())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_inline_keeps_plain_ampersands() {
        assert_eq!(escape_md_inline("M&A の制約"), "M&A の制約");
        assert_eq!(escape_md_inline("R&D; x"), "R&D; x");
        assert_eq!(
            escape_md_inline("&amp; &#38; &#x26; &copy;"),
            "&amp;amp; &amp;\\#38; &amp;\\#x26; &amp;copy;"
        );
        assert_eq!(escape_md_inline("*a* <b>"), "\\*a\\* &lt;b&gt;");
    }
}

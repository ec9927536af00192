//! Custom Tera filters, registered once per `Templates`.

use crate::markdown;
use crate::timestamp::Timestamp;
use tera::{Kwargs, State, Tera, TeraResult, Value};

pub fn register(tera: &mut Tera) {
    tera.register_filter("timestamp", timestamp);
    tera.register_filter("markdown", markdown_html);
    tera.register_filter("plaintext", plaintext);
    tera.register_filter("markdown_joined", markdown_joined);
    tera.register_filter("md_inline", md_inline);
    crate::wareki::register(tera);
}

/// Seconds -> `MM:SS` / `H:MM:SS`; `hours=true` forces the hour field,
/// `style="short"` gives YouTube's `M:SS`.
fn timestamp(seconds: u32, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let hours = kwargs.get::<bool>("hours")?.unwrap_or(false);
    let short = kwargs.get::<&str>("style")? == Some("short");
    let t = Timestamp(seconds);
    Ok(if short {
        t.format_short(hours)
    } else {
        t.format(hours)
    })
}

/// Markdown -> sanitized HTML (marked safe: it is sanitized here).
fn markdown_html(text: &str, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&markdown::to_html(text))
}

/// Markdown -> plain text.
fn plaintext(text: &str, _: Kwargs, _: &State) -> String {
    markdown::to_plain(text)
}

/// Markdown -> Markdown with East Asian line breaks joined and raw HTML
/// neutralized.
fn markdown_joined(text: &str, _: Kwargs, _: &State) -> String {
    markdown::to_markdown(text)
}

/// Escapes a title or name for use inside Markdown text or link text.
fn md_inline(text: &str, _: Kwargs, _: &State) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

//! `dist/feed.xml`: RSS 2.0 with the `itunes`, Podcasting 2.0 `podcast`,
//! `atom` (the self link) and `content` (the full notes) namespaces,
//! written with quick-xml's writer (every text and attribute escaped by
//! the library, HTML in CDATA split around any `]]>`).

use crate::input::chars::first_non_xml_char;
use crate::model::series::Series;
use crate::render::platform::summary::Summary;
use chrono::{DateTime, FixedOffset};
use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io;

pub(crate) const FILE: &str = crate::render::site::FEED_FILE;
pub(crate) const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub(crate) const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";
pub(crate) const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
pub(crate) const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";

/// The namespace of `podcast:guid` (Podcasting 2.0: a UUIDv5 of the feed
/// URL under this namespace).
const PODCAST_GUID_NAMESPACE: uuid::Uuid = uuid::uuid!("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

/// The show's `podcast:guid`: a UUIDv5 of its feed URL without the scheme
/// and without trailing slashes, as the Podcasting 2.0 namespace says.
pub(crate) fn podcast_guid(feed_url: &str) -> String {
    let bare = feed_url.split_once("://").map_or(feed_url, |(_, rest)| rest);
    let bare = bare.trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_GUID_NAMESPACE, bare.as_bytes()).to_string()
}

pub(crate) use crate::render::site::{episode_url, feed_url};

/// RFC 2822 date of an episode's publication, in its own offset.
pub(crate) fn pub_date(instant: DateTime<FixedOffset>) -> String {
    instant.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// Validation refuses such characters in every text field; the writer
/// refuses them too, so no feed it writes is ill-formed.
fn xml_text(value: &str) -> io::Result<&str> {
    match first_non_xml_char(value) {
        None => Ok(value),
        Some((_, c)) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the feed would contain U+{:04X}, which XML 1.0 does not allow",
                c as u32
            ),
        )),
    }
}

type W<'w> = Writer<&'w mut dyn io::Write>;

fn text(w: &mut W<'_>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(xml_text(value)?))?;
    Ok(())
}

/// `<name>` holding `value` as CDATA, split into several sections around
/// any `]]>` (which cannot occur inside one).
fn cdata(w: &mut W<'_>, name: &str, value: &str) -> io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    for part in BytesCData::escaped(xml_text(value)?) {
        w.write_event(Event::CData(part))?;
    }
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// The whole feed, written to `out`. `episodes` come newest first, each
/// with `audio` (the others are left out by the caller, with a warning).
pub(crate) fn write(
    out: &mut dyn io::Write,
    series: &Series,
    base_url: &str,
    episodes: &[&Summary],
) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("rss")
        .with_attributes([
            ("version", "2.0"),
            ("xmlns:itunes", ITUNES_NS),
            ("xmlns:podcast", PODCAST_NS),
            ("xmlns:atom", ATOM_NS),
            ("xmlns:content", CONTENT_NS),
        ])
        .write_inner_content(|w| {
            w.create_element("channel")
                .write_inner_content(|w| channel(w, series, base_url, episodes))?;
            Ok(())
        })?;
    w.into_inner().write_all(b"\n")
}

fn channel(w: &mut W<'_>, series: &Series, base_url: &str, episodes: &[&Summary]) -> io::Result<()> {
    // Readers render the channel description as HTML, as they do the items':
    // it gets the same treatment (Markdown to HTML, raw HTML shown as text,
    // then only the description.html tags), in CDATA.
    text(w, "title", &series.title)?;
    text(w, "link", base_url)?;
    let self_url = feed_url(base_url);
    w.create_element("atom:link")
        .with_attributes([
            ("href", xml_text(&self_url)?),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ])
        .write_empty()?;
    match &series.description {
        Some(description) => {
            let html =
                crate::render::platform::description::clean(&crate::render::markdown::to_html(description));
            cdata(w, "description", html.trim_end())?;
        }
        None => text(w, "description", &series.title)?,
    }
    text(w, "language", &series.language)?;
    text(w, "generator", concat!("shownotes ", env!("CARGO_PKG_VERSION")))?;
    if let Some(image) = &series.image {
        w.create_element("image").write_inner_content(|w| {
            text(w, "url", image)?;
            text(w, "title", &series.title)?;
            text(w, "link", base_url)
        })?;
        w.create_element("itunes:image")
            .with_attribute(("href", xml_text(image)?))
            .write_empty()?;
    }
    if let Some(author) = &series.author {
        text(w, "itunes:author", author)?;
    }
    if let Some(category) = &series.category {
        category_element(w, category)?;
    }
    text(
        w,
        "itunes:explicit",
        if series.explicit { "true" } else { "false" },
    )?;
    directory_settings(w, series, &self_url)?;
    for episode in episodes {
        item(w, base_url, episode)?;
    }
    Ok(())
}

/// `itunes:category`, with a nested one for a subcategory
/// (`News/Politics`).
fn category_element(w: &mut W<'_>, category: &str) -> io::Result<()> {
    let (top, sub) = crate::model::podcast::split_category(category);
    let element = w
        .create_element("itunes:category")
        .with_attribute(("text", xml_text(top)?));
    match sub {
        None => {
            element.write_empty()?;
        }
        Some(sub) => {
            element.write_inner_content(|w| {
                w.create_element("itunes:category")
                    .with_attribute(("text", xml_text(sub)?))
                    .write_empty()?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// What directories ask of a channel besides its content: the type, the
/// owner to contact and the show's permanent `podcast:guid`.
fn directory_settings(w: &mut W<'_>, series: &Series, self_url: &str) -> io::Result<()> {
    text(w, "itunes:type", series.show_type.name())?;
    if let Some(owner) = &series.owner {
        w.create_element("itunes:owner").write_inner_content(|w| {
            text(w, "itunes:name", &owner.name)?;
            text(w, "itunes:email", &owner.email)
        })?;
    }
    match &series.guid {
        Some(guid) => text(w, "podcast:guid", guid),
        None => text(w, "podcast:guid", &podcast_guid(self_url)),
    }
}

/// An item's directory fields: season, episode type, artwork and the full
/// notes (`content:encoded`, never shortened).
fn item_extras(w: &mut W<'_>, episode: &Summary) -> io::Result<()> {
    if let Some(season) = episode.season {
        text(w, "itunes:season", &season.to_string())?;
        text(w, "podcast:season", &season.to_string())?;
    }
    text(w, "itunes:episodeType", episode.episode_type.name())?;
    if let Some(image) = &episode.image {
        w.create_element("itunes:image")
            .with_attribute(("href", xml_text(image)?))
            .write_empty()?;
    }
    if let Some(content) = &episode.content {
        cdata(w, "content:encoded", content.trim_end())?;
    }
    Ok(())
}

fn item(w: &mut W<'_>, base_url: &str, episode: &Summary) -> io::Result<()> {
    let page = episode
        .url
        .clone()
        .unwrap_or_else(|| episode_url(base_url, &episode.slug, ""));
    let guid = episode.guid.as_deref().unwrap_or(&page);
    let permalink = if guid == page { "true" } else { "false" };
    w.create_element("item").write_inner_content(|w| {
        text(w, "title", &episode.title)?;
        text(w, "link", &page)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", permalink))
            .write_text_content(BytesText::new(xml_text(guid)?))?;
        text(w, "pubDate", &pub_date(episode.published))?;
        if let Some(description) = &episode.description {
            cdata(w, "description", description.trim_end())?;
        }
        item_extras(w, episode)?;
        if let Some(number) = episode
            .number
            .as_ref()
            .and_then(|n| n.integer())
            .filter(|n| *n > 0)
        {
            text(w, "itunes:episode", &number.to_string())?;
        }
        if let Some(duration) = episode.duration {
            text(w, "itunes:duration", &duration.to_string())?;
        }
        if let Some(audio) = &episode.audio {
            // Without a known size the enclosure says 0 (the build warns).
            let bytes = audio.bytes.as_ref().map_or(0, |b| b.value).to_string();
            w.create_element("enclosure")
                .with_attributes([
                    ("url", xml_text(&audio.url)?),
                    ("length", bytes.as_str()),
                    ("type", xml_text(&audio.mime)?),
                ])
                .write_empty()?;
        }
        let chapters = episode_url(
            base_url,
            &episode.slug,
            crate::render::platform::chapters::TEMPLATE,
        );
        w.create_element("podcast:chapters")
            .with_attributes([("url", chapters.as_str()), ("type", "application/json+chapters")])
            .write_empty()?;
        for person in &episode.people {
            let mut element = w
                .create_element("podcast:person")
                .with_attributes([("role", xml_text(&person.role)?), ("group", person.group)]);
            if let Some(href) = &person.href {
                element = element.with_attribute(("href", xml_text(href)?));
            }
            if let Some(img) = &person.img {
                element = element.with_attribute(("img", xml_text(img)?));
            }
            element.write_text_content(BytesText::new(xml_text(&person.name)?))?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_survives_its_own_end_marker() {
        let value = "<p>a]]>b &amp; <c></p>]]>";
        let mut out = Vec::new();
        cdata(
            &mut Writer::new(&mut out as &mut dyn io::Write),
            "description",
            value,
        )
        .expect("write");
        let xml = String::from_utf8(out).expect("utf-8");
        assert!(xml.starts_with("<description><![CDATA[<p>a]]"), "{xml}");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let text: String = doc.root_element().children().filter_map(|n| n.text()).collect();
        assert_eq!(text, value);
    }

    #[test]
    fn the_writer_refuses_characters_xml_does_not_allow() {
        for bad in ["a\u{1}b", "\0", "\u{1b}[31m", "\u{c}", "\u{FFFE}", "\u{FFFF}"] {
            let mut out = Vec::new();
            let mut w = Writer::new(&mut out as &mut dyn io::Write);
            assert!(text(&mut w, "title", bad).is_err(), "{bad:?}");
            assert!(cdata(&mut w, "description", bad).is_err(), "{bad:?}");
        }
        assert_eq!(first_non_xml_char("ok\ttab\n改行\u{85}"), None);
        assert_eq!(first_non_xml_char("あ\u{1}"), Some((3, '\u{1}')));
    }

    #[test]
    fn podcast_guid_follows_the_spec() {
        // The example of the Podcasting 2.0 namespace's `<podcast:guid>`.
        assert_eq!(
            podcast_guid("https://podnews.net/rss"),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
        assert_eq!(
            podcast_guid("http://podnews.net/rss/"),
            podcast_guid("podnews.net/rss")
        );
    }

    #[test]
    fn subcategories_nest() {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out as &mut dyn io::Write);
        category_element(&mut w, "News/Politics").expect("write");
        category_element(&mut w, "Society & Culture").expect("write");
        let xml = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            xml,
            r#"<itunes:category text="News"><itunes:category text="Politics"/></itunes:category><itunes:category text="Society &amp; Culture"/>"#
        );
    }

    #[test]
    fn dates_and_urls() {
        let at = DateTime::parse_from_rfc3339("2026-02-20T00:00:00+09:00").expect("date");
        assert_eq!(pub_date(at), "Fri, 20 Feb 2026 00:00:00 +0900");
        let at = DateTime::parse_from_rfc3339("2021-05-26T21:30:00+09:00").expect("date");
        assert_eq!(pub_date(at), "Wed, 26 May 2021 21:30:00 +0900");
        assert_eq!(
            episode_url("https://e.com/show/", "ep1", ""),
            "https://e.com/show/ep1/"
        );
        assert_eq!(
            episode_url("https://e.com", "ep1", "chapters.json"),
            "https://e.com/ep1/chapters.json"
        );
    }
}

//! Reading an RSS 2.0 feed (with the `itunes`, `podcast` and Podlove
//! Simple Chapters namespaces) into plain values, with roxmltree, whose
//! errors carry a line and a column.

use roxmltree::{Document, Node, ParsingOptions};

pub(crate) const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub(crate) const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
pub(crate) const PSC: &str = "http://podlove.org/simple-chapters";

/// The channel of a feed.
#[derive(Debug, Default)]
pub(crate) struct Channel {
    pub(crate) title: String,
    pub(crate) link: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) explicit: bool,
    /// `itunes:owner`: its name and e-mail address.
    pub(crate) owner: (Option<String>, Option<String>),
    /// `itunes:type`, as written.
    pub(crate) show_type: Option<String>,
    /// `podcast:guid`, the show's permanent id.
    pub(crate) guid: Option<String>,
    pub(crate) items: Vec<Item>,
}

/// One `<item>`.
#[derive(Debug, Default)]
pub(crate) struct Item {
    /// 1-based line of the item in the feed, for messages.
    pub(crate) line: u32,
    pub(crate) title: String,
    pub(crate) link: Option<String>,
    pub(crate) guid: Option<String>,
    pub(crate) pub_date: Option<String>,
    /// `content:encoded` when present, else `description`, else `itunes:summary`.
    pub(crate) description: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) duration: Option<String>,
    pub(crate) enclosure: Option<Enclosure>,
    pub(crate) chapters: Vec<(String, String)>,
    pub(crate) chapters_url: Option<String>,
    pub(crate) people: Vec<Person>,
}

#[derive(Debug, Default)]
pub(crate) struct Enclosure {
    pub(crate) url: String,
    pub(crate) length: Option<String>,
    pub(crate) mime: Option<String>,
}

/// A `<podcast:person>`.
#[derive(Debug, Default)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
    pub(crate) href: Option<String>,
    pub(crate) img: Option<String>,
}

/// Why a feed cannot be read, and where (1-based line and column).
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub(crate) message: String,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

fn child<'a>(node: Node<'a, 'a>, ns: Option<&str>, name: &str) -> Option<Node<'a, 'a>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
}

fn text(node: Node<'_, '_>, ns: Option<&str>, name: &str) -> Option<String> {
    let element = child(node, ns, name)?;
    let text: String = element
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn attribute(node: Node<'_, '_>, ns: Option<&str>, name: &str, attr: &str) -> Option<String> {
    child(node, ns, name)
        .and_then(|c| c.attribute(attr))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The first `itunes:category`, as `series.yaml` writes it: `News`, or
/// `News/Politics` when a subcategory is nested inside.
fn category(channel: Node<'_, '_>) -> Option<String> {
    let top = attribute(channel, Some(ITUNES), "category", "text")?;
    let sub =
        child(channel, Some(ITUNES), "category").and_then(|c| attribute(c, Some(ITUNES), "category", "text"));
    Some(match sub {
        Some(sub) => format!("{top}/{sub}"),
        None => top,
    })
}

/// Parses `xml` as an RSS feed.
pub(crate) fn parse(xml: &str) -> Result<Channel, Unreadable> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(xml, options).map_err(|e| {
        let pos = e.pos();
        Unreadable {
            message: format!("not a readable feed: {e}"),
            line: pos.row,
            column: pos.col,
        }
    })?;
    let root = document.root_element();
    let at = |node: Node<'_, '_>| document.text_pos_at(node.range().start);
    let channel = match (root.tag_name().name(), child(root, None, "channel")) {
        ("rss", Some(channel)) => channel,
        _ => {
            let pos = at(root);
            return Err(Unreadable {
                message: format!(
                    "not an RSS feed: the document is `<{}>`, not `<rss>` with a `<channel>`",
                    root.tag_name().name()
                ),
                line: pos.row,
                column: pos.col,
            });
        }
    };
    let items = channel
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "item" && c.tag_name().namespace().is_none())
        .map(|node| item(node, at(node).row))
        .collect();
    Ok(Channel {
        title: text(channel, None, "title").unwrap_or_default(),
        link: text(channel, None, "link"),
        description: text(channel, None, "description").or_else(|| text(channel, Some(ITUNES), "summary")),
        language: text(channel, None, "language"),
        image: attribute(channel, Some(ITUNES), "image", "href")
            .or_else(|| child(channel, None, "image").and_then(|i| text(i, None, "url"))),
        author: text(channel, Some(ITUNES), "author"),
        category: category(channel),
        explicit: text(channel, Some(ITUNES), "explicit")
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "true" | "yes" | "explicit")),
        owner: child(channel, Some(ITUNES), "owner").map_or((None, None), |owner| {
            (
                text(owner, Some(ITUNES), "name"),
                text(owner, Some(ITUNES), "email"),
            )
        }),
        show_type: text(channel, Some(ITUNES), "type"),
        guid: text(channel, Some(PODCAST), "guid"),
        items,
    })
}

fn item(node: Node<'_, '_>, line: u32) -> Item {
    let enclosure = child(node, None, "enclosure").and_then(|e| {
        Some(Enclosure {
            url: e.attribute("url")?.trim().to_string(),
            length: e.attribute("length").map(|l| l.trim().to_string()),
            mime: e.attribute("type").map(|t| t.trim().to_string()),
        })
    });
    let chapters = child(node, Some(PSC), "chapters")
        .map(|c| {
            c.children()
                .filter(|n| n.is_element() && n.tag_name().name() == "chapter")
                .filter_map(|n| {
                    Some((
                        n.attribute("start")?.to_string(),
                        n.attribute("title")?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let people = node
        .children()
        .filter(|c| {
            c.is_element() && c.tag_name().name() == "person" && c.tag_name().namespace() == Some(PODCAST)
        })
        .filter_map(|p| {
            let name: String = p
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            let name = name.trim();
            (!name.is_empty()).then(|| Person {
                name: name.to_string(),
                role: p.attribute("role").map(str::to_string),
                href: p.attribute("href").map(str::to_string),
                img: p.attribute("img").map(str::to_string),
            })
        })
        .collect();
    Item {
        line,
        title: text(node, None, "title").unwrap_or_default(),
        link: text(node, None, "link"),
        guid: text(node, None, "guid"),
        pub_date: text(node, None, "pubDate"),
        description: text(node, Some(CONTENT), "encoded")
            .or_else(|| text(node, None, "description"))
            .or_else(|| text(node, Some(ITUNES), "summary")),
        number: text(node, Some(ITUNES), "episode"),
        duration: text(node, Some(ITUNES), "duration"),
        enclosure,
        chapters,
        chapters_url: attribute(node, Some(PODCAST), "chapters", "url"),
        people,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_have_a_position() {
        let e = super::parse("<rss>\n  <channel>\n</rss>").expect_err("broken");
        assert_eq!((e.line, e.column), (3, 1), "{}", e.message);
        let e = super::parse("<html></html>").expect_err("not rss");
        assert!(e.message.contains("not an RSS feed"), "{}", e.message);
    }

    #[test]
    fn a_nested_category_becomes_category_slash_subcategory() {
        let xml = r#"<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>
<itunes:category text="News"><itunes:category text="Politics"/></itunes:category></channel></rss>"#;
        let channel = super::parse(xml).expect("feed");
        assert_eq!(channel.category.as_deref(), Some("News/Politics"));
    }
}

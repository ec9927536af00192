//! `shownotes import`: a feed of every shape real shows use becomes a show
//! that passes `check --offline` and whose built feed keeps every item's
//! guid, enclosure, publication instant, duration and number.

use crate::support::{Show, repo};

fn fixture() -> String {
    repo()
        .join("tests/fixtures/import-feed.xml")
        .display()
        .to_string()
}

/// `(guid, enclosure url, length, type, pubDate instant, duration s, episode)`.
type FeedItem = (String, String, String, String, i64, Option<u32>, Option<String>);

/// What must survive the round trip, of each item with an enclosure.
fn items(xml: &str) -> Vec<FeedItem> {
    let doc = roxmltree::Document::parse(xml).expect("feed parses");
    let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    let text = |item: roxmltree::Node<'_, '_>, ns: Option<&str>, name: &str| {
        item.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == ns)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let mut out: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter(|item| item.children().any(|c| c.has_tag_name("enclosure")))
        .map(|item| {
            let enclosure = item
                .children()
                .find(|c| c.has_tag_name("enclosure"))
                .expect("enclosure");
            let date = text(item, None, "pubDate").expect("pubDate");
            let duration = text(item, Some(itunes), "duration").map(|d| {
                d.split(':')
                    .fold(0u32, |acc, p| acc * 60 + p.parse::<u32>().expect("digits"))
            });
            (
                text(item, None, "guid").expect("guid"),
                enclosure.attribute("url").unwrap_or_default().to_string(),
                enclosure.attribute("length").unwrap_or("0").to_string(),
                enclosure.attribute("type").unwrap_or_default().to_string(),
                chrono::DateTime::parse_from_rfc2822(&date)
                    .expect("date")
                    .timestamp(),
                duration,
                text(item, Some(itunes), "episode"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_imported_feed_checks_and_builds_back_to_the_same_items() {
    let show = Show::empty();
    let out = show.run(&["import", &fixture(), "--root", "show"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("3 items: 9 topics, 4 links, 2 warnings; wrote 4 files"),
        "{}",
        out.stderr
    );
    out.assert_stderr_contains("item `告知のみ`: no <enclosure>: imported without `audio`");
    out.assert_stderr_contains(
        "the topic `範囲外のおまけ` at 2:00:00 is past the end of the audio: imported without a time",
    );
    let check = show.run(&["check", "--offline", "--root", "show"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = show.run(&["build", "--root", "show"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let original = std::fs::read_to_string(fixture()).expect("fixture");
    let mut expected = items(&original);
    // `itunes:episode` is written for whole numbers only; 19.5 stays in
    // the episode file (and on its pages).
    for item in &mut expected {
        item.6 = item.6.take().filter(|n| n.parse::<u32>().is_ok());
    }
    assert!(show.read("show/episodes/19-5.yaml").contains("number: 19.5"));
    assert_eq!(items(&show.read("show/dist/feed.xml")), expected);
    // Nothing is dropped: every sentence and link of the descriptions.
    let episode = show.read("show/episodes/20.yaml");
    for kept in [
        "今回はゲストに佐藤さんを迎えました",
        "https://hanako.example.com/",
        "https://news.example.com/phone",
        "値下げについての補足です",
        "■お知らせ",
        "https://gadget.example.com/form",
    ] {
        assert!(episode.contains(kept), "{kept} is lost:\n{episode}");
    }
    assert!(
        show.read("show/episodes/notice.yaml")
            .contains("詳しく (/relative)")
    );
    let feed = show.read("show/dist/feed.xml");
    // The show keeps its identity in directories: its podcast:guid (not
    // one derived from the new feed's URL), owner and type.
    let series = show.read("show/series.yaml");
    assert!(
        series.contains("guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        "{series}"
    );
    assert!(
        feed.contains("<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>"),
        "{feed}"
    );
    assert!(feed.contains("<itunes:type>serial</itunes:type>"), "{feed}");
    for owner in [
        "<itunes:name>ガジェット通信編集部</itunes:name>",
        "<itunes:email>podcast@gadget.example.com</itunes:email>",
    ] {
        assert!(feed.contains(owner), "{owner} is lost:\n{feed}");
    }
    assert!(
        feed.contains("<link>https://gadget.example.com/episodes/20</link>"),
        "{feed}"
    );
    assert!(
        feed.contains(r#"<guid isPermaLink="false">gadget-20</guid>"#),
        "{feed}"
    );
}

#[test]
fn import_never_overwrites_and_dry_run_writes_nothing() {
    let show = Show::empty().file("show/episodes/20.yaml", "mine\n");
    let dry = show.run(&["import", &fixture(), "--root", "show", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("would write show/series.yaml"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("skipped show/episodes/20.yaml (it exists; not overwritten)"),
        "{}",
        dry.stdout
    );
    assert!(!show.path().join("show/series.yaml").exists());
    let out = show.run(&["import", &fixture(), "--root", "show"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(show.read("show/episodes/20.yaml"), "mine\n");
    assert!(show.path().join("show/episodes/19-5.yaml").exists());
}

#[test]
fn a_file_that_is_no_feed_is_an_error_at_its_line_and_column() {
    let show = Show::empty().file("feed.xml", "<rss>\n  <channel>\n    <item>\n</rss>\n");
    let out = show.run(&["import", "feed.xml"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains("error: not a readable feed");
    out.assert_stderr_contains("--> feed.xml:4:");
    let show = Show::empty().file("page.html", "<html><body>x</body></html>\n");
    let out = show.run(&["import", "page.html"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: not an RSS feed: the document is `<html>`");
}

#[test]
fn a_feed_on_a_private_address_needs_the_opt_in() {
    let show = Show::empty();
    let out = show.run(&["import", "http://127.0.0.1:9/feed.xml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.assert_stderr_contains("private address");
}

/// What series.yaml cannot take from a channel is left out with a
/// warning saying what to do: an owner without its address, a
/// `podcast:guid` that is not a UUID. The show still checks clean.
#[test]
fn an_owner_without_address_and_a_guid_that_is_no_uuid_are_left_out_with_warnings() {
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>番組</title>
    <link>https://show.example.com/</link>
    <itunes:type>episodic</itunes:type>
    <itunes:owner><itunes:name>編集部</itunes:name></itunes:owner>
    <podcast:guid>show-1234</podcast:guid>
    <item>
      <title>第1回</title>
      <guid isPermaLink="false">show-1</guid>
      <pubDate>Wed, 02 Jun 2021 21:30:00 +0900</pubDate>
      <description>0:00 はじめに</description>
    </item>
  </channel>
</rss>
"#;
    let show = Show::empty().file("feed.xml", feed);
    let out = show.run(&["import", "feed.xml", "--root", "show"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "the channel's <itunes:owner> lacks a name or an e-mail address: set `owner` in series.yaml",
    );
    out.assert_stderr_contains(
        "the channel's <podcast:guid> is not a UUID: left out (the new feed derives one from its URL)",
    );
    let series = show.read("show/series.yaml");
    for absent in ["owner:", "guid:", "type:"] {
        assert!(!series.contains(absent), "{absent} in:\n{series}");
    }
    let check = show.run(&["check", "--offline", "--root", "show"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

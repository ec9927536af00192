//! What a listener and a directory get from the bundled show: the episode
//! page's player, `#t=` chapter links, share metadata and JSON-LD; the
//! series page; every element directories read in feed.xml; the new
//! series and episode keys with their did-you-means; shortening that
//! keeps the lead.

use crate::support::{self, Show};
use serde_json::Value;

const SEED: &str = "tech-competition-and-economic-security";
const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

#[test]
fn episode_page_has_a_player_and_seekable_chapters() {
    let show = Show::built();
    let html = show.read(&format!("dist/{SEED}/index.html"));
    assert!(
        html.contains(&format!(
            r#"<audio class="player" controls preload="metadata" src="https://pep-think.example.com/audio/{SEED}.mp3">"#
        )),
        "{html}"
    );
    // 01:40, 12:59, 25:05 as Media Fragments, with valid <time datetime>.
    for (seconds, iso, shown) in [
        (100, "PT1M40S", "01:40"),
        (779, "PT12M59S", "12:59"),
        (1505, "PT25M5S", "25:05"),
    ] {
        let link =
            format!(r##"<a class="at" href="#t={seconds}"><time datetime="{iso}">{shown}</time></a>"##);
        assert!(html.contains(&link), "missing {link}:\n{html}");
    }
    // No <time> without a machine-readable datetime.
    assert!(
        !html.contains("<time>") && !html.contains("<time class=\"at\">"),
        "{html}"
    );
    // The inline seek script, and nothing fetched from elsewhere.
    assert!(
        html.contains("<script>\n// Timestamps are links to `#t=SECONDS`"),
        "{html}"
    );
    assert!(html.contains("player.currentTime = at;"), "{html}");
    assert!(
        !html.contains("<script src") && !html.contains("<link rel=\"stylesheet\""),
        "{html}"
    );
    // Sources are one compact list under their topic.
    assert!(
        html.contains(r#"<ul class="sources" aria-label="出典">"#),
        "{html}"
    );
    assert!(!html.contains("<p class=\"source\">"), "{html}");
}

#[test]
fn episode_page_says_what_it_is_to_search_engines_and_share_cards() {
    let show = Show::built();
    let html = show.read(&format!("dist/{SEED}/index.html"));
    let url = format!("https://pep-think.example.com/{SEED}/");
    for needle in [
        r#"<meta name="description" content="今回のエピソードでは、「テクノロジー競争と経済安全保障」をテーマに、"#.to_string(),
        format!(r#"<link rel="canonical" href="{url}">"#),
        r#"<link rel="alternate" type="application/rss+xml" title="PEP Think" href="https://pep-think.example.com/feed.xml">"#.to_string(),
        r#"<meta property="og:title" content="テクノロジー競争と経済安全保障: Physical AI、レアアース、AI競争">"#.to_string(),
        r#"<meta property="og:type" content="article">"#.to_string(),
        format!(r#"<meta property="og:url" content="{url}">"#),
        r#"<meta property="og:image" content="https://pep-think.example.com/cover.jpg">"#.to_string(),
        r#"<meta property="og:site_name" content="PEP Think">"#.to_string(),
        r#"<meta property="og:locale" content="ja_JP">"#.to_string(),
        r#"<meta property="og:description" content=""#.to_string(),
        r#"<meta name="twitter:card" content="summary">"#.to_string(),
    ] {
        assert!(html.contains(&needle), "missing {needle}:\n{html}");
    }
    let ld: Value = serde_json::from_str(&support::json_ld(&html)).expect("JSON-LD");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "PodcastEpisode");
    assert_eq!(
        ld["name"],
        "テクノロジー競争と経済安全保障: Physical AI、レアアース、AI競争"
    );
    assert_eq!(ld["url"], url.as_str());
    assert_eq!(ld["datePublished"], "2026-02-20");
    assert_eq!(ld["duration"], "PT38M12S");
    assert_eq!(
        ld["associatedMedia"]["contentUrl"],
        format!("https://pep-think.example.com/audio/{SEED}.mp3").as_str()
    );
    assert_eq!(ld["partOfSeries"]["@type"], "PodcastSeries");
    assert_eq!(ld["partOfSeries"]["name"], "PEP Think");
}

#[test]
fn without_audio_timestamps_stay_text_and_there_is_no_script() {
    let show = Show::new().file("episodes/ep.yaml", support::MINIMAL_EPISODE);
    let out = show.run(&["build", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/ep/index.html");
    assert!(
        html.contains(r#"<time class="at" datetime="PT1M40S">01:40</time>"#),
        "{html}"
    );
    assert!(!html.contains("<audio") && !html.contains("#t="), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    // No base_url: no canonical link, no feed link, no og:url.
    assert!(
        !html.contains("canonical") && !html.contains("og:url") && !html.contains("rss+xml"),
        "{html}"
    );
}

#[test]
fn series_page_lists_episodes_with_their_first_sentence_and_subscribe_links() {
    let show = Show::built();
    let html = show.read("dist/index.html");
    assert!(
        html.contains(r#"<img class="cover" src="https://pep-think.example.com/cover.jpg" alt="" width="144" height="144">"#),
        "{html}"
    );
    for link in [
        r#"<li><a href="https://podcasts.apple.com/jp/podcast/pep-think/id0000000000" rel="noopener">Apple Podcasts</a></li>"#,
        r#"<li><a href="https://pep-think.example.com/feed.xml" type="application/rss+xml">RSS</a></li>"#,
    ] {
        assert!(html.contains(link), "missing {link}:\n{html}");
    }
    // Newest first, with number, date, duration and the lead's first sentence.
    let newer = html.find("semiconductor-supply-chains/").expect("listed");
    let older = html.find(&format!("{SEED}/")).expect("listed");
    assert!(newer < older, "{html}");
    assert!(
        html.contains(r#"第2回 · <time datetime="2026-03-06">2026年3月6日(金)</time> · <time datetime="PT1H12M30S">1:12:30</time>"#),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"teaser\">今回は、半導体サプライチェーンの再編をテーマに、各国の補助金政策と製造拠点の動きを読み解きます。</p>"),
        "{html}"
    );
    assert!(
        html.contains(r#"<meta property="og:type" content="website">"#),
        "{html}"
    );
}

/// The elements of `node` named `name` in namespace `ns`.
fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: Option<&str>,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .collect()
}

fn one<'a, 'i>(node: roxmltree::Node<'a, 'i>, ns: Option<&str>, name: &str) -> roxmltree::Node<'a, 'i> {
    let found = children(node, ns, name);
    assert_eq!(found.len(), 1, "<{name}> in <{}>", node.tag_name().name());
    found[0]
}

fn text(node: roxmltree::Node<'_, '_>) -> String {
    node.text().unwrap_or("").to_string()
}

#[test]
fn bundled_feed_has_what_directories_read() {
    let show = Show::built();
    let xml = show.read("dist/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let channel = one(doc.root_element(), None, "channel");
    let self_link = one(channel, Some(ATOM), "link");
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(
        self_link.attribute("href"),
        Some("https://pep-think.example.com/feed.xml")
    );
    assert_eq!(self_link.attribute("type"), Some("application/rss+xml"));
    let owner = one(channel, Some(ITUNES), "owner");
    assert_eq!(
        text(one(owner, Some(ITUNES), "name")),
        "政策起業家プラットフォーム(PEP)"
    );
    assert_eq!(
        text(one(owner, Some(ITUNES), "email")),
        "podcast@pep-think.example.com"
    );
    assert_eq!(text(one(channel, Some(ITUNES), "type")), "episodic");
    // UUIDv5 of "pep-think.example.com/feed.xml" in the podcast namespace.
    assert_eq!(
        text(one(channel, Some(PODCAST), "guid")),
        "dc6673bc-e301-5f28-964f-d8acea0a158b"
    );
    let category = one(channel, Some(ITUNES), "category");
    assert_eq!(category.attribute("text"), Some("News"));
    assert_eq!(
        one(category, Some(ITUNES), "category").attribute("text"),
        Some("Politics")
    );
    let items = children(channel, None, "item");
    assert_eq!(items.len(), 2);
    for item in items {
        let full = text(one(item, Some(CONTENT), "encoded"));
        let short = text(one(item, None, "description"));
        assert!(full.starts_with("<p>今回"), "{full}");
        assert!(full.len() >= short.len());
        assert_eq!(text(one(item, Some(ITUNES), "episodeType")), "full");
    }
    // The seed's description was shortened; its content:encoded was not.
    let seed = children(channel, None, "item")
        .into_iter()
        .find(|i| text(one(*i, None, "link")).contains(SEED))
        .expect("the seed");
    let full = text(one(seed, Some(CONTENT), "encoded"));
    assert!(full.len() > 4000, "{} bytes", full.len());
    assert!(full.contains("非対称的な「AI二極化」"), "{full}");
}

#[test]
fn season_episode_type_and_image_reach_the_feed_item() {
    let show = Show::bundled()
        .file(
            "episodes/trailer.yaml",
            "title: 予告\ndate: 2026-03-20\nseason: 2\nepisode_type: Trailer\nimage: https://example.com/t.jpg\naudio:\n  url: https://example.com/t.mp3\n  bytes: 10\n  type: audio/mpeg\ntopics:\n  - at: \"0:00\"\n    title: 予告\n",
        );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xml = show.read("dist/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let channel = one(doc.root_element(), None, "channel");
    let item = children(channel, None, "item")[0];
    assert_eq!(text(one(item, None, "title")), "予告");
    assert_eq!(text(one(item, Some(ITUNES), "season")), "2");
    assert_eq!(text(one(item, Some(PODCAST), "season")), "2");
    assert_eq!(text(one(item, Some(ITUNES), "episodeType")), "trailer");
    assert_eq!(
        one(item, Some(ITUNES), "image").attribute("href"),
        Some("https://example.com/t.jpg")
    );
    let page = show.read("dist/trailer/index.html");
    assert!(
        page.contains(r#"<meta property="og:image" content="https://example.com/t.jpg">"#),
        "{page}"
    );
}

#[test]
fn typos_in_the_new_keys_get_a_did_you_mean() {
    let show = Show::new()
        .file(
            "series.yaml",
            "title: T\nbase_url: https://e.com/\ncategory: Technolgy\ntype: serail\nowner:\n  name: 名前\n  email: not-an-address\n",
        )
        .file(
            "episodes/ep.yaml",
            "title: T\ndate: 2026-03-10\nepisode_type: bonis\nseason: 0\ntopics:\n  - at: \"0:00\"\n    title: A\n",
        );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains("error: `Technolgy` is not an Apple Podcasts category\n --> series.yaml:3:11");
    out.assert_stderr_contains("help: did you mean `Technology`?");
    out.assert_stderr_contains("error: `type` must be one of episodic, serial, found `serail`");
    out.assert_stderr_contains("help: did you mean `serial`?");
    out.assert_stderr_contains("error: `email` is not an e-mail address: `not-an-address`");
    out.assert_stderr_contains("error: `episode_type` must be one of full, trailer, bonus, found `bonis`");
    out.assert_stderr_contains("help: did you mean `bonus`?");
    out.assert_stderr_contains("error: `season` must be a positive integer, found 0");
    let show = Show::new().file("series.yaml", "title: T\ncategory: politics\n");
    let out = show.run(&["check", "--offline"]);
    out.assert_stderr_contains("help: did you mean `News/Politics`?");
}

/// A show that moved keeps its `podcast:guid` (in lower case); a value
/// that is not a UUID is an error where it is written.
#[test]
fn the_series_guid_is_the_feeds_podcast_guid() {
    let series = "title: T\nbase_url: https://e.com/\nimage: https://e.com/c.jpg\nguid: 917393E3-1B1E-5CEF-ACE4-EDAA54E1F810\n";
    let show = Show::new()
        .file("series.yaml", series)
        .file("episodes/ep.yaml", support::MINIMAL_EPISODE);
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let feed = show.read("dist/feed.xml");
    assert!(
        feed.contains("<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>"),
        "{feed}"
    );
    show.write(
        "series.yaml",
        series.replace("917393E3-1B1E", "917393E3_1B1E").as_bytes(),
    );
    let out = show.run(&["check", "--offline"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains("error: `guid` must be a UUID like ead4c236-bf58-58c6-a2c6-a6b28d128cb6, found `917393E3_1B1E-5CEF-ACE4-EDAA54E1F810`\n --> series.yaml:4:7");
    out.assert_stderr_contains("help: copy the <podcast:guid> of the show's previous feed");
}

#[test]
fn a_feed_without_image_or_items_builds_with_warnings() {
    let show = Show::new()
        .file("series.yaml", "title: T\nbase_url: https://e.com/\n")
        .file("episodes/ep.yaml", support::MINIMAL_EPISODE);
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "warning: feed.xml has no cover art: series.yaml has no `image`\n--> series.yaml",
    );
    out.assert_stderr_contains("warning: feed.xml has no episodes: no episode has `audio`\n--> series.yaml");
}

#[test]
fn shortening_drops_bodies_then_sources_and_keeps_the_lead() {
    let source = |n: usize| {
        format!(
            "      - publisher: 出版社{n}\n        title: 長い資料のタイトル{}\n        url: https://example.com/{n}/{}\n",
            "あ".repeat(40),
            "x".repeat(60)
        )
    };
    let mut topics = String::new();
    for t in 0..4 {
        topics.push_str(&format!(
            "  - at: \"{t}:00\"\n    title: 話題{t}\n    body: {}\n    sources:\n",
            "本文です。".repeat(20)
        ));
        for n in 0..4 {
            topics.push_str(&source(t * 10 + n));
        }
    }
    let lead = "リードの最初の文です。".repeat(5);
    let show = Show::new().file(
        "episodes/ep.yaml",
        &format!("title: T\ndate: 2026-03-10\nlead: {lead}\ntopics:\n{topics}"),
    );
    let out = show.run(&["build", "--format", "description"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/ep/description.html");
    assert!(html.len() <= 4000, "{}", html.len());
    assert!(
        html.starts_with(&format!("<p>{lead}</p>")),
        "the lead stays:\n{html}"
    );
    assert!(!html.contains("本文です。"), "bodies go first:\n{html}");
    // The first topic keeps its sources; the last one lost them.
    assert!(html.contains("出版社0,") && !html.contains("出版社30,"), "{html}");
    out.assert_stderr_contains("left out the topic bodies, left out the sources of the last ");
    out.assert_stderr_contains("(the largest part left out: the sources of 「話題");
}

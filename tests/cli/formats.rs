//! The publishing formats of `shownotes build`: chapters.json, youtube.txt,
//! description.html, index.html and feed.xml, and `--format`.

use crate::support::{Show, assert_golden, repo_file};

const SLUG: &str = "tech-competition-and-economic-security";

/// A series with everything the feed needs.
const SERIES: &str = "title: テスト番組 & <仲間>\ndescription: テスト用の番組です。\nbase_url: https://example.com/show/\nimage: https://example.com/cover.jpg\nauthor: 山田 & 佐藤\ncategory: Technology\nexplicit: false\n";

const AUDIO: &str = "audio:\n  url: https://example.com/a.mp3\n  bytes: 1234\n  type: audio/mpeg\n";

fn episode(title: &str, date: &str, number: Option<i64>, extra: &str, topics: &str) -> String {
    let number = number.map(|n| format!("number: {n}\n")).unwrap_or_default();
    format!("title: '{title}'\ndate: {date}\n{number}{extra}topics:\n{topics}")
}

fn topic(at: &str, title: &str, body: Option<&str>) -> String {
    let body = body
        .map(|b| format!("    body: |\n      {}\n", b.replace('\n', "\n      ")))
        .unwrap_or_default();
    format!("  - at: \"{at}\"\n    title: '{title}'\n{body}")
}

#[test]
fn bundled_show_matches_the_golden_files_of_every_format() {
    let show = Show::bundled();
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for file in ["chapters.json", "youtube.txt", "description.html"] {
        assert_golden(
            &format!("{SLUG}.{file}"),
            &show.read(&format!("dist/{SLUG}/{file}")),
        );
    }
    assert_golden("index.html", &show.read("dist/index.html"));
    assert_golden("feed.xml", &show.read("dist/feed.xml"));
    // The seed's notes.txt is untouched by the new keys.
    assert_golden(
        &format!("{SLUG}.txt"),
        &show.read(&format!("dist/{SLUG}/notes.txt")),
    );
    // The bundled episode is longer than both platforms allow.
    out.assert_stderr_contains(&format!(
            "warning: {SLUG}/youtube.txt was 5720 bytes, over the 5000-byte limit of YouTube descriptions; left out the body of the last topic (of 3 with a body) (the largest part left out: the body of 「AI競争という神話──非対称的な「AI二極化」と日本の立ち位置」, 1057 bytes): now 4663 bytes\n--> episodes/{SLUG}.yaml"
        ));
    out.assert_stderr_contains(&format!(
        "warning: {SLUG}/description.html was 5486 bytes, over the 4000-byte limit"
    ));
}

#[test]
fn chapters_json_parses_back_with_escaped_titles_and_first_sources() {
    let topics = topic("0:00", r#"引用 "quoted" \ back\slash"#, None)
        + &topic("1:02:03", "出典つき", None)
        + "    sources:\n      - title: 一つ目\n        url: https://example.com/first\n      - title: 二つ目\n        url: https://example.com/second\n";
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("章", "2026-03-01", None, "", &topics),
    );
    let out = show.run(&["build", "--format", "chapters"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = show.read("dist/ep1/chapters.json");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        parsed,
        serde_json::json!({
            "version": "1.2.0",
            "chapters": [
                {"startTime": 0, "title": r#"引用 "quoted" \ back\slash"#},
                {"startTime": 3723, "title": "出典つき", "url": "https://example.com/first"},
            ]
        })
    );
}

#[test]
fn youtube_inserts_the_opening_and_replaces_angle_brackets() {
    let topics = topic("1:40", "<script>タグ</script> と a > b", Some("本文 <b>強調</b>"))
        + &topic("12:59", "二つ目", None);
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("題 <1>", "2026-03-01", None, "", &topics),
    );
    let out = show.run(&["build", "--format", "youtube"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = show.read("dist/ep1/youtube.txt");
    assert!(
        text.starts_with("0:00 オープニング\n1:40 ＜script＞タグ＜/script＞ と a ＞ b\n12:59 二つ目\n"),
        "{text}"
    );
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
    assert!(text.contains("本文 ＜b＞強調＜/b＞"), "{text}");
}

#[test]
fn youtube_opening_title_comes_from_the_series_and_is_not_added_at_zero() {
    let show = Show::new()
        .file("series.yaml", "title: 番組\nopening_chapter: はじまり\n")
        .file(
            "episodes/late.yaml",
            &episode("遅い", "2026-03-01", None, "", &topic("0:30", "本題", None)),
        )
        .file(
            "episodes/zero.yaml",
            &episode(
                "最初から",
                "2026-03-02",
                None,
                "",
                &(topic("0:00", "本題", None) + &topic("1:10:00", "終盤", None)),
            ),
        );
    let out = show.run(&["build", "--format", "youtube"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        show.read("dist/late/youtube.txt")
            .starts_with("0:00 はじまり\n0:30 本題\n")
    );
    // Past an hour, every chapter line takes the H:MM:SS form.
    assert!(
        show.read("dist/zero/youtube.txt")
            .starts_with("0:00:00 本題\n1:10:00 終盤\n\n")
    );
}

#[test]
fn youtube_over_5000_bytes_drops_topic_bodies_and_says_so() {
    let body = "長い本文です。".repeat(120); // 2,520 bytes each
    let topics = topic("0:00", "一", Some(&body))
        + &topic("5:00", "二", Some(&body))
        + &topic("9:00", "三", Some(&body));
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("長い回", "2026-03-01", None, "", &topics),
    );
    let out = show.run(&["build", "--format", "youtube"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = show.read("dist/ep1/youtube.txt");
    assert!(text.len() <= 5000, "{} bytes", text.len());
    // The last bodies go first; the first topic keeps its body.
    assert_eq!(text.matches(&body).count(), 1, "{text}");
    assert!(text.contains("■三\n"), "{text}");
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with("warning: ep1/youtube.txt was "))
        .unwrap_or_else(|| panic!("no shortening message:\n{}", out.stderr));
    let number_after = |marker: &str| -> usize {
        let rest = &line[line
            .find(marker)
            .unwrap_or_else(|| panic!("{marker:?} in {line}"))
            + marker.len()..];
        rest.split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{line}"))
    };
    assert!(number_after(" was ") > 5000, "{line}");
    assert_eq!(number_after(": now "), text.len(), "{line}");
    assert!(
        line.contains("left out the bodies of the last 2 topics (of 3 with a body)"),
        "{line}"
    );
}

#[test]
fn description_keeps_only_allowed_tags_and_4000_bytes() {
    let body = "説明の本文です。**強調**と[リンク](https://example.com/x)。\n\n### 見出し\n\n1. 番号"
        .to_string()
        + &"長い本文です。".repeat(100);
    let topics = topic("0:00", "一 <i>斜体</i>", Some(&body)) + &topic("5:00", "二", Some(&body));
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode(
            "説明",
            "2026-03-01",
            None,
            "lead: '<script>alert(1)</script>リード'\n",
            &topics,
        ),
    );
    let out = show.run(&["build", "--format", "description"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/ep1/description.html");
    assert!(html.len() <= 4000, "{} bytes", html.len());
    let tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .map(|t| t.trim_start_matches('/').split([' ', '>']).next().unwrap_or(""))
        .collect();
    assert!(!tags.is_empty());
    for tag in &tags {
        assert!(
            ["p", "br", "ul", "li", "a"].contains(tag),
            "tag <{tag}> in {html}"
        );
    }
    assert!(!html.contains("rel="), "{html}");
    assert!(html.contains("一 &lt;i&gt;斜体&lt;/i&gt;"), "{html}");
    out.assert_stderr_contains("warning: ep1/description.html was ");
    out.assert_stderr_contains(
        "over the 4000-byte limit of Apple Podcasts and Spotify descriptions; left out the body of the last topic (of 2 with a body) (the largest part left out: the body of 「二」, 2216 bytes): now ",
    );
    assert!(
        !out.stderr.contains("youtube"),
        "only the selected formats: {}",
        out.stderr
    );
}

#[test]
fn index_lists_newest_first_with_links() {
    let show = Show::new()
        .file(
            "episodes/a.yaml",
            &episode("古い回", "2026-01-01", Some(1), "", &topic("0:00", "t", None)),
        )
        .file(
            "episodes/b.yaml",
            &episode("同日の2", "2026-02-01", Some(2), "", &topic("0:00", "t", None)),
        )
        .file(
            "episodes/c.yaml",
            &episode(
                "同日の3 <&>",
                "2026-02-01",
                Some(3),
                "",
                &topic("0:00", "t", None),
            ),
        );
    let out = show.run(&["build", "--format", "index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/index.html");
    assert!(html.contains("<html lang=\"ja\">"), "{html}");
    let c = html
        .find(r#"<a href="c/">同日の3 &lt;&amp;&gt;</a>"#)
        .expect("c listed");
    let b = html.find(r#"<a href="b/">同日の2</a>"#).expect("b listed");
    let a = html.find(r#"<a href="a/">古い回</a>"#).expect("a listed");
    assert!(c < b && b < a, "{html}");
    assert!(html.contains("第3回 · <time datetime=\"2026-02-01\">2026年2月1日(日)</time>"));
    // The one stylesheet the episode pages use.
    let css = repo_file("templates/style.css");
    assert!(html.contains(&css), "{html}");
    assert!(
        !show.path().join("dist/a/notes.txt").exists(),
        "--format index writes only the index"
    );
}

/// The first child element of `node` named `name` in namespace `ns`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, ns: Option<&str>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

#[test]
fn feed_parses_back_with_every_required_element() {
    let speakers = "speakers:\n  - name: 司会 & <進行>\n  - name: ゲスト\n    kind: Guest\n";
    let show = Show::new()
        .file("series.yaml", SERIES)
        .file(
            "episodes/ep1.yaml",
            &episode(
                "A & B <C>",
                "2026-03-01",
                Some(7),
                &format!("duration: \"45:30\"\n{AUDIO}{speakers}"),
                &topic("0:00", "一 & <二>", Some("本文")),
            ),
        )
        .file(
            "episodes/ep2.yaml",
            &episode(
                "新しい回",
                "2026-03-08",
                Some(8),
                AUDIO,
                &topic("0:00", "t", None),
            ),
        );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xml = show.read("dist/feed.xml");
    // Escaping and CDATA in the raw text.
    assert!(xml.contains("<title>A &amp; B &lt;C&gt;</title>"), "{xml}");
    assert!(xml.contains("<description><![CDATA[<p>"), "{xml}");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    assert_eq!(
        rss.lookup_namespace_uri(Some("itunes")),
        Some("http://www.itunes.com/dtds/podcast-1.0.dtd")
    );
    assert_eq!(
        rss.lookup_namespace_uri(Some("podcast")),
        Some("https://podcastindex.org/namespace/1.0")
    );
    const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
    let text = |node: roxmltree::Node<'_, '_>| node.text().unwrap_or("").to_string();
    let channel = child(rss, None, "channel");
    assert_eq!(text(child(channel, None, "title")), "テスト番組 & <仲間>");
    assert_eq!(text(child(channel, None, "link")), "https://example.com/show/");
    assert_eq!(
        text(child(channel, None, "description")),
        "<p>テスト用の番組です。</p>"
    );
    assert_eq!(text(child(channel, None, "language")), "ja");
    assert_eq!(
        child(channel, Some(ITUNES), "image").attribute("href"),
        Some("https://example.com/cover.jpg")
    );
    assert_eq!(text(child(channel, Some(ITUNES), "author")), "山田 & 佐藤");
    assert_eq!(
        child(channel, Some(ITUNES), "category").attribute("text"),
        Some("Technology")
    );
    assert_eq!(text(child(channel, Some(ITUNES), "explicit")), "false");
    let items: Vec<_> = channel.children().filter(|c| c.has_tag_name("item")).collect();
    assert_eq!(items.len(), 2);
    // Newest first.
    assert_eq!(text(child(items[0], None, "title")), "新しい回");
    let item = items[1];
    assert_eq!(text(child(item, None, "title")), "A & B <C>");
    assert_eq!(text(child(item, None, "guid")), "https://example.com/show/ep1/");
    assert_eq!(
        text(child(item, None, "pubDate")),
        "Sun, 01 Mar 2026 00:00:00 +0900"
    );
    let description = text(child(item, None, "description"));
    assert!(
        description.starts_with("<p>■今回のトピック</p>\n<p>00:00 一 &amp; &lt;二&gt;</p>"),
        "{description}"
    );
    assert_eq!(text(child(item, Some(ITUNES), "episode")), "7");
    assert_eq!(text(child(item, Some(ITUNES), "duration")), "2730");
    let enclosure = child(item, None, "enclosure");
    assert_eq!(enclosure.attribute("url"), Some("https://example.com/a.mp3"));
    assert_eq!(enclosure.attribute("length"), Some("1234"));
    assert_eq!(enclosure.attribute("type"), Some("audio/mpeg"));
    assert_eq!(
        child(item, Some(PODCAST), "chapters").attribute("url"),
        Some("https://example.com/show/ep1/chapters.json")
    );
    let people: Vec<(String, Option<&str>)> = item
        .children()
        .filter(|c| c.tag_name().namespace() == Some(PODCAST) && c.tag_name().name() == "person")
        .map(|p| (text(p), p.attribute("role")))
        .collect();
    assert_eq!(
        people,
        [
            ("司会 & <進行>".to_string(), Some("host")),
            ("ゲスト".to_string(), Some("guest"))
        ]
    );
}

#[test]
fn episode_without_audio_is_left_out_of_the_feed_with_a_warning() {
    let show = Show::new()
        .file("series.yaml", SERIES)
        .file(
            "episodes/with.yaml",
            &episode("音声あり", "2026-03-01", None, AUDIO, &topic("0:00", "t", None)),
        )
        .file(
            "episodes/without.yaml",
            &episode("音声なし", "2026-03-02", None, "", &topic("0:00", "t", None)),
        );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "warning: episode `without` has no `audio`, so it is left out of feed.xml\n--> episodes/without.yaml\n",
    );
    let xml = show.read("dist/feed.xml");
    assert!(xml.contains("音声あり") && !xml.contains("音声なし"), "{xml}");
    // Still on the series page.
    assert!(show.read("dist/index.html").contains("音声なし"));
}

#[test]
fn feed_without_base_url_is_an_error_only_when_selected() {
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("回", "2026-03-01", None, AUDIO, &topic("0:00", "t", None)),
    );
    // Building everything, the feed is left out with a note.
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "warning: feed.xml is not written: series.yaml has no `base_url`\n--> series.yaml\n = help: set `base_url: https://example.com/show/` to publish a podcast feed",
    );
    assert!(!show.path().join("dist/feed.xml").exists());
    std::fs::remove_dir_all(show.path().join("dist")).expect("clean dist");
    // Asked for by name, it is an error.
    let out = show.run(&["build", "--format", "html,feed"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains(
        "error: feed.xml needs the address the show is published at, and series.yaml has no `base_url`\n--> series.yaml\n = help: set `base_url: https://example.com/show/` in series.yaml",
    );
    assert!(
        !show.path().join("dist/ep1").exists(),
        "a failed build writes nothing"
    );
    let out = show.run(&["build", "--format", "txt,md,chapters"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut written: Vec<String> = std::fs::read_dir(show.path().join("dist/ep1"))
        .expect("dist/ep1")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["chapters.json", "notes.md", "notes.txt"]);
    assert!(!show.path().join("dist/index.html").exists());
}

#[test]
fn unknown_format_is_a_usage_error_listing_the_valid_ones() {
    let out = Show::new().run(&["build", "--format", "txt,rss"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("invalid value 'rss' for '--format <LIST>'");
    out.assert_stderr_contains(
        "[possible values: txt, md, html, chapters, youtube, description, index, feed]",
    );
}

#[test]
fn naming_episode_files_leaves_the_show_level_outputs_alone() {
    let show = Show::new().file("series.yaml", SERIES).file(
        "episodes/ep1.yaml",
        &episode("回", "2026-03-01", None, AUDIO, &topic("0:00", "t", None)),
    );
    let out = show.run(&["build", "episodes/ep1.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(show.path().join("dist/ep1/youtube.txt").exists());
    assert!(!show.path().join("dist/index.html").exists());
    assert!(!show.path().join("dist/feed.xml").exists());
    let out = show.run(&["build", "--format", "feed", "episodes/ep1.yaml"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("error: index and feed list every episode of the show");
}

#[test]
fn audio_and_speaker_kind_are_validated() {
    let extra = "audio:\n  url: javascript:alert(1)\n  bytes: -5\n  type: video/mp4\nspeakers:\n  - name: 山田\n    kind: cohost\n";
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("回", "2026-03-01", None, extra, &topic("0:00", "t", None)),
    );
    let out = show.run(&["build", "--format", "txt"]);
    assert_eq!(out.code, 1);
    for expected in [
        "error: `url` is not a usable link: `javascript:` links are not allowed; only http and https\n --> episodes/ep1.yaml:4:8",
        "error: `bytes` must be a positive number of bytes, found -5\n --> episodes/ep1.yaml:5:10",
        "error: `type` must be an audio MIME type such as `audio/mpeg`, found `video/mp4`\n --> episodes/ep1.yaml:6:9",
        "= help: did you mean `audio/mp4`?",
        "error: `cohost` is not a role of the Podcasting 2.0 person taxonomy\n --> episodes/ep1.yaml:9:11",
        "= help: did you mean `co-host`?",
    ] {
        out.assert_stderr_contains(expected);
    }
}

#[test]
fn audio_needs_url_and_type_and_no_other_keys() {
    let extra = "audio:\n  url: https://example.com/a.mp3\n  size: 12\n";
    let show = Show::new().file(
        "episodes/ep1.yaml",
        &episode("回", "2026-03-01", None, extra, &topic("0:00", "t", None)),
    );
    let out = show.run(&["build", "--format", "txt"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: unknown key `size` in audio");
    out.assert_stderr_contains("error: missing required key `type` in audio");
    assert!(
        !out.stderr.contains("`bytes`"),
        "bytes is optional: {}",
        out.stderr
    );
}

#[test]
fn overridden_templates_still_obey_the_platform_rules() {
    let show = Show::new()
        .file(
            "episodes/ep1.yaml",
            &episode("回", "2026-03-01", None, "", &topic("0:00", "t", None)),
        )
        .file("templates/youtube.txt", "<b>{{ episode.title }}</b>\n")
        .file(
            "templates/description.html",
            "<h1>{{ episode.title }}</h1><p onclick=\"x\">本文</p>\n",
        );
    let out = show.run(&["build", "--format", "youtube,description"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(show.read("dist/ep1/youtube.txt"), "＜b＞回＜/b＞\n");
    assert_eq!(show.read("dist/ep1/description.html"), "回<p>本文</p>\n");
    let show = show.file("templates/chapters.json", "{ chapters: {{ chapters_json }}\n");
    let out = show.run(&["build", "--format", "chapters"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: template chapters.json did not produce valid JSON");
}

#[test]
fn the_feed_and_description_html_carry_no_markup_from_content() {
    let show = Show::new()
        .file(
            "series.yaml",
            "title: 番組\ndescription: '説明 <img src=x onerror=alert(1)> [s](https://x.test/ \"t\\\" onmouseover=\\\"x\")'\nbase_url: https://x.test/\n",
        )
        .file(
            "episodes/ep.yaml",
            &episode(
                "回",
                "2026-03-01",
                Some(1),
                &format!("lead: '[a](https://x.test/a \"t\\\" onmouseover=\\\"x\")'\n{AUDIO}"),
                &topic("0:00", "一", None),
            ),
        );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let description = show.read("dist/ep/description.html");
    assert!(
        description.contains(r#"<a href="https://x.test/a">a</a>"#),
        "{description}"
    );
    let xml = show.read("dist/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let channel = child(doc.root_element(), None, "channel");
    let item = child(channel, None, "item");
    // What a reader renders as HTML, once the XML is parsed.
    for html in [
        child(channel, None, "description").text().unwrap_or(""),
        child(item, None, "description").text().unwrap_or(""),
    ] {
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("title="), "{html}");
        assert!(!html.contains("onmouseover"), "{html}");
    }
    let channel_description = child(channel, None, "description").text().unwrap_or("");
    assert!(
        channel_description
            .contains("説明 &lt;img src=x onerror=alert(1)&gt; <a href=\"https://x.test/\">s</a>"),
        "{channel_description}"
    );
}

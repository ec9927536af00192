//! The note shapes of real podcasts: untimed and grouped topics, annotated
//! sources, episode-wide links, guests with their own page, decimal
//! numbers, date-times with offsets, unknown audio sizes, a kept guid, an
//! outside page, the series' time zone and footer — in every output.

use crate::support::{Show, assert_golden};

const SERIES: &str = r#"title: ガジェット通信
description: ガジェットとコンテンツの話をする番組です。
base_url: https://gadget.example.com/
timezone: "+09:00"
footer: |
  お便りは [フォーム](https://gadget.example.com/form) からどうぞ。
speakers:
  - name: 山田 太郎
"#;

const EPISODE: &str = r#"title: 新しいスマホと配信ドラマ
number: 19.5
date: 2021-05-26T21:30:00+09:00
duration: "58:00"
guid: gadget-tsushin-19-5
url: https://old-host.example.net/episodes/19-5
lead: 番外編です。
topics:
  - title: お便り紹介
  - at: "0:00"
    title: オープニング
  - at: "03:10"
    group: ニュース
    title: 新型スマホ発表
    sources:
      - publisher: Example News
        title: 新型スマホ発表会まとめ
        url: https://news.example.com/phone
        note: 日本語の**速報**記事
  - at: "12:00"
    group: ニュース
    title: 値下げの話
  - group: ガジェット
    title: 買ってよかったもの
    body: 番組の最後に話したものです。
  - at: "30:00"
    group: コンテンツ
    title: 配信ドラマ
links:
  - publisher: Example Shop
    title: 紹介したケーブル
    url: https://shop.example.com/cable
    note: 番組内で紹介
  - title: 番組の感想ハッシュタグ
    url: https://social.example.com/tags/gadget
speakers:
  - name: 山田 太郎
    kind: host
  - name: 佐藤 花子
    kind: guest
    role: ライター
    url: https://hanako.example.com/
    image: https://hanako.example.com/face.jpg
audio:
  url: https://cdn.example.com/19-5.mp3
  type: audio/mpeg
"#;

fn show() -> Show {
    Show::new()
        .file("series.yaml", SERIES)
        .file("episodes/ep19-5.yaml", EPISODE)
}

#[test]
fn every_new_key_reaches_every_output() {
    let show = show();
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "warning: episode `ep19-5` has no `audio.bytes`: feed.xml gives its enclosure length=\"0\"",
    );
    for (file, golden) in [
        ("notes.txt", "real-shows.txt"),
        ("notes.md", "real-shows.md"),
        ("index.html", "real-shows.html"),
        ("chapters.json", "real-shows.chapters.json"),
        ("youtube.txt", "real-shows.youtube.txt"),
        ("description.html", "real-shows.description.html"),
    ] {
        assert_golden(golden, &show.read(&format!("dist/ep19-5/{file}")));
    }
    assert_golden("real-shows.feed.xml", &show.read("dist/feed.xml"));
}

#[test]
fn untimed_topics_are_no_chapters_and_groups_print_once() {
    let show = show();
    assert_eq!(show.run(&["build"]).code, 0);
    let txt = show.read("dist/ep19-5/notes.txt");
    assert!(
        txt.contains("■今回のトピック\nお便り紹介\n00:00 オープニング\n■ ニュース\n03:10 新型スマホ発表"),
        "{txt}"
    );
    assert_eq!(txt.matches("■ ニュース").count(), 1, "{txt}");
    assert!(txt.contains("■ ガジェット\n買ってよかったもの\n"), "{txt}");
    assert!(
        txt.contains(
            "■参考リンク\nExample Shop, “紹介したケーブル”\nhttps://shop.example.com/cable\n番組内で紹介\n"
        ),
        "{txt}"
    );
    assert!(
        txt.ends_with("お便りは フォーム からどうぞ。\n") || txt.contains("お便りは"),
        "{txt}"
    );
    let chapters = show.read("dist/ep19-5/chapters.json");
    assert!(
        !chapters.contains("お便り紹介") && !chapters.contains("買ってよかったもの"),
        "{chapters}"
    );
    let youtube = show.read("dist/ep19-5/youtube.txt");
    assert!(
        youtube.starts_with("0:00 オープニング\n3:10 新型スマホ発表\n12:00 値下げの話\n30:00 配信ドラマ\n"),
        "{youtube}"
    );
}

#[test]
fn the_feed_keeps_guid_link_instant_and_decimal_number() {
    let show = show();
    assert_eq!(show.run(&["build"]).code, 0);
    let feed = show.read("dist/feed.xml");
    assert!(
        feed.contains(r#"<guid isPermaLink="false">gadget-tsushin-19-5</guid>"#),
        "{feed}"
    );
    assert!(
        feed.contains("<link>https://old-host.example.net/episodes/19-5</link>"),
        "{feed}"
    );
    assert!(
        feed.contains("<pubDate>Wed, 26 May 2021 21:30:00 +0900</pubDate>"),
        "{feed}"
    );
    assert!(
        !feed.contains("<itunes:episode>"),
        "19.5 is no itunes:episode: {feed}"
    );
    assert!(feed.contains(r#"length="0""#), "{feed}");
    assert!(
        feed.contains(r#"<podcast:person role="guest" group="cast" href="https://hanako.example.com/" img="https://hanako.example.com/face.jpg">佐藤 花子</podcast:person>"#),
        "{feed}"
    );
    let page = show.read("dist/ep19-5/index.html");
    assert!(page.contains("第19.5回"), "{page}");
    assert!(page.contains(r#"<span class="kind">ゲスト</span> <a href="https://hanako.example.com/" rel="noopener">佐藤 花子</a>"#), "{page}");
}

#[test]
fn a_date_alone_is_midnight_in_the_series_timezone() {
    let show = Show::new()
        .file("series.yaml", "title: t\nbase_url: https://e.example.com/\ntimezone: \"-05:00\"\n")
        .file(
            "episodes/a.yaml",
            "title: a\nnumber: 3\ndate: 2026-03-01\ntopics:\n  - at: \"0:00\"\n    title: x\naudio:\n  url: https://e.example.com/a.mp3\n  bytes: 10\n  type: audio/mpeg\n",
        );
    assert_eq!(show.run(&["build", "--format", "feed"]).code, 0);
    let feed = show.read("dist/feed.xml");
    assert!(
        feed.contains("<pubDate>Sun, 01 Mar 2026 00:00:00 -0500</pubDate>"),
        "{feed}"
    );
    assert!(feed.contains("<itunes:episode>3</itunes:episode>"), "{feed}");
    assert!(
        feed.contains(r#"<guid isPermaLink="true">https://e.example.com/a/</guid>"#),
        "{feed}"
    );
}

#[test]
fn timed_topics_still_go_forward_around_untimed_ones() {
    let show = Show::new().file(
        "episodes/a.yaml",
        "title: a\ndate: 2026-03-01\nduration: \"10:00\"\ntopics:\n  - at: \"5:00\"\n    title: x\n  - title: 時刻なし\n  - at: \"4:00\"\n    title: y\n  - at: \"11:00\"\n    title: z\n",
    );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: topic starts at 04:00, not after the previous topic at 05:00");
    out.assert_stderr_contains("error: topic starts at 11:00, at or after the end of the episode (10:00)");
}

#[test]
fn bad_new_values_are_reported_with_a_fix() {
    let show = Show::new()
        .file("series.yaml", "title: t\ntimezone: JST\n")
        .file(
            "episodes/a.yaml",
            "title: a\nnumber: 1e3\ndate: 2021-05-26T25:30:00+09:00\ntopics:\n  - title: x\n    body: |\n  - title: y\n    grop: g\nguid: \"\"\nurl: javascript:alert(1)\n",
        );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: `timezone` must be a fixed offset such as `+09:00`, found `JST`");
    out.assert_stderr_contains(
        "error: `number` must be a number of 0 or more such as `12` or `19.5`, found `1e3`",
    );
    out.assert_stderr_contains(
        "error: `date` must be a date or a date-time with offset, found `2021-05-26T25:30:00+09:00`",
    );
    out.assert_stderr_contains("error: `body` is empty\n --> episodes/a.yaml:6:5");
    out.assert_stderr_contains("= help: did you mean `group`?");
    out.assert_stderr_contains("error: `guid` is empty");
    out.assert_stderr_contains("error: `url` is not a usable link");
}

#[test]
fn type_errors_say_what_to_write() {
    let show = Show::new().file(
        "episodes/a.yaml",
        "title: a\nnumber: [1]\ndate: 2026-03-01\ntopics:\n  - title: x\n",
    );
    let out = show.check_offline();
    out.assert_stderr_contains("error: `number` must be a number such as `12` or `19.5`, found a list");
    out.assert_stderr_contains("= help: write `number` as a number such as `12` or `19.5`");
}

//! One test per validation rule: the exact message and file:line:column.

use crate::support::Show;

/// A valid episode with `{}` replaced by extra lines, for rules that need
/// one bad value in an otherwise good file.
fn episode(extra: &str) -> String {
    format!(
        "title: テスト回\ndate: 2026-03-10\n{extra}topics:\n  - at: \"0:00\"\n    title: はじめに\n  - at: \"10:00\"\n    title: 本題\n"
    )
}

/// Runs `check --offline` and asserts exit 1 and that stderr holds `expected`
/// verbatim (a whole rustc-style block).
#[track_caller]
fn assert_problem(show: &Show, expected: &str) {
    let out = show.check_offline();
    out.assert_stderr_contains(expected);
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn unknown_key_suggests_the_known_one() {
    let show = Show::new().file("episodes/ep.yaml", &episode("titel: 別名\n"));
    assert_problem(
        &show,
        "error: unknown key `titel` in episode
 --> episodes/ep.yaml:3:1
  |
3 | titel: 別名
  | ^^^^^
  |
  = help: did you mean `title`?",
    );
}

#[test]
fn unknown_key_without_a_close_match_lists_the_keys() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n    zzz: 1\n",
    );
    assert_problem(
        &show,
        "error: unknown key `zzz` in topic
 --> episodes/ep.yaml:6:5
  |
6 |     zzz: 1
  |     ^^^
  |
  = help: the keys of a topic are: at, group, title, body, sources",
    );
}

#[test]
fn missing_required_key_points_at_its_mapping() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n  - at: \"1:00\"\n    title: b\n",
    );
    assert_problem(
        &show,
        "error: missing required key `title` in topic
 --> episodes/ep.yaml:4:5
  |
4 |   - at: \"0:00\"
  |     ^
  |
  = help: add `title:` to this topic",
    );
}

#[test]
fn wrong_type_suggests_quotes() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: 2025\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `title` must be a string, found an integer
 --> episodes/ep.yaml:1:8
  |
1 | title: 2025
  |        ^^^^
  |
  = help: put the value in quotes to make it text",
    );
}

#[test]
fn empty_and_blank_strings_are_errors() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: \"   \"\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `title` is empty
 --> episodes/ep.yaml:1:8
  |
1 | title: \"   \"
  |        ^^^^^
  |
  = help: write a title, or remove the key if it is optional",
    );
}

#[test]
fn timestamp_format() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: 1.40\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `at` must be a timestamp such as `1:40`, found a number
 --> episodes/ep.yaml:4:9
  |
4 |   - at: 1.40
  |         ^^^^",
    );
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"1:4\"\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `at` must be a timestamp like 1:40, found `1:4`
 --> episodes/ep.yaml:4:9
  |
4 |   - at: \"1:4\"
  |         ^^^^^
  |
  = help: write M:SS, MM:SS or H:MM:SS, e.g. 1:40 or 1:02:03",
    );
}

#[test]
fn timestamp_minutes_and_seconds_below_60() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: 1:75\n    title: a\n  - at: 1:60:00\n    title: b\n",
    );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains(
        "error: `at` has 75 seconds in `1:75`; seconds must be below 60
 --> episodes/ep.yaml:4:9",
    );
    out.assert_stderr_contains(
        "error: `at` has 60 minutes in `1:60:00`; minutes must be below 60
 --> episodes/ep.yaml:6:9",
    );
}

#[test]
fn timestamps_must_increase() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"5:00\"\n    title: a\n  - at: \"5:00\"\n    title: b\n  - at: \"4:00\"\n    title: c\n",
    );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains(
        "error: topic starts at 05:00, not after the previous topic at 05:00
 --> episodes/ep.yaml:6:9
  |
6 |   - at: \"5:00\"
  |         ^^^^^^ goes backwards
  |
  = help: topics must be in order of time; the previous one is at line 4",
    );
    out.assert_stderr_contains(
        "error: topic starts at 04:00, not after the previous topic at 05:00
 --> episodes/ep.yaml:8:9",
    );
}

#[test]
fn topics_must_start_before_the_duration() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\nduration: \"30:00\"\ntopics:\n  - at: \"0:00\"\n    title: a\n  - at: \"30:00\"\n    title: b\n",
    );
    assert_problem(
        &show,
        "error: topic starts at 30:00, at or after the end of the episode (30:00)
 --> episodes/ep.yaml:7:9
  |
7 |   - at: \"30:00\"
  |         ^^^^^^^
  |
  = help: check this timestamp, or `duration` at line 3",
    );
}

#[test]
fn dates_must_exist() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-02-30\ntopics:\n  - at: \"0:00\"\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `2026-02-30` is not a calendar date
 --> episodes/ep.yaml:2:7
  |
2 | date: 2026-02-30
  |       ^^^^^^^^^^
  |
  = help: 2026-02 has 28 days",
    );
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026/3/1\ntopics:\n  - at: \"0:00\"\n    title: a\n",
    );
    assert_problem(
        &show,
        "error: `date` must be written YYYY-MM-DD, found `2026/3/1`
 --> episodes/ep.yaml:2:7",
    );
}

#[test]
fn urls_must_be_absolute_http() {
    let cases = [
        (
            "javascript:alert(1)",
            "`javascript:` links are not allowed; only http and https",
        ),
        (
            "data:text/html,hi",
            "`data:` links are not allowed; only http and https",
        ),
        (
            "file:///etc/passwd",
            "`file:` links are not allowed; only http and https",
        ),
        (
            "/relative/page",
            "a relative URL; links must be absolute (https://...)",
        ),
        (
            "https://example.com:99999/",
            "not a valid URL (invalid port number)",
        ),
    ];
    for (url, why) in cases {
        let show = Show::new().file(
            "episodes/ep.yaml",
            &format!(
                "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n    sources:\n      - title: 記事\n        url: \"{url}\"\n"
            ),
        );
        assert_problem(
            &show,
            &format!(
                "error: `url` is not a usable link: {why}\n --> episodes/ep.yaml:8:14\n  |\n8 |         url: \"{url}\"\n"
            ),
        );
    }
}

#[test]
fn organizer_urls_follow_the_same_rule() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        &episode("organizers:\n  - name: 主催\n    url: javascript:void(0)\n"),
    );
    assert_problem(
        &show,
        "error: `url` is not a usable link: `javascript:` links are not allowed; only http and https
 --> episodes/ep.yaml:5:10",
    );
}

#[test]
fn links_inside_markdown_point_at_the_link() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n    body: |\n      一行目です。\n      詳しくは[こちら](javascript:alert(1))へ。\n",
    );
    assert_problem(
        &show,
        "error: a link in `body` is not usable: `javascript:` links are not allowed; only http and https
 --> episodes/ep.yaml:8:17
  |
8 |       詳しくは[こちら](javascript:alert(1))へ。
  |                        ^^^^^^^^^^^^^^^^^^^",
    );
}

#[test]
fn slug_must_be_ascii() {
    let show = Show::new().file("episodes/第1回.yaml", &episode(""));
    assert_problem(
        &show,
        "error: file name `第1回` cannot be a slug: use only ASCII letters, digits, `-` and `_`
--> episodes/第1回.yaml
 = help: the file name becomes the episode's URL; rename it, e.g. to `1.yaml`",
    );
}

#[test]
fn an_episode_needs_topics() {
    let show = Show::new().file("episodes/ep.yaml", "title: t\ndate: 2026-03-10\ntopics: []\n");
    assert_problem(
        &show,
        "error: an episode needs at least one topic
 --> episodes/ep.yaml:3:9",
    );
}

#[test]
fn duplicate_keys_are_reported() {
    let show = Show::new().file("episodes/ep.yaml", &episode("title: もう一つ\n"));
    assert_problem(
        &show,
        "error: `title` is given twice in this episode
 --> episodes/ep.yaml:3:1",
    );
}

#[test]
fn yaml_syntax_errors_have_a_position() {
    let show = Show::new().file("episodes/ep.yaml", "title: [unclosed\ndate: 2026-03-10\n");
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: invalid YAML: ");
    out.assert_stderr_contains(" --> episodes/ep.yaml:");
}

#[test]
fn series_yaml_is_validated_too() {
    let show = Show::empty()
        .file("series.yaml", "title: 番組\nlanguge: ja\n")
        .file("episodes/ep.yaml", &episode(""));
    assert_problem(
        &show,
        "error: unknown key `languge` in series
 --> series.yaml:2:1
  |
2 | languge: ja
  | ^^^^^^^
  |
  = help: did you mean `language`?",
    );
}

#[test]
fn every_problem_of_a_run_is_reported_together() {
    let show = Show::new()
        .file(
            "episodes/a.yaml",
            "titel: t\ndate: 2026-02-30\ntopics:\n  - at: \"5:00\"\n    title: a\n  - at: \"4:00\"\n    title: b\n",
        )
        .file("episodes/b.yaml", &episode("number: -1\n"));
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    for expected in [
        " --> episodes/a.yaml:1:1\n  |\n1 | titel",
        "error: missing required key `title` in episode",
        "error: `2026-02-30` is not a calendar date",
        "error: topic starts at 04:00, not after the previous topic at 05:00",
        "error: `number` must not be negative, found -1\n --> episodes/b.yaml:3:9",
    ] {
        out.assert_stderr_contains(expected);
    }
    out.assert_stderr_contains("\n0 links checked (offline), 5 errors, 3 warnings, 0 from cache, in ");
}

#[test]
fn a_clean_show_passes() {
    let out = Show::bundled().check_offline();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains("0 links checked (offline), 0 errors, 3 warnings, 0 from cache");
}

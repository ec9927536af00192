//! `shownotes check --offline`: chapter and platform rules, settings, exit codes.

use crate::support::{Show, codes};
use serde_json::Value;

#[test]
fn seed_episode_exceeds_both_description_budgets() {
    let show = Show::bundled();
    let out = show.check_offline();
    assert_eq!(out.code, 0, "warnings only: {}", out.stderr);
    out.assert_stderr_contains(
        "warning: the plain-text notes are 5,393 bytes (2,235 characters), over Apple Podcasts' limit of 4,000 bytes\n --> episodes/tech-competition-and-economic-security.yaml:1:8",
    );
    out.assert_stderr_contains(
        "warning: the plain-text notes are 5,393 bytes (2,235 characters), over YouTube's limit of 5,000 bytes",
    );
    out.assert_stderr_contains(
        "warning: the first topic starts at 01:40, not at 0:00\n  --> episodes/tech-competition-and-economic-security.yaml:12:9",
    );
    let summary = out.stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("0 links checked (offline), 0 errors, 3 warnings, 0 from cache, in "),
        "{summary}"
    );
    // --deny-warnings makes them fail.
    assert_eq!(show.run(&["check", "--offline", "--deny-warnings"]).code, 1);
    // The same in JSON.
    let out = show.run(&["check", "--offline", "--format", "json"]);
    let doc = out.json();
    assert_eq!(out.code, 0);
    assert_eq!(
        codes(&doc),
        [
            "apple-description-limit",
            "youtube-description-limit",
            "first-topic-not-at-start"
        ]
    );
    assert_eq!(doc["totals"]["warnings"], 3);
    assert_eq!(doc["totals"]["offline"], true);
    assert_eq!(doc["findings"][0]["line"], 1);
    assert_eq!(doc["findings"][0]["column"], 8);
    assert_eq!(doc["findings"][0]["url"], Value::Null);
}

#[test]
fn short_chapters_and_too_few_topics() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: 短い回\ndate: 2026-01-01\nduration: \"1:00\"\ntopics:\n  - at: \"0:00\"\n    title: 一\n  - at: \"0:55\"\n    title: 二\n",
    );
    let out = show.run(&["check", "--offline", "--format", "json"]);
    let doc = out.json();
    assert_eq!(out.code, 0);
    assert_eq!(codes(&doc), ["few-topics", "short-chapter"]);
    assert_eq!(
        doc["findings"][1]["message"],
        "the chapter at 00:55 lasts 5 s, shorter than 10 s"
    );
    assert_eq!(doc["findings"][1]["line"], 7);
    assert_eq!(
        doc["findings"][0]["message"],
        "only 2 topics: YouTube, Apple Podcasts and Spotify show no chapters below 3"
    );
}

#[test]
fn check_settings_are_validated_with_did_you_mean() {
    let show = Show::new()
        .file(
            "series.yaml",
            "title: 番組\ncheck:\n  max_per_hots: 2\n  timeout: soon\n  max_concurrency: 0\n",
        )
        .file("episodes/ep.yaml", "title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n  - at: \"1:00\"\n    title: 二\n  - at: \"2:00\"\n    title: 三\n");
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: unknown key `max_per_hots` in check section\n --> series.yaml:3:3");
    out.assert_stderr_contains("= help: did you mean `max_per_host`?");
    out.assert_stderr_contains("error: `timeout`: `soon` is not a duration");
    out.assert_stderr_contains("error: `max_concurrency` must be from 1 to 1000, found 0");
}

#[test]
fn bad_flags_are_usage_errors() {
    let show = Show::bundled();
    let out = show.run(&["check", "--max-cache-age", "1w"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("unknown unit `w`");
    assert_eq!(show.run(&["check", "--max-per-host", "0"]).code, 2);
    assert_eq!(show.run(&["check", "--format", "xml"]).code, 2);
    let out = show.run(&["check", "--offline", "--timeout", "0"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("`0` is no time at all; a timeout must be more than 0");
}

#[test]
fn a_zero_timeout_in_series_yaml_points_at_its_value() {
    let show = Show::new()
        .file("series.yaml", "title: 番組\ncheck:\n  connect_timeout: 0s\n")
        .file(
            "episodes/ep.yaml",
            "title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
        );
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains(
        "error: `connect_timeout`: `0s` is no time at all; a timeout must be more than 0\n --> series.yaml:3:20",
    );
}

#[test]
fn github_format_offline() {
    let show = Show::bundled();
    let out = show.run(&["check", "--offline", "--format", "github"]);
    assert_eq!(out.code, 0);
    let first = out.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "::warning file=episodes/tech-competition-and-economic-security.yaml,line=1,col=8,title=shownotes apple-description-limit::the plain-text notes are 5,393 bytes (2,235 characters), over Apple Podcasts' limit of 4,000 bytes%0Ahelp: shorten the topic bodies by 1,393 bytes; a Japanese character takes 3 bytes"
    );
}

#[test]
fn a_shows_own_notes_template_is_measured_with_everything_it_reads() {
    // 4,100 bytes of `page.title` alone: over Apple's limit only when the
    // template is given `page` (the built-in one never reads it).
    let title = "あ".repeat(1_400);
    let show = Show::new()
        .file(
            "episodes/ep.yaml",
            &format!(
                "title: {title}\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n  - at: \"1:00\"\n    title: 二\n  - at: \"2:00\"\n    title: 三\n"
            ),
        )
        .file("templates/episode.txt", "{{ page.title }}{{ page.title | length }}");
    let out = show.run(&["check", "--offline", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(codes(&doc), ["apple-description-limit"]);
    assert_eq!(
        doc["findings"][0]["message"],
        "the plain-text notes are 4,204 bytes (1,404 characters), over Apple Podcasts' limit of 4,000 bytes"
    );
}

//! `shownotes check` against real HTTP servers on 127.0.0.1. No test
//! touches the internet.

use crate::support::http::{Reply, Server};
use crate::support::{Output, Show, codes, findings};
use serde_json::Value;
use std::time::Duration;

/// An episode citing `sources` (title, url) and linking `links` from the
/// first topic's Markdown body. Sources sit on lines 9, 11, ... (url) and
/// 8, 10, ... (title) when there are no body links.
fn episode(sources: &[(&str, &str)], links: &[&str]) -> String {
    let mut yaml =
        String::from("title: テスト回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n");
    if !links.is_empty() {
        let body: Vec<String> = links.iter().map(|l| format!("[リンク]({l})")).collect();
        yaml.push_str(&format!("    body: \"{}\"\n", body.join(" と ")));
    }
    if !sources.is_empty() {
        yaml.push_str("    sources:\n");
        for (title, url) in sources {
            yaml.push_str(&format!("      - title: \"{title}\"\n        url: {url}\n"));
        }
    }
    yaml.push_str("  - at: \"1:00\"\n    title: 二\n  - at: \"2:00\"\n    title: 三\n");
    yaml
}

fn show(sources: &[(&str, &str)], links: &[&str]) -> Show {
    Show::new().file("episodes/ep.yaml", &episode(sources, links))
}

/// Runs `check --format json` with test settings, returning the output and
/// the parsed document.
fn check_json(show: &Show, extra: &[&str]) -> (Output, Value) {
    let mut args = vec!["check", "--format", "json", "--retry-backoff", "10ms"];
    args.extend_from_slice(extra);
    let out = show.run(&args);
    let json = out.json();
    (out, json)
}

fn private_ok(show: &Show) -> (Output, Value) {
    check_json(show, &["--allow-private", "--no-cache"])
}

#[test]
fn live_page_with_matching_title_is_clean() {
    let server = Server::start(|_, _| Reply::html("Cited Page Title | Example News"));
    let url = server.url("/article");
    let show = show(&[("Cited page title", &url)], &[]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(findings(&json).is_empty(), "{json:#}");
    assert_eq!(json["totals"]["links_checked"], 1);
    assert_eq!(json["totals"]["errors"], 0);
    // A source is fetched with GET (its title is compared), once.
    assert_eq!(server.methods("/article"), ["GET"]);
    let agent = server.requests()[0].user_agent.clone().unwrap();
    assert!(agent.starts_with("shownotes/0."), "{agent}");
    assert!(
        agent.ends_with("(+https://github.com/shownotes/shownotes)"),
        "{agent}"
    );
}

#[test]
fn dead_links_are_errors_in_human_format() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/gone" => Reply::status(410),
        _ => Reply::status(404),
    });
    let missing = server.url("/missing");
    let gone = server.url("/gone");
    let show = show(&[("A", &missing), ("B", &gone)], &[]);
    let out = show.run(&["check", "--allow-private", "--no-cache"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let expected_404 = format!(
        "error: link is dead: 404 Not Found\n --> episodes/ep.yaml:8:14\n  |\n8 |         url: {missing}\n"
    );
    out.assert_stderr_contains(&expected_404);
    out.assert_stderr_contains("error: link is dead: 410 Gone\n  --> episodes/ep.yaml:10:14");
    out.assert_stderr_contains("= help: find the page's new address, or link to an archived copy");
    let summary = out.stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("2 links checked, 2 errors, 0 warnings, 0 from cache, in "),
        "{summary}"
    );
    // Never retried.
    assert_eq!(server.methods("/missing").len(), 1);
    assert_eq!(server.methods("/gone").len(), 1);
}

#[test]
fn permanent_redirect_warns_with_the_final_url() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        _ => Reply::html("Moved page"),
    });
    let old = server.url("/old");
    let show = show(&[("Moved page", &old)], &[]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0);
    assert_eq!(codes(&json), ["link-moved"]);
    let f = findings(&json)[0];
    let new = server.url("/new");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["final_url"], new.as_str());
    assert_eq!(f["url"], old.as_str());
    assert_eq!(f["status"], 200);
    assert_eq!(f["line"], 8);
    assert!(f["message"].as_str().unwrap().ends_with(&new), "{f}");
    // Each hop was requested.
    assert_eq!(server.methods("/old"), ["GET"]);
    assert_eq!(server.methods("/new"), ["GET"]);
    // --deny-warnings turns the warning into a failure.
    let (out, _) = check_json(&show, &["--allow-private", "--no-cache", "--deny-warnings"]);
    assert_eq!(out.code, 1);
}

#[test]
fn temporary_redirect_to_the_site_root_is_a_likely_soft_404() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/" => Reply::html("Home"),
        "/elsewhere" => Reply::status(200),
        "/moved-for-now" => Reply::redirect(302, "/elsewhere"),
        _ => Reply::redirect(302, "/"),
    });
    let page = server.url("/removed-article");
    let temporary = server.url("/moved-for-now");
    let show = show(&[], &[&page, &temporary]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0, "{json:#}");
    // A 302 elsewhere is fine; a 302 to the front page is not.
    assert_eq!(codes(&json), ["link-soft-404"]);
    assert_eq!(findings(&json)[0]["final_url"], server.url("/").as_str());
    assert_eq!(findings(&json)[0]["url"], page.as_str());
}

#[test]
fn redirect_loop_is_an_error() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/a" => Reply::redirect(302, "/b"),
        _ => Reply::redirect(302, "/a"),
    });
    let show = show(&[], &[&server.url("/a")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-redirect-loop"]);
    assert_eq!(server.methods("/a").len(), 1);
    assert_eq!(server.methods("/b").len(), 1);
}

#[test]
fn too_many_redirects_is_an_error() {
    let server = Server::start(|r, _| {
        let n: u32 = r.path.trim_start_matches("/r").parse().unwrap_or(0);
        Reply::redirect(302, &format!("/r{}", n + 1))
    });
    let show = show(&[], &[&server.url("/r0")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-too-many-redirects"]);
    assert_eq!(server.requests().len(), 11);
}

#[test]
fn too_many_requests_honours_retry_after() {
    let server = Server::start(|_, nth| match nth {
        0 => Reply::status(429).header("Retry-After", "1"),
        _ => Reply::status(200),
    });
    let show = show(&[], &[&server.url("/busy")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0, "{json:#}");
    assert!(findings(&json).is_empty(), "{json:#}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let waited = requests[1].at - requests[0].at;
    // Retry-After: 1 wins over the 10 ms test backoff.
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
}

#[test]
fn server_errors_are_retried_until_they_pass() {
    let server = Server::start(|_, nth| {
        if nth < 2 {
            Reply::status(503)
        } else {
            Reply::status(200)
        }
    });
    let show = show(&[], &[&server.url("/flaky")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0, "{json:#}");
    assert!(findings(&json).is_empty());
    assert_eq!(server.methods("/flaky"), ["HEAD", "HEAD", "HEAD"]);
}

#[test]
fn persistent_server_errors_fail_after_three_retries() {
    let server = Server::start(|_, _| Reply::status(500));
    let show = show(&[], &[&server.url("/down")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-server-error"]);
    assert_eq!(
        findings(&json)[0]["message"],
        "the server answered 500 Internal Server Error, also after 3 retries"
    );
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn a_response_slower_than_the_timeout_is_an_error() {
    let server = Server::start(|_, _| Reply::After(Duration::from_secs(3), Box::new(Reply::status(200))));
    let show = show(&[], &[&server.url("/slow")]);
    let (out, json) = check_json(&show, &["--allow-private", "--no-cache", "--timeout", "200ms"]);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-timeout"]);
    assert_eq!(server.requests().len(), 4, "a timeout is retried 3 times");
}

#[test]
fn a_connection_reset_is_retried_then_an_error() {
    let server = Server::start(|_, _| Reply::Reset);
    let show = show(&[], &[&server.url("/reset")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-reset"], "{json:#}");
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn head_refused_falls_back_to_get() {
    let server = Server::start(|r, _| {
        if r.method == "HEAD" {
            Reply::status(405)
        } else {
            Reply::status(200)
        }
    });
    let show = show(&[], &[&server.url("/no-head")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0, "{json:#}");
    assert!(findings(&json).is_empty());
    assert_eq!(server.methods("/no-head"), ["HEAD", "GET"]);
}

#[test]
fn persistent_forbidden_asks_to_check_by_hand() {
    let server = Server::start(|_, _| Reply::status(403));
    let show = show(&[], &[&server.url("/bot-wall")]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0);
    assert_eq!(codes(&json), ["link-check-by-hand"]);
    assert_eq!(
        findings(&json)[0]["message"],
        "the site answered 403 Forbidden: check by hand"
    );
    assert_eq!(server.methods("/bot-wall"), ["HEAD", "GET"]);
}

#[test]
fn a_cited_title_that_differs_from_the_page_is_a_warning() {
    let server = Server::start(|_, _| Reply::html("The Physical AI Deployment Gap"));
    let url = server.url("/p/the-physical-ai-deployment-gap");
    let show = show(&[("The Physical Deployment Gap", &url)], &[]);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 0);
    assert_eq!(codes(&json), ["title-drift"]);
    let f = findings(&json)[0];
    assert_eq!(f["line"], 7, "points at the cited title");
    assert_eq!(
        f["message"],
        "the cited title differs from the page's title “The Physical AI Deployment Gap”"
    );
    assert!(
        f["help"]
            .as_str()
            .unwrap()
            .contains("the YAML says “The Physical Deployment Gap”")
    );
}

#[test]
fn private_addresses_are_refused_without_a_request() {
    let server = Server::start(|_, _| Reply::status(200));
    let literal = server.url("/internal");
    let by_name = format!("http://localhost:{}/by-name", server.addr.port());
    let show = show(&[], &[&literal, &by_name]);
    let (out, json) = check_json(&show, &["--no-cache"]);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-private", "link-private"]);
    for f in findings(&json) {
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("points to a private address"),
            "{f}"
        );
    }
    assert!(server.requests().is_empty(), "the server was reached");
    // Content cannot allow it: the key in series.yaml is an error, and
    // still no request is sent.
    let show = show.file(
        "series.yaml",
        "title: テスト番組\ncheck:\n  allow_private: true\n",
    );
    let (out, json) = check_json(&show, &["--no-cache"]);
    assert_eq!(out.code, 1, "{json:#}");
    let f = findings(&json)
        .into_iter()
        .find(|f| f["code"] == "allow-private-in-content")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64()),
        (Some("series.yaml"), Some(3))
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("cannot be set in series.yaml"),
        "{f}"
    );
    assert!(
        f["help"].as_str().unwrap().contains("SHOWNOTES_ALLOW_PRIVATE=1"),
        "{f}"
    );
    assert!(server.requests().is_empty(), "series.yaml switched the guard off");
    // The CI owner can: the flag, or the environment variable.
    let show = show.file("series.yaml", "title: テスト番組\n");
    let out = show.run_env(
        &["check", "--format", "json", "--no-cache"],
        &[("SHOWNOTES_ALLOW_PRIVATE", "1")],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn one_request_per_url_and_a_finding_at_every_place() {
    let server = Server::start(|_, _| Reply::status(404));
    let url = server.url("/dup");
    let with_fragment = format!("{url}#section");
    let show =
        show(&[("A", &url)], &[&with_fragment]).file("episodes/ep2.yaml", &episode(&[("B", &url)], &[]));
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1);
    let places: Vec<(String, i64)> = findings(&json)
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("episodes/ep.yaml".to_string(), 6),
            ("episodes/ep.yaml".to_string(), 9),
            ("episodes/ep2.yaml".to_string(), 8)
        ]
    );
    assert_eq!(json["totals"]["links_checked"], 1);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn the_cache_skips_fresh_results_and_rechecks_failed_and_expired_ones() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/fine" => Reply::html("Fine"),
        _ => Reply::status(404),
    });
    let fine = server.url("/fine");
    let broken = server.url("/broken");
    let show = show(&[("Fine", &fine)], &[&broken]);
    let (first, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(first.code, 1);
    assert_eq!(json["totals"]["from_cache"], 0);
    let cache = show.read(".shownotes/link-cache.json");
    assert!(cache.contains(&fine) && !cache.contains(&broken), "{cache}");

    let (second, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(second.code, 1);
    assert_eq!(json["totals"]["from_cache"], 1);
    assert_eq!(json["totals"]["links_checked"], 2);
    assert_eq!(
        server.methods("/fine").len(),
        1,
        "a fresh result is not requested again"
    );
    assert_eq!(
        server.methods("/broken").len(),
        2,
        "a failed result is requested again"
    );

    // Expired: checked long ago.
    let cache: Value = serde_json::from_str(&show.read(".shownotes/link-cache.json")).unwrap();
    let old = cache.to_string().replace(
        &format!("\"checked_at\":{}", cache["links"][&fine]["checked_at"]),
        "\"checked_at\":1000",
    );
    show.write(".shownotes/link-cache.json", old.as_bytes());
    let (_, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(json["totals"]["from_cache"], 0);
    assert_eq!(
        server.methods("/fine").len(),
        2,
        "an expired result is requested again"
    );

    // --no-cache neither reads nor writes it; --max-cache-age 0s expires everything.
    let (_, json) = check_json(&show, &["--allow-private", "--no-cache"]);
    assert_eq!(json["totals"]["from_cache"], 0);
    assert_eq!(server.methods("/fine").len(), 3);
    let (_, json) = check_json(&show, &["--allow-private", "--max-cache-age", "0s"]);
    assert_eq!(json["totals"]["from_cache"], 0);
    assert_eq!(server.methods("/fine").len(), 4);
}

#[test]
fn github_format_annotates_lines() {
    let server = Server::start(|r, _| match r.path.as_str() {
        "/old" => Reply::redirect(308, "/new"),
        "/new" => Reply::status(200),
        _ => Reply::status(404),
    });
    let missing = server.url("/missing");
    let old = server.url("/old");
    let show = show(&[], &[&missing, &old]);
    let out = show.run(&["check", "--format", "github", "--allow-private", "--no-cache"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert_eq!(
        lines[0],
        "::error file=episodes/ep.yaml,line=6,col=18,title=shownotes link-dead::link is dead: 404 Not Found%0Ahelp: find the page's new address, or link to an archived copy"
    );
    let new = server.url("/new");
    let col = 18 + "[リンク](".chars().count() + missing.len() + ") と ".chars().count();
    assert_eq!(
        lines[1],
        format!(
            "::warning file=episodes/ep.yaml,line=6,col={col},title=shownotes link-moved::link moved permanently to {new}%0Ahelp: put the new address in the YAML: {new}"
        )
    );
    assert!(
        out.stderr
            .starts_with("2 links checked, 1 error, 1 warning, 0 from cache, in "),
        "{}",
        out.stderr
    );
}

#[test]
fn flags_override_series_settings() {
    let server = Server::start(|_, _| Reply::After(Duration::from_millis(600), Box::new(Reply::status(200))));
    let show = show(&[], &[&server.url("/slowish")])
        .file("series.yaml", "title: テスト番組\ncheck:\n  timeout: 100ms\n");
    // series.yaml's timeout alone: too short.
    let (out, json) = check_json(&show, &["--no-cache", "--allow-private"]);
    assert_eq!(out.code, 1);
    assert_eq!(codes(&json), ["link-timeout"]);
    // The flag wins.
    let (out, json) = check_json(&show, &["--no-cache", "--allow-private", "--timeout", "5s"]);
    assert_eq!(out.code, 0, "{json:#}");
}

#[test]
fn cache_entries_from_the_future_of_unknown_shape_or_another_version_are_ignored() {
    let server = Server::start(|_, _| Reply::status(200));
    let fine = server.url("/fine");
    let other = server.url("/other");
    let show = show(&[], &[&fine, &other]);
    let (out, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(out.code, 0, "{json:#}");
    let written: Value = serde_json::from_str(&show.read(".shownotes/link-cache.json")).unwrap();
    assert_eq!(server.requests().len(), 2);

    // `checked_at` far in the future would never expire: ignored.
    let mut cache = written.clone();
    cache["links"][&fine]["checked_at"] = Value::from(u64::MAX);
    show.write(".shownotes/link-cache.json", cache.to_string().as_bytes());
    let (_, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(json["totals"]["from_cache"], 1, "{json:#}");
    assert_eq!(server.methods("/fine").len(), 2, "the future entry was trusted");
    let rewritten = show.read(".shownotes/link-cache.json");
    assert!(!rewritten.contains("18446744073709551615"), "{rewritten}");

    // An entry of unknown shape is ignored alone.
    let mut cache: Value = serde_json::from_str(&rewritten).unwrap();
    cache["links"][&other]["verdict"] = Value::from("no such shape");
    show.write(".shownotes/link-cache.json", cache.to_string().as_bytes());
    let (_, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(json["totals"]["from_cache"], 1, "{json:#}");
    assert_eq!(server.methods("/other").len(), 2);
    let rewritten = show.read(".shownotes/link-cache.json");

    // A file written by another version of the tool: ignored as a whole.
    let mut cache: Value = serde_json::from_str(&rewritten).unwrap();
    assert_eq!(cache["tool"], env!("CARGO_PKG_VERSION"));
    cache["tool"] = Value::from("0.0.0-other");
    show.write(".shownotes/link-cache.json", cache.to_string().as_bytes());
    let (_, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(json["totals"]["from_cache"], 0, "{json:#}");
    assert_eq!(server.requests().len(), 6);
    // The file as written is reused.
    let (_, json) = check_json(&show, &["--allow-private"]);
    assert_eq!(json["totals"]["from_cache"], 2, "{json:#}");
}

#[test]
fn a_host_answering_429_to_everything_ends_in_bounded_time_with_a_finding_per_link() {
    let server = Server::start(|_, _| Reply::status(429).header("Retry-After", "1"));
    let urls: Vec<String> = (0..32).map(|i| server.url(&format!("/busy{i}"))).collect();
    let links: Vec<&str> = urls.iter().map(String::as_str).collect();
    let show = show(&[], &links);
    let started = std::time::Instant::now();
    let (out, json) = check_json(&show, &["--allow-private", "--no-cache", "--max-time", "3s"]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(out.code, 0, "{json:#}");
    let found = findings(&json);
    assert_eq!(found.len(), 32, "every link has a finding: {json:#}");
    assert!(
        found.iter().all(|f| f["code"] == "link-check-by-hand"),
        "{json:#}"
    );
    assert!(
        found
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("reached its time limit")),
        "{json:#}"
    );
    // The same limit from series.yaml.
    let show = show.file("series.yaml", "title: テスト番組\ncheck:\n  max_time: 2s\n");
    let started = std::time::Instant::now();
    let (out, json) = check_json(&show, &["--allow-private", "--no-cache"]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(out.code, 0, "{json:#}");
    assert_eq!(findings(&json).len(), 32, "{json:#}");
}

#[test]
fn retry_after_zero_with_no_host_interval_does_not_overflow() {
    let server = Server::start(|_, _| Reply::status(429).header("Retry-After", "0"));
    let urls: Vec<String> = (0..200).map(|i| server.url(&format!("/s{i}"))).collect();
    let links: Vec<&str> = urls.iter().map(String::as_str).collect();
    let show = show(&[], &links);
    let (out, json) = check_json(
        &show,
        &[
            "--allow-private",
            "--no-cache",
            "--host-interval",
            "0",
            "--max-time",
            "4s",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let about_links = findings(&json)
        .into_iter()
        .filter(|f| !f["url"].is_null())
        .count();
    assert_eq!(about_links, 200, "{json:#}");
}

#[test]
fn page_titles_reach_the_terminal_without_control_characters_and_capped() {
    let long = "x".repeat(256 * 1024);
    let server = Server::start(move |r, _| match r.path.as_str() {
        "/escape" => Reply::html("Evil\u{1b}]0;owned\u{7}\u{1b}[2J title"),
        _ => Reply::html(&long),
    });
    let escape = server.url("/escape");
    let huge = server.url("/huge");
    let show = show(&[("Cited one", &escape), ("Cited two", &huge)], &[]);
    for format in ["human", "json", "github"] {
        let out = show.run(&["check", "--format", format, "--allow-private", "--no-cache"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains("Evil ]0;owned [2J title"), "{format}: {all}");
        assert!(
            !all.contains(['\u{1b}', '\u{7}']),
            "{format}: control characters printed"
        );
        // Two drift findings, each with the page title in message and help.
        assert!(all.len() < 4000, "{format}: {} bytes printed", all.len());
    }
}

/// The show's own addresses (series image and subscribe links, episode
/// image) are checked like every other link, at their place in the file.
#[test]
fn series_image_subscribe_links_and_episode_image_are_checked() {
    let server = Server::start(|_, _| Reply::status(404));
    let (cover, apple, art) = (
        server.url("/cover.png"),
        server.url("/apple"),
        server.url("/ep.png"),
    );
    let series = format!(
        "title: テスト番組\nimage: {cover}\nsubscribe:\n  - name: Apple Podcasts\n    url: {apple}\n"
    );
    let episode = format!("{}image: {art}\n", episode(&[], &[]));
    let show = Show::new()
        .file("series.yaml", &series)
        .file("episodes/ep.yaml", &episode);
    let (out, json) = private_ok(&show);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let places: Vec<String> = findings(&json)
        .iter()
        .map(|f| format!("{}:{}", f["file"].as_str().unwrap_or(""), f["line"]))
        .collect();
    assert_eq!(
        places,
        ["episodes/ep.yaml:10", "series.yaml:2", "series.yaml:5"],
        "{json:#}"
    );
    assert_eq!(codes(&json), ["link-dead", "link-dead", "link-dead"]);
    for path in ["/cover.png", "/apple", "/ep.png"] {
        assert_eq!(server.methods(path).len(), 1, "{path}");
    }
}

//! `shownotes build` and `render`: golden outputs, escaping, East Asian
//! line breaks, atomic writes, template overrides, exit codes.

use crate::support::{self, Show, assert_golden, snapshot};

const SEED: &str = "tech-competition-and-economic-security";
const LONG: &str = "semiconductor-supply-chains";

#[test]
fn bundled_show_reproduces_seed_000_byte_for_byte() {
    let show = Show::built();
    assert_golden(
        &format!("{SEED}.txt"),
        &show.read(&format!("dist/{SEED}/notes.txt")),
    );
}

#[test]
fn golden_outputs_of_the_bundled_episodes() {
    let show = Show::built();
    for slug in [SEED, LONG] {
        for (file, ext) in [("notes.txt", "txt"), ("notes.md", "md"), ("index.html", "html")] {
            assert_golden(
                &format!("{slug}.{ext}"),
                &show.read(&format!("dist/{slug}/{file}")),
            );
        }
    }
}

#[test]
fn summary_line_counts_episodes_and_files() {
    let out = Show::bundled().run(&["build"]);
    out.assert_stderr_contains("\nbuilt 3 episodes (20 files) into dist in ");
}

#[test]
fn hour_long_episodes_use_h_mm_ss_everywhere() {
    let show = Show::built();
    let txt = show.read(&format!("dist/{LONG}/notes.txt"));
    assert!(txt.contains("\n0:04:10 補助金競争の実像"), "{txt}");
    assert!(txt.contains("\n1:05:20 まとめと次回予告"), "{txt}");
}

const HOSTILE: &str = r#"title: "<script>alert('t')</script> & \"引用\""
date: 2026-03-10
lead: |
  <script>alert(1)</script>
  <b onclick="x()">太字</b> & [リンク](https://example.com/?a=1&b=2 "t\"itle")
topics:
  - at: "0:00"
    title: "<img src=x onerror=alert(1)>"
    body: |
      本文 <iframe src="https://evil.example/"></iframe>
    sources:
      - publisher: "A & B <Co>"
        title: "\"Quoted\" <title>"
        url: "https://example.com/?q=%3Cx%3E&r='y'"
audience:
  - "<u>下線</u> & 'single'"
speakers:
  - name: "<em>名前</em>"
    role: "role & \"quote\""
organizers:
  - name: "<svg/onload=alert(1)>"
    url: https://example.com/
"#;

#[test]
fn html_escapes_every_field_and_neutralizes_raw_html() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: \"<b>番組</b> & co\"\ndescription: \"説明 <script>x()</script>\"\n",
        )
        .file("episodes/ep.yaml", HOSTILE);
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/ep/index.html");
    // The page's own scripts (JSON-LD, and the player's when there is
    // audio) are the only ones; the JSON cannot close its element.
    let json_ld = support::json_ld(&html);
    assert!(!json_ld.contains('<'), "{json_ld}");
    let without_own = html.replacen(r#"<script type="application/ld+json">"#, "", 1);
    for forbidden in [
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<em>",
        "<u>",
        "<b>",
        "<b ",
        "javascript:",
    ] {
        assert!(
            !without_own.contains(forbidden),
            "{forbidden} reached the page:\n{html}"
        );
    }
    for escaped in [
        "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;引用&quot;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "A &amp; B &lt;Co&gt;",
        "&quot;Quoted&quot; &lt;title&gt;",
        "&lt;u&gt;下線&lt;/u&gt; &amp; &#39;single&#39;",
        "&lt;em&gt;名前&lt;/em&gt;",
        "&lt;svg/onload=alert(1)&gt;",
        "&lt;b&gt;番組&lt;/b&gt; &amp; co",
        "<p>&lt;b onclick=\"x()\"&gt;太字&lt;/b&gt; &amp; <a href=\"https://example.com/?a=1&amp;b=2\" title=\"t&quot;itle\" rel=\"noopener\">リンク</a></p>",
        "href=\"https://example.com/?q=%3Cx%3E&amp;r=%27y%27\"",
    ] {
        assert!(html.contains(escaped), "missing {escaped:?}:\n{html}");
    }
    // Raw HTML inside Markdown is shown as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("&lt;iframe"), "{html}");
    assert!(html.contains(r#"rel="noopener""#), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"), "{html}");
    // Markdown output neutralizes raw HTML too.
    let md = show.read("dist/ep/notes.md");
    assert!(!md.contains("<script") && !md.contains("<iframe"), "{md}");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
}

#[test]
fn east_asian_line_breaks_join_in_every_format() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: 改行\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: 話題\n    body: |\n      日本語の\n      段落です。\n      English\n      words here.\n",
    );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        show.read("dist/ep/notes.txt")
            .contains("\n日本語の段落です。 English words here.\n")
    );
    assert!(
        show.read("dist/ep/notes.md")
            .contains("\n日本語の段落です。\nEnglish\nwords here.\n")
    );
    assert!(
        show.read("dist/ep/index.html")
            .contains("<p>日本語の段落です。 English words here.</p>")
    );
}

#[test]
fn markdown_becomes_readable_plain_text() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: t\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: 話題\n    body: |\n      **重要**な点は[記事](https://example.com/a)にあります。\n\n      - 一つ目\n      - 二つ目\n",
    );
    assert_eq!(show.run(&["build"]).code, 0);
    let txt = show.read("dist/ep/notes.txt");
    assert!(
        txt.contains("\n重要な点は記事 https://example.com/a にあります。\n- 一つ目\n- 二つ目\n"),
        "{txt}"
    );
}

#[test]
fn a_failing_build_leaves_dist_untouched() {
    let show = Show::built();
    let before = snapshot(&show.path().join("dist"));
    show.write(
        &format!("episodes/{SEED}.yaml"),
        show.read(&format!("episodes/{SEED}.yaml"))
            .replace("date: 2026-02-20", "date: 2026-02-30")
            .as_bytes(),
    );
    show.write(
        "episodes/new.yaml",
        b"title: new\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: a\n",
    );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("build failed: 1 error, 1 warning; nothing in dist was changed");
    assert_eq!(
        snapshot(&show.path().join("dist")),
        before,
        "dist/ changed after a failed build"
    );
}

#[test]
fn show_templates_override_builtins_file_by_file() {
    let show = Show::bundled().file(
        "templates/episode.txt",
        "{{ episode.title }} / {{ series.title }}\n",
    );
    assert_eq!(show.run(&["build"]).code, 0);
    assert_eq!(
        show.read(&format!("dist/{LONG}/notes.txt")),
        "半導体サプライチェーンの再編と日本の戦略 / PEP Think\n"
    );
    assert_golden(
        &format!("{LONG}.md"),
        &show.read(&format!("dist/{LONG}/notes.md")),
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let show = Show::bundled().file("templates/episode.md", "# ok\n{{ episode.title }\n");
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains(
        "error: template templates/episode.md does not parse: Found `}` but expected }}.
 --> templates/episode.md:2:18
  |
2 | {{ episode.title }
  |                  ^",
    );
    let show = Show::bundled().file("templates/episode.md", "# ok\n\n{{ episode.nosuch }}\n");
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: template templates/episode.md failed: Field `nosuch` is not defined.");
    out.assert_stderr_contains(" --> templates/episode.md:3:12\n");
    assert_eq!(
        out.stderr.matches("error: template").count(),
        1,
        "said once, not per episode"
    );
    assert!(!show.path().join("dist").join(LONG).exists());
}

#[test]
fn render_prints_one_episode() {
    let show = Show::bundled();
    let out = show.run(&["render", &format!("episodes/{SEED}.yaml"), "--format", "txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden(&format!("{SEED}.txt"), &out.stdout);
    // md is the default.
    let out = show.run(&["render", &format!("episodes/{LONG}.yaml")]);
    assert_golden(&format!("{LONG}.md"), &out.stdout);
}

#[test]
fn a_single_episode_file_works_without_series_yaml() {
    let show = Show::empty().file(
        "ep.yaml",
        "title: 単独回\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: 話題\n",
    );
    let out = show.run(&["build", "ep.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(show.read("dist/ep/notes.txt"), "■今回のトピック\n00:00 話題\n");
    assert!(show.read("dist/ep/index.html").contains("<title>単独回</title>"));
}

#[test]
fn usage_and_io_failures_exit_2() {
    let empty = Show::empty();
    let out = empty.run(&["build"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no series.yaml here or in any parent directory; run inside a show, pass --root DIR, or name episode files\n"
    );
    let out = empty.run(&["build", "missing.yaml"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "error: missing.yaml is not a file\n")
    );
    assert_eq!(empty.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(empty.run(&["render", "x.yaml", "--format", "pdf"]).code, 2);
}

#[test]
fn root_is_found_upward_or_given() {
    let show = Show::bundled();
    let out = support::run_in(&show.path().join("episodes"), &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(show.path().join("dist").join(SEED).join("notes.txt").is_file());
    let elsewhere = Show::empty();
    let out = elsewhere.run(&[
        "build",
        "--root",
        show.path().to_str().expect("utf-8 path"),
        "--out",
        "public",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        elsewhere
            .path()
            .join("public")
            .join(LONG)
            .join("index.html")
            .is_file()
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    let show = Show::empty();
    for command in ["build", "render", "check"] {
        let out = show.run(&[command, "--help"]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Example"), "{command}: {}", out.stdout);
    }
}

#[test]
fn rebuilds_rewrite_only_what_changed() {
    let show = Show::built();
    let mtime = |path: &str| {
        std::fs::metadata(show.path().join(path))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let seed_txt = format!("dist/{SEED}/notes.txt");
    let long_txt = format!("dist/{LONG}/notes.txt");
    let (seed_before, long_before) = (mtime(&seed_txt), mtime(&long_txt));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Everything but the feed, which is streamed to disk, is compared.
    out.assert_stderr_contains("(20 files, 19 unchanged)");
    assert_eq!(mtime(&seed_txt), seed_before);
    let episode = format!("episodes/{LONG}.yaml");
    show.write(
        &episode,
        show.read(&episode)
            .replace("まとめと次回予告", "まとめ")
            .as_bytes(),
    );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mtime(&seed_txt), seed_before, "an unchanged output was rewritten");
    assert_ne!(mtime(&long_txt), long_before);
    assert!(show.read(&long_txt).contains("1:05:20 まとめ\n"));
}

#[test]
fn two_files_with_one_slug_are_an_error_naming_both() {
    let episode = "title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n";
    let show = Show::new()
        .file("episodes/ep.yaml", episode)
        .file("episodes/ep.yml", episode)
        .file("episodes/Other.yaml", episode)
        .file("episodes/other.yaml", episode);
    for args in [&["build"][..], &["check", "--offline"]] {
        let out = show.run(args);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains(
                "error: episodes/ep.yaml and episodes/ep.yml have the same slug `ep`: both would be written to ep/"
            ),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("error: episodes/Other.yaml and episodes/other.yaml have the same slug `other`"),
            "{}",
            out.stderr
        );
    }
    assert!(!show.path().join("dist/ep").exists());
}

#[test]
fn an_output_directory_among_the_sources_is_a_usage_error() {
    let show = Show::built();
    std::fs::create_dir_all(show.path().join("sub")).unwrap();
    for out in [
        ".",
        "..",
        "templates",
        "templates/x",
        "episodes",
        "./episodes/../templates",
    ] {
        let result = show.run(&["build", "--out", out]);
        assert_eq!(result.code, 2, "--out {out}: {}", result.stderr);
        assert!(
            result.stderr.contains(&format!("--out {out} ")),
            "{}",
            result.stderr
        );
        assert!(result.stderr.contains("choose a directory"), "{}", result.stderr);
    }
    assert!(!show.path().join("templates/x").exists());
    assert!(
        !show
            .path()
            .join("templates/tech-competition-and-economic-security")
            .exists()
    );
    // `watch` refuses it before watching (it would never rebuild).
    let result = show.run(&["watch", "--out", "."]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result.stderr.contains("is the show directory or holds it"),
        "{}",
        result.stderr
    );
    // Elsewhere is fine.
    let result = show.run(&["build", "--out", "sub/public"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
}

/// Every episode's `notes.txt` in dist, by slug.
fn notes(show: &Show) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(show.path().join("dist"))
        .expect("dist")
        .flatten()
        .filter(|e| e.path().join("notes.txt").is_file())
        .map(|e| {
            let text = std::fs::read_to_string(e.path().join("notes.txt")).expect("read");
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    found.sort();
    found
}

/// A show of `n` episodes, built, whose episodes then all get a new topic title
/// (so a second build changes every episode's files).
fn built_then_edited(n: usize) -> Show {
    let show = Show::new();
    let episode =
        |title: &str| format!("title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: {title}\n");
    for i in 0..n {
        show.write(&format!("episodes/ep{i:02}.yaml"), episode("旧").as_bytes());
    }
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for i in 0..n {
        show.write(&format!("episodes/ep{i:02}.yaml"), episode("新").as_bytes());
    }
    show
}

/// All old or all new, never a mix.
fn assert_all_or_nothing(show: &Show, code: i32, stderr: &str) {
    let notes = notes(show);
    let new = notes.iter().filter(|(_, text)| text.contains("00:00 新")).count();
    let old = notes.iter().filter(|(_, text)| text.contains("00:00 旧")).count();
    assert_eq!(new + old, notes.len(), "{notes:?}");
    let expected = if code == 0 { notes.len() } else { 0 };
    assert_eq!(
        new,
        expected,
        "exit {code}, {new} of {} episodes new:\n{stderr}",
        notes.len()
    );
}

#[test]
fn a_build_failing_part_way_through_the_commit_changes_nothing() {
    // Fails as root too: a non-empty directory where index.html must go.
    // The episodes' files would be renamed into place before it.
    let show = built_then_edited(6);
    std::fs::remove_file(show.path().join("dist/index.html")).unwrap();
    show.write("dist/index.html/keep", b"in the way");
    let before = snapshot(&show.path().join("dist"));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_all_or_nothing(&show, out.code, &out.stderr);
    assert_eq!(snapshot(&show.path().join("dist")), before, "{}", out.stderr);
    let left: Vec<String> = std::fs::read_dir(show.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("shownotes-staging"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Runs `shownotes build` in `show` as a non-root user: directly when the
/// tests are not root, else as `nobody` through setpriv (the show is
/// handed to that user first). `None` when that is not possible here.
#[cfg(unix)]
fn build_as_non_root(show: &Show) -> Option<support::Output> {
    use std::os::unix::fs::MetadataExt;
    let probe = show.path().join(".uid-probe");
    std::fs::write(&probe, b"").ok()?;
    let uid = std::fs::metadata(&probe).ok()?.uid();
    std::fs::remove_file(&probe).ok()?;
    if uid != 0 {
        return Some(show.run(&["build"]));
    }
    fn chown_all(path: &std::path::Path) {
        let _ = std::os::unix::fs::lchown(path, Some(65534), Some(65534));
        if path.is_dir() && !path.is_symlink() {
            for entry in std::fs::read_dir(path).unwrap().flatten() {
                chown_all(&entry.path());
            }
        }
    }
    chown_all(show.path());
    let output = std::process::Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_shownotes"),
            "build",
        ])
        .current_dir(show.path())
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if stderr.contains("setpriv:") {
        return None;
    }
    Some(support::Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    })
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_in_dist_never_leaves_a_mixed_build() {
    use std::os::unix::fs::PermissionsExt;
    let show = built_then_edited(6);
    // One episode's directory is read-only: renaming into it fails for a
    // non-root user (root ignores permissions).
    let locked = show.path().join("dist/ep03");
    let Some(out) = ({
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        build_as_non_root(&show)
    }) else {
        eprintln!("no way to run as a non-root user here; skipped");
        return;
    };
    assert_all_or_nothing(&show, out.code, &out.stderr);
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
}

#[cfg(unix)]
#[test]
fn stale_staging_directories_of_killed_builds_are_removed() {
    let show = Show::built();
    // What kill -9 leaves: staging directories nobody holds any more.
    for name in [".shownotes-staging-dist-killed1", "dist/.shownotes-staging-old7"] {
        show.write(&format!("{name}/ep/notes.txt"), b"partial");
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!show.path().join(".shownotes-staging-dist-killed1").exists());
    assert!(!show.path().join("dist/.shownotes-staging-old7").exists());
    // Nothing else is left beside dist.
    let beside: Vec<String> = std::fs::read_dir(show.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[cfg(unix)]
#[test]
fn a_dist_link_leading_outside_the_show_is_not_followed() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("precious"), b"keep").unwrap();
    let show = Show::bundled();
    std::os::unix::fs::symlink(elsewhere.path(), show.path().join("dist")).unwrap();
    let out = show.run(&["build"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("dist leads outside the show"),
        "{}",
        out.stderr
    );
    let there: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(there, ["precious"]);
}

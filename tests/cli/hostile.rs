//! Hostile input: each gives a clear error, exit 1, and no panic or hang.

use crate::support::{MINIMAL_EPISODE, Output, Show};

/// `check --offline`, which must fail with exit 1.
#[track_caller]
fn check(show: &Show) -> Output {
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let show = Show::new();
    show.write(
        "episodes/ep.yaml",
        b"title: ok\ndate: 2026-03-10\nlead: \xff\xfe\n",
    );
    let out = check(&show);
    out.assert_stderr_contains(
        "error: file is not valid UTF-8
 --> episodes/ep.yaml:3:7
  |
3 | lead: \u{fffd}\u{fffd}
  |       ^ invalid byte here
  |
  = help: save the file as UTF-8",
    );
}

#[test]
fn alias_bomb_is_refused() {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let show = Show::new().file("episodes/ep.yaml", &yaml);
    let out = check(&show);
    out.assert_stderr_contains("error: the YAML expands to too many values once its aliases are resolved");
    out.assert_stderr_contains("alias bomb");
}

#[test]
fn a_50_mb_file_is_refused_before_reading() {
    let show = Show::new();
    let line = "# 長い行のコメントです。\n".repeat(1000);
    let mut big = String::with_capacity(50 * 1024 * 1024);
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&line);
    }
    show.write("episodes/ep.yaml", big.as_bytes());
    let out = check(&show);
    out.assert_stderr_contains(
        "error: file is 50.0 MiB, more than the 4 MiB an episode file may have
--> episodes/ep.yaml
 = help: split the content, or check that this is the file you meant",
    );
}

#[test]
fn nesting_10000_levels_deep_is_refused() {
    for deep in [
        format!("title: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
        format!("title: {}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
    ] {
        let show = Show::new().file("episodes/ep.yaml", &deep);
        let out = check(&show);
        out.assert_stderr_contains("error: the YAML is nested too deeply");
        out.assert_stderr_contains(" --> episodes/ep.yaml:1:");
    }
}

#[test]
fn not_a_mapping_and_empty_files() {
    let show = Show::new()
        .file("episodes/a.yaml", "- 1\n- 2\n")
        .file("episodes/b.yaml", "");
    let out = check(&show);
    out.assert_stderr_contains(
        "error: an episode file must be a mapping of keys, found a list
 --> episodes/a.yaml:1:1",
    );
    out.assert_stderr_contains(
        "error: file is empty
--> episodes/b.yaml
 = help: an episode needs at least `title`, `date` and `topics`",
    );
}

#[test]
fn binary_garbage_does_not_panic() {
    let show = Show::new();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    show.write("episodes/ep.yaml", &garbage);
    check(&show);
    show.write("episodes/ep.yaml", b"\t\t- : : -\n  ? [ }\n&&& *** !!!\n");
    check(&show);
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_the_show_are_refused_unread() {
    use std::os::unix::fs::symlink;
    const SECRET: &str = "SHOWNOTES_TEST_SECRET_VALUE_4711";
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
    );
    symlink("/proc/self/environ", show.path().join("episodes/env.yaml")).unwrap();
    symlink("/proc/self/pagemap", show.path().join("episodes/pagemap.yaml")).unwrap();
    let out = show.run_env(&["check", "--offline"], &[("CI_SECRET", SECRET)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        !out.stderr.contains(SECRET),
        "the environment was printed:\n{}",
        out.stderr
    );
    for name in ["env", "pagemap"] {
        assert!(
            out.stderr.contains(&format!(
                "error: `episodes/{name}.yaml` leads outside the show (to /proc/"
            )),
            "{}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("--> episodes/env.yaml"), "{}", out.stderr);

    // A template leading to /etc/passwd is not built into the notes.
    std::fs::remove_file(show.path().join("episodes/env.yaml")).unwrap();
    std::fs::remove_file(show.path().join("episodes/pagemap.yaml")).unwrap();
    std::fs::create_dir_all(show.path().join("templates")).unwrap();
    symlink("/etc/passwd", show.path().join("templates/episode.txt")).unwrap();
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: `templates/episode.txt` leads outside the show (to /etc/passwd)"),
        "{}",
        out.stderr
    );
    assert!(!show.path().join("dist/ep/notes.txt").exists());

    // series.yaml too.
    std::fs::remove_file(show.path().join("templates/episode.txt")).unwrap();
    std::fs::rename(
        show.path().join("series.yaml"),
        show.path().join("../series-elsewhere.yaml"),
    )
    .ok();
    symlink("/etc/hostname", show.path().join("series.yaml")).unwrap();
    let out = show.run(&["check", "--offline"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("`series.yaml` leads outside the show"),
        "{}",
        out.stderr
    );
}

/// `episodes/` itself a link to a folder outside the show: every file in
/// it leads outside, and none is read (the folder is checked before the
/// files are read through it).
#[cfg(unix)]
#[test]
fn an_episodes_folder_leading_outside_the_show_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        elsewhere.path().join("ep.yaml"),
        "title: 外の回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
    )
    .unwrap();
    let show = Show::new();
    std::fs::remove_dir_all(show.path().join("episodes")).ok();
    std::os::unix::fs::symlink(elsewhere.path(), show.path().join("episodes")).unwrap();
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains("error: `episodes/ep.yaml` leads outside the show");
    let out = show.run(&["build", "--format", "txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!show.path().join("dist/ep/notes.txt").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_show_to_a_file_inside_it_is_followed() {
    let show = Show::new().file(
        "shared/ep.yaml",
        "title: 共有回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
    );
    std::os::unix::fs::symlink("../shared/ep.yaml", show.path().join("episodes/linked.yaml")).unwrap_or_else(
        |_| {
            std::fs::create_dir_all(show.path().join("episodes")).unwrap();
            std::os::unix::fs::symlink("../shared/ep.yaml", show.path().join("episodes/linked.yaml"))
                .unwrap();
        },
    );
    let out = show.run(&["build", "--format", "txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(show.read("dist/linked/notes.txt").contains("一"));
}

#[cfg(unix)]
#[test]
fn special_files_in_episodes_are_errors_not_hangs() {
    let show = Show::new();
    std::fs::create_dir_all(show.path().join("episodes")).unwrap();
    let fifo = show.path().join("episodes/pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    let out = show.run(&["check", "--offline"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: `episodes/pipe.yaml` is a named pipe, not a regular file"),
        "{}",
        out.stderr
    );
}

/// A reference link whose definition comes first: the parsed destination
/// is not where the reference is, and the offsets counted in it once fell
/// inside a Japanese character (a panic). The error points at the
/// definition's backslash.
#[test]
fn a_bad_reference_definition_before_its_use_is_reported_where_written() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        r#"title: 回
date: 2026-01-01
topics:
  - at: "0:00"
    title: 一
    body: "[a]: https://e.test/a\\b\n\n山田[a]山田です。山田です。山田です。"
"#,
    );
    let out = check(&show);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out.assert_stderr_contains(
        "error: a link in `body` contains `\\`: a URL cannot contain whitespace, control characters, <, >, \" or \\
 --> episodes/ep.yaml:6:33",
    );
}

#[test]
fn urls_carrying_markup_are_refused_where_written() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        r#"title: 回
date: 2026-01-01
topics:
  - at: "0:00"
    title: 一
    body: "[a](<https://x.test/a b>)"
    sources:
      - title: 一
        url: "https://x.test/\n<script>alert(1)</script>\n"
      - title: 二
        url: 'https://x.test/><img src="x" onerror="alert(1)">'
"#,
    );
    let out = check(&show);
    for expected in [
        "error: `url` contains a line break: a URL cannot contain whitespace, control characters, <, >, \" or \\
 --> episodes/ep.yaml:9:30",
        "= help: write it percent-encoded: https://x.test/%0A%3Cscript%3Ealert(1)%3C/script%3E",
        "error: `url` contains `>`: a URL cannot contain whitespace, control characters, <, >, \" or \\
  --> episodes/ep.yaml:11:30",
        "= help: write it percent-encoded: https://x.test/%3E%3Cimg%20src=%22x%22%20onerror=%22alert(1)%22%3E",
        "error: a link in `body` contains a space: a URL cannot contain whitespace, control characters, <, >, \" or \\
 --> episodes/ep.yaml:6:33",
    ] {
        out.assert_stderr_contains(expected);
    }
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!show.path().join("dist/ep/notes.md").exists());
}

#[test]
fn outputs_write_urls_as_serialized_and_markdown_destinations_stay_links() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        r#"title: 回
date: 2026-01-01
topics:
  - at: "0:00"
    title: 一
    sources:
      - title: 資料
        url: "https://x.test/a_(b)/日本?q=it's"
"#,
    );
    let out = show.run(&["build", "--format", "txt,md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let serialized = "https://x.test/a_(b)/%E6%97%A5%E6%9C%AC?q=it%27s";
    assert!(
        show.read("dist/ep/notes.txt")
            .contains(&format!("\n{serialized}\n"))
    );
    let md = show.read("dist/ep/notes.md");
    let links: Vec<String> = pulldown_cmark::Parser::new(&md)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect();
    assert_eq!(links, [serialized], "{md}");
}

#[test]
fn characters_xml_does_not_allow_are_errors_in_every_text_field() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: \"番組\\x01\"\ndescription: \"説明\\uFFFF\"\nbase_url: https://x.test/\n",
        )
        .file(
            "episodes/ep.yaml",
            r#"title: "回\x01"
date: 2026-01-01
lead: "前\0書き"
topics:
  - at: "0:00"
    title: "一\e[31m"
    body: "本\f文"
    sources:
      - publisher: "社\uFFFE"
        title: 資料
        url: https://x.test/a
audience:
  - "方\x01"
speakers:
  - name: "名\uFFFF"
audio:
  url: https://x.test/a.mp3
  bytes: 100
  type: audio/mpeg
"#,
        );
    let out = check(&show);
    for expected in [
        "error: `title` contains U+0001 (a control character), a character XML and HTML do not allow\n --> series.yaml:1:11",
        "error: `description` contains U+FFFF (a noncharacter), a character XML and HTML do not allow\n --> series.yaml:2:17",
        "error: `title` contains U+0001 (a control character), a character XML and HTML do not allow\n --> episodes/ep.yaml:1:10",
        "error: `lead` contains U+0000 (a control character)",
        "error: `title` contains U+001B (a control character)",
        "error: `body` contains U+000C (a control character)",
        "error: `publisher` contains U+FFFE (a noncharacter)",
        "error: `audience` contains U+0001 (a control character)",
        "error: `name` contains U+FFFF (a noncharacter)",
    ] {
        out.assert_stderr_contains(expected);
    }
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!show.path().join("dist/feed.xml").exists());
}

/// A file with no escape can still bring in a character XML refuses
/// through a tag (`!!binary` decodes to any bytes); each is found.
#[test]
fn characters_xml_does_not_allow_are_errors_without_escapes_too() {
    let show = Show::new()
        .file(
            "episodes/binary.yaml",
            "title: !!binary AQ==\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
        )
        .file(
            "episodes/anchored.yaml",
            "title: &t !!binary 77+/\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: *t\n",
        );
    let out = check(&show);
    for expected in [
        "error: `title` contains U+0001 (a control character), a character XML and HTML do not allow\n --> episodes/binary.yaml:1:",
        "error: `title` contains U+FFFF (a noncharacter), a character XML and HTML do not allow\n --> episodes/anchored.yaml:1:",
        "error: `title` contains U+FFFF (a noncharacter), a character XML and HTML do not allow\n --> episodes/anchored.yaml:5:",
    ] {
        out.assert_stderr_contains(expected);
    }
}

#[test]
fn templates_cannot_loop_or_grow_without_bound() {
    let episode = "title: 回\ndate: 2026-01-01\ntopics:\n  - at: \"0:00\"\n    title: 一\n";
    for (template, expected) in [
        (
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}",
            "error: template templates/episode.txt asked range() for more than 100000 elements in one render; it was stopped",
        ),
        (
            "{% for i in range(end=100000) %}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{{ episode.title }}{% endfor %}",
            "error: template templates/episode.txt produced more than 8 MiB; it was stopped",
        ),
    ] {
        let show = Show::new()
            .file("episodes/ep.yaml", episode)
            .file("templates/episode.txt", template);
        let started = std::time::Instant::now();
        let out = show.run(&["build", "--format", "txt"]);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(out.stderr.contains(expected), "{}", out.stderr);
        assert!(out.stderr.contains("--> templates/episode.txt"), "{}", out.stderr);
        assert!(!show.path().join("dist/ep").exists());
    }
}

/// A date with a multi-byte character where its tenth byte would be is
/// an invalid date, not a panic; found by scripts/fuzz-inputs.py.
#[test]
fn a_date_cut_inside_a_character_is_an_error_not_a_panic() {
    let show = Show::new().file(
        "episodes/ep.yaml",
        "title: 回\ndate: 2026-03-0ｶﾞ6\ntopics:\n  - at: \"0:00\"\n    title: 一\n",
    );
    let out = show.run(&["check", "--offline"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out.assert_stderr_contains(
        "error: `date` must be written YYYY-MM-DD, found `2026-03-0ｶﾞ6`\n --> episodes/ep.yaml:2:7",
    );
}

/// A template error in Japanese text (the engine's span ends inside a
/// character) is shown under the whole character, not a panic; found by
/// scripts/fuzz-inputs.py.
#[test]
fn a_template_error_inside_a_japanese_character_is_shown_not_a_panic() {
    let show = Show::new()
        .file("episodes/ep.yaml", MINIMAL_EPISODE)
        .file("templates/episode.txt", "題名\n{{ episode.title。。 }}\n");
    for args in [&["check", "--offline"][..], &["build"]] {
        let out = show.run(args);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        out.assert_stderr_contains("error: template templates/episode.txt does not parse");
        out.assert_stderr_contains("2 | {{ episode.title。。 }}");
    }
}

/// A template that doubles a string without writing anything holds no
/// output and calls nothing: the watchdog ends the process once it holds
/// more memory than the limit (lowered here from its 4 GiB), and nothing
/// is published.
#[test]
fn a_template_growing_a_string_in_memory_is_stopped_at_the_memory_limit() {
    let bomb = "{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}";
    let show = Show::new()
        .file("episodes/ep.yaml", MINIMAL_EPISODE)
        .file("templates/episode.txt", bomb);
    let out = show.run_env(
        &["build", "--format", "txt"],
        &[("SHOWNOTES_MAX_RENDER_MEMORY_MIB", "200")],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains(
        "of memory in use while rendering templates/episode.txt, over the limit of 200 MiB",
    );
    out.assert_stderr_contains("nothing was published");
    assert!(!show.path().join("dist").exists());
    // A limit of 0 (or not a number) is the runner's mistake: said, and
    // the default kept, so a plain template still renders.
    let plain = Show::new().file("episodes/ep.yaml", MINIMAL_EPISODE);
    let out = plain.run_env(
        &["build", "--format", "txt"],
        &[("SHOWNOTES_MAX_RENDER_MEMORY_MIB", "0")],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_contains(
        "warning: SHOWNOTES_MAX_RENDER_MEMORY_MIB=\"0\" is not a positive number of MiB; using 4096",
    );
}

#[test]
fn messages_say_what_the_file_is_and_what_is_wrong() {
    // 30,000 plain topics: too many values, not an alias bomb.
    let mut many = String::from("title: 回\ndate: 2026-01-01\ntopics:\n");
    for i in 0..30_000 {
        many.push_str(&format!("  - at: \"{}:{:02}\"\n    title: x\n", i / 60, i % 60));
    }
    let show = Show::new()
        .file("episodes/many.yaml", &many)
        .file("episodes/multi.yaml", "title: a\n---\ntitle: b\n")
        .file("episodes/エピソード.yaml", "title: a\n");
    let out = check(&show);
    for expected in [
        "error: the file has more than 100,000 values\n",
        "= help: an episode has a few hundred values; split the content, or check that this is the file you meant",
        "error: the file holds more than one YAML document (a line `---` starts another)\n --> episodes/multi.yaml:3:1",
        "= help: keep one document per file: remove the `---` line, or move what follows it into a file of its own",
        "rename it with ASCII letters and digits, e.g. to `ep001.yaml`",
    ] {
        out.assert_stderr_contains(expected);
    }
    for wrong in ["alias bomb", "from_str_multiple", "to `.yaml`"] {
        assert!(!out.stderr.contains(wrong), "{wrong}:\n{}", out.stderr);
    }

    // A 50 MB series.yaml is not "an episode file".
    let show = Show::new();
    let mut big = String::from("title: 番組\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str("# 長い行のコメントです。長い行のコメントです。長い行のコメントです。\n");
    }
    show.write("series.yaml", big.as_bytes());
    let out = check(&show);
    assert!(
        out.stderr
            .contains("error: file is 50.0 MiB, more than the 4 MiB series.yaml may have\n--> series.yaml"),
        "{}",
        out.stderr
    );
}

/// `shownotes check --format json | head -c 10`: the reader goes away
/// before the report is written; that is no panic and no error.
#[test]
fn a_reader_that_closes_standard_output_early_is_no_panic() {
    let show = Show::bundled();
    for args in [
        &["check", "--offline", "--format", "json"][..],
        &["check", "--offline", "--format", "github"][..],
        &[
            "render",
            "episodes/tech-competition-and-economic-security.yaml",
            "--format",
            "txt",
        ][..],
    ] {
        let mut child = crate::support::command(show.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run shownotes");
        // Close the read end at once: every write to stdout then fails.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {:?}\n{stderr}",
            output.status
        );
    }
}

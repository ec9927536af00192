//! `shownotes new`: the next episode, numbered and valid.

use crate::support::{MINIMAL_EPISODE as EPISODE, Show};

fn numbered(n: i64) -> String {
    format!("number: {n}\n{EPISODE}")
}

#[test]
fn new_takes_the_next_number_and_the_file_passes_check() {
    let show = Show::new()
        .file("episodes/ep012.yaml", &numbered(12))
        .file("episodes/ep003.yaml", &numbered(3))
        .file("episodes/no-number.yaml", EPISODE);
    let out = show.run(&[
        "new",
        "--title",
        "第13回: \"半導体\" と: 経済安全保障",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "episodes/ep013.yaml\n");
    let text = show.read("episodes/ep013.yaml");
    assert!(
        text.starts_with("# yaml-language-server: $schema=../schema/episode.schema.json\n"),
        "{text}"
    );
    assert!(text.contains("\nnumber: 13\n"), "{text}");
    assert!(text.contains("\ndate: 2026-04-01\n"), "{text}");
    assert!(
        text.contains("\ntitle: \"第13回: \\\"半導体\\\" と: 経済安全保障\"\n"),
        "{text}"
    );

    let check = show.run(&["check", "--offline", "episodes/ep013.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    check.assert_stderr_contains("0 errors, 0 warnings");
    // The title survives YAML quoting exactly.
    let build = show.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        show.read("dist/ep013/notes.md")
            .contains("第13回: \"半導体\" と: 経済安全保障")
    );

    // And the next one after that.
    let out = show.run(&["new", "--slug", "chips"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "episodes/ep014-chips.yaml\n"),
        "{}",
        out.stderr
    );
    let check = show.check_offline();
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn new_defaults_to_today_and_number_one() {
    let show = Show::new();
    let before = chrono::Local::now().date_naive();
    let out = show.run(&["new"]);
    let after = chrono::Local::now().date_naive();
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "episodes/ep001.yaml\n"),
        "{}",
        out.stderr
    );
    let text = show.read("episodes/ep001.yaml");
    assert!(
        text.contains(&format!("\ndate: {before}\n")) || text.contains(&format!("\ndate: {after}\n")),
        "{text}"
    );
    assert!(text.contains("\nnumber: 1\n"), "{text}");
    // No schema/ yet: say how to get one.
    out.assert_stderr_contains("run `shownotes schema`");
    let check = show.check_offline();
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn unreadable_episodes_are_warnings_not_failures() {
    let show = Show::new()
        .file("episodes/ep004.yaml", &numbered(4))
        .file("episodes/broken.yaml", "title: [unclosed\n")
        .file("episodes/typo.yaml", "titel: T\nnumber: 40\n");
    let out = show.run(&["new", "--date", "2026-04-01"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "episodes/ep005.yaml\n");
    out.assert_stderr_contains("warning: episodes/broken.yaml does not load, so its number was not counted");
    out.assert_stderr_contains("warning: episodes/typo.yaml does not load, so its number was not counted");
    // The file's own problems, as warnings, with their position.
    out.assert_stderr_contains("warning: unknown key `titel` in episode");
    out.assert_stderr_contains(" --> episodes/typo.yaml:1:1");
    assert!(!out.stderr.contains("error"), "{}", out.stderr);
}

#[test]
fn new_refuses_to_overwrite() {
    // No `number` anywhere: the next is 1, and ep001.yaml exists.
    let show = Show::new().file("episodes/ep001.yaml", EPISODE);
    let out = show.run(&["new"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: episodes/ep001.yaml already exists; nothing was written (choose another name with --slug)\n"
    );
    assert_eq!(show.read("episodes/ep001.yaml"), EPISODE);
}

#[test]
fn bad_slug_date_or_place_are_usage_errors() {
    let show = Show::new();
    let out = show.run(&["new", "--slug", "日本語"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: --slug `日本語` cannot be part of a file name: use only ASCII letters, digits, `-` and `_`\n"
    );
    let out = show.run(&["new", "--slug", "../escape"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = show.run(&["new", "--date", "2026-02-30"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("`2026-02-30` is not a calendar date");
    let out = show.run(&["new", "--date", "2026/03/01"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("is not written YYYY-MM-DD");
    assert!(!show.path().join("episodes").exists());

    let nowhere = Show::empty();
    let out = nowhere.run(&["new"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("run `shownotes init` first");
}

#[test]
fn minutes_skeleton() {
    let show = Show::new();
    let out = show.run(&[
        "new",
        "--kind",
        "minutes",
        "--date",
        "2026-04-01",
        "--title",
        "定例会議",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "episodes/minutes-2026-04-01.yaml\n");
    let text = show.read("episodes/minutes-2026-04-01.yaml");
    for line in [
        "\nkind: minutes\n",
        "\ntitle: \"定例会議\"\n",
        "\ndate: 2026-04-01\n",
        "\nstart: \"10:00\"\n",
        "\nend: \"11:00\"\n",
        "\nsections:\n  - heading: ",
        "\n    points:\n      - label: ",
        "\n        text: ",
        "\n        by: ",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/minutes.schema.json\n"));
    // The skeleton is a valid meeting summary.
    let check = show.run(&["check", "--offline", "episodes/minutes-2026-04-01.yaml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    check.assert_stderr_contains(" 0 errors, 0 warnings");
}

/// `new` points at `shownotes schema` only while the show has no schemas.
#[test]
fn new_suggests_the_schema_command_until_the_schemas_exist() {
    let show = Show::new();
    let first = show.run(&["new"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    first.assert_stderr_contains("note: run `shownotes schema` to create schema/episode.schema.json");
    assert_eq!(show.run(&["schema"]).code, 0);
    let second = show.run(&["new"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(!second.stderr.contains("shownotes schema"), "{}", second.stderr);
}

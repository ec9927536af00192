//! `kind: minutes`: the bundled seed 003 (golden Markdown, txt and HTML
//! snapshots), the seed's content in order, and validation errors.

use crate::support::{Show, assert_golden, repo_file};

const SLUG: &str = "global-industry-strategy-meeting-3";

#[test]
fn seed_003_markdown_matches_the_golden() {
    let show = Show::built();
    assert_golden(
        &format!("{SLUG}.md"),
        &show.read(&format!("dist/{SLUG}/notes.md")),
    );
}

#[test]
fn seed_003_text_and_html_match_their_snapshots() {
    let show = Show::built();
    assert_golden(
        &format!("{SLUG}.txt"),
        &show.read(&format!("dist/{SLUG}/notes.txt")),
    );
    assert_golden(
        &format!("{SLUG}.html"),
        &show.read(&format!("dist/{SLUG}/index.html")),
    );
}

/// The seed as normalized Markdown lines: `・` and `- ・` bullets become
/// `- `, a label is `**label**: ` whatever the seed's spacing, subsection
/// numbers are followed by one space.
fn expected_lines(seed: &str) -> Vec<String> {
    let mut lines = seed.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut out = vec![format!("# {}", lines.next().expect("title"))];
    for line in lines {
        let first = line.chars().next().expect("non-empty");
        if line.starts_with('■') {
            out.push(line.to_string());
        } else if line.starts_with('(') {
            out.push(format!("## {line}"));
        } else if ('①'..='⑳').contains(&first) {
            out.push(format!("### {first} {}", line[first.len_utf8()..].trim()));
        } else {
            let bullet = line.trim_start_matches("- ").trim_start_matches('・');
            let rest = bullet.strip_prefix("**").expect("a bold label");
            let (label, text) = rest.split_once("**").expect("closing **");
            let text = text.trim_start_matches([':', '：']).trim_start();
            out.push(format!("- **{label}**: {text}"));
        }
    }
    out
}

#[test]
fn seed_003_markdown_carries_every_line_of_the_seed_in_order() {
    let show = Show::built();
    let markdown = show.read(&format!("dist/{SLUG}/notes.md"));
    let expected = expected_lines(&repo_file("tests/seeds/003-minutes.txt"));
    assert_eq!(expected.iter().filter(|l| l.starts_with("- **")).count(), 34);
    let lines: Vec<&str> = markdown.lines().collect();
    let mut from = 0;
    for line in &expected {
        let found = lines[from..].iter().position(|l| l == line);
        let Some(found) = found else {
            panic!("not found (in order) in notes.md: {line}");
        };
        from += found + 1;
    }
    assert!(markdown.contains("\n■ 日時: 令和8年3月10日(火) 17:00~18:30\n"));
    assert_eq!(markdown.matches("(安永)\n").count(), 2);
    // One bullet style: the seed's `・` and `- ・` are both `- `.
    assert!(
        !markdown
            .lines()
            .any(|l| l.starts_with('・') || l.starts_with("- ・"))
    );
    assert_eq!(markdown.lines().filter(|l| l.starts_with("- **")).count(), 34);
}

const BROKEN: &str = "kind: minutes
title: 会議
date: 2026-03-10
start: \"18:30\"
end: \"17:00\"
venue: 本館
sections:
  - points:
      - text: 論点
  - heading: 二
    subsections:
      - heading: 小見出し
        points:
          - label: 要点
";

#[test]
fn minutes_errors_point_at_the_value() {
    let show = Show::new().file("episodes/m.yaml", BROKEN);
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "error: unknown key `venue` in meeting summary\n --> episodes/m.yaml:6:1\n",
        "error: missing required key `heading` in section\n --> episodes/m.yaml:8:5\n",
        "error: missing required key `text` in point\n  --> episodes/m.yaml:14:13\n",
        "error: `end` 17:00 is not after `start` 18:30\n --> episodes/m.yaml:5:6\n",
    ] {
        out.assert_stderr_contains(expected);
    }
    out.assert_stderr_contains(
        "help: the keys of a meeting summary are: kind, title, date, start, end, place, attendees, sections",
    );
    out.assert_stderr_contains("help: the meeting must end after it starts; check `start` at line 4");
    // A failed build changes nothing.
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(!show.path().join("dist/m").exists());
}

#[test]
fn equal_times_are_refused_and_bad_times_explained() {
    let show = Show::new().file(
        "episodes/m.yaml",
        "kind: minutes\ntitle: 会議\ndate: 2026-03-10\nstart: \"17:00\"\nend: \"17:00\"\nsections:\n  - heading: 一\n",
    );
    let out = show.check_offline();
    out.assert_stderr_contains("error: `end` 17:00 is not after `start` 17:00\n --> episodes/m.yaml:5:6\n");
    let show = Show::new().file(
        "episodes/m.yaml",
        "kind: minutes\ntitle: 会議\ndate: 2026-03-10\nstart: \"25:00\"\nsections:\n  - heading: 一\n",
    );
    let out = show.check_offline();
    out.assert_stderr_contains(
        "error: `start` must be a time written HH:MM, found `25:00`\n --> episodes/m.yaml:4:8\n",
    );
}

#[test]
fn unknown_kind_gets_a_did_you_mean() {
    let show = Show::new().file("episodes/m.yaml", "kind: minites\ntitle: 会議\n");
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: unknown document kind `minites`\n --> episodes/m.yaml:1:7\n");
    out.assert_stderr_contains("help: did you mean `minutes`?");
}

#[test]
fn explicit_episode_kind_still_builds_an_episode() {
    let show = Show::new().file(
        "episodes/e.yaml",
        "kind: episode\ntitle: 回\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: 始まり\n",
    );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(show.read("dist/e/notes.txt").contains("00:00 始まり"));
}

#[test]
fn minutes_render_escapes_fields_and_keeps_markdown() {
    let show = Show::new().file(
        "episodes/m.yaml",
        "kind: minutes
title: 会議 <b>
date: 2019-05-01
start: \"9:30\"
place: 第1会議室
attendees: [山田 太郎, 鈴木 花子]
sections:
  - heading: 議題 <i>
    points:
      - label: 結論 <s>
        text: 詳しくは[資料](https://example.com/a)を参照。
        by: 山田
",
    );
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = show.read("dist/m/index.html");
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("<h1>会議 &lt;b&gt;</h1>"), "{html}");
    assert!(html.contains("<h3>(議題 &lt;i&gt;)</h3>"), "{html}");
    assert!(html.contains("<strong>結論 &lt;s&gt;</strong>: <p>詳しくは<a href=\"https://example.com/a\" rel=\"noopener\">資料</a>を参照。</p>"), "{html}");
    assert!(html.contains("令和元年5月1日(水)</time> 09:30~</dd>"), "{html}");
    let md = show.read("dist/m/notes.md");
    assert!(md.contains("■ 日時: 令和元年5月1日(水) 09:30~\n"), "{md}");
    assert!(md.contains("■ 場所: 第1会議室\n"), "{md}");
    assert!(md.contains("■ 出席者: 山田 太郎、鈴木 花子\n"), "{md}");
    assert!(
        md.contains("- **結論 &lt;s&gt;**: 詳しくは[資料](https://example.com/a)を参照。(山田)\n"),
        "{md}"
    );
    let txt = show.read("dist/m/notes.txt");
    assert!(
        txt.contains("・結論 <s>: 詳しくは資料 https://example.com/a を参照。(山田)\n"),
        "{txt}"
    );
}

#[test]
fn render_prints_minutes_with_their_own_template() {
    let show = Show::bundled();
    let out = show.run(&["render", &format!("episodes/{SLUG}.yaml"), "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden(&format!("{SLUG}.md"), &out.stdout);
}

#[test]
fn every_problem_of_a_meeting_summary_is_reported_together() {
    let show = Show::new().file(
        "episodes/m.yaml",
        "kind: minutes\ntitel: 会議\ndate: 2026-03-10\nstart: \"18:00\"\nend: \"17:00\"\nsections:\n  - heading: 議題\n    points:\n      - text: \"[リンク](javascript:x) を参照。\"\n      - label: ラベル\n",
    );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    for expected in [
        "error: missing required key `title` in meeting summary\n --> episodes/m.yaml:1:1",
        "error: unknown key `titel` in meeting summary\n --> episodes/m.yaml:2:1",
        "error: `end` 17:00 is not after `start` 18:00\n --> episodes/m.yaml:5:6",
        "error: a link in `text` is not usable: `javascript:` links are not allowed; only http and https\n --> episodes/m.yaml:9:22",
        "error: missing required key `text` in point\n  --> episodes/m.yaml:10:9",
    ] {
        out.assert_stderr_contains(expected);
    }
    out.assert_stderr_contains(" 5 errors, ");
}

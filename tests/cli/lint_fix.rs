//! `shownotes check --fix`: every fixable rule is rewritten in place,
//! only at the offending characters (comments, quoting, block scalars and
//! every other byte unchanged), each change is printed, a second run
//! changes nothing, and a fix that would change a value's meaning is
//! refused.

use crate::support::{Output, Show};

const SERIES: &str = "title: 番組\nlint:\n  terms: { Javascript: JavaScript, サーバ: サーバー }\n";

const BEFORE: &str = r#"# 校正の前 (このコメントは残る)
kind: minutes
title: 第１回 ﾃｽﾄ会議   # 行末のコメント
date: 2026-03-10
sections:
  - heading: "ＡＩの\u200B話"
    points:
      - text: |
          Javascriptとサーバの話。。サーバーは別。
          ゼロ{ZWSP}幅も消す。
      - text: >
          折り返しの中のＡＢＣと
          ｶﾞｯｺｳ。。
        by: ＡＢＣ 太郎
      - text: '引用の「米ＣＤＣ」はそのまま'
"#;

const AFTER: &str = r#"# 校正の前 (このコメントは残る)
kind: minutes
title: 第1回 テスト会議   # 行末のコメント
date: 2026-03-10
sections:
  - heading: "AIの話"
    points:
      - text: |
          JavaScriptとサーバーの話。サーバーは別。
          ゼロ幅も消す。
      - text: >
          折り返しの中のABCと
          ガッコウ。
        by: ＡＢＣ 太郎
      - text: '引用の「米ＣＤＣ」はそのまま'
"#;

/// `BEFORE` writes its one literal invisible character as `{ZWSP}`.
fn show(episode: &str) -> Show {
    let episode = episode.replace("{ZWSP}", "\u{200B}");
    Show::empty()
        .file("series.yaml", SERIES)
        .file("episodes/m.yaml", &episode)
}

fn fix(show: &Show) -> Output {
    let out = show.run(&["check", "--offline", "--fix"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

#[test]
fn every_fixable_rule_is_rewritten_in_place() {
    let show = show(BEFORE);
    let out = fix(&show);
    assert_eq!(show.read("episodes/m.yaml"), AFTER);
    for change in [
        "fixed episodes/m.yaml:3:9: `１` → `1` (rule `fullwidth-alnum`)",
        "fixed episodes/m.yaml:3:12: `ﾃｽﾄ` → `テスト` (rule `halfwidth-kana`)",
        "fixed episodes/m.yaml:6:15: `ＡＩ` → `AI` (rule `fullwidth-alnum`)",
        "fixed episodes/m.yaml:6:18: `U+200B` → (nothing) (rule `invisible-chars`)",
        "fixed episodes/m.yaml:9:11: `Javascript` → `JavaScript` (rule `terms`)",
        "fixed episodes/m.yaml:9:22: `サーバ` → `サーバー` (rule `terms`)",
        "fixed episodes/m.yaml:9:27: `。。` → `。` (rule `doubled-punctuation`)",
        "fixed episodes/m.yaml:10:13: `U+200B` → (nothing) (rule `invisible-chars`)",
        "fixed episodes/m.yaml:12:18: `ＡＢＣ` → `ABC` (rule `fullwidth-alnum`)",
        "fixed episodes/m.yaml:13:11: `ｶﾞｯｺｳ` → `ガッコウ` (rule `halfwidth-kana`)",
        "fixed episodes/m.yaml:13:16: `。。` → `。` (rule `doubled-punctuation`)",
        "fixed 11 problems in 1 files",
    ] {
        out.assert_stderr_contains(change);
    }
    // The check that follows sees the fixed file: nothing fixable is left.
    let (_, report) = out
        .stderr
        .split_once("fixed 11 problems in 1 files")
        .expect("a count");
    for rule in [
        "fullwidth-alnum",
        "halfwidth-kana",
        "invisible-chars",
        "doubled-punctuation",
        "terms",
    ] {
        assert!(
            !report.contains(&format!("(rule `{rule}`)")),
            "{rule}:\n{}",
            out.stderr
        );
    }
}

#[test]
fn fixing_twice_changes_nothing() {
    let show = show(BEFORE);
    fix(&show);
    let out = fix(&show);
    out.assert_stderr_contains("fixed 0 problems in 0 files");
    assert_eq!(show.read("episodes/m.yaml"), AFTER);
}

#[test]
fn unsafe_rules_only_report() {
    let episode = "kind: minutes\ntitle: 会議\ndate: 2026-03-10\nsections:\n  - heading: 議題\n    points:\n      - text: 明日は来れる。「閉じない\n";
    let show = show(episode);
    let out = fix(&show);
    out.assert_stderr_contains("fixed 0 problems in 0 files");
    out.assert_stderr_contains("(rule `ra-nuki`)");
    out.assert_stderr_contains("(rule `bracket-pairs`)");
    assert_eq!(show.read("episodes/m.yaml"), episode);
}

#[test]
fn a_fix_that_would_change_a_value_is_refused() {
    // `１２３` as a plain scalar would become the number 123.
    let episode = "kind: minutes\ntitle: １２３\ndate: 2026-03-10\nsections:\n  - heading: 議題\n    points:\n      - text: 本文\n";
    let show = show(episode);
    let out = fix(&show);
    out.assert_stderr_contains(
        "not fixed episodes/m.yaml: the fixes would change more than the words they replace; fix it by hand",
    );
    assert_eq!(show.read("episodes/m.yaml"), episode);
    out.assert_stderr_contains("(rule `fullwidth-alnum`)");
}

#[test]
fn switched_off_rules_are_not_fixed() {
    let show = Show::empty()
        .file("series.yaml", "title: 番組\nlint: { fullwidth-alnum: false }\n")
        .file("episodes/m.yaml", "kind: minutes\ntitle: 第１回\ndate: 2026-03-10\nsections:\n  - heading: 議題\n    points:\n      - text: 本文\n");
    let out = fix(&show);
    out.assert_stderr_contains("fixed 0 problems in 0 files");
    assert!(show.read("episodes/m.yaml").contains("第１回"));
}

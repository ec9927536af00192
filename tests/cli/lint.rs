//! `shownotes check`'s Japanese text rules: each one catches its broken
//! sample at the exact file:line:column and passes a clean one; rules are
//! switched off in series.yaml; the bundled seeds are clean.

use crate::support::{Output, Show, codes};

/// A meeting summary whose one point text is `text`, written on line 7
/// from column 15.
fn minutes(text: &str) -> String {
    format!(
        "kind: minutes\ntitle: 会議\ndate: 2026-03-10\nsections:\n  - heading: 議題\n    points:\n      - text: {text}\n"
    )
}

#[track_caller]
fn check(file: &str) -> Output {
    let out = Show::new().file("episodes/x.yaml", file).check_offline();
    assert_eq!(out.code, 0, "warnings only:\n{}", out.stderr);
    out
}

/// How many findings of `rule` were reported.
fn count(out: &Output, rule: &str) -> usize {
    out.stderr.matches(&format!("(rule `{rule}`)")).count()
}

#[track_caller]
fn assert_warning(out: &Output, message: &str, location: &str) {
    out.assert_stderr_contains(&format!("warning: {message}\n --> episodes/x.yaml:{location}\n"));
}

#[test]
fn bundled_seeds_have_no_findings() {
    let out = Show::bundled().run(&["check", "--offline", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = out.json();
    // Seed 000 is over the platforms' description budgets and starts at
    // 01:40 (offline rules of `check`); no Japanese text rule fires.
    assert_eq!(
        codes(&report),
        [
            "apple-description-limit",
            "youtube-description-limit",
            "first-topic-not-at-start"
        ]
    );
}

#[test]
fn bracket_pairs() {
    let out = check(&minutes("「かっこ"));
    assert_warning(&out, "`「` is never closed", "7:15");
    assert_eq!(count(&out, "bracket-pairs"), 1);

    let out = check(&minutes("かっこ」と)"));
    assert_warning(&out, "`」` closes no `「`", "7:18");
    assert_warning(&out, "`)` closes no `(`", "7:20");
    assert_eq!(count(&out, "bracket-pairs"), 2);

    let out = check(&minutes("「『引用」』"));
    assert_warning(
        &out,
        "misnested brackets: `」` closes `「` while `『` is still open",
        "7:19",
    );
    out.assert_stderr_contains("help: close `『` with `』` before `」` (rule `bracket-pairs`)");
    assert_eq!(count(&out, "bracket-pairs"), 1);

    let out = check(&minutes("「引用『入れ子』」と（全角）と(半角)と【注】と“quote”"));
    assert_eq!(count(&out, "bracket-pairs"), 0, "{}", out.stderr);
}

#[test]
fn halfwidth_kana() {
    let out = check(&minutes("ｶﾞｯｺｳのﾃﾞｰﾀ"));
    assert_warning(&out, "half-width katakana `ｶﾞｯｺｳ`", "7:15");
    assert_warning(&out, "half-width katakana `ﾃﾞｰﾀ`", "7:21");
    out.assert_stderr_contains("help: write `ガッコウ` (rule `halfwidth-kana`)");
    assert_eq!(count(&out, "halfwidth-kana"), 2);

    let out = check(&minutes("ガッコウのデータ"));
    assert_eq!(count(&out, "halfwidth-kana"), 0, "{}", out.stderr);
}

#[test]
fn fullwidth_alnum() {
    let out = check(&minutes("第１回はＡＩの話"));
    assert_warning(&out, "full-width letters or digits `１`", "7:16");
    assert_warning(&out, "full-width letters or digits `ＡＩ`", "7:19");
    out.assert_stderr_contains("help: write `AI` (rule `fullwidth-alnum`)");
    assert_eq!(count(&out, "fullwidth-alnum"), 2);

    // Full-width punctuation is Japanese typography, not a slip.
    let out = check(&minutes("第1回はAIの話（続き）！"));
    assert_eq!(count(&out, "fullwidth-alnum"), 0, "{}", out.stderr);
}

#[test]
fn invisible_chars() {
    // Escaped in a double-quoted scalar: the position is the escape's.
    let out = check(&minutes("\"ゼロ\\u200B幅\""));
    assert_warning(&out, "invisible character U+200B (ZERO WIDTH SPACE)", "7:18");
    // Written as the character itself.
    let out = check(&minutes("ゼロ\u{2060}幅と\u{FEFF}"));
    assert_warning(&out, "invisible character U+2060 (WORD JOINER)", "7:17");
    assert_warning(
        &out,
        "invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE (byte order mark))",
        "7:20",
    );
    assert_eq!(count(&out, "invisible-chars"), 2);

    // An emoji sequence joined by U+200D is meant.
    let out = check(&minutes("ゼロ幅なし👩\u{200D}💻"));
    assert_eq!(count(&out, "invisible-chars"), 0, "{}", out.stderr);
}

#[test]
fn doubled_punctuation() {
    let out = check(&minutes("終わり。。次、、"));
    assert_warning(&out, "doubled punctuation `。。`", "7:18");
    assert_warning(&out, "doubled punctuation `、、`", "7:21");
    assert_eq!(count(&out, "doubled-punctuation"), 2);

    let out = check(&minutes("終わり。次、そして……"));
    assert_eq!(count(&out, "doubled-punctuation"), 0, "{}", out.stderr);
}

#[test]
fn mixed_exclamation() {
    let file = minutes("本当?").replace("title: 会議", "title: 会議です！");
    let out = check(&file);
    assert_warning(
        &out,
        "ASCII `?` after Japanese text, in a file that otherwise uses `！` or `？`",
        "7:17",
    );
    out.assert_stderr_contains("help: write `？` (rule `mixed-exclamation`)");
    assert_eq!(count(&out, "mixed-exclamation"), 1);

    // ASCII marks after ASCII text, or in a file without ！？, are fine.
    let out = check(&minutes("本当? AI!"));
    assert_eq!(count(&out, "mixed-exclamation"), 0, "{}", out.stderr);
    let out =
        check(&minutes("これはAI! ![図](https://example.com/a.png)").replace("title: 会議", "title: 会議！"));
    assert_eq!(count(&out, "mixed-exclamation"), 0, "{}", out.stderr);
}

const FOLDED: &str = "kind: minutes
title: 第3回 会議
date: 2026-03-10
attendees: [山田 太郎]
sections:
  - heading: 議題 一
    points:
      - text: >
          折り返し
          された文
        by: 山田 太郎
";

#[test]
fn space_between_japanese_in_prose_only() {
    let out = check(FOLDED);
    assert_warning(&out, "space between Japanese characters `し` and `さ`", "9:15");
    out.assert_stderr_contains(
        "help: remove the space; if a folded `>` block joined two lines here, write `|` instead (rule `space-between-japanese`)",
    );
    // Titles, headings and names keep their spaces.
    assert_eq!(count(&out, "space-between-japanese"), 1, "{}", out.stderr);

    let out = check(&FOLDED.replace("text: >", "text: |"));
    assert_eq!(count(&out, "space-between-japanese"), 0, "{}", out.stderr);
    let out = check(&minutes("基盤 LLM と AI の話"));
    assert_eq!(count(&out, "space-between-japanese"), 0, "{}", out.stderr);
}

#[test]
fn episode_fields_are_checked_at_their_line() {
    let episode = "title: 回
date: 2026-03-10
lead: |
  一行目。
  二行目にｶﾅ。
topics:
  - at: \"0:00\"
    title: 始まり。。
";
    let out = check(episode);
    assert_warning(&out, "half-width katakana `ｶﾅ`", "5:7");
    assert_warning(&out, "doubled punctuation `。。`", "8:15");
}

#[test]
fn rules_are_switched_off_in_series_yaml() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint:\n  halfwidth-kana: false\n  doubled-punctuation: true\n",
        )
        .file("episodes/x.yaml", &minutes("ｶﾀｶﾅ。。"));
    let out = show.check_offline();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(count(&out, "halfwidth-kana"), 0, "{}", out.stderr);
    assert_eq!(count(&out, "doubled-punctuation"), 1, "{}", out.stderr);
}

#[test]
fn unknown_rule_ids_and_non_booleans_are_errors() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint: { halfwidth-kan: false, bracket-pairs: 1 }\n",
        )
        .file("episodes/x.yaml", &minutes("本文"));
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains("error: unknown key `halfwidth-kan` in lint settings\n --> series.yaml:2:9\n");
    out.assert_stderr_contains("help: did you mean `halfwidth-kana`?");
    out.assert_stderr_contains(
        "error: `bracket-pairs` must be true or false, found an integer\n --> series.yaml:2:46\n",
    );
}

#[test]
fn build_does_not_lint() {
    let show = Show::new().file("episodes/x.yaml", &minutes("ｶﾀｶﾅ"));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The only warning is that there is no feed; no Japanese text rule ran.
    assert_eq!(out.stderr.matches("warning:").count(), 1, "{}", out.stderr);
    out.assert_stderr_contains("warning: feed.xml is not written");
}

/// `rule` fires once on `text` (a point text on line 7, from column 15)
/// at `column`, with `message` and `help`.
#[track_caller]
fn assert_rule(text: &str, rule: &str, message: &str, column: usize, help: &str) {
    let out = check(&minutes(text));
    assert_warning(&out, message, &format!("7:{column}"));
    out.assert_stderr_contains(&format!("help: {help} (rule `{rule}`)"));
    assert_eq!(count(&out, rule), 1, "{}", out.stderr);
}

/// No rule at all fires on `text`.
#[track_caller]
fn assert_clean(text: &str) {
    let out = check(&minutes(text));
    assert!(!out.stderr.contains("(rule `"), "{text}:\n{}", out.stderr);
}

#[test]
fn ra_nuki() {
    assert_rule(
        "明日は来れる。",
        "ra-nuki",
        "ら抜き言葉 `来れる`",
        18,
        "write `来られる`",
    );
    assert_rule(
        "全部食べれた。",
        "ra-nuki",
        "ら抜き言葉 `食べれた`",
        17,
        "write `食べられた`",
    );
    assert_clean("明日は来られる。全部食べられた。窓から海が見える。取れる。入れる。待ちきれない。");
}

#[test]
fn i_nuki() {
    assert_rule(
        "今その話をしてる。",
        "i-nuki",
        "い抜き言葉 `してる`",
        20,
        "write `している` in written text",
    );
    assert_clean("今その話をしている。捨てる。育てる。AIってたくさんある。");
    // Quoted speech keeps its い抜き.
    assert_clean("「今それやってる」と話していました。");
}

#[test]
fn double_negative() {
    assert_rule(
        "使えないわけではない。",
        "double-negative",
        "二重否定 `ないわけではない`",
        17,
        "write it positively: 〜する (say it positively)",
    );
    assert_clean("使える場面もある。数は少なくはない。");
}

#[test]
fn doubled_joshi() {
    assert_rule(
        "材料不足で代替素材で作る。",
        "doubled-joshi",
        "the particle `で` twice in a row: `で代替素材で`",
        24,
        "reword one `で`, or split the clause with 、",
    );
    assert_clean("材料不足で、代替素材で作る。技術を生かせる勝ち筋を狙う。私は学生ではなく、彼は教師だ。");
}

#[test]
fn mixed_style() {
    let file = minutes("これは重要だ。").replace(
        "    points:\n",
        "    points:\n      - text: 今日は晴れです。\n      - text: 会議を開きます。\n",
    );
    let out = check(&file);
    assert_warning(
        &out,
        "である調 ending `だ` in prose written in です・ます調 (2 sentences)",
        "9:20",
    );
    out.assert_stderr_contains("help: end it in です・ます調: `だ` → `です` (rule `mixed-style`)");
    assert_eq!(count(&out, "mixed-style"), 1, "{}", out.stderr);
    // One style throughout; a past tense (読んだ) says nothing of style.
    assert_clean("今日は晴れだ。本を読んだ。会議は重要である。");
}

#[test]
fn redundant() {
    assert_rule(
        "機能を利用することができる。",
        "redundant",
        "冗長な表現 `することができ`",
        20,
        "write `でき`",
    );
    assert_rule(
        "来週に調査を行います。",
        "redundant",
        "冗長な表現 `調査を行います`",
        20,
        "write `調査します`",
    );
    assert_clean("機能を利用できる。設計を行うことも重要。投資を行わなかった。");
}

#[test]
fn kanji_run() {
    assert_rule(
        "経済安全保障推進法の改正。",
        "kanji-run",
        "9 kanji in a row `経済安全保障推進法`",
        15,
        "break it up with kana (e.g. `経済安全の保障推進法`), or accept it in series.yaml: `lint: { kanji-run: { allow: [経済安全保障推進法] } }`",
    );
    assert_clean("経済安全保障の推進。時価総額数十兆円の企業。CSIS(戦略国際問題研究所)の報告。");
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint:\n  kanji-run: { allow: [経済安全保障推進法] }\n",
        )
        .file("episodes/x.yaml", &minutes("経済安全保障推進法の改正。"));
    let out = show.check_offline();
    assert_eq!(count(&out, "kanji-run"), 0, "{}", out.stderr);
}

#[test]
fn max_ten() {
    assert_rule(
        "技術について、観点から、時間をかけて、詳しく、説明する。",
        "max-ten",
        "4 or more 、 in one sentence",
        37,
        "split the sentence in two, or drop a 、 that is not needed",
    );
    // A list (信頼性、統合、) and a topic (〜は、) are not clause breaks.
    assert_clean("さらに、信頼性、統合、体制、運用の課題については、確認し、整理して、考える。");
}

#[test]
fn successive_word() {
    assert_rule(
        "重要な重要な論点。",
        "successive-word",
        "`重要な` twice in a row",
        18,
        "write `重要な` once",
    );
    assert_clean("いろいろな論点をますます深め、一つ一つ、ドキドキしながら確かめる。");
}

#[test]
fn misuse() {
    assert_rule("的を得た意見。", "misuse", "誤用 `的を得`", 15, "write `的を射`");
    assert_clean("的を射た意見。");
}

#[test]
fn terms_variants_in_one_document() {
    assert_rule(
        "サーバーとサーバーとサーバの話。",
        "terms",
        "表記ゆれ: `サーバ`, written `サーバー` elsewhere in this document (2 times)",
        25,
        "write `サーバー`, or settle it for the show: `lint: { terms: { サーバ: サーバー } }`",
    );
    assert_clean("サーバーとサーバーサイドとサーバント。");
}

#[test]
fn terms_from_the_producers_dictionary() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint:\n  terms: { Javascript: JavaScript }\n",
        )
        .file(
            "episodes/x.yaml",
            &minutes("JavascriptとJavaScriptとJavascripts。"),
        );
    let out = show.check_offline();
    assert_warning(&out, "`Javascript` is written `JavaScript` in this show", "7:15");
    out.assert_stderr_contains("help: write `JavaScript` (series.yaml `lint: terms`) (rule `terms`)");
    assert_eq!(count(&out, "terms"), 1, "{}", out.stderr);
}

#[test]
fn sentence_length_is_off_unless_switched_on() {
    let long = format!("{}。", "あ".repeat(30));
    assert_clean(&long);
    let show = Show::empty()
        .file("series.yaml", "title: 番組\nlint: { sentence-length: 20 }\n")
        .file("episodes/x.yaml", &minutes(&long));
    let out = show.check_offline();
    assert_warning(&out, "a sentence of 31 characters (the limit is 20)", "7:15");
    assert_eq!(count(&out, "sentence-length"), 1, "{}", out.stderr);
}

#[test]
fn rule_settings_of_the_wrong_shape_are_errors() {
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint:\n  terms: [サーバ]\n  kanji-run: { allo: [] }\n  sentence-length: 0\n",
        )
        .file("episodes/x.yaml", &minutes("本文"));
    let out = show.check_offline();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains(
        "error: `terms` must be true, false or a mapping of words, found a list\n --> series.yaml:3:10\n",
    );
    out.assert_stderr_contains("error: unknown key `allo` in kanji-run settings\n --> series.yaml:4:16\n");
    out.assert_stderr_contains(
        "error: `sentence-length` must be true, false or a positive number, found an integer\n",
    );
    let show = Show::empty()
        .file(
            "series.yaml",
            "title: 番組\nlint:\n  terms: { サーバ: サーバー, サーバー: サーバ }\n",
        )
        .file("episodes/x.yaml", &minutes("本文"));
    show.check_offline()
        .assert_stderr_contains("error: `サーバー` is both a form to write and a form to replace");
}

/// The shape of real notes of other shows: nothing in it is the
/// producer's prose that a rule could fault.
#[test]
fn names_quotes_titles_tweets_and_enumerations_are_left_alone() {
    let show = Show::new().file(
        "episodes/quoted.yaml",
        &crate::support::repo_file("tests/lint-corpus/episodes/quoted.yaml"),
    );
    let out = show.run(&["check", "--offline", "episodes/quoted.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("(rule `"), "{}", out.stderr);
    // The same words as the producer's own prose are found.
    let own = "五藤 佑典さんの記事で米ＣＤＣとﾋﾟｷﾋﾟｷを見れる。\n\n1) 重さ\n2) 速さ\n\na) 費用";
    let out = check(&minutes(&format!(
        "|\n          {}",
        own.replace('\n', "\n          ")
    )));
    for rule in [
        "space-between-japanese",
        "fullwidth-alnum",
        "halfwidth-kana",
        "ra-nuki",
    ] {
        assert_eq!(count(&out, rule), 1, "{rule}:\n{}", out.stderr);
    }
    assert_eq!(count(&out, "bracket-pairs"), 0, "{}", out.stderr);
}

#[test]
fn the_lint_corpus_is_flagged_sentence_by_sentence() {
    let corpus = |name: &str| crate::support::repo_file(&format!("tests/lint-corpus/{name}"));
    let out = Show::empty()
        .file("series.yaml", &corpus("series.yaml"))
        .file("episodes/mistakes.yaml", &corpus("episodes/mistakes.yaml"))
        .file("episodes/clean.yaml", &corpus("episodes/clean.yaml"))
        .run(&["check", "--offline", "--format", "json"]);
    let report = out.json();
    let findings = report["findings"].as_array().expect("findings");
    let lines = |file: &str| -> std::collections::BTreeSet<u64> {
        findings
            .iter()
            .filter(|f| f["file"] == file)
            .filter_map(|f| f["line"].as_u64())
            .collect()
    };
    assert!(lines("episodes/clean.yaml").is_empty(), "{findings:#?}");
    // Every mistake sentence (lines 11, 13, ... 43) is flagged.
    let expected: std::collections::BTreeSet<u64> = (11..=43).step_by(2).collect();
    assert_eq!(lines("episodes/mistakes.yaml"), expected, "{findings:#?}");
}

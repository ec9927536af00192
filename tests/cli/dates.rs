//! Japanese dates in templates: the `wareki`, `ja_date` and `date_ja`
//! filters, `date_style` in series.yaml, and the refusal of dates before
//! 1873. (The era arithmetic itself is unit-tested in src/wareki.rs.)

use crate::support::Show;

const EPISODE: &str = "title: 回\ndate: 2026-03-10\ntopics:\n  - at: \"0:00\"\n    title: 始まり\n";

#[test]
fn episode_templates_use_the_western_form_by_default() {
    let show = Show::new().file("episodes/e.yaml", EPISODE);
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        show.read("dist/e/notes.md")
            .contains("\n2026年3月10日(火) · テスト番組\n")
    );
    assert!(
        show.read("dist/e/index.html")
            .contains("<time datetime=\"2026-03-10\">2026年3月10日(火)</time>")
    );
}

#[test]
fn date_style_wareki_switches_the_episode_templates() {
    let show = Show::empty()
        .file("series.yaml", "title: 番組\ndate_style: wareki\n")
        .file("episodes/e.yaml", EPISODE);
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        show.read("dist/e/notes.md")
            .contains("\n令和8年3月10日(火) · 番組\n")
    );
    assert!(
        show.read("dist/e/index.html")
            .contains(">令和8年3月10日(火)</time>")
    );
}

#[test]
fn date_style_typo_gets_a_did_you_mean() {
    let show = Show::empty()
        .file("series.yaml", "title: 番組\ndate_style: warekki\n")
        .file("episodes/e.yaml", EPISODE);
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("error: unknown `date_style` `warekki`\n --> series.yaml:2:13\n");
    out.assert_stderr_contains("help: did you mean `wareki`?");
}

/// Every filter in a show's own template, over the era boundaries.
#[test]
fn filters_format_every_example() {
    let template = "{% for d in [\"2026-03-10\", \"1989-01-07\", \"1989-01-08\", \"2019-04-30\", \"2019-05-01\"] %}\
                    {{ d | wareki }}|{{ d | ja_date }}|{{ d | date_ja(style=\"wareki\") }}|{{ d | date_ja }}\n{% endfor %}";
    let show = Show::new()
        .file("episodes/e.yaml", EPISODE)
        .file("templates/episode.md", template);
    let out = show.run(&["render", "episodes/e.yaml", "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "令和8年3月10日(火)|2026年3月10日(火)|令和8年3月10日(火)|2026年3月10日(火)\n\
         昭和64年1月7日(土)|1989年1月7日(土)|昭和64年1月7日(土)|1989年1月7日(土)\n\
         平成元年1月8日(日)|1989年1月8日(日)|平成元年1月8日(日)|1989年1月8日(日)\n\
         平成31年4月30日(火)|2019年4月30日(火)|平成31年4月30日(火)|2019年4月30日(火)\n\
         令和元年5月1日(水)|2019年5月1日(水)|令和元年5月1日(水)|2019年5月1日(水)\n"
    );
}

#[test]
fn wareki_filter_refuses_dates_before_1873() {
    let show = Show::empty()
        .file("series.yaml", "title: 番組\ndate_style: wareki\n")
        .file("episodes/e.yaml", &EPISODE.replace("2026-03-10", "1872-12-31"));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_contains(
        "1872-12-31 is before 1873-01-01, when Japan adopted the Gregorian calendar; \
             its 和暦 date would be a lunisolar date, which is not supported",
    );
    out.assert_stderr_contains("error: template (built-in) episode.md failed");
    assert!(!show.path().join("dist/e").exists());
    // The western form has no such limit.
    let show = Show::new().file("episodes/e.yaml", &EPISODE.replace("2026-03-10", "1872-12-31"));
    let out = show.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn minutes_dated_before_1873_are_refused_at_the_date() {
    let show = Show::new().file(
        "episodes/m.yaml",
        "kind: minutes\ntitle: 会議\ndate: 1872-12-31\nsections:\n  - heading: 一\n",
    );
    let out = show.check_offline();
    assert_eq!(out.code, 1);
    out.assert_stderr_contains(
        "error: minutes are dated in 和暦, and 1872-12-31 is before 1873-01-01, when Japan adopted the Gregorian calendar; its 和暦 date would be a lunisolar date, which is not supported\n --> episodes/m.yaml:3:7\n",
    );
}

#[test]
fn unknown_date_style_in_a_template_is_a_render_error() {
    let show = Show::new().file("episodes/e.yaml", EPISODE).file(
        "templates/episode.md",
        "{{ episode.date | date_ja(style=\"roman\") }}",
    );
    let out = show.run(&["render", "episodes/e.yaml", "--format", "md"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_contains("date_ja: unknown style `roman`; use one of western, wareki");
}

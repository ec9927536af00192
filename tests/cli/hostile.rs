//! Hostile input: each gives a clear error, exit 1, and no panic or hang.

use crate::support::{Output, Show};

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

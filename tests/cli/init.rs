//! `shownotes init`: a new show that builds, and never a clobbered file.

use crate::support::{Show, repo_file, run_in, snapshot};

#[test]
fn init_in_an_empty_directory_then_build_succeeds() {
    let show = Show::empty();
    let out = show.run(&["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let created: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        created,
        [
            "series.yaml",
            "episodes/ep001.yaml",
            "templates/README.md",
            ".gitignore",
            ".github/workflows/shownotes.yml",
            "schema/episode.schema.json",
            "schema/minutes.schema.json",
            "schema/series.schema.json",
        ]
    );
    assert_eq!(
        show.read(".gitignore"),
        "# shownotes build output and caches\ndist/\n.shownotes/\n"
    );
    assert_eq!(
        show.read(".github/workflows/shownotes.yml"),
        repo_file(".github/workflows/shownotes.yml")
    );
    assert!(show.read("templates/README.md").contains("episode.txt"));
    assert!(
        show.read("episodes/ep001.yaml")
            .starts_with("# yaml-language-server: $schema=../schema/episode.schema.json\n")
    );

    let check = show.check_offline();
    assert_eq!(check.code, 0, "{}", check.stderr);
    check.assert_stderr_contains("0 errors, 0 warnings");
    let build = show.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(show.read("dist/ep001/notes.txt").contains("00:00 オープニング\n"));
    assert!(
        show.read("dist/ep001/index.html")
            .contains("第1回: 番組をはじめます")
    );
}

#[test]
fn init_creates_a_named_directory() {
    let parent = Show::empty();
    let out = parent.run(&["init", "shows/my-show"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("shows/my-show/series.yaml\n"),
        "{}",
        out.stdout
    );
    out.assert_stderr_contains("cd shows/my-show && shownotes build");
    let build = run_in(&parent.path().join("shows/my-show"), &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

#[test]
fn init_over_existing_files_refuses_and_changes_nothing() {
    let show = Show::empty()
        .file("series.yaml", "title: 既存の番組\n")
        .file("episodes/ep001.yaml", "title: 既存のエピソード\n")
        .file("notes/todo.txt", "keep me\n");
    let before = snapshot(show.path());
    let out = show.run(&["init"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: refusing to overwrite existing files (nothing was written):\n  series.yaml\n  episodes/ep001.yaml\nhelp: run `shownotes init` in an empty directory, or move these files away\n"
    );
    // Not even the files that did not exist (.gitignore, templates/...).
    assert_eq!(snapshot(show.path()), before);
}

#[test]
fn init_refuses_a_single_existing_file_too() {
    let show = Show::empty().file(".gitignore", "target/\n");
    let before = snapshot(show.path());
    let out = show.run(&["init", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: refusing to overwrite existing file (nothing was written):\n  .gitignore\n"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(show.path()), before);
}

#[test]
fn the_workflow_init_writes_is_hardened() {
    let show = Show::empty();
    assert_eq!(show.run(&["init"]).code, 0);
    let workflow = show.read(".github/workflows/shownotes.yml");
    let mut checkouts = 0;
    for line in workflow.lines().map(str::trim) {
        let Some(action) = line.strip_prefix("uses: ") else {
            continue;
        };
        // owner/repo[/path]@<40 hex> # vX.Y.Z
        let (name, rest) = action.split_once('@').unwrap_or_else(|| panic!("{line}"));
        let (sha, version) = rest
            .split_once(" # v")
            .unwrap_or_else(|| panic!("no version comment: {line}"));
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "not pinned to a commit SHA: {line}"
        );
        assert!(version.split('.').count() == 3, "{line}");
        checkouts += usize::from(name == "actions/checkout");
    }
    assert_eq!(checkouts, 2);
    assert_eq!(workflow.matches("persist-credentials: false").count(), checkouts);
    assert!(workflow.contains("permissions:\n  contents: read\n"));
    // Pull requests restore caches; only the default branch saves them.
    let default_branch = "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
    let saves: Vec<&str> = workflow
        .split("\n      - name: ")
        .filter(|step| step.contains("/save@"))
        .collect();
    assert_eq!(saves.len(), 2, "{workflow}");
    for step in saves {
        assert!(step.contains(default_branch), "{step}");
    }
    assert!(
        !workflow.contains("uses: actions/cache@"),
        "actions/cache saves on pull requests too"
    );
    // Private addresses stay refused in CI.
    for line in workflow.lines().filter(|l| !l.trim_start().starts_with('#')) {
        assert!(
            !line.contains("allow-private") && !line.contains("SHOWNOTES_ALLOW_PRIVATE"),
            "{line}"
        );
    }
}

//! `shownotes watch`: rebuilds after changes, survives invalid edits, and
//! stops cleanly on Ctrl-C. Every wait is bounded by a deadline.

use crate::support::running::Running;
use crate::support::{self, Show};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;
const EPISODE: &str = "episodes/tech-competition-and-economic-security.yaml";
const NOTES: &str = "dist/tech-competition-and-economic-security/notes.txt";

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn watch_rebuilds_on_change_survives_invalid_edits_and_stops_on_ctrl_c() {
    let show = Show::bundled();
    let original = show.read(EPISODE);
    let mut watch = Running::start(show.path(), &["watch"]);
    watch.wait_for("first build", |w| count(&w.log(), "watching ") == 1);
    assert!(watch.log().contains("built 3 episodes"), "{}", watch.log());
    assert!(show.read(NOTES).contains("Physical AIの「実装ギャップ」"));

    // An edit is rebuilt.
    let edited = original.replace("Physical AIの「実装ギャップ」", "編集したトピック");
    assert_ne!(edited, original);
    show.write(EPISODE, edited.as_bytes());
    watch.wait_for("a rebuild after the edit", |_| {
        show.read(NOTES).contains("編集したトピック")
    });
    // The build reads every source; reading must not count as a change
    // (that would rebuild forever). Five debounce periods of quiet:
    watch.wait_for("the rebuild to finish", |w| count(&w.log(), "watching ") == 2);
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(
        count(&watch.log(), "watching "),
        2,
        "rebuilt without a change:\n{}",
        watch.log()
    );

    // An invalid edit: the diagnostic is printed, dist/ is left as it was,
    // and watching goes on.
    let builds = count(&watch.log(), "watching ");
    show.write(EPISODE, format!("summary: oops\n{edited}").as_bytes());
    watch.wait_for("the diagnostic", |w| {
        let log = w.log();
        log.contains("error: unknown key `summary` in episode") && count(&log, "watching ") > builds
    });
    let log = watch.log();
    assert!(
        log.contains(" --> episodes/tech-competition-and-economic-security.yaml:1:1"),
        "{log}"
    );
    assert!(log.contains("build failed: 1 error"), "{log}");
    assert!(
        watch.child.try_wait().expect("try_wait").is_none(),
        "watch exited:\n{log}"
    );
    assert!(show.read(NOTES).contains("編集したトピック"));

    // The fix is rebuilt.
    let fixed = original.replace("Physical AIの「実装ギャップ」", "直したトピック");
    show.write(EPISODE, fixed.as_bytes());
    watch.wait_for("a rebuild after the fix", |_| {
        show.read(NOTES).contains("直したトピック")
    });

    // A template override is picked up too.
    show.write("templates/episode.txt", b"CUSTOM {{ episode.title }}\n");
    watch.wait_for("a rebuild after a template change", |_| {
        show.read(NOTES).starts_with("CUSTOM テクノロジー競争")
    });

    // Ctrl-C: a clean exit.
    assert_eq!(watch.interrupt(), Some(0), "{}", watch.log());
    assert!(watch.log().ends_with("stopped watching\n"), "{}", watch.log());
    assert!(!watch.log().contains("panicked"), "{}", watch.log());
}

#[test]
fn watch_outside_a_show_is_a_usage_error() {
    let out = support::run_in(Show::empty().path(), &["watch"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_contains("no series.yaml here");
}

/// Each output file's content and identity (inode, modification time): a
/// file rewritten, even with the same content, gets a new identity.
fn outputs(dir: &Path) -> BTreeMap<String, (Vec<u8>, (u64, std::time::SystemTime))> {
    use std::os::unix::fs::MetadataExt;
    support::snapshot(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let meta = std::fs::metadata(dir.join(&name)).expect("metadata");
            let modified = meta.modified().expect("mtime");
            (name, (bytes, (meta.ino(), modified)))
        })
        .collect()
}

/// The files whose content or identity differ between two snapshots, and
/// those present in one only.
fn differing<V: PartialEq>(before: &BTreeMap<String, V>, after: &BTreeMap<String, V>) -> Vec<String> {
    let mut names: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|name| before.get(*name) != after.get(*name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What a full `build` of the show as it is now writes, by file.
fn full_build(show: &Show) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_str().expect("utf-8");
    let built = show.run(&["build", "--out", out_dir]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    support::snapshot(out.path())
}

fn contents(
    outputs: &BTreeMap<String, (Vec<u8>, (u64, std::time::SystemTime))>,
) -> BTreeMap<String, Vec<u8>> {
    outputs
        .iter()
        .map(|(k, (bytes, _))| (k.clone(), bytes.clone()))
        .collect()
}

#[test]
fn watch_rewrites_only_the_outputs_an_edit_changes_and_removes_deleted_episodes() {
    let show = Show::bundled();
    let dist = show.path().join("dist");
    let mut watch = Running::start(show.path(), &["watch"]);
    watch.wait_for("first build", |w| w.builds() == 1);
    let start = outputs(&dist);

    // A topic body: the episode's pages and platform texts change, the
    // feed too (it carries the description); the series page does not.
    let original = show.read(EPISODE);
    let body = original.replace("倉庫のピッキングロボット", "物流倉庫のピッキングロボット");
    assert_ne!(body, original);
    show.write(EPISODE, body.as_bytes());
    watch.wait_for("a rebuild after the body edit", |w| w.builds() == 2);
    let after_body = outputs(&dist);
    let expected = differing(&contents(&start), &full_build(&show));
    assert_eq!(differing(&start, &after_body), expected, "{}", watch.log());
    assert!(expected.contains(&"tech-competition-and-economic-security/notes.txt".to_string()));
    assert!(!expected.contains(&"index.html".to_string()), "{expected:?}");
    assert_eq!(contents(&after_body), full_build(&show));

    // The title: the series page lists it, so it is written again too.
    let titled = body.replace("テクノロジー競争と経済安全保障:", "技術競争と経済安全保障:");
    show.write(EPISODE, titled.as_bytes());
    watch.wait_for("a rebuild after the title edit", |w| w.builds() == 3);
    let after_title = outputs(&dist);
    let expected = differing(&contents(&after_body), &full_build(&show));
    assert_eq!(differing(&after_body, &after_title), expected, "{}", watch.log());
    assert!(expected.contains(&"index.html".to_string()), "{expected:?}");

    // Saving the same content again rewrites nothing.
    show.write(EPISODE, titled.as_bytes());
    watch.wait_for("the unchanged save", |w| w.builds() == 4);
    assert_eq!(differing(&after_title, &outputs(&dist)), Vec::<String>::new());

    // A deleted episode takes its folder with it.
    std::fs::remove_file(show.path().join("episodes/semiconductor-supply-chains.yaml")).expect("remove");
    watch.wait_for("a rebuild after the deletion", |w| w.builds() == 5);
    assert!(
        !dist.join("semiconductor-supply-chains").exists(),
        "{}",
        watch.log()
    );
    assert_eq!(contents(&outputs(&dist)), full_build(&show), "{}", watch.log());
    assert_eq!(watch.interrupt(), Some(0));
}

/// A rebuild that writes the feed again says what a full build says of
/// it: here, that series.yaml has no cover art.
#[test]
fn a_rebuild_writing_the_feed_gives_the_feed_warnings_of_a_full_build() {
    let show = Show::bundled();
    let series = show.read("series.yaml");
    let without_image: String = series
        .lines()
        .filter(|l| !l.starts_with("image:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without_image, series);
    show.write("series.yaml", without_image.as_bytes());
    let mut watch = Running::start(show.path(), &["watch"]);
    watch.wait_for("first build", |w| w.builds() == 1);
    assert_eq!(
        count(&watch.log(), "feed.xml has no cover art"),
        1,
        "{}",
        watch.log()
    );
    let original = show.read(EPISODE);
    show.write(
        EPISODE,
        original
            .replace("倉庫のピッキングロボット", "物流倉庫のピッキングロボット")
            .as_bytes(),
    );
    watch.wait_for("a rebuild after the body edit", |w| w.builds() == 2);
    let log = watch.log();
    assert!(log.contains("rebuilt "), "{log}");
    assert_eq!(count(&log, "feed.xml has no cover art"), 2, "{log}");
    assert_eq!(watch.interrupt(), Some(0));
}

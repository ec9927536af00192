//! `shownotes serve`: pages, content types and 404s; no path out of the
//! output directory; the reload script only in served HTML; an invalid
//! edit shown over the last good page, then fixed; a busy port; Ctrl-C.

use crate::support::http::{self, get};
use crate::support::running::Running;
use crate::support::{self, Show};
use std::net::SocketAddr;

const EPISODE: &str = "episodes/tech-competition-and-economic-security.yaml";
const PAGE: &str = "/tech-competition-and-economic-security/";
const SCRIPT: &str = "/__shownotes/events";

/// Starts `serve --port 0` and returns it with the address it printed,
/// after the first build.
fn serve(show: &Show) -> (Running, SocketAddr) {
    let mut serve = Running::start(show.path(), &["serve", "--port", "0"]);
    serve.wait_for("the first build", |s| s.builds() == 1);
    let log = serve.log();
    let url = log
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in:\n{log}"));
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("an address");
    (serve, addr)
}

#[test]
fn serve_answers_pages_and_404s_and_refuses_paths_out_of_dist() {
    let show = Show::bundled();
    let (mut serve, addr) = serve(&show);
    let dist = show.path().join("dist");

    let index = get(addr, "/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(index.body.contains(SCRIPT), "{}", index.body);
    // Only the served page has it: not the file in dist/.
    let file = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    assert!(!file.contains(SCRIPT));
    assert!(
        index
            .body
            .starts_with(file.split("</body>").next().expect("a body"))
    );

    let page = get(addr, PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Physical AIの「実装ギャップ」"));
    let redirect = get(addr, PAGE.trim_end_matches('/'));
    assert_eq!((redirect.status, redirect.header("location")), (307, Some(PAGE)));

    let notes = get(addr, &format!("{PAGE}notes.txt"));
    assert_eq!(notes.status, 200);
    assert_eq!(notes.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(
        notes.body,
        show.read("dist/tech-competition-and-economic-security/notes.txt")
    );
    assert!(!notes.body.contains(SCRIPT));
    let chapters = get(addr, &format!("{PAGE}chapters.json"));
    assert_eq!(
        chapters.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert!(!chapters.body.contains(SCRIPT));

    let missing = get(addr, "/no-such-episode/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("404"), "{}", missing.body);
    assert!(missing.body.contains(SCRIPT));
    let hostile = get(addr, "/%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(hostile.status, 404);
    assert!(!hostile.body.contains("<script>alert"), "{}", hostile.body);

    // series.yaml is next to dist/: no path reaches it.
    std::os::unix::fs::symlink(show.path().join("series.yaml"), dist.join("leak.yaml")).expect("symlink");
    std::os::unix::fs::symlink(show.path(), dist.join("up")).expect("symlink");
    for path in [
        "/../series.yaml",
        "/%2e%2e/series.yaml",
        "/%2E%2E%2Fseries.yaml",
        "/tech-competition-and-economic-security%2F..%2F..%2Fseries.yaml",
        "/..%5Cseries.yaml",
        "/leak.yaml",
        "/up/series.yaml",
        "/up/",
    ] {
        let response = get(addr, path);
        assert_eq!(response.status, 404, "{path}: {}", response.body);
        assert!(!response.body.contains("pep-think"), "{path}");
    }

    // A second server on the same port: a clear error, exit 2.
    let busy = show.run(&["serve", "--port", &addr.port().to_string()]);
    assert_eq!(busy.code, 2, "{}", busy.stderr);
    busy.assert_stderr_contains("is already in use");

    assert_eq!(serve.interrupt(), Some(0), "{}", serve.log());
    assert!(!serve.log().contains("panicked"));
}

#[test]
fn serve_shows_an_invalid_edit_over_the_last_good_page_and_recovers() {
    let show = Show::bundled();
    let (mut serve, addr) = serve(&show);
    let mut events = http::events(addr, SCRIPT);
    let first: u64 = http::next_event(&mut events, "generation")
        .parse()
        .expect("a number");

    let original = show.read(EPISODE);
    show.write(EPISODE, format!("summary: oops\n{original}").as_bytes());
    let second: u64 = http::next_event(&mut events, "generation")
        .parse()
        .expect("a number");
    assert!(second > first);
    let page = get(addr, PAGE);
    assert_eq!(page.status, 200);
    // The overlay, with the terminal's diagnostic, escaped...
    assert!(page.body.contains("shownotes-overlay"), "{}", page.body);
    assert!(page.body.contains("unknown key"), "{}", page.body);
    assert!(
        page.body
            .contains("episodes/tech-competition-and-economic-security.yaml:1:1")
    );
    assert!(serve.log().contains("error: unknown key `summary` in episode"));
    // ...over the last good page.
    assert!(page.body.contains("Physical AIの「実装ギャップ」"));
    let dist = show.read("dist/tech-competition-and-economic-security/index.html");
    assert!(!dist.contains("shownotes-overlay"));

    let fixed = original.replace("Physical AIの「実装ギャップ」", "直したトピック");
    show.write(EPISODE, fixed.as_bytes());
    let third: u64 = http::next_event(&mut events, "generation")
        .parse()
        .expect("a number");
    assert!(third > second);
    let page = get(addr, PAGE);
    assert!(!page.body.contains("shownotes-overlay"), "{}", page.body);
    assert!(page.body.contains("直したトピック"));
    assert!(
        support::snapshot(&show.path().join("dist"))
            .values()
            .all(|bytes| !String::from_utf8_lossy(bytes).contains(SCRIPT))
    );
    assert_eq!(serve.interrupt(), Some(0), "{}", serve.log());
}

/// Ctrl-C during the first build of a large show stops it at the next
/// file: no build is finished and published afterwards, and no staging
/// directory is left beside the output.
#[test]
fn ctrl_c_during_a_long_first_build_stops_it_and_publishes_nothing() {
    let show = Show::bundled();
    let seed = show.read(EPISODE);
    for i in 0..3000 {
        show.write(&format!("episodes/ep{i:04}.yaml"), seed.as_bytes());
    }
    let mut serve = Running::start(show.path(), &["serve", "--port", "0"]);
    serve.wait_for("the server", |s| s.log().contains("Ctrl-C to stop"));
    assert_eq!(serve.interrupt(), Some(0), "{}", serve.log());
    let log = serve.log();
    assert!(log.contains("stopped watching"), "{log}");
    assert_eq!(serve.builds(), 0, "a build finished after Ctrl-C:\n{log}");
    assert!(!log.contains("built ") && !log.contains("build failed"), "{log}");
    assert!(!log.contains("error"), "{log}");
    let dist = support::snapshot(&show.path().join("dist"));
    assert!(
        dist.is_empty(),
        "published after Ctrl-C: {:?}",
        dist.keys().take(3).collect::<Vec<_>>()
    );
    let left: Vec<_> = std::fs::read_dir(show.path())
        .expect("the show")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".shownotes-staging-"))
        .collect();
    assert!(left.is_empty(), "staging left: {left:?}");
}

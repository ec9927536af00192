//! Which file of the output directory a request path names, and how it is
//! sent: its content type, and the reload script added to HTML pages as
//! they are served (never to the files themselves).
//!
//! A path is decoded one segment at a time; a segment that decodes to
//! `..`, `.`, a hidden name or one holding a slash, a backslash or a NUL
//! is refused, and the resolved file (symbolic links followed) must still
//! be inside the output directory.

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A file inside the output directory (resolved, absolute).
    File(PathBuf),
    /// A directory asked for without its trailing slash: the same path
    /// with one, so the page's relative links work.
    Redirect(String),
    NotFound,
}

/// Resolves `request_path` (the path of the request URI, still
/// percent-encoded) inside `out`, which must be canonical.
pub(crate) fn resolve(out: &Path, request_path: &str) -> Resolved {
    let Some(segments) = segments(request_path) else {
        return Resolved::NotFound;
    };
    let mut path = out.to_path_buf();
    for (_, decoded) in &segments {
        path.push(decoded);
    }
    let Some(found) = inside(out, &path) else {
        return Resolved::NotFound;
    };
    if found.is_file() {
        return Resolved::File(found);
    }
    if !found.is_dir() {
        return Resolved::NotFound;
    }
    if !request_path.ends_with('/') {
        let raw: Vec<&str> = segments.iter().map(|(raw, _)| *raw).collect();
        return Resolved::Redirect(format!("/{}/", raw.join("/")));
    }
    match inside(out, &found.join("index.html")) {
        Some(index) if index.is_file() => Resolved::File(index),
        _ => Resolved::NotFound,
    }
}

/// The non-empty segments of a path, raw and decoded; `None` when one is
/// not a plain file name.
fn segments(request_path: &str) -> Option<Vec<(&str, String)>> {
    request_path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|raw| {
            let decoded = percent_decode_str(raw).decode_utf8().ok()?.into_owned();
            let plain = !decoded.starts_with('.') && !decoded.contains(['/', '\\', '\0', ':']);
            plain.then_some((raw, decoded))
        })
        .collect()
}

/// `path` with every symbolic link resolved, when it exists and is inside
/// `out`.
fn inside(out: &Path, path: &Path) -> Option<PathBuf> {
    let resolved = std::fs::canonicalize(path).ok()?;
    resolved.starts_with(out).then_some(resolved)
}

/// The `Content-Type` of a served file, by its extension; text in UTF-8.
pub(crate) fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "json" | "xml" | "javascript");
    if text && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Whether a content type is an HTML page, which gets the reload script.
pub(crate) fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// `page` with `snippet` inserted before its last `</body>` (any case), or
/// at its end when it has none.
pub(crate) fn inject(page: &[u8], snippet: &str) -> Vec<u8> {
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut served = Vec::with_capacity(page.len() + snippet.len());
    served.extend_from_slice(&page[..at]);
    served.extend_from_slice(snippet.as_bytes());
    served.extend_from_slice(&page[at..]);
    served
}

#[cfg(test)]
mod tests {
    use super::{Resolved, content_type, inject, resolve};
    use std::path::Path;

    fn out() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("dist");
        std::fs::create_dir_all(out.join("ep1")).expect("mkdir");
        std::fs::write(out.join("index.html"), "<html></html>").expect("write");
        std::fs::write(out.join("ep1/index.html"), "<p>ep1</p>").expect("write");
        std::fs::write(out.join("ep1/notes.txt"), "ノート").expect("write");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("write");
        let out = std::fs::canonicalize(&out).expect("canonical");
        (dir, out)
    }

    #[test]
    fn files_and_directory_indexes_resolve() {
        let (_dir, out) = out();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(resolve(&out, "/ep1/"), Resolved::File(out.join("ep1/index.html")));
        assert_eq!(resolve(&out, "/ep1"), Resolved::Redirect("/ep1/".into()));
        assert_eq!(resolve(&out, "//ep1"), Resolved::Redirect("/ep1/".into()));
        assert_eq!(
            resolve(&out, "/ep1/notes.txt"),
            Resolved::File(out.join("ep1/notes.txt"))
        );
        assert_eq!(
            resolve(&out, "/ep%31/notes.txt"),
            Resolved::File(out.join("ep1/notes.txt"))
        );
        assert_eq!(resolve(&out, "/ep2/"), Resolved::NotFound);
    }

    #[test]
    fn paths_out_of_the_output_directory_are_refused() {
        let (_dir, out) = out();
        for path in [
            "/../secret.txt",
            "/ep1/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/ep1%2F..%2F..%2Fsecret.txt",
            "/..%5Csecret.txt",
            "/%00",
            "/.shownotes-staging-x/0",
            "/%ff",
        ] {
            assert_eq!(resolve(&out, path), Resolved::NotFound, "{path}");
        }
        #[cfg(unix)]
        {
            let outside = out.parent().expect("parent").join("secret.txt");
            std::os::unix::fs::symlink(&outside, out.join("link.txt")).expect("symlink");
            assert_eq!(resolve(&out, "/link.txt"), Resolved::NotFound);
            std::os::unix::fs::symlink(out.parent().expect("parent"), out.join("up")).expect("symlink");
            assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
        }
    }

    #[test]
    fn text_is_served_as_utf_8() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a/notes.txt")),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a/notes.md")),
            "text/markdown; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a/chapters.json")),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("feed.xml")), "text/xml; charset=utf-8");
        assert_eq!(content_type(Path::new("cover.png")), "image/png");
    }

    #[test]
    fn the_snippet_goes_before_the_last_body_end() {
        assert_eq!(inject(b"<body>a</BODY></html>", "S"), b"<body>aS</BODY></html>");
        assert_eq!(inject(b"<p>no body", "S"), b"<p>no bodyS");
    }
}

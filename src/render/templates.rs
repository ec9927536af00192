//! The Tera instance: built-in templates embedded in the binary, overridden
//! file by file by a show's own `templates/`, parsed once per run. Every
//! render runs within the bounds of `budget.rs`; each limit is an error
//! naming the template.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::source::SourceFile;
use crate::diagnostic::span::Span;
use crate::render::budget::{self, Limit, MAX_OUTPUT_BYTES, MAX_RANGE_ELEMENTS, MAX_RENDER_TIME};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tera::{Context, Tera};

/// The built-in templates, by name. A show overrides one by writing a file
/// of the same name under `templates/`.
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    // Partials first: the templates below include them.
    ("style.css", include_str!("../../templates/style.css")),
    ("head.html", include_str!("../../templates/head.html")),
    ("player.js", include_str!("../../templates/player.js")),
    ("episode.txt", include_str!("../../templates/episode.txt")),
    ("episode.md", include_str!("../../templates/episode.md")),
    ("episode.html", include_str!("../../templates/episode.html")),
    ("minutes.txt", include_str!("../../templates/minutes.txt")),
    ("minutes.md", include_str!("../../templates/minutes.md")),
    ("minutes.html", include_str!("../../templates/minutes.html")),
    ("chapters.json", include_str!("../../templates/chapters.json")),
    ("youtube.txt", include_str!("../../templates/youtube.txt")),
    (
        "description.html",
        include_str!("../../templates/description.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
];

/// The most a buffer is made ready for before a render (real outputs are
/// a few KiB; one huge output must not make every later buffer huge).
const MAX_SIZE_HINT: usize = 256 * 1024;

pub(crate) struct Templates {
    tera: Tera,
    /// Every loaded template's origin, for error messages.
    origins: Vec<Origin>,
}

struct Origin {
    name: &'static str,
    /// `templates/episode.txt`, or `(built-in) episode.txt`.
    display: String,
    /// The file it came from, when overridden.
    file: Option<Arc<SourceFile>>,
    /// The length of its last output: the size to start the next one at.
    last_len: AtomicUsize,
}

impl Templates {
    /// Loads the built-ins, then the overrides found in `dir` (if any).
    /// Every template that fails to parse is reported.
    pub(crate) fn load(dir: Option<&Path>, root: Option<&Path>) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        crate::render::filters::register(&mut tera);
        // Tera's own range() allows 100,000 elements per call, so two
        // nested loops run 10^10 times: ours counts per render.
        tera.register_function("range", budget::range);
        let mut diagnostics = Vec::new();
        let mut origins = Vec::new();
        for &(name, builtin) in BUILTIN {
            // Anything of that name is an override (a directory or a link
            // leading outside the show is then an error, not ignored).
            let custom = dir
                .map(|d| d.join(name))
                .filter(|p| std::fs::symlink_metadata(p).is_ok());
            let origin = match &custom {
                Some(path) => {
                    let display = crate::input::show_dir::display_path(path, root);
                    let within = crate::diagnostic::source::confinement(path, root);
                    let read = crate::diagnostic::source::read_inside(
                        path,
                        within,
                        crate::input::yaml::MAX_FILE_BYTES,
                    )
                    .and_then(|bytes| {
                        String::from_utf8(bytes).map_err(|e| {
                            crate::diagnostic::source::Refusal::Io(std::io::Error::new(
                                std::io::ErrorKind::InvalidData,
                                e,
                            ))
                        })
                    });
                    match read {
                        Ok(text) => Origin {
                            name,
                            file: Some(SourceFile::new(path, display.clone(), text)),
                            display,
                            last_len: AtomicUsize::new(0),
                        },
                        Err(refusal) => {
                            let file = SourceFile::new(path, display, String::new());
                            diagnostics.push(crate::input::yaml::refused(
                                refusal,
                                &file,
                                crate::input::yaml::FileKind::Template,
                            ));
                            continue;
                        }
                    }
                }
                None => Origin {
                    name,
                    display: format!("(built-in) {name}"),
                    file: None,
                    last_len: AtomicUsize::new(0),
                },
            };
            let content = origin.file.as_ref().map_or(builtin, |f| f.text.as_str());
            if let Err(e) = tera.add_raw_template(name, content) {
                diagnostics.push(origin.error(&e, "does not parse"));
            }
            origins.push(origin);
        }
        if diagnostics.is_empty() {
            Ok(Self { tera, origins })
        } else {
            Err(diagnostics)
        }
    }

    /// Renders one template within the limits of this module; errors
    /// name the template file (and line, for Tera's own errors).
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        self.render_into(name, context, &mut out)?;
        String::from_utf8(out).map_err(|_| {
            let shown = self.origin(name).map_or(name, |o| o.display.as_str());
            Diagnostic::error("template", format!("template {shown} produced invalid UTF-8"))
        })
    }

    /// `render` into `out` (emptied first), as bytes: for outputs written
    /// as they are (pages), which need neither a `String` of their own nor
    /// its UTF-8 check (Tera writes only `str`s). A buffer used again keeps
    /// its capacity; an empty one is given the size of this template's
    /// last output, so it does not grow step by step.
    pub(crate) fn render_into(
        &self,
        name: &str,
        context: &Context,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let origin = self.origin(name);
        let shown = origin.map_or(name, |o| o.display.as_str());
        if let Some(origin) = origin {
            out.reserve(origin.last_len.load(Ordering::Relaxed).min(MAX_SIZE_HINT));
        }
        let (result, tripped) =
            budget::bounded(shown, out, |writer| self.tera.render_to(name, context, writer));
        match (result, tripped) {
            (Ok(()), _) => {
                if let Some(origin) = origin {
                    origin.last_len.store(out.len(), Ordering::Relaxed);
                }
                Ok(())
            }
            (Err(_), Some(limit)) => Err(limit_error(shown, limit, origin)),
            (Err(e), None) => Err(match origin {
                Some(origin) => origin.error(&e, "failed"),
                None => Diagnostic::error("template", error_chain(&e)),
            }),
        }
    }

    /// Whether `name` is the built-in template (the show does not override it).
    pub(crate) fn is_builtin(&self, name: &str) -> bool {
        self.origin(name).is_some_and(|o| o.file.is_none())
    }

    fn origin(&self, name: &str) -> Option<&Origin> {
        self.origins.iter().find(|o| o.name == name)
    }
}

/// The error of a render stopped by a limit.
fn limit_error(shown: &str, limit: Limit, origin: Option<&Origin>) -> Diagnostic {
    let (what, help) = match limit {
        Limit::Output => (
            format!("produced more than {} MiB", MAX_OUTPUT_BYTES / (1024 * 1024)),
            "check the template's loops: an output is a few KiB",
        ),
        Limit::Range => (
            format!("asked range() for more than {MAX_RANGE_ELEMENTS} elements in one render"),
            "check the template's loops over range(): nested ones multiply",
        ),
        Limit::Time => (
            format!("took more than {} s to render", MAX_RENDER_TIME.as_secs()),
            "check the template's loops: an output renders in milliseconds",
        ),
    };
    let diagnostic =
        Diagnostic::error("template", format!("template {shown} {what}; it was stopped")).help(help);
    match origin.and_then(|o| o.file.as_ref()) {
        Some(file) => diagnostic.in_file(file),
        None => diagnostic,
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

impl Origin {
    /// A template error, pointing into the template file at the line and
    /// column Tera reports.
    fn error(&self, e: &tera::Error, what: &str) -> Diagnostic {
        let report = match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
            _ => None,
        };
        let Some(report) = report else {
            return Diagnostic::error(
                "template",
                format!("template {} {what}: {}", self.display, error_chain(e)),
            );
        };
        let span = report.span();
        let (line, column) = (span.start_line, span.start_col + 1);
        let diagnostic = Diagnostic::error(
            "template",
            format!("template {} {what}: {}", self.display, report.message()),
        );
        match &self.file {
            Some(file) => {
                let start = file.offset_of(line, column);
                // An empty span: the snippet points at the whole character
                // there (one byte could end inside a Japanese one).
                diagnostic.at(
                    file,
                    Span {
                        line,
                        column,
                        start,
                        end: start,
                    },
                )
            }
            None => diagnostic.help(format!(
                "at line {line}, column {column} of the built-in template"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn show_with(template: &str) -> (tempfile::TempDir, Templates) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("index.html"), template).expect("write");
        let templates =
            Templates::load(Some(dir.path()), Some(dir.path())).unwrap_or_else(|e| panic!("{e:?}"));
        (dir, templates)
    }

    #[test]
    fn nested_ranges_stop_at_the_budget() {
        let (_dir, templates) = show_with(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let started = Instant::now();
        let error = templates.render("index.html", &Context::new()).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(
            error
                .message
                .contains("index.html asked range() for more than 100000 elements"),
            "{}",
            error.message
        );
    }

    #[test]
    fn output_stops_at_the_cap() {
        let (_dir, templates) = show_with(&format!(
            "{{% for i in range(end=90000) %}}{}{{% endfor %}}",
            "x".repeat(200)
        ));
        let error = templates.render("index.html", &Context::new()).unwrap_err();
        assert!(
            error.message.contains("produced more than 8 MiB"),
            "{}",
            error.message
        );
    }

    #[test]
    fn range_keeps_teras_arguments() {
        let (_dir, templates) = show_with(
            "{% for i in range(end=3) %}{{ i }}{% endfor %}|{% for i in range(start=5, end=0, step_by=-2) %}{{ i }}{% endfor %}",
        );
        assert_eq!(
            templates.render("index.html", &Context::new()).unwrap(),
            "012|531"
        );
    }
}

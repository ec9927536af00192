//! The Tera instance: built-in templates embedded in the binary, overridden
//! file by file by a show's own `templates/`, parsed once per run.
//!
//! Templates may come from a pull request, so every render is bounded
//! (Tera 2 cannot be interrupted from outside, so the bounds sit where the
//! render calls out):
//! - output: at most `MAX_OUTPUT_BYTES` per render (a writer that refuses
//!   more);
//! - `range()`: replaced by one that gives at most `MAX_RANGE_ELEMENTS`
//!   per render, over all its calls (nested loops over `range` end there);
//! - time: `MAX_RENDER_TIME` per render, checked at every write, every
//!   `range()` and every filter of ours;
//! - and a watchdog ends the process (exit 1, nothing published) when a
//!   render is still running `HARD_LIMIT` after it started: a loop that
//!   neither writes nor calls anything cannot be stopped otherwise.
//!
//! Each limit is an error naming the template.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::span::Span;
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tera::{Context, Kwargs, State, Tera, TeraResult};

/// The most bytes one render may produce (real outputs are a few KiB;
/// the feed is not a template).
pub const MAX_OUTPUT_BYTES: usize = 8 * 1024 * 1024;
/// The most elements `range()` may produce in one render, all calls together.
pub const MAX_RANGE_ELEMENTS: usize = 100_000;
/// The longest one render may take.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(10);
/// When the watchdog ends the process: a render past its time that no
/// check could stop.
pub const HARD_LIMIT: Duration = Duration::from_secs(30);

/// Which limit stopped a render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Output,
    Range,
    Time,
}

/// The budget of the render running on this thread.
struct Budget {
    deadline: Instant,
    range_left: usize,
    tripped: Option<Limit>,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Records `limit` as the reason the current render stops.
fn trip(limit: Limit) -> tera::Error {
    BUDGET.with_borrow_mut(|b| {
        if let Some(b) = b {
            b.tripped.get_or_insert(limit);
        }
    });
    tera::Error::message(match limit {
        Limit::Output => "the output is too large",
        Limit::Range => "range() produced too many elements",
        Limit::Time => "the render took too long",
    })
}

/// Whether the current render is past its time; for our filters.
pub fn check_time() -> TeraResult<()> {
    let late = BUDGET.with_borrow(|b| b.as_ref().is_some_and(|b| Instant::now() > b.deadline));
    if late { Err(trip(Limit::Time)) } else { Ok(()) }
}

/// Tera's `range(start=0, end, step_by=1)`, drawing its elements from
/// the render's budget.
fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    check_time()?;
    let start = kwargs.get::<i64>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let span = if step > 0 {
        i128::from(end) - i128::from(start)
    } else {
        i128::from(start) - i128::from(end)
    };
    let step_size = i128::from(step).abs();
    let len = if span <= 0 {
        0
    } else {
        (span + step_size - 1) / step_size
    };
    let allowed = BUDGET.with_borrow_mut(|b| match b {
        Some(b) if len <= b.range_left as i128 => {
            b.range_left -= len as usize;
            true
        }
        Some(_) => false,
        None => len <= MAX_RANGE_ELEMENTS as i128,
    });
    if !allowed {
        return Err(trip(Limit::Range));
    }
    (0..len)
        .map(|i| {
            i64::try_from(i128::from(start) + i * i128::from(step))
                .map_err(|_| tera::Error::message("Function `range` was called with arguments that overflow"))
        })
        .collect()
}

/// A buffer that refuses to grow past `MAX_OUTPUT_BYTES` or past the
/// render's deadline.
struct Capped<'a> {
    out: &'a mut Vec<u8>,
    deadline: Instant,
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len().saturating_add(buf.len()) > MAX_OUTPUT_BYTES {
            trip(Limit::Output);
            return Err(std::io::Error::other("output limit"));
        }
        if Instant::now() > self.deadline {
            trip(Limit::Time);
            return Err(std::io::Error::other("time limit"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders in flight, for the watchdog: (start, template shown).
static IN_FLIGHT: std::sync::Mutex<Vec<(u64, Instant, String)>> = std::sync::Mutex::new(Vec::new());
static NEXT_RENDER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn in_flight() -> std::sync::MutexGuard<'static, Vec<(u64, Instant, String)>> {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts (once) the thread that ends the process when a render runs
/// past `HARD_LIMIT`.
fn watchdog() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("template-watchdog".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(500));
                    let stuck = in_flight()
                        .iter()
                        .find(|(_, started, _)| started.elapsed() > HARD_LIMIT)
                        .map(|(_, _, name)| name.clone());
                    if let Some(name) = stuck {
                        eprintln!(
                            "error: template {name} is still rendering after {} s (a loop without end?); stopped, nothing was published\n  = help: simplify the template's loops",
                            HARD_LIMIT.as_secs()
                        );
                        std::process::exit(1);
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start the template watchdog: {e}");
        }
    });
}

/// The built-in templates, by name. A show overrides one by writing a file
/// of the same name under `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    // Partials first: the templates below include them.
    ("style.css", include_str!("../templates/style.css")),
    ("episode.txt", include_str!("../templates/episode.txt")),
    ("episode.md", include_str!("../templates/episode.md")),
    ("episode.html", include_str!("../templates/episode.html")),
    ("minutes.txt", include_str!("../templates/minutes.txt")),
    ("minutes.md", include_str!("../templates/minutes.md")),
    ("minutes.html", include_str!("../templates/minutes.html")),
    ("chapters.json", include_str!("../templates/chapters.json")),
    ("youtube.txt", include_str!("../templates/youtube.txt")),
    ("description.html", include_str!("../templates/description.html")),
    ("index.html", include_str!("../templates/index.html")),
];

pub struct Templates {
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
}

impl Templates {
    /// Loads the built-ins, then the overrides found in `dir` (if any).
    /// Every template that fails to parse is reported.
    pub fn load(dir: Option<&Path>, root: Option<&Path>) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        crate::filters::register(&mut tera);
        // Tera's own range() allows 100,000 elements per call, so two
        // nested loops run 10^10 times: ours counts per render.
        tera.register_function("range", range);
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
                    let display = crate::show::display_path(path, root);
                    let within = crate::source::confinement(path, root);
                    let read = crate::source::read_inside(path, &within, crate::yaml::MAX_FILE_BYTES)
                        .and_then(|bytes| {
                            String::from_utf8(bytes).map_err(|e| {
                                crate::source::Refusal::Io(std::io::Error::new(
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
                        },
                        Err(refusal) => {
                            let file = SourceFile::new(path, display, String::new());
                            diagnostics.push(crate::yaml::refused(
                                refusal,
                                &file,
                                crate::yaml::FileKind::Template,
                            ));
                            continue;
                        }
                    }
                }
                None => Origin {
                    name,
                    display: format!("(built-in) {name}"),
                    file: None,
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
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let origin = self.origins.iter().find(|o| o.name == name);
        let shown = origin.map_or_else(|| name.to_string(), |o| o.display.clone());
        let started = Instant::now();
        let deadline = started.checked_add(MAX_RENDER_TIME).unwrap_or(started);
        let id = NEXT_RENDER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        watchdog();
        in_flight().push((id, started, shown.clone()));
        let previous = BUDGET.replace(Some(Budget {
            deadline,
            range_left: MAX_RANGE_ELEMENTS,
            tripped: None,
        }));
        let mut out = Vec::new();
        let result = self.tera.render_to(
            name,
            context,
            Capped {
                out: &mut out,
                deadline,
            },
        );
        let tripped = BUDGET.replace(previous).and_then(|b| b.tripped);
        in_flight().retain(|(other, ..)| *other != id);
        match (result, tripped) {
            (Ok(()), _) => String::from_utf8(out).map_err(|_| {
                Diagnostic::error("template", format!("template {shown} produced invalid UTF-8"))
            }),
            (Err(_), Some(limit)) => Err(limit_error(&shown, limit, origin)),
            (Err(e), None) => Err(match origin {
                Some(origin) => origin.error(&e, "failed"),
                None => Diagnostic::error("template", error_chain(&e)),
            }),
        }
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
                diagnostic.at(
                    file,
                    Span {
                        line,
                        column,
                        start,
                        end: start + 1,
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

//! The Tera instance: built-in templates embedded in the binary, overridden
//! file by file by a show's own `templates/`, parsed once per run.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::span::Span;
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};

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
                                crate::source::Refusal::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
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
                            diagnostics.push(crate::yaml::refused(refusal, &file));
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

    /// Renders one template; errors name the template file and line.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| match self.origins.iter().find(|o| o.name == name) {
                Some(origin) => origin.error(&e, "failed"),
                None => Diagnostic::error("template", error_chain(&e)),
            })
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

//! `dist/index.html`: the series page, newest episode first.

use crate::diagnostic::Diagnostic;
use crate::series::Series;
use crate::summary::Summary;
use crate::templates::Templates;

pub const TEMPLATE: &str = "index.html";

/// Renders the series page; `episodes` must already be newest first.
pub fn render(
    templates: &Templates,
    series: Option<&Series>,
    episodes: &[Summary],
) -> Result<String, Diagnostic> {
    let mut context = crate::render::show_context(series);
    context.insert("episodes", episodes);
    templates.render(TEMPLATE, &context)
}

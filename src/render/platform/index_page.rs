//! `dist/index.html`: the series page, newest episode first.

use crate::diagnostic::Diagnostic;
use crate::model::series::Series;
use crate::render::platform::summary::Summary;
use crate::render::templates::Templates;

pub(crate) const TEMPLATE: &str = "index.html";

/// Renders the series page; `episodes` must already be newest first.
pub(crate) fn render(
    templates: &Templates,
    series: Option<&Series>,
    episodes: &[&Summary],
) -> Result<String, Diagnostic> {
    let mut context = crate::render::context::show(series);
    context.insert("episodes", episodes);
    templates.render(TEMPLATE, &context)
}

//! Stage 3b, render: template contexts for any document, Tera filters,
//! Markdown, byte limits, and the platform outputs in `platform/`.

// Rendering fails with a `Diagnostic` naming the template, file, line and
// column: built once per failed run, on the cold path, so boxing it would
// only add noise to every template call.
#![allow(clippy::result_large_err)]

pub(crate) mod budget;
pub(crate) mod context;
pub(crate) mod excerpt;
pub(crate) mod filters;
pub(crate) mod limit;
pub(crate) mod markdown;
pub(crate) mod memo;
pub(crate) mod merged;
pub(crate) mod platform;
pub(crate) mod site;
pub(crate) mod templates;

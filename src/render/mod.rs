//! Stage 3b, render: template contexts for any document, Tera filters,
//! Markdown, byte limits, and the platform outputs in `platform/`.

pub mod context;
pub mod filters;
pub mod limit;
pub mod markdown;
pub mod platform;
pub mod templates;

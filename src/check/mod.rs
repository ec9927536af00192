//! Stage 4b, check: link collection, the guarded HTTP client, politeness,
//! cache, page titles, findings, and their output formats in `format/`.

pub mod cache;
pub mod client;
pub mod finding;
pub mod format;
pub mod link_findings;
pub mod links;
pub mod live;
pub mod net_guard;
pub mod options;
pub mod page_title;
pub mod politeness;
pub mod run;

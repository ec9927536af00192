//! Stage 4b, check: `--fix` (safe rewrites of lint findings), link collection, the guarded HTTP client, politeness,
//! cache, page titles, findings, and their output formats in `format/`.

pub(crate) mod cache;
pub(crate) mod client;
pub(crate) mod finding;
pub(crate) mod fix;
pub(crate) mod format;
pub(crate) mod link_findings;
pub(crate) mod links;
pub(crate) mod live;
pub(crate) mod net_guard;
pub(crate) mod options;
pub(crate) mod page_title;
pub(crate) mod politeness;
pub(crate) mod run;

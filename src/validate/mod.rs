//! Stage 3a, validate: rules across the decoded model, Japanese lint, the
//! offline platform rules, and the loaded show they run on.

pub(crate) mod lint;
pub(crate) mod offline_rules;
pub(crate) mod rules;
pub(crate) mod workspace;

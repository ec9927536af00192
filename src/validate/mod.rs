//! Stage 3a, validate: rules across the decoded model, Japanese lint, the
//! offline platform rules, and the loaded show they run on.

pub mod lint;
pub mod offline_rules;
pub mod rules;
pub mod workspace;

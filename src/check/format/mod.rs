//! The output formats of `shownotes check`: one file per format.

pub mod github;
pub mod human;
pub mod json;

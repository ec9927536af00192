//! shownotes: Japanese podcast show notes from YAML.
//!
//! One folder per stage; imports run one way, from the top of this list
//! down (`scripts/import-graph.py` checks it):
//!
//! - `commands/`: one thin file per subcommand: flags in, engine call, print.
//! - `publish/` (`build`, `watch`) and `check/` (`check`): the engines.
//! - `render/` (templates, filters, Markdown, platform outputs) and
//!   `validate/` (cross-field rules, Japanese lint, offline platform rules).
//! - `model/`: series, episodes, meeting summaries as one `Document`.
//! - `input/`: bytes to spanned YAML nodes to typed values.
//! - `diagnostic/`: file:line:column problems, printed rustc-style.
//!
//! `cli.rs` turns the command line into these stages' own types; `error.rs`
//! holds the failures that stop a run (exit 2); `schema.rs` derives the
//! editors' JSON Schemas from the model.

// A `Diagnostic` is the error of content checks. It is built on the cold
// path only, so boxing it would add noise for nothing.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod error;
pub mod input;
pub mod model;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod validate;

pub use commands::run;

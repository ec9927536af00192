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

pub(crate) mod check;
pub mod cli;
pub(crate) mod commands;
pub(crate) mod diagnostic;
pub mod error;
pub(crate) mod import;
pub(crate) mod input;
pub(crate) mod model;
pub(crate) mod publish;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod schema;
pub(crate) mod validate;

pub use commands::run;

//! shownotes: Japanese podcast show notes from YAML.
//!
//! The pipeline, one module per stage:
//! load (`yaml`, `decode`, `series`, `episode`, `show`) ->
//! validate (`validate`, `diagnostic`) ->
//! render (`templates`, `filters`, `render`, `markdown`) ->
//! write (`output`).

// A `Diagnostic` is the error of content checks. It is built on the cold
// path only, so boxing it would add noise for nothing.
#![allow(clippy::result_large_err)]

pub mod audio;
pub mod build_command;
pub mod chapters;
pub mod check_command;
pub mod cli;
pub mod decode;
pub mod description;
pub mod diagnostic;
pub mod episode;
pub mod error;
pub mod feed;
pub mod filters;
pub mod index_page;
pub mod limit;
pub mod markdown;
pub mod output;
pub mod outputs;
pub mod people;
pub mod person_role;
pub mod publish;
pub mod render;
pub mod render_command;
pub mod report;
pub mod series;
pub mod show;
pub mod source;
pub mod span;
pub mod summary;
pub mod templates;
pub mod timestamp;
pub mod validate;
pub mod weburl;
pub mod workspace;
pub mod yaml;
pub mod youtube;

use cli::{Cli, Command};
use error::{Error, Outcome};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Build {
            root,
            out,
            format,
            files,
        } => build_command::run(root.root.as_deref(), out.as_deref(), &format, &files),
        Command::Render { root, file, format } => render_command::run(root.root.as_deref(), &file, format),
        Command::Check { root, offline, files } => check_command::run(root.root.as_deref(), offline, &files),
    }
}

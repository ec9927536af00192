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

pub mod build_command;
pub mod check_command;
pub mod cli;
pub mod decode;
pub mod diagnostic;
pub mod episode;
pub mod error;
pub mod filters;
pub mod init_command;
pub mod markdown;
pub mod new_command;
pub mod output;
pub mod people;
pub mod render;
pub mod render_command;
pub mod report;
pub mod schema_command;
pub mod series;
pub mod show;
pub mod source;
pub mod span;
pub mod templates;
pub mod timestamp;
pub mod validate;
pub mod watch_command;
pub mod weburl;
pub mod workspace;
pub mod yaml;

use cli::{Cli, Command};
use error::{Error, Outcome};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Build { root, out, files } => {
            build_command::run(root.root.as_deref(), out.as_deref(), &files)
        }
        Command::Render { root, file, format } => render_command::run(root.root.as_deref(), &file, format),
        Command::Check { root, offline, files } => check_command::run(root.root.as_deref(), offline, &files),
        Command::Init { dir } => init_command::run(dir.as_deref()),
        Command::New {
            root,
            title,
            date,
            kind,
            slug,
        } => new_command::run(
            root.root.as_deref(),
            &new_command::Options {
                title: title.as_deref(),
                date,
                kind,
                slug: slug.as_deref(),
            },
        ),
        Command::Schema { root, out } => schema_command::run(root.root.as_deref(), out.as_deref()),
        Command::Watch { root, out } => watch_command::run(root.root.as_deref(), out.as_deref()),
    }
}

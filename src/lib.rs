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
pub mod check_options;
pub mod check_settings;
pub mod cli;
pub mod decode;
pub mod description;
pub mod diagnostic;
pub mod document;
pub mod duration_text;
pub mod episode;
pub mod error;
pub mod feed;
pub mod filters;
pub mod finding;
pub mod format_github;
pub mod format_human;
pub mod format_json;
pub mod index_page;
pub mod init_command;
pub mod limit;
pub mod link_cache;
pub mod link_check;
pub mod link_findings;
pub mod link_run;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod minutes;
pub mod net_guard;
pub mod new_command;
pub mod offline_rules;
pub mod output;
pub mod outputs;
pub mod page_title;
pub mod people;
pub mod person_role;
pub mod politeness;
pub mod publish;
pub mod render;
pub mod render_command;
pub mod report;
pub mod schema_command;
pub mod series;
pub mod show;
pub mod source;
pub mod span;
pub mod summary;
pub mod templates;
pub mod timestamp;
pub mod validate;
pub mod wareki;
pub mod watch_command;
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
        Command::Check {
            root,
            offline,
            flags,
            files,
        } => check_command::run(root.root.as_deref(), offline, &files, &flags),
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

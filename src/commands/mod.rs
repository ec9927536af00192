//! Stage 5, commands: one thin file per subcommand (flags in, engine
//! call, print out).

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod render;
pub mod schema;
pub mod watch;

use crate::cli::{Cli, Command};
use crate::error::{Error, Outcome};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Build {
            root,
            out,
            format,
            files,
        } => {
            let formats: Vec<_> = format.into_iter().map(Into::into).collect();
            build::run(root.root.as_deref(), out.as_deref(), &formats, &files)
        }
        Command::Render { root, file, format } => render::run(root.root.as_deref(), &file, format.into()),
        Command::Check {
            root,
            offline,
            flags,
            files,
        } => check::run(root.root.as_deref(), offline, &files, &flags.into()),
        Command::Init { dir } => init::run(dir.as_deref()),
        Command::New {
            root,
            title,
            date,
            kind,
            slug,
        } => new::run(
            root.root.as_deref(),
            &crate::scaffold::document::Options {
                title: title.as_deref(),
                date,
                kind: kind.into(),
                slug: slug.as_deref(),
            },
        ),
        Command::Schema { root, out } => schema::run(root.root.as_deref(), out.as_deref()),
        Command::Watch { root, out } => watch::run(root.root.as_deref(), out.as_deref()),
    }
}

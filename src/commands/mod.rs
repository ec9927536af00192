//! Stage 5, commands: one thin file per subcommand (flags in, engine
//! call, print out).

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod render;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod watch;

use crate::cli::{Cli, Command};
use crate::error::{Error, Outcome};

/// Runs a parsed command line: the one entry point of the library, which
/// `main` wraps to turn the outcome into an exit code.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Build {
            root,
            out,
            format,
            files,
        } => build::run(root.root.as_deref(), out.as_deref(), &format, &files),
        Command::Render { root, file, format } => render::run(root.root.as_deref(), &file, format),
        Command::Check {
            root,
            offline,
            fix,
            flags,
            files,
        } => check::run(root.root.as_deref(), offline, fix, &files, &flags.into()),
        Command::Init { dir } => init::run(dir.as_deref()),
        Command::Import {
            feed,
            root,
            dry_run,
            allow_private,
        } => import::run(&crate::import::Request {
            feed: &feed,
            root: root.as_deref().unwrap_or(std::path::Path::new(".")),
            dry_run,
            allow_private,
        }),
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
                kind,
                slug: slug.as_deref(),
            },
        ),
        Command::Schema { root, out } => schema::run(root.root.as_deref(), out.as_deref()),
        Command::Watch { root, out } => watch::run(root.root.as_deref(), out.as_deref()),
        Command::Serve {
            root,
            out,
            port,
            bind,
            open,
        } => serve::run(&crate::publish::serve::Options {
            root: root.root.as_deref(),
            out: out.as_deref(),
            port: port.unwrap_or(crate::publish::serve::DEFAULT_PORT),
            bind: bind.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
            open,
        }),
    }
}

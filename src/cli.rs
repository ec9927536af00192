//! Command-line arguments.

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shownotes",
    version,
    about = "Japanese show notes for podcasts, from one YAML file per episode",
    after_help = "Examples:\n  shownotes build\n  shownotes check --offline\n  shownotes render episodes/ep1.yaml --format txt\n\nExit codes: 0 ok, 1 problems found in the content, 2 usage or I/O failure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct RootArg {
    /// The show directory (holding series.yaml); by default the nearest one
    /// upward from the current directory.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every episode and, when none has an error, write the notes to dist/.
    #[command(
        after_help = "Examples:\n  shownotes build\n  shownotes build --root shows/pep-think --out public\n  shownotes build --format txt,md,chapters\n  shownotes build episodes/ep1.yaml"
    )]
    Build {
        #[command(flatten)]
        root: RootArg,
        /// Output directory [default: <root>/dist]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The outputs to write, comma-separated [default: all]
        #[arg(long, value_name = "LIST", value_enum, value_delimiter = ',')]
        format: Vec<crate::outputs::Output>,
        /// Episode files to build instead of all of episodes/.
        files: Vec<PathBuf>,
    },
    /// Render one episode to standard output.
    #[command(after_help = "Example:\n  shownotes render episodes/ep1.yaml --format txt")]
    Render {
        #[command(flatten)]
        root: RootArg,
        /// The episode file.
        file: PathBuf,
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
    },
    /// Check the content for problems, as CI does on every pull request.
    #[command(after_help = "Example:\n  shownotes check --offline")]
    Check {
        #[command(flatten)]
        root: RootArg,
        /// Skip live link checking.
        #[arg(long)]
        offline: bool,
        /// Episode files to check instead of all of episodes/.
        files: Vec<PathBuf>,
    },
}

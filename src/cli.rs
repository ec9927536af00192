//! Command-line arguments.

use crate::commands::new::Kind;
use crate::render::context::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shownotes",
    version,
    about = "Japanese show notes for podcasts, from one YAML file per episode",
    after_help = "Examples:\n  shownotes init my-show\n  shownotes new --title \"第2回: ...\"\n  shownotes build\n  shownotes watch\n  shownotes check --offline\n  shownotes render episodes/ep1.yaml --format txt\n  shownotes schema\n\nExit codes: 0 ok, 1 problems found in the content, 2 usage or I/O failure."
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
        format: Vec<crate::publish::outputs::Output>,
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
    #[command(
        after_help = "Examples:\n  shownotes check\n  shownotes check --offline\n  shownotes check --format github --deny-warnings\n\nExit codes: 0 no error (warnings allowed unless --deny-warnings), 1 errors found, 2 usage or I/O failure."
    )]
    Check {
        #[command(flatten)]
        root: RootArg,
        /// Skip live link checking.
        #[arg(long)]
        offline: bool,
        #[command(flatten)]
        flags: crate::check::options::CheckFlags,
        /// Episode files to check instead of all of episodes/.
        files: Vec<PathBuf>,
    },
    /// Create a new show: series.yaml, an example episode, templates/,
    /// schemas, .gitignore and a pull-request workflow. Never overwrites.
    #[command(
        after_help = "Examples:\n  shownotes init\n  shownotes init my-show && cd my-show && shownotes build\n\nExit codes: 0 created, 2 a file already exists (all are named; nothing is written) or I/O failure."
    )]
    Init {
        /// The directory of the new show (created if missing) [default: .]
        dir: Option<PathBuf>,
    },
    /// Write the next episode file: numbered after the highest `number`,
    /// dated today, with a skeleton to fill in. Prints its path.
    #[command(
        after_help = "Examples:\n  shownotes new\n  shownotes new --title \"第13回: 半導体と経済安全保障\" --slug chips\n  shownotes new --date 2026-04-01\n  shownotes new --kind minutes --title \"定例会議\"\n\nExit codes: 0 written, 2 the file exists, bad --slug/--date, or I/O failure."
    )]
    New {
        #[command(flatten)]
        root: RootArg,
        /// The title [default: a placeholder to replace]
        #[arg(long)]
        title: Option<String>,
        /// The date, YYYY-MM-DD [default: today, local time]
        #[arg(long, value_parser = crate::commands::new::parse_date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "episode")]
        kind: Kind,
        /// Appended to the file name: `ep013-<SLUG>.yaml` (ASCII letters,
        /// digits, `-`, `_`).
        #[arg(long)]
        slug: Option<String>,
    },
    /// Write the JSON Schemas (draft 2020-12) of episode files and
    /// series.yaml, for editor completion and inline errors.
    #[command(
        after_help = "Examples:\n  shownotes schema\n  shownotes schema --out .vscode/schema\n\nWrites episode.schema.json and series.schema.json (files already up to date are left alone).\nExit codes: 0 written, 2 I/O failure."
    )]
    Schema {
        #[command(flatten)]
        root: RootArg,
        /// Output directory [default: <root>/schema, or ./schema outside a show]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build, then rebuild whenever series.yaml, episodes/ or templates/
    /// change. Problems are printed; watching goes on. Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  shownotes watch\n  shownotes watch --root shows/pep-think --out public\n\nExit codes: 0 stopped with Ctrl-C, 2 no show found or the files cannot be watched."
    )]
    Watch {
        #[command(flatten)]
        root: RootArg,
        /// Output directory [default: <root>/dist]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

//! Command-line arguments: clap's types live here only, and are turned
//! into the stages' own types (`From` impls at the end of this file).

use crate::check::options::{ALLOW_PRIVATE_ENV, CheckFlags, OutputFormat};
use crate::model::kind::Kind;
use crate::publish::outputs::Output;
use crate::render::context::Format;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(
    name = "shownotes",
    version,
    about = "Japanese show notes for podcasts, from one YAML file per episode",
    after_help = "Examples:\n  shownotes init my-show\n  shownotes new --title \"第2回: ...\"\n  shownotes build\n  shownotes watch\n  shownotes serve\n  shownotes check --offline\n  shownotes render episodes/ep1.yaml --format txt\n  shownotes schema\n\nExit codes: 0 ok, 1 problems found in the content, 2 usage or I/O failure."
)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Args)]
pub(crate) struct RootArg {
    /// The show directory (holding series.yaml); by default the nearest one
    /// upward from the current directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) root: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = choices(Output::CHOICES))]
        format: Vec<Output>,
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
        #[arg(long, default_value = "md", value_parser = choices(Format::CHOICES))]
        format: Format,
    },
    /// Check the content for problems, as CI does on every pull request.
    #[command(
        after_help = "Examples:\n  shownotes check\n  shownotes check --offline\n  shownotes check --offline --fix\n  shownotes check --format github --deny-warnings\n\nExit codes: 0 no error (warnings allowed unless --deny-warnings), 1 errors found, 2 usage or I/O failure."
    )]
    Check {
        #[command(flatten)]
        root: RootArg,
        /// Skip live link checking.
        #[arg(long)]
        offline: bool,
        /// First rewrite, in place, what has a safe fix: full-width letters
        /// and digits, half-width katakana, 。。, invisible characters, the
        /// `terms` of series.yaml. Prints each change.
        #[arg(long)]
        fix: bool,
        #[command(flatten)]
        flags: CheckArgs,
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
    /// Turn an existing podcast feed into a show: series.yaml and one
    /// episodes/<slug>.yaml per item, keeping guids, enclosures, dates,
    /// durations and numbers. Never overwrites a file.
    #[command(
        after_help = "Examples:\n  shownotes import https://example.com/feed.xml --root my-show\n  shownotes import feed.xml --dry-run\n\nExit codes: 0 imported (warnings allowed), 1 the feed cannot be read (its line and column are shown), 2 usage, network or I/O failure."
    )]
    Import {
        /// The feed: a file path or an http(s) URL.
        feed: String,
        /// The directory of the new show (created if missing) [default: .]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Print the plan (files, topics, warnings) and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Fetch a feed on a private or loopback address.
        #[arg(long)]
        allow_private: bool,
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
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long, default_value = "episode", value_parser = choices(Kind::CHOICES))]
        kind: Kind,
        /// Appended to the file name: `ep013-<SLUG>.yaml` (ASCII letters,
        /// digits, `-`, `_`).
        #[arg(long)]
        slug: Option<String>,
    },
    /// Write the JSON Schemas (draft 2020-12) of episode files and
    /// series.yaml, for editor completion and inline errors.
    #[command(
        after_help = "Examples:\n  shownotes schema\n  shownotes schema --out .vscode/schema\n\nWrites episode.schema.json, minutes.schema.json and series.schema.json (files already up to date are left alone).\nExit codes: 0 written, 2 I/O failure."
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
    /// Serve the built show on this machine, rebuild on every change and
    /// reload the open pages. Problems show in the terminal and over the page.
    #[command(
        after_help = "Examples:\n  shownotes serve\n  shownotes serve --port 0 --open\n  shownotes serve --bind 0.0.0.0 --port 8080\n\nExit codes: 0 stopped with Ctrl-C, 2 no show found, the port is in use, or the files cannot be watched."
    )]
    Serve {
        #[command(flatten)]
        root: RootArg,
        /// Output directory [default: <root>/dist]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The port to listen on; 0 picks a free one [default: 4000]
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// The address to listen on; other machines reach the preview only
        /// when it is not a loopback address [default: 127.0.0.1]
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::IpAddr>,
        /// Open the series page in the default browser after the first build.
        #[arg(long)]
        open: bool,
    },
}

/// A clap value parser over one of the core's tables of choices (name,
/// help, value), so the names and their help are written once, in the core.
fn choices<T: Copy + Send + Sync + 'static>(
    table: &'static [(&'static str, &'static str, T)],
) -> impl clap::builder::TypedValueParser<Value = T> {
    let names = table
        .iter()
        .map(|(name, help, _)| PossibleValue::new(*name).help(*help));
    PossibleValuesParser::new(names).try_map(move |name: String| {
        table
            .iter()
            .find(|(known, ..)| *known == name)
            .map(|(.., value)| *value)
            .ok_or_else(|| format!("unknown value `{name}`"))
    })
}

/// The `check` flags beyond `--offline` and the files.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct CheckArgs {
    /// How to print the findings.
    #[arg(long, default_value = "human", value_parser = choices(OutputFormat::CHOICES))]
    pub(crate) format: OutputFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// Check links on loopback, private and other non-global addresses.
    /// Only the command line or the environment (the CI owner) can allow
    /// this, never series.yaml (content).
    #[arg(long, env = ALLOW_PRIVATE_ENV, value_parser = clap::builder::BoolishValueParser::new())]
    pub(crate) allow_private: bool,
    /// Check every link afresh: ignore and do not update .shownotes/link-cache.json.
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// How long a cached link result stays valid [default: 1d].
    #[arg(long, value_name = "AGE", value_parser = duration)]
    pub(crate) max_cache_age: Option<Duration>,
    /// Requests in flight at once, over all hosts [default: 32].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub(crate) max_concurrency: Option<u16>,
    /// Requests in flight at once to one host [default: 4].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub(crate) max_per_host: Option<u16>,
    /// Minimum time between two requests to one host [default: 100ms].
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub(crate) host_interval: Option<Duration>,
    /// Time limit of a whole request [default: 20s].
    #[arg(long, value_name = "DURATION", value_parser = crate::input::duration_text::parse_positive)]
    pub(crate) timeout: Option<Duration>,
    /// Time limit to connect [default: 10s].
    #[arg(long, value_name = "DURATION", value_parser = crate::input::duration_text::parse_positive)]
    pub(crate) connect_timeout: Option<Duration>,
    /// Time limit of the whole link check; links not answered by then are
    /// reported as `link-check-by-hand` [default: 5m].
    #[arg(long, value_name = "DURATION", value_parser = crate::input::duration_text::parse_positive)]
    pub(crate) max_time: Option<Duration>,
    /// The first retry delay, doubled for each further retry [default: 1s].
    /// Hidden: for the test suite, so retry tests run fast.
    #[arg(long, value_name = "DURATION", value_parser = duration, hide = true)]
    pub(crate) retry_backoff: Option<Duration>,
}

impl From<CheckArgs> for CheckFlags {
    fn from(args: CheckArgs) -> Self {
        CheckFlags {
            format: args.format,
            deny_warnings: args.deny_warnings,
            allow_private: args.allow_private,
            no_cache: args.no_cache,
            max_cache_age: args.max_cache_age,
            max_concurrency: args.max_concurrency,
            max_per_host: args.max_per_host,
            host_interval: args.host_interval,
            timeout: args.timeout,
            connect_timeout: args.connect_timeout,
            max_time: args.max_time,
            retry_backoff: args.retry_backoff,
        }
    }
}

fn duration(text: &str) -> Result<Duration, String> {
    crate::input::duration_text::parse(text)
}

/// `new --date`: a calendar date written `YYYY-MM-DD`.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    if !crate::input::date_text::is_ymd_shaped(text) {
        return Err(format!("`{text}` is not written YYYY-MM-DD, e.g. 2026-03-10"));
    }
    crate::input::date_text::ymd(text).ok_or_else(|| format!("`{text}` is not a calendar date"))
}

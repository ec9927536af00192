//! The `shownotes` binary: parses the command line, runs the library and
//! turns its outcome into the exit code (0 clean, 1 content problems, 2 usage
//! or I/O errors).

use clap::Parser;
use shownotes::cli::Cli;
use shownotes::error::Outcome;
use std::process::ExitCode;

/// mimalloc: `check` and `build` allocate hundreds of small strings and
/// nodes per episode on every thread; glibc's malloc spent a tenth of their
/// instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match shownotes::run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

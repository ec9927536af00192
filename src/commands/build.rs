//! `shownotes build`: validate everything, then render and write every
//! format of every episode, atomically.

use crate::error::{Error, Outcome};
use crate::publish::build::{self, Request};
use crate::publish::outputs::Output;
use std::path::{Path, PathBuf};

pub(crate) fn run(
    root: Option<&Path>,
    out: Option<&Path>,
    formats: &[Output],
    files: &[PathBuf],
) -> Result<Outcome, Error> {
    let built = build::run(&Request {
        root,
        out,
        formats,
        files,
    })?;
    Ok(build::print(&built))
}

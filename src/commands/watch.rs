//! `shownotes watch`: build, then rebuild on every change until Ctrl-C.

use crate::error::{Error, Outcome};
use std::path::Path;

pub(crate) fn run(root: Option<&Path>, out: Option<&Path>) -> Result<Outcome, Error> {
    crate::publish::watch::run(root, out)
}

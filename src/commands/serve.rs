//! `shownotes serve`: serve the show with live reload until Ctrl-C.

use crate::error::{Error, Outcome};
use crate::publish::serve::Options;

pub(crate) fn run(options: &Options<'_>) -> Result<Outcome, Error> {
    crate::publish::serve::run(options)
}

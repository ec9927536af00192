//! `shownotes new`: writes the next episode (or meeting summary) file and
//! prints its path.

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::scaffold::document::{Options, create};
use crate::schema::{EPISODE_SCHEMA, SCHEMA_DIR};
use std::path::Path;

pub(crate) fn run(root: Option<&Path>, options: &Options) -> Result<Outcome, Error> {
    let created = create(root, options)?;
    crate::diagnostic::report::print(&created.warnings);
    crate::diagnostic::report::stdout_line(&show_dir::display_path(&created.path, None));
    if !created.root.join(SCHEMA_DIR).join(EPISODE_SCHEMA).is_file() {
        eprintln!(
            "note: run `shownotes schema` to create {SCHEMA_DIR}/{EPISODE_SCHEMA}, which editors use for completion"
        );
    }
    Ok(Outcome::Clean)
}

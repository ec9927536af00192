//! `shownotes schema`: writes the JSON Schemas of `schema.rs` for editors.

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::schema::{SCHEMA_DIR, write_into};
use std::path::{Path, PathBuf};

/// `--out DIR`, or `schema/` in the show root (the current directory when
/// there is no show).
pub(crate) fn run(root: Option<&Path>, out: Option<&Path>) -> Result<Outcome, Error> {
    let dir = match out {
        Some(out) => out.to_path_buf(),
        None => show_dir::find_root(root)?
            .unwrap_or_else(|| PathBuf::from("."))
            .join(SCHEMA_DIR),
    };
    let written = write_into(&dir)?;
    let display = show_dir::display_path(&dir, None);
    if written.is_empty() {
        eprintln!("the schemas in {display} are up to date");
    } else {
        for path in &written {
            crate::diagnostic::report::stdout_line(&show_dir::display_path(path, None));
        }
        eprintln!(
            "wrote {} schema file{} into {display}",
            written.len(),
            if written.len() == 1 { "" } else { "s" }
        );
    }
    Ok(Outcome::Clean)
}

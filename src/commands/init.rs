//! `shownotes init [DIR]`: a new show, ready to build. Never overwrites:
//! if any file exists, each is named and nothing is written (exit 2).

use crate::error::{Error, Outcome};
use crate::input::show_dir;
use std::path::Path;

pub(crate) fn run(dir: Option<&Path>) -> Result<Outcome, Error> {
    let dir = dir.unwrap_or(Path::new("."));
    for path in crate::scaffold::show::create(dir)? {
        crate::diagnostic::report::stdout_line(&show_dir::display_path(&path, None));
    }
    let shown = show_dir::display_path(dir, None);
    eprintln!(
        "created a new show in {shown}; next: {}shownotes build",
        if dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {shown} && ")
        }
    );
    Ok(Outcome::Clean)
}

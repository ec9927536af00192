//! `shownotes import`: prints what the import wrote (or would write) and
//! skipped, its warnings and a summary.

use crate::error::{Error, Outcome};
use crate::import::{Request, run as import};
use crate::input::show_dir;

pub(crate) fn run(request: &Request<'_>) -> Result<Outcome, Error> {
    let imported = import(request)?;
    if let Some(unreadable) = &imported.unreadable {
        crate::diagnostic::report::print(std::slice::from_ref(unreadable));
        return Ok(Outcome::Problems);
    }
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    let verb = if request.dry_run { "would write" } else { "wrote" };
    let mut written = 0;
    for file in &imported.files {
        let path = show_dir::display_path(&file.path, None);
        if file.exists {
            println!("skipped {path} (it exists; not overwritten)");
        } else {
            written += 1;
            println!("{verb} {path}");
        }
    }
    eprintln!(
        "{} item{}: {} topics, {} links, {} warning{}; {verb} {written} file{}{}",
        imported.items,
        if imported.items == 1 { "" } else { "s" },
        imported.topics,
        imported.links,
        imported.warnings.len(),
        if imported.warnings.len() == 1 { "" } else { "s" },
        if written == 1 { "" } else { "s" },
        if request.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        },
    );
    Ok(Outcome::Clean)
}

//! `shownotes build`: validate everything, then render and write every
//! format of every episode, atomically.

use crate::diagnostic::{Diagnostic, Tally};
use crate::document::Document;
use crate::error::{Error, Outcome};
use crate::output::Stage;
use crate::outputs::{Output, Selection};
use crate::show;
use crate::templates::Templates;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(
    root: Option<&Path>,
    out: Option<&Path>,
    formats: &[Output],
    files: &[PathBuf],
) -> Result<Outcome, Error> {
    let started = Instant::now();
    let mut selection = Selection::new(formats);
    // The series page and the feed list the whole show: a build of some
    // episodes only leaves them as they are.
    if !files.is_empty() && selection.show_level() {
        if formats.iter().any(|f| f.is_show_level()) {
            return Err(Error::Usage(
                "index and feed list every episode of the show; build them without naming episode files"
                    .into(),
            ));
        }
        selection = selection.without_show_level();
    }
    let workspace = Workspace::open(root, files)?;
    // The feed needs `base_url`. Asked for by name, its absence is an error
    // (`publish::feed_settings`); in the default "everything" it is a note.
    let mut notes = Vec::new();
    if formats.is_empty()
        && selection.has(Output::Feed)
        && workspace.series.as_ref().is_none_or(|s| s.base_url.is_none())
    {
        selection = selection.without(Output::Feed);
        if let Some(series) = &workspace.series {
            notes.push(
                Diagnostic::warning(
                    "no-feed",
                    "feed.xml is not written: series.yaml has no `base_url`",
                )
                .in_file(&series.file)
                .help("set `base_url: https://example.com/show/` to publish a podcast feed"),
            );
        }
    }
    let explicit = out;
    let out = match (out, workspace.root()) {
        (Some(out), _) => out.to_path_buf(),
        (None, Some(root)) => root.join("dist"),
        (None, None) => PathBuf::from("dist"),
    };
    if let Some(root) = workspace.root() {
        check_out_dir(root, &out)?;
        // The default `dist` may be a symbolic link committed with the
        // content: it must not lead the build outside the show.
        let real_root = resolved(root)?;
        if explicit.is_none() && !resolved(&out)?.starts_with(&real_root) {
            return Err(Error::Usage(format!(
                "{} leads outside the show; remove that link, or pass --out DIR to choose where to write",
                show::display_path(&out, None)
            )));
        }
    }
    let (templates, template_diagnostics) =
        match Templates::load(workspace.templates_dir().as_deref(), workspace.root()) {
            Ok(templates) => (Some(templates), Vec::new()),
            Err(diagnostics) => (None, diagnostics),
        };
    let stage = Stage::new(&out)?;
    for (name, text) in crate::schema_command::files() {
        stage.write(
            &Path::new(crate::schema_command::SCHEMA_DIR).join(name),
            text.as_bytes(),
        )?;
    }
    // Load, validate and (while no error has been seen) render in one
    // parallel pass; each episode is dropped as soon as it is written.
    let results = show::for_each_episode(&workspace.files, workspace.root(), |loaded| {
        let mut diagnostics = loaded.diagnostics;
        let clean = !diagnostics.iter().any(Diagnostic::is_error);
        let mut summary = None;
        if let (Some(document), Some(templates), true) = (loaded.document, &templates, clean) {
            let series = workspace.series.as_ref();
            let result = match &document {
                Document::Episode(episode) => {
                    crate::publish::episode(templates, series, episode, &selection, &stage)?
                }
                Document::Minutes(_) => {
                    crate::publish::minutes(templates, series, &document, &selection, &stage)?
                }
            };
            diagnostics.extend(result.diagnostics);
            summary = result.summary;
        }
        Ok((diagnostics, summary))
    })?;
    let mut diagnostics = workspace.diagnostics;
    diagnostics.extend(template_diagnostics);
    diagnostics.extend(notes);
    diagnostics.extend(crate::publish::feed_settings(
        workspace.series.as_ref(),
        &selection,
    ));
    let mut template_failed = false;
    let mut summaries = Vec::new();
    for result in results {
        let (episode_diagnostics, summary) = result?;
        summaries.extend(summary);
        for diagnostic in episode_diagnostics {
            // A broken template fails every episode the same way: say it once.
            if diagnostic.code == "template" {
                if template_failed {
                    continue;
                }
                template_failed = true;
            }
            diagnostics.push(diagnostic);
        }
    }
    if let Some(templates) = &templates
        && selection.show_level()
        && !diagnostics.iter().any(Diagnostic::is_error)
    {
        let show_diagnostics = crate::publish::show(
            templates,
            workspace.series.as_ref(),
            summaries,
            &selection,
            &stage,
        )?;
        diagnostics.extend(show_diagnostics);
    }
    crate::report::print(&diagnostics);
    let tally = Tally::of(&diagnostics);
    if tally.errors > 0 {
        eprintln!(
            "build failed: {tally}; nothing in {} was changed",
            show::display_path(&out, None)
        );
        return Ok(Outcome::Problems);
    }
    let written = stage.commit()?;
    let unchanged = match written.unchanged {
        0 => String::new(),
        n => format!(", {n} unchanged"),
    };
    eprintln!(
        "built {} episode{} ({} files{unchanged}) into {} in {:.2} s",
        workspace.files.len(),
        if workspace.files.len() == 1 { "" } else { "s" },
        written.changed + written.unchanged,
        show::display_path(&out, None),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Clean)
}

/// `path` made absolute with every symbolic link and `..` resolved, also
/// when its last components do not exist yet.
fn resolved(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut real = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                // `..` at the end, or the file system root: keep as is.
                _ => break existing.to_path_buf(),
            },
        }
    };
    for name in rest.into_iter().rev() {
        if name == ".." {
            real.pop();
        } else {
            real.push(name);
        }
    }
    Ok(real)
}

/// The output directory must not be (or contain, or lie inside) the
/// show's sources: outputs in `templates/` would become template
/// overrides, in `episodes/` episodes, and `watch` would see its own
/// writes; an output directory holding the show root (`--out .`) would
/// mix outputs with sources. Each is a usage error (exit 2).
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), Error> {
    let real_root = resolved(root)?;
    let real_out = resolved(out)?;
    let shown = out.display();
    if real_root.starts_with(&real_out) {
        return Err(Error::Usage(format!(
            "--out {shown} is the show directory or holds it: outputs would be mixed with the show's files; choose a directory of its own, such as dist"
        )));
    }
    for name in [show::EPISODES_DIR, show::TEMPLATES_DIR] {
        let sources = resolved(&root.join(name))?;
        if real_out.starts_with(&sources) || sources.starts_with(&real_out) {
            return Err(Error::Usage(format!(
                "--out {shown} overlaps {name}/: outputs would be read back as {}; choose a directory outside episodes/ and templates/, such as dist",
                if name == show::TEMPLATES_DIR {
                    "template overrides"
                } else {
                    "episodes"
                }
            )));
        }
    }
    Ok(())
}

//! The build pipeline: load, validate and render every document in one
//! parallel pass, then the show-level outputs, all into a `Stage` that
//! becomes `dist/` only when nothing failed.

use crate::diagnostic::{Diagnostic, Tally};
use crate::error::{Error, Outcome};
use crate::input::show_dir;
use crate::model::series::Series;
use crate::publish::document::DocumentResult;
use crate::publish::outputs::{Output, Selection};
use crate::publish::stage::{Stage, Written};
use crate::render::templates::Templates;
use crate::validate::workspace::{Workspace, for_each_document};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to build.
pub(crate) struct Request<'a> {
    /// `--root`, or the show found upward from the current directory.
    pub(crate) root: Option<&'a Path>,
    /// `--out` [default: `<root>/dist`].
    pub(crate) out: Option<&'a Path>,
    /// The outputs asked for; all of them when empty.
    pub(crate) formats: &'a [Output],
    /// The documents to build; all of `episodes/` when empty.
    pub(crate) files: &'a [PathBuf],
}

/// How a build went.
pub(crate) struct Built {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The output directory.
    pub(crate) out: PathBuf,
    pub(crate) documents: usize,
    /// What was written; `None` when an error left the output untouched.
    pub(crate) written: Option<Written>,
    pub(crate) started: Instant,
}

/// What an incremental rebuild needs from a full one: the loaded series
/// and templates, the outputs selected, and each file's result, in file
/// order.
pub(crate) struct Kept {
    pub(crate) series: Option<Series>,
    pub(crate) templates: Option<Templates>,
    pub(crate) selection: Selection,
    pub(crate) documents: Vec<(PathBuf, DocumentResult)>,
}

pub(crate) fn run(request: &Request<'_>) -> Result<Built, Error> {
    run_keeping(request).map(|(built, _)| built)
}

/// A build, keeping what an incremental rebuild starts from.
pub(crate) fn run_keeping(request: &Request<'_>) -> Result<(Built, Kept), Error> {
    let started = Instant::now();
    let mut selection = Selection::new(request.formats);
    // The series page and the feed list the whole show: a build of some
    // episodes only leaves them as they are.
    if !request.files.is_empty() && selection.show_level() {
        if request.formats.iter().any(|f| f.is_show_level()) {
            return Err(Error::Usage(
                "index and feed list every episode of the show; build them without naming episode files"
                    .into(),
            ));
        }
        selection = selection.without_show_level();
    }
    let workspace = Workspace::open(request.root, request.files)?;
    let mut diagnostics = workspace.diagnostics.clone();
    let no_feed = feed_selection(&workspace, request.formats, &mut selection);
    let out = match (request.out, workspace.root()) {
        (Some(out), _) => out.to_path_buf(),
        (None, Some(root)) => root.join("dist"),
        (None, None) => PathBuf::from("dist"),
    };
    if let Some(root) = workspace.root() {
        show_dir::check_out_dir(root, &out)?;
        // The default `dist` may be a symbolic link committed with the
        // content: it must not lead the build outside the show.
        let real_root = show_dir::resolved(root)?;
        if request.out.is_none() && !show_dir::resolved(&out)?.starts_with(&real_root) {
            return Err(Error::Usage(format!(
                "{} leads outside the show; remove that link, or pass --out DIR to choose where to write",
                show_dir::display_path(&out, None)
            )));
        }
    }
    let templates = match Templates::load(workspace.templates_dir().as_deref(), workspace.root()) {
        Ok(templates) => Some(templates),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    diagnostics.extend(no_feed);
    diagnostics.extend(crate::publish::document::feed_settings(
        workspace.series.as_ref(),
        &selection,
    ));
    let stage = Stage::new(&out)?;
    for (name, text) in crate::schema::files() {
        stage.write(&Path::new(crate::schema::SCHEMA_DIR).join(name), text.as_bytes())?;
    }
    // Load, validate and (while no error has been seen) render in one
    // parallel pass; each document is dropped as soon as it is written.
    let results = for_each_document(&workspace.files, workspace.root(), |loaded| {
        let series = workspace.series.as_ref();
        crate::publish::document::pass(loaded, templates.as_ref(), series, &selection, &stage)
    })?;
    let results = results
        .into_iter()
        .collect::<Result<Vec<DocumentResult>, Error>>()?;
    let mut failed = false;
    for result in &results {
        diagnostics.extend(result.diagnostics.iter().cloned());
        // A broken template fails every document the same way: say it once.
        if let Some(failure) = &result.failure
            && !std::mem::replace(&mut failed, true)
        {
            diagnostics.push(failure.clone());
        }
    }
    if let Some(templates) = &templates
        && selection.show_level()
        && !diagnostics.iter().any(Diagnostic::is_error)
    {
        let series = workspace.series.as_ref();
        let summaries = results.iter().filter_map(|r| r.summary.as_ref()).collect();
        diagnostics.extend(crate::publish::document::show(
            templates, series, summaries, &selection, &stage,
        )?);
    }
    let written = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        Some(stage.commit()?)
    };
    let built = Built {
        diagnostics,
        out,
        documents: workspace.files.len(),
        written,
        started,
    };
    let kept = Kept {
        documents: workspace.files.into_iter().zip(results).collect(),
        series: workspace.series,
        templates,
        selection,
    };
    Ok((built, kept))
}

/// The feed needs `base_url`. Asked for by name, its absence is an error
/// (`document::feed_settings`); in the default "everything" the feed is
/// left out with a warning.
fn feed_selection(
    workspace: &Workspace,
    formats: &[Output],
    selection: &mut Selection,
) -> Option<Diagnostic> {
    let series = workspace.series.as_ref();
    if !formats.is_empty() || !selection.has(Output::Feed) || series.is_some_and(|s| s.base_url.is_some()) {
        return None;
    }
    *selection = selection.without(Output::Feed);
    let series = series?;
    Some(
        Diagnostic::warning(
            "no-feed",
            "feed.xml is not written: series.yaml has no `base_url`",
        )
        .in_file(&series.file)
        .help("set `base_url: https://example.com/show/` to publish a podcast feed"),
    )
}

/// Prints the diagnostics of a build and its closing line.
pub(crate) fn print(built: &Built) -> Outcome {
    crate::diagnostic::report::print(&built.diagnostics);
    eprintln!("{}", closing_line(built));
    match built.written {
        Some(_) => Outcome::Clean,
        None => Outcome::Problems,
    }
}

/// What a build wrote and how long it took, or why it wrote nothing.
pub(crate) fn closing_line(built: &Built) -> String {
    let out = show_dir::display_path(&built.out, None);
    let Some(written) = &built.written else {
        return format!(
            "build failed: {}; nothing in {out} was changed",
            Tally::of(&built.diagnostics)
        );
    };
    let unchanged = match written.unchanged {
        0 => String::new(),
        n => format!(", {n} unchanged"),
    };
    format!(
        "built {} episode{} ({} files{unchanged}) into {out} in {:.2} s",
        built.documents,
        if built.documents == 1 { "" } else { "s" },
        written.changed + written.unchanged,
        built.started.elapsed().as_secs_f64()
    )
}

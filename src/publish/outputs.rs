//! What `build --format LIST` selects: the files written per episode and
//! for the whole show.

use crate::render::context::Format;

/// One output of `shownotes build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Output {
    /// `<slug>/notes.txt`: plain text notes.
    Txt,
    /// `<slug>/notes.md`: Markdown notes.
    Md,
    /// `<slug>/index.html`: the episode page.
    Html,
    /// `<slug>/chapters.json`: Podcasting 2.0 JSON chapters.
    Chapters,
    /// `<slug>/youtube.txt`: a YouTube description with chapters.
    Youtube,
    /// `<slug>/description.html`: Apple Podcasts / Spotify description.
    Description,
    /// `index.html`: the series page.
    Index,
    /// `feed.xml`: the RSS feed with itunes and podcast namespaces.
    Feed,
}

impl Output {
    /// Name (as written on the command line), what it is, and the output.
    pub(crate) const CHOICES: &'static [(&'static str, &'static str, Output)] = &[
        ("txt", "<slug>/notes.txt: plain text notes", Output::Txt),
        ("md", "<slug>/notes.md: Markdown notes", Output::Md),
        ("html", "<slug>/index.html: the episode page", Output::Html),
        (
            "chapters",
            "<slug>/chapters.json: Podcasting 2.0 JSON chapters",
            Output::Chapters,
        ),
        (
            "youtube",
            "<slug>/youtube.txt: a YouTube description with chapters",
            Output::Youtube,
        ),
        (
            "description",
            "<slug>/description.html: Apple Podcasts / Spotify description",
            Output::Description,
        ),
        ("index", "index.html: the series page", Output::Index),
        (
            "feed",
            "feed.xml: the RSS feed with itunes and podcast namespaces",
            Output::Feed,
        ),
    ];

    pub(crate) const ALL: [Output; 8] = [
        Output::Txt,
        Output::Md,
        Output::Html,
        Output::Chapters,
        Output::Youtube,
        Output::Description,
        Output::Index,
        Output::Feed,
    ];

    /// The template-only episode formats, which `render` also knows.
    pub(crate) fn format(self) -> Option<Format> {
        match self {
            Output::Txt => Some(Format::Txt),
            Output::Md => Some(Format::Md),
            Output::Html => Some(Format::Html),
            _ => None,
        }
    }

    /// Outputs made from every episode of the show at once.
    pub(crate) fn is_show_level(self) -> bool {
        matches!(self, Output::Index | Output::Feed)
    }

    /// The file written (under `dist/<slug>/` for episode outputs).
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Output::Txt | Output::Md | Output::Html => self.format().map_or("", Format::file_name),
            Output::Chapters => "chapters.json",
            Output::Youtube => "youtube.txt",
            Output::Description => "description.html",
            Output::Index => "index.html",
            Output::Feed => "feed.xml",
        }
    }
}

/// The outputs of one build.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection(Vec<Output>);

impl Selection {
    /// The listed outputs; every output when the list is empty.
    pub(crate) fn new(list: &[Output]) -> Self {
        if list.is_empty() {
            Self(Output::ALL.to_vec())
        } else {
            Self(Output::ALL.into_iter().filter(|o| list.contains(o)).collect())
        }
    }

    pub(crate) fn has(&self, output: Output) -> bool {
        self.0.contains(&output)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Output> + '_ {
        self.0.iter().copied()
    }

    /// Leaves out one output.
    pub(crate) fn without(&self, output: Output) -> Self {
        Self(self.0.iter().copied().filter(|o| *o != output).collect())
    }

    /// Leaves out the show-level outputs (when only some episodes are built).
    pub(crate) fn without_show_level(&self) -> Self {
        Self(self.0.iter().copied().filter(|o| !o.is_show_level()).collect())
    }

    pub(crate) fn show_level(&self) -> bool {
        self.0.iter().any(|o| o.is_show_level())
    }
}

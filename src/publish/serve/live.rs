//! Live reload: every rebuild bumps a generation number that open pages
//! follow over Server-Sent Events, reloading when it moves. While the last
//! rebuild failed, served pages carry an overlay with its diagnostics (the
//! page under it is the last good build, still in the output directory).

use crate::publish::incremental::Update;
use std::sync::Mutex;
use tokio::sync::watch;

/// The path of the event stream; nothing in the output directory can have
/// it (hidden names are not served).
pub(crate) const EVENTS: &str = "/__shownotes/events";

/// What the server shares with the rebuild loop.
pub(crate) struct Live {
    generation: watch::Sender<u64>,
    /// The diagnostics of the last rebuild, as the terminal showed them,
    /// when it failed.
    failure: Mutex<Option<String>>,
}

impl Live {
    pub(crate) fn new() -> Self {
        Self {
            generation: watch::Sender::new(0),
            failure: Mutex::new(None),
        }
    }

    /// Records a rebuild and tells the open pages to reload.
    pub(crate) fn rebuilt(&self, update: &Update) {
        let failure = (!update.ok).then(|| {
            let mut text: String = update
                .diagnostics
                .iter()
                .map(|d| format!("{}\n\n", d.render(false)))
                .collect();
            text.push_str(&update.line);
            text
        });
        *self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = failure;
        self.generation.send_modify(|g| *g += 1);
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    /// What goes before `</body>` of a served page: the reload script, and
    /// the overlay when the last rebuild failed.
    pub(crate) fn snippet(&self) -> String {
        let generation = *self.generation.borrow();
        let mut snippet = format!(
            "<script>(function(){{var seen={generation};var s=new EventSource(\"{EVENTS}\");\
s.addEventListener(\"generation\",function(e){{if(Number(e.data)!==seen){{s.close();location.reload();}}}});}})();</script>"
        );
        let failure = self
            .failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(text) = failure.as_deref() {
            snippet.push_str(&overlay(text));
        }
        snippet
    }
}

/// The overlay of a failed rebuild: the diagnostics, escaped, over the page.
fn overlay(diagnostics: &str) -> String {
    format!(
        "<div id=\"shownotes-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;background:rgba(20,20,20,.92);color:#f5f5f5;padding:2em;font:14px/1.5 monospace\">\
<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right\">×</button>\
<p style=\"color:#ff8080;font-weight:bold\">shownotes: the last rebuild failed; the page shown is the last good build.</p>\
<pre style=\"white-space:pre-wrap\">{}</pre></div>",
        html_escape::encode_text(diagnostics)
    )
}

#[cfg(test)]
mod tests {
    use super::Live;
    use crate::diagnostic::Diagnostic;
    use crate::publish::incremental::Update;

    #[test]
    fn a_failed_rebuild_shows_its_escaped_diagnostics_until_the_next_good_one() {
        let live = Live::new();
        assert!(!live.snippet().contains("shownotes-overlay"));
        let failed = Update {
            diagnostics: vec![Diagnostic::error("unknown-key", "unknown key `<script>`")],
            line: "build failed: 1 error, 0 warnings".into(),
            ok: false,
        };
        live.rebuilt(&failed);
        let snippet = live.snippet();
        assert!(snippet.contains("shownotes-overlay"), "{snippet}");
        assert!(snippet.contains("var seen=1;"), "{snippet}");
        assert!(!snippet.contains("`<script>`"), "{snippet}");
        assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
        live.rebuilt(&Update {
            ok: true,
            diagnostics: Vec::new(),
            ..failed
        });
        assert!(!live.snippet().contains("shownotes-overlay"));
    }
}

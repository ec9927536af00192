//! The live part of `check`: every unique link checked once (or taken from
//! the cache), concurrently within the politeness limits, with a progress
//! bar on a terminal.

use crate::check::cache::LinkCache;
use crate::check::client::{Checker, LinkResult};
use crate::check::finding::Finding;
use crate::check::links::Links;
use crate::check::options::CheckOptions;
use crate::error::Error;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

/// What the live check found.
#[derive(Debug, Default)]
pub(crate) struct LinkReport {
    pub(crate) findings: Vec<Finding>,
    pub(crate) checked: usize,
    pub(crate) from_cache: usize,
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

pub(crate) fn run(links: &Links, options: &CheckOptions, root: Option<&Path>) -> Result<LinkReport, Error> {
    let mut cache = match (root, options.use_cache) {
        (Some(root), true) => Some(LinkCache::load(root, options.max_cache_age)),
        _ => None,
    };
    let all: Vec<_> = links.iter().collect();
    let mut results: Vec<Option<LinkResult>> = all
        .iter()
        .map(|link| {
            cache
                .as_ref()
                .and_then(|c| c.get(link.url.as_str(), link.wants_title()))
        })
        .collect();
    let from_cache = results.iter().flatten().count();
    let pending: Vec<(usize, url::Url, bool)> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| results[*i].is_none())
        .map(|(i, link)| (i, link.url.clone(), link.wants_title()))
        .collect();
    if !pending.is_empty() {
        let bar = progress_bar(pending.len());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::LinkChecker(format!("no async runtime: {e}")))?;
        let waiting: Vec<usize> = pending.iter().map(|(index, ..)| *index).collect();
        let fresh = runtime.block_on(async {
            // The whole run ends by the deadline; whatever is unanswered
            // then is reported as not checked, never dropped.
            let deadline = tokio::time::Instant::now().checked_add(options.max_time);
            let checker = Arc::new(
                Checker::new(options)
                    .map_err(Error::LinkChecker)?
                    .with_deadline(deadline),
            );
            let mut tasks = tokio::task::JoinSet::new();
            for (index, url, want_title) in pending {
                let checker = Arc::clone(&checker);
                tasks.spawn(async move { (index, checker.check(&url, want_title).await) });
            }
            let mut fresh = Vec::new();
            loop {
                let next = match deadline {
                    Some(deadline) => match tokio::time::timeout_at(deadline, tasks.join_next()).await {
                        Ok(next) => next,
                        Err(_) => break,
                    },
                    None => tasks.join_next().await,
                };
                match next {
                    Some(Ok((index, result))) => {
                        bar.inc(1);
                        fresh.push((index, result));
                    }
                    Some(Err(e)) => return Err(Error::io("link checker", std::io::Error::other(e))),
                    None => break,
                }
            }
            tasks.abort_all();
            Ok(fresh)
        })?;
        bar.finish_and_clear();
        let mut answered = vec![false; all.len()];
        for (index, _) in &fresh {
            answered[*index] = true;
        }
        let fresh = fresh.into_iter().chain(
            waiting
                .into_iter()
                .filter(|index| !answered[*index])
                .map(|index| (index, LinkResult::out_of_time())),
        );
        for (index, result) in fresh {
            if let Some(cache) = &mut cache {
                cache.put(all[index].url.as_str(), &result);
            }
            results[index] = Some(result);
        }
    }
    let mut findings = Vec::new();
    for (link, result) in all.iter().zip(&results) {
        if let Some(result) = result {
            findings.extend(crate::check::link_findings::of(link, result));
        }
    }
    if let Some(cache) = cache {
        cache.save()?;
    }
    Ok(LinkReport {
        findings,
        checked: all.len(),
        from_cache,
    })
}

//! A new document file (`shownotes new`): the next episode file, numbered after the highest
//! existing `number`, dated today, with a skeleton that passes `check` and a
//! first line that points editors at the JSON Schema.

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::input::show_dir;
use crate::model::document::Document;
use crate::model::kind::Kind;
use crate::schema::{EPISODE_SCHEMA, MINUTES_SCHEMA, SCHEMA_DIR};
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) struct Options<'a> {
    pub(crate) title: Option<&'a str>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) kind: Kind,
    pub(crate) slug: Option<&'a str>,
}

/// The file written, and the problems of existing files met on the way.
pub(crate) struct Created {
    /// The show root the file was written in.
    pub(crate) root: PathBuf,
    pub(crate) path: PathBuf,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Writes the next document file of the show; never overwrites.
pub(crate) fn create(root: Option<&Path>, options: &Options) -> Result<Created, Error> {
    let Some(root) = show_dir::find_root(root)? else {
        return Err(Error::Usage(format!(
            "no {} here or in any parent directory; run `shownotes init` first, or pass --root DIR",
            show_dir::SERIES_FILE
        )));
    };
    if let Some(slug) = options.slug
        && !show_dir::is_valid_slug(slug)
    {
        return Err(Error::Usage(format!(
            "--slug `{slug}` cannot be part of a file name: use only ASCII letters, digits, `-` and `_`"
        )));
    }
    let (number, warnings) = next_number(&root)?;
    let date = options.date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let stem = match options.kind {
        Kind::Episode => format!("ep{number:03}"),
        Kind::Minutes => format!("minutes-{date}"),
    };
    let stem = match options.slug {
        Some(slug) => format!("{stem}-{slug}"),
        None => stem,
    };
    let dir = root.join(show_dir::EPISODES_DIR);
    let path = dir.join(format!("{stem}.yaml"));
    let text = match options.kind {
        Kind::Episode => episode_skeleton(number, options.title, date),
        Kind::Minutes => minutes_skeleton(options.title, date),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} already exists; nothing was written (choose another name with --slug)",
                show_dir::display_path(&path, None)
            )));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    file.write_all(text.as_bytes()).map_err(|e| Error::io(&path, e))?;
    Ok(Created { root, path, warnings })
}

/// The highest `number` among the episodes, plus one (1 when none has a
/// number). A file that cannot be read is reported as a warning and skipped.
fn next_number(root: &Path) -> Result<(i64, Vec<Diagnostic>), Error> {
    let files = show_dir::episode_files(root)?;
    let loaded = crate::validate::workspace::for_each_document(&files, Some(root), |loaded| loaded)?;
    let mut highest: i64 = 0;
    let mut warnings = Vec::new();
    for (path, loaded) in files.iter().zip(loaded) {
        // A file with errors may hold a partial episode: do not trust it.
        let document = loaded
            .document
            .filter(|_| !loaded.diagnostics.iter().any(Diagnostic::is_error));
        match document {
            Some(Document::Episode(episode)) => {
                // A decimal number (19.5) counts as its whole part.
                if let Some(number) = episode.number {
                    highest = highest.max(number.value.value.floor() as i64);
                }
            }
            // Meeting summaries have no number.
            Some(Document::Minutes(_)) => {}
            None => {
                warnings.push(Diagnostic::warning(
                    "skipped-file",
                    format!(
                        "{} does not load, so its number was not counted",
                        show_dir::display_path(path, Some(root))
                    ),
                ));
                warnings.extend(loaded.diagnostics.into_iter().map(|mut d| {
                    d.severity = Severity::Warning;
                    d
                }));
            }
        }
    }
    Ok((highest.saturating_add(1), warnings))
}

/// A string as a YAML double-quoted scalar (JSON's quoting is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// The editor hint naming the schema of the file's kind.
fn schema_line(schema: &str) -> String {
    format!("# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema}\n")
}

pub(crate) fn episode_skeleton(number: i64, title: Option<&str>, date: NaiveDate) -> String {
    let title = quoted(title.unwrap_or(&format!("第{number}回のタイトル")));
    format!(
        r#"{schema}
title: {title}
number: {number}
date: {date}

# 音声の長さ (任意): M:SS、MM:SS、H:MM:SS
# duration: "45:00"

# 冒頭の紹介文 (任意、Markdown)
lead: |
  今回のエピソードでは、……を取り上げます。

# トピック (必須、1 つ以上)。at は音声内の開始位置で、時刻順に並べます。
# at のないトピックは時刻なしで表示され、チャプターになりません。
# group: ニュース のように書くと、続く同じ group のトピックを 1 つの見出しにまとめます。
topics:
  - at: "00:00"
    title: "オープニング"
    # body: 本文 (任意、Markdown)
  - at: "01:00"
    title: "1 本目のトピック"
    body: |
      ここに内容を書きます。
    # 参考資料 (任意)
    # sources:
    #   - publisher: 発行元
    #     title: "記事のタイトル"
    #     url: https://example.com/article
    #     note: 短い注記 (任意、Markdown)
  # YouTube、Apple Podcasts、Spotify は 3 つ以上のトピックでチャプターを表示します。
  - at: "10:00"
    title: "まとめ"

# 参考リンク (任意): トピックに結びつかない資料。トピックのあとに表示されます。
# links:
#   - title: "ページのタイトル"
#     url: https://example.com/page

# こんな方におすすめ (任意)
# audience:
#   - "……を知りたい方"

# 登壇者・主催者 (任意)。省略すると series.yaml の値を使います。
# speakers:
#   - name: 氏名
#     role: 肩書き
#     kind: guest                      # host (既定)、co-host、guest など
#     url: https://example.com/about   # 本人のページ (任意)
"#,
        schema = schema_line(EPISODE_SCHEMA),
    )
}

pub(crate) fn minutes_skeleton(title: Option<&str>, date: NaiveDate) -> String {
    let title = quoted(title.unwrap_or(&format!("{date} の議事録")));
    format!(
        r#"{schema}
kind: minutes
title: {title}
date: {date}
# 開始・終了時刻 (HH:MM)
start: "10:00"
end: "11:00"

# 議題ごとのセクション。points の label は「決定」「宿題」など、by は発言者・担当者です。
sections:
  - heading: "議題 1"
    points:
      - label: "決定"
        text: "決まったことを書きます。"
        by: "氏名"
"#,
        schema = schema_line(MINUTES_SCHEMA),
    )
}
